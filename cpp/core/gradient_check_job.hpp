#pragma once
// A gradient check whose cost is bounded however large the network, run as a job in slices so
// that its caller (the page's worker, the command line) can show progress, answer messages
// between slices and cancel.
//
// Exact up to a budget of forward passes: every parameter w gets gradient_check.hpp's
// fourth-order central difference (4 forward passes, error O(h^4))
//   dL/dw ~ [-L(w + 2h) + 8 L(w + h) - 8 L(w - h) + L(w - 2h)] / (12 h).
// When 4 x (parameters) passes would exceed the budget, the check is a stated sample instead:
//   - per layer, the weights with the largest |dL/dw| (where a wrong gradient matters most) and
//     a seeded random sample of the others, each by the same difference quotient;
//   - per layer, seeded random directions d (|d| = 1 over the layer's parameters), each by the
//     central difference along d (2 forward passes, error O(h^2)):
//       g . d ~ [L(w + h d) - L(w - h d)] / (2 h),
//     which involves every parameter of the layer at once: a wrong gradient anywhere in it
//     changes g . d.
// The report (gradient_check_report.hpp) says exactly what was checked: counts per layer and
// tensor, directions, errors.
//
// The job knows the parameters only as flat views (a pointer and a size per tensor, named, with
// the layer it belongs to), their backpropagation gradients, and a callable giving the batch's
// loss at the current values, so any kind of layer adapts to it (gradient_check_network.hpp
// adapts a Network). It perturbs values in place and puts each back bit for bit before the next.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/gradient_check_report.hpp"
#include "core/random.hpp"

namespace neurostep {

template <typename S>
class GradientCheckJob {
 public:
  // A million passes is hours of work on a large network; it also bounds the report (an exact
  // check lists every weight: at most 250,000 of them).
  static constexpr long max_budget = 1'000'000;

  GradientCheckJob(CheckSubject<S> subject, const GradientCheckOptions& options)
      : s_(std::move(subject)), directions_rng_(options.seed ^ 0x9E3779B9u) {
    require(static_cast<bool>(s_.loss), "gradient check: no loss to differentiate");
    for (const auto& t : s_.tensors) {
      require(t.values != nullptr || t.size() == 0, "gradient check: tensor ", t.name, " has no values");
      require(static_cast<long>(t.gradient.size()) == t.size(), "gradient check: tensor ", t.name, " has ",
              t.size(), " values but ", t.gradient.size(), " gradients");
      layer_count_ = std::max(layer_count_, t.layer + 1);
    }
    if (!(options.directions_per_layer >= 1 && options.directions_per_layer <= 1000))
      fail_with("gradient_check.directions", "gradient check: directions per layer must be in [1, 1000], got {value}",
                {arg("value", options.directions_per_layer)});
    if (!(options.budget >= 6L * layer_count_ && options.budget <= max_budget))
      fail_with("gradient_check.budget", "gradient check: a budget of {budget} forward passes is outside [{min}, {max}] for {layers} "
                "layers (at least one weight and one direction per layer)",
                {arg("budget", options.budget), arg("min", 6L * layer_count_), arg("max", max_budget), arg("layers", layer_count_)});
    r_.budget = options.budget;
    r_.seed = options.seed;
    r_.h = sizeof(S) == sizeof(double) ? 1e-4 : 1e-2;
    r_.direction_h = sizeof(S) == sizeof(double) ? 1e-5 : 1e-2;
    r_.layers.resize(static_cast<std::size_t>(layer_count_));
    whole_.assign(static_cast<std::size_t>(layer_count_), false);
    for (int l = 0; l < layer_count_; ++l) r_.layers[static_cast<std::size_t>(l)].layer = l;
    for (const auto& t : s_.tensors) {
      r_.tensors.push_back({t.name, t.layer, t.rows, t.size(), 0, 0});
      r_.parameters += t.size();
      r_.layers[static_cast<std::size_t>(t.layer)].parameters += t.size();
    }
    r_.exact = 4 * r_.parameters <= options.budget;
    plan(options);
    progress_.total = 4 * static_cast<long>(plan_.size()) + 2 * static_cast<long>(direction_plan_.size());
  }

  // Runs whole checks (4 passes for a weight, 2 for a direction) until the job is done, or the
  // next would pass `max_forward_passes` in this call, or `max_seconds` have passed; at least one.
  JobProgress run_for(long max_forward_passes, double max_seconds = std::numeric_limits<double>::infinity()) {
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    long used = 0;
    while (!progress_.finished()) {
      const long cost = next_ < plan_.size() ? 4 : 2;
      if (used > 0 && (used + cost > max_forward_passes || elapsed() >= max_seconds)) break;
      if (next_ < plan_.size()) check_entry(plan_[next_]);
      else check_direction(direction_plan_[next_ - plan_.size()]);
      ++next_;
      used += cost;
      progress_.done += cost;
      r_.forward_passes = progress_.done;
    }
    return progress_;
  }

  JobProgress progress() const { return progress_; }
  // What has been checked so far; all of it once progress().finished().
  const GradientCheckReport& report() const { return r_; }

 private:
  struct Planned {
    int tensor;
    long index;
    bool largest;
  };

  // Which weights and directions: everything when exact; otherwise the directions take up to
  // half of the budget and the weights share the rest, each layer as many as the others where
  // it has that many (the smaller layers' spare share goes to the larger ones).
  void plan(const GradientCheckOptions& options) {
    if (r_.exact) {
      for (int t = 0; t < static_cast<int>(s_.tensors.size()); ++t)
        for (long i = 0; i < s_.tensors[static_cast<std::size_t>(t)].size(); ++i) plan_.push_back({t, i, false});
      return;
    }
    const long L = layer_count_;
    const long directions = std::max(1L, std::min<long>(options.directions_per_layer, options.budget / 2 / (2 * L)));
    long weights = std::max(L, (options.budget - 2 * directions * L) / 4);
    std::vector<int> by_size(static_cast<std::size_t>(L));
    std::iota(by_size.begin(), by_size.end(), 0);
    std::stable_sort(by_size.begin(), by_size.end(), [&](int a, int b) { return size_of(a) < size_of(b); });
    std::vector<long> quota(static_cast<std::size_t>(L));
    for (long k = 0; k < L; ++k) {
      const int l = by_size[static_cast<std::size_t>(k)];
      quota[static_cast<std::size_t>(l)] = std::min(size_of(l), weights / (L - k));
      weights -= quota[static_cast<std::size_t>(l)];
    }
    Random rng(options.seed);
    for (int l = 0; l < L; ++l) {
      plan_layer(l, quota[static_cast<std::size_t>(l)], rng);
      if (size_of(l) > 0)
        for (long k = 0; k < directions; ++k) direction_plan_.push_back(l);
    }
  }

  long size_of(int layer) const {
    return r_.layers[static_cast<std::size_t>(layer)].parameters;
  }

  // Half the layer's quota (rounded up) to the largest |gradient|s (ties: the first), the rest
  // drawn uniformly from the others by a partial Fisher-Yates shuffle.
  void plan_layer(int layer, long quota, Random& rng) {
    std::vector<Planned> all;
    for (int t = 0; t < static_cast<int>(s_.tensors.size()); ++t)
      if (s_.tensors[static_cast<std::size_t>(t)].layer == layer)
        for (long i = 0; i < s_.tensors[static_cast<std::size_t>(t)].size(); ++i) all.push_back({t, i, false});
    if (quota >= static_cast<long>(all.size())) {  // the whole layer: neither largest nor random
      plan_.insert(plan_.end(), all.begin(), all.end());
      whole_[static_cast<std::size_t>(layer)] = true;
      return;
    }
    const auto magnitude = [&](const Planned& p) {
      return std::fabs(s_.tensors[static_cast<std::size_t>(p.tensor)].gradient[static_cast<std::size_t>(p.index)]);
    };
    const long largest = (quota + 1) / 2;
    std::stable_sort(all.begin(), all.end(), [&](const Planned& a, const Planned& b) { return magnitude(a) > magnitude(b); });
    for (long k = 0; k < largest; ++k) all[static_cast<std::size_t>(k)].largest = true;
    for (long k = largest; k < quota; ++k) {
      const long pick = k + static_cast<long>(rng.below(static_cast<std::uint32_t>(all.size() - static_cast<std::size_t>(k))));
      std::swap(all[static_cast<std::size_t>(k)], all[static_cast<std::size_t>(pick)]);
    }
    plan_.insert(plan_.end(), all.begin(), all.begin() + quota);
  }

  void check_entry(const Planned& p) {
    ParameterTensor<S>& t = s_.tensors[static_cast<std::size_t>(p.tensor)];
    S& w = t.values[p.index];
    const S original = w;
    const double h = r_.h;
    const auto at = [&](double offset) {
      w = static_cast<S>(static_cast<double>(original) + offset);
      return s_.loss(t.layer);
    };
    // Differences first, so that a weight the loss does not depend on gives exactly 0.
    const double lp1 = at(h), lm1 = at(-h), lp2 = at(2 * h), lm2 = at(-2 * h);
    w = original;
    EntryCheck e;
    e.tensor = p.tensor;
    e.index = p.index;
    e.largest = p.largest;
    e.backprop = t.gradient[static_cast<std::size_t>(p.index)];
    e.numeric = (8 * (lp1 - lm1) - (lp2 - lm2)) / (12 * h);
    e.relative_error = gradient_relative_error(e.backprop, e.numeric);
    r_.entries.push_back(e);
    TensorCheckSummary& ts = r_.tensors[static_cast<std::size_t>(p.tensor)];
    ++ts.checked;
    ts.max_relative_error = std::max(ts.max_relative_error, e.relative_error);
    LayerCheckSummary& ls = r_.layers[static_cast<std::size_t>(t.layer)];
    ++ls.checked;
    if (!r_.exact && !whole_[static_cast<std::size_t>(t.layer)]) ++(p.largest ? ls.largest : ls.random);
    ls.max_entry_error = std::max(ls.max_entry_error, e.relative_error);
    r_.max_relative_error = std::max(r_.max_relative_error, e.relative_error);
  }

  // d is drawn with normal entries and scaled to |d| = 1. In float the perturbed values round,
  // so g . d is taken along the steps actually made: sum g_i (w_i+ - w_i-) / (2h).
  void check_direction(int layer) {
    std::vector<ParameterTensor<S>*> ts;
    for (auto& t : s_.tensors)
      if (t.layer == layer) ts.push_back(&t);
    std::vector<std::vector<double>> d;
    double norm2 = 0;
    for (const auto* t : ts) {
      d.emplace_back(static_cast<std::size_t>(t->size()));
      for (double& x : d.back()) {
        x = directions_rng_.normal();
        norm2 += x * x;
      }
    }
    const double scale = norm2 > 0 ? 1 / std::sqrt(norm2) : 0;
    const double h = r_.direction_h;
    std::vector<std::vector<S>> original, plus, minus;
    for (std::size_t k = 0; k < ts.size(); ++k) {
      const long n = ts[k]->size();
      original.emplace_back(ts[k]->values, ts[k]->values + n);
      plus.emplace_back(static_cast<std::size_t>(n));
      minus.emplace_back(static_cast<std::size_t>(n));
      for (long i = 0; i < n; ++i) {
        const double w = static_cast<double>(original[k][static_cast<std::size_t>(i)]), step = h * scale * d[k][static_cast<std::size_t>(i)];
        plus[k][static_cast<std::size_t>(i)] = static_cast<S>(w + step);
        minus[k][static_cast<std::size_t>(i)] = static_cast<S>(w - step);
      }
    }
    const auto loss_with = [&](const std::vector<std::vector<S>>& v) {
      for (std::size_t k = 0; k < ts.size(); ++k) std::copy(v[k].begin(), v[k].end(), ts[k]->values);
      return s_.loss(layer);
    };
    const double lp = loss_with(plus), lm = loss_with(minus);
    for (std::size_t k = 0; k < ts.size(); ++k) std::copy(original[k].begin(), original[k].end(), ts[k]->values);
    DirectionCheck c;
    c.layer = layer;
    for (std::size_t k = 0; k < ts.size(); ++k)
      for (std::size_t i = 0; i < plus[k].size(); ++i)
        c.backprop += ts[k]->gradient[i] * (static_cast<double>(plus[k][i]) - static_cast<double>(minus[k][i])) / (2 * h);
    c.numeric = (lp - lm) / (2 * h);
    c.relative_error = gradient_relative_error(c.backprop, c.numeric);
    r_.directions.push_back(c);
    LayerCheckSummary& ls = r_.layers[static_cast<std::size_t>(layer)];
    ++ls.directions;
    ls.max_direction_error = std::max(ls.max_direction_error, c.relative_error);
    r_.max_relative_error = std::max(r_.max_relative_error, c.relative_error);
  }

  CheckSubject<S> s_;
  Random directions_rng_;
  int layer_count_ = 0;
  std::vector<Planned> plan_;
  std::vector<int> direction_plan_;  // the layer of each direction
  std::vector<bool> whole_;          // layers checked whole (small enough for their share)
  std::size_t next_ = 0;
  JobProgress progress_;
  GradientCheckReport r_;
};

}  // namespace neurostep
