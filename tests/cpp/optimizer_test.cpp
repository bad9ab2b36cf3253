// Each optimizer's first three updates of one weight (w = 1) against values computed by hand
// from Keras 3's update formulas (see optimizer.hpp), for the gradients 0.5, -0.3, 0.2.
#include <catch2/catch.hpp>

#include "core/optimizer.hpp"

using namespace neurostep;

namespace {

std::vector<double> three_steps(const OptimizerConfig& c, std::vector<double> gradients = {0.5, -0.3, 0.2}) {
  auto slots = initial_slots<double>(c, 1);
  FlatArray<double> g(1), delta(1);
  double w = 1.0;
  std::vector<double> out;
  for (long i = 0; i < 3; ++i) {
    g(0) = gradients[static_cast<std::size_t>(i)];
    optimizer_update<double>(c, step_scalars(c, i), slots, g, delta);
    w += delta(0);
    out.push_back(w);
  }
  return out;
}

void check(const std::vector<double>& got, const std::vector<double>& expected) {
  for (std::size_t i = 0; i < 3; ++i) CHECK(got[i] == Approx(expected[i]).epsilon(1e-14));
}

}  // namespace

TEST_CASE("SGD: w <- w - lr g, with momentum and Nesterov momentum", "[optimizer]") {
  OptimizerConfig c = default_optimizer(OptimizerKind::sgd);
  REQUIRE(c.learning_rate == 0.01);
  check(three_steps(c), {0.995, 0.998, 0.996});
  c.momentum = 0.9;  // m <- 0.9 m - lr g; w <- w + m
  check(three_steps(c), {0.995, 0.99350000000000005, 0.99015000000000009});
  c.nesterov = true;  // w <- w + 0.9 m - lr g
  check(three_steps(c), {0.99050000000000005, 0.99215000000000009, 0.9871350000000001});
}

TEST_CASE("Adam with Keras's bias correction folded into the step size", "[optimizer]") {
  OptimizerConfig c = default_optimizer(OptimizerKind::adam);
  REQUIRE(c.learning_rate == 0.001);
  REQUIRE(c.epsilon == 1e-7);
  // Step 1: m = 0.05, v = 0.00025, alpha = 0.001 sqrt(0.001) / 0.1; w = 1 - alpha m / (sqrt(v) + eps)
  check(three_steps(c), {0.99900000632451535, 0.9988085093282083, 0.99846108342057671});
  CHECK(step_scalars(c, 0).alpha == Approx(0.001 * std::sqrt(0.001) / 0.1).epsilon(1e-15));
  c.amsgrad = true;  // v shrinks after step 1 for these gradients, so v_hat keeps step 1's v
  check(three_steps(c, {0.5, 0.01, 0.01}), {0.99900000632451535, 0.99831540477663405, 0.99777369427042217});
}

TEST_CASE("RMSprop: lr g / sqrt(velocity + eps), with and without momentum", "[optimizer]") {
  OptimizerConfig c = default_optimizer(OptimizerKind::rmsprop);
  check(three_steps(c), {0.99683772866436793, 0.99852803449080196, 0.99741606676595296});
  c.momentum = 0.5;
  check(three_steps(c), {0.99683772866436793, 0.99694689882298593, 0.99588951617744592});
}

TEST_CASE("Adagrad: accumulator from 0.1, lr g / sqrt(accumulator + eps)", "[optimizer]") {
  OptimizerConfig c = default_optimizer(OptimizerKind::adagrad);
  REQUIRE(c.initial_accumulator_value == 0.1);
  check(three_steps(c), {0.99915484586600778, 0.9996071128314804, 0.99931843772695594});
}

TEST_CASE("optimizer settings out of range are refused with their name", "[optimizer]") {
  OptimizerConfig c;
  c.beta_1 = 1.0;
  REQUIRE_THROWS_WITH(validate(c), Catch::Contains("beta_1"));
  c = OptimizerConfig{};
  c.learning_rate = 1e300;
  REQUIRE_THROWS_WITH(validate(c), Catch::Contains("limit"));
  c = OptimizerConfig{};
  c.epsilon = 0;
  REQUIRE_THROWS_WITH(validate(c), Catch::Contains("epsilon"));
  REQUIRE_THROWS_WITH(optimizer_from_name("adamw"), Catch::Contains("valid names are: sgd, adam, rmsprop, adagrad"));
}
