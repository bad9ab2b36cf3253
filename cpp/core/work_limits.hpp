#pragma once
// The work a call would do, checked before it starts: a training step on a batch, a predict of
// many rows (the page's boundary grid) or a layer-by-layer readout runs to its end once begun,
// so a network that is within the limits and a batch that is within the limits can still make
// one call that freezes the page for minutes or runs out of memory together. The message says
// what to reduce, and by how much.
//
// Work is counted as multiply-adds of one forward pass (a Dense layer of n inputs and m units
// costs n m per row; a training step costs about three times that) and as the bytes of the
// intermediates the call keeps (DenseLayer keeps a_prev, z, a, dA, dZ and dA_prev per row).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/model_spec.hpp"

namespace neurostep {

// Per row of a batch, what one call costs; a layer kind adds its own terms.
struct WorkShape {
  double multiply_adds = 0;   // one forward pass
  double training_values = 0;  // intermediates a training step keeps
  double predict_values = 0;   // intermediates a predict keeps (two layers' values at a time)
  double readout_values = 0;   // every layer's outputs (layer_outputs)
};

inline WorkShape work_shape(const ModelSpec& spec) {
  WorkShape w;
  double inputs = spec.input_dim, widest = 0, all = 0;  // widest and all: over the layers' units
  for (const LayerConfig& l : spec.layers) {
    // A Dense layer multiplies; the kinds that keep their width cost a few operations a value
    // (Dropout's mask, BatchNormalization's x-hat), counted here as one multiply-add each.
    const double units = output_width(l, static_cast<int>(inputs));
    w.multiply_adds += l.kind == LayerKind::dense ? inputs * units : 4 * units;
    w.training_values += 2 * inputs + 4.0 * units;  // a_prev, dA_prev; z (or x-hat, mask), a, dA, dZ
    widest = std::max(widest, units);
    all += units;
    inputs = units;
  }
  const double outputs = inputs;  // the last layer's width (the input's, with no layers)
  w.training_values += spec.input_dim + 3 * outputs;  // the batch's x and y; the loss's dA, dZ
  w.predict_values = spec.input_dim + 2 * widest;  // a copy of the inputs, then z and a
  w.readout_values = all + widest;                  // every layer's a, and one z
  return w;
}

namespace work_detail {

// The most rows that keep `per_row` x rows within `limit` (at least 0).
inline long most_rows(double per_row, double limit) {
  if (per_row <= 0) return 0;
  const double rows = std::floor(limit / per_row);
  // No cast past long's range (32 bits in WebAssembly, 64 natively): that would be undefined.
  constexpr long most = std::numeric_limits<long>::max();
  return rows >= static_cast<double>(most) ? most : static_cast<long>(rows);
}

// A count in whole digits ("3048960000", not "3.04896e+09"): the message compares it with others.
inline std::string count(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.0f", v);
  return text;
}

}  // namespace work_detail

// A training step (or a gradient check's forward pass) on batches of `rows` rows, in a scalar
// of `scalar_bytes` bytes. `what` names the call for the message ("batch size 5000").
inline void check_training_work(const WorkShape& w, long rows, std::size_t scalar_bytes, const std::string& what) {
  using namespace work_detail;
  const double work = w.multiply_adds * static_cast<double>(rows);
  if (work > limits::max_multiply_adds_per_call)
    fail_with("work.step_too_long", "{what}: one pass of {rows} rows through this network is {work} multiply-adds, more than the limit of "
              "{limit} that keeps a step under a few seconds; use a batch size of at most {most}, or fewer or narrower layers",
              {arg("what", what), arg("rows", rows), arg("work", count(work)), arg("limit", count(limits::max_multiply_adds_per_call)),
               arg("most", most_rows(w.multiply_adds, limits::max_multiply_adds_per_call))});
  const double bytes = w.training_values * static_cast<double>(rows) * static_cast<double>(scalar_bytes);
  if (bytes > limits::max_call_bytes)
    fail_with("work.step_too_large", "{what}: a training step on {rows} rows keeps {bytes} bytes of intermediates (every layer's values "
              "for every row), more than the limit of {limit}; use a batch size of at most {most}, or narrower layers",
              {arg("what", what), arg("rows", rows), arg("bytes", count(bytes)), arg("limit", count(limits::max_call_bytes)),
               arg("most", most_rows(w.training_values * static_cast<double>(scalar_bytes), limits::max_call_bytes))});
}

// A predict (every_layer false) or layer_outputs (true) of `rows` rows.
inline void check_predict_work(const WorkShape& w, long rows, std::size_t scalar_bytes, bool every_layer,
                               const std::string& what) {
  using namespace work_detail;
  const double work = w.multiply_adds * static_cast<double>(rows);
  if (work > limits::max_multiply_adds_per_call)
    fail_with("work.predict_too_long", "{what}: {rows} rows through this network is {work} multiply-adds, more than the limit of {limit} "
              "for one call; ask for at most {most} rows at a time (a coarser grid), or use fewer or narrower layers",
              {arg("what", what), arg("rows", rows), arg("work", count(work)), arg("limit", count(limits::max_multiply_adds_per_call)),
               arg("most", most_rows(w.multiply_adds, limits::max_multiply_adds_per_call))});
  const double per_row = (every_layer ? w.readout_values : w.predict_values) * static_cast<double>(scalar_bytes);
  const double bytes = per_row * static_cast<double>(rows);
  if (bytes > limits::max_call_bytes) {
    const std::vector<MessageArg> args = {arg("what", what), arg("rows", rows), arg("bytes", count(bytes)), arg("limit", count(limits::max_call_bytes)),
                                          arg("most", most_rows(per_row, limits::max_call_bytes))};
    if (every_layer)
      fail_with("work.layer_outputs_too_large", "{what}: {rows} rows keep {bytes} bytes of layer outputs, more than the limit of {limit}; "
                "ask for at most {most} rows at a time (a coarser grid), or use narrower layers", args);
    fail_with("work.predict_too_large", "{what}: {rows} rows keep {bytes} bytes of intermediates, more than the limit of {limit}; "
              "ask for at most {most} rows at a time (a coarser grid), or use narrower layers", args);
  }
}

// The rows a training step really takes: the batch size, or fewer when the data has fewer rows.
inline long rows_per_step(int batch_size, long train_rows) {
  return std::max(1L, std::min<long>(batch_size, train_rows));
}

}  // namespace neurostep
