#pragma once
// Keras's "accuracy" metric, resolved by shapes as Keras does: one output unit -> binary
// accuracy (threshold 0.5); one target row but several outputs -> sparse categorical accuracy;
// otherwise categorical accuracy (argmax of output equals argmax of target).
#include "core/tensor.hpp"

namespace neurostep {

// Sum over the batch of each sample's accuracy (a fraction in [0, 1] for multi-output binary).
template <typename S>
double correct_count(const Matrix<S>& A, const Matrix<S>& Y) {
  const Eigen::Index K = A.rows(), B = A.cols();
  double correct = 0;
  for (Eigen::Index j = 0; j < B; ++j) {
    if (K == 1) {
      correct += (A(0, j) > S(0.5)) == (Y(0, j) > S(0.5));
    } else {
      Eigen::Index predicted = 0, actual = 0;
      A.col(j).maxCoeff(&predicted);
      if (Y.rows() == 1) actual = static_cast<Eigen::Index>(Y(0, j));
      else Y.col(j).maxCoeff(&actual);
      correct += predicted == actual;
    }
  }
  return correct;
}

}  // namespace neurostep
