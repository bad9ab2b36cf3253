#pragma once
// A fully connected layer, a = f(W a_prev + b), with every intermediate kept for inspection:
// after a forward and a backward pass each member below holds the value of the same name in
// the textbook derivation, for the current batch (one column per sample).
#include <string>

#include "core/activation.hpp"
#include "core/error.hpp"
#include "core/initializer.hpp"
#include "core/kernels.hpp"
#include "core/limits.hpp"
#include "core/names.hpp"
#include "core/tensor.hpp"

namespace neurostep {

// Keras's Dense(units, activation, use_bias, kernel_initializer, bias_initializer,
// kernel_regularizer=L1L2(l1, l2)).
struct LayerConfig {
  int units = 1;
  Activation activation = Activation::linear;
  bool use_bias = true;
  Initializer kernel_initializer = Initializer::glorot_uniform;
  Initializer bias_initializer = Initializer::zeros;
  double l1 = 0.0;  // adds l1 sum|W| to the loss
  double l2 = 0.0;  // adds l2 sum W^2 to the loss
  std::string name;  // optional; Keras-style "dense", "dense_1", ... when empty
};

inline void validate(const LayerConfig& c, int index) {
  require(c.units >= 1, "layer ", index + 1, ": units must be at least 1, got ", c.units);
  require(c.units <= limits::max_units, "layer ", index + 1, ": ", c.units,
          " units is more than the limit of ", limits::max_units);
  require(std::isfinite(c.l1) && c.l1 >= 0.0 && c.l1 <= 1e3, "layer ", index + 1,
          ": l1 must be in [0, 1000], got ", c.l1);
  require(std::isfinite(c.l2) && c.l2 >= 0.0 && c.l2 <= 1e3, "layer ", index + 1,
          ": l2 must be in [0, 1000], got ", c.l2);
  require(!(c.activation == Activation::softmax && c.units == 1), "layer ", index + 1,
          ": softmax over a single unit always outputs 1; use sigmoid for one output");
  const std::size_t bad = invalid_utf8_at(c.name);  // the name is written into model files
  require(bad == std::string::npos, "layer ", index + 1, ": the name is not valid UTF-8 (byte ",
          bad + 1, ")");
}

template <typename S>
struct DenseLayer {
  LayerConfig config;
  Matrix<S> W;  // units x inputs (Keras's kernel is W^T)
  Vector<S> b;  // units (stays 0 when use_bias is false)

  // Forward pass
  Matrix<S> a_prev;  // input activations, inputs x batch
  Matrix<S> z;       // pre-activations z = W a_prev + b
  Matrix<S> a;       // activations a = f(z)
  // Backward pass
  Matrix<S> dA;       // dL/da, from the layer above (or the loss)
  Matrix<S> dZ;       // dL/dz
  Matrix<S> dW;       // dL/dW, regularisation included
  Vector<S> db;       // dL/db
  Matrix<S> dA_prev;  // dL/da_prev, handed to the layer below
  // Update
  Matrix<S> delta_W;  // W_new - W_old of the last update
  Vector<S> delta_b;

  DenseLayer(const LayerConfig& c, int inputs) : config(c), W(c.units, inputs), b(c.units) {
    W.setZero();
    b.setZero();
    dW.setZero(c.units, inputs);
    db.setZero(c.units);
    delta_W.setZero(c.units, inputs);
    delta_b.setZero(c.units);
  }

  int units() const { return config.units; }
  int inputs() const { return static_cast<int>(W.cols()); }

  void initialize(Random& rng) {
    initialize_kernel(config.kernel_initializer, W, rng);
    if (config.use_bias) initialize_bias(config.bias_initializer, b, rng);
    else b.setZero();
  }

  // z = W a_prev + b;  a = f(z)
  void forward(const Matrix<S>& input) {
    a_prev = input;
    kernels::affine(W, a_prev, config.use_bias ? &b : nullptr, z);
    activate(config.activation, z, a);
  }

  // Regularisation term of the loss: l1 sum|W| + l2 sum W^2 (Keras's L1L2 on the kernel).
  S penalty() const {
    S p = 0;
    if (config.l1 > 0) p += S(config.l1) * kernels::ordered_sum(W.array().abs());
    if (config.l2 > 0) p += S(config.l2) * kernels::ordered_sum(W.array().square());
    return p;
  }

  // Given dL/da in dA (or dL/dz directly when the loss combined it with the activation).
  // input_gradient false skips dL/da_prev, leaving it empty (the first layer's is dL/dx, which
  // only Teach mode and the gradient check read).
  void backward(bool dz_given, bool input_gradient = true) {
    // dL/dz = dL/da (elementwise) f'(z)
    if (!dz_given) activation_backward(config.activation, z, a, dA, dZ);
    // z = W a_prev + b, so dL/dW = dL/dz a_prev^T (summed over the batch's columns)
    kernels::outer_sum(dZ, a_prev, dW);
    // d/dW of l1 sum|W| + l2 sum W^2 = l1 sign(W) + 2 l2 W
    if (config.l1 > 0) dW.array() += S(config.l1) * W.array().sign();
    if (config.l2 > 0) dW.array() += S(2 * config.l2) * W.array();
    // dL/db = sum over the batch of dL/dz
    if (config.use_bias) kernels::row_sums(dZ, db);
    else db.setZero();
    // dL/da_prev = W^T dL/dz
    if (input_gradient) kernels::transposed_product(W, dZ, dA_prev);
    else dA_prev.resize(0, 0);
  }
};

}  // namespace neurostep
