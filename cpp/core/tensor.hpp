#pragma once
// The matrix types of the core, over a scalar type S (float as in Keras, or double for exact
// checks). Samples are columns: a batch of B inputs of width n is an n x B matrix.
#include <Eigen/Core>

namespace neurostep {

template <typename S>
using Matrix = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <typename S>
using Vector = Eigen::Matrix<S, Eigen::Dynamic, 1>;
template <typename S>
using RowVector = Eigen::Matrix<S, 1, Eigen::Dynamic>;
template <typename S>
using FlatArray = Eigen::Array<S, Eigen::Dynamic, 1>;

}  // namespace neurostep
