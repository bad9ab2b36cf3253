#pragma once
// The matrix types of the core, over a scalar type S (float as in Keras, or double for exact
// checks). Samples are columns: a batch of B inputs of width n is an n x B matrix.
#include <Eigen/Core>
#include <limits>

namespace neurostep {

template <typename S>
using Matrix = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <typename S>
using Vector = Eigen::Matrix<S, Eigen::Dynamic, 1>;
template <typename S>
using RowVector = Eigen::Matrix<S, 1, Eigen::Dynamic>;
template <typename S>
using FlatArray = Eigen::Array<S, Eigen::Dynamic, 1>;

// Keras's dtype names, for messages.
template <typename S>
constexpr const char* dtype_name() {
  return sizeof(S) == sizeof(float) ? "float32" : "float64";
}

// The largest finite S. Inputs arrive as doubles: a finite double above it (1e300 for a
// float32) would become infinity in S, so it is refused instead.
template <typename S>
constexpr double largest_value() {
  return static_cast<double>(std::numeric_limits<S>::max());
}

}  // namespace neurostep
