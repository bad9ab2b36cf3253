#pragma once
// Checks backpropagation against numerical differentiation: for every weight w, the
// derivative dL/dw from the backward pass is compared with the fourth-order central difference
//   dL/dw ~ [-L(w + 2h) + 8 L(w + h) - 8 L(w - h) + L(w - 2h)] / (12 h),
// whose error is O(h^4), so that float64 agreement to ~1e-9 is expected where L is smooth.
// L is the batch loss with regularisation, exactly what training minimises.
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/network.hpp"
#include "core/trainer.hpp"

namespace neurostep {

struct LayerGradientCheck {
  Eigen::MatrixXd backprop_dW, numeric_dW;  // units x inputs
  Eigen::VectorXd backprop_db, numeric_db;
  double max_relative_error = 0;  // over the layer's kernel and bias
};

// |a - b| / max(|a|, |b|, 1e-6). The floor: in float64 the finite difference carries rounding
// noise of about 1e-12 (the loss's rounding error, ~1e-16 L, times 18 / (12 h)), so a derivative
// below 1e-6 (or one that cancels to exactly 0 in backpropagation) is compared in absolute
// terms: a relative error of 1e-6 then means agreement to 1e-12.
inline double relative_error(double a, double b) {
  constexpr double floor = 1e-6;
  return std::fabs(a - b) / std::max({std::fabs(a), std::fabs(b), floor});
}

template <typename S>
std::vector<LayerGradientCheck> gradient_check(Network<S> net, const Matrix<S>& X, const Matrix<S>& Y) {
  require(X.cols() > 0 && X.cols() == Y.cols(), "gradient check: needs a non-empty batch");
  const double h = sizeof(S) == sizeof(double) ? 1e-4 : 1e-2;
  const auto loss_at = [&]() {
    for (int l = 0; l < net.depth(); ++l) net.forward_layer(l, X);
    return static_cast<double>(net.compute_loss_and_output_gradient(Y).batch_loss);
  };
  // Backpropagation at the current weights.
  loss_at();
  for (int l = net.depth() - 1; l >= 0; --l) net.backward_layer(l);

  std::vector<LayerGradientCheck> out(static_cast<std::size_t>(net.depth()));
  for (int l = 0; l < net.depth(); ++l) {
    LayerGradientCheck& c = out[static_cast<std::size_t>(l)];
    DenseLayer<S>& L = net.layer(l);
    c.backprop_dW = L.dW.template cast<double>();
    c.backprop_db = L.db.template cast<double>();
    c.numeric_dW.setZero(L.W.rows(), L.W.cols());
    c.numeric_db.setZero(L.b.size());
  }
  const auto numeric = [&](S& w) {
    const S original = w;
    const auto at = [&](double offset) {
      w = static_cast<S>(static_cast<double>(original) + offset);
      return loss_at();
    };
    // Differences first, so that a weight the loss does not depend on gives exactly 0.
    const double d = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
    w = original;
    return d;
  };
  for (int l = 0; l < net.depth(); ++l) {
    LayerGradientCheck& c = out[static_cast<std::size_t>(l)];
    DenseLayer<S>& L = net.layer(l);
    for (Eigen::Index i = 0; i < L.W.rows(); ++i)
      for (Eigen::Index k = 0; k < L.W.cols(); ++k) {
        c.numeric_dW(i, k) = numeric(L.W(i, k));
        c.max_relative_error = std::max(c.max_relative_error, relative_error(c.backprop_dW(i, k), c.numeric_dW(i, k)));
      }
    if (!L.config.use_bias) continue;
    for (Eigen::Index i = 0; i < L.b.size(); ++i) {
      c.numeric_db(i) = numeric(L.b(i));
      c.max_relative_error = std::max(c.max_relative_error, relative_error(c.backprop_db(i), c.numeric_db(i)));
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
