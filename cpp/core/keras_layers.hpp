#pragma once
// One layer of a Keras Sequential model's to_json(), read and written: the config of each
// layer class NeuroStep has, under the argument names of Keras 3, tf.keras 2 and Keras 1
// (output_dim, init, bias, W_regularizer, b_regularizer, W_constraint, b_constraint; Dropout's
// p; LeakyReLU's alpha). An argument that would change the maths from what NeuroStep computes
// is an error naming the layer and the argument, never silently dropped; arguments that do
// not (a seed, the dtype, Flatten's data_format, BatchNormalization's fused) are read and let be.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/json_read.hpp"
#include "core/keras_objects.hpp"
#include "core/layer_config.hpp"

namespace neurostep {
namespace keras_json_detail {
using namespace json_read;

// The keys every layer may carry (input shapes are read by the model's reader).
inline std::vector<std::string> common_keys() {
  return {"name", "trainable", "dtype", "batch_input_shape", "input_dtype", "batch_size", "input_shape"};
}

inline Activation activation_from_keras(const Json& v, const std::string& label) {
  // An activation object (Keras 3 may serialise one) is named by its class or its config.
  const Json* cls = v.is_object() ? find(v, "class_name") : nullptr;
  const Json* inner = v.is_object() ? find(v, "config") : nullptr;
  std::string name = v.is_string() ? v.get<std::string>() : cls && cls->is_string() ? cls->get<std::string>() : show(v);
  if (name == "function" && inner && inner->is_string()) name = inner->get<std::string>();
  std::vector<std::string> names;
  for (const auto& entry : activation_names()) names.push_back(entry.first);
  for (const auto& [n, a] : activation_names())
    if (name == n) return a;
  fail_with("keras.activation", "{layer}: unsupported activation {name}; NeuroStep supports {valid}",
            {arg("layer", label), arg("name", v.is_string() || cls ? json_read::quoted(name) : name), arg("valid", join(names))});
}

// Reads the arguments of one layer's config (its kind already known) into c.
class LayerReader {
 public:
  LayerReader(const Json& cfg, const std::string& path, const std::string& label, LayerConfig& c)
      : cfg_(cfg), path_(path), label_(label), c_(c) {}

  void keys(std::vector<std::string> more) {
    std::vector<std::string> all = common_keys();
    all.insert(all.end(), more.begin(), more.end());
    try {
      check_keys(cfg_, path_, all);
    } catch (const Error& e) {  // name the layer as well as the place
      fail_at(label_, e);
    }
  }
  const Json* get(const char* key) const {
    const Json* v = find(cfg_, key);
    return given(v) ? v : nullptr;
  }
  std::string at(const char* key) const { return key_path(path_, key); }
  void number_arg(const char* key, double& out) {
    if (const Json* v = get(key)) out = number(*v, at(key));
  }
  void flag(const char* key, bool& out) {
    if (const Json* v = find(cfg_, key)) out = boolean(*v, at(key));
  }
  void initializer(const char* key, Initializer& out) {
    if (const Json* v = get(key)) out = initializer_from_keras(*v, at(key), label_, key);
  }
  void regularizer(const char* key, Regularizer& out) {
    if (const Json* v = find(cfg_, key)) out = regularizer_from_keras(*v, at(key), label_, key);
  }
  void constraint(const char* key, Constraint& out) {
    if (const Json* v = find(cfg_, key)) out = constraint_from_keras(*v, at(key), label_, key);
  }
  bool is_true(const char* key) const {
    const Json* v = get(key);
    return v && boolean(*v, at(key));
  }
  // Arguments NeuroStep has no maths for must be absent or at their default (`fine`).
  // `why` says what NeuroStep does instead, a message of its own (keras_reason.*), carried as
  // {reason} with its id beside it ({reason_id}), so that the page says it in the reader's language.
  void refuse_unless(const char* key, bool fine, const Said& why) {
    if (find(cfg_, key) && !fine)
      fail_with("keras.unsupported_arg", "{layer}: {key} {value} is not supported; {reason}",
                {arg("layer", label_), arg("key", key), arg("value", show(cfg_[key])), arg("reason", why.text), arg("reason_id", why.id)});
  }
  void must_be_null(const char* key, const Said& why) { refuse_unless(key, get(key) == nullptr, why); }
  // The normalised axis: -1, or 1 for a batch of flat samples (Keras may write [1] or [-1]).
  void last_axis(const char* key) {
    const Json* v = get(key);
    if (!v) return;
    const Json& a = v->is_array() && v->size() == 1 ? (*v)[0] : *v;
    const bool last = a.is_number_integer() && (a.get<long long>() == -1 || a.get<long long>() == 1);
    if (!last)
      fail_with("keras.axis", "{layer}: {key} {value} is not supported; NeuroStep's layers see flat samples, "
                "so only the last axis (-1) can be normalised", {arg("layer", label_), arg("key", key), arg("value", show(*v))});
  }

  const Json& cfg_;
  std::string path_, label_;
  LayerConfig& c_;
};

inline void read_dense(LayerReader& r, LayerConfig& c) {
  r.keys({"units", "output_dim", "input_dim", "activation", "use_bias", "bias", "kernel_initializer", "init",
          "bias_initializer", "kernel_regularizer", "W_regularizer", "bias_regularizer", "b_regularizer",
          "activity_regularizer", "kernel_constraint", "W_constraint", "bias_constraint", "b_constraint",
          "lora_rank", "lora_alpha", "quantization_config"});
  const Json* units = r.get("units") ? r.get("units") : r.get("output_dim");
  if (units == nullptr) fail_with("keras.no_units", "{layer}: \"units\" is missing", {arg("layer", r.label_)});
  c.units = static_cast<int>(integer(*units, r.at(r.get("units") ? "units" : "output_dim"), 1, limits::max_units));
  if (const Json* v = r.get("activation")) c.activation = activation_from_keras(*v, r.label_);
  r.flag("use_bias", c.use_bias);
  r.flag("bias", c.use_bias);  // Keras 1
  r.initializer("kernel_initializer", c.kernel_initializer);
  r.initializer("init", c.kernel_initializer);  // Keras 1 (its biases started at 0)
  r.initializer("bias_initializer", c.bias_initializer);
  Regularizer kernel = c.kernel_regularizer();
  r.regularizer("kernel_regularizer", kernel);
  r.regularizer("W_regularizer", kernel);
  c.l1 = kernel.l1;
  c.l2 = kernel.l2;
  r.regularizer("bias_regularizer", c.bias_regularizer);
  r.regularizer("b_regularizer", c.bias_regularizer);
  r.constraint("kernel_constraint", c.kernel_constraint);
  r.constraint("W_constraint", c.kernel_constraint);
  r.constraint("bias_constraint", c.bias_constraint);
  r.constraint("b_constraint", c.bias_constraint);
  r.must_be_null("lora_rank", message_with("keras_reason.lora", "NeuroStep's Dense has no LoRA adapter", {}));
  r.must_be_null("quantization_config", message_with("keras_reason.quantize", "NeuroStep does not quantize", {}));
}

inline void read_batch_normalization(LayerReader& r, LayerConfig& c, bool batch) {
  std::vector<std::string> keys = {"axis", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
                                   "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint",
                                   "beta_init", "gamma_init"};
  if (batch)
    keys.insert(keys.end(), {"momentum", "moving_mean_initializer", "moving_variance_initializer", "synchronized",
                             "renorm", "renorm_clipping", "renorm_momentum", "fused", "virtual_batch_size",
                             "adjustment", "mode"});
  else
    keys.insert(keys.end(), {"rms_scaling"});
  r.keys(keys);
  r.last_axis("axis");
  r.number_arg("epsilon", c.epsilon);
  if (batch) r.number_arg("momentum", c.momentum);
  r.flag("center", c.center);
  r.flag("scale", c.scale);
  r.initializer("beta_initializer", c.beta_initializer);
  r.initializer("beta_init", c.beta_initializer);  // Keras 1
  r.initializer("gamma_initializer", c.gamma_initializer);
  r.initializer("gamma_init", c.gamma_initializer);
  r.initializer("moving_mean_initializer", c.moving_mean_initializer);
  r.initializer("moving_variance_initializer", c.moving_variance_initializer);
  for (const char* key : {"beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"})
    r.must_be_null(key, message_with("keras_reason.dense_only", "NeuroStep has regularizers and constraints on Dense layers' weights only", {}));
  r.refuse_unless("synchronized", !r.is_true("synchronized"), message_with("keras_reason.one_device", "NeuroStep trains on one device", {}));
  r.refuse_unless("renorm", !r.is_true("renorm"), message_with("keras_reason.renorm", "NeuroStep has no batch renormalization", {}));
  r.refuse_unless("rms_scaling", !r.is_true("rms_scaling"), message_with("keras_reason.rms_scaling", "NeuroStep has no RMS scaling", {}));
  r.must_be_null("virtual_batch_size", message_with("keras_reason.whole_batch", "NeuroStep normalises over the whole batch", {}));
  r.must_be_null("adjustment", message_with("keras_reason.adjustment", "NeuroStep has no adjustment function", {}));
  r.refuse_unless("mode", !r.get("mode") || (r.get("mode")->is_number_integer() && r.get("mode")->get<int>() == 0),
                  message_with("keras_reason.mode", "only Keras 1's mode 0 (feature-wise normalisation) is the BatchNormalization NeuroStep has", {}));
}

inline void read_layer_config(LayerKind kind, const Json& cfg, const std::string& path, const std::string& label,
                              LayerConfig& c) {
  LayerReader r(cfg, path, label, c);
  c = default_layer(kind);
  if (const Json* v = r.get("name")) c.name = string(*v, r.at("name"));
  if (const Json* v = find(cfg, "trainable"))
    if (!boolean(*v, r.at("trainable")))
      fail_with("keras.frozen", "{layer}: trainable is false (a frozen layer), which NeuroStep does not support", {arg("layer", label)});
  if (const Json* v = find(cfg, "dtype")) check_dtype(*v, r.at("dtype"), label);
  switch (kind) {
    case LayerKind::dense: read_dense(r, c); break;
    case LayerKind::dropout:
      r.keys({"rate", "p", "noise_shape", "seed"});
      if (!(r.get("rate") || r.get("p"))) fail_with("keras.no_rate", "{layer}: \"rate\" is missing", {arg("layer", label)});
      r.number_arg("rate", c.rate);
      r.number_arg("p", c.rate);  // Keras 1
      r.must_be_null("noise_shape", message_with("keras_reason.independent", "NeuroStep drops each value independently", {}));
      break;
    case LayerKind::batch_normalization: read_batch_normalization(r, c, true); break;
    case LayerKind::layer_normalization: read_batch_normalization(r, c, false); break;
    case LayerKind::activation:
      r.keys({"activation"});
      if (!r.get("activation")) fail_with("keras.no_activation", "{layer}: \"activation\" is missing", {arg("layer", label)});
      c.activation = activation_from_keras(*r.get("activation"), label);
      break;
    case LayerKind::flatten: r.keys({"data_format"}); break;
    case LayerKind::relu:
      r.keys({"max_value", "negative_slope", "threshold"});
      r.number_arg("max_value", c.max_value);  // null: None, no ceiling
      r.number_arg("negative_slope", c.negative_slope);
      r.number_arg("threshold", c.threshold);
      break;
    case LayerKind::leaky_relu:
      r.keys({"negative_slope", "alpha"});
      r.number_arg("negative_slope", c.negative_slope);
      r.number_arg("alpha", c.negative_slope);  // Keras 2's name
      break;
    case LayerKind::elu:
      r.keys({"alpha"});
      r.number_arg("alpha", c.alpha);
      break;
    case LayerKind::prelu:
      r.keys({"alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes"});
      r.initializer("alpha_initializer", c.alpha_initializer);
      r.must_be_null("alpha_regularizer", message_with("keras_reason.regularizers_dense", "NeuroStep has regularizers on Dense layers' weights only", {}));
      r.must_be_null("alpha_constraint", message_with("keras_reason.constraints_dense", "NeuroStep has constraints on Dense layers' weights only", {}));
      r.must_be_null("shared_axes", message_with("keras_reason.shared_axes", "NeuroStep's samples are flat: there is no axis to share alpha over", {}));
      break;
    case LayerKind::softmax:
      r.keys({"axis"});
      r.last_axis("axis");
      break;
  }
  r.regularizer("activity_regularizer", c.activity_regularizer);
}

// ---- writing, in Keras 3's form ---------------------------------------------------------

inline OrderedJson none_or(double v) { return std::isinf(v) ? OrderedJson(nullptr) : OrderedJson(v); }

inline OrderedJson layer_config_json(const LayerConfig& l, const std::string& name) {
  OrderedJson config;
  config["name"] = name;
  config["trainable"] = true;
  config["dtype"] = dtype_policy();
  switch (l.kind) {
    case LayerKind::dense:
      config["units"] = l.units;
      config["activation"] = name_of(l.activation);
      config["use_bias"] = l.use_bias;
      config["kernel_initializer"] = initializer_json(l.kernel_initializer);
      config["bias_initializer"] = initializer_json(l.bias_initializer);
      config["kernel_regularizer"] = regularizer_json(l.kernel_regularizer());
      config["bias_regularizer"] = regularizer_json(l.bias_regularizer);
      config["kernel_constraint"] = constraint_json(l.kernel_constraint);
      config["bias_constraint"] = constraint_json(l.bias_constraint);
      break;
    case LayerKind::dropout:
      config["rate"] = l.rate;
      config["seed"] = nullptr;
      config["noise_shape"] = nullptr;
      break;
    case LayerKind::batch_normalization:
    case LayerKind::layer_normalization: {
      const bool batch = l.kind == LayerKind::batch_normalization;
      config["axis"] = -1;
      if (batch) config["momentum"] = l.momentum;
      config["epsilon"] = l.epsilon;
      config["center"] = l.center;
      config["scale"] = l.scale;
      if (!batch) config["rms_scaling"] = false;
      config["beta_initializer"] = initializer_json(l.beta_initializer);
      config["gamma_initializer"] = initializer_json(l.gamma_initializer);
      if (batch) {
        config["moving_mean_initializer"] = initializer_json(l.moving_mean_initializer);
        config["moving_variance_initializer"] = initializer_json(l.moving_variance_initializer);
      }
      for (const char* key : {"beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"})
        config[key] = nullptr;
      if (batch) config["synchronized"] = false;
      break;
    }
    case LayerKind::activation: config["activation"] = name_of(l.activation); break;
    case LayerKind::flatten: config["data_format"] = "channels_last"; break;
    case LayerKind::relu:
      config["max_value"] = none_or(l.max_value);
      config["negative_slope"] = l.negative_slope;
      config["threshold"] = l.threshold;
      break;
    case LayerKind::leaky_relu: config["negative_slope"] = l.negative_slope; break;
    case LayerKind::elu: config["alpha"] = l.alpha; break;
    case LayerKind::prelu:
      config["alpha_initializer"] = initializer_json(l.alpha_initializer);
      config["alpha_regularizer"] = nullptr;
      config["alpha_constraint"] = nullptr;
      config["shared_axes"] = nullptr;
      break;
    case LayerKind::softmax: config["axis"] = -1; break;
  }
  if (l.activity_regularizer.active()) config["activity_regularizer"] = regularizer_json(l.activity_regularizer);
  return config;
}

}  // namespace keras_json_detail
}  // namespace neurostep
