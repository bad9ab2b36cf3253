#pragma once
// Holding data back: a seeded shuffle of the samples, then the first part trains and the rest
// tests. A model is judged on the test rows it never trained on, which is what shows whether it
// generalises or only memorises.
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "core/dataset.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/random.hpp"

namespace neurostep {

struct TrainTestSplit {
  Dataset train, test;  // test has 0 samples (but the same rows and names) when test_ratio = 0
};

namespace split_detail {
// The samples at `order[first, last)`, in that order, with the dataset's names.
inline Dataset take(const Dataset& d, const std::vector<long>& order, long first, long last) {
  Dataset part;
  part.x.resize(d.x.rows(), last - first);
  part.y.resize(d.y.rows(), last - first);
  for (long j = first; j < last; ++j) {
    part.x.col(j - first) = d.x.col(order[j]);
    part.y.col(j - first) = d.y.col(order[j]);
    part.source_rows.push_back(d.source_rows.empty() ? order[j] : d.source_rows[order[j]]);
  }
  part.describe_as(d);
  return part;
}
}  // namespace split_detail

// n_test = round(test_ratio n) samples go to the test set; the train set keeps at least one.
inline TrainTestSplit split_dataset(const Dataset& d, double test_ratio, std::uint32_t seed) {
  validate(d);
  if (!(test_ratio >= 0.0 && test_ratio <= limits::max_test_ratio))  // true for NaN as well
    fail_with("split.ratio", "test ratio must be between 0 and {max} (got {value})", {arg("max", limits::max_test_ratio), arg("value", test_ratio)});
  const long n = d.size();
  const long n_test = std::lround(test_ratio * static_cast<double>(n));
  if (n - n_test < 1)
    fail_with("split.no_training", "a test ratio of {value} leaves no training rows out of {rows}", {arg("value", test_ratio), arg("rows", n)});
  std::vector<long> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0L);
  Random(seed).shuffle(order);
  return {split_detail::take(d, order, 0, n - n_test), split_detail::take(d, order, n - n_test, n)};
}

}  // namespace neurostep
