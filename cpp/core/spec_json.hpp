#pragma once
// The JSON form of a ModelSpec, as the page sends it:
//   {"input_dim": 8,
//    "layers": [{"units": 10, "activation": "relu", "use_bias": true,
//                "kernel_initializer": "glorot_uniform", "bias_initializer": "zeros",
//                "l1": 0, "l2": 0, "name": "dense"}, ...],
//    "loss": "binary_crossentropy",
//    "optimizer": {"name": "adam", "learning_rate": 0.001, "beta_1": 0.9, ...}}
// A layer of another kind than Dense names its Keras class (or the catalogue's snake_case kind,
// "batch_normalization") in "kind" and takes that class's
// arguments: {"kind": "Dropout", "rate": 0.5}, {"kind": "BatchNormalization", "momentum": 0.99,
// "epsilon": 0.001, "center": true, "scale": true}, {"kind": "LayerNormalization", ...},
// {"kind": "Activation", "activation": "gelu"}, {"kind": "Flatten"}, {"kind": "ReLU",
// "max_value": null, "negative_slope": 0, "threshold": 0}, {"kind": "LeakyReLU",
// "negative_slope": 0.3}, {"kind": "ELU", "alpha": 1}, {"kind": "PReLU"}, {"kind": "Softmax"}.
// A Dense layer may also carry "bias_regularizer" and "activity_regularizer" ({"l1", "l2"}) and
// "kernel_constraint" / "bias_constraint" ({"class_name": "MaxNorm", "max_value": 2, "axis": 0});
// "input_shape" ([28, 28], with a Flatten first) gives the shape of a sample that is not flat.
// A missing key takes Keras's default (Dense(units) and the optimizer's constructor), except
// where Keras has none: input_dim, units and loss must be given. "optimizer" may also be just a
// name ("adam"); when it is missing it is Keras's compile() default, rmsprop. A misspelt key,
// a value of the wrong type, or a hyperparameter of another optimizer is an error that names it.
#include <string>
#include <vector>

#include "core/json_read.hpp"
#include "core/model_spec.hpp"

namespace neurostep {

// The hyperparameters of each optimizer, in Keras's order, as pointers into OptimizerConfig:
// one table serves the spec form, Keras's serialised optimizers and both writers.
struct OptimizerField {
  const char* key;
  double OptimizerConfig::*number;  // exactly one of number and flag is set
  bool OptimizerConfig::*flag;
};

inline std::vector<OptimizerField> optimizer_fields(OptimizerKind kind) {
  using C = OptimizerConfig;
  const OptimizerField lr{"learning_rate", &C::learning_rate, nullptr};
  const OptimizerField momentum{"momentum", &C::momentum, nullptr};
  const OptimizerField epsilon{"epsilon", &C::epsilon, nullptr};
  switch (kind) {
    case OptimizerKind::sgd: return {lr, momentum, {"nesterov", nullptr, &C::nesterov}};
    case OptimizerKind::adam:
      return {lr, {"beta_1", &C::beta_1, nullptr}, {"beta_2", &C::beta_2, nullptr}, epsilon,
              {"amsgrad", nullptr, &C::amsgrad}};
    case OptimizerKind::rmsprop: return {lr, {"rho", &C::rho, nullptr}, momentum, epsilon};
    case OptimizerKind::adagrad:
      return {lr, {"initial_accumulator_value", &C::initial_accumulator_value, nullptr}, epsilon};
  }
  return {lr};
}

namespace spec_json_detail {
using namespace json_read;

// Runs f; an Error from it gets `path: ` in front, for checks whose messages lack the place
// (keeping its id, error.hpp).
template <typename F>
auto at_path(const std::string& path, F f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error& e) {
    fail_at(path, e);
  }
}

inline const OptimizerField* find_field(const std::vector<OptimizerField>& fields,
                                        const std::string& key) {
  for (const auto& f : fields)
    if (key == f.key) return &f;
  return nullptr;
}

inline std::vector<std::string> field_keys(OptimizerKind kind) {
  std::vector<std::string> keys;
  for (const auto& f : optimizer_fields(kind)) keys.push_back(f.key);
  return keys;
}

inline void read_field(const OptimizerField& f, const Json& v, const std::string& path,
                       OptimizerConfig& c) {
  if (f.number) c.*f.number = number(v, path);
  else c.*f.flag = boolean(v, path);
}

// A key that some other optimizer takes gets a message saying so, not just "unknown".
[[noreturn]] inline void foreign_key(const std::string& path, const std::string& key,
                                     OptimizerKind kind, const std::string& extra_keys) {
  const std::string name = name_of(kind);
  const std::string takes = extra_keys + join(field_keys(kind));
  for (const auto& [other_name, other] : optimizer_names())
    if (find_field(optimizer_fields(other), key))
      fail_with("spec.foreign_key", "{path}: {key} is not a hyperparameter of {name} ({other} has it); {name} takes {takes}",
                {arg("path", path), arg("key", json_read::quoted(key)), arg("name", name), arg("other", other_name), arg("takes", takes)});
  fail_with("spec.unknown_optimizer_key", "{path}: unknown key {key}; {name} takes {takes}",
            {arg("path", path), arg("key", json_read::quoted(key)), arg("name", name), arg("takes", takes)});
}

inline Regularizer regularizer_from_spec(const Json& j, const std::string& path) {
  Regularizer r;
  if (j.is_null()) return r;
  object(j, path);
  check_keys(j, path, {"l1", "l2"});
  if (const Json* v = find(j, "l1")) r.l1 = number(*v, key_path(path, "l1"));
  if (const Json* v = find(j, "l2")) r.l2 = number(*v, key_path(path, "l2"));
  return r;
}

inline Constraint constraint_from_spec(const Json& j, const std::string& path) {
  if (j.is_null()) return {};
  object(j, path);
  check_keys(j, path, {"class_name", "max_value", "min_value", "rate", "axis"});
  const Json* cls = find(j, "class_name");
  if (cls == nullptr)
    fail_with("spec.constraint_no_class", "{path}: \"class_name\" is missing; it is one of MaxNorm, MinMaxNorm, UnitNorm, NonNeg", {arg("path", path)});
  const std::string p = key_path(path, "class_name"), name = string(*cls, p);
  Constraint c = default_constraint(at_path(p, [&] { return from_name(constraint_names(), name, "constraint"); }));
  if (const Json* v = find(j, "max_value")) c.max_value = number(*v, key_path(path, "max_value"));
  if (const Json* v = find(j, "min_value")) c.min_value = number(*v, key_path(path, "min_value"));
  if (const Json* v = find(j, "rate")) c.rate = number(*v, key_path(path, "rate"));
  if (const Json* v = find(j, "axis")) c.axis = static_cast<int>(integer(*v, key_path(path, "axis"), -1, 1));
  return c;
}

// The keys each kind takes, besides "kind", "name" and "activity_regularizer".
inline std::vector<std::string> spec_keys(LayerKind kind) {
  switch (kind) {
    case LayerKind::dense:
      return {"units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "l1", "l2",
              "bias_regularizer", "kernel_constraint", "bias_constraint"};
    case LayerKind::dropout: return {"rate"};
    case LayerKind::batch_normalization:
      return {"momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
              "moving_mean_initializer", "moving_variance_initializer"};
    case LayerKind::layer_normalization: return {"epsilon", "center", "scale", "beta_initializer", "gamma_initializer"};
    case LayerKind::activation: return {"activation"};
    case LayerKind::relu: return {"max_value", "negative_slope", "threshold"};
    case LayerKind::leaky_relu: return {"negative_slope"};
    case LayerKind::elu: return {"alpha"};
    case LayerKind::prelu: return {"alpha_initializer"};
    case LayerKind::flatten:
    case LayerKind::softmax: break;
  }
  return {};
}

inline LayerConfig layer_from_json(const Json& j, const std::string& path) {
  object(j, path);
  LayerKind kind = LayerKind::dense;
  if (const Json* k = find(j, "kind"); given(k)) {
    const std::string p = key_path(path, "kind"), name = string(*k, p);
    if (!layer_kind_from_name(name, kind))
      fail_with("spec.layer_kind", "{path}: unknown layer kind {kind}; NeuroStep has {kinds}",
                {arg("path", p), arg("kind", json_read::quoted(name)), arg("kinds", join(layer_class_names()))});
  }
  std::vector<std::string> keys = spec_keys(kind);
  keys.insert(keys.end(), {"kind", "name", "activity_regularizer"});
  check_keys(j, path, keys);
  LayerConfig c = default_layer(kind);
  if (kind == LayerKind::dense) {
    const Json* units = find(j, "units");
    if (units == nullptr) fail_with("spec.no_units", "{path}: \"units\" is missing; a Dense layer needs its number of units", {arg("path", path)});
    c.units = static_cast<int>(integer(*units, key_path(path, "units"), 1, limits::max_units));
  }
  if (kind == LayerKind::dropout)
    if (find(j, "rate") == nullptr) fail_with("spec.no_rate", "{path}: \"rate\" is missing; a Dropout layer needs the fraction it drops", {arg("path", path)});
  if (kind == LayerKind::activation)
    if (!given(find(j, "activation")))
      fail_with("spec.no_activation", "{path}: \"activation\" is missing; an Activation layer needs its function", {arg("path", path)});
  if (const Json* a = find(j, "activation"); given(a)) {  // null is Keras's None: linear
    const std::string p = key_path(path, "activation"), name = string(*a, p);
    c.activation = at_path(p, [&] { return activation_from_name(name); });
  }
  if (const Json* v = find(j, "use_bias")) c.use_bias = boolean(*v, key_path(path, "use_bias"));
  for (const auto& [key, member] : {std::pair{"kernel_initializer", &LayerConfig::kernel_initializer},
                                    std::pair{"bias_initializer", &LayerConfig::bias_initializer},
                                    std::pair{"beta_initializer", &LayerConfig::beta_initializer},
                                    std::pair{"gamma_initializer", &LayerConfig::gamma_initializer},
                                    std::pair{"moving_mean_initializer", &LayerConfig::moving_mean_initializer},
                                    std::pair{"moving_variance_initializer", &LayerConfig::moving_variance_initializer},
                                    std::pair{"alpha_initializer", &LayerConfig::alpha_initializer}})
    if (const Json* v = find(j, key)) {
      const std::string p = key_path(path, key), name = string(*v, p);
      c.*member = at_path(p, [&] { return initializer_from_name(name); });
    }
  for (const auto& [key, member] : {std::pair{"l1", &LayerConfig::l1}, std::pair{"l2", &LayerConfig::l2},
                                    std::pair{"rate", &LayerConfig::rate}, std::pair{"momentum", &LayerConfig::momentum},
                                    std::pair{"epsilon", &LayerConfig::epsilon},
                                    std::pair{"negative_slope", &LayerConfig::negative_slope},
                                    std::pair{"threshold", &LayerConfig::threshold}, std::pair{"alpha", &LayerConfig::alpha}})
    if (const Json* v = find(j, key)) c.*member = number(*v, key_path(path, key));
  if (const Json* v = find(j, "max_value"); given(v)) c.max_value = number(*v, key_path(path, "max_value"));
  for (const auto& [key, member] : {std::pair{"center", &LayerConfig::center}, std::pair{"scale", &LayerConfig::scale}})
    if (const Json* v = find(j, key)) c.*member = boolean(*v, key_path(path, key));
  for (const auto& [key, member] : {std::pair{"bias_regularizer", &LayerConfig::bias_regularizer},
                                    std::pair{"activity_regularizer", &LayerConfig::activity_regularizer}})
    if (const Json* v = find(j, key)) c.*member = regularizer_from_spec(*v, key_path(path, key));
  for (const auto& [key, member] : {std::pair{"kernel_constraint", &LayerConfig::kernel_constraint},
                                    std::pair{"bias_constraint", &LayerConfig::bias_constraint}})
    if (const Json* v = find(j, key)) c.*member = constraint_from_spec(*v, key_path(path, key));
  if (const Json* v = find(j, "name"); given(v)) c.name = string(*v, key_path(path, "name"));
  return c;
}

inline OrderedJson optimizer_json(const OptimizerConfig& c) {
  OrderedJson out;
  out["name"] = name_of(c.kind);
  for (const auto& f : optimizer_fields(c.kind)) {
    if (f.number) out[f.key] = c.*f.number;
    else out[f.key] = c.*f.flag;
  }
  return out;
}

inline OrderedJson regularizer_spec_json(const Regularizer& r) {
  if (!r.active()) return nullptr;
  return {{"l1", r.l1}, {"l2", r.l2}};
}
inline OrderedJson constraint_spec_json(const Constraint& c) {
  if (!c.active()) return nullptr;
  OrderedJson out;
  out["class_name"] = to_name(constraint_names(), c.kind);
  if (c.kind == ConstraintKind::max_norm || c.kind == ConstraintKind::min_max_norm) out["max_value"] = c.max_value;
  if (c.kind == ConstraintKind::min_max_norm) {
    out["min_value"] = c.min_value;
    out["rate"] = c.rate;
  }
  if (c.kind != ConstraintKind::non_neg) out["axis"] = c.axis;
  return out;
}

// A Dense layer as before ("kind" left out); other kinds with "kind" and their arguments.
inline OrderedJson layer_json(const LayerConfig& l) {
  OrderedJson layer;
  if (l.kind != LayerKind::dense) layer["kind"] = class_name_of(l.kind);
  switch (l.kind) {
    case LayerKind::dense:
      layer["units"] = l.units;
      layer["activation"] = name_of(l.activation);
      layer["use_bias"] = l.use_bias;
      layer["kernel_initializer"] = name_of(l.kernel_initializer);
      layer["bias_initializer"] = name_of(l.bias_initializer);
      layer["l1"] = l.l1;
      layer["l2"] = l.l2;
      if (l.bias_regularizer.active()) layer["bias_regularizer"] = regularizer_spec_json(l.bias_regularizer);
      if (l.kernel_constraint.active()) layer["kernel_constraint"] = constraint_spec_json(l.kernel_constraint);
      if (l.bias_constraint.active()) layer["bias_constraint"] = constraint_spec_json(l.bias_constraint);
      break;
    case LayerKind::dropout: layer["rate"] = l.rate; break;
    case LayerKind::batch_normalization:
      layer["momentum"] = l.momentum;
      [[fallthrough]];
    case LayerKind::layer_normalization:
      layer["epsilon"] = l.epsilon;
      layer["center"] = l.center;
      layer["scale"] = l.scale;
      layer["beta_initializer"] = name_of(l.beta_initializer);
      layer["gamma_initializer"] = name_of(l.gamma_initializer);
      if (l.kind == LayerKind::batch_normalization) {
        layer["moving_mean_initializer"] = name_of(l.moving_mean_initializer);
        layer["moving_variance_initializer"] = name_of(l.moving_variance_initializer);
      }
      break;
    case LayerKind::activation: layer["activation"] = name_of(l.activation); break;
    case LayerKind::relu:
      layer["max_value"] = std::isinf(l.max_value) ? OrderedJson(nullptr) : OrderedJson(l.max_value);
      layer["negative_slope"] = l.negative_slope;
      layer["threshold"] = l.threshold;
      break;
    case LayerKind::leaky_relu: layer["negative_slope"] = l.negative_slope; break;
    case LayerKind::elu: layer["alpha"] = l.alpha; break;
    case LayerKind::prelu: layer["alpha_initializer"] = name_of(l.alpha_initializer); break;
    case LayerKind::flatten:
    case LayerKind::softmax: break;
  }
  if (l.activity_regularizer.active()) layer["activity_regularizer"] = regularizer_spec_json(l.activity_regularizer);
  if (!l.name.empty()) layer["name"] = l.name;
  return layer;
}

inline OrderedJson spec_json(const ModelSpec& spec) {
  OrderedJson out;
  out["input_dim"] = spec.input_dim;
  if (!spec.input_shape.empty()) out["input_shape"] = spec.input_shape;
  out["layers"] = OrderedJson::array();
  for (const auto& l : spec.layers) out["layers"].push_back(layer_json(l));
  out["loss"] = name_of(spec.loss);
  out["optimizer"] = optimizer_json(spec.optimizer);
  return out;
}

}  // namespace spec_json_detail

// {"name": "adam", "learning_rate": ...} or just "adam"; `path` names it in messages.
inline OptimizerConfig optimizer_from_json(const Json& j, const std::string& path = "optimizer") {
  using namespace spec_json_detail;
  const auto kind_named = [&](const Json& name_json, const std::string& p) {
    const std::string name = string(name_json, p);
    return at_path(p, [&] { return optimizer_from_name(name); });
  };
  if (j.is_string()) return default_optimizer(kind_named(j, path));
  object(j, path);
  const Json* name = find(j, "name");
  if (name == nullptr) fail_with("spec.optimizer_no_name", "{path}: \"name\" is missing; it is one of sgd, adam, rmsprop, adagrad", {arg("path", path)});
  const OptimizerKind kind = kind_named(*name, key_path(path, "name"));
  OptimizerConfig c = default_optimizer(kind);
  const auto fields = optimizer_fields(kind);
  for (const auto& item : j.items()) {
    if (item.key() == "name") continue;
    const OptimizerField* f = find_field(fields, item.key());
    if (!f) foreign_key(path, item.key(), kind, "name, ");
    read_field(*f, item.value(), key_path(path, item.key()), c);
  }
  at_path(path, [&] { validate(c); });
  return c;
}

inline Json optimizer_to_json(const OptimizerConfig& c) { return spec_json_detail::optimizer_json(c); }

inline ModelSpec spec_from_json(const Json& j) {
  using namespace spec_json_detail;
  if (!j.is_object()) fail_with("spec.not_object", "the model spec must be a JSON object, got {got}", {arg("got", show(j))});
  check_keys(j, "", {"input_dim", "input_shape", "layers", "loss", "optimizer"});
  ModelSpec spec;
  const Json* input_dim = find(j, "input_dim");
  if (input_dim == nullptr) fail_with("spec.no_input_dim", "\"input_dim\" is missing: the width of the input (features per sample)", {});
  spec.input_dim = static_cast<int>(integer(*input_dim, "input_dim", 1, limits::max_units));
  if (const Json* shape = find(j, "input_shape"); given(shape)) {
    array(*shape, "input_shape");
    for (std::size_t k = 0; k < shape->size(); ++k)
      spec.input_shape.push_back(static_cast<int>(integer((*shape)[k], index_path("input_shape", k), 1, limits::max_units)));
  }

  const Json* layers = find(j, "layers");
  if (layers == nullptr) fail_with("spec.no_layers_key", "\"layers\" is missing: the layers, the output layer last", {});
  array(*layers, "layers");
  if (layers->empty()) fail_with("spec.no_layers", "layers is empty; the model needs at least an output layer", {});
  if (layers->size() > static_cast<std::size_t>(limits::max_layers))
    fail_with("spec.too_many_layers", "layers has {count} entries; the limit is {limit}", {arg("count", layers->size()), arg("limit", limits::max_layers)});
  for (std::size_t i = 0; i < layers->size(); ++i) {
    spec.layers.push_back(layer_from_json((*layers)[i], index_path("layers", i)));
    // Keras refuses two layers of one name in a model; so do we, so that exports stay loadable.
    for (std::size_t k = 0; k < i; ++k)
      if (!spec.layers[i].name.empty() && spec.layers[i].name == spec.layers[k].name)
        fail_with("spec.name_twice", "{path}.name {name} is already the name of {other}; layer names must be unique",
                  {arg("path", index_path("layers", i)), arg("name", json_read::quoted(spec.layers[i].name)), arg("other", index_path("layers", k))});
  }

  const Json* loss = find(j, "loss");
  std::vector<std::string> losses;
  for (const auto& entry : loss_names()) losses.push_back(entry.first);
  if (loss == nullptr) fail_with("spec.no_loss", "\"loss\" is missing; Keras has no default loss. Valid names are {valid}", {arg("valid", join(losses))});
  const std::string loss_name = string(*loss, "loss");
  spec.loss = at_path("loss", [&] { return loss_from_name(loss_name); });

  const Json* optimizer = find(j, "optimizer");
  spec.optimizer = optimizer ? optimizer_from_json(*optimizer, "optimizer")
                             : default_optimizer(OptimizerKind::rmsprop);
  validate(spec);
  return spec;
}

inline Json spec_to_json(const ModelSpec& spec) { return spec_json_detail::spec_json(spec); }

// The same from JSON text; a syntax error reads "invalid JSON at byte N (line L, column C): ...".
inline ModelSpec spec_from_json(const std::string& text) { return spec_from_json(json_read::parse(text)); }
inline ModelSpec spec_from_json(const char* text) { return spec_from_json(std::string(text)); }

}  // namespace neurostep
