#pragma once
// The weights as one vector, and the path they took. The loss landscape (loss_surface.hpp) moves
// the weights along directions in weight space, so it sees a network's trained weights as one
// point theta: every trained, used weight of every layer (a Dense layer's kernel then its bias,
// BatchNormalization's gamma and beta, PReLU's alpha; not the moving statistics, which training
// does not descend on), layer by layer, each column-major.
//
// WeightPath keeps theta after each of the last `capacity` optimizer steps (the trainer records
// it at the end of every batch), oldest first, so that the landscape can draw where training
// went. It is off (capacity 0) until asked for: recording copies every weight once a step.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/network.hpp"

namespace neurostep {

namespace path_limits {
constexpr int max_points = 1000;
constexpr long max_values = 1L << 22;  // points x weights: 32 MB of doubles at most
}  // namespace path_limits

// The trained weights one after another, as ParamRefs in theta's order.
template <typename Net>
auto theta_params(Net& net) {
  std::vector<decltype(trained(net.at(0).params()))> layers;
  for (int l = 0; l < net.depth(); ++l) layers.push_back(trained(net.at(l).params()));
  decltype(trained(net.at(0).params())) out;
  for (auto& layer : layers)
    for (auto& p : layer)
      if (p.used) out.push_back(p);
  return out;
}

template <typename S>
long theta_size(const Network<S>& net) {
  long n = 0;
  for (const auto& p : theta_params(net)) n += static_cast<long>(p.size());
  return n;
}

template <typename S>
Eigen::VectorXd theta(const Network<S>& net) {
  Eigen::VectorXd out(theta_size(net));
  Eigen::Index k = 0;
  for (const auto& p : theta_params(net))
    for (Eigen::Index i = 0; i < p.size(); ++i) out(k++) = static_cast<double>(p.value[i]);
  return out;
}

// theta + a u + v b, computed in double and rounded to S once: the one formula by which the
// landscape moves weights (a test that moves them itself by the same formula gets the same bits).
template <typename S>
void set_theta_offset(Network<S>& net, const Eigen::VectorXd& origin, double a, const Eigen::VectorXd& u, double b,
                      const Eigen::VectorXd& v) {
  Eigen::Index k = 0;
  for (auto& p : theta_params(net))
    for (Eigen::Index i = 0; i < p.size(); ++i, ++k) p.value[i] = static_cast<S>(origin(k) + a * u(k) + b * v(k));
}

template <typename S>
class WeightPath {
 public:
  int capacity() const { return capacity_; }
  int size() const { return static_cast<int>(points_.size()); }

  // Starts recording up to `capacity` points (0 stops), with the current weights as the first.
  void set_capacity(int capacity, const Network<S>& net) {
    const long weights = theta_size(net);
    if (capacity < 0 || capacity > path_limits::max_points)
      fail_with("landscape.path_capacity", "the weight path keeps from 0 to {most} points, got {capacity}",
                {arg("most", path_limits::max_points), arg("capacity", capacity)});
    if (static_cast<double>(capacity) * static_cast<double>(weights) > static_cast<double>(path_limits::max_values))
      fail_with("landscape.path_too_large", "a weight path of {capacity} points of {weights} weights each is more than the "
                "limit of {limit} values; keep at most {most} points for this network",
                {arg("capacity", capacity), arg("weights", weights), arg("limit", path_limits::max_values),
                 arg("most", path_limits::max_values / std::max(1L, weights))});
    capacity_ = capacity;
    restart(net);
  }

  // Forgets the points; the current weights start the path again (when recording).
  void restart(const Network<S>& net) {
    points_.clear();
    head_ = 0;
    record(net);
  }

  void record(const Network<S>& net) {
    if (capacity_ == 0) return;
    if (size() < capacity_) {
      points_.push_back(theta(net).template cast<S>());
      return;
    }
    points_[static_cast<std::size_t>(head_)] = theta(net).template cast<S>();  // overwrite the oldest
    head_ = (head_ + 1) % capacity_;
  }

  // Point i, oldest first (0 <= i < size()).
  Eigen::VectorXd point(int i) const {
    return points_[static_cast<std::size_t>((head_ + i) % size())].template cast<double>();
  }

 private:
  int capacity_ = 0, head_ = 0;
  std::vector<Eigen::Matrix<S, Eigen::Dynamic, 1>> points_;
};

}  // namespace neurostep
