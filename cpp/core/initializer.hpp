#pragma once
// Weight initializers with Keras's names and formulas. fan_in and fan_out are the layer's
// input and output widths (for a bias vector both are its length, as Keras's compute_fans).
#include <cmath>
#include <string>

#include "core/names.hpp"
#include "core/random.hpp"
#include "core/tensor.hpp"

namespace neurostep {

enum class Initializer {
  glorot_uniform,
  glorot_normal,
  he_uniform,
  he_normal,
  lecun_uniform,
  lecun_normal,
  zeros,
  ones,
  random_uniform,
  random_normal
};

inline const NameTable<Initializer>& initializer_names() {
  static const NameTable<Initializer> table = {
      {"glorot_uniform", Initializer::glorot_uniform}, {"glorot_normal", Initializer::glorot_normal},
      {"he_uniform", Initializer::he_uniform},         {"he_normal", Initializer::he_normal},
      {"lecun_uniform", Initializer::lecun_uniform},   {"lecun_normal", Initializer::lecun_normal},
      {"zeros", Initializer::zeros},                   {"ones", Initializer::ones},
      {"random_uniform", Initializer::random_uniform}, {"random_normal", Initializer::random_normal}};
  return table;
}
inline Initializer initializer_from_name(const std::string& name) {
  return from_name(initializer_names(), name, "initializer");
}
inline std::string name_of(Initializer i) { return to_name(initializer_names(), i); }

// Keras's RandomUniform and RandomNormal defaults.
constexpr double random_uniform_limit = 0.05;
constexpr double random_normal_stddev = 0.05;
// Stddev of a unit normal truncated at +-2: the variance-scaling normals divide by it so that
// the truncated draws keep the intended variance (Keras's .87962566103423978).
constexpr double truncated_normal_stddev = 0.87962566103423978;

// One draw of the initializer for a tensor with the given fans.
inline double initial_value(Initializer kind, double fan_in, double fan_out, Random& rng) {
  switch (kind) {
    // Glorot/Xavier: Var = 2 / (fan_in + fan_out); uniform limit sqrt(6 / (fan_in + fan_out)).
    case Initializer::glorot_uniform: {
      const double limit = std::sqrt(6.0 / (fan_in + fan_out));
      return rng.uniform(-limit, limit);
    }
    case Initializer::glorot_normal:
      return rng.truncated_normal(0.0, std::sqrt(2.0 / (fan_in + fan_out)) / truncated_normal_stddev);
    // He: Var = 2 / fan_in, for relu layers.
    case Initializer::he_uniform: {
      const double limit = std::sqrt(6.0 / fan_in);
      return rng.uniform(-limit, limit);
    }
    case Initializer::he_normal:
      return rng.truncated_normal(0.0, std::sqrt(2.0 / fan_in) / truncated_normal_stddev);
    // LeCun: Var = 1 / fan_in.
    case Initializer::lecun_uniform: {
      const double limit = std::sqrt(3.0 / fan_in);
      return rng.uniform(-limit, limit);
    }
    case Initializer::lecun_normal:
      return rng.truncated_normal(0.0, std::sqrt(1.0 / fan_in) / truncated_normal_stddev);
    case Initializer::zeros: return 0.0;
    case Initializer::ones: return 1.0;
    case Initializer::random_uniform:
      return rng.uniform(-random_uniform_limit, random_uniform_limit);
    case Initializer::random_normal: return rng.normal(0.0, random_normal_stddev);
  }
  return 0.0;
}

// Fills a units x inputs kernel W. Values are drawn in Keras's kernel order (inputs x units,
// row-major), i.e. W^T row by row, so a listing of Keras's kernel reads in draw order.
template <typename S>
void initialize_kernel(Initializer kind, Matrix<S>& W, Random& rng) {
  const double fan_in = static_cast<double>(W.cols()), fan_out = static_cast<double>(W.rows());
  for (Eigen::Index i = 0; i < W.cols(); ++i)
    for (Eigen::Index u = 0; u < W.rows(); ++u)
      W(u, i) = static_cast<S>(initial_value(kind, fan_in, fan_out, rng));
}

template <typename S>
void initialize_bias(Initializer kind, Vector<S>& b, Random& rng) {
  const double fan = static_cast<double>(b.size());
  for (Eigen::Index u = 0; u < b.size(); ++u)
    b(u) = static_cast<S>(initial_value(kind, fan, fan, rng));
}

}  // namespace neurostep
