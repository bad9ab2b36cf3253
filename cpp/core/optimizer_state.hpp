#pragma once
// The optimizer's state as a model file keeps it, and the checks a trainer makes before it takes
// one (Trainer::set_optimizer_state).
#include <cmath>
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "core/network.hpp"
#include "core/optimizer.hpp"
#include "core/tensor.hpp"

namespace neurostep {

// The optimizer's state in doubles, as a model file keeps it: its step count and, for each
// layer and each of its slots (slot_names order), the slot of each trained weight: a Dense
// layer's kernel slot shaped like W and bias slot shaped like b; another kind's in `vectors`,
// one per trained weight (gamma, beta; alpha). Layers without trained weights have empty slots.
struct OptimizerState {
  long iterations = 0;
  std::vector<std::vector<LayerWeights>> slots;  // [layer][slot]
};

// The state fits the network and the optimizer: a slot per name the optimizer keeps, each shaped
// like its weight, finite, within S's range, and none negative in a slot of squared gradients.
template <typename S>
void check_optimizer_state(const Network<S>& net, const OptimizerConfig& optimizer, const OptimizerState& state) {
  const std::vector<std::string> names = slot_names(optimizer);
  if (!(state.iterations >= 0 && state.iterations <= limits::max_iterations))
    fail_with("state.iterations", "the optimizer's step count must be in [0, {max}], got {value}",
              {arg("max", limits::max_iterations), arg("value", state.iterations)});
  if (static_cast<int>(state.slots.size()) != net.depth())
    fail_with("state.layers", "the optimizer state has {count} layers but the network has {depth}",
              {arg("count", state.slots.size()), arg("depth", net.depth())});
  for (int l = 0; l < net.depth(); ++l) {
    const auto& per_slot = state.slots[static_cast<std::size_t>(l)];
    const std::string at = layer_label(l);
    if (per_slot.size() != names.size()) {
      const std::vector<MessageArg> args = {arg("layer", at), arg("count", per_slot.size()), arg("optimizer", name_of(optimizer.kind)),
                                            arg("keeps", names.size()), arg("names", join(names))};
      if (names.empty()) fail_with("state.slot_count_none", "{layer}: the optimizer state has {count} slots but {optimizer} keeps {keeps}", args);
      fail_with("state.slot_count", "{layer}: the optimizer state has {count} slots but {optimizer} keeps {keeps} ({names})", args);
    }
    const auto fits_range = [&](const std::string& name) {
      const bool squared = slot_is_squared(name);
      return [squared](double v) {
        return std::isfinite(v) && std::fabs(v) <= largest_value<S>() && (!squared || v >= 0.0);
      };
    };
    const auto refuse = [&](const std::string& name) {
      const std::vector<MessageArg> args = {arg("layer", at), arg("slot", name), arg("dtype", dtype_name<S>())};
      if (slot_is_squared(name))
        fail_with("state.squared_values", "{layer}: the optimizer's {slot} must hold finite {dtype} numbers, none negative (it sums squared gradients)", args);
      fail_with("state.values", "{layer}: the optimizer's {slot} must hold finite {dtype} numbers", args);
    };
    if (const auto* L = net.at(l).template as<DenseLayer<S>>()) {
      for (std::size_t k = 0; k < names.size(); ++k) {
        const LayerWeights& w = per_slot[k];
        if (!(w.W.rows() == L->W.rows() && w.W.cols() == L->W.cols() && w.b.size() == L->b.size()))
          fail_with("state.dense_shape", "{layer}: the optimizer's {slot} must be {rows} x {cols} and {units} (like W and b), got {got_rows} x {got_cols} and {got_units}",
                    {arg("layer", at), arg("slot", names[k]), arg("rows", L->W.rows()), arg("cols", L->W.cols()), arg("units", L->b.size()),
                     arg("got_rows", w.W.rows()), arg("got_cols", w.W.cols()), arg("got_units", w.b.size())});
        const auto fits = fits_range(names[k]);
        if (!(w.W.unaryExpr(fits).all() && w.b.unaryExpr(fits).all())) refuse(names[k]);
      }
      continue;
    }
    const auto params = trained(net.at(l).params());
    for (std::size_t k = 0; k < names.size(); ++k) {
      const LayerWeights& w = per_slot[k];
      if (w.vectors.size() != params.size())
        fail_with("state.entries", "{layer}: the optimizer's {slot} has {count} entries but the layer trains {weights} weights",
                  {arg("layer", at), arg("slot", names[k]), arg("count", w.vectors.size()), arg("weights", params.size())});
      for (std::size_t p = 0; p < params.size(); ++p) {
        if (w.vectors[p].size() != params[p].size())
          fail_with("state.vector_size", "{layer}: the optimizer's {slot} of {name} must have {size} values, got {got}",
                    {arg("layer", at), arg("slot", names[k]), arg("name", params[p].name), arg("size", params[p].size()), arg("got", w.vectors[p].size())});
        if (!w.vectors[p].unaryExpr(fits_range(names[k])).all()) refuse(names[k]);
      }
    }
  }
}

}  // namespace neurostep
