#pragma once
// Keras's own architecture JSON, model.to_json(), read and written.
//
// Reads tf.keras 2 (layers {"class_name", "config"}, the input width in an InputLayer's or the
// first Dense's "batch_input_shape", initializers {"class_name": "GlorotUniform", "config":
// {"seed": null}}, regularizers L1L2 / L1 / L2, top-level keras_version and backend) and Keras 3
// (the same with "module" and "registered_name", InputLayer "batch_shape", dtype policies and
// "build_config"). Only a Sequential of Dense layers (and an InputLayer) is taken; anything that
// would change the maths and that NeuroStep does not do is an error naming it and its layer,
// never silently dropped (the layer's objects: keras_objects.hpp).
//
// to_json() holds no compile settings (Keras 3 adds "compile_config" once the model is
// compiled, which is read when present). Without it the loss and optimizer of the result are
// ModelSpec's defaults (mean_squared_error, adam), for the caller to override.
//
// keras_model_json(spec) writes the Keras 3 form, with an InputLayer, as Keras 3 would.
#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "core/json_read.hpp"
#include "core/keras_compile.hpp"
#include "core/keras_objects.hpp"
#include "core/model_spec.hpp"

namespace neurostep {

namespace keras_json_detail {
using namespace json_read;

constexpr const char* sequential_only =
    "NeuroStep imports Sequential models of Dense layers (and an InputLayer)";

inline std::string shape_text(const Json& shape) {
  std::string out;
  for (const auto& d : shape) out += (out.empty() ? "" : ", ") + show(d);
  return "[" + out + "]";
}

// [null, n] -> n: Dense layers here take flat inputs.
inline int input_width(const Json& shape, const std::string& path, const std::string& label) {
  array(shape, path);
  require(shape.size() == 2 && shape[0].is_null(), label, ": input shape ", shape_text(shape),
          " is not [null, n]; NeuroStep's Dense layers take flat inputs of n features");
  return static_cast<int>(integer(shape[1], index_path(path, 1), 1, limits::max_units));
}

inline LayerConfig dense_from_keras(const Json& cfg, const std::string& path, const std::string& label) {
  check_keys(cfg, path, {"name", "trainable", "dtype", "batch_input_shape", "units", "activation",
                         "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                         "bias_regularizer", "activity_regularizer", "kernel_constraint",
                         "bias_constraint", "lora_rank", "lora_alpha", "quantization_config"});
  LayerConfig c;
  if (const Json* v = find(cfg, "name"); given(v)) c.name = string(*v, key_path(path, "name"));
  if (const Json* v = find(cfg, "trainable"))
    require(boolean(*v, key_path(path, "trainable")), label,
            ": trainable is false (a frozen layer), which NeuroStep does not support");
  if (const Json* v = find(cfg, "dtype")) check_dtype(*v, key_path(path, "dtype"), label);
  const Json* units = find(cfg, "units");
  require(units != nullptr, label, ": \"units\" is missing");
  c.units = static_cast<int>(integer(*units, key_path(path, "units"), 1, limits::max_units));
  if (const Json* v = find(cfg, "activation"); given(v)) {  // None is linear
    // An activation object (Keras 3 may serialise one) is named by its class.
    const Json* cls = v->is_object() ? find(*v, "class_name") : nullptr;
    const std::string name = v->is_string() ? v->get<std::string>()
                             : cls && cls->is_string() ? cls->get<std::string>() : show(*v);
    std::vector<std::string> names;
    for (const auto& entry : activation_names()) names.push_back(entry.first);
    bool found = false;
    for (const auto& [n, a] : activation_names())
      if (name == n) c.activation = a, found = true;
    require(found, label, ": unsupported activation ", v->is_string() || cls ? quoted(name) : name,
            "; NeuroStep supports ", join(names));
  }
  if (const Json* v = find(cfg, "use_bias")) c.use_bias = boolean(*v, key_path(path, "use_bias"));
  if (const Json* v = find(cfg, "kernel_initializer"); given(v))
    c.kernel_initializer = initializer_from_keras(*v, key_path(path, "kernel_initializer"), label, "kernel_initializer");
  if (const Json* v = find(cfg, "bias_initializer"); given(v))
    c.bias_initializer = initializer_from_keras(*v, key_path(path, "bias_initializer"), label, "bias_initializer");
  if (const Json* v = find(cfg, "kernel_regularizer"))
    regularizer_from_keras(*v, key_path(path, "kernel_regularizer"), label, c);
  for (const char* key : {"bias_regularizer", "activity_regularizer", "kernel_constraint",
                          "bias_constraint", "lora_rank", "quantization_config"})
    if (const Json* v = find(cfg, key); given(v))
      fail(label, ": ", key, " is not supported (it must be null); NeuroStep's Dense has only an L1/L2 kernel_regularizer");
  return c;
}

inline std::string layer_label(std::size_t i, const Json& cfg) {
  const Json* name = cfg.is_object() ? find(cfg, "name") : nullptr;
  return "layer " + std::to_string(i + 1) +
         (name && name->is_string() ? " (" + quoted(name->get<std::string>()) + ")" : "");
}

// The input width from a shape at `key` of `obj`, when it is there; 0 when not.
inline int width_at(const Json& obj, const char* key, const std::string& path, const std::string& label) {
  const Json* shape = obj.is_object() ? find(obj, key) : nullptr;
  return given(shape) ? input_width(*shape, key_path(path, key), label) : 0;
}

// `root` is where the document sits in a larger one ("model" in a model file), for paths.
inline ModelSpec spec_from_keras(const Json& doc, const std::string& root) {
  const std::string where = root.empty() ? "" : root + ": ";
  if (!doc.is_object()) wrong_type(root.empty() ? "a Keras model.to_json() document" : root, "a JSON object", doc);
  const Json* cls = find(doc, "class_name");
  require(cls != nullptr, where, "\"class_name\" is missing; this is not a Keras model.to_json() document");
  const std::string model_class = string(*cls, key_path(root, "class_name"));
  require(model_class == "Sequential", where, "unsupported model class ", quoted(model_class), "; ", sequential_only);
  const Json* config = find(doc, "config");
  require(given(config), where, "\"config\" is missing");
  const std::string config_path = key_path(root, "config");
  // Keras before 2.2.3 wrote a Sequential's config as the bare list of layers.
  const bool bare_list = config->is_array();
  if (!bare_list) object(*config, config_path);
  if (const Json* t = bare_list ? nullptr : find(*config, "trainable"))
    require(boolean(*t, key_path(config_path, "trainable")), where, "the model is not trainable (trainable is false)");
  const Json* layers = bare_list ? config : find(*config, "layers");
  const std::string layers_path = bare_list ? config_path : key_path(config_path, "layers");
  require(given(layers), where, "\"", layers_path, "\" is missing");
  array(*layers, layers_path);
  require(layers->size() <= static_cast<std::size_t>(limits::max_layers) + 1, where, "the model lists ",
          layers->size(), " layers; the limit is ", limits::max_layers, " Dense layers (and an InputLayer)");

  ModelSpec spec;
  int input_dim = 0;
  for (std::size_t i = 0; i < layers->size(); ++i) {
    const std::string path = index_path(layers_path, i);
    const Json& layer = object((*layers)[i], path);
    const Json* layer_class = find(layer, "class_name");
    require(layer_class != nullptr, path, ": \"class_name\" is missing");
    const std::string name = string(*layer_class, key_path(path, "class_name"));
    const Json* cfg = find(layer, "config");
    require(given(cfg), path, ": \"config\" is missing");
    const std::string cfg_path = key_path(path, "config");
    object(*cfg, cfg_path);
    const std::string label = where + layer_label(i, *cfg);
    if (name == "InputLayer") {
      require(i == 0, label, ": an InputLayer must come first");
      input_dim = std::max(width_at(*cfg, "batch_shape", cfg_path, label),
                           width_at(*cfg, "batch_input_shape", cfg_path, label));
      require(input_dim > 0, label, ": the InputLayer has no batch_shape");
      continue;
    }
    require(name == "Dense", label, ": unsupported layer class ", quoted(name), "; ", sequential_only);
    spec.layers.push_back(dense_from_keras(*cfg, cfg_path, label));
    // A width written on the layer must match what feeds it.
    const int expected = spec.layers.size() == 1 ? input_dim : spec.layers[spec.layers.size() - 2].units;
    for (const auto& [obj, key, p] : {std::tuple{cfg, "batch_input_shape", cfg_path},
                                      std::tuple{find(layer, "build_config"), "input_shape",
                                                 key_path(path, "build_config")}}) {
      const int width = obj ? width_at(*obj, key, p, label) : 0;
      require(width == 0 || expected == 0 || width == expected, label, ": ", key, " has ", width,
              " features but the layer below gives ", expected);
      if (spec.layers.size() == 1 && input_dim == 0) input_dim = width;
    }
  }
  require(!spec.layers.empty(), where, "the model has no Dense layers");
  if (input_dim == 0 && !bare_list) input_dim = width_at(*config, "build_input_shape", config_path, where + "the model");
  if (const Json* build = find(doc, "build_config"); input_dim == 0 && build)
    input_dim = width_at(*build, "input_shape", key_path(root, "build_config"), where + "the model");
  require(input_dim > 0, where, "the model has no input shape; give it an InputLayer ",
          "(keras.Input(shape=(n,))) or input_dim on its first Dense layer, or build it before to_json()");
  spec.input_dim = input_dim;
  spec.optimizer = default_optimizer(OptimizerKind::adam);
  if (const Json* compile = find(doc, "compile_config"); given(compile))
    apply_keras_compile_config(*compile, key_path(root, "compile_config"), spec);
  validate(spec);
  return spec;
}

// Keras's automatic names, "dense", "dense_1", ..., for layers without one, skipping names
// that other layers already have.
inline std::vector<std::string> layer_names(const ModelSpec& spec) {
  std::vector<std::string> names;
  for (const auto& l : spec.layers) names.push_back(l.name);
  const auto taken = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  int next = 0;
  for (auto& n : names) {
    if (!n.empty()) continue;
    std::string candidate;
    do candidate = next == 0 ? "dense" : "dense_" + std::to_string(next);
    while (++next, taken(candidate));
    n = candidate;
  }
  return names;
}

inline OrderedJson keras_model(const ModelSpec& spec) {
  const OrderedJson input_shape = {nullptr, spec.input_dim};
  OrderedJson layers = OrderedJson::array();
  layers.push_back(keras_object_json("keras.layers", "InputLayer",
                                     {{"batch_shape", input_shape}, {"dtype", "float32"},
                                      {"sparse", false}, {"name", "input_layer"}}));
  const std::vector<std::string> names = layer_names(spec);
  int inputs = spec.input_dim;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerConfig& l = spec.layers[i];
    OrderedJson config;
    config["name"] = names[i];
    config["trainable"] = true;
    config["dtype"] = dtype_policy();
    config["units"] = l.units;
    config["activation"] = name_of(l.activation);
    config["use_bias"] = l.use_bias;
    config["kernel_initializer"] = initializer_json(l.kernel_initializer);
    config["bias_initializer"] = initializer_json(l.bias_initializer);
    config["kernel_regularizer"] = regularizer_json(l.l1, l.l2);
    for (const char* key : {"bias_regularizer", "kernel_constraint", "bias_constraint"}) config[key] = nullptr;
    OrderedJson layer = keras_object_json("keras.layers", "Dense", std::move(config));
    layer["build_config"] = {{"input_shape", {nullptr, inputs}}};
    layers.push_back(std::move(layer));
    inputs = l.units;
  }
  OrderedJson config;
  config["name"] = "sequential";
  config["trainable"] = true;
  config["dtype"] = dtype_policy();
  config["layers"] = std::move(layers);
  config["build_input_shape"] = input_shape;
  OrderedJson model = keras_object_json("keras", "Sequential", std::move(config));
  model["build_config"] = {{"input_shape", input_shape}};
  return model;
}

}  // namespace keras_json_detail

inline ModelSpec spec_from_keras_json(const Json& doc) { return keras_json_detail::spec_from_keras(doc, ""); }
inline ModelSpec spec_from_keras_json(const std::string& text) { return spec_from_keras_json(json_read::parse(text)); }
inline ModelSpec spec_from_keras_json(const char* text) { return spec_from_keras_json(std::string(text)); }

inline Json keras_model_json(const ModelSpec& spec) {
  validate(spec);
  return keras_json_detail::keras_model(spec);
}

}  // namespace neurostep
