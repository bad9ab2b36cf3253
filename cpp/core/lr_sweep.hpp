#pragma once
// The learning-rate range test (L. N. Smith, "Cyclical Learning Rates for Training Neural
// Networks", 2017; fast.ai's lr_find): from the current weights, for each of `count` rates on a
// log scale from `low` to `high`,
//   r_i = exp(ln low + (ln high - ln low) i / (count - 1)),
// a copy of the trainer takes `steps` batches at r_i (the same batches for every rate: each copy
// starts with the same cursor and random stream), and the training loss after them is kept.
// Too small a rate barely moves the loss, a good one lowers it most, too large a one makes it
// grow: a rate diverged when its loss is not finite or ends above 4 times the starting loss
// (lr_find's stopping rule). The trainer itself is never changed.
#include <cmath>
#include <vector>

#include "core/deterministic_math.hpp"
#include "core/trainer.hpp"
#include "core/work_limits.hpp"

namespace neurostep {

struct SweepOptions {
  double low = 1e-5, high = 1;
  int count = 25;
  int steps = 10;
};

struct LrSweep {
  double start_loss = 0;          // the training loss of the current weights
  std::vector<double> rates, losses;
  std::vector<bool> diverged;
  int best = -1;                  // the rate with the lowest loss that did not diverge, or -1
};

namespace sweep_limits {
constexpr int max_count = 100;
constexpr int max_steps = 1000;
constexpr double divergence_factor = 4;
}  // namespace sweep_limits

template <typename S>
void check_sweep(const Trainer<S>& t, const SweepOptions& o) {
  if (!(std::isfinite(o.low) && o.low > 0 && std::isfinite(o.high) && o.high > o.low && o.high <= limits::max_learning_rate))
    fail_with("landscape.sweep_range", "learning-rate sweep: the rates must satisfy 0 < low < high <= {most}, got low {low} "
              "and high {high}", {arg("most", limits::max_learning_rate), arg("low", exact(o.low)), arg("high", exact(o.high))});
  if (o.count < 2 || o.count > sweep_limits::max_count)
    fail_with("landscape.sweep_count", "learning-rate sweep: the number of rates must be from 2 to {most}, got {count}",
              {arg("most", sweep_limits::max_count), arg("count", o.count)});
  if (o.steps < 1 || o.steps > sweep_limits::max_steps)
    fail_with("landscape.sweep_steps", "learning-rate sweep: the steps per rate must be from 1 to {most}, got {steps}",
              {arg("most", sweep_limits::max_steps), arg("steps", o.steps)});
  if (t.train_size() == 0) fail_with("trainer.no_data", "no training data: set a dataset first", {});
  // Each rate: `steps` training steps (about 3 passes each) and one evaluation of the data.
  const WorkShape w = work_shape(t.network().spec());
  const double per_rate = w.multiply_adds * (3.0 * o.steps * rows_per_step(t.batch_size(), t.train_size()) + t.train_size());
  const double work = per_rate * o.count;
  if (work > limits::max_multiply_adds_per_call) {
    const double fit = std::floor(limits::max_multiply_adds_per_call / per_rate);
    fail_with("landscape.sweep_too_long", "learning-rate sweep: {count} rates of {steps} steps is {work} multiply-adds, more "
              "than the limit of {limit} for one call; try at most {most} rates, or fewer steps, or a smaller batch size",
              {arg("count", o.count), arg("steps", o.steps), arg("work", work_detail::count(work)),
               arg("limit", work_detail::count(limits::max_multiply_adds_per_call)), arg("most", work_detail::count(fit))});
  }
}

template <typename S>
LrSweep lr_sweep(const Trainer<S>& t, const SweepOptions& o) {
  check_sweep(t, o);
  LrSweep s;
  s.start_loss = t.evaluate(t.train_x(), t.train_y()).loss;
  const double log_low = det::log(o.low), log_high = det::log(o.high);
  for (int i = 0; i < o.count; ++i) {
    // The ends exactly as given (exp(ln x) may differ from x in the last bit).
    const double r = i == 0 ? o.low : i == o.count - 1 ? o.high
                                     : det::exp(log_low + (log_high - log_low) * i / (o.count - 1));
    Trainer<S> run = t;
    run.set_learning_rate(r);
    bool finite = true;
    for (int k = 0; k < o.steps && finite; ++k) {
      run.step_batch();
      finite = std::isfinite(static_cast<double>(run.last_loss().batch_loss));
    }
    const double loss = finite ? run.evaluate(run.train_x(), run.train_y()).loss : std::numeric_limits<double>::infinity();
    const bool diverged = !std::isfinite(loss) || run.diverged() || loss > sweep_limits::divergence_factor * s.start_loss;
    s.rates.push_back(r);
    s.losses.push_back(loss);
    s.diverged.push_back(diverged);
    if (!diverged && (s.best < 0 || loss < s.losses[static_cast<std::size_t>(s.best)])) s.best = i;
  }
  return s;
}

}  // namespace neurostep
