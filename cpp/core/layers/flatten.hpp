#pragma once
// Keras's Flatten: an input of shape [d1, d2, ...] per sample becomes d1 d2 ... features, in
// row-major order (C order, as Keras reshapes). NeuroStep's samples already arrive flat, in
// that order, so the values pass unchanged: a = a_prev, dL/da_prev = dL/da. It stands first,
// where it records that the model's input has a shape (ModelSpec::input_shape).
#include <vector>

#include "core/layer_config.hpp"
#include "core/layers/layer_parts.hpp"

namespace neurostep {

template <typename S>
struct FlattenLayer {
  LayerConfig config;
  int width = 0;
  Matrix<S> a_prev, a, dA, dA_prev;

  FlattenLayer(const LayerConfig& c, int inputs) : config(c), width(inputs) {}
  int units() const { return width; }
  int inputs() const { return width; }
  Activation activation() const { return Activation::linear; }
  void initialize(Random&) {}
  void forward(const Matrix<S>& input, const ForwardContext&) { a_prev = a = input; }
  void infer(const Matrix<S>& input, Matrix<S>& out, Matrix<S>* z_out) const {
    out = input;
    if (z_out) *z_out = input;
  }
  S penalty() const { return 0; }
  void backward(bool) { dA_prev = dA; }
  std::vector<ParamRef<S>> params() { return {}; }
  std::vector<ParamRef<const S>> params() const { return {}; }
  std::vector<Inspected<S>> inspect() const {
    return {inspected<S>("a_prev", a_prev), inspected<S>("a", a), inspected<S>("dA", dA), inspected<S>("dA_prev", dA_prev)};
  }
};

}  // namespace neurostep
