#pragma once
// Keras's PReLU(alpha_initializer="zeros"): a leaky ReLU whose slope is learned, one alpha per
// feature (Keras 3's call: relu(x) - alpha relu(-x)):
//   f(x_ij) = x_ij for x_ij >= 0, else alpha_i x_ij.
#include <vector>

#include "core/layer_config.hpp"
#include "core/layers/layer_parts.hpp"

namespace neurostep {

template <typename S>
struct PReLULayer {
  LayerConfig config;
  Vector<S> alpha;

  Matrix<S> a_prev, a;  // x and f(x)
  Matrix<S> dA, dA_prev;
  Vector<S> dalpha, delta_alpha;

  PReLULayer(const LayerConfig& c, int inputs) : config(c) {
    alpha.setZero(inputs);
    dalpha.setZero(inputs);
    delta_alpha.setZero(inputs);
  }
  int units() const { return static_cast<int>(alpha.size()); }
  int inputs() const { return units(); }
  Activation activation() const { return Activation::linear; }
  void initialize(Random& rng) { initialize_bias(config.alpha_initializer, alpha, rng); }

  // relu(x) - alpha relu(-x) = max(x, 0) + alpha min(x, 0)
  static void apply(const Vector<S>& al, const Matrix<S>& x, Matrix<S>& y) {
    y = (x.array().max(S(0)) + (x.array().min(S(0)).colwise() * al.array())).matrix();
  }
  void forward(const Matrix<S>& input, const ForwardContext&) {
    a_prev = input;
    apply(alpha, input, a);
  }
  void infer(const Matrix<S>& input, Matrix<S>& out, Matrix<S>* z_out) const {
    apply(alpha, input, out);
    if (z_out) *z_out = out;
  }
  S penalty() const { return 0; }

  void backward(bool) {
    // df/dx = 1 for x > 0, alpha for x < 0;  df/dalpha_i = min(x_ij, 0), summed over the batch
    dA_prev = (a_prev.array() > S(0)).select(dA.array(), dA.array().colwise() * alpha.array()).matrix();
    dalpha.setZero(alpha.size());
    for (Eigen::Index j = 0; j < dA.cols(); ++j) dalpha.array() += dA.col(j).array() * a_prev.col(j).array().min(S(0));
  }

  template <typename T, typename Self>
  static std::vector<ParamRef<T>> params_of(Self& self) {
    return {param<T>("alpha", self.alpha, &self.dalpha, &self.delta_alpha)};
  }
  std::vector<ParamRef<S>> params() { return params_of<S>(*this); }
  std::vector<ParamRef<const S>> params() const { return params_of<const S>(*this); }
  std::vector<Inspected<S>> inspect() const {
    return {inspected<S>("a_prev", a_prev), inspected<S>("a", a), inspected<S>("dA", dA),
            inspected<S>("dalpha", dalpha), inspected<S>("dA_prev", dA_prev), inspected<S>("delta_alpha", delta_alpha)};
  }
};

}  // namespace neurostep
