#pragma once
// Built-in datasets: the seed article's bit matrix, the logic gates, TensorFlow Playground's
// two-class pictures, and two regression sets. Every random number comes from one Random and
// every sine, cosine and logarithm from det::, so a seed gives the same data natively and in
// WebAssembly.
//
// Two-class sets have features "x1", "x2" and target "label". Sample i is of class i % 2, the
// k = i / 2-th of the n_c = (count + 1 - c) / 2 samples of its class c: the classes alternate,
// so any prefix of the data is balanced too.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "core/deterministic_math.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/random.hpp"

namespace neurostep {

struct GeneratorOptions {
  long count = 200;    // rows, in [4, limits::max_samples]; article_bits always has 10
  double noise = 0.0;  // in [0, 10]; what it scales is written above each generator
  std::uint32_t seed = 42;
};

namespace generators {

constexpr double pi = 3.14159265358979323846;

inline Dataset zeros(long count, std::vector<std::string> features,
                     std::vector<std::string> targets) {
  Dataset d;
  d.x = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(features.size()), count);
  d.y = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(targets.size()), count);
  d.feature_names = std::move(features);
  d.target_names = std::move(targets);
  return d;
}

inline Dataset two_class(long count) { return zeros(count, {"x1", "x2"}, {"label"}); }

// Samples in class c (0 or 1) when `count` alternate between the classes.
inline long class_size(long count, int c) { return (count + 1 - c) / 2; }

// The article's Keras example, verbatim: row r has its last min(r, 8) bits set, the all-ones
// row appears twice, and only the all-zero row is labelled 0.
inline Dataset article_bits(const GeneratorOptions&, Random&) {
  const char* rows[10] = {"00000000", "00000001", "00000011", "00000111", "00001111",
                          "00011111", "00111111", "01111111", "11111111", "11111111"};
  Dataset d = zeros(10, {"b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"}, {"y"});
  for (int r = 0; r < 10; ++r) {
    for (int b = 0; b < 8; ++b) d.x(b, r) = rows[r][b] == '1' ? 1.0 : 0.0;
    d.y(0, r) = r == 0 ? 0.0 : 1.0;
  }
  return d;
}

// A truth table: rows (x1, x2) = (0,0), (0,1), (1,0), (1,1), cycled to `count` rows. Each input
// gets N(0, noise^2) added; the label is the gate's output on the clean corner. AND and OR are
// 1:3 by nature, so only XOR is balanced.
inline Dataset logic_gate(const GeneratorOptions& o, Random& random, std::array<double, 4> truth) {
  Dataset d = two_class(o.count);
  for (long i = 0; i < o.count; ++i) {
    const int corner = static_cast<int>(i % 4);
    d.x(0, i) = (corner >> 1) + o.noise * random.normal();
    d.x(1, i) = (corner & 1) + o.noise * random.normal();
    d.y(0, i) = truth[corner];
  }
  return d;
}
inline Dataset xor_gate(const GeneratorOptions& o, Random& r) {
  return logic_gate(o, r, {0, 1, 1, 0});
}
inline Dataset and_gate(const GeneratorOptions& o, Random& r) {
  return logic_gate(o, r, {0, 0, 0, 1});
}
inline Dataset or_gate(const GeneratorOptions& o, Random& r) {
  return logic_gate(o, r, {0, 1, 1, 1});
}

// TensorFlow Playground's circle, R = 5: class 1 has radius uniform in [0, R/2], class 0 in
// [0.7 R, R], angle a uniform in [0, 2 pi), point r (sin a, cos a). Each coordinate then gets
// N(0, (noise R / 10)^2) added; the label stays the ring the point was drawn from.
inline Dataset circle(const GeneratorOptions& o, Random& random) {
  constexpr double R = 5.0;
  Dataset d = two_class(o.count);
  for (long i = 0; i < o.count; ++i) {
    const int c = static_cast<int>(i % 2);
    const double r = c == 1 ? random.uniform(0.0, 0.5 * R) : random.uniform(0.7 * R, R);
    const double a = random.uniform(0.0, 2.0 * pi);
    d.x(0, i) = r * det::sin(a) + o.noise * 0.1 * R * random.normal();
    d.x(1, i) = r * det::cos(a) + o.noise * 0.1 * R * random.normal();
    d.y(0, i) = c;
  }
  return d;
}

// Two round blobs: class 1 around (2, 2), class 0 around (-2, -2), each coordinate
// N(centre, (1 + noise)^2).
inline Dataset gaussians(const GeneratorOptions& o, Random& random) {
  Dataset d = two_class(o.count);
  for (long i = 0; i < o.count; ++i) {
    const int c = static_cast<int>(i % 2);
    const double centre = c == 1 ? 2.0 : -2.0;
    d.x(0, i) = random.normal(centre, 1.0 + o.noise);
    d.x(1, i) = random.normal(centre, 1.0 + o.noise);
    d.y(0, i) = c;
  }
  return d;
}

// TensorFlow Playground's two spirals: the k-th of n points on an arm has r = 5 k / n,
// t = 1.75 (k / n) 2 pi + delta, point r (sin t, cos t); delta = 0 for class 1, pi for class 0.
// Each coordinate gets N(0, (noise 5 / 10)^2) added, the same scale as the circle.
inline Dataset spiral(const GeneratorOptions& o, Random& random) {
  Dataset d = two_class(o.count);
  for (long i = 0; i < o.count; ++i) {
    const int c = static_cast<int>(i % 2);
    const double fraction = static_cast<double>(i / 2) / class_size(o.count, c);
    const double r = 5.0 * fraction;
    const double t = 1.75 * fraction * 2.0 * pi + (c == 1 ? 0.0 : pi);
    d.x(0, i) = r * det::sin(t) + o.noise * 0.5 * random.normal();
    d.x(1, i) = r * det::cos(t) + o.noise * 0.5 * random.normal();
    d.y(0, i) = c;
  }
  return d;
}

// scikit-learn's make_moons: t evenly spaced over [0, pi] in each class; class 0 is the outer
// moon (cos t, sin t), class 1 the inner one (1 - cos t, 1 - sin t - 0.5). Each coordinate gets
// N(0, noise^2) added.
inline Dataset moons(const GeneratorOptions& o, Random& random) {
  Dataset d = two_class(o.count);
  for (long i = 0; i < o.count; ++i) {
    const int c = static_cast<int>(i % 2);
    const double t = pi * static_cast<double>(i / 2) / (class_size(o.count, c) - 1);
    const double x = c == 0 ? det::cos(t) : 1.0 - det::cos(t);
    const double y = c == 0 ? det::sin(t) : 1.0 - det::sin(t) - 0.5;
    d.x(0, i) = x + o.noise * random.normal();
    d.x(1, i) = y + o.noise * random.normal();
    d.y(0, i) = c;
  }
  return d;
}

// Regression on one input: x uniform in [-pi, pi), y = sin x + N(0, noise^2).
inline Dataset sine(const GeneratorOptions& o, Random& random) {
  Dataset d = zeros(o.count, {"x"}, {"y"});
  for (long i = 0; i < o.count; ++i) {
    d.x(0, i) = random.uniform(-pi, pi);
    d.y(0, i) = det::sin(d.x(0, i)) + o.noise * random.normal();
  }
  return d;
}

// Regression on two inputs: x1, x2 uniform in [-1, 1), y = 0.5 x1 - 0.3 x2 + 0.2 + N(0, noise^2).
// A linear target: one Dense(1) unit can fit it exactly, which makes a good first lesson.
inline Dataset plane(const GeneratorOptions& o, Random& random) {
  Dataset d = zeros(o.count, {"x1", "x2"}, {"y"});
  for (long i = 0; i < o.count; ++i) {
    d.x(0, i) = random.uniform(-1.0, 1.0);
    d.x(1, i) = random.uniform(-1.0, 1.0);
    d.y(0, i) = 0.5 * d.x(0, i) - 0.3 * d.x(1, i) + 0.2 + o.noise * random.normal();
  }
  return d;
}

struct Generator {
  const char* name;
  Dataset (*make)(const GeneratorOptions&, Random&);
};

inline const std::vector<Generator>& all() {
  static const std::vector<Generator> table = {{"article_bits", article_bits},
                                               {"xor", xor_gate},
                                               {"and", and_gate},
                                               {"or", or_gate},
                                               {"circle", circle},
                                               {"gaussians", gaussians},
                                               {"spiral", spiral},
                                               {"moons", moons},
                                               {"sine", sine},
                                               {"plane", plane}};
  return table;
}

}  // namespace generators

inline std::vector<std::string> dataset_names() {
  std::vector<std::string> names;
  for (const auto& g : generators::all()) names.push_back(g.name);
  return names;
}

inline Dataset generate_dataset(const std::string& name, const GeneratorOptions& options) {
  if (!(options.count >= limits::min_generated_rows && options.count <= limits::max_samples))
    fail_with("generate.count", "count must be between {min} and {max} (got {value})",
              {arg("min", limits::min_generated_rows), arg("max", limits::max_samples), arg("value", options.count)});
  if (!(options.noise >= 0.0 && options.noise <= limits::max_noise))  // true for NaN as well
    fail_with("generate.noise", "noise must be a number between 0 and {max} (got {value})", {arg("max", limits::max_noise), arg("value", options.noise)});
  for (const auto& g : generators::all()) {
    if (name != g.name) continue;
    Random random(options.seed);
    Dataset d = g.make(options, random);
    validate(d, name);
    return d;
  }
  std::string list;
  for (const std::string& n : dataset_names()) list += (list.empty() ? "" : ", ") + n;
  fail_with("generate.unknown", "unknown dataset \"{name}\"; the datasets are {names}", {arg("name", name), arg("names", list)});
}

}  // namespace neurostep
