#pragma once
// Training as a sequence of visible steps. One Trainer owns the network, the optimizer's
// state, the data and a cursor. A batch is 3L + 1 phases for L layers:
//   forward 1 .. L,  loss,  backward L .. 1,  update 1 .. L
// and the trainer can advance by one phase, one batch, one epoch or N epochs; after any of
// them every intermediate of the last phases is readable on the layers (see layer.hpp). The
// update phase of a layer without trained weights (Dropout, Activation, ...) changes nothing.
// A Trainer is a value: copying it is a complete checkpoint (the page's undo and restore).
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "core/data_checks.hpp"
#include "core/dataset.hpp"
#include "core/evaluation.hpp"
#include "core/metrics.hpp"
#include "core/network.hpp"
#include "core/optimizer.hpp"
#include "core/optimizer_slots.hpp"
#include "core/random.hpp"
#include "core/trainer_checks.hpp"
#include "core/weight_path.hpp"

namespace neurostep {

enum class PhaseKind { none, forward, loss, backward, update };

struct Phase {
  PhaseKind kind = PhaseKind::none;
  int layer = -1;  // 0-based; -1 for the loss and for none
};

// One line of Keras's History: the running means over the epoch's batches (as Keras reports
// them) and the metrics on the test data after the epoch (NaN without test data).
struct EpochRecord {
  long epoch = 0;
  double loss = 0, accuracy = 0;
  double val_loss = std::numeric_limits<double>::quiet_NaN();
  double val_accuracy = std::numeric_limits<double>::quiet_NaN();
};

template <typename S>
class Trainer {
 public:
  Trainer(const ModelSpec& spec, std::uint32_t seed) : net_(spec), optimizer_(spec.optimizer) {
    check_batch_statistics(net_, batch_size_);
    reset(seed);
  }

  // ---- configuration ----------------------------------------------------------------------

  // New initial weights from the seed; optimizer state, cursor and history start afresh.
  void reset(std::uint32_t seed) {
    seed_ = seed;
    rng_.seed(seed);
    net_ = Network<S>(net_.spec());  // as new: no value of the last batch (a diverged loss) stays
    net_.initialize(rng_);
    batch_indices_.clear();
    batch_x_ = Matrix<S>();
    batch_y_ = Matrix<S>();
    optimizer_.reset(net_);
    path_.restart(net_);
    history_.clear();
    epoch_ = 0;
    epochs_before_ = 0;  // fresh weights have seen no training
    restart_epoch();
  }

  // Epochs a loaded model was trained for before this trainer took its weights (a model file's
  // epochs_trained), so that a model saved again counts them too; reset() forgets them.
  void set_epochs_before(long epochs) {
    if (!(epochs >= 0 && epochs <= limits::max_iterations))
      fail_with("trainer.epochs_before", "epochs trained before must be in [0, {max}], got {value}",
                {arg("max", limits::max_iterations), arg("value", epochs)});
    epochs_before_ = epochs;
  }

  // Train and test data; widths must match the network. Weights and history are kept, and the
  // current epoch starts again on the new data.
  void set_data(const Dataset& train, const Dataset& test) {
    check_data(train, "training data", false);
    check_data(test, "test data", true);
    check_last_batch(net_, train.size(), batch_size_);
    train_x_ = train.x.cast<S>();
    train_y_ = train.y.cast<S>();
    test_x_ = test.x.cast<S>();
    test_y_ = test.y.cast<S>();
    restart_epoch();
  }

  void set_batch_size(int batch_size) {
    if (!(batch_size >= 1 && batch_size <= limits::max_batch_size))
      fail_with("trainer.batch_size", "batch size must be in [1, {max}], got {value}",
                {arg("max", limits::max_batch_size), arg("value", batch_size)});
    check_batch_statistics(net_, batch_size);
    check_last_batch(net_, train_size(), batch_size);
    batch_size_ = batch_size;
    restart_epoch();
  }
  void set_shuffle(bool shuffle) { shuffle_ = shuffle; }

  // Changing hyperparameters keeps the optimizer's state; changing the kind of optimizer (or
  // switching momentum/amsgrad on or off, which changes its slots) starts it afresh.
  void set_optimizer(const OptimizerConfig& config) { optimizer_.configure(config, net_); }
  void set_learning_rate(double lr) {
    OptimizerConfig c = optimizer_.config();
    c.learning_rate = lr;
    set_optimizer(c);
  }

  // Users may edit single weights. Mid-batch, the batch starts again from its forward pass so
  // that no phase mixes old and new weights.
  void set_weight(int l, int unit, int input, double value) {
    check_layer(l);
    const auto& W = net_.layer(l).W;
    if (!(unit >= 0 && unit < W.rows() && input >= 0 && input < W.cols()))
      fail_with("trainer.weight_outside", "{layer}: weight ({unit}, {input}) is outside its {rows} x {cols} kernel",
                {arg("layer", layer_label(l)), arg("unit", unit), arg("input", input), arg("rows", W.rows()), arg("cols", W.cols())});
    if (!std::isfinite(value)) fail_with("trainer.weight_not_finite", "a weight must be a finite number, got {value}", {arg("value", exact(value))});
    if (!(std::fabs(value) <= largest_value<S>()))
      fail_with("trainer.weight_too_large", "a weight of {value} is too large for {dtype}, whose largest value is {largest}",
                {arg("value", exact(value)), arg("dtype", dtype_name<S>()), arg("largest", largest_value<S>())});
    net_.layer(l).W(unit, input) = S(value);
    phase_ = 0;
  }
  void set_bias(int l, int unit, double value) {
    check_layer(l);
    if (!net_.layer(l).config.use_bias)
      fail_with("trainer.no_bias", "{layer} has no bias (use_bias is false)", {arg("layer", layer_label(l))});
    if (!(unit >= 0 && unit < net_.layer(l).units()))
      fail_with("trainer.bias_outside", "{layer}: bias {unit} is outside its {units} units",
                {arg("layer", layer_label(l)), arg("unit", unit), arg("units", net_.layer(l).units())});
    if (!std::isfinite(value)) fail_with("trainer.bias_not_finite", "a bias must be a finite number, got {value}", {arg("value", exact(value))});
    if (!(std::fabs(value) <= largest_value<S>()))
      fail_with("trainer.bias_too_large", "a bias of {value} is too large for {dtype}, whose largest value is {largest}",
                {arg("value", exact(value)), arg("dtype", dtype_name<S>()), arg("largest", largest_value<S>())});
    net_.layer(l).b(unit) = S(value);
    phase_ = 0;
  }
  void set_weights(const std::vector<LayerWeights>& w) {
    net_.set_weights(w);
    phase_ = 0;
  }

  // Takes over an optimizer's state (a loaded model's): all of it is checked before any is
  // used. Mid-batch, the batch starts again from its forward pass, as with set_weights.
  void set_optimizer_state(const OptimizerState& state) {
    optimizer_.set_state(net_, state);
    phase_ = 0;
  }

  // ---- stepping ---------------------------------------------------------------------------

  int phases_per_batch() const { return 3 * net_.depth() + 1; }
  long batches_per_epoch() const {
    return (static_cast<long>(train_x_.cols()) + batch_size_ - 1) / batch_size_;
  }

  // The phase that step_phase() would run next.
  Phase next_phase() const { return phase_at(phase_); }

  void step_phase() {
    require_data();
    if (phase_ == 0) begin_batch();
    run_phase(phase_at(phase_));
    last_phase_ = phase_at(phase_);
    if (++phase_ == phases_per_batch()) end_batch();
  }

  // Finishes the current batch (all of it when none is under way).
  void step_batch() {
    require_data();
    do step_phase();
    while (phase_ != 0);
  }

  // Finishes the current epoch; returns false if training diverged on the way. (A non-finite
  // weight makes the next loss non-finite, so checking the loss after each batch suffices.)
  bool step_epoch() {
    require_data();
    const long start = epoch_;
    while (epoch_ == start) {
      step_batch();
      if (!std::isfinite(static_cast<double>(net_.last_loss().batch_loss))) return false;
    }
    return !diverged();
  }

  // Runs up to n epochs; stops early when training diverges. Returns the epochs completed.
  long train_epochs(long n) {
    if (!(n >= 0 && n <= limits::max_epochs_per_call))
      fail_with("trainer.epochs", "epochs must be in [0, {max}], got {value}", {arg("max", limits::max_epochs_per_call), arg("value", n)});
    // Play: nothing reads dL/dx of the batches in between, so only the last batch computes it
    // (what Teach mode shows after the call is complete).
    skip_input_gradient_ = static_cast<std::int64_t>(n) * batches_per_epoch() - batch_in_epoch_ - 1;
    long done = 0;
    while (done < n && step_epoch()) ++done;
    skip_input_gradient_ = 0;
    return done;
  }

  // True when the last loss or any weight is NaN or infinite.
  bool diverged() const {
    if (!std::isfinite(static_cast<double>(net_.last_loss().batch_loss))) return true;
    for (int l = 0; l < net_.depth(); ++l)
      for (const auto& p : net_.at(l).params())
        if (!p.matrix().allFinite()) return true;
    return false;
  }

  // ---- reading the state ------------------------------------------------------------------

  const Network<S>& network() const { return net_; }
  // Layer l as a Dense layer (an error for another kind); at(l) for a layer of any kind.
  const DenseLayer<S>& layer(int l) const {
    check_layer(l);
    return net_.layer(l);
  }
  const Layer<S>& at(int l) const {
    check_layer(l);
    return net_.at(l);
  }
  const LossResult<S>& last_loss() const { return net_.last_loss(); }
  Phase last_phase() const { return last_phase_; }
  int phase_index() const { return phase_; }  // phases done in the current batch
  long epoch() const { return epoch_; }        // epochs completed
  long epochs_trained() const { return epochs_before_ + epoch_; }  // the weights' whole training
  long batch_in_epoch() const { return batch_in_epoch_; }
  long iterations() const { return optimizer_.iterations(); }  // optimizer steps taken
  const std::vector<long>& batch_indices() const { return batch_indices_; }  // rows of the batch
  const Matrix<S>& batch_x() const { return batch_x_; }
  const Matrix<S>& batch_y() const { return batch_y_; }
  const std::vector<EpochRecord>& history() const { return history_; }
  // The weights after each of the recent steps (off until given a capacity; reset clears it).
  const WeightPath<S>& path() const { return path_; }
  WeightPath<S>& path() { return path_; }
  const OptimizerConfig& optimizer() const { return optimizer_.config(); }
  std::vector<std::string> optimizer_slot_names() const { return optimizer_.slot_names(); }
  // Slots of layer l's trained weight `param` (Dense: 0 kernel, 1 bias; BatchNormalization:
  // gamma, beta; in the order of the layer's params() without the moving statistics),
  // flattened column-major.
  const std::vector<FlatArray<S>>& optimizer_slots(int l, int param) const {
    check_layer(l);
    if (net_.at(l).kind() == LayerKind::dense)
      require(param == 0 || param == 1, "param must be 0 (kernel) or 1 (bias), got ", param);
    return optimizer_.slots(l, param);
  }
  // All of the optimizer's state, for a model file (set_optimizer_state takes it back).
  OptimizerState optimizer_state() const { return optimizer_.state(net_); }
  // Scalars used by the last update phase (Adam's t and alpha), for the teaching view.
  StepScalars last_step_scalars() const { return optimizer_.last_step_scalars(); }
  int batch_size() const { return batch_size_; }
  bool shuffle() const { return shuffle_; }
  std::uint32_t seed() const { return seed_; }
  long train_size() const { return static_cast<long>(train_x_.cols()); }
  long test_size() const { return static_cast<long>(test_x_.cols()); }
  const Matrix<S>& train_x() const { return train_x_; }
  const Matrix<S>& train_y() const { return train_y_; }
  const Matrix<S>& test_x() const { return test_x_; }
  const Matrix<S>& test_y() const { return test_y_; }

  Matrix<S> predict(const Matrix<S>& X) const {
    check_inputs(net_, X, "predict");
    return net_.predict(X);
  }

  // Activations of every layer for inputs X (one matrix per layer, units x rows).
  std::vector<Matrix<S>> layer_outputs(const Matrix<S>& X) const {
    check_inputs(net_, X, "layer outputs");
    return net_.layer_outputs(X);
  }

  // Loss (regularisation included, as Keras) and accuracy of the current weights on X, Y.
  Evaluation evaluate(const Matrix<S>& X, const Matrix<S>& Y) const { return evaluate_network(net_, X, Y); }
  // The same for a dataset, checked against the network as set_data checks it.
  Evaluation evaluate(const Dataset& d) const {
    check_data(d, "evaluation data", false);
    return evaluate(d.x.cast<S>(), d.y.cast<S>());
  }

 private:
  void check_layer(int l) const {
    if (!(l >= 0 && l < net_.depth()))
      fail_with("trainer.no_layer", "{layer} does not exist; the network has {depth} layers",
                {arg("layer", layer_label(l)), arg("depth", net_.depth())});
  }

  void require_data() const {
    if (train_x_.cols() == 0) fail_with("trainer.no_data", "no training data: set a dataset first", {});
  }

  void check_data(const Dataset& d, const std::string& what, bool may_be_empty) const {
    check_data_fits(net_, d, what, may_be_empty);
  }

  void restart_epoch() {
    batch_in_epoch_ = 0;
    phase_ = 0;
    order_.clear();
    epoch_loss_sum_ = epoch_correct_ = 0;
    epoch_seen_ = 0;
    last_phase_ = Phase{};
  }

  Phase phase_at(int p) const {
    const int L = net_.depth();
    if (p < L) return {PhaseKind::forward, p};
    if (p == L) return {PhaseKind::loss, -1};
    if (p <= 2 * L) return {PhaseKind::backward, 2 * L - p};
    return {PhaseKind::update, p - 2 * L - 1};
  }

  // Picks the batch's samples: Keras shuffles the sample order at the start of every epoch.
  void begin_batch() {
    const long n = train_size();
    if (static_cast<long>(order_.size()) != n) {  // a new epoch (restart_epoch clears it)
      order_.resize(static_cast<std::size_t>(n));
      std::iota(order_.begin(), order_.end(), 0L);
      if (shuffle_) rng_.shuffle(order_);
    }
    const long first = batch_in_epoch_ * batch_size_;
    const long count = std::min<long>(batch_size_, n - first);
    batch_indices_.assign(order_.begin() + first, order_.begin() + first + count);
    if (batch_x_.cols() != count) {
      batch_x_.resize(train_x_.rows(), count);
      batch_y_.resize(train_y_.rows(), count);
    }
    for (long j = 0; j < count; ++j) {
      batch_x_.col(j) = train_x_.col(batch_indices_[static_cast<std::size_t>(j)]);
      batch_y_.col(j) = train_y_.col(batch_indices_[static_cast<std::size_t>(j)]);
    }
  }

  void run_phase(Phase p) {
    switch (p.kind) {
      case PhaseKind::forward: net_.forward_layer(p.layer, batch_x_, {true, &rng_, false}); break;
      case PhaseKind::loss: net_.compute_loss_and_output_gradient(batch_y_); break;
      case PhaseKind::backward: net_.backward_layer(p.layer, skip_input_gradient_ <= 0); break;
      case PhaseKind::update: update_layer(p.layer); break;
      case PhaseKind::none: break;
    }
  }

  void update_layer(int l) { optimizer_.update(net_.at(l), l); }

  void end_batch() {
    optimizer_.end_step();
    path_.record(net_);
    if (skip_input_gradient_ > 0) --skip_input_gradient_;
    const LossResult<S>& r = net_.last_loss();
    const Layer<S>& out = net_.at(net_.depth() - 1);
    const double B = static_cast<double>(batch_indices_.size());
    epoch_loss_sum_ += static_cast<double>(r.batch_loss) * B;
    epoch_correct_ += correct_count(out.output(), batch_y_);
    epoch_seen_ += static_cast<long>(B);
    phase_ = 0;
    if (++batch_in_epoch_ == batches_per_epoch()) end_epoch();
  }

  void end_epoch() {
    EpochRecord rec;
    rec.epoch = epoch_ + 1;
    rec.loss = epoch_loss_sum_ / static_cast<double>(epoch_seen_);
    rec.accuracy = epoch_correct_ / static_cast<double>(epoch_seen_);
    if (test_size() > 0) {
      const Evaluation e = evaluate(test_x_, test_y_);
      rec.val_loss = e.loss;
      rec.val_accuracy = e.accuracy;
    }
    history_.push_back(rec);
    ++epoch_;
    const Phase last = last_phase_;
    restart_epoch();
    last_phase_ = last;
  }

  Network<S> net_;
  OptimizerSlots<S> optimizer_;

  Random rng_;
  std::uint32_t seed_ = 42;
  int batch_size_ = 32;
  bool shuffle_ = true;
  Matrix<S> train_x_, train_y_, test_x_, test_y_;

  long epoch_ = 0, batch_in_epoch_ = 0;
  long epochs_before_ = 0;
  int phase_ = 0;
  Phase last_phase_;
  std::vector<long> order_, batch_indices_;
  Matrix<S> batch_x_, batch_y_;
  double epoch_loss_sum_ = 0, epoch_correct_ = 0;
  long epoch_seen_ = 0;
  std::vector<EpochRecord> history_;
  WeightPath<S> path_;
  std::int64_t skip_input_gradient_ = 0;  // batches still to run without dL/dx (train_epochs)
};

}  // namespace neurostep
