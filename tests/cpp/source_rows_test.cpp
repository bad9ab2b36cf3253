// Rows keep their place in the data they were split from (Dataset::source_rows), and the data
// checks name that row: the one the user can find in the data table or the CSV and fix.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/split.hpp"
#include "core/trainer.hpp"
#include "fixtures.hpp"

using namespace neurostep;
using namespace neurostep::test;

namespace {

// Ten rows of two features; row r (0-based) holds x = (r, 100 + r) and target `y[r]`.
Dataset numbered(const std::vector<double>& y) {
  Dataset d;
  d.x.resize(2, static_cast<long>(y.size()));
  d.y.resize(1, static_cast<long>(y.size()));
  for (long r = 0; r < d.size(); ++r) {
    d.x(0, r) = static_cast<double>(r);
    d.x(1, r) = 100.0 + static_cast<double>(r);
    d.y(0, r) = y[static_cast<std::size_t>(r)];
  }
  return d;
}

std::string refusal(Trainer<float>& t, const Dataset& train, const Dataset& test) {
  try {
    t.set_data(train, test);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a split keeps each row's index in the data it came from", "[data]") {
  const Dataset d = numbered({0, 1, 0, 1, 0, 1, 0, 1, 0, 1});
  CHECK(d.source_rows.empty());
  const TrainTestSplit s = split_dataset(d, 0.3, 5);
  for (const Dataset* part : {&s.train, &s.test}) {
    REQUIRE(static_cast<long>(part->source_rows.size()) == part->size());
    for (long j = 0; j < part->size(); ++j) CHECK(part->source_rows[static_cast<std::size_t>(j)] == part->x(0, j));
  }
  // A split of a split still names the first data's rows.
  const TrainTestSplit again = split_dataset(s.train, 0.3, 6);
  for (long j = 0; j < again.train.size(); ++j) CHECK(again.train.source_rows[static_cast<std::size_t>(j)] == again.train.x(0, j));
}

TEST_CASE("the data checks name a split row by its row in the source data", "[data][bad_inputs]") {
  Trainer<float> t(xor_model(), 1);
  // Row 8 (1-based) holds a target of 2, which binary cross-entropy cannot take.
  Dataset d = numbered({0, 1, 0, 1, 0, 1, 0, 2, 0, 1});
  const TrainTestSplit s = split_dataset(d, 0.3, 5);
  CHECK(refusal(t, s.train, s.test) == "row 8, target 1 is 2; binary_crossentropy needs targets in [0, 1]");
  // Unsplit data are named as they are passed.
  CHECK(refusal(t, d, Dataset{}) == "training data: row 8, target 1 is 2; binary_crossentropy needs targets in [0, 1]");

  d = numbered({0, 1, 0, 1, 0, 1, 0, 1, 0, 1});
  d.x(1, 3) = 1e300;  // row 4: too large for float32
  const TrainTestSplit big = split_dataset(d, 0.3, 5);
  CHECK(refusal(t, big.train, big.test) ==
        "row 4, feature 2 is 1e+300, too large for float32, whose largest value is 3.40282e+38");
}

TEST_CASE("source rows that do not match the rows are refused", "[data][bad_inputs]") {
  Dataset d = numbered({0, 1, 0, 1});
  d.source_rows = {0, 1};
  REQUIRE_THROWS_WITH(validate(d), "dataset has 4 rows but 2 source rows");
}
