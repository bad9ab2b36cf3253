#pragma once
// The two directions of a loss-landscape slice (loss_surface.hpp), in theta's order
// (weight_path.hpp): two named weights (unit vectors), or two random directions normalised per
// layer and per neuron (Li et al. 2018's filter normalisation): for each Dense neuron r of each
// layer, d_r ~ N(0, I) over its inputs, then d_r <- d_r ||theta_r|| / ||d_r||, with theta_r the
// neuron's row of the kernel. Biases and the other vectors stay 0 in the direction.
#include <cmath>
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "core/network.hpp"
#include "core/random.hpp"
#include "core/weight_path.hpp"

namespace neurostep {

// One trained weight: layer (0-based), the weight's Keras name, and its row and column in
// NeuroStep's orientation (a kernel is units x inputs: row = unit, column = input; a vector
// such as the bias has column 0).
struct WeightRef {
  int layer = 0;
  std::string param = "kernel";
  int row = 0, col = 0;
};

// Where the weight sits in theta.
template <typename S>
Eigen::Index theta_index(const Network<S>& net, const WeightRef& w) {
  if (w.layer < 0 || w.layer >= net.depth())
    fail_with("landscape.no_layer", "loss surface: {layer} does not exist; the network has {depth} layers",
              {arg("layer", layer_label(w.layer)), arg("depth", net.depth())});
  Eigen::Index offset = 0;
  for (int l = 0; l < w.layer; ++l)
    for (const auto& p : trained(net.at(l).params()))
      if (p.used) offset += p.size();
  std::vector<std::string> names;
  for (const auto& p : trained(net.at(w.layer).params())) {
    if (!p.used) continue;
    if (w.param == p.name) {
      if (w.row < 0 || w.row >= p.rows || w.col < 0 || w.col >= p.cols)
        fail_with("landscape.outside_weight", "loss surface: {layer}: ({row}, {col}) is outside its {rows} x {cols} {param}",
                  {arg("layer", layer_label(w.layer)), arg("row", w.row), arg("col", w.col), arg("rows", p.rows),
                   arg("cols", p.cols), arg("param", w.param)});
      return offset + w.row + w.col * p.rows;  // column-major
    }
    names.push_back(p.name);
    offset += p.size();
  }
  fail_with("landscape.no_weight", "loss surface: {layer} has no trained weight '{param}'; it has: {names}",
            {arg("layer", layer_label(w.layer)), arg("param", w.param), arg("names", names.empty() ? "none" : join(names))});
}

template <typename S>
Eigen::VectorXd filter_normalized_direction(const Network<S>& net, Random& rng) {
  Eigen::VectorXd d = Eigen::VectorXd::Zero(theta_size(net));
  Eigen::Index k = 0;
  for (const auto& p : theta_params(net)) {
    if (std::strcmp(p.name, "kernel") == 0)
      for (Eigen::Index r = 0; r < p.rows; ++r) {
        double dd = 0, ww = 0;
        for (Eigen::Index c = 0; c < p.cols; ++c) {
          const double x = rng.normal(), w = static_cast<double>(p.value[r + c * p.rows]);
          d(k + r + c * p.rows) = x;
          dd += x * x;
          ww += w * w;
        }
        const double scale = dd > 0 ? std::sqrt(ww) / std::sqrt(dd) : 0.0;
        for (Eigen::Index c = 0; c < p.cols; ++c) d(k + r + c * p.rows) *= scale;
      }
    k += p.size();
  }
  return d;
}

// u and v; refuses directions that do not span a plane.
template <typename S>
void surface_directions(const Network<S>& net, bool random, std::uint32_t seed, const WeightRef& a, const WeightRef& b,
                        Eigen::VectorXd& u, Eigen::VectorXd& v) {
  if (random) {
    Random rng(seed);
    u = filter_normalized_direction(net, rng);
    v = filter_normalized_direction(net, rng);
    if (u.squaredNorm() == 0 || v.squaredNorm() == 0)
      fail_with("landscape.zero_directions", "loss surface: every kernel weight is 0, so the random directions, scaled to "
                "each neuron's weights, are 0 too; pick two weights instead", {});
  } else {
    const Eigen::Index i = theta_index(net, a), j = theta_index(net, b);
    if (i == j)
      fail_with("landscape.same_weight", "loss surface: the two weights are the same one; pick two different weights", {});
    u = Eigen::VectorXd::Zero(theta_size(net));
    v = u;
    u(i) = 1;
    v(j) = 1;
  }
  const double uu = u.dot(u), uv = u.dot(v), vv = v.dot(v);
  if (!(uu * vv - uv * uv > 1e-12 * uu * vv))
    fail_with("landscape.parallel_directions", "loss surface: the two directions are parallel, so they do not span a plane; "
              "use another seed", {});
}

}  // namespace neurostep
