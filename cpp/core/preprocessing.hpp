#pragma once
// Feature scaling, fitted on the training rows only (the test rows must stay unseen, or the
// test score flatters the model) and then applied to every input the model sees: training,
// test, predict, the drawing pad, the exported Keras script.
//   standardize:  x' = (x - mean) / std      mean and population std (ddof 0) of each feature,
//                                            as scikit-learn's StandardScaler and Keras's
//                                            Normalization.adapt compute them
//   min_max:      x' = (x - min) / (max - min)   every feature into [0, 1] on the training rows
// Both are x' = (x - offset) / scale; a constant feature gets scale 1 (x' = x - offset = 0), so
// nothing is divided by zero.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <string>

#include "core/csv_fields.hpp"
#include "core/dataset.hpp"
#include "core/error.hpp"

namespace neurostep {

enum class Scaling { none, standardize, min_max };

inline std::string name_of(Scaling s) {
  return s == Scaling::standardize ? "standardize" : s == Scaling::min_max ? "min_max" : "none";
}
inline Scaling scaling_from_name(const std::string& name) {
  if (name == "none") return Scaling::none;
  if (name == "standardize") return Scaling::standardize;
  if (name == "min_max") return Scaling::min_max;
  fail_with("scaling.unknown", "unknown scaling \"{name}\"; the scalings are none, standardize and min_max", {arg("name", name)});
}

struct Preprocessing {
  Scaling scaling = Scaling::none;
  Eigen::VectorXd offset;  // per feature: the mean (standardize) or the minimum (min_max)
  Eigen::VectorXd scale;   // per feature: the std or max - min; 1 for a constant feature

  bool active() const { return scaling != Scaling::none; }
  int features() const { return static_cast<int>(offset.size()); }
};

inline void validate(const Preprocessing& p, const std::string& what = "preprocessing") {
  if (!p.active()) return;
  if (!(p.offset.size() == p.scale.size() && p.offset.size() > 0))
    fail_with("scaling.sizes", "{what}: offset and scale need one value per feature", {arg("what", what)});
  for (Eigen::Index i = 0; i < p.offset.size(); ++i) {
    if (!std::isfinite(p.offset(i)))
      fail_with("scaling.offset", "{what}: offset {index} is not a finite number", {arg("what", what), arg("index", i + 1)});
    if (!(std::isfinite(p.scale(i)) && p.scale(i) > 0))
      fail_with("scaling.scale", "{what}: scale {index} is {value}; it must be a finite number above 0",
                {arg("what", what), arg("index", i + 1), arg("value", exact(p.scale(i)))});
  }
}

// The statistics of `train`'s features for the chosen scaling.
inline Preprocessing fit_preprocessing(const Dataset& train, Scaling scaling) {
  Preprocessing p;
  p.scaling = scaling;
  if (scaling == Scaling::none) return p;
  validate(train, "the training data");
  const Eigen::Index n = train.x.cols();
  if (scaling == Scaling::standardize) {
    p.offset = train.x.rowwise().mean();
    // std = sqrt(sum (x - mean)^2 / n), the population std
    p.scale = ((train.x.colwise() - p.offset).array().square().rowwise().sum() / static_cast<double>(n)).sqrt();
  } else {
    p.offset = train.x.rowwise().minCoeff();
    p.scale = train.x.rowwise().maxCoeff() - p.offset;
  }
  for (Eigen::Index i = 0; i < p.scale.size(); ++i)
    if (!(p.scale(i) > 0) || !std::isfinite(p.scale(i))) p.scale(i) = 1.0;
  return p;
}

// x' = (x - offset) / scale for features x samples.
inline Eigen::MatrixXd apply_preprocessing(const Preprocessing& p, const Eigen::MatrixXd& x) {
  if (!p.active()) return x;
  if (x.rows() != p.features())
    fail_with("scaling.features", "the inputs have {features} features but the scaling was fitted on {fitted}",
              {arg("features", x.rows()), arg("fitted", p.features())});
  return (x.colwise() - p.offset).array().colwise() / p.scale.array();
}
inline Dataset apply_preprocessing(const Preprocessing& p, Dataset d) {
  if (d.size() > 0) d.x = apply_preprocessing(p, d.x);
  return d;
}

struct ScalingAdvice {
  Scaling recommended = Scaling::none;
  std::string why;  // the sentence the page shows
};

// Standardising is recommended when the features' ranges differ by more than a factor of 10,
// or any feature reaches beyond +-10: then one feature dominates the first layer's sums and no
// single learning rate suits every weight. Image pixels (already in [0, 1]) need nothing.
inline ScalingAdvice advise_scaling(const Dataset& d) {
  validate(d);
  ScalingAdvice a;
  const Eigen::VectorXd low = d.x.rowwise().minCoeff(), high = d.x.rowwise().maxCoeff();
  const Eigen::VectorXd range = high - low;
  Eigen::Index widest = 0, narrowest = -1;
  for (Eigen::Index i = 0; i < range.size(); ++i) {
    if (range(i) > range(widest)) widest = i;
    if (range(i) > 0 && (narrowest < 0 || range(i) < range(narrowest))) narrowest = i;
  }
  const double reach = std::max(std::fabs(low(widest)), std::fabs(high(widest)));
  const auto name = [&](Eigen::Index i) {
    return i < static_cast<Eigen::Index>(d.feature_names.size()) ? "\"" + d.feature_names[i] + "\""
                                                                  : "feature " + std::to_string(i + 1);
  };
  const auto span = [&](Eigen::Index i) {
    return "from " + csv_detail::format_number(low(i)) + " to " + csv_detail::format_number(high(i));
  };
  const bool uneven = narrowest >= 0 && range(widest) > 10 * range(narrowest);
  if (!uneven && reach <= 10) {
    a.why = "Every feature lies between -10 and 10 on a similar scale, so the data can be used as it is.";
    return a;
  }
  a.recommended = Scaling::standardize;
  a.why = uneven && narrowest != widest
              ? "Standardising is recommended: " + name(widest) + " ranges " + span(widest) + " while " +
                    name(narrowest) + " ranges " + span(narrowest) +
                    ", so without it the widest feature dominates the first layer's sums."
              : "Standardising is recommended: " + name(widest) + " ranges " + span(widest) +
                    ", and inputs this large saturate the activations and call for a tiny learning rate.";
  return a;
}

}  // namespace neurostep
