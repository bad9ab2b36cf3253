#pragma once
// Optimizers with Keras 3's defaults and update formulas. Each parameter tensor (a layer's
// kernel or bias) has its own slots (Adam's m and v, ...); `update` computes the change
// delta = w_new - w_old from the gradient g, which the caller adds to the weights.
// The step number t = iterations + 1 is shared by all tensors of one training step.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/names.hpp"
#include "core/tensor.hpp"

namespace neurostep {

enum class OptimizerKind { sgd, adam, rmsprop, adagrad };

inline const NameTable<OptimizerKind>& optimizer_names() {
  static const NameTable<OptimizerKind> table = {{"sgd", OptimizerKind::sgd},
                                                 {"adam", OptimizerKind::adam},
                                                 {"rmsprop", OptimizerKind::rmsprop},
                                                 {"adagrad", OptimizerKind::adagrad}};
  return table;
}
inline OptimizerKind optimizer_from_name(const std::string& name) {
  return from_name(optimizer_names(), name, "optimizer");
}
inline std::string name_of(OptimizerKind k) { return to_name(optimizer_names(), k); }

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::adam;
  double learning_rate = 0.001;
  double momentum = 0.0;        // sgd, rmsprop
  bool nesterov = false;        // sgd
  double beta_1 = 0.9;          // adam
  double beta_2 = 0.999;        // adam
  bool amsgrad = false;         // adam
  double rho = 0.9;             // rmsprop
  double initial_accumulator_value = 0.1;  // adagrad
  double epsilon = 1e-7;        // adam, rmsprop, adagrad
};

// Keras's defaults for each optimizer (only SGD's learning rate differs: 0.01).
inline OptimizerConfig default_optimizer(OptimizerKind kind) {
  OptimizerConfig c;
  c.kind = kind;
  c.learning_rate = kind == OptimizerKind::sgd ? 0.01 : 0.001;
  return c;
}

inline void validate(const OptimizerConfig& c) {
  const auto in_unit = [](double x) { return x >= 0.0 && x < 1.0; };
  if (!(std::isfinite(c.learning_rate) && c.learning_rate > 0.0))
    fail_with("optimizer.learning_rate", "learning_rate must be a positive number, got {value}", {arg("value", c.learning_rate)});
  if (c.learning_rate > limits::max_learning_rate)
    fail_with("optimizer.learning_rate_limit", "learning_rate {value} is larger than the limit {max}",
              {arg("value", c.learning_rate), arg("max", limits::max_learning_rate)});
  const std::pair<const char*, double> unit_settings[] = {{"momentum", c.momentum}, {"beta_1", c.beta_1}, {"beta_2", c.beta_2}, {"rho", c.rho}};
  for (const auto& [name, value] : unit_settings)
    if (!in_unit(value)) fail_with("optimizer.unit_range", "{name} must be in [0, 1), got {value}", {arg("name", name), arg("value", value)});
  if (!(std::isfinite(c.epsilon) && c.epsilon > 0.0 && c.epsilon <= 1.0))
    fail_with("optimizer.epsilon", "epsilon must be in (0, 1], got {value}", {arg("value", c.epsilon)});
  if (!(std::isfinite(c.initial_accumulator_value) && c.initial_accumulator_value >= 0.0))
    fail_with("optimizer.initial_accumulator", "initial_accumulator_value must be >= 0, got {value}", {arg("value", c.initial_accumulator_value)});
}

// Names of the per-tensor slots, in the order `update` keeps them.
inline std::vector<std::string> slot_names(const OptimizerConfig& c) {
  switch (c.kind) {
    case OptimizerKind::sgd:
      return c.momentum > 0 ? std::vector<std::string>{"momentum"} : std::vector<std::string>{};
    case OptimizerKind::adam:
      return c.amsgrad ? std::vector<std::string>{"m", "v", "v_hat"}
                       : std::vector<std::string>{"m", "v"};
    case OptimizerKind::rmsprop:
      return c.momentum > 0 ? std::vector<std::string>{"velocity", "momentum"}
                            : std::vector<std::string>{"velocity"};
    case OptimizerKind::adagrad: return {"accumulator"};
  }
  return {};
}

// Slots that hold a sum or running mean of squared gradients, whose square root the update
// takes: they are never negative.
inline bool slot_is_squared(const std::string& name) {
  return name == "v" || name == "v_hat" || name == "velocity" || name == "accumulator";
}

// Slot values before the first step (Adagrad starts from initial_accumulator_value).
template <typename S>
std::vector<FlatArray<S>> initial_slots(const OptimizerConfig& c, Eigen::Index size) {
  std::vector<FlatArray<S>> slots;
  const S start = c.kind == OptimizerKind::adagrad ? S(c.initial_accumulator_value) : S(0);
  for (std::size_t i = 0; i < slot_names(c).size(); ++i)
    slots.push_back(FlatArray<S>::Constant(size, start));
  return slots;
}

// Scalars of the current step that the update formulas use, for the teaching view.
struct StepScalars {
  long t = 0;           // step number, from 1
  double alpha = 0.0;   // Adam: lr sqrt(1 - beta_2^t) / (1 - beta_1^t); others: lr
};

inline StepScalars step_scalars(const OptimizerConfig& c, long iterations) {
  StepScalars s;
  s.t = iterations + 1;
  s.alpha = c.learning_rate;
  if (c.kind == OptimizerKind::adam) {
    const double t = static_cast<double>(s.t);
    s.alpha = c.learning_rate * std::sqrt(1.0 - std::pow(c.beta_2, t)) / (1.0 - std::pow(c.beta_1, t));
  }
  return s;
}

// delta = w_new - w_old for one tensor with gradient g, updating its slots. `step` holds the
// scalars of this step (computed once per step by step_scalars, not once per tensor).
template <typename S>
void optimizer_update(const OptimizerConfig& c, const StepScalars& step, std::vector<FlatArray<S>>& slots,
                      const Eigen::Ref<const FlatArray<S>>& g, Eigen::Ref<FlatArray<S>> delta) {
  const S lr = S(c.learning_rate), eps = S(c.epsilon);
  switch (c.kind) {
    case OptimizerKind::sgd:
      if (c.momentum > 0) {
        // m <- momentum m - lr g;  w <- w + m  (nesterov: w <- w + momentum m - lr g)
        FlatArray<S>& m = slots[0];
        m = S(c.momentum) * m - lr * g;
        if (c.nesterov) delta = S(c.momentum) * m - lr * g;
        else delta = m;
      } else {
        delta = -lr * g;  // w <- w - lr dL/dw
      }
      break;
    case OptimizerKind::adam: {
      // m <- m + (1 - beta_1)(g - m);  v <- v + (1 - beta_2)(g^2 - v)
      // w <- w - alpha m / (sqrt(v) + eps),  alpha = lr sqrt(1 - beta_2^t) / (1 - beta_1^t)
      // (Keras folds both bias corrections into alpha; eps is the paper's "epsilon hat").
      const S alpha = S(step.alpha);
      FlatArray<S>& m = slots[0];
      FlatArray<S>& v = slots[1];
      m += (g - m) * S(1 - c.beta_1);
      v += (g.square() - v) * S(1 - c.beta_2);
      if (c.amsgrad) {
        FlatArray<S>& v_hat = slots[2];  // v_hat <- max(v_hat, v), used in place of v
        v_hat = v_hat.max(v);
        delta = -alpha * m / (v_hat.sqrt() + eps);
      } else {
        delta = -alpha * m / (v.sqrt() + eps);
      }
      break;
    }
    case OptimizerKind::rmsprop: {
      // velocity <- rho velocity + (1 - rho) g^2;  increment = lr g / sqrt(velocity + eps)
      // w <- w - increment  (momentum: mom <- momentum mom + increment; w <- w - mom)
      FlatArray<S>& velocity = slots[0];
      velocity = S(c.rho) * velocity + S(1 - c.rho) * g.square();
      if (c.momentum > 0) {
        FlatArray<S>& mom = slots[1];
        mom = S(c.momentum) * mom + lr * g / (velocity + eps).sqrt();
        delta = -mom;
      } else {
        delta = -lr * g / (velocity + eps).sqrt();
      }
      break;
    }
    case OptimizerKind::adagrad: {
      // accumulator <- accumulator + g^2;  w <- w - lr g / sqrt(accumulator + eps)
      FlatArray<S>& acc = slots[0];
      acc += g.square();
      delta = -lr * g / (acc + eps).sqrt();
      break;
    }
  }
}

}  // namespace neurostep
