#pragma once
// What a gradient check (gradient_check_job.hpp) works on and what it reports: the parameters
// as flat views with their backpropagation gradients and a loss callable, the options, and the
// report of every weight and direction checked, per tensor and per layer.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace neurostep {

template <typename S>
struct ParameterTensor {
  std::string name;               // its Keras name within the layer: "kernel", "bias"
  int layer = 0;                  // counts and directions are per layer
  S* values = nullptr;            // `size` values, perturbed in place while the job runs
  long rows = 0, cols = 1;        // its shape (column-major), for naming an entry
  std::vector<double> gradient;   // dL/d(values) from backpropagation, at the unperturbed values
  long size() const { return rows * cols; }
};

template <typename S>
struct CheckSubject {
  std::vector<ParameterTensor<S>> tensors;
  // The batch loss, regularisation included, at the current values. `layer` is the only layer
  // whose values may differ from the unperturbed ones (a network need not redo the layers below).
  // The callable owns whatever the views point into.
  std::function<double(int layer)> loss;
};

struct GradientCheckOptions {
  long budget = 4000;            // forward passes at most: 4 per weight checked, 2 per direction
  int directions_per_layer = 8;  // directions of a sampled check
  std::uint32_t seed = 42;       // draws the random sample and the directions
};

struct EntryCheck {  // one parameter, by the difference quotient
  int tensor = 0;
  long index = 0;    // into the tensor's values (column-major)
  bool largest = false;  // picked for its large gradient (not at random); always false when exact
  double backprop = 0, numeric = 0, relative_error = 0;
};

struct DirectionCheck {  // g . d against the difference quotient along d
  int layer = 0;
  double backprop = 0, numeric = 0, relative_error = 0;
};

struct TensorCheckSummary {
  std::string name;
  int layer = 0;
  long rows = 0, size = 0, checked = 0;
  double max_relative_error = 0;
};

struct LayerCheckSummary {
  int layer = 0;
  // A sampled layer: checked = largest + random; a layer checked whole has both 0.
  long parameters = 0, checked = 0, largest = 0, random = 0;
  int directions = 0;
  double max_entry_error = 0, max_direction_error = 0;
};

struct GradientCheckReport {
  bool exact = false;   // every parameter is (to be) checked; no directions then
  long parameters = 0, budget = 0;
  long forward_passes = 0;  // run so far
  double h = 0, direction_h = 0;
  std::uint32_t seed = 0;
  std::vector<TensorCheckSummary> tensors;
  std::vector<LayerCheckSummary> layers;
  std::vector<EntryCheck> entries;        // in the order checked
  std::vector<DirectionCheck> directions;
  double max_relative_error = 0;          // over entries and directions

  // The n checked entries with the largest errors, largest first.
  std::vector<EntryCheck> worst(std::size_t n) const {
    std::vector<EntryCheck> out = entries;
    const auto by_error = [](const EntryCheck& a, const EntryCheck& b) { return a.relative_error > b.relative_error; };
    std::stable_sort(out.begin(), out.end(), by_error);
    if (out.size() > n) out.resize(n);
    return out;
  }
};

struct JobProgress {
  long done = 0, total = 0;  // forward passes
  bool finished() const { return done >= total; }
};

// |a - b| / max(|a|, |b|, 1e-6): the measure of gradient_check.hpp's relative_error, where the
// floor's reason is given.
inline double gradient_relative_error(double a, double b) {
  return std::fabs(a - b) / std::max({std::fabs(a), std::fabs(b), 1e-6});
}

}  // namespace neurostep
