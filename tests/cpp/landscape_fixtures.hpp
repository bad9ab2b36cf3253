#pragma once
// The landscape tests' network and data: the benchmark case, TensorFlow Playground's
// spiral of 500 points through 2 -> Dense(8, tanh) -> Dense(8, tanh) -> Dense(1, sigmoid).
#include "core/generators.hpp"
#include "core/trainer.hpp"

namespace neurostep::test {

inline ModelSpec spiral_model(OptimizerKind kind = OptimizerKind::adam) {
  ModelSpec spec;
  spec.input_dim = 2;
  LayerConfig h1, h2, out;
  h1.units = h2.units = 8;
  h1.activation = h2.activation = Activation::tanh;
  out.units = 1;
  out.activation = Activation::sigmoid;
  spec.layers = {h1, h2, out};
  spec.loss = Loss::binary_crossentropy;
  spec.optimizer = default_optimizer(kind);
  return spec;
}

// A trainer a few batches into training, with test data, so that every value is away from the start.
template <typename S>
Trainer<S> spiral_trainer(OptimizerKind kind = OptimizerKind::adam, int warmup_batches = 5) {
  Trainer<S> t(spiral_model(kind), 7);
  const Dataset all = generate_dataset("spiral", {500, 0.1, 3});
  Dataset train = all, test;
  test.x = all.x.rightCols(100);
  test.y = all.y.rightCols(100);
  train.x = all.x.leftCols(400);
  train.y = all.y.leftCols(400);
  t.set_data(train, test);
  t.set_batch_size(10);
  t.path().set_capacity(50, t.network());
  for (int k = 0; k < warmup_batches; ++k) t.step_batch();
  return t;
}

}  // namespace neurostep::test
