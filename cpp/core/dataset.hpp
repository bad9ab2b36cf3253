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

// How a message names row j of `d`: "training data: row 3", or, for rows split from a larger
// dataset, the row of that dataset ("row 12"), which is where the user fixes it.
inline std::string row_name(const Dataset& d, const std::string& what, long j) {
  if (d.source_rows.empty()) return what + ": row " + std::to_string(j + 1);
  return "row " + std::to_string(d.source_rows[static_cast<std::size_t>(j)] + 1);
}

// Checks what every consumer of a dataset relies on; `what` names the dataset in messages.
inline void validate(const Dataset& d, const std::string& what = "dataset") {
  require(d.x.cols() == d.y.cols(), what, ": ", d.x.cols(), " input rows but ", d.y.cols(),
          " target rows");
  require(d.size() > 0, what, " is empty");
  require(d.features() > 0, what, " has no feature columns");
  require(d.targets() > 0, what, " has no target columns");
  require(d.features() <= limits::max_units, what, " has ", d.features(),
          " feature columns; the limit is ", limits::max_units);
  require(d.size() <= limits::max_samples, what, " has ", d.size(), " rows; the limit is ",
          limits::max_samples);
  require(d.size() * (d.features() + d.targets()) <= limits::max_dataset_values, what,
          " has too many values (", d.size() * (d.features() + d.targets()), "); the limit is ",
          limits::max_dataset_values);
  require(d.source_rows.empty() || static_cast<long>(d.source_rows.size()) == d.size(), what, " has ",
          d.size(), " rows but ", d.source_rows.size(), " source rows");
  if (!d.image_shape.empty())
    require(d.image_shape.size() == 2 && static_cast<long>(d.image_shape[0]) * d.image_shape[1] == d.features(),
            what, ": an image shape must be {height, width} with height x width = ", d.features(), " features");
  require(d.class_names.empty() || d.targets() == 1, what, ": class names go with one target column of class indices");
  for (long j = 0; j < d.size(); ++j) {
    for (int i = 0; i < d.features(); ++i)
      if (!std::isfinite(d.x(i, j)))  // `if` first: the message is built only on failure
        fail(row_name(d, what, j), ", feature ", i + 1, " is not a finite number (", d.x(i, j), ")");
    for (int i = 0; i < d.targets(); ++i)
      if (!std::isfinite(d.y(i, j)))
        fail(row_name(d, what, j), ", target ", i + 1, " is not a finite number (", d.y(i, j), ")");
    const auto k = static_cast<double>(d.class_names.size());
    if (!(k == 0 || (d.y(0, j) == std::floor(d.y(0, j)) && d.y(0, j) >= 0 && d.y(0, j) < k)))
      fail(row_name(d, what, j), ": class ", d.y(0, j), " is not an index of the ", d.class_names.size(), " class names");
  }
}

}  // namespace neurostep
