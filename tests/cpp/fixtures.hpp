#pragma once
// Small models and datasets that several test files train on.
#include "core/generators.hpp"
#include "core/model_spec.hpp"

namespace neurostep::test {

// The XOR truth table: (0,0) -> 0, (0,1) -> 1, (1,0) -> 1, (1,1) -> 0.
inline Dataset xor_data() { return generate_dataset("xor", {4, 0.0, 42}); }

// The article's 10 x 8 bit matrix and labels (../shared/SEED.md).
inline Dataset article_data() { return generate_dataset("article_bits", {}); }

// 2 -> Dense(units, tanh) -> Dense(1, sigmoid), binary cross-entropy, Adam.
inline ModelSpec xor_model(int hidden_units = 3) {
  ModelSpec spec;
  spec.input_dim = 2;
  LayerConfig hidden, out;
  hidden.units = hidden_units;
  hidden.activation = Activation::tanh;
  out.units = 1;
  out.activation = Activation::sigmoid;
  spec.layers = {hidden, out};
  spec.loss = Loss::binary_crossentropy;
  spec.optimizer = default_optimizer(OptimizerKind::adam);
  return spec;
}

}  // namespace neurostep::test
