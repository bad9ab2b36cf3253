// Limits that hold for the work of one call (work_limits.hpp), not only for each size alone:
// each message names the call, what it would cost and what to reduce it to, and the largest
// size it proposes is accepted while one more row is refused.
#include <catch2/catch.hpp>

#include "core/work_limits.hpp"

using namespace neurostep;
using Catch::Matchers::Contains;

namespace {

ModelSpec dense(int inputs, std::vector<int> units) {
  ModelSpec spec;
  spec.input_dim = inputs;
  for (int u : units) {
    LayerConfig c;
    c.units = u;
    spec.layers.push_back(c);
  }
  spec.layers.back().activation = Activation::softmax;
  spec.loss = Loss::categorical_crossentropy;
  return spec;
}

}  // namespace

TEST_CASE("the work of a call counts the network's multiply-adds and intermediates per row", "[limits]") {
  const WorkShape w = work_shape(dense(784, {64, 10}));
  REQUIRE(w.multiply_adds == 784 * 64 + 64 * 10);
  REQUIRE(w.training_values == (2 * 784 + 4 * 64) + (2 * 64 + 4 * 10) + 784 + 3 * 10);
  REQUIRE(w.predict_values == 784 + 2 * 64);
  REQUIRE(w.readout_values == 64 + 10 + 64);
  REQUIRE(rows_per_step(32, 10) == 10);
  REQUIRE(rows_per_step(32, 1000) == 32);
}

TEST_CASE("a training step too large for one call says which batch size fits", "[limits]") {
  const WorkShape w = work_shape(dense(784, {64, 10}));
  REQUIRE_NOTHROW(check_training_work(w, 32, 4, "batch size 32"));
  REQUIRE_NOTHROW(check_training_work(w, 19678, 4, "batch size 19678"));
  REQUIRE_THROWS_WITH(check_training_work(w, 60000, 4, "batch size 60000"),
                      "batch size 60000: one pass of 60000 rows through this network is 3048960000 multiply-adds, "
                      "more than the limit of 1000000000 that keeps a step under a few seconds; use a batch size "
                      "of at most 19678, or fewer or narrower layers");
  REQUIRE_THROWS_WITH(check_training_work(w, 19679, 4, "batch size 19679"), Contains("at most 19678"));

  // Wide and shallow: little arithmetic, much memory.
  const WorkShape wide = work_shape(dense(4096, {2, 2}));
  const long fits = static_cast<long>(limits::max_call_bytes / (wide.training_values * 8));
  REQUIRE_NOTHROW(check_training_work(wide, fits, 8, "batch size"));
  REQUIRE_THROWS_WITH(check_training_work(wide, fits + 1, 8, "batch size " + std::to_string(fits + 1)),
                      Contains("bytes of intermediates (every layer's values for every row), more than the limit of "
                               "536870912; use a batch size of at most " + std::to_string(fits)));
  REQUIRE_NOTHROW(check_training_work(wide, fits + 1, 4, "float32 takes half"));
}

TEST_CASE("a predict grid too large for one call says how many rows fit", "[limits]") {
  const WorkShape w = work_shape(dense(784, {64, 10}));
  REQUIRE_NOTHROW(check_predict_work(w, 100 * 100, 4, false, "predict"));
  REQUIRE_THROWS_WITH(check_predict_work(w, 1000 * 1000, 4, false, "predict"),
                      "predict: 1000000 rows through this network is 50816000000 multiply-adds, more than the "
                      "limit of 1000000000 for one call; ask for at most 19678 rows at a time (a coarser grid), "
                      "or use fewer or narrower layers");
  // The article's network predicts a 1000 x 1000 grid in one call.
  REQUIRE_NOTHROW(check_predict_work(work_shape(dense(8, {10, 8, 2})), 1000 * 1000, 4, true, "layer outputs"));

  const WorkShape wide = work_shape(dense(4096, {2, 2}));
  const long fits = static_cast<long>(limits::max_call_bytes / (wide.predict_values * 8));
  REQUIRE_NOTHROW(check_predict_work(wide, fits, 8, false, "predict"));
  REQUIRE_THROWS_WITH(check_predict_work(wide, fits + 1, 8, false, "predict"),
                      Contains("bytes of intermediates, more than the limit of 536870912; ask for at most " +
                               std::to_string(fits) + " rows at a time"));
  // One wide hidden layer: every layer's outputs take more room than the arithmetic takes time.
  const WorkShape tall = work_shape(dense(1, {4096, 2}));
  const long readout = static_cast<long>(limits::max_call_bytes / (tall.readout_values * 8));
  REQUIRE_NOTHROW(check_predict_work(tall, readout, 8, true, "layer outputs"));
  REQUIRE_THROWS_WITH(check_predict_work(tall, readout + 1, 8, true, "layer outputs"),
                      Contains("bytes of layer outputs, more than the limit of 536870912; ask for at most " +
                               std::to_string(readout) + " rows"));
}
