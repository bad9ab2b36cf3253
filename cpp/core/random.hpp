#pragma once
// Every random number in NeuroStep comes from one Random, seeded once. std::mt19937 is fully
// specified by the standard, but <random>'s distributions are not, so the transforms below are
// our own: the same seed draws the same numbers natively and in WebAssembly.
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "core/deterministic_math.hpp"

namespace neurostep {

class Random {
 public:
  explicit Random(std::uint32_t seed = 42) : engine_(seed) {}

  void seed(std::uint32_t s) { engine_.seed(s); }

  // Uniform on [0, 1) with 53 random bits (27 + 26 from two draws, as CPython does).
  double uniform() {
    const std::uint32_t a = engine_() >> 5, b = engine_() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  // Standard normal by Marsaglia's polar method: (u, v) uniform in the unit disc,
  // s = u^2 + v^2, then u sqrt(-2 ln s / s) is N(0, 1). The pair's second value is discarded
  // so that each call consumes whole draws and stays easy to reason about.
  double normal() {
    for (;;) {
      const double u = 2.0 * uniform() - 1.0, v = 2.0 * uniform() - 1.0;
      const double s = u * u + v * v;
      if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * det::log(s) / s);
    }
  }

  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  // Keras's TruncatedNormal: values more than two standard deviations away are redrawn.
  double truncated_normal(double mean, double stddev) {
    for (;;) {
      const double z = normal();
      if (std::fabs(z) <= 2.0) return mean + stddev * z;
    }
  }

  // Uniform integer in [0, n) without modulo bias (rejection of the incomplete last block).
  std::uint32_t below(std::uint32_t n) {
    if (n <= 1) return 0;
    const std::uint32_t limit = 0xFFFFFFFFu - (0xFFFFFFFFu % n + 1) % n;
    for (;;) {
      const std::uint32_t x = engine_();
      if (x <= limit) return x % n;
    }
  }

  // Fisher-Yates.
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      const std::size_t j = below(static_cast<std::uint32_t>(i));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  std::mt19937 engine_;
};

}  // namespace neurostep
