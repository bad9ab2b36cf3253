#pragma once
// Checks backpropagation against numerical differentiation: for every trained weight w, the
// derivative dL/dw from the backward pass is compared with the fourth-order central difference
//   dL/dw ~ [-L(w + 2h) + 8 L(w + h) - 8 L(w - h) + L(w - 2h)] / (12 h),
// whose error is O(h^4), so that float64 agreement to ~1e-9 is expected where L is smooth.
// L is the batch loss with regularisation, exactly what training minimises, in training mode:
// Dropout's masks are held fixed (those of the batch under way, or drawn once here), and
// BatchNormalization uses the batch's statistics. dL/dX of the input batch is checked too, so
// that layers without weights (Dropout, Activation, ...) are checked even as the first layer.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/network.hpp"
#include "core/trainer.hpp"

namespace neurostep {

struct ParamGradientCheck {
  std::string name;                   // kernel, bias, gamma, beta, alpha
  Eigen::MatrixXd backprop, numeric;  // the weight's shape (a kernel: units x inputs)
  double max_relative_error = 0;
};

struct LayerGradientCheck {
  Eigen::MatrixXd backprop_dW, numeric_dW;  // units x inputs (Dense layers; empty otherwise)
  Eigen::VectorXd backprop_db, numeric_db;
  std::vector<ParamGradientCheck> params;   // every trained weight, Dense's included
  double max_relative_error = 0;  // over the layer's trained weights
};

// |a - b| / max(|a|, |b|, 1e-6). The floor: in float64 the finite difference carries rounding
// noise of about 1e-12 (the loss's rounding error, ~1e-16 L, times 18 / (12 h)), so a derivative
// below 1e-6 (or one that cancels to exactly 0 in backpropagation) is compared in absolute
// terms: a relative error of 1e-6 then means agreement to 1e-12.
inline double relative_error(double a, double b) {
  constexpr double floor = 1e-6;
  return std::fabs(a - b) / std::max({std::fabs(a), std::fabs(b), floor});
}

namespace gradient_check_detail {
template <typename S>
struct Checker {
  Network<S>& net;
  Matrix<S> X;
  const Matrix<S>& Y;
  Random rng{0};  // draws a Dropout mask the batch under way does not have yet, once
  double h = sizeof(S) == sizeof(double) ? 1e-4 : 1e-2;

  double loss_at() {
    const ForwardContext ctx{true, &rng, true};
    for (int l = 0; l < net.depth(); ++l) net.forward_layer(l, X, ctx);
    return static_cast<double>(net.compute_loss_and_output_gradient(Y).batch_loss);
  }
  // Differences first, so that a value the loss does not depend on gives exactly 0.
  double numeric(S& w) {
    const S original = w;
    const auto at = [&](double offset) {
      w = static_cast<S>(static_cast<double>(original) + offset);
      return loss_at();
    };
    const double d = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
    w = original;
    return d;
  }
};
}  // namespace gradient_check_detail

template <typename S>
std::vector<LayerGradientCheck> gradient_check(Network<S> net, const Matrix<S>& X, const Matrix<S>& Y,
                                               ParamGradientCheck* input_check = nullptr) {
  if (!(X.cols() > 0 && X.cols() == Y.cols())) fail_with("gradient_check.empty_batch", "gradient check: needs a non-empty batch", {});
  gradient_check_detail::Checker<S> c{net, X, Y};
  // Backpropagation at the current weights.
  c.loss_at();
  for (int l = net.depth() - 1; l >= 0; --l) net.backward_layer(l);

  std::vector<LayerGradientCheck> out(static_cast<std::size_t>(net.depth()));
  for (int l = 0; l < net.depth(); ++l)
    for (const auto& p : trained(net.at(l).params()))
      if (p.used) out[static_cast<std::size_t>(l)].params.push_back({p.name, p.gradient().template cast<double>(), {}, 0});
  const Eigen::MatrixXd backprop_dX = net.at(0).input_gradient().template cast<double>();

  for (int l = 0; l < net.depth(); ++l) {
    LayerGradientCheck& layer = out[static_cast<std::size_t>(l)];
    const auto params = trained(net.at(l).params());
    std::size_t k = 0;
    for (const auto& p : params) {
      if (!p.used) continue;
      ParamGradientCheck& pc = layer.params[k++];
      pc.numeric.setZero(p.rows, p.cols);
      auto value = p.matrix();
      for (Eigen::Index i = 0; i < p.rows; ++i)
        for (Eigen::Index j = 0; j < p.cols; ++j) {
          pc.numeric(i, j) = c.numeric(value(i, j));
          pc.max_relative_error = std::max(pc.max_relative_error, relative_error(pc.backprop(i, j), pc.numeric(i, j)));
        }
      layer.max_relative_error = std::max(layer.max_relative_error, pc.max_relative_error);
    }
    if (const auto* d = net.at(l).template as<DenseLayer<S>>()) {
      layer.backprop_dW = layer.params[0].backprop;
      layer.numeric_dW = layer.params[0].numeric;
      layer.backprop_db = Eigen::VectorXd::Zero(d->b.size());
      layer.numeric_db = Eigen::VectorXd::Zero(d->b.size());
      if (d->config.use_bias) {
        layer.backprop_db = layer.params[1].backprop.col(0);
        layer.numeric_db = layer.params[1].numeric.col(0);
      }
    }
  }
  if (input_check) {
    *input_check = {"input", backprop_dX, Eigen::MatrixXd::Zero(X.rows(), X.cols()), 0};
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      for (Eigen::Index j = 0; j < X.cols(); ++j) {
        input_check->numeric(i, j) = c.numeric(c.X(i, j));
        input_check->max_relative_error =
            std::max(input_check->max_relative_error, relative_error(backprop_dX(i, j), input_check->numeric(i, j)));
      }
  }
  return out;
}

// A trainer's check: on the batch under way, or between batches on the one its next step would
// take, drawn by a copy so that the trainer's cursor and shuffle stay as they are.
template <typename S>
std::vector<LayerGradientCheck> gradient_check(const Trainer<S>& t) {
  if (t.phase_index() > 0) return gradient_check(t.network(), t.batch_x(), t.batch_y());
  Trainer<S> next = t;
  next.step_phase();
  return gradient_check(next.network(), next.batch_x(), next.batch_y());
}

}  // namespace neurostep
