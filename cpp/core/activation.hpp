#pragma once
// Activation functions a = f(z), applied elementwise (softmax and log_softmax: per sample, over
// the units), each with its derivative beside it. Keras 3's names, definitions and defaults
// (keras.activations); transcendental functions come from deterministic_math.hpp, computed in
// double and rounded once to S, so that native and WebAssembly runs agree bit for bit.
#include <cmath>
#include <string>

#include "core/deterministic_math.hpp"
#include "core/deterministic_vector_math.hpp"
#include "core/kernels.hpp"
#include "core/names.hpp"
#include "core/tensor.hpp"

namespace neurostep {

enum class Activation {
  linear, relu, leaky_relu, elu, sigmoid, tanh, softplus, softmax,
  relu6, selu, celu, gelu, gelu_approximate, silu, hard_sigmoid, hard_silu, mish, softsign,
  exponential, log_softmax
};

// The first name of each is Keras's; swish and hard_swish are Keras's aliases. Keras writes
// gelu(approximate=True) only as a function argument: "gelu_approximate" is NeuroStep's name.
inline const NameTable<Activation>& activation_names() {
  static const NameTable<Activation> table = {
      {"linear", Activation::linear},       {"relu", Activation::relu},
      {"leaky_relu", Activation::leaky_relu}, {"elu", Activation::elu},
      {"sigmoid", Activation::sigmoid},     {"tanh", Activation::tanh},
      {"softplus", Activation::softplus},   {"softmax", Activation::softmax},
      {"relu6", Activation::relu6},         {"selu", Activation::selu},
      {"celu", Activation::celu},           {"gelu", Activation::gelu},
      {"gelu_approximate", Activation::gelu_approximate},
      {"silu", Activation::silu},           {"swish", Activation::silu},
      {"hard_sigmoid", Activation::hard_sigmoid}, {"hard_silu", Activation::hard_silu},
      {"hard_swish", Activation::hard_silu}, {"mish", Activation::mish},
      {"softsign", Activation::softsign},   {"exponential", Activation::exponential},
      {"log_softmax", Activation::log_softmax}};
  return table;
}
inline Activation activation_from_name(const std::string& name) {
  return from_name(activation_names(), name, "activation");
}
inline std::string name_of(Activation a) { return to_name(activation_names(), a); }

// Keras defaults: leaky_relu(negative_slope=0.2), elu(alpha=1.0), celu(alpha=1.0); selu's
// constants are those of Klambauer et al. (2017), as Keras writes them.
constexpr double leaky_relu_negative_slope = 0.2;
constexpr double elu_alpha = 1.0;
constexpr double celu_alpha = 1.0;
constexpr double selu_alpha = 1.67326324235437728481;
constexpr double selu_scale = 1.05070098735548049342;

// Elementwise e^x, tanh and ln(1 + x) from deterministic_math.hpp, in double and rounded once
// to S: Eigen's vectorised versions differ in the last bit from the scalar ones WebAssembly uses.
// e^x and tanh run several elements at once (deterministic_vector_math.hpp), with the scalar
// functions' bits; each takes an expression and returns its evaluated array.
template <typename S>
auto det_exp(const Eigen::ArrayBase<S>& x) {
  using T = typename S::Scalar;
  Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic> y = x;
  det::exp_n(y.data(), y.data(), static_cast<std::size_t>(y.size()));
  return y;
}
template <typename S>
auto det_tanh(const Eigen::ArrayBase<S>& x) {
  using T = typename S::Scalar;
  Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic> y = x;
  det::tanh_n(y.data(), y.data(), static_cast<std::size_t>(y.size()));
  return y;
}
template <typename S>
auto det_log1p(const Eigen::ArrayBase<S>& x) {
  using T = typename S::Scalar;
  return x.unaryExpr([](T v) { return static_cast<T>(det::log1p(static_cast<double>(v))); });
}

namespace activation_detail {
inline double sigmoid(double z) { return 1.0 / (1.0 + det::exp(-z)); }
inline double softplus(double z) { return std::fmax(z, 0.0) + det::log1p(det::exp(-std::fabs(z))); }
constexpr double inv_sqrt2 = 0.70710678118654752440, inv_sqrt_2pi = 0.39894228040143267794;
constexpr double sqrt_2_over_pi = 0.79788456080286535588, gelu_c = 0.044715;

// f(z) of the activations that are computed in double, one value at a time.
inline double value(Activation f, double z) {
  switch (f) {
    // selu(z) = scale (z if z > 0 else alpha (e^z - 1))
    case Activation::selu: return selu_scale * (z > 0 ? z : selu_alpha * det::expm1(z));
    // celu(z) = max(z, 0) + min(0, alpha (e^(z/alpha) - 1))
    case Activation::celu: return std::fmax(z, 0.0) + std::fmin(0.0, celu_alpha * det::expm1(z / celu_alpha));
    // gelu(z) = z Phi(z) = z (1 + erf(z / sqrt 2)) / 2
    case Activation::gelu: return 0.5 * z * (1.0 + det::erf(z * inv_sqrt2));
    // gelu(z, approximate=True) = z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))) / 2
    case Activation::gelu_approximate:
      return 0.5 * z * (1.0 + det::tanh(sqrt_2_over_pi * (z + gelu_c * z * z * z)));
    // silu(z) = z sigmoid(z)
    case Activation::silu: return z * sigmoid(z);
    // mish(z) = z tanh(softplus(z))
    case Activation::mish: return z * det::tanh(softplus(z));
    case Activation::exponential: return det::exp(z);
    default: return z;
  }
}

// f'(z), given z and a = f(z).
inline double derivative(Activation f, double z, double a) {
  switch (f) {
    // z > 0: scale; else scale alpha e^z = a + scale alpha
    case Activation::selu: return z > 0 ? selu_scale : a + selu_scale * selu_alpha;
    // z > 0: 1; else e^(z/alpha)
    case Activation::celu: return z > 0 ? 1.0 : det::exp(z / celu_alpha);
    // d/dz z Phi(z) = Phi(z) + z phi(z), phi(z) = e^(-z^2/2) / sqrt(2 pi)
    case Activation::gelu:
      return 0.5 * (1.0 + det::erf(z * inv_sqrt2)) + z * inv_sqrt_2pi * det::exp(-0.5 * z * z);
    // u = sqrt(2/pi) (z + c z^3), t = tanh u: f' = (1 + t)/2 + z (1 - t^2) sqrt(2/pi) (1 + 3c z^2) / 2
    case Activation::gelu_approximate: {
      const double t = det::tanh(sqrt_2_over_pi * (z + gelu_c * z * z * z));
      return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * sqrt_2_over_pi * (1.0 + 3.0 * gelu_c * z * z);
    }
    // s = sigmoid(z): f' = s + z s (1 - s)
    case Activation::silu: {
      const double s = sigmoid(z);
      return s + z * s * (1.0 - s);
    }
    // t = tanh(softplus(z)): f' = t + z (1 - t^2) sigmoid(z), since softplus' = sigmoid
    case Activation::mish: {
      const double t = det::tanh(softplus(z));
      return t + z * (1.0 - t * t) * sigmoid(z);
    }
    // (e^z)' = e^z = a
    case Activation::exponential: return a;
    default: return 1.0;
  }
}

// The activations evaluated in double by value() and derivative() above.
inline bool in_double(Activation f) {
  switch (f) {
    case Activation::selu: case Activation::celu: case Activation::gelu:
    case Activation::gelu_approximate: case Activation::silu: case Activation::mish:
    case Activation::exponential: return true;
    default: return false;
  }
}
}  // namespace activation_detail

// a = f(z). Z and A are units x batch.
template <typename S>
void activate(Activation f, const Matrix<S>& Z, Matrix<S>& A) {
  const auto z = Z.array();
  if (activation_detail::in_double(f)) {
    A = Z.unaryExpr([f](S v) { return static_cast<S>(activation_detail::value(f, static_cast<double>(v))); });
    return;
  }
  switch (f) {
    case Activation::linear: A = Z; break;
    // relu(z) = max(z, 0)
    case Activation::relu: A = z.max(S(0)).matrix(); break;
    // relu6(z) = min(max(z, 0), 6)
    case Activation::relu6: A = z.max(S(0)).min(S(6)).matrix(); break;
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
    // hard_sigmoid(z) = relu6(z + 3) / 6 (Keras 3; Keras 2 used max(0, min(1, 0.2 z + 0.5)))
    case Activation::hard_sigmoid: A = ((z + S(3)).max(S(0)).min(S(6)) / S(6)).matrix(); break;
    // hard_silu(z) = z relu6(z + 3) / 6
    case Activation::hard_silu: A = (z * ((z + S(3)).max(S(0)).min(S(6)) / S(6))).matrix(); break;
    case Activation::tanh: A = det_tanh(z).matrix(); break;
    // softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^-|z|), the form that cannot overflow.
    case Activation::softplus: A = (z.max(S(0)) + det_log1p(det_exp(-z.abs()))).matrix(); break;
    // softsign(z) = z / (1 + |z|)
    case Activation::softsign: A = (z / (S(1) + z.abs())).matrix(); break;
    // softmax(z)_k = e^(z_k - max z) / sum_j e^(z_j - max z), per column; the shift by max z
    // leaves the value unchanged and keeps e^(.) <= 1.
    case Activation::softmax:
      A.resize(Z.rows(), Z.cols());
      for (Eigen::Index j = 0; j < Z.cols(); ++j) {
        A.col(j) = det_exp(Z.col(j).array() - Z.col(j).maxCoeff()).matrix();
        A.col(j) /= kernels::ordered_sum(A.col(j));
      }
      break;
    // log_softmax(z)_k = z_k - max z - ln sum_j e^(z_j - max z), per column
    case Activation::log_softmax:
      A.resize(Z.rows(), Z.cols());
      for (Eigen::Index j = 0; j < Z.cols(); ++j) {
        const S m = Z.col(j).maxCoeff();
        const S log_sum = static_cast<S>(det::log(static_cast<double>(
            kernels::ordered_sum(det_exp(Z.col(j).array() - m)))));
        A.col(j) = (Z.col(j).array() - m - log_sum).matrix();
      }
      break;
    default: break;
  }
}

// dL/dz from dL/da through a = f(z): dL/dz = dL/da (elementwise) f'(z), except softmax, whose
// Jacobian is not diagonal: da_k/dz_i = a_k (delta_ki - a_i), so
//   dL/dz_i = sum_k dL/da_k a_k (delta_ki - a_i) = a_i (dL/da_i - sum_k dL/da_k a_k),
// and log_softmax, where da_k/dz_i = delta_ki - softmax_i, so
//   dL/dz_i = dL/da_i - softmax_i sum_k dL/da_k,  softmax_i = e^(a_i).
template <typename S>
void activation_backward(Activation f, const Matrix<S>& Z, const Matrix<S>& A,
                         const Matrix<S>& dA, Matrix<S>& dZ) {
  const auto z = Z.array();
  const auto a = A.array();
  const auto da = dA.array();
  if (activation_detail::in_double(f)) {
    dZ.resize(Z.rows(), Z.cols());
    for (Eigen::Index i = 0; i < Z.size(); ++i)
      dZ(i) = dA(i) * static_cast<S>(activation_detail::derivative(f, static_cast<double>(Z(i)),
                                                                   static_cast<double>(A(i))));
    return;
  }
  switch (f) {
    // f'(z) = 1
    case Activation::linear: dZ = dA; break;
    // f'(z) = 1 if z > 0 else 0 (0 at z = 0, as TensorFlow)
    case Activation::relu: dZ = (z > S(0)).select(da, S(0)).matrix(); break;
    // f'(z) = 1 if 0 < z < 6 else 0
    case Activation::relu6: dZ = (z > S(0) && z < S(6)).select(da, S(0)).matrix(); break;
    // f'(z) = 1 if z > 0 else slope
    case Activation::leaky_relu:
      dZ = (z > S(0)).select(da, S(leaky_relu_negative_slope) * da).matrix();
      break;
    // f'(z) = 1 if z > 0 else alpha e^z = a + alpha
    case Activation::elu: dZ = (z > S(0)).select(da, da * (a + S(elu_alpha))).matrix(); break;
    // f'(z) = sigmoid(z) (1 - sigmoid(z)) = a (1 - a)
    case Activation::sigmoid: dZ = (da * a * (S(1) - a)).matrix(); break;
    // f'(z) = 1/6 if -3 < z < 3 else 0
    case Activation::hard_sigmoid:
      dZ = (z > S(-3) && z < S(3)).select(da / S(6), S(0)).matrix();
      break;
    // f'(z) = 0 for z <= -3, 1 for z >= 3, else (2z + 3) / 6
    case Activation::hard_silu:
      dZ = (z <= S(-3)).select(S(0), (z >= S(3)).select(da, da * (S(2) * z + S(3)) / S(6))).matrix();
      break;
    // f'(z) = 1 - tanh(z)^2 = 1 - a^2
    case Activation::tanh: dZ = (da * (S(1) - a * a)).matrix(); break;
    // f'(z) = e^z / (1 + e^z) = sigmoid(z)
    case Activation::softplus: dZ = (da / (S(1) + det_exp(-z))).matrix(); break;
    // f'(z) = 1 / (1 + |z|)^2
    case Activation::softsign: dZ = (da / ((S(1) + z.abs()) * (S(1) + z.abs()))).matrix(); break;
    case Activation::softmax:
      dZ.resize(Z.rows(), Z.cols());
      for (Eigen::Index j = 0; j < Z.cols(); ++j) {
        const S weighted = kernels::ordered_sum(dA.col(j).cwiseProduct(A.col(j)));  // sum_k dL/da_k a_k
        dZ.col(j) = (A.col(j).array() * (dA.col(j).array() - weighted)).matrix();
      }
      break;
    case Activation::log_softmax:
      dZ.resize(Z.rows(), Z.cols());
      for (Eigen::Index j = 0; j < Z.cols(); ++j) {
        const S total = kernels::ordered_sum(dA.col(j));  // sum_k dL/da_k
        dZ.col(j) = (dA.col(j).array() - det_exp(A.col(j).array()) * total).matrix();
      }
      break;
    default: break;
  }
}

// True for the activations computed per sample over the units rather than elementwise.
inline bool is_per_sample(Activation f) { return f == Activation::softmax || f == Activation::log_softmax; }

}  // namespace neurostep
