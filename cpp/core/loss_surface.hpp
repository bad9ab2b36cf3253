#pragma once
// The loss landscape through the current weights (Li, Xu, Taylor, Studer, Goldstein, "Visualizing
// the Loss Landscape of Neural Nets", NeurIPS 2018): with theta the trained weights as one vector
// (weight_path.hpp) and two directions u, v in weight space,
//   f(a, b) = L(theta + a u + b v)
// on an n x n grid of a, b in [-extent, extent], where L is evaluate()'s loss on the training
// (or test) data, so that f(0, 0) is exactly evaluate(). The directions are two weights (unit
// vectors: a and b are then those weights' offsets) or random, filter-normalised: each Dense
// neuron's slice of the direction (a row of its kernel) is drawn N(0, 1) and scaled to the norm of
// that neuron's weights, ||u_row|| = ||theta_row||, so that a = 1 moves every neuron by as much as
// it weighs, whatever the layer's scale; biases and the other vectors are not moved (Li et al.'s
// default, "ignore biasbn"). On the plane: the recorded path, the negative gradient step
// -lr dL/dtheta of the next batch, and the step the optimizer will really take, each projected
// by least squares, c = G^-1 [u.d, v.d] with G the Gram matrix of u and v.
// The trainer is never changed: every probe runs on copies.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/gradient_check.hpp"
#include "core/surface_directions.hpp"
#include "core/trainer.hpp"
#include "core/work_limits.hpp"

namespace neurostep {

struct SurfaceOptions {
  bool random = true;      // random filter-normalised directions, else the weights a and b
  std::uint32_t seed = 0;  // of the random directions
  WeightRef a, b;
  double extent = 1;       // the grid spans [-extent, extent] along each direction
  int resolution = 41;     // points per side, odd (the centre is a grid point)
  bool test = false;       // the test data's loss rather than the training data's
};

struct PlanePoint {
  double x = 0, y = 0;  // coordinates along u and v
};

struct LossSurface {
  int resolution = 0;
  std::vector<double> coords;  // the grid's coordinates along either direction, -extent to extent
  std::vector<double> losses;  // row j (b = coords[j]), column i (a = coords[i]): losses[j n + i]
  double centre = 0, lowest = 0, highest = 0;  // f(0, 0) and the range of the finite values
  Eigen::VectorXd u, v;                        // in theta's order
  std::vector<PlanePoint> path;                // the recorded weights, oldest first
  PlanePoint gradient_step;                    // -lr dL/dtheta on the next batch
  PlanePoint next_step;                        // theta after the optimizer's next step, minus theta
  double learning_rate = 0;
};

namespace surface_limits {
constexpr int max_resolution = 201;
constexpr double max_extent = 1e4;
}  // namespace surface_limits

namespace surface_detail {

inline void check_options(const SurfaceOptions& o) {
  const int n = o.resolution;
  if (n < 3 || n > surface_limits::max_resolution || n % 2 == 0)
    fail_with("landscape.resolution", "loss surface: the resolution must be an odd number from 3 to {most} (the centre is a "
              "grid point), got {resolution}", {arg("most", surface_limits::max_resolution), arg("resolution", n)});
  if (!(std::isfinite(o.extent) && o.extent > 0 && o.extent <= surface_limits::max_extent))
    fail_with("landscape.extent", "loss surface: the extent must be a number above 0 and at most {most}, got {extent}",
              {arg("most", surface_limits::max_extent), arg("extent", exact(o.extent))});
}

// n^2 evaluations of all the rows, each one predict.
inline void check_surface_work(const WorkShape& w, int n, long rows, std::size_t scalar_bytes) {
  check_predict_work(w, rows, scalar_bytes, false, "loss surface");
  const double one = w.multiply_adds * static_cast<double>(rows);
  const double work = one * n * n;
  if (work > limits::max_multiply_adds_per_call) {
    int most = 3;
    while (most + 2 <= surface_limits::max_resolution && one * (most + 2) * (most + 2) <= limits::max_multiply_adds_per_call)
      most += 2;
    fail_with("landscape.surface_too_long", "loss surface: {n} x {n} evaluations of {rows} rows is {work} multiply-adds, more "
              "than the limit of {limit} for one call; use a resolution of at most {most}, or fewer rows",
              {arg("n", n), arg("rows", rows), arg("work", work_detail::count(work)),
               arg("limit", work_detail::count(limits::max_multiply_adds_per_call)), arg("most", most)});
  }
}

inline PlanePoint project(const Eigen::VectorXd& u, const Eigen::VectorXd& v, const Eigen::VectorXd& d) {
  const double uu = u.dot(u), uv = u.dot(v), vv = v.dot(v), ud = u.dot(d), vd = v.dot(d);
  const double det = uu * vv - uv * uv;  // > 0: checked when the directions were made
  return {(vv * ud - uv * vd) / det, (uu * vd - uv * ud) / det};
}

}  // namespace surface_detail

template <typename S>
LossSurface loss_surface(const Trainer<S>& t, const SurfaceOptions& o) {
  using namespace surface_detail;
  check_options(o);
  if (t.train_size() == 0) fail_with("trainer.no_data", "no training data: set a dataset first", {});
  if (o.test && t.test_size() == 0)
    fail_with("landscape.no_test_data", "loss surface: there is no test data; hold some rows out, or use the training data", {});
  const Matrix<S>& X = o.test ? t.test_x() : t.train_x();
  const Matrix<S>& Y = o.test ? t.test_y() : t.train_y();
  const int n = o.resolution;
  check_surface_work(work_shape(t.network().spec()), n, static_cast<long>(X.cols()), sizeof(S));

  LossSurface s;
  s.resolution = n;
  s.learning_rate = t.optimizer().learning_rate;
  const Eigen::VectorXd origin = theta(t.network());
  surface_directions(t.network(), o.random, o.seed, o.a, o.b, s.u, s.v);

  // The grid: a_i = extent (2i - (n - 1)) / (n - 1), so that the middle one is exactly 0.
  for (int i = 0; i < n; ++i) s.coords.push_back(o.extent * (2.0 * i - (n - 1)) / (n - 1));
  Network<S> probe = t.network();
  s.losses.resize(static_cast<std::size_t>(n) * n);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      set_theta_offset(probe, origin, s.coords[i], s.u, s.coords[j], s.v);
      s.losses[static_cast<std::size_t>(j) * n + i] = evaluate_network(probe, X, Y).loss;
    }
  s.centre = s.losses[static_cast<std::size_t>(n / 2) * n + n / 2];
  s.lowest = s.highest = std::numeric_limits<double>::quiet_NaN();
  for (double f : s.losses)
    if (std::isfinite(f)) {
      s.lowest = std::isnan(s.lowest) ? f : std::min(s.lowest, f);
      s.highest = std::isnan(s.highest) ? f : std::max(s.highest, f);
    }

  const WeightPath<S>& path = t.path();
  for (int k = 0; k < path.size(); ++k) s.path.push_back(project(s.u, s.v, path.point(k) - origin));

  // The next batch (the one under way, or the one the next step would draw, by a copy) and
  // dL/dtheta on it by backpropagation, as the gradient check computes it.
  Trainer<S> next = t;
  if (next.phase_index() == 0) next.step_phase();
  Network<S> net = next.network();
  gradient_check_detail::Checker<S> c{net, next.batch_x(), next.batch_y()};
  c.loss_at();
  for (int l = net.depth() - 1; l >= 0; --l) net.backward_layer(l);
  Eigen::VectorXd g(origin.size());
  Eigen::Index k = 0;
  for (const auto& p : theta_params(net))
    for (Eigen::Index i = 0; i < p.size(); ++i) g(k++) = static_cast<double>(p.grad[i]);
  s.gradient_step = project(s.u, s.v, -s.learning_rate * g);

  Trainer<S> after = t;
  after.step_batch();
  s.next_step = project(s.u, s.v, theta(after.network()) - origin);
  return s;
}

// Moves the trainer's weights to the point (x, y) of the slice through its current weights (the
// page's click on the map): theta + x u + y v, as the grid computes it. The recorded path starts
// again there, since the jump was not a step of training.
template <typename S>
void move_on_surface(Trainer<S>& t, const SurfaceOptions& o, double x, double y) {
  const double most = surface_limits::max_extent;
  if (!(std::isfinite(x) && std::isfinite(y) && std::fabs(x) <= most && std::fabs(y) <= most))
    fail_with("landscape.move_outside", "loss surface: a point to move to must have coordinates from -{most} to {most}, got "
              "({x}, {y})", {arg("most", most), arg("x", exact(x)), arg("y", exact(y))});
  Eigen::VectorXd u, v;
  surface_directions(t.network(), o.random, o.seed, o.a, o.b, u, v);
  Network<S> moved = t.network();
  set_theta_offset(moved, theta(t.network()), x, u, y, v);
  t.set_weights(moved.weights());
  t.path().restart(t.network());
}

}  // namespace neurostep
