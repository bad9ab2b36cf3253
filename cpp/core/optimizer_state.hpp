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
  require(state.iterations >= 0 && state.iterations <= limits::max_iterations,
          "the optimizer's step count must be in [0, ", limits::max_iterations, "], got ", state.iterations);
  require(static_cast<int>(state.slots.size()) == net.depth(), "the optimizer state has ",
          state.slots.size(), " layers but the network has ", net.depth());
  for (int l = 0; l < net.depth(); ++l) {
    const auto& per_slot = state.slots[static_cast<std::size_t>(l)];
    const std::string at = layer_label(l);
    require(per_slot.size() == names.size(), at, ": the optimizer state has ",
            per_slot.size(), " slots but ", name_of(optimizer.kind), " keeps ", names.size(),
            names.empty() ? "" : " (" + join(names) + ")");
    const auto fits_range = [&](const std::string& name) {
      const bool squared = slot_is_squared(name);
      return [squared](double v) {
        return std::isfinite(v) && std::fabs(v) <= largest_value<S>() && (!squared || v >= 0.0);
      };
    };
    const auto refuse = [&](const std::string& name) {
      fail(at, ": the optimizer's ", name, " must hold finite ", dtype_name<S>(), " numbers",
           slot_is_squared(name) ? ", none negative (it sums squared gradients)" : "");
    };
    if (const auto* L = net.at(l).template as<DenseLayer<S>>()) {
      for (std::size_t k = 0; k < names.size(); ++k) {
        const LayerWeights& w = per_slot[k];
        require(w.W.rows() == L->W.rows() && w.W.cols() == L->W.cols() && w.b.size() == L->b.size(),
                at, ": the optimizer's ", names[k], " must be ", L->W.rows(), " x ",
                L->W.cols(), " and ", L->b.size(), " (like W and b), got ", w.W.rows(), " x ",
                w.W.cols(), " and ", w.b.size());
        const auto fits = fits_range(names[k]);
        if (!(w.W.unaryExpr(fits).all() && w.b.unaryExpr(fits).all())) refuse(names[k]);
      }
      continue;
    }
    const auto params = trained(net.at(l).params());
    for (std::size_t k = 0; k < names.size(); ++k) {
      const LayerWeights& w = per_slot[k];
      require(w.vectors.size() == params.size(), at, ": the optimizer's ", names[k], " has ", w.vectors.size(),
              " entries but the layer trains ", params.size(), " weights");
      for (std::size_t p = 0; p < params.size(); ++p) {
        require(w.vectors[p].size() == params[p].size(), at, ": the optimizer's ", names[k], " of ",
                params[p].name, " must have ", params[p].size(), " values, got ", w.vectors[p].size());
        if (!w.vectors[p].unaryExpr(fits_range(names[k])).all()) refuse(names[k]);
      }
    }
  }
}

}  // namespace neurostep
