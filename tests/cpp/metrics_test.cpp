// Keras's "accuracy" by the output's shape: the class outputs and targets say, and the count
// of rows classified right, which the page's right/wrong column and confusion matrix show.
#include <catch2/catch.hpp>

#include "core/metrics.hpp"

using namespace neurostep;

namespace {
Matrix<double> columns(Eigen::Index rows, std::initializer_list<double> values) {
  Matrix<double> m(rows, static_cast<Eigen::Index>(values.size()) / rows);
  Eigen::Index i = 0;
  for (double v : values) m.data()[i++] = v;  // column by column: sample by sample
  return m;
}
}  // namespace

TEST_CASE("one output unit says class 1 above 0.5, and so does its target", "[metrics]") {
  const Matrix<double> A = columns(1, {0.2, 0.5, 0.51, 0.9});
  const Matrix<double> Y = columns(1, {0, 1, 1, 0});
  CHECK(predicted_class(A, 0) == 0);
  CHECK(predicted_class(A, 1) == 0);  // 0.5 is not above 0.5, as Keras's binary accuracy
  CHECK(predicted_class(A, 2) == 1);
  CHECK(actual_class(Y, 1, 1) == 1);
  CHECK(correct_count(A, Y) == 2);  // rows 1 and 3
}

TEST_CASE("several output units say the class of the largest, the first of equal ones", "[metrics]") {
  const Matrix<double> A = columns(3, {0.1, 0.7, 0.2, /**/ 0.4, 0.2, 0.4, /**/ 0.3, 0.3, 0.4});
  CHECK(predicted_class(A, 0) == 1);
  CHECK(predicted_class(A, 1) == 0);  // a tie: the first
  CHECK(predicted_class(A, 2) == 2);
  const Matrix<double> labels = columns(1, {1, 2, 2});            // sparse: class indices
  const Matrix<double> one_hot = columns(3, {0, 1, 0, 0, 0, 1, 0, 0, 1});  // the same, one-hot
  for (Eigen::Index j = 0; j < 3; ++j) CHECK(actual_class(labels, j, 3) == actual_class(one_hot, j, 3));
  CHECK(correct_count(A, labels) == 2);
  CHECK(correct_count(A, one_hot) == 2);
}

TEST_CASE("a NaN output is never the class of the largest and never above 0.5", "[metrics]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(predicted_class(columns(1, {nan}), 0) == 0);
  CHECK(predicted_class(columns(3, {nan, 0.2, 0.1}), 0) == 0);  // nothing compares above a NaN first
  CHECK(predicted_class(columns(3, {0.1, nan, 0.5}), 0) == 2);
}
