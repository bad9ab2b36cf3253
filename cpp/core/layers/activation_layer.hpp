#pragma once
// Layers that apply one function to their input and have no weights: Activation(activation),
// Softmax(axis=-1) (softmax over the features of each sample), and ReLU, LeakyReLU and ELU with
// their arguments (relu_family.hpp). z is the layer's input, a = f(z):
//   dL/dz = dL/da f'(z)   (softmax and log_softmax: their Jacobian, activation.hpp).
#include <vector>

#include "core/activation.hpp"
#include "core/layer_config.hpp"
#include "core/layers/layer_parts.hpp"
#include "core/layers/relu_family.hpp"

namespace neurostep {

template <typename S>
struct ActivationLayer {
  LayerConfig config;
  int width = 0;

  // Forward pass
  Matrix<S> a_prev;  // z, the input
  Matrix<S> a;       // f(z)
  // Backward pass
  Matrix<S> dA;       // dL/da
  Matrix<S> dZ;       // dL/dz (or from the loss, combined with a sigmoid or softmax output)
  Matrix<S> dA_prev;  // = dL/dz: the input is z

  ActivationLayer(const LayerConfig& c, int inputs) : config(c), width(inputs) {}

  int units() const { return width; }
  int inputs() const { return width; }
  bool parametric() const {
    return config.kind == LayerKind::relu || config.kind == LayerKind::leaky_relu || config.kind == LayerKind::elu;
  }
  // The activation for the loss's combined forms; the ReLU family is none of those.
  Activation activation() const {
    if (config.kind == LayerKind::softmax) return Activation::softmax;
    return config.kind == LayerKind::activation ? config.activation : Activation::linear;
  }
  const Matrix<S>& z() const { return a_prev; }
  void initialize(Random&) {}

  void apply(const Matrix<S>& input, Matrix<S>& out) const {
    if (!parametric()) return activate(activation(), input, out);
    out = input.unaryExpr([this](S v) { return static_cast<S>(relu_family::value(config, static_cast<double>(v))); });
  }

  void forward(const Matrix<S>& input, const ForwardContext&) {
    a_prev = input;
    apply(input, a);
  }
  void infer(const Matrix<S>& input, Matrix<S>& out, Matrix<S>* z_out) const {
    apply(input, out);
    if (z_out) *z_out = input;
  }
  S penalty() const { return 0; }

  void backward(bool dz_given) {
    if (!dz_given) {
      if (!parametric()) activation_backward(activation(), a_prev, a, dA, dZ);
      else {
        dZ.resize(dA.rows(), dA.cols());
        for (Eigen::Index i = 0; i < dA.size(); ++i)
          dZ(i) = dA(i) * static_cast<S>(relu_family::derivative(config, static_cast<double>(a_prev(i))));
      }
    }
    dA_prev = dZ;
  }

  std::vector<ParamRef<S>> params() { return {}; }
  std::vector<ParamRef<const S>> params() const { return {}; }
  std::vector<Inspected<S>> inspect() const {
    return {inspected<S>("a_prev", a_prev), inspected<S>("a", a), inspected<S>("dA", dA),
            inspected<S>("dZ", dZ), inspected<S>("dA_prev", dA_prev)};
  }
};

}  // namespace neurostep
