#pragma once
// Keras's evaluate(): the loss of a network's weights on data (regularisation included, as
// training minimises it) and its accuracy, at inference (Dropout off, BatchNormalization's moving
// statistics). One function, so that the trainer's evaluate() and every probe of the loss
// landscape (loss_surface.hpp) compute the very same number for the same weights.
#include <limits>

#include "core/metrics.hpp"
#include "core/network.hpp"

namespace neurostep {

struct Evaluation {
  double loss = 0, accuracy = 0;
};

template <typename S>
Evaluation evaluate_network(const Network<S>& net, const Matrix<S>& X, const Matrix<S>& Y) {
  if (X.cols() == 0) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  Matrix<S> z;
  S activity = 0;
  const Matrix<S> A = net.predict(X, &z, &activity);
  LossResult<S> r;
  compute_loss(net.loss(), net.output_activation(), z, A, Y, r);
  return {static_cast<double>(r.batch_loss + net.penalty() + activity),
          correct_count(A, Y) / static_cast<double>(X.cols())};
}

}  // namespace neurostep
