#include "core/generators.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "core/split.hpp"

using namespace neurostep;
using Catch::Contains;

namespace {
GeneratorOptions options(long count, double noise, std::uint32_t seed) {
  GeneratorOptions o;
  o.count = count;
  o.noise = noise;
  o.seed = seed;
  return o;
}
}  // namespace

TEST_CASE("article_bits is the seed article's X and Y", "[data]") {
  const double X[10][8] = {{0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 1},
                           {0, 0, 0, 0, 0, 0, 1, 1}, {0, 0, 0, 0, 0, 1, 1, 1},
                           {0, 0, 0, 0, 1, 1, 1, 1}, {0, 0, 0, 1, 1, 1, 1, 1},
                           {0, 0, 1, 1, 1, 1, 1, 1}, {0, 1, 1, 1, 1, 1, 1, 1},
                           {1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1}};
  const double Y[10] = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  const Dataset d = generate_dataset("article_bits", options(500, 3.0, 7));  // both ignored
  REQUIRE(d.size() == 10);
  REQUIRE(d.features() == 8);
  REQUIRE(d.targets() == 1);
  for (int r = 0; r < 10; ++r) {
    for (int b = 0; b < 8; ++b) CHECK(d.x(b, r) == X[r][b]);
    CHECK(d.y(0, r) == Y[r]);
  }
  CHECK(d.feature_names ==
        std::vector<std::string>{"b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"});
  CHECK(d.target_names == std::vector<std::string>{"y"});
}

TEST_CASE("logic gates: four clean rows are the truth table", "[data]") {
  const double truth[3][4] = {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 1, 1, 1}};
  const char* names[3] = {"xor", "and", "or"};
  for (int g = 0; g < 3; ++g) {
    const Dataset d = generate_dataset(names[g], options(4, 0.0, 1));
    Eigen::MatrixXd corners(2, 4);
    corners << 0, 0, 1, 1,  //
        0, 1, 0, 1;
    CHECK(d.x == corners);
    for (int i = 0; i < 4; ++i) CHECK(d.y(0, i) == truth[g][i]);
    CHECK(d.feature_names == std::vector<std::string>{"x1", "x2"});
    CHECK(d.target_names == std::vector<std::string>{"label"});
  }
  // More rows cycle the corners; noise moves the inputs but not the labels.
  const Dataset noisy = generate_dataset("xor", options(400, 0.1, 1));
  for (long i = 0; i < noisy.size(); ++i) {
    CHECK(noisy.y(0, i) == truth[0][i % 4]);
    CHECK(std::fabs(noisy.x(0, i) - (i % 4) / 2) < 0.6);
  }
  CHECK(noisy.y.sum() == 200);
}

TEST_CASE("every generator: size, shape and balanced labels", "[data]") {
  for (const std::string& name : dataset_names()) {
    INFO(name);
    const Dataset d = generate_dataset(name, options(101, 0.0, 3));
    const bool regression = name == "sine" || name == "plane";
    const long n = name == "article_bits" ? 10 : 101;
    CHECK(d.size() == n);
    CHECK(d.targets() == 1);
    CHECK(d.features() == (name == "article_bits" ? 8 : name == "sine" ? 1 : 2));
    if (!regression) {
      for (long i = 0; i < n; ++i) CHECK((d.y(0, i) == 0.0 || d.y(0, i) == 1.0));
      if (name != "article_bits" && name != "and" && name != "or") CHECK(d.y.sum() == 50);
    }
  }
}

TEST_CASE("the same seed gives the same data, another seed other data", "[data]") {
  for (const std::string& name : dataset_names()) {
    INFO(name);
    const Dataset d = generate_dataset(name, options(60, 0.3, 3));
    const Dataset again = generate_dataset(name, options(60, 0.3, 3));
    CHECK(again.x == d.x);
    CHECK(again.y == d.y);
    const Dataset other = generate_dataset(name, options(60, 0.3, 4));
    if (name != "article_bits") CHECK(other.x != d.x);  // the only one without randomness
  }
}

TEST_CASE("generators put their points where their formulas say", "[data]") {
  const Dataset circle = generate_dataset("circle", options(1000, 0.0, 5));
  for (long i = 0; i < circle.size(); ++i) {
    const double r = circle.x.col(i).norm();
    if (circle.y(0, i) == 1.0) {
      CHECK(r <= 2.5 + 1e-12);
    } else {
      CHECK((r >= 3.5 - 1e-12 && r <= 5.0 + 1e-12));
    }
  }
  const Dataset blobs = generate_dataset("gaussians", options(2000, 0.0, 5));
  for (int c = 0; c < 2; ++c) {
    double mean = 0.0;
    for (long i = c; i < blobs.size(); i += 2) mean += blobs.x(0, i) / 1000.0;
    CHECK(blobs.y(0, c) == c);
    CHECK(mean == Approx(c == 1 ? 2.0 : -2.0).margin(0.15));
  }
  const Dataset spiral = generate_dataset("spiral", options(200, 0.0, 5));
  for (long i = 0; i < spiral.size(); ++i) {
    CHECK(spiral.x.col(i).norm() == Approx(5.0 * (i / 2) / 100.0).margin(1e-12));
  }
  const Dataset moons = generate_dataset("moons", options(200, 0.0, 5));
  for (long i = 0; i < moons.size(); ++i) {
    const double dx = moons.x(0, i) - (i % 2 == 0 ? 0.0 : 1.0);
    const double dy = moons.x(1, i) - (i % 2 == 0 ? 0.0 : 0.5);
    CHECK(std::hypot(dx, dy) == Approx(1.0).margin(1e-12));
  }
  CHECK(moons.x(0, 0) == Approx(1.0));     // t = 0 on the outer moon
  CHECK(moons.x(0, 198) == Approx(-1.0));  // t = pi
  const Dataset sine = generate_dataset("sine", options(500, 0.0, 5));
  for (long i = 0; i < sine.size(); ++i) {
    CHECK(std::fabs(sine.x(0, i)) <= generators::pi);
    CHECK(sine.y(0, i) == Approx(std::sin(sine.x(0, i))).margin(1e-15));
  }
  const Dataset plane = generate_dataset("plane", options(500, 0.0, 5));
  CHECK(plane.x.cwiseAbs().maxCoeff() <= 1.0);
  for (long i = 0; i < plane.size(); ++i)
    CHECK(plane.y(0, i) == Approx(0.5 * plane.x(0, i) - 0.3 * plane.x(1, i) + 0.2));
  const Dataset noisy = generate_dataset("plane", options(20000, 0.5, 5));
  const Eigen::ArrayXd residual =
      noisy.y.row(0).array() - (0.5 * noisy.x.row(0).array() - 0.3 * noisy.x.row(1).array() + 0.2);
  CHECK(std::sqrt(residual.square().mean()) == Approx(0.5).epsilon(0.03));
}

TEST_CASE("generator golden values pin cross-platform determinism", "[data]") {
  // From one native run; the WebAssembly build must produce exactly these bits.
  const Dataset d = generate_dataset("spiral", options(10, 0.1, 1));
  CHECK(d.x(0, 0) == -0.03058782068250377);
  CHECK(d.x(1, 0) == -0.053648431107808529);
  CHECK(d.x(0, 1) == -0.11507693484401414);
  CHECK(d.x(1, 1) == -0.038060345044755139);
  CHECK(d.x(0, 2) == -0.82148551314881813);
  CHECK(d.x(1, 2) == 0.48477821681759031);
  CHECK(d.y(0, 0) == 0.0);
  CHECK(d.y(0, 1) == 1.0);
}

TEST_CASE("generator options are checked", "[data]") {
  REQUIRE_THROWS_WITH(generate_dataset("swirl", {}),
                      Contains("unknown dataset \"swirl\"; the datasets are article_bits, xor"));
  REQUIRE_THROWS_WITH(generate_dataset("xor", options(3, 0, 1)),
                      Contains("count must be between 4"));
  REQUIRE_THROWS_WITH(generate_dataset("xor", options(limits::max_samples + 1, 0, 1)),
                      Contains("(got 1000001)"));
  for (double noise : {-0.1, 10.5, std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::infinity()})
    REQUIRE_THROWS_WITH(generate_dataset("moons", options(10, noise, 1)),
                        Contains("noise must be a number between 0 and 10"));
  CHECK(generate_dataset("moons", options(4, 10.0, 1)).size() == 4);
}

TEST_CASE("split_dataset shuffles, then keeps round(ratio n) rows for testing", "[data]") {
  Dataset d;
  d.x.resize(2, 10);
  d.y.resize(1, 10);
  for (int j = 0; j < 10; ++j) {
    d.x(0, j) = j;
    d.x(1, j) = 100 + j;
    d.y(0, j) = -j;
  }
  d.feature_names = {"a", "b"};
  d.target_names = {"t"};

  const TrainTestSplit s = split_dataset(d, 0.25, 3);  // round(2.5) = 3
  REQUIRE(s.train.size() == 7);
  REQUIRE(s.test.size() == 3);
  CHECK(s.test.feature_names == d.feature_names);
  CHECK(s.train.target_names == d.target_names);
  std::vector<double> seen;
  for (const Dataset* part : {&s.train, &s.test}) {
    for (long j = 0; j < part->size(); ++j) {
      const double id = part->x(0, j);
      CHECK(part->x(1, j) == 100 + id);  // rows stay whole
      CHECK(part->y(0, j) == -id);
      seen.push_back(id);
    }
  }
  std::vector<double> order = seen;
  std::sort(order.begin(), order.end());
  for (int j = 0; j < 10; ++j) CHECK(order[j] == j);  // a permutation of the rows
  CHECK_FALSE(std::is_sorted(seen.begin(), seen.end()));
  CHECK(split_dataset(d, 0.25, 3).train.x == s.train.x);

  const TrainTestSplit none = split_dataset(d, 0.0, 3);
  CHECK(none.train.size() == 10);
  CHECK(none.test.size() == 0);
  CHECK(none.test.features() == 2);
  CHECK(none.test.targets() == 1);
  CHECK(split_dataset(d, 0.9, 3).train.size() == 1);

  REQUIRE_THROWS_WITH(split_dataset(d, 0.95, 3), Contains("test ratio must be between 0 and 0.9"));
  REQUIRE_THROWS_WITH(split_dataset(d, -0.1, 3), Contains("test ratio"));
  REQUIRE_THROWS_WITH(split_dataset(d, std::nan(""), 3), Contains("test ratio"));
  Dataset one;
  one.x = Eigen::MatrixXd::Ones(1, 1);
  one.y = Eigen::MatrixXd::Ones(1, 1);
  REQUIRE_THROWS_WITH(split_dataset(one, 0.9, 3), Contains("leaves no training rows"));
}
