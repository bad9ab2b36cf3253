#pragma once
// Keras's LayerNormalization(axis=-1, epsilon=1e-3, center=True, scale=True): each sample j is
// normalised over its n features i, then every feature scaled and shifted,
//   mu_j = (1/n) sum_i x_ij,   var_j = (1/n) sum_i (x_ij - mu_j)^2,
//   x_hat_ij = (x_ij - mu_j) / sqrt(var_j + eps),   y_ij = gamma_i x_hat_ij + beta_i.
// Unlike BatchNormalization it is the same in training and at inference, and samples do not
// see one another.
#include <cmath>
#include <vector>

#include "core/layer_config.hpp"
#include "core/layers/layer_parts.hpp"

namespace neurostep {

template <typename S>
struct LayerNormalizationLayer {
  LayerConfig config;
  Vector<S> gamma, beta;

  // Forward pass
  Matrix<S> a_prev;       // x, features x batch
  RowVector<S> mean;      // mu_j, one per sample
  RowVector<S> variance;  // var_j
  RowVector<S> inv_std;   // 1 / sqrt(var_j + eps)
  Matrix<S> x_hat;
  Matrix<S> a;            // y = gamma x_hat + beta
  // Backward pass
  Matrix<S> dA, dx_hat, dA_prev;
  Vector<S> dgamma, dbeta;
  // Update
  Vector<S> delta_gamma, delta_beta;

  LayerNormalizationLayer(const LayerConfig& c, int inputs) : config(c) {
    for (Vector<S>* v : {&gamma, &beta, &dgamma, &dbeta, &delta_gamma, &delta_beta}) v->setZero(inputs);
    gamma.setOnes();
  }

  int units() const { return static_cast<int>(gamma.size()); }
  int inputs() const { return units(); }
  Activation activation() const { return Activation::linear; }

  void initialize(Random& rng) {
    if (config.scale) initialize_bias(config.gamma_initializer, gamma, rng);
    if (config.center) initialize_bias(config.beta_initializer, beta, rng);
  }

  // The statistics of each column, in a fixed order of summation.
  static void normalise(const Matrix<S>& x, S eps, RowVector<S>& mu, RowVector<S>& var, RowVector<S>& inv,
                        Matrix<S>& xh) {
    const Eigen::Index n = x.rows(), B = x.cols();
    mu.resize(B);
    var.resize(B);
    inv.resize(B);
    xh.resize(n, B);
    for (Eigen::Index j = 0; j < B; ++j) {
      S sum = 0, sq = 0;
      for (Eigen::Index i = 0; i < n; ++i) sum += x(i, j);
      mu(j) = sum / S(n);
      for (Eigen::Index i = 0; i < n; ++i) sq += (x(i, j) - mu(j)) * (x(i, j) - mu(j));
      var(j) = sq / S(n);
      inv(j) = S(1) / std::sqrt(var(j) + eps);
      for (Eigen::Index i = 0; i < n; ++i) xh(i, j) = (x(i, j) - mu(j)) * inv(j);
    }
  }

  void forward(const Matrix<S>& input, const ForwardContext&) {
    a_prev = input;
    normalise(input, S(config.epsilon), mean, variance, inv_std, x_hat);
    a = ((x_hat.array().colwise() * gamma.array()).colwise() + beta.array()).matrix();
  }

  void infer(const Matrix<S>& input, Matrix<S>& out, Matrix<S>* z_out) const {
    RowVector<S> mu, var, inv;
    Matrix<S> xh;
    normalise(input, S(config.epsilon), mu, var, inv, xh);
    out = ((xh.array().colwise() * gamma.array()).colwise() + beta.array()).matrix();
    if (z_out) *z_out = out;
  }

  S penalty() const { return 0; }

  void backward(bool) {
    const Eigen::Index n = dA.rows(), B = dA.cols();
    // y = gamma x_hat + beta:  dL/dgamma_i = sum_j dL/dy_ij x_hat_ij,  dL/dbeta_i = sum_j dL/dy_ij
    dgamma.setZero(n);
    dbeta.setZero(n);
    for (Eigen::Index j = 0; j < B; ++j) {
      dgamma.array() += dA.col(j).array() * x_hat.col(j).array();
      dbeta += dA.col(j);
    }
    if (!config.scale) dgamma.setZero();
    if (!config.center) dbeta.setZero();
    dx_hat = (dA.array().colwise() * gamma.array()).matrix();  // dL/dx_hat = gamma dL/dy
    // As BatchNormalization's rule, over the features of one sample instead of the batch:
    //   dL/dx_i = (1/sigma) (dL/dx_hat_i - mean_k dL/dx_hat_k - x_hat_i mean_k(dL/dx_hat_k x_hat_k)).
    dA_prev.resize(n, B);
    for (Eigen::Index j = 0; j < B; ++j) {
      S sum_d = 0, sum_dx = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        sum_d += dx_hat(i, j);
        sum_dx += dx_hat(i, j) * x_hat(i, j);
      }
      const S mean_d = sum_d / S(n), mean_dx = sum_dx / S(n);
      for (Eigen::Index i = 0; i < n; ++i)
        dA_prev(i, j) = (dx_hat(i, j) - mean_d - x_hat(i, j) * mean_dx) * inv_std(j);
    }
  }

  template <typename T, typename Self>
  static std::vector<ParamRef<T>> params_of(Self& self) {
    std::vector<ParamRef<T>> out;
    if (self.config.scale) out.push_back(param<T>("gamma", self.gamma, &self.dgamma, &self.delta_gamma));
    if (self.config.center) out.push_back(param<T>("beta", self.beta, &self.dbeta, &self.delta_beta));
    return out;
  }
  std::vector<ParamRef<S>> params() { return params_of<S>(*this); }
  std::vector<ParamRef<const S>> params() const { return params_of<const S>(*this); }

  std::vector<Inspected<S>> inspect() const {
    return {inspected<S>("a_prev", a_prev), inspected<S>("mean", mean), inspected<S>("variance", variance),
            inspected<S>("inv_std", inv_std), inspected<S>("x_hat", x_hat), inspected<S>("a", a),
            inspected<S>("dA", dA), inspected<S>("dgamma", dgamma), inspected<S>("dbeta", dbeta),
            inspected<S>("dx_hat", dx_hat), inspected<S>("dA_prev", dA_prev),
            inspected<S>("delta_gamma", delta_gamma), inspected<S>("delta_beta", delta_beta)};
  }
};

}  // namespace neurostep
