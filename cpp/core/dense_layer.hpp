#pragma once
// A fully connected layer, a = f(W a_prev + b), with every intermediate kept for inspection:
// after a forward and a backward pass each member below holds the value of the same name in
// the textbook derivation, for the current batch (one column per sample).
#include <string>
#include <vector>

#include "core/activation.hpp"
#include "core/error.hpp"
#include "core/initializer.hpp"
#include "core/kernels.hpp"
#include "core/layer_config.hpp"
#include "core/layers/layer_parts.hpp"
#include "core/tensor.hpp"

namespace neurostep {

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
  Activation activation() const { return config.activation; }

  void initialize(Random& rng) {
    initialize_kernel(config.kernel_initializer, W, rng);
    if (config.use_bias) initialize_bias(config.bias_initializer, b, rng);
    else b.setZero();
  }

  // z = W a_prev + b;  a = f(z)
  void forward(const Matrix<S>& input, const ForwardContext&) {
    a_prev = input;
    kernels::affine(W, a_prev, config.use_bias ? &b : nullptr, z);
    activate(config.activation, z, a);
  }

  // The same without keeping anything (predictions); z_out gets z when asked for.
  void infer(const Matrix<S>& input, Matrix<S>& out, Matrix<S>* z_out) const {
    Matrix<S> zz;
    kernels::affine(W, input, config.use_bias ? &b : nullptr, zz);
    activate(config.activation, zz, out);
    if (z_out) *z_out = std::move(zz);
  }

  // Regularisation terms of the loss: l1 sum|W| + l2 sum W^2 (Keras's L1L2 on the kernel),
  // and the bias_regularizer's on b.
  S penalty() const {
    S p = neurostep::penalty(config.kernel_regularizer(), W);
    if (config.use_bias && config.bias_regularizer.active()) p += neurostep::penalty(config.bias_regularizer, b);
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
    add_penalty_gradient(config.kernel_regularizer(), W, dW);
    // dL/db = sum over the batch of dL/dz
    if (config.use_bias) kernels::row_sums(dZ, db);
    else db.setZero();
    if (config.use_bias) add_penalty_gradient(config.bias_regularizer, b, db);
    // dL/da_prev = W^T dL/dz
    if (input_gradient) kernels::transposed_product(W, dZ, dA_prev);
    else dA_prev.resize(0, 0);
  }

  // kernel and bias, as Keras's get_weights() lists them (the bias is there but unused without
  // use_bias, so that its optimizer slots keep their place).
  template <typename T, typename Self>
  static std::vector<ParamRef<T>> params_of(Self& self) {
    std::vector<ParamRef<T>> out = {param<T>("kernel", self.W, &self.dW, &self.delta_W),
                                    param<T>("bias", self.b, &self.db, &self.delta_b)};
    out[0].constraint = &self.config.kernel_constraint;
    out[1].constraint = &self.config.bias_constraint;
    out[1].used = self.config.use_bias;
    return out;
  }
  std::vector<ParamRef<S>> params() { return params_of<S>(*this); }
  std::vector<ParamRef<const S>> params() const { return params_of<const S>(*this); }

  std::vector<Inspected<S>> inspect() const {
    return {inspected<S>("a_prev", a_prev), inspected<S>("z", z), inspected<S>("a", a),
            inspected<S>("dA", dA), inspected<S>("dZ", dZ), inspected<S>("dW", dW),
            inspected<S>("db", db), inspected<S>("dA_prev", dA_prev),
            inspected<S>("delta_W", delta_W), inspected<S>("delta_b", delta_b)};
  }
};

}  // namespace neurostep
