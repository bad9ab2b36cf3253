#pragma once
// What defines a model before it has weights: Keras's Sequential of layers plus the arguments
// of model.compile (loss, optimizer). The output layer is the last layer. Readers and writers
// of the model formats need only this and layer_config.hpp, not the layers' maths.
#include <string>
#include <vector>

#include "core/layer_config.hpp"
#include "core/loss.hpp"
#include "core/optimizer.hpp"

namespace neurostep {

struct ModelSpec {
  int input_dim = 2;             // features per sample (the product of input_shape)
  std::vector<int> input_shape;  // Keras's shape of one sample when it is not flat ([28, 28]); empty: [input_dim]
  std::vector<LayerConfig> layers;
  Loss loss = Loss::mean_squared_error;
  OptimizerConfig optimizer;
};

// The shape of one sample, as Keras writes it after the batch's null.
inline std::vector<int> sample_shape(const ModelSpec& spec) {
  return spec.input_shape.empty() ? std::vector<int>{spec.input_dim} : spec.input_shape;
}

// Each layer's input width, and the output width last (widths.size() == layers.size() + 1).
inline std::vector<int> layer_widths(const ModelSpec& spec) {
  std::vector<int> widths = {spec.input_dim};
  for (const auto& l : spec.layers) widths.push_back(output_width(l, widths.back()));
  return widths;
}

// Weights of one layer, as Keras's count_params counts them (moving statistics included).
inline long parameter_count(const LayerConfig& l, long inputs) {
  switch (l.kind) {
    case LayerKind::dense: return inputs * l.units + (l.use_bias ? l.units : 0);
    case LayerKind::batch_normalization: return inputs * (2 + l.center + l.scale);
    case LayerKind::layer_normalization: return inputs * (l.center + l.scale);
    case LayerKind::prelu: return inputs;
    default: return 0;
  }
}
inline long parameter_count(const ModelSpec& spec) {
  long count = 0;
  const std::vector<int> widths = layer_widths(spec);
  for (std::size_t i = 0; i < spec.layers.size(); ++i) count += parameter_count(spec.layers[i], widths[i]);
  return count;
}

inline void validate(const ModelSpec& spec) {
  if (spec.input_dim < 1) fail_with("model.input_width", "the input width must be at least 1, got {value}", {arg("value", spec.input_dim)});
  if (spec.input_dim > limits::max_units)
    fail_with("model.input_width_limit", "the input width {value} is more than the limit of {limit}",
              {arg("value", spec.input_dim), arg("limit", limits::max_units)});
  if (spec.layers.empty()) fail_with("model.no_layers", "the model has no layers; it needs at least an output layer", {});
  if (static_cast<int>(spec.layers.size()) > limits::max_layers)
    fail_with("model.too_many_layers", "the model has {count} layers; the limit is {limit}",
              {arg("count", spec.layers.size()), arg("limit", limits::max_layers)});
  if (!spec.input_shape.empty()) {
    long product = 1;
    for (int d : spec.input_shape) {
      if (d < 1)
        fail_with("model.shape_dimension", "the input shape has a dimension of {value}; every dimension must be at least 1", {arg("value", d)});
      product *= d;
      if (product > limits::max_units)
        fail_with("model.shape_limit", "the input shape holds more than {limit} features", {arg("limit", limits::max_units)});
    }
    if (product != spec.input_dim)
      fail_with("model.shape_input_dim", "the input shape holds {product} features but input_dim is {input_dim}",
                {arg("product", product), arg("input_dim", spec.input_dim)});
    if (!(spec.input_shape.size() == 1 || spec.layers.front().kind == LayerKind::flatten))
      fail_with("model.shape_not_flat", "the input has shape [{shape}], but NeuroStep's layers take flat inputs: put a Flatten layer first",
                {arg("shape", join_numbers(spec.input_shape))});
  }
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    validate(spec.layers[i], static_cast<int>(i));
    if (spec.layers[i].kind == LayerKind::flatten && i != 0)
      fail_with("model.flatten_first", "{layer}: Flatten must be the first layer; the layers before it already give flat outputs",
                {arg("layer", layer_label(static_cast<long>(i)))});
  }
  if (parameter_count(spec) > limits::max_parameters)
    fail_with("model.too_many_parameters", "the model has {count} parameters; the limit is {limit}",
              {arg("count", parameter_count(spec)), arg("limit", limits::max_parameters)});
  validate(spec.optimizer);
  const int out = layer_widths(spec).back();
  const LayerConfig& last = spec.layers.back();
  if (last.kind != LayerKind::dense && out == 1 &&
      (last.kind == LayerKind::softmax || (last.kind == LayerKind::activation && last.activation == Activation::softmax)))
    fail_with("model.softmax_one_unit", "{layer}: softmax over a single unit always outputs 1; use sigmoid for one output",
              {arg("layer", layer_label(static_cast<long>(spec.layers.size() - 1)))});
  if ((spec.loss == Loss::categorical_crossentropy || spec.loss == Loss::sparse_categorical_crossentropy) && out < 2)
    fail_with("model.classes_one_unit", "{loss} needs an output layer of at least 2 units (one per class), got {units}",
              {arg("loss", name_of(spec.loss)), arg("units", out)});
}

// The article's example: Dense(10, relu, input_dim=8) -> Dense(8, relu) -> Dense(1, sigmoid),
// loss binary_crossentropy, optimizer adam.
inline ModelSpec article_model() {
  ModelSpec spec;
  spec.input_dim = 8;
  LayerConfig l1, l2, l3;
  l1.units = 10;
  l1.activation = Activation::relu;
  l2.units = 8;
  l2.activation = Activation::relu;
  l3.units = 1;
  l3.activation = Activation::sigmoid;
  spec.layers = {l1, l2, l3};
  spec.loss = Loss::binary_crossentropy;
  spec.optimizer = default_optimizer(OptimizerKind::adam);
  return spec;
}

}  // namespace neurostep
