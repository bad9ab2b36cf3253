// The loss landscape (loss_surface.hpp) and the learning-rate range test (lr_sweep.hpp): the
// surface's centre is evaluate(), each cell is the loss of the weights moved by its offset, the
// step arrow is the finite-difference gradient's projection, and nothing touches the trainer.
#include <catch2/catch.hpp>

#include "core/gradient_check.hpp"
#include "core/loss_surface.hpp"
#include "core/lr_sweep.hpp"
#include "landscape_fixtures.hpp"

using namespace neurostep;
using namespace neurostep::test;
using Catch::Matchers::Contains;

namespace {

// The same trainer, bit for bit: weights, optimizer state and cursor now, and the same weights
// after both take the same further steps.
template <typename S>
void require_identical(Trainer<S> a, Trainer<S> b) {
  REQUIRE(a.iterations() == b.iterations());
  REQUIRE(a.phase_index() == b.phase_index());
  REQUIRE(a.batch_in_epoch() == b.batch_in_epoch());
  REQUIRE(theta(a.network()) == theta(b.network()));
  const OptimizerState sa = a.optimizer_state(), sb = b.optimizer_state();
  REQUIRE(sa.slots.size() == sb.slots.size());
  for (int k = 0; k < 7; ++k) {
    a.step_batch();
    b.step_batch();
  }
  REQUIRE(theta(a.network()) == theta(b.network()));
}

// Weights moved by (x, y) along u and v through the public weights() and set_weights(), by
// theta + x u + y v in double, then evaluated as the page's evaluate() does.
template <typename S>
double loss_moved(const Trainer<S>& t, const LossSurface& s, double x, double y, bool test_data = false) {
  Trainer<S> moved = t;
  std::vector<LayerWeights> w = t.network().weights();
  Eigen::Index k = 0;
  for (auto& layer : w) {  // theta's order: each kernel column-major, then its bias
    for (Eigen::Index i = 0; i < layer.W.size(); ++i, ++k) layer.W(i) = layer.W(i) + x * s.u(k) + y * s.v(k);
    for (Eigen::Index i = 0; i < layer.b.size(); ++i, ++k) layer.b(i) = layer.b(i) + x * s.u(k) + y * s.v(k);
  }
  moved.set_weights(w);
  return test_data ? moved.evaluate(moved.test_x(), moved.test_y()).loss : moved.evaluate(moved.train_x(), moved.train_y()).loss;
}

}  // namespace

TEMPLATE_TEST_CASE("the surface's centre is exactly evaluate(), on the training and on the test data", "[landscape]", float, double) {
  const Trainer<TestType> t = spiral_trainer<TestType>();
  SurfaceOptions o;
  o.resolution = 9;
  const LossSurface s = loss_surface(t, o);
  REQUIRE(s.losses.size() == 81);
  CHECK(s.centre == t.evaluate(t.train_x(), t.train_y()).loss);
  CHECK(s.losses[4 * 9 + 4] == s.centre);
  CHECK(s.coords[4] == 0.0);
  CHECK(s.coords.front() == -1.0);
  CHECK(s.coords.back() == 1.0);
  o.test = true;
  CHECK(loss_surface(t, o).centre == t.evaluate(t.test_x(), t.test_y()).loss);
}

TEMPLATE_TEST_CASE("moving the weights by a cell's offset and evaluating gives the cell's value", "[landscape]", float, double) {
  const Trainer<TestType> t = spiral_trainer<TestType>();
  SurfaceOptions o;
  o.resolution = 7;
  o.extent = 0.5;
  o.seed = 11;
  const LossSurface s = loss_surface(t, o);
  for (const auto& [i, j] : std::vector<std::pair<int, int>>{{0, 0}, {6, 1}, {2, 5}, {3, 6}})
    CHECK(s.losses[static_cast<std::size_t>(j) * 7 + i] == loss_moved(t, s, s.coords[i], s.coords[j]));
  // The surface is not flat: the slice shows something.
  CHECK(s.highest > s.lowest);
  CHECK(s.lowest <= s.centre);
  // Two named weights: the directions are those weights' unit vectors.
  o.random = false;
  o.a = {0, "kernel", 3, 1};
  o.b = {1, "bias", 5, 0};
  const LossSurface named = loss_surface(t, o);
  CHECK(named.u.sum() == 1.0);
  CHECK(named.u(3 + 1 * 8) == 1.0);          // layer 1's kernel is 8 x 2, column-major
  CHECK(named.v(16 + 8 + 64 + 5) == 1.0);    // after it: layer 1's bias, layer 2's kernel
  CHECK(named.losses[1 * 7 + 5] == loss_moved(t, named, named.coords[5], named.coords[1]));
}

TEST_CASE("random directions are filter-normalised: each neuron's part has the norm of its weights; biases are not moved", "[landscape]") {
  const Trainer<double> t = spiral_trainer<double>();
  SurfaceOptions o;
  o.resolution = 3;
  o.seed = 5;
  const LossSurface s = loss_surface(t, o);
  const DenseLayer<double>& l2 = t.layer(1);
  const Eigen::Index start = 16 + 8;  // layer 2's kernel in theta
  for (Eigen::Index r = 0; r < 8; ++r) {
    double uu = 0;
    for (Eigen::Index c = 0; c < 8; ++c) uu += s.u(start + r + c * 8) * s.u(start + r + c * 8);
    CHECK(std::sqrt(uu) == Approx(l2.W.row(r).norm()).epsilon(1e-12));
  }
  CHECK(s.u.segment(16, 8).isZero(0.0));  // layer 1's bias
  CHECK(loss_surface(t, o).u == s.u);      // the seed decides
  o.seed = 6;
  CHECK(loss_surface(t, o).u != s.u);
}

TEST_CASE("the step arrow is the projection of -lr times the finite-difference gradient", "[landscape]") {
  for (OptimizerKind kind : {OptimizerKind::sgd, OptimizerKind::adam}) {
    const Trainer<double> t = spiral_trainer<double>(kind);
    SurfaceOptions o;
    o.resolution = 3;
    o.seed = 2;
    const LossSurface s = loss_surface(t, o);
    Eigen::VectorXd numeric(s.u.size());
    Eigen::Index k = 0;
    for (const LayerGradientCheck& l : gradient_check(t)) {
      for (Eigen::Index i = 0; i < l.numeric_dW.size(); ++i) numeric(k++) = l.numeric_dW(i);
      for (Eigen::Index i = 0; i < l.numeric_db.size(); ++i) numeric(k++) = l.numeric_db(i);
    }
    REQUIRE(k == s.u.size());
    const PlanePoint expected = surface_detail::project(s.u, s.v, -t.optimizer().learning_rate * numeric);
    CHECK(s.gradient_step.x == Approx(expected.x).epsilon(1e-7));
    CHECK(s.gradient_step.y == Approx(expected.y).epsilon(1e-7));
    CHECK(s.gradient_step.x != 0.0);
    // Plain SGD's step is -lr g itself; Adam's is not.
    if (kind == OptimizerKind::sgd) {
      CHECK(s.next_step.x == Approx(s.gradient_step.x).epsilon(1e-9));
      CHECK(s.next_step.y == Approx(s.gradient_step.y).epsilon(1e-9));
    } else {
      CHECK(std::fabs(s.next_step.x - s.gradient_step.x) > 1e-6 * std::fabs(s.gradient_step.x));
    }
  }
}

TEST_CASE("the next step on two named weights is what the next step does to them; the path ends at the centre", "[landscape]") {
  const Trainer<double> t = spiral_trainer<double>(OptimizerKind::adam, 12);
  SurfaceOptions o;
  o.random = false;
  o.resolution = 5;
  o.a = {2, "kernel", 0, 4};
  o.b = {0, "bias", 2, 0};
  const LossSurface s = loss_surface(t, o);
  Trainer<double> after = t;
  after.step_batch();
  CHECK(s.next_step.x == after.layer(2).W(0, 4) - t.layer(2).W(0, 4));
  CHECK(s.next_step.y == after.layer(0).b(2) - t.layer(0).b(2));
  // The path: the weights when recording started, then after each of the 12 steps.
  REQUIRE(s.path.size() == 13);
  CHECK(s.path.back().x == 0.0);
  CHECK(s.path.back().y == 0.0);
  Trainer<double> start = spiral_trainer<double>(OptimizerKind::adam, 0);
  CHECK(s.path.front().x == start.layer(2).W(0, 4) - t.layer(2).W(0, 4));
}

TEST_CASE("the weight path keeps the last points only, and its size is bounded", "[landscape]") {
  Trainer<double> t = spiral_trainer<double>(OptimizerKind::sgd, 0);
  t.path().set_capacity(4, t.network());
  for (int k = 0; k < 9; ++k) t.step_batch();
  REQUIRE(t.path().size() == 4);
  CHECK(t.path().point(3) == theta(t.network()));
  REQUIRE_THROWS_WITH(t.path().set_capacity(1001, t.network()), Contains("from 0 to 1000 points, got 1001"));
  t.reset(3);
  CHECK(t.path().size() == 1);
}

TEMPLATE_TEST_CASE("a surface and a sweep leave the trainer bit-identical, between batches and mid-batch", "[landscape]", float, double) {
  for (int phases : {0, 4}) {
    Trainer<TestType> t = spiral_trainer<TestType>();
    for (int p = 0; p < phases; ++p) t.step_phase();
    const Trainer<TestType> before = t;
    SurfaceOptions o;
    o.resolution = 5;
    loss_surface(t, o);
    require_identical(t, before);
    SweepOptions so;
    so.count = 5;
    so.steps = 3;
    lr_sweep(t, so);
    require_identical(t, before);
  }
}

TEST_CASE("the learning-rate sweep: log-spaced rates, tiny ones barely move, huge ones diverge", "[landscape]") {
  const Trainer<double> t = spiral_trainer<double>(OptimizerKind::sgd);
  SweepOptions o;
  o.low = 1e-6;
  o.high = 1e3;
  o.count = 10;
  o.steps = 20;
  const LrSweep s = lr_sweep(t, o);
  REQUIRE(s.rates.size() == 10);
  CHECK(s.rates.front() == 1e-6);
  CHECK(s.rates.back() == 1e3);
  CHECK(s.rates[3] == Approx(1e-3).epsilon(1e-12));
  CHECK(s.start_loss == t.evaluate(t.train_x(), t.train_y()).loss);
  CHECK(s.losses.front() == Approx(s.start_loss).epsilon(1e-3));
  CHECK(s.diverged.back());
  CHECK_FALSE(s.diverged.front());
  REQUIRE(s.best >= 0);
  CHECK(s.losses[static_cast<std::size_t>(s.best)] < s.start_loss);
  // Each rate is what a copy trained at that rate reaches.
  Trainer<double> run = t;
  run.set_learning_rate(s.rates[5]);
  for (int k = 0; k < 20; ++k) run.step_batch();
  CHECK(s.losses[5] == run.evaluate(run.train_x(), run.train_y()).loss);
}

TEST_CASE("two clones with the same optimizer stepping the same batches stay bit-identical", "[landscape]") {
  for (OptimizerKind kind : {OptimizerKind::sgd, OptimizerKind::adam, OptimizerKind::rmsprop, OptimizerKind::adagrad}) {
    const Trainer<float> t = spiral_trainer<float>(kind);
    Trainer<float> a = t, b = t;
    for (int k = 0; k < 60; ++k) {
      a.step_batch();
      b.step_batch();
    }
    REQUIRE(theta(a.network()) == theta(b.network()));
    CHECK(theta(a.network()) != theta(t.network()));
  }
}

TEST_CASE("the landscape refuses what it cannot do, with ids and a message that says what fits", "[landscape][errors]") {
  const Trainer<double> t = spiral_trainer<double>();
  const auto id_of = [&](const SurfaceOptions& o) {
    try {
      loss_surface(t, o);
    } catch (const Error& e) {
      return e.id() + ": " + e.what();
    }
    return std::string("accepted");
  };
  SurfaceOptions o;
  o.resolution = 40;
  CHECK_THAT(id_of(o), Contains("landscape.resolution") && Contains("odd number from 3 to 201 (the centre is a grid point), got 40"));
  o.resolution = 41;
  o.extent = 0;
  CHECK_THAT(id_of(o), Contains("landscape.extent"));
  o.extent = 1;
  o.random = false;
  o.a = o.b = {0, "kernel", 1, 1};
  CHECK_THAT(id_of(o), Contains("landscape.same_weight"));
  o.b = {0, "gamma", 0, 0};
  CHECK_THAT(id_of(o), Contains("landscape.no_weight") && Contains("it has: kernel, bias"));
  o.b = {0, "kernel", 8, 0};
  CHECK_THAT(id_of(o), Contains("landscape.outside_weight") && Contains("(8, 0) is outside its 8 x 2 kernel"));
  o.b = {3, "kernel", 0, 0};
  CHECK_THAT(id_of(o), Contains("landscape.no_layer") && Contains("layer 4 does not exist"));
  // 201 x 201 x 400 rows x 88 multiply-adds = 1.42e9 > 1e9: the message names what fits.
  o.random = true;
  o.resolution = 201;
  CHECK_THAT(id_of(o), Contains("landscape.surface_too_long") && Contains("at most 167"));
  SweepOptions so;
  so.low = 0.1;
  so.high = 0.01;
  REQUIRE_THROWS_WITH(lr_sweep(t, so), Contains("0 < low < high"));
  so.high = 1;
  so.count = 1;
  REQUIRE_THROWS_WITH(lr_sweep(t, so), Contains("from 2 to 100, got 1"));
  // 100 rates x 1000 steps x 3 passes x 400 rows x 88 multiply-adds: 1.06e10.
  Trainer<double> whole = t;
  whole.set_batch_size(400);
  so.count = 100;
  so.steps = 1000;
  REQUIRE_THROWS_WITH(lr_sweep(whole, so), Contains("multiply-adds") && Contains("try at most 9 rates"));
}
