#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "core/deterministic_math.hpp"
#include "core/deterministic_vector_math.hpp"

using namespace neurostep;

namespace {
// Inputs that reach every branch of det::exp and det::tanh and the borders between them, then
// random bit patterns, random values in the activations' range and random small magnitudes;
// a NaN every 97 elements sends some vectors to the scalar path.
std::vector<double> inputs() {
  std::vector<double> x = {0.0, -0.0, 1e-300, -1e-300, 4.9e-324, 0.17328679513998632,
                           0.1732867951399863, 0.17328679513998633, 0.34657359027997264,
                           20.0, -20.0, 20.000000000000004, 40.0, 1e308, -1e308, HUGE_VAL,
                           -HUGE_VAL, 708.0, -708.0, 708.0000001, -708.0000001, 709.78,
                           709.782712893384, 709.7827128933841, -745.1332191019412,
                           -745.1332191019411, -745.14, -740.0, -1000.0, 1000.0, 0.5, -0.5};
  std::mt19937_64 g(20261202);
  for (int i = 0; i < 60000; ++i) {
    const std::uint64_t b = g();
    double v;
    std::memcpy(&v, &b, sizeof v);
    x.push_back(v);
    x.push_back(static_cast<double>(static_cast<std::int64_t>(g() % 2000001) - 1000000) / 1000.0);
    x.push_back(std::ldexp(static_cast<double>(g() >> 11) / 9007199254740992.0 - 0.5,
                           static_cast<int>(g() % 24) - 12));
  }
  for (std::size_t i = 50; i < x.size(); i += 97) x[i] = std::nan("");
  return x;
}
template <typename S>
bool same_bits(S a, S b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}
}  // namespace

TEST_CASE("exp_n and tanh_n give the scalar functions' bits, in double and float", "[random]") {
  const std::vector<double> x = inputs();
  std::vector<double> e(x.size()), t(x.size());
  det::exp_n(x.data(), e.data(), x.size());
  det::tanh_n(x.data(), t.data(), x.size());
  std::size_t exp_diff = 0, tanh_diff = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    exp_diff += !same_bits(e[i], det::exp(x[i]));
    tanh_diff += !same_bits(t[i], det::tanh(x[i]));
  }
  CHECK(exp_diff == 0);
  CHECK(tanh_diff == 0);

  std::vector<float> xf(x.size()), ef(x.size()), tf(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) xf[i] = static_cast<float>(x[i]);
  det::exp_n(xf.data(), ef.data(), xf.size());
  det::tanh_n(xf.data(), tf.data(), xf.size());
  std::size_t float_diff = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    float_diff += !same_bits(ef[i], static_cast<float>(det::exp(static_cast<double>(xf[i]))));
    float_diff += !same_bits(tf[i], static_cast<float>(det::tanh(static_cast<double>(xf[i]))));
  }
  CHECK(float_diff == 0);

  // In place, and lengths that leave a scalar tail.
  for (std::size_t n : {0u, 1u, 7u, 8u, 9u, 33u}) {
    std::vector<double> y(x.begin() + 20, x.begin() + 20 + static_cast<std::ptrdiff_t>(n));
    det::tanh_n(y.data(), y.data(), n);
    for (std::size_t i = 0; i < n; ++i) CHECK(same_bits(y[i], det::tanh(x[20 + i])));
  }
}
