#pragma once
// The optimizer's running state for one network: its configuration, each trained weight's slots
// (Adam's m and v, ...), the step count, and the update of one layer. The Trainer holds one and
// calls update() in each layer's update phase; like the Trainer it is a value.
#include <string>
#include <vector>

#include "core/network.hpp"
#include "core/optimizer.hpp"
#include "core/optimizer_state.hpp"

namespace neurostep {

template <typename S>
class OptimizerSlots {
 public:
  explicit OptimizerSlots(const OptimizerConfig& config = {}) : config_(config) {}

  const OptimizerConfig& config() const { return config_; }
  long iterations() const { return iterations_; }
  StepScalars last_step_scalars() const { return last_scalars_; }
  std::vector<std::string> slot_names() const { return neurostep::slot_names(config_); }

  // Changing hyperparameters keeps the state; changing the kind of optimizer (or switching
  // momentum/amsgrad on or off, which changes its slots) starts it afresh.
  void configure(const OptimizerConfig& config, const Network<S>& net) {
    validate(config);
    const bool same_slots = config.kind == config_.kind && neurostep::slot_names(config) == slot_names();
    config_ = config;
    if (!same_slots) reset(net);
  }

  // Fresh slots for every trained weight of every layer; the step count starts at 0.
  void reset(const Network<S>& net) {
    slots_.clear();
    for (int l = 0; l < net.depth(); ++l) {
      std::vector<std::vector<FlatArray<S>>> per_param;
      for (const auto& p : trained(net.at(l).params())) per_param.push_back(initial_slots<S>(config_, p.size()));
      slots_.push_back(std::move(per_param));
    }
    iterations_ = 0;
    last_scalars_ = StepScalars{};
  }

  // Slots of layer l's trained weight `param` (Dense: 0 kernel, 1 bias), flattened column-major.
  const std::vector<FlatArray<S>>& slots(int l, int param) const {
    const auto& per_param = slots_.at(static_cast<std::size_t>(l));
    require(param >= 0 && param < static_cast<int>(per_param.size()), "param must be in [0, ",
            per_param.size(), ") for ", layer_label(l), ", got ", param);
    return per_param[static_cast<std::size_t>(param)];
  }

  // w <- w + delta for each trained weight of layer l, delta from the optimizer's formula, then
  // the weight's constraint (delta then holds the change the constraint left).
  void update(Layer<S>& layer, int l) {
    auto& per_param = slots_[static_cast<std::size_t>(l)];
    if (last_scalars_.t != iterations_ + 1) last_scalars_ = step_scalars(config_, iterations_);
    const auto params = trained(layer.params());
    for (std::size_t k = 0; k < params.size(); ++k) {
      const ParamRef<S>& p = params[k];
      if (!p.used) continue;
      Eigen::Map<FlatArray<S>> value(p.value, p.size()), delta(p.delta, p.size());
      const bool constrained = p.constraint && p.constraint->active();
      const FlatArray<S> before = constrained ? FlatArray<S>(value) : FlatArray<S>();
      optimizer_update<S>(config_, last_scalars_, per_param[k], Eigen::Map<const FlatArray<S>>(p.grad, p.size()), delta);
      value += delta;
      if (constrained) {
        auto m = p.matrix();
        apply_constraint(*p.constraint, m, std::string(p.name) == "kernel");
        delta = value - before;
      }
    }
  }

  void end_step() { ++iterations_; }

  // All of the state, for a model file.
  OptimizerState state(const Network<S>& net) const {
    OptimizerState state;
    state.iterations = iterations_;
    const std::size_t n_slots = slot_names().size();
    for (int l = 0; l < net.depth(); ++l) {
      const auto& per_param = slots_[static_cast<std::size_t>(l)];
      std::vector<LayerWeights> per_slot(n_slots);
      for (std::size_t k = 0; k < n_slots; ++k) {
        if (const auto* d = net.at(l).template as<DenseLayer<S>>()) {
          per_slot[k].W = Eigen::Map<const Matrix<S>>(per_param[0][k].data(), d->W.rows(), d->W.cols()).template cast<double>();
          per_slot[k].b = per_param[1][k].matrix().template cast<double>();
        } else {
          for (const auto& slots : per_param) per_slot[k].vectors.push_back(slots[k].matrix().template cast<double>());
        }
      }
      state.slots.push_back(std::move(per_slot));
    }
    return state;
  }

  // Takes over a state (a loaded model's): all of it is checked before any is used.
  void set_state(const Network<S>& net, const OptimizerState& state) {
    check_optimizer_state(net, config_, state);
    const std::size_t n_slots = slot_names().size();
    for (int l = 0; l < net.depth(); ++l) {
      auto& per_param = slots_[static_cast<std::size_t>(l)];
      const auto& per_slot = state.slots[static_cast<std::size_t>(l)];
      for (std::size_t k = 0; k < n_slots; ++k) {
        const LayerWeights& w = per_slot[k];
        if (net.at(l).template as<DenseLayer<S>>()) {
          per_param[0][k] = Eigen::Map<const Eigen::ArrayXd>(w.W.data(), w.W.size()).template cast<S>();
          per_param[1][k] = w.b.array().template cast<S>();
        } else {
          for (std::size_t p = 0; p < per_param.size(); ++p) per_param[p][k] = w.vectors[p].array().template cast<S>();
        }
      }
    }
    iterations_ = state.iterations;
    last_scalars_ = StepScalars{};
  }

 private:
  OptimizerConfig config_;
  std::vector<std::vector<std::vector<FlatArray<S>>>> slots_;  // [layer][trained weight][slot]
  long iterations_ = 0;
  StepScalars last_scalars_;
};

}  // namespace neurostep
