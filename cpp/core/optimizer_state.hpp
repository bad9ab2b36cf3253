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
// layer and each of its slots (slot_names order), the kernel's slot shaped like W and the
// bias's slot shaped like b.
struct OptimizerState {
  long iterations = 0;
  std::vector<std::vector<LayerWeights>> slots;  // [layer][slot]
};

// The state fits the network and the optimizer: a slot per name the optimizer keeps, each shaped
// like W and b, finite, within S's range, and none negative in a slot of squared gradients.
template <typename S>
void check_optimizer_state(const Network<S>& net, const OptimizerConfig& optimizer, const OptimizerState& state) {
  const std::vector<std::string> names = slot_names(optimizer);
  require(state.iterations >= 0 && state.iterations <= limits::max_iterations,
          "the optimizer's step count must be in [0, ", limits::max_iterations, "], got ", state.iterations);
  require(static_cast<int>(state.slots.size()) == net.depth(), "the optimizer state has ",
          state.slots.size(), " layers but the network has ", net.depth());
  for (int l = 0; l < net.depth(); ++l) {
    const auto& per_slot = state.slots[static_cast<std::size_t>(l)];
    const DenseLayer<S>& L = net.layer(l);
    require(per_slot.size() == names.size(), "layer ", l + 1, ": the optimizer state has ",
            per_slot.size(), " slots but ", name_of(optimizer.kind), " keeps ", names.size(),
            names.empty() ? "" : " (" + join(names) + ")");
    for (std::size_t k = 0; k < names.size(); ++k) {
      const LayerWeights& w = per_slot[k];
      require(w.W.rows() == L.W.rows() && w.W.cols() == L.W.cols() && w.b.size() == L.b.size(),
              "layer ", l + 1, ": the optimizer's ", names[k], " must be ", L.W.rows(), " x ",
              L.W.cols(), " and ", L.b.size(), " (like W and b), got ", w.W.rows(), " x ",
              w.W.cols(), " and ", w.b.size());
      const bool squared = slot_is_squared(names[k]);
      const auto fits = [&](double v) {
        return std::isfinite(v) && std::fabs(v) <= largest_value<S>() && (!squared || v >= 0.0);
      };
      require(w.W.unaryExpr(fits).all() && w.b.unaryExpr(fits).all(), "layer ", l + 1,
              ": the optimizer's ", names[k], " must hold finite ", dtype_name<S>(), " numbers",
              squared ? ", none negative (it sums squared gradients)" : "");
    }
  }
}

}  // namespace neurostep
