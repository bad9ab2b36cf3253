#pragma once
// A dataset as the network sees it: one column per sample (Eigen is column-major, so a
// sample's features are contiguous), features in x, targets in y. Values are kept in double;
// the trainer converts them to its own scalar type.
#include <Eigen/Core>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace neurostep {

struct Dataset {
  Eigen::MatrixXd x;  // features x samples
  Eigen::MatrixXd y;  // targets x samples
  std::vector<std::string> feature_names;
  std::vector<std::string> target_names;
  // Rows split from a larger dataset (split_dataset) keep their place in it: source_rows[j] is
  // row j's index there, 0-based, so that a message names the row the user can find and fix.
  // Empty: the rows are the dataset's own.
  std::vector<long> source_rows;
  // What the values mean, where they have a meaning beyond numbers: class_names[k] names class
  // index k of a one-column class target (a CSV's text target, an image set's labels);
  // image_shape is {height, width} when each sample's features are an image's pixels, row by row.
  std::vector<std::string> class_names;
  std::vector<int> image_shape;

  long size() const { return static_cast<long>(x.cols()); }
  int features() const { return static_cast<int>(x.rows()); }
  int targets() const { return static_cast<int>(y.rows()); }

  // The names and meanings of `other`, for a dataset of its rows (a split, a subset).
  void describe_as(const Dataset& other) {
    feature_names = other.feature_names;
    target_names = other.target_names;
    class_names = other.class_names;
    image_shape = other.image_shape;
  }
};

// The 1-based number a message gives row j of `d`: its own ("training data: row 3"), or, for rows
// split from a larger dataset, its row in that dataset ("row 12"), which is where the user fixes it.
inline long source_row(const Dataset& d, long j) {
  return d.source_rows.empty() ? j + 1 : d.source_rows[static_cast<std::size_t>(j)] + 1;
}

// Checks what every consumer of a dataset relies on; `what` names the dataset in messages.
inline void validate(const Dataset& d, const std::string& what = "dataset") {
  const auto w = arg("what", what);
  if (d.x.cols() != d.y.cols())
    fail_with("data.rows_differ", "{what}: {inputs} input rows but {targets} target rows", {w, arg("inputs", d.x.cols()), arg("targets", d.y.cols())});
  if (d.size() == 0) fail_with("data.empty", "{what} is empty", {w});
  if (d.features() == 0) fail_with("data.no_features", "{what} has no feature columns", {w});
  if (d.targets() == 0) fail_with("data.no_targets", "{what} has no target columns", {w});
  if (d.features() > limits::max_units)
    fail_with("data.too_many_features", "{what} has {features} feature columns; the limit is {limit}",
              {w, arg("features", d.features()), arg("limit", limits::max_units)});
  if (d.size() > limits::max_samples)
    fail_with("data.too_many_rows", "{what} has {rows} rows; the limit is {limit}", {w, arg("rows", d.size()), arg("limit", limits::max_samples)});
  if (d.size() * (d.features() + d.targets()) > limits::max_dataset_values)
    fail_with("data.too_many_values", "{what} has too many values ({values}); the limit is {limit}",
              {w, arg("values", d.size() * (d.features() + d.targets())), arg("limit", limits::max_dataset_values)});
  if (!(d.source_rows.empty() || static_cast<long>(d.source_rows.size()) == d.size()))
    fail_with("data.source_rows", "{what} has {rows} rows but {source} source rows", {w, arg("rows", d.size()), arg("source", d.source_rows.size())});
  if (!d.image_shape.empty() &&
      !(d.image_shape.size() == 2 && static_cast<long>(d.image_shape[0]) * d.image_shape[1] == d.features()))
    fail_with("data.image_shape", "{what}: an image shape must be {shape} with height x width = {features} features",
              {w, arg("shape", "{height, width}"), arg("features", d.features())});
  if (!(d.class_names.empty() || d.targets() == 1))
    fail_with("data.class_names_targets", "{what}: class names go with one target column of class indices", {w});
  const auto row_args = [&](long j, std::vector<MessageArg> more) {
    more.insert(more.begin(), {w, arg("row", source_row(d, j))});
    return more;
  };
  for (long j = 0; j < d.size(); ++j) {
    const bool source = !d.source_rows.empty();
    for (int i = 0; i < d.features(); ++i)
      if (!std::isfinite(d.x(i, j))) {  // `if` first: the message is built only on failure
        const auto args = row_args(j, {arg("feature", i + 1), arg("value", d.x(i, j))});
        if (source) fail_with("data.feature_not_finite_source", "row {row}, feature {feature} is not a finite number ({value})", args);
        fail_with("data.feature_not_finite", "{what}: row {row}, feature {feature} is not a finite number ({value})", args);
      }
    for (int i = 0; i < d.targets(); ++i)
      if (!std::isfinite(d.y(i, j))) {
        const auto args = row_args(j, {arg("target", i + 1), arg("value", d.y(i, j))});
        if (source) fail_with("data.target_not_finite_source", "row {row}, target {target} is not a finite number ({value})", args);
        fail_with("data.target_not_finite", "{what}: row {row}, target {target} is not a finite number ({value})", args);
      }
    const auto k = static_cast<double>(d.class_names.size());
    if (!(k == 0 || (d.y(0, j) == std::floor(d.y(0, j)) && d.y(0, j) >= 0 && d.y(0, j) < k))) {
      const auto args = row_args(j, {arg("class", d.y(0, j)), arg("count", d.class_names.size())});
      if (source) fail_with("data.class_name_index_source", "row {row}: class {class} is not an index of the {count} class names", args);
      fail_with("data.class_name_index", "{what}: row {row}: class {class} is not an index of the {count} class names", args);
    }
  }
}

}  // namespace neurostep
