#pragma once
// Activation functions a = f(z), applied elementwise (softmax: per sample, over the units),
// each with its derivative beside it. Keras's names and default parameters.
#include <string>

#include "core/deterministic_math.hpp"
#include "core/kernels.hpp"
#include "core/names.hpp"
#include "core/tensor.hpp"

namespace neurostep {

enum class Activation { linear, relu, leaky_relu, elu, sigmoid, tanh, softplus, softmax };

inline const NameTable<Activation>& activation_names() {
  static const NameTable<Activation> table = {
      {"linear", Activation::linear},   {"relu", Activation::relu},
      {"leaky_relu", Activation::leaky_relu}, {"elu", Activation::elu},
      {"sigmoid", Activation::sigmoid}, {"tanh", Activation::tanh},
      {"softplus", Activation::softplus}, {"softmax", Activation::softmax}};
  return table;
}
inline Activation activation_from_name(const std::string& name) {
  return from_name(activation_names(), name, "activation");
}
inline std::string name_of(Activation a) { return to_name(activation_names(), a); }

// Keras defaults: keras.activations.leaky_relu(negative_slope=0.2), elu(alpha=1.0).
constexpr double leaky_relu_negative_slope = 0.2;
constexpr double elu_alpha = 1.0;

// Elementwise e^x, tanh and ln(1 + x) from deterministic_math.hpp, in double and rounded once
// to S: Eigen's vectorised versions differ in the last bit from the scalar ones WebAssembly uses.
template <typename S>
auto det_exp(const Eigen::ArrayBase<S>& x) {
  using T = typename S::Scalar;
  return x.unaryExpr([](T v) { return static_cast<T>(det::exp(static_cast<double>(v))); });
}
template <typename S>
auto det_tanh(const Eigen::ArrayBase<S>& x) {
  using T = typename S::Scalar;
  return x.unaryExpr([](T v) { return static_cast<T>(det::tanh(static_cast<double>(v))); });
}
template <typename S>
auto det_log1p(const Eigen::ArrayBase<S>& x) {
  using T = typename S::Scalar;
  return x.unaryExpr([](T v) { return static_cast<T>(det::log1p(static_cast<double>(v))); });
}

// a = f(z). Z and A are units x batch.
template <typename S>
void activate(Activation f, const Matrix<S>& Z, Matrix<S>& A) {
  const auto z = Z.array();
  switch (f) {
    case Activation::linear: A = Z; break;
    // relu(z) = max(z, 0)
    case Activation::relu: A = z.max(S(0)).matrix(); break;
    // leaky_relu(z) = z if z > 0 else slope z
    case Activation::leaky_relu:
      A = (z > S(0)).select(z, S(leaky_relu_negative_slope) * z).matrix();
      break;
    // elu(z) = z if z > 0 else alpha (e^z - 1)
    case Activation::elu:
      A = (z > S(0)).select(z, S(elu_alpha) * (det_exp(z.min(S(0))) - S(1))).matrix();
      break;
    // sigmoid(z) = 1 / (1 + e^-z); saturates to exactly 0 or 1 without NaN.
    case Activation::sigmoid: A = (S(1) / (S(1) + det_exp(-z))).matrix(); break;
    case Activation::tanh: A = det_tanh(z).matrix(); break;
    // softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^-|z|), the form that cannot overflow.
    case Activation::softplus: A = (z.max(S(0)) + det_log1p(det_exp(-z.abs()))).matrix(); break;
    // softmax(z)_k = e^(z_k - max z) / sum_j e^(z_j - max z), per column; the shift by max z
    // leaves the value unchanged and keeps e^(.) <= 1.
    case Activation::softmax:
      A.resize(Z.rows(), Z.cols());
      for (Eigen::Index j = 0; j < Z.cols(); ++j) {
        A.col(j) = det_exp(Z.col(j).array() - Z.col(j).maxCoeff()).matrix();
        A.col(j) /= kernels::ordered_sum(A.col(j));
      }
      break;
  }
}

// dL/dz from dL/da through a = f(z): dL/dz = dL/da (elementwise) f'(z), except softmax, whose
// Jacobian is not diagonal: da_k/dz_i = a_k (delta_ki - a_i), so
//   dL/dz_i = sum_k dL/da_k a_k (delta_ki - a_i) = a_i (dL/da_i - sum_k dL/da_k a_k).
template <typename S>
void activation_backward(Activation f, const Matrix<S>& Z, const Matrix<S>& A,
                         const Matrix<S>& dA, Matrix<S>& dZ) {
  const auto z = Z.array();
  const auto a = A.array();
  const auto da = dA.array();
  switch (f) {
    // f'(z) = 1
    case Activation::linear: dZ = dA; break;
    // f'(z) = 1 if z > 0 else 0 (0 at z = 0, as TensorFlow)
    case Activation::relu: dZ = (z > S(0)).select(da, S(0)).matrix(); break;
    // f'(z) = 1 if z > 0 else slope
    case Activation::leaky_relu:
      dZ = (z > S(0)).select(da, S(leaky_relu_negative_slope) * da).matrix();
      break;
    // f'(z) = 1 if z > 0 else alpha e^z = a + alpha
    case Activation::elu: dZ = (z > S(0)).select(da, da * (a + S(elu_alpha))).matrix(); break;
    // f'(z) = sigmoid(z) (1 - sigmoid(z)) = a (1 - a)
    case Activation::sigmoid: dZ = (da * a * (S(1) - a)).matrix(); break;
    // f'(z) = 1 - tanh(z)^2 = 1 - a^2
    case Activation::tanh: dZ = (da * (S(1) - a * a)).matrix(); break;
    // f'(z) = e^z / (1 + e^z) = sigmoid(z)
    case Activation::softplus: dZ = (da / (S(1) + det_exp(-z))).matrix(); break;
    case Activation::softmax:
      dZ.resize(Z.rows(), Z.cols());
      for (Eigen::Index j = 0; j < Z.cols(); ++j) {
        const S weighted = kernels::ordered_sum(dA.col(j).cwiseProduct(A.col(j)));  // sum_k dL/da_k a_k
        dZ.col(j) = (A.col(j).array() * (dA.col(j).array() - weighted)).matrix();
      }
      break;
  }
}

}  // namespace neurostep
