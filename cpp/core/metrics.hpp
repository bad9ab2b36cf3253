#pragma once
// Keras's "accuracy" metric, resolved by shapes as Keras does: one output unit -> binary
// accuracy (threshold 0.5); one target row but several outputs -> sparse categorical accuracy;
// otherwise categorical accuracy (argmax of output equals argmax of target).
#include "core/tensor.hpp"

namespace neurostep {

// Keras's "accuracy", resolved by the output's shape: one unit says class 1 when its output is
// above 0.5; several units say the class of the largest (the first of equal ones). A target says
// its class the same way for one unit; for several, it is a class index (one target column) or a
// one-hot row. The page shows right/wrong and the confusion matrix from these same two rules.
namespace metrics_detail {
template <typename Column>
Eigen::Index first_largest(const Column& c) {
  Eigen::Index best = 0;
  for (Eigen::Index k = 1; k < c.size(); ++k)
    if (c(k) > c(best)) best = k;
  return best;
}
}  // namespace metrics_detail

// The class output column j of A says.
template <typename S>
Eigen::Index predicted_class(const Matrix<S>& A, Eigen::Index j) {
  if (A.rows() == 1) return A(0, j) > S(0.5) ? 1 : 0;
  return metrics_detail::first_largest(A.col(j));
}

// The class target column j of Y says, for an output layer of K units.
template <typename S>
Eigen::Index actual_class(const Matrix<S>& Y, Eigen::Index j, Eigen::Index K) {
  if (K == 1) return Y(0, j) > S(0.5) ? 1 : 0;
  if (Y.rows() == 1) return static_cast<Eigen::Index>(Y(0, j));
  return metrics_detail::first_largest(Y.col(j));
}

// How many samples of the batch are classified right.
template <typename S>
double correct_count(const Matrix<S>& A, const Matrix<S>& Y) {
  double correct = 0;
  for (Eigen::Index j = 0; j < A.cols(); ++j) correct += predicted_class(A, j) == actual_class(Y, j, A.rows());
  return correct;
}

}  // namespace neurostep
