#pragma once
// Keras's BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True):
// each feature i is normalised over the batch's B samples j, then scaled and shifted,
//   mu_i = (1/B) sum_j x_ij,   var_i = (1/B) sum_j (x_ij - mu_i)^2   (biased, as Keras)
//   x_hat_ij = (x_ij - mu_i) / sqrt(var_i + eps),   y_ij = gamma_i x_hat_ij + beta_i,
// and in training the moving statistics follow the batch's (Keras 3):
//   moving_mean <- momentum moving_mean + (1 - momentum) mu
//   moving_variance <- momentum moving_variance + (1 - momentum) var.
// At inference moving_mean and moving_variance stand in for mu and var.
#include <cmath>
#include <vector>

#include "core/layer_config.hpp"
#include "core/layers/layer_parts.hpp"

namespace neurostep {

template <typename S>
struct BatchNormalizationLayer {
  LayerConfig config;
  Vector<S> gamma, beta;                     // trained (gamma 1 without scale, beta 0 without center)
  Vector<S> moving_mean, moving_variance;    // updated by the forward pass in training

  // Forward pass
  Matrix<S> a_prev;          // x, features x batch
  Vector<S> batch_mean;      // mu (the moving mean at inference)
  Vector<S> batch_variance;  // var (the moving variance at inference)
  Vector<S> inv_std;         // 1 / sqrt(var + eps)
  Matrix<S> x_hat;           // (x - mu) / sqrt(var + eps)
  Matrix<S> a;               // y = gamma x_hat + beta
  bool training_pass = false;
  // Backward pass
  Matrix<S> dA;        // dL/dy
  Vector<S> dgamma;    // dL/dgamma
  Vector<S> dbeta;     // dL/dbeta
  Matrix<S> dx_hat;    // dL/dx_hat
  Matrix<S> dA_prev;   // dL/dx
  // Update
  Vector<S> delta_gamma, delta_beta;

  BatchNormalizationLayer(const LayerConfig& c, int inputs) : config(c) {
    for (Vector<S>* v : {&gamma, &beta, &moving_mean, &moving_variance, &dgamma, &dbeta, &delta_gamma, &delta_beta})
      v->setZero(inputs);
    gamma.setOnes();
    moving_variance.setOnes();
  }

  int units() const { return static_cast<int>(gamma.size()); }
  int inputs() const { return units(); }
  Activation activation() const { return Activation::linear; }

  void initialize(Random& rng) {
    if (config.scale) initialize_bias(config.gamma_initializer, gamma, rng);
    if (config.center) initialize_bias(config.beta_initializer, beta, rng);
    initialize_bias(config.moving_mean_initializer, moving_mean, rng);
    initialize_bias(config.moving_variance_initializer, moving_variance, rng);
  }

  void forward(const Matrix<S>& input, const ForwardContext& ctx) {
    a_prev = input;
    training_pass = ctx.training;
    const Eigen::Index n = input.rows(), B = input.cols();
    if (ctx.training) {
      batch_mean.setZero(n);
      batch_variance.setZero(n);
      for (Eigen::Index j = 0; j < B; ++j) batch_mean += input.col(j);
      batch_mean /= S(B);
      for (Eigen::Index j = 0; j < B; ++j) batch_variance.array() += (input.col(j) - batch_mean).array().square();
      batch_variance /= S(B);
      const S m = S(config.momentum);
      moving_mean = moving_mean * m + batch_mean * (S(1) - m);
      moving_variance = moving_variance * m + batch_variance * (S(1) - m);
    } else {
      batch_mean = moving_mean;
      batch_variance = moving_variance;
    }
    inv_std = (batch_variance.array() + S(config.epsilon)).sqrt().inverse().matrix();
    x_hat = ((input.colwise() - batch_mean).array().colwise() * inv_std.array()).matrix();
    a = ((x_hat.array().colwise() * gamma.array()).colwise() + beta.array()).matrix();
  }

  // Inference: the moving statistics, nothing kept.
  void infer(const Matrix<S>& input, Matrix<S>& out, Matrix<S>* z_out) const {
    const Vector<S> inv = (moving_variance.array() + S(config.epsilon)).sqrt().inverse().matrix();
    const Matrix<S> xh = ((input.colwise() - moving_mean).array().colwise() * inv.array()).matrix();
    out = ((xh.array().colwise() * gamma.array()).colwise() + beta.array()).matrix();
    if (z_out) *z_out = out;
  }

  S penalty() const { return 0; }

  void backward(bool) {
    const Eigen::Index n = dA.rows(), B = dA.cols();
    // y = gamma x_hat + beta:  dL/dgamma = sum_j dL/dy x_hat,  dL/dbeta = sum_j dL/dy
    dgamma.setZero(n);
    dbeta.setZero(n);
    for (Eigen::Index j = 0; j < B; ++j) {
      dgamma.array() += dA.col(j).array() * x_hat.col(j).array();
      dbeta += dA.col(j);
    }
    if (!config.scale) dgamma.setZero();
    if (!config.center) dbeta.setZero();
    // dL/dx_hat = gamma dL/dy
    dx_hat = (dA.array().colwise() * gamma.array()).matrix();
    if (!training_pass) {  // mu and var are constants at inference: dL/dx = dL/dx_hat / sqrt(var + eps)
      dA_prev = (dx_hat.array().colwise() * inv_std.array()).matrix();
      return;
    }
    // mu and var depend on every x_ij of the feature: with sigma = sqrt(var + eps),
    //   dx_hat_k/dx_j = (delta_jk - 1/B - x_hat_j x_hat_k / B) / sigma, so
    //   dL/dx_j = (1/sigma) (dL/dx_hat_j - mean_k dL/dx_hat_k - x_hat_j mean_k(dL/dx_hat_k x_hat_k)).
    Vector<S> mean_d = Vector<S>::Zero(n), mean_dx = Vector<S>::Zero(n);
    for (Eigen::Index j = 0; j < B; ++j) {
      mean_d += dx_hat.col(j);
      mean_dx.array() += dx_hat.col(j).array() * x_hat.col(j).array();
    }
    mean_d /= S(B);
    mean_dx /= S(B);
    dA_prev.resize(n, B);
    for (Eigen::Index j = 0; j < B; ++j)
      dA_prev.col(j) = ((dx_hat.col(j) - mean_d).array() - x_hat.col(j).array() * mean_dx.array()) * inv_std.array();
  }

  // Keras's weights: gamma (with scale), beta (with center), moving_mean, moving_variance.
  template <typename T, typename Self>
  static std::vector<ParamRef<T>> params_of(Self& self) {
    std::vector<ParamRef<T>> out;
    if (self.config.scale) out.push_back(param<T>("gamma", self.gamma, &self.dgamma, &self.delta_gamma));
    if (self.config.center) out.push_back(param<T>("beta", self.beta, &self.dbeta, &self.delta_beta));
    out.push_back(untrained_param<T>("moving_mean", self.moving_mean));
    out.push_back(untrained_param<T>("moving_variance", self.moving_variance));
    return out;
  }
  std::vector<ParamRef<S>> params() { return params_of<S>(*this); }
  std::vector<ParamRef<const S>> params() const { return params_of<const S>(*this); }

  std::vector<Inspected<S>> inspect() const {
    return {inspected<S>("a_prev", a_prev), inspected<S>("batch_mean", batch_mean),
            inspected<S>("batch_variance", batch_variance), inspected<S>("inv_std", inv_std),
            inspected<S>("x_hat", x_hat), inspected<S>("a", a), inspected<S>("dA", dA),
            inspected<S>("dgamma", dgamma), inspected<S>("dbeta", dbeta), inspected<S>("dx_hat", dx_hat),
            inspected<S>("dA_prev", dA_prev), inspected<S>("delta_gamma", delta_gamma),
            inspected<S>("delta_beta", delta_beta)};
  }
};

}  // namespace neurostep
