#pragma once
// What defines one layer before it has weights: its kind (Keras's class) and the arguments of
// its constructor, with Keras 3's names and defaults. One flat struct serves every kind (each
// reads the fields it has); default_layer(kind) gives Keras's defaults for a kind. The maths
// of each kind is in core/dense_layer.hpp and core/layers/.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/activation.hpp"
#include "core/constraints.hpp"
#include "core/error.hpp"
#include "core/initializer.hpp"
#include "core/limits.hpp"
#include "core/names.hpp"
#include "core/regularizers.hpp"

namespace neurostep {

enum class LayerKind {
  dense, dropout, batch_normalization, layer_normalization, activation, flatten, relu,
  leaky_relu, elu, prelu, softmax
};

// Keras's class names, and the base of its automatic layer names (to_snake_case of the class).
struct LayerKindInfo {
  LayerKind kind;
  const char* class_name;
  const char* base_name;
};
inline const std::vector<LayerKindInfo>& layer_kinds() {
  static const std::vector<LayerKindInfo> table = {
      {LayerKind::dense, "Dense", "dense"},
      {LayerKind::dropout, "Dropout", "dropout"},
      {LayerKind::batch_normalization, "BatchNormalization", "batch_normalization"},
      {LayerKind::layer_normalization, "LayerNormalization", "layer_normalization"},
      {LayerKind::activation, "Activation", "activation"},
      {LayerKind::flatten, "Flatten", "flatten"},
      {LayerKind::relu, "ReLU", "re_lu"},
      {LayerKind::leaky_relu, "LeakyReLU", "leaky_re_lu"},
      {LayerKind::elu, "ELU", "elu"},
      {LayerKind::prelu, "PReLU", "p_re_lu"},
      {LayerKind::softmax, "Softmax", "softmax"}};
  return table;
}
inline const LayerKindInfo& info(LayerKind k) {
  for (const auto& i : layer_kinds())
    if (i.kind == k) return i;
  return layer_kinds().front();
}
inline std::string class_name_of(LayerKind k) { return info(k).class_name; }
inline std::vector<std::string> layer_class_names() {
  std::vector<std::string> out;
  for (const auto& i : layer_kinds()) out.push_back(i.class_name);
  return out;
}
// The kind of a Keras class name; false if NeuroStep has no such layer.
inline bool layer_kind_from_class(const std::string& class_name, LayerKind& kind) {
  for (const auto& i : layer_kinds())
    if (class_name == i.class_name) return kind = i.kind, true;
  return false;
}

// The kind of a Keras class name or its snake_case base ("Dropout" or "dropout", as the
// catalogue lists kinds); false if NeuroStep has no such layer.
inline bool layer_kind_from_name(const std::string& name, LayerKind& kind) {
  for (const auto& i : layer_kinds())
    if (name == i.class_name || name == i.base_name) return kind = i.kind, true;
  return false;
}

struct LayerConfig {
  LayerKind kind = LayerKind::dense;
  std::string name;  // optional; Keras-style "dense", "dense_1", ... when empty

  // Dense(units, activation, use_bias, kernel_initializer, bias_initializer,
  //       kernel_regularizer=L1L2(l1, l2), bias_regularizer, activity_regularizer,
  //       kernel_constraint, bias_constraint); Activation(activation).
  int units = 1;
  Activation activation = Activation::linear;
  bool use_bias = true;
  Initializer kernel_initializer = Initializer::glorot_uniform;
  Initializer bias_initializer = Initializer::zeros;
  double l1 = 0.0;  // kernel_regularizer: adds l1 sum|W| to the loss
  double l2 = 0.0;  // kernel_regularizer: adds l2 sum W^2 to the loss
  Regularizer bias_regularizer;
  Regularizer activity_regularizer;  // of the layer's output (Dense and the others alike)
  Constraint kernel_constraint;
  Constraint bias_constraint;

  // Dropout(rate)
  double rate = 0.5;

  // BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3, center, scale, beta_initializer
  // zeros, gamma_initializer ones, moving_mean_initializer zeros, moving_variance_initializer
  // ones); LayerNormalization(axis=-1, epsilon=1e-3, center, scale, ...).
  double momentum = 0.99;
  double epsilon = 1e-3;
  bool center = true;
  bool scale = true;
  Initializer beta_initializer = Initializer::zeros;
  Initializer gamma_initializer = Initializer::ones;
  Initializer moving_mean_initializer = Initializer::zeros;
  Initializer moving_variance_initializer = Initializer::ones;

  // ReLU(max_value=None, negative_slope=0, threshold=0); LeakyReLU(negative_slope=0.3);
  // ELU(alpha=1); PReLU(alpha_initializer=zeros).
  double max_value = std::numeric_limits<double>::infinity();  // None
  double negative_slope = 0.0;
  double threshold = 0.0;
  double alpha = 1.0;
  Initializer alpha_initializer = Initializer::zeros;

  Regularizer kernel_regularizer() const { return {l1, l2}; }
};

// Keras 3's defaults for a layer of the given kind (units 1 for Dense, which Keras requires).
inline LayerConfig default_layer(LayerKind kind) {
  LayerConfig c;
  c.kind = kind;
  if (kind == LayerKind::leaky_relu) c.negative_slope = 0.3;
  return c;
}

// True for kinds whose output width is their input width.
inline bool keeps_width(LayerKind k) { return k != LayerKind::dense; }
// True for kinds with trainable weights.
inline bool has_weights(LayerKind k) {
  return k == LayerKind::dense || k == LayerKind::batch_normalization ||
         k == LayerKind::layer_normalization || k == LayerKind::prelu;
}

// The weights of a layer of this config by Keras's names, in get_weights() order, and whether
// the optimizer trains each (BatchNormalization's moving statistics it does not). Dense's bias
// is listed only with use_bias.
struct WeightName {
  const char* name;
  bool trained;
};
inline std::vector<WeightName> weight_names(const LayerConfig& c) {
  switch (c.kind) {
    case LayerKind::dense:
      return c.use_bias ? std::vector<WeightName>{{"kernel", true}, {"bias", true}} : std::vector<WeightName>{{"kernel", true}};
    case LayerKind::batch_normalization:
    case LayerKind::layer_normalization: {
      std::vector<WeightName> out;
      if (c.scale) out.push_back({"gamma", true});
      if (c.center) out.push_back({"beta", true});
      if (c.kind == LayerKind::batch_normalization) out.insert(out.end(), {{"moving_mean", false}, {"moving_variance", false}});
      return out;
    }
    case LayerKind::prelu: return {{"alpha", true}};
    default: return {};
  }
}

// The layer's output width given its input width.
inline int output_width(const LayerConfig& c, int inputs) { return keeps_width(c.kind) ? inputs : c.units; }

// Checks the arguments of layer `index` (0-based) by themselves; ModelSpec's validate checks
// how the layers chain.
inline void validate(const LayerConfig& c, int index) {
  const std::string at = layer_label(index);
  const char* cls = info(c.kind).class_name;
  const auto finite = [](double v) { return std::isfinite(v); };
  switch (c.kind) {
    case LayerKind::dense:
      if (c.units < 1) fail_with("layer.units", "{layer}: units must be at least 1, got {value}", {arg("layer", at), arg("value", c.units)});
      if (c.units > limits::max_units)
        fail_with("layer.units_limit", "{layer}: {value} units is more than the limit of {limit}",
                  {arg("layer", at), arg("value", c.units), arg("limit", limits::max_units)});
      for (const auto& [key, v] : {std::pair{"l1", c.l1}, std::pair{"l2", c.l2}})
        if (!(finite(v) && v >= 0.0 && v <= 1e3))
          fail_with("layer.penalty", "{layer}: {key} must be in [0, 1000], got {value}", {arg("layer", at), arg("key", key), arg("value", v)});
      if (c.activation == Activation::softmax && c.units == 1)
        fail_with("layer.softmax_one_unit", "{layer}: softmax over a single unit always outputs 1; use sigmoid for one output", {arg("layer", at)});
      validate(c.bias_regularizer, at, "bias_regularizer ");
      validate(c.kernel_constraint, at, "kernel_constraint");
      validate(c.bias_constraint, at, "bias_constraint");
      break;
    case LayerKind::dropout:
      if (!(finite(c.rate) && c.rate >= 0.0 && c.rate < 1.0))
        fail_with("layer.dropout_rate", "{layer}: Dropout rate must be in [0, 1) (the fraction of inputs dropped; at 1 nothing would pass), got {value}",
                  {arg("layer", at), arg("value", exact(c.rate))});
      break;
    case LayerKind::batch_normalization:
      if (!(finite(c.momentum) && c.momentum >= 0.0 && c.momentum <= 1.0))
        fail_with("layer.batch_norm_momentum", "{layer}: BatchNormalization momentum must be in [0, 1], got {value}",
                  {arg("layer", at), arg("value", exact(c.momentum))});
      [[fallthrough]];
    case LayerKind::layer_normalization:
      if (!(finite(c.epsilon) && c.epsilon > 0.0 && c.epsilon <= 1e3))
        fail_with("layer.epsilon", "{layer}: {class} epsilon must be a positive number (it keeps 1/sqrt(variance + epsilon) finite), got {value}",
                  {arg("layer", at), arg("class", cls), arg("value", exact(c.epsilon))});
      break;
    case LayerKind::relu:
      if (c.max_value < 0.0 || std::isnan(c.max_value))
        fail_with("layer.relu_max_value", "{layer}: ReLU max_value must be >= 0 or None, got {value}", {arg("layer", at), arg("value", exact(c.max_value))});
      if (!(finite(c.threshold) && c.threshold >= 0.0))
        fail_with("layer.relu_threshold", "{layer}: ReLU threshold must be >= 0, got {value}", {arg("layer", at), arg("value", exact(c.threshold))});
      [[fallthrough]];
    case LayerKind::leaky_relu:
      if (!(finite(c.negative_slope) && c.negative_slope >= 0.0))
        fail_with("layer.negative_slope", "{layer}: {class} negative_slope must be >= 0, got {value}",
                  {arg("layer", at), arg("class", cls), arg("value", exact(c.negative_slope))});
      break;
    case LayerKind::elu:
      if (!finite(c.alpha)) fail_with("layer.elu_alpha", "{layer}: ELU alpha must be a finite number, got {value}", {arg("layer", at), arg("value", exact(c.alpha))});
      break;
    case LayerKind::activation:
    case LayerKind::flatten:
    case LayerKind::prelu:
    case LayerKind::softmax: break;
  }
  validate(c.activity_regularizer, at, "activity_regularizer ");
  const std::size_t bad = invalid_utf8_at(c.name);  // the name is written into model files
  if (bad != std::string::npos) fail_with("layer.name_utf8", "{layer}: the name is not valid UTF-8 (byte {byte})", {arg("layer", at), arg("byte", bad + 1)});
}

}  // namespace neurostep
