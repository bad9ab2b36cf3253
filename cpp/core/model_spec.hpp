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
  require(spec.input_dim >= 1, "the input width must be at least 1, got ", spec.input_dim);
  require(spec.input_dim <= limits::max_units, "the input width ", spec.input_dim,
          " is more than the limit of ", limits::max_units);
  require(!spec.layers.empty(), "the model has no layers; it needs at least an output layer");
  require(static_cast<int>(spec.layers.size()) <= limits::max_layers, "the model has ",
          spec.layers.size(), " layers; the limit is ", limits::max_layers);
  if (!spec.input_shape.empty()) {
    long product = 1;
    for (int d : spec.input_shape) {
      require(d >= 1, "the input shape has a dimension of ", d, "; every dimension must be at least 1");
      product *= d;
      require(product <= limits::max_units, "the input shape holds more than ", limits::max_units, " features");
    }
    require(product == spec.input_dim, "the input shape holds ", product, " features but input_dim is ", spec.input_dim);
    require(spec.input_shape.size() == 1 || spec.layers.front().kind == LayerKind::flatten,
            "the input has shape [", join_numbers(spec.input_shape), "], but NeuroStep's layers take flat ",
            "inputs: put a Flatten layer first");
  }
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    validate(spec.layers[i], static_cast<int>(i));
    require(spec.layers[i].kind != LayerKind::flatten || i == 0, layer_label(static_cast<long>(i)),
            ": Flatten must be the first layer; the layers before it already give flat outputs");
  }
  require(parameter_count(spec) <= limits::max_parameters, "the model has ",
          parameter_count(spec), " parameters; the limit is ", limits::max_parameters);
  validate(spec.optimizer);
  const int out = layer_widths(spec).back();
  const LayerConfig& last = spec.layers.back();
  require(!(last.kind != LayerKind::dense && out == 1 &&
            (last.kind == LayerKind::softmax ||
             (last.kind == LayerKind::activation && last.activation == Activation::softmax))),
          layer_label(static_cast<long>(spec.layers.size() - 1)),
          ": softmax over a single unit always outputs 1; use sigmoid for one output");
  if (spec.loss == Loss::categorical_crossentropy || spec.loss == Loss::sparse_categorical_crossentropy)
    require(out >= 2, name_of(spec.loss), " needs an output layer of at least 2 units ",
            "(one per class), got ", out);
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
