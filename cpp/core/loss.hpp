#pragma once
// Loss functions with Keras's reductions: a per-sample loss l_j (the mean over output units for
// mse, mae and binary cross-entropy; the sum over classes for categorical cross-entropy), and
// the batch loss L = (1/B) sum_j l_j. Each loss also gives dL/da for the output layer, and
// for sigmoid or softmax outputs with cross-entropy the combined, numerically stable dL/dz.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/activation.hpp"
#include "core/names.hpp"
#include "core/tensor.hpp"

namespace neurostep {

enum class Loss {
  mean_squared_error,
  mean_absolute_error,
  binary_crossentropy,
  categorical_crossentropy,
  sparse_categorical_crossentropy
};

inline const NameTable<Loss>& loss_names() {
  static const NameTable<Loss> table = {
      {"mean_squared_error", Loss::mean_squared_error},
      {"mse", Loss::mean_squared_error},
      {"mean_absolute_error", Loss::mean_absolute_error},
      {"mae", Loss::mean_absolute_error},
      {"binary_crossentropy", Loss::binary_crossentropy},
      {"categorical_crossentropy", Loss::categorical_crossentropy},
      {"sparse_categorical_crossentropy", Loss::sparse_categorical_crossentropy}};
  return table;
}
inline Loss loss_from_name(const std::string& name) { return from_name(loss_names(), name, "loss"); }
inline std::string name_of(Loss l) { return to_name(loss_names(), l); }

inline bool is_crossentropy(Loss l) {
  return l == Loss::binary_crossentropy || l == Loss::categorical_crossentropy ||
         l == Loss::sparse_categorical_crossentropy;
}

// Keras's backend epsilon: probabilities are clipped to [eps, 1 - eps] before a logarithm.
constexpr double keras_epsilon = 1e-7;

// The loss is combined with the output activation when that gives a stable dL/dz:
//   sigmoid + binary cross-entropy:      dl/dz = a - y
//   softmax + categorical cross-entropy: dl/dz = a sum_k y_k - y   (= a - y for one-hot y)
inline bool loss_uses_logits(Loss l, Activation out) {
  return (l == Loss::binary_crossentropy && out == Activation::sigmoid) ||
         ((l == Loss::categorical_crossentropy || l == Loss::sparse_categorical_crossentropy) &&
          out == Activation::softmax);
}

// What compute_loss writes: per-sample losses, dL/da (always, for display) and dL/dz when the
// combined form applies (dz_from_logits tells the caller it need not go through f'(z)).
template <typename S>
struct LossResult {
  S batch_loss = 0;
  RowVector<S> per_sample;
  Matrix<S> dA;
  Matrix<S> dZ;
  bool dz_from_logits = false;
};

namespace detail {
// One-hot target for sparse labels, so that both categorical losses share one formula.
template <typename S>
S target_at(Loss l, const Matrix<S>& Y, Eigen::Index k, Eigen::Index j) {
  if (l == Loss::sparse_categorical_crossentropy) return static_cast<Eigen::Index>(Y(0, j)) == k;
  return Y(k, j);
}
}  // namespace detail

// Z, A: K x B (output pre-activations and activations); Y: K x B targets (1 x B class indices
// for sparse categorical cross-entropy).
template <typename S>
void compute_loss(Loss loss, Activation out, const Matrix<S>& Z, const Matrix<S>& A,
                  const Matrix<S>& Y, LossResult<S>& r) {
  const Eigen::Index K = A.rows(), B = A.cols();
  const S inv_kb = S(1) / S(K * B), inv_b = S(1) / S(B);
  const S eps = S(keras_epsilon);
  r.per_sample.resize(B);
  r.dA.resize(K, B);
  r.dz_from_logits = loss_uses_logits(loss, out);
  if (r.dz_from_logits) r.dZ.resize(K, B);

  switch (loss) {
    case Loss::mean_squared_error:
      // l = (1/K) sum_k (a_k - y_k)^2  ->  dL/da = 2 (a - y) / (K B)
      for (Eigen::Index j = 0; j < B; ++j)
        r.per_sample(j) = kernels::ordered_sum((A.col(j) - Y.col(j)).array().square()) / S(K);
      r.dA = (S(2) * inv_kb) * (A - Y);
      break;
    case Loss::mean_absolute_error:
      // l = (1/K) sum_k |a_k - y_k|  ->  dL/da = sign(a - y) / (K B), 0 where a = y
      for (Eigen::Index j = 0; j < B; ++j)
        r.per_sample(j) = kernels::ordered_sum((A.col(j) - Y.col(j)).array().abs()) / S(K);
      r.dA = ((A - Y).array().sign() * inv_kb).matrix();
      break;
    case Loss::binary_crossentropy:
      for (Eigen::Index j = 0; j < B; ++j) {
        S sum = 0;
        for (Eigen::Index k = 0; k < K; ++k) {
          const S y = Y(k, j), a = A(k, j);
          const S p = std::clamp(a, eps, S(1) - eps);
          if (r.dz_from_logits) {
            // From the logit z, without forming log(a):
            // -[y ln s(z) + (1-y) ln(1 - s(z))] = max(z,0) - z y + ln(1 + e^-|z|)
            const S z = Z(k, j);
            sum += std::max(z, S(0)) - z * y + S(det::log1p(det::exp(-std::abs(double(z)))));
            r.dZ(k, j) = (a - y) * inv_kb;  // d/dz = s(z) - y
          } else {
            sum += -(y * S(det::log(p)) + (S(1) - y) * S(det::log(S(1) - p)));
          }
          // dl/da = (a - y) / (a (1 - a)) on the clipped a; outside the clip range Keras's
          // gradient is 0 (the clip is flat there).
          const bool inside = a > eps && a < S(1) - eps;
          r.dA(k, j) = inside ? (p - y) / (p * (S(1) - p)) * inv_kb : S(0);
        }
        r.per_sample(j) = sum / S(K);
      }
      break;
    case Loss::categorical_crossentropy:
    case Loss::sparse_categorical_crossentropy:
      for (Eigen::Index j = 0; j < B; ++j) {
        if (r.dz_from_logits) {
          // ln softmax(z)_k = z_k - max z - ln sum_i e^(z_i - max z)
          const S zmax = Z.col(j).maxCoeff();
          const S log_sum = S(det::log(kernels::ordered_sum(det_exp(Z.col(j).array() - zmax))));
          S sum = 0, ysum = 0;
          for (Eigen::Index k = 0; k < K; ++k) {
            const S y = detail::target_at(loss, Y, k, j);
            if (y != S(0)) sum -= y * (Z(k, j) - zmax - log_sum);
            ysum += y;
          }
          r.per_sample(j) = sum;
          for (Eigen::Index k = 0; k < K; ++k)
            r.dZ(k, j) = (A(k, j) * ysum - detail::target_at(loss, Y, k, j)) * inv_b;
        }
        // Keras's probability form: q = a / sum(a), clipped to [eps, 1 - eps];
        // l = -sum_k y_k ln q_k, dl/dq_k = -y_k / q_k (0 where clipped), and through the
        // normalisation dq_k/da_i = (delta_ki - q_k) / sum(a):
        //   dl/da_i = (dl/dq_i - sum_k dl/dq_k q_k) / sum(a).
        const S total = std::max(kernels::ordered_sum(A.col(j)), eps);  // all-zero outputs: no 0/0
        S sum = 0, weighted = 0;
        for (Eigen::Index k = 0; k < K; ++k) {
          const S q_raw = A(k, j) / total;
          const S q = std::clamp(q_raw, eps, S(1) - eps);
          const S y = detail::target_at(loss, Y, k, j);
          if (y != S(0)) sum -= y * S(det::log(q));
          const S dq = (q_raw > eps && q_raw < S(1) - eps) ? -y / q : S(0);
          r.dA(k, j) = dq;
          weighted += dq * q_raw;
        }
        for (Eigen::Index k = 0; k < K; ++k)
          r.dA(k, j) = (r.dA(k, j) - weighted) / total * inv_b;
        if (!r.dz_from_logits) r.per_sample(j) = sum;
      }
      break;
  }
  r.batch_loss = kernels::ordered_sum(r.per_sample) * inv_b;
}

}  // namespace neurostep
