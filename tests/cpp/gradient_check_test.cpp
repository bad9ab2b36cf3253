#include <catch2/catch.hpp>

#include "core/gradient_check.hpp"

using namespace neurostep;

namespace {

// A network of the given hidden activation, output activation and loss, on random data whose
// targets suit the loss.
ModelSpec make_spec(Activation hidden, Activation output, Loss loss, int outputs, double l1 = 0, double l2 = 0) {
  ModelSpec spec;
  spec.input_dim = 3;
  LayerConfig h1, h2, out;
  h1.units = 4;
  h1.activation = hidden;
  h1.l1 = l1;
  h1.l2 = l2;
  h2.units = 5;
  h2.activation = hidden;
  h2.l2 = l2;
  out.units = outputs;
  out.activation = output;
  out.l1 = l1;
  spec.layers = {h1, h2, out};
  spec.loss = loss;
  return spec;
}

void make_batch(Loss loss, int outputs, Random& rng, Matrix<double>& X, Matrix<double>& Y) {
  // An odd batch: with mae, an output bias gradient is a mean of +-1 terms and could cancel
  // to exactly 0 for an even one, leaving only finite-difference rounding noise to compare.
  const int B = 7;
  X.resize(3, B);
  for (Eigen::Index i = 0; i < X.size(); ++i) X(i) = rng.uniform(-1.5, 1.5);
  if (loss == Loss::sparse_categorical_crossentropy) {
    Y.resize(1, B);
    for (int j = 0; j < B; ++j) Y(0, j) = rng.below(static_cast<std::uint32_t>(outputs));
  } else if (loss == Loss::categorical_crossentropy) {
    Y.setZero(outputs, B);
    for (int j = 0; j < B; ++j) Y(rng.below(static_cast<std::uint32_t>(outputs)), j) = 1;
  } else if (loss == Loss::binary_crossentropy) {
    Y.resize(outputs, B);
    for (Eigen::Index i = 0; i < Y.size(); ++i) Y(i) = rng.below(2);
  } else {
    Y.resize(outputs, B);
    for (Eigen::Index i = 0; i < Y.size(); ++i) Y(i) = rng.uniform(-1, 1);
  }
}

double worst_error(const ModelSpec& spec, std::uint32_t seed) {
  Network<double> net(spec);
  Random rng(seed);
  net.initialize(rng);
  // Nonzero biases, so that the bias gradients are exercised away from the initial zeros.
  for (int l = 0; l < net.depth(); ++l)
    for (Eigen::Index i = 0; i < net.layer(l).b.size(); ++i) net.layer(l).b(i) = rng.uniform(-0.3, 0.3);
  Matrix<double> X, Y;
  make_batch(spec.loss, spec.layers.back().units, rng, X, Y);
  double worst = 0;
  for (const auto& c : gradient_check(net, X, Y)) worst = std::max(worst, c.max_relative_error);
  return worst;
}

}  // namespace

TEST_CASE("backpropagation matches finite differences for every activation and loss", "[gradient]") {
  // relu and leaky_relu have a kink at 0; with these seeds no pre-activation lies within the
  // finite-difference step of it.
  const std::vector<Activation> hidden = {Activation::linear, Activation::relu, Activation::leaky_relu,
                                          Activation::elu, Activation::sigmoid, Activation::tanh,
                                          Activation::softplus};
  struct Head { Activation out; Loss loss; int units; };
  const std::vector<Head> heads = {
      {Activation::linear, Loss::mean_squared_error, 2},
      {Activation::tanh, Loss::mean_squared_error, 1},
      {Activation::sigmoid, Loss::mean_squared_error, 1},
      {Activation::linear, Loss::mean_absolute_error, 2},
      {Activation::sigmoid, Loss::binary_crossentropy, 1},
      {Activation::sigmoid, Loss::binary_crossentropy, 3},
      {Activation::softmax, Loss::categorical_crossentropy, 3},
      {Activation::softmax, Loss::sparse_categorical_crossentropy, 4},
      {Activation::softplus, Loss::categorical_crossentropy, 3},
      {Activation::softmax, Loss::mean_squared_error, 3},
  };
  for (Activation h : hidden)
    for (const Head& head : heads) {
      INFO("hidden " << name_of(h) << ", output " << name_of(head.out) << ", loss " << name_of(head.loss));
      CHECK(worst_error(make_spec(h, head.out, head.loss, head.units), 11) <= 1e-6);
    }
}

TEST_CASE("backpropagation matches finite differences with L1/L2 regularisation", "[gradient]") {
  for (Activation h : {Activation::tanh, Activation::elu, Activation::sigmoid}) {
    INFO("hidden " << name_of(h));
    CHECK(worst_error(make_spec(h, Activation::sigmoid, Loss::binary_crossentropy, 1, 0.01, 0.02), 5) <= 1e-6);
    CHECK(worst_error(make_spec(h, Activation::softmax, Loss::categorical_crossentropy, 3, 0.003, 0.1), 6) <= 1e-6);
  }
}

TEST_CASE("a deep network's gradients match finite differences", "[gradient]") {
  ModelSpec spec;
  spec.input_dim = 3;
  for (int i = 0; i < 6; ++i) {
    LayerConfig c;
    c.units = 4 + i % 3;
    c.activation = i % 2 ? Activation::tanh : Activation::elu;
    c.l2 = 0.01;
    spec.layers.push_back(c);
  }
  LayerConfig out;
  out.units = 1;
  out.activation = Activation::sigmoid;
  spec.layers.push_back(out);
  spec.loss = Loss::binary_crossentropy;
  CHECK(worst_error(spec, 3) <= 1e-6);
}
