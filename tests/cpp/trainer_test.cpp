#include <catch2/catch.hpp>

#include "core/trainer.hpp"
#include "fixtures.hpp"

using namespace neurostep;
using namespace neurostep::test;

namespace {



template <typename S>
Trainer<S> make(const ModelSpec& spec, const Dataset& data, int batch, std::uint32_t seed) {
  Trainer<S> t(spec, seed);
  t.set_data(data, Dataset{});
  t.set_batch_size(batch);
  return t;
}

}  // namespace

TEST_CASE("the article's example reaches accuracy 1.0 in 1000 epochs of batch 1", "[trainer]") {
  auto t = make<float>(article_model(), article_data(), 1, 42);
  REQUIRE(t.train_epochs(1000) == 1000);
  REQUIRE(t.history().size() == 1000);
  const Matrix<float> out = t.predict(article_data().x.cast<float>());
  INFO("final loss " << t.history().back().loss << ", predictions " << out);
  CHECK(t.history().back().accuracy == 1.0);
  CHECK(t.evaluate(article_data().x.cast<float>(), article_data().y.cast<float>()).accuracy == 1.0);
  CHECK(out(0, 0) < 0.5f);
  for (int j = 1; j < 10; ++j) CHECK(out(0, j) > 0.5f);
  CHECK(t.history().back().loss < t.history().front().loss);
}

TEST_CASE("XOR with one small tanh hidden layer reaches accuracy 1.0", "[trainer]") {
  ModelSpec spec = xor_model(4);
  spec.optimizer.learning_rate = 0.05;
  auto t = make<double>(spec, xor_data(), 4, 1);
  t.train_epochs(500);
  CHECK(t.evaluate(t.train_x(), t.train_y()).accuracy == 1.0);
  CHECK(t.history().back().loss < 0.1);
}

TEST_CASE("stepping phase by phase ends where stepping whole batches does", "[trainer]") {
  auto by_phase = make<double>(article_model(), article_data(), 3, 9);
  auto by_batch = make<double>(article_model(), article_data(), 3, 9);
  REQUIRE(by_phase.phases_per_batch() == 10);
  for (int b = 0; b < 7; ++b) {  // crosses an epoch boundary (4 batches per epoch)
    by_batch.step_batch();
    for (int p = 0; p < by_phase.phases_per_batch(); ++p) by_phase.step_phase();
  }
  for (int l = 0; l < 3; ++l) {
    CHECK(by_phase.layer(l).W == by_batch.layer(l).W);
    CHECK(by_phase.layer(l).b == by_batch.layer(l).b);
  }
  CHECK(by_phase.iterations() == 7);
  CHECK(by_phase.epoch() == 1);
  CHECK(by_phase.history().size() == 1);
}

TEST_CASE("the phases come in the documented order and leave their values readable", "[trainer]") {
  auto t = make<double>(article_model(), article_data(), 2, 4);
  const std::vector<std::pair<PhaseKind, int>> expected = {
      {PhaseKind::forward, 0}, {PhaseKind::forward, 1}, {PhaseKind::forward, 2},
      {PhaseKind::loss, -1},   {PhaseKind::backward, 2}, {PhaseKind::backward, 1},
      {PhaseKind::backward, 0}, {PhaseKind::update, 0}, {PhaseKind::update, 1},
      {PhaseKind::update, 2}};
  const Matrix<double> W0 = t.layer(0).W;
  for (const auto& [kind, layer] : expected) {
    REQUIRE(t.next_phase().kind == kind);
    REQUIRE(t.next_phase().layer == layer);
    t.step_phase();
    REQUIRE(t.last_phase().kind == kind);
  }
  REQUIRE(t.batch_indices().size() == 2);
  // z = W a_prev + b and the update that was applied are both readable afterwards.
  const auto& L0 = t.layer(0);
  const Matrix<double> z = (W0 * L0.a_prev).colwise() + (L0.b - L0.delta_b);
  CHECK((z - L0.z).cwiseAbs().maxCoeff() < 1e-12);
  CHECK((L0.W - W0 - L0.delta_W).cwiseAbs().maxCoeff() < 1e-15);
  CHECK(t.optimizer_slot_names() == std::vector<std::string>{"m", "v"});
  CHECK(t.optimizer_slots(0, 0)[0].size() == L0.W.size());
}

TEST_CASE("the same seed gives bit-identical weights, another seed different ones", "[trainer]") {
  auto a = make<float>(article_model(), article_data(), 1, 123);
  auto b = make<float>(article_model(), article_data(), 1, 123);
  auto c = make<float>(article_model(), article_data(), 1, 124);
  a.train_epochs(20);
  b.train_epochs(20);
  c.train_epochs(20);
  for (int l = 0; l < 3; ++l) {
    CHECK(a.layer(l).W == b.layer(l).W);
    CHECK(a.layer(l).b == b.layer(l).b);
  }
  CHECK(a.layer(0).W != c.layer(0).W);
}

TEST_CASE("bad configuration and data give clear errors and leave the trainer usable", "[trainer]") {
  auto t = make<double>(article_model(), article_data(), 1, 1);
  t.train_epochs(2);
  const Matrix<double> W = t.layer(0).W;
  Dataset wide = article_data();
  wide.x.conservativeResize(9, Eigen::NoChange);
  wide.x.row(8).setZero();
  REQUIRE_THROWS_WITH(t.set_data(wide, Dataset{}), Catch::Contains("9 feature columns") && Catch::Contains("takes 8"));
  Dataset bad_labels = article_data();
  bad_labels.y(0, 3) = 2.0;
  REQUIRE_THROWS_WITH(t.set_data(bad_labels, Dataset{}), Catch::Contains("row 4") && Catch::Contains("[0, 1]"));
  Dataset nan = article_data();
  nan.x(2, 5) = std::nan("");
  REQUIRE_THROWS_WITH(t.set_data(nan, Dataset{}), Catch::Contains("row 6, feature 3"));
  REQUIRE_THROWS_WITH(t.set_learning_rate(-1), Catch::Contains("learning_rate"));
  REQUIRE_THROWS_WITH(t.set_learning_rate(std::nan("")), Catch::Contains("learning_rate"));
  REQUIRE_THROWS_WITH(t.set_batch_size(0), Catch::Contains("batch size"));
  REQUIRE_THROWS_WITH(t.set_weight(5, 0, 0, 1.0), Catch::Contains("layer 6 does not exist"));
  REQUIRE_THROWS_WITH(t.set_weight(0, 10, 0, 1.0), Catch::Contains("outside"));
  REQUIRE(t.layer(0).W == W);
  REQUIRE(t.train_epochs(1) == 1);

  ModelSpec zero = article_model();
  zero.layers[1].units = 0;
  REQUIRE_THROWS_WITH(Trainer<double>(zero, 1), Catch::Contains("layer 2: units must be at least 1"));
  ModelSpec huge = article_model();
  huge.layers[0].units = 1000000;
  REQUIRE_THROWS_WITH(Trainer<double>(huge, 1), Catch::Contains("limit"));
}

TEST_CASE("a huge learning rate diverges, and training stops", "[trainer]") {
  ModelSpec spec = article_model();
  spec.layers[2].activation = Activation::linear;
  spec.loss = Loss::mean_squared_error;
  spec.optimizer = default_optimizer(OptimizerKind::sgd);
  spec.optimizer.learning_rate = 1e5;
  auto t = make<float>(spec, article_data(), 10, 2);
  const long done = t.train_epochs(100);
  CHECK(done < 100);
  CHECK(t.diverged());
}

TEST_CASE("a sine regression reaches a low mean squared error", "[trainer]") {
  Dataset d;
  const int n = 128;
  d.x.resize(1, n);
  d.y.resize(1, n);
  for (int j = 0; j < n; ++j) {
    d.x(0, j) = -3.14159 + 6.28318 * j / (n - 1);
    d.y(0, j) = std::sin(d.x(0, j));
  }
  ModelSpec spec;
  spec.input_dim = 1;
  LayerConfig hidden, out;
  hidden.units = 16;
  hidden.activation = Activation::tanh;
  out.units = 1;
  spec.layers = {hidden, out};
  spec.loss = Loss::mean_squared_error;
  spec.optimizer = default_optimizer(OptimizerKind::adam);
  spec.optimizer.learning_rate = 0.01;
  auto t = make<float>(spec, d, 16, 3);
  t.train_epochs(400);
  const double mse = t.evaluate(t.train_x(), t.train_y()).loss;
  INFO("mse " << mse);
  CHECK(mse < 0.005);
}

TEST_CASE("a copy of a trainer is an independent checkpoint", "[trainer]") {
  auto t = make<double>(article_model(), article_data(), 1, 8);
  t.train_epochs(3);
  const Trainer<double> checkpoint = t;
  t.train_epochs(3);
  Trainer<double> again = checkpoint;
  again.train_epochs(3);
  for (int l = 0; l < 3; ++l) CHECK(again.layer(l).W == t.layer(l).W);
  CHECK(checkpoint.epoch() == 3);
}

TEST_CASE("editing a weight mid-batch restarts that batch from its forward pass", "[trainer]") {
  auto t = make<double>(article_model(), article_data(), 2, 5);
  t.step_phase();
  t.step_phase();
  const auto samples = t.batch_indices();
  t.set_weight(0, 0, 0, 0.25);
  REQUIRE(t.phase_index() == 0);
  REQUIRE(t.next_phase().kind == PhaseKind::forward);
  t.step_phase();
  CHECK(t.batch_indices() == samples);
  CHECK(t.layer(0).W(0, 0) == 0.25);
}

TEST_CASE("layer outputs give every layer's activations; predict refuses bad inputs", "[trainer]") {
  auto t = make<double>(article_model(), article_data(), 1, 6);
  const Matrix<double> X = article_data().x;
  const auto outputs = t.layer_outputs(X);
  REQUIRE(outputs.size() == 3);
  CHECK(outputs[0].rows() == 10);
  CHECK(outputs[1].rows() == 8);
  CHECK(outputs[2] == t.predict(X));
  Matrix<double> bad = X;
  bad(3, 4) = std::nan("");
  REQUIRE_THROWS_WITH(t.predict(bad), Catch::Contains("row 5, feature 4"));
  REQUIRE_THROWS_WITH(t.predict(Matrix<double>::Zero(3, 2)), Catch::Contains("takes 8"));
}
