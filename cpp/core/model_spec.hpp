#pragma once
// What defines a model before it has weights: Keras's Sequential of Dense layers plus the
// arguments of model.compile (loss, optimizer). The output layer is the last layer.
#include <string>
#include <vector>

#include "core/dense_layer.hpp"
#include "core/loss.hpp"
#include "core/optimizer.hpp"

namespace neurostep {

struct ModelSpec {
  int input_dim = 2;
  std::vector<LayerConfig> layers;
  Loss loss = Loss::mean_squared_error;
  OptimizerConfig optimizer;
};

inline long parameter_count(const ModelSpec& spec) {
  long count = 0, inputs = spec.input_dim;
  for (const auto& l : spec.layers) {
    count += inputs * l.units + (l.use_bias ? l.units : 0);
    inputs = l.units;
  }
  return count;
}

inline void validate(const ModelSpec& spec) {
  require(spec.input_dim >= 1, "the input width must be at least 1, got ", spec.input_dim);
  require(spec.input_dim <= limits::max_units, "the input width ", spec.input_dim,
          " is more than the limit of ", limits::max_units);
  require(!spec.layers.empty(), "the model has no layers; it needs at least an output layer");
  require(static_cast<int>(spec.layers.size()) <= limits::max_layers, "the model has ",
          spec.layers.size(), " layers; the limit is ", limits::max_layers);
  for (std::size_t i = 0; i < spec.layers.size(); ++i) validate(spec.layers[i], static_cast<int>(i));
  require(parameter_count(spec) <= limits::max_parameters, "the model has ",
          parameter_count(spec), " parameters; the limit is ", limits::max_parameters);
  validate(spec.optimizer);
  const LayerConfig& out = spec.layers.back();
  if (spec.loss == Loss::categorical_crossentropy || spec.loss == Loss::sparse_categorical_crossentropy)
    require(out.units >= 2, name_of(spec.loss), " needs an output layer of at least 2 units ",
            "(one per class), got ", out.units);
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
