// One packed snapshot of a trainer per call, for the page's play loop: everything the page draws
// in one frame (counters, weights, the evaluation, the predicted rows and their classes, the
// decision boundary grid, the curve, every neuron's heatmap, and the history from a given epoch
// on), written into three typed arrays that share one buffer, with no JavaScript object per
// field. The separate calls (state, weights, evaluate, predict, activations, classify, history)
// give the same numbers bit for bit (tests/wasm/snapshot.test.mjs).
//
// A SnapshotPlan holds what stays the same from frame to frame: the grid, neuron-grid and curve
// inputs, the number of rows to predict, and the targets of the training and test rows (for the
// classes they say). It reads the trainer only through the Trainer's public API.
//
// Layout (version 1), decoded by web/src/engine/snapshot.js:
//   f64: header (HEADER numbers, below); units and inputs of each layer (inputs 0 for a layer
//        that is not Dense); each Dense layer's W (units x inputs, column-major) then b; the training rows' outputs, then the test rows' (rows x
//        width, row by row); the history records from `from` on, 5 numbers each (epoch, loss,
//        accuracy, val_loss, val_accuracy; NaN without test data)
//   f32: the boundary grid's outputs (cells x width, cell by cell), the curve's, then each
//        layer's activations over the neuron grid, unit by unit (units x cells)
//   i32: predicted and actual class of each training row, then of each test row
#include <emscripten/bind.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "bindings/trainer_handle.hpp"
#include "core/metrics.hpp"

namespace neurostep::js {
namespace {

constexpr int kVersion = 1;
// Header slots of the f64 part.
enum Slot : int {
  kSlotVersion, kSlotPrecision, kSlotEpoch, kSlotIterations, kSlotBatchInEpoch,
  kSlotBatchesPerEpoch, kSlotBatchSize, kSlotTrainSize, kSlotTestSize, kSlotDiverged,
  kSlotLayers, kSlotOutputWidth, kSlotTrainLoss, kSlotTrainAccuracy, kSlotTestLoss,
  kSlotTestAccuracy, kSlotTrainRows, kSlotTestRows, kSlotHistoryFrom, kSlotHistoryCount,
  kSlotHistoryLength, kSlotGridCells, kSlotNeuronCells, kSlotCurvePoints,
  kHeader = 32  // slots after kSlotCurvePoints are reserved (0); snapshot.js reads 32 too
};

// Points of a picture (grid, neuron grid or curve): `rows` points of `inputs` numbers each,
// point by point, kept in both precisions so that no frame converts them.
struct Points {
  Eigen::MatrixXd x64;
  Eigen::MatrixXf x32;
  long rows() const { return static_cast<long>(x64.cols()); }
  template <typename S>
  const Matrix<S>& as() const {
    if constexpr (sizeof(S) == sizeof(double)) return x64; else return x32;
  }
};

// {x, rows} or null: rows points; x holds rows * inputs numbers (inputs = x.length / rows).
Points points_from_js(const val& p, const std::string& what) {
  Points out;
  if (!has_properties(p)) return out;
  const long rows = to_integer(number_of(p["rows"]), what + ": rows", 0, limits::max_predict_rows);
  if (rows == 0) return out;
  const double length = length_of(p["x"]);
  require(!std::isnan(length) && length > 0 && std::fmod(length, static_cast<double>(rows)) == 0,
          what, ": x ", length_text(length), ", not whole points of ", rows, " rows");
  const long inputs = static_cast<long>(length) / rows;
  require(inputs <= limits::max_units, what, ": ", inputs, " inputs per point is more than the limit of ", limits::max_units);
  out.x64.resize(inputs, rows);
  copy_from_js(p["x"], out.x64.data(), static_cast<std::size_t>(out.x64.size()));
  for (Eigen::Index i = 0; i < out.x64.size(); ++i)
    require(std::isfinite(out.x64.data()[i]), what, ": x[", i, "] is not a finite number");
  out.x32 = out.x64.cast<float>();
  return out;
}

// {y, rows, targets}: the rows' targets, row by row, as doubles (as classify reads them).
Eigen::MatrixXd targets_from_js(const val& d, const std::string& what) {
  require(has_properties(d), what, " is missing");
  const long rows = to_integer(number_of(d["rows"]), what + ": rows", 0, limits::max_samples);
  const int targets = to_int(number_of(d["targets"]), what + ": targets", 0, limits::max_units);
  const double length = length_of(d["y"]);
  require(length == static_cast<double>(rows) * targets, what, ": y ", length_text(length),
          " but rows x targets = ", rows, " x ", targets, " = ", static_cast<double>(rows) * targets);
  Eigen::MatrixXd y(targets, rows);
  copy_from_js(d["y"], y.data(), static_cast<std::size_t>(y.size()));
  return y;
}

// n values of any arithmetic type, converted to T (float to double is exact).
template <typename T, typename U>
void append(std::vector<T>& out, const U* data, Eigen::Index n) {
  out.insert(out.end(), data, data + n);
}

// Copies `values` into the JavaScript typed array `into`, which the caller sized.
template <typename T>
void copy_to_js(const std::vector<T>& values, const val& into) {
  if (!values.empty()) into.call<void>("set", val(emscripten::typed_memory_view(values.size(), values.data())));
}

class SnapshotPlan {
 public:
  SnapshotPlan(Points grid, Points neurons, Points curve, long max_rows, Eigen::MatrixXd train_y,
               Eigen::MatrixXd test_y)
      : grid_(std::move(grid)), neurons_(std::move(neurons)), curve_(std::move(curve)),
        max_rows_(max_rows), train_y_(std::move(train_y)), test_y_(std::move(test_y)) {}

  // Packs the snapshot and copies it into f64, f32 and i32 (typed arrays the wrapper made), and
  // returns true; when one of them is too short, copies nothing and returns {f64, f32, i32}, the
  // lengths needed: the wrapper then makes arrays that long and calls copy_out.
  val fill(TrainerHandle& h, const val& f64, const val& f32, const val& i32, double history_from) {
    return h.visit([&](const auto& t) {
      const long from = to_integer(history_from, "history from", 0, std::numeric_limits<long>::max() / 2);
      pack(t, from);
      if (!fits(f64, f32, i32)) {
        val sizes = val::object();
        sizes.set("f64", static_cast<double>(f64_.size()));
        sizes.set("f32", static_cast<double>(f32_.size()));
        sizes.set("i32", static_cast<double>(i32_.size()));
        return sizes;
      }
      copy_out_unchecked(f64, f32, i32);
      return val(true);
    });
  }

  // The last snapshot fill packed, into arrays long enough for it.
  val copy_out(const val& f64, const val& f32, const val& i32) {
    return guarded([&] {
      require(fits(f64, f32, i32), "snapshot: the arrays are shorter than the snapshot (", f64_.size(), ", ",
              f32_.size(), " and ", i32_.size(), " values)");
      copy_out_unchecked(f64, f32, i32);
      return val(true);
    });
  }

 private:
  bool fits(const val& f64, const val& f32, const val& i32) const {
    return length_of(f64) >= f64_.size() && length_of(f32) >= f32_.size() && length_of(i32) >= i32_.size();
  }
  void copy_out_unchecked(const val& f64, const val& f32, const val& i32) const {
    copy_to_js(f64_, f64);
    copy_to_js(f32_, f32);
    copy_to_js(i32_, i32);
  }

  template <typename S>
  void check_fits(const Trainer<S>& t) const {
    const int inputs = t.network().input_dim();
    const auto width = [&](const Points& p, const char* what) {
      require(p.rows() == 0 || p.x64.rows() == inputs, "snapshot plan: the ", what, " has ", p.x64.rows(),
              " inputs per point but the network takes ", inputs);
    };
    width(grid_, "grid");
    width(neurons_, "neuron grid");
    width(curve_, "curve");
    require(train_y_.cols() == t.train_size() && test_y_.cols() == t.test_size(), "snapshot plan: made for ",
            train_y_.cols(), " training and ", test_y_.cols(), " test rows, but the trainer has ",
            t.train_size(), " and ", t.test_size());
  }

  // The snapshot into the staging vectors f64_, f32_, i32_ (kept from call to call, so that a
  // frame allocates no new staging memory).
  template <typename S>
  void pack(const Trainer<S>& t, long from) {
    check_fits(t);
    f64_.assign(kHeader, 0.0);
    f32_.clear();
    i32_.clear();
    const Network<S>& net = t.network();
    const int depth = net.depth(), width = net.output_dim();
    const std::vector<EpochRecord>& history = t.history();
    const long first = std::min<long>(from, static_cast<long>(history.size()));
    const long train_rows = std::min(t.train_size(), max_rows_), test_rows = std::min(t.test_size(), max_rows_);
    double* head = f64_.data();
    head[kSlotVersion] = kVersion;
    head[kSlotPrecision] = sizeof(S) == sizeof(double) ? 64 : 32;
    head[kSlotEpoch] = static_cast<double>(t.epoch());
    head[kSlotIterations] = static_cast<double>(t.iterations());
    head[kSlotBatchInEpoch] = static_cast<double>(t.batch_in_epoch());
    head[kSlotBatchesPerEpoch] = static_cast<double>(t.batches_per_epoch());
    head[kSlotBatchSize] = t.batch_size();
    head[kSlotTrainSize] = static_cast<double>(t.train_size());
    head[kSlotTestSize] = static_cast<double>(t.test_size());
    head[kSlotDiverged] = t.diverged() ? 1 : 0;
    head[kSlotLayers] = depth;
    head[kSlotOutputWidth] = width;
    const Evaluation train = t.evaluate(t.train_x(), t.train_y());
    head[kSlotTrainLoss] = train.loss;
    head[kSlotTrainAccuracy] = train.accuracy;
    const Evaluation test = t.test_size() > 0 ? t.evaluate(t.test_x(), t.test_y())
                                              : Evaluation{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    head[kSlotTestLoss] = test.loss;
    head[kSlotTestAccuracy] = test.accuracy;
    head[kSlotTrainRows] = static_cast<double>(train_rows);
    head[kSlotTestRows] = static_cast<double>(test_rows);
    head[kSlotHistoryFrom] = static_cast<double>(first);
    head[kSlotHistoryCount] = static_cast<double>(history.size() - first);
    head[kSlotHistoryLength] = static_cast<double>(history.size());
    head[kSlotGridCells] = static_cast<double>(grid_.rows());
    head[kSlotNeuronCells] = static_cast<double>(neurons_.rows());
    head[kSlotCurvePoints] = static_cast<double>(curve_.rows());

    // A layer of another kind than Dense has no W and b: its inputs are written as 0, so that
    // its W and b take no numbers (its parameters, if any, come from trainer.layer(l)).
    for (int l = 0; l < depth; ++l) {
      const DenseLayer<S>* d = net.at(l).template as<DenseLayer<S>>();
      f64_.insert(f64_.end(), {static_cast<double>(net.at(l).units()), d ? static_cast<double>(d->inputs()) : 0.0});
    }
    for (int l = 0; l < depth; ++l) {
      if (const DenseLayer<S>* d = net.at(l).template as<DenseLayer<S>>()) {
        append(f64_, d->W.data(), d->W.size());
        append(f64_, d->b.data(), d->b.size());
      }
    }
    // The rows' outputs, and the class each says next to the class its target says.
    const auto rows = [&](const Matrix<S>& x, long n, const Eigen::MatrixXd& y) {
      if (n == 0) return;
      const Matrix<S> A = t.predict(x.leftCols(n));
      append(f64_, A.data(), A.size());
      const Eigen::MatrixXd A64 = A.template cast<double>();
      for (long j = 0; j < n; ++j) i32_.push_back(static_cast<std::int32_t>(predicted_class(A64, j)));
      for (long j = 0; j < n; ++j) i32_.push_back(static_cast<std::int32_t>(actual_class(y, j, width)));
    };
    rows(t.train_x(), train_rows, train_y_);
    rows(t.test_x(), test_rows, test_y_);
    for (long r = first; r < static_cast<long>(history.size()); ++r) {
      const EpochRecord& e = history[r];
      f64_.insert(f64_.end(), {static_cast<double>(e.epoch), e.loss, e.accuracy, e.val_loss, e.val_accuracy});
    }

    // Pictures: single precision is all a colour needs (and what the page has always drawn).
    const auto outputs = [&](const Points& p) {
      if (p.rows() == 0) return;
      const Matrix<S> A = t.predict(p.as<S>());
      for (Eigen::Index i = 0; i < A.size(); ++i) f32_.push_back(static_cast<float>(A.data()[i]));
    };
    outputs(grid_);
    outputs(curve_);
    if (neurons_.rows() > 0) {
      for (const Matrix<S>& a : t.layer_outputs(neurons_.as<S>()))
        for (Eigen::Index u = 0; u < a.rows(); ++u)
          for (Eigen::Index j = 0; j < a.cols(); ++j) f32_.push_back(static_cast<float>(a(u, j)));
    }
  }

  Points grid_, neurons_, curve_;
  long max_rows_;
  Eigen::MatrixXd train_y_, test_y_;
  std::vector<double> f64_;
  std::vector<float> f32_;
  std::vector<std::int32_t> i32_;
};

// options: {grid, neurons, curve: {x, rows} or null; maxRows; train, test: {y, rows, targets}}.
val create_snapshot_plan(const val& options) {
  return guarded([&] {
    require(has_properties(options), "snapshot plan: options are missing");
    const long max_rows = to_integer(number_of(options["maxRows"]), "snapshot plan: maxRows", 0, limits::max_predict_rows);
    return val(SnapshotPlan(points_from_js(options["grid"], "snapshot plan: grid"),
                            points_from_js(options["neurons"], "snapshot plan: neuron grid"),
                            points_from_js(options["curve"], "snapshot plan: curve"), max_rows,
                            targets_from_js(options["train"], "snapshot plan: training rows"),
                            targets_from_js(options["test"], "snapshot plan: test rows")));
  });
}

}  // namespace
}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_snapshot) {
  using namespace neurostep::js;
  emscripten::class_<SnapshotPlan>("SnapshotPlan")
      .function("fill", &SnapshotPlan::fill)
      .function("copy_out", &SnapshotPlan::copy_out);
  emscripten::function("create_snapshot_plan", &create_snapshot_plan);
}
