// The layers beyond Dense and the activations: each backward rule against finite differences in
// float64 (every trained weight and the input batch, <= 1e-6), Dropout's masks and their
// statistics, BatchNormalization's moving statistics, the constraints and regularizers, and
// Dense-only models unchanged by the layer interface.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/gradient_check.hpp"
#include "core/trainer.hpp"
#include "fixtures.hpp"

using namespace neurostep;

namespace {

LayerConfig dense(int units, Activation a = Activation::linear) {
  LayerConfig c;
  c.units = units;
  c.activation = a;
  return c;
}
LayerConfig of(LayerKind kind) { return default_layer(kind); }

ModelSpec spec_of(std::vector<LayerConfig> layers, Loss loss = Loss::mean_squared_error, int inputs = 3) {
  ModelSpec spec;
  spec.input_dim = inputs;
  spec.layers = std::move(layers);
  spec.loss = loss;
  return spec;
}

// Worst relative error of the gradient check over every trained weight and the input, on an
// odd batch of random inputs with targets for mse (or one-hot for cross-entropy).
double worst_error(const ModelSpec& spec, std::uint32_t seed = 3) {
  Network<double> net(spec);
  Random rng(seed);
  net.initialize(rng);
  for (int l = 0; l < net.depth(); ++l)  // weights away from their initial 0s and 1s
    for (auto& p : net.at(l).params())
      if (p.trainable)
        for (Eigen::Index i = 0; i < p.size(); ++i) p.value[i] += rng.uniform(-0.3, 0.3);
  const int B = 5, K = net.output_dim();
  Matrix<double> X(spec.input_dim, B), Y(K, B);
  for (Eigen::Index i = 0; i < X.size(); ++i) X(i) = rng.uniform(-1.5, 1.5);
  if (is_crossentropy(spec.loss)) {
    Y.setZero();
    for (int j = 0; j < B; ++j) Y(rng.below(K), j) = 1;
  } else {
    for (Eigen::Index i = 0; i < Y.size(); ++i) Y(i) = rng.uniform(-1, 1);
  }
  ParamGradientCheck input;
  double worst = 0;
  for (const auto& layer : gradient_check(net, X, Y, &input)) worst = std::max(worst, layer.max_relative_error);
  return std::max(worst, input.max_relative_error);
}

}  // namespace

TEST_CASE("every activation's f' matches finite differences in float64", "[layers][gradient]") {
  for (const auto& [name, a] : activation_names()) {
    INFO(name);
    const bool per_sample = is_per_sample(a);
    // Dense(4, f) -> Dense(2): f' enters through dL/dW of the first layer and dL/dX.
    CHECK(worst_error(spec_of({dense(4, a), dense(2)})) <= 1e-6);
    // Activation(f) as a layer of its own, after a Dense layer.
    LayerConfig act = of(LayerKind::activation);
    act.activation = a;
    CHECK(worst_error(spec_of({dense(4), act, dense(2)})) <= 1e-6);
    if (per_sample) CHECK(worst_error(spec_of({dense(3), act}, Loss::mean_squared_error)) <= 1e-6);
  }
}

TEST_CASE("every layer kind's backward rule matches finite differences in float64", "[layers][gradient]") {
  LayerConfig relu = of(LayerKind::relu);
  relu.max_value = 0.8;
  relu.negative_slope = 0.1;
  relu.threshold = 0.05;
  LayerConfig leaky = of(LayerKind::leaky_relu), elu = of(LayerKind::elu), prelu = of(LayerKind::prelu);
  elu.alpha = 0.7;
  LayerConfig bn = of(LayerKind::batch_normalization), ln = of(LayerKind::layer_normalization);
  LayerConfig bn_plain = bn;
  bn_plain.center = bn_plain.scale = false;
  LayerConfig dropout = of(LayerKind::dropout);
  dropout.rate = 0.4;
  const std::vector<std::pair<const char*, LayerConfig>> kinds = {
      {"ReLU", relu}, {"LeakyReLU", leaky}, {"ELU", elu}, {"PReLU", prelu}, {"BatchNormalization", bn},
      {"BatchNormalization without center and scale", bn_plain}, {"LayerNormalization", ln},
      {"Dropout (mask held fixed)", dropout}, {"Softmax", of(LayerKind::softmax)}};
  for (const auto& [name, layer] : kinds) {
    INFO(name);
    CHECK(worst_error(spec_of({dense(4, Activation::tanh), layer, dense(2)})) <= 1e-6);
    CHECK(worst_error(spec_of({layer, dense(2, Activation::sigmoid)})) <= 1e-6);  // first: dL/dX checks it alone
  }
  // Softmax and Activation('sigmoid') as the output, where the loss gives dL/dz directly.
  CHECK(worst_error(spec_of({dense(3), of(LayerKind::softmax)}, Loss::categorical_crossentropy)) <= 1e-6);
  LayerConfig sigmoid = of(LayerKind::activation);
  sigmoid.activation = Activation::sigmoid;
  CHECK(worst_error(spec_of({dense(2), sigmoid}, Loss::binary_crossentropy)) <= 1e-6);
  // Flatten first, as for an image input.
  ModelSpec image = spec_of({of(LayerKind::flatten), dense(2)}, Loss::mean_squared_error, 6);
  image.input_shape = {2, 3};
  CHECK(worst_error(image) <= 1e-6);
}

TEST_CASE("the regularizers' terms and gradients, and the constraints after each update", "[layers]") {
  LayerConfig h = dense(4, Activation::tanh);
  h.l1 = 0.01;
  h.l2 = 0.02;
  h.bias_regularizer = {0.03, 0.04};
  h.activity_regularizer = {0.01, 0.05};
  LayerConfig out = dense(1, Activation::sigmoid);
  out.activity_regularizer = {0.0, 0.1};  // on an output whose dL/dz comes from the loss
  CHECK(worst_error(spec_of({h, out}, Loss::binary_crossentropy)) <= 1e-6);
  LayerConfig bn = of(LayerKind::batch_normalization);
  bn.activity_regularizer = {0.0, 0.02};
  CHECK(worst_error(spec_of({dense(3), bn, dense(1)})) <= 1e-6);

  // The loss holds every term: a trainer's first batch loss is the mse plus the penalties.
  ModelSpec spec = spec_of({h, dense(1)}, Loss::mean_squared_error, 2);
  Trainer<double> t(spec, 5);
  t.set_batch_size(4);
  t.set_data(test::xor_data(), {});
  for (int p = 0; p <= 2; ++p) t.step_phase();  // forward, forward, loss
  const auto& L0 = t.layer(0);
  const Matrix<double> Y = t.batch_y();
  const double mse = (t.network().at(1).output() - Y).array().square().mean();
  const double expected = mse + 0.01 * L0.W.cwiseAbs().sum() + 0.02 * L0.W.squaredNorm() +
                          0.03 * L0.b.cwiseAbs().sum() + 0.04 * L0.b.squaredNorm() +
                          0.01 * L0.a.cwiseAbs().sum() + 0.05 * L0.a.squaredNorm();
  CHECK(t.last_loss().batch_loss == Approx(expected).epsilon(1e-12));

  // MaxNorm(0.5) on each unit's incoming weights, NonNeg on the bias, after every update.
  LayerConfig c = dense(3, Activation::relu);
  c.kernel_constraint = default_constraint(ConstraintKind::max_norm);
  c.kernel_constraint.max_value = 0.5;
  c.bias_constraint = default_constraint(ConstraintKind::non_neg);
  LayerConfig unit = dense(1);
  unit.kernel_constraint = default_constraint(ConstraintKind::unit_norm);
  ModelSpec constrained = spec_of({c, unit}, Loss::mean_squared_error, 2);
  constrained.optimizer = default_optimizer(OptimizerKind::sgd);
  constrained.optimizer.learning_rate = 0.5;
  Trainer<double> ct(constrained, 9);
  ct.set_batch_size(2);
  ct.set_data(test::xor_data(), {});
  ct.train_epochs(5);
  for (Eigen::Index u = 0; u < 3; ++u) CHECK(ct.layer(0).W.row(u).norm() <= 0.5 + 1e-12);
  CHECK((ct.layer(0).b.array() >= 0).all());
  CHECK(ct.layer(1).W.norm() == Approx(1.0).epsilon(1e-6));
}

TEST_CASE("Dropout: the mask's statistics, its scaling, the same mask on the way back, identity at inference", "[layers]") {
  LayerConfig drop = of(LayerKind::dropout);
  drop.rate = 0.3;
  Network<double> net(spec_of({drop, dense(1)}, Loss::mean_squared_error, 200));
  Random rng(11);
  net.initialize(rng);
  const Matrix<double> X = Matrix<double>::Constant(200, 50, 2.0);
  net.forward_layer(0, X, {true, &rng, false});
  const auto* d = net.at(0).as<DropoutLayer<double>>();
  REQUIRE(d != nullptr);
  // 10000 Bernoulli(0.7) draws: the kept fraction within 4 standard deviations of 0.7.
  const double kept = d->mask.mean(), sd = std::sqrt(0.7 * 0.3 / 10000);
  CHECK(std::fabs(kept - 0.7) < 4 * sd);
  for (Eigen::Index i = 0; i < X.size(); ++i) CHECK(d->a(i) == (d->mask(i) > 0 ? 2.0 / 0.7 : 0.0));
  CHECK(std::fabs(d->a.mean() - 2.0) < 4 * 2.0 / 0.7 * sd);  // the expected value is kept
  // A new batch draws a new mask; each column is not the same as the first.
  const Matrix<double> first = d->mask;
  net.forward_layer(0, X, {true, &rng, false});
  CHECK(d->mask != first);
  // Backward: the same mask and scale.
  net.forward_layer(1, X);
  net.compute_loss_and_output_gradient(Matrix<double>::Zero(1, 50));
  net.backward_layer(1);
  net.backward_layer(0);
  for (Eigen::Index i = 0; i < X.size(); ++i) CHECK(d->dA_prev(i) == (d->mask(i) > 0 ? d->dA(i) / 0.7 : 0.0));
  // Inference: the identity (predict, and a forward pass with training off).
  const Matrix<double> out = net.predict(X);
  const auto* head = net.at(1).as<DenseLayer<double>>();
  CHECK(out.isApprox(head->W * X + head->b.replicate(1, 50), 1e-12));
  net.forward_layer(0, X, {false, &rng, false});
  CHECK(d->a == X);

  // Rate 0 draws nothing: a trainer with Dropout(0) shuffles and trains exactly as one without.
  LayerConfig none = of(LayerKind::dropout);
  none.rate = 0.0;
  Trainer<double> with(spec_of({dense(3, Activation::tanh), none, dense(1, Activation::sigmoid)}, Loss::binary_crossentropy, 2), 4);
  Trainer<double> without(test::xor_model(), 4);
  for (auto* t : {&with, &without}) {
    t->set_batch_size(2);
    t->set_data(test::xor_data(), {});
    t->train_epochs(3);
  }
  CHECK(with.layer(0).W == without.layer(0).W);
  CHECK(with.layer(2).W == without.layer(1).W);
}

TEST_CASE("BatchNormalization: batch statistics in training, moving ones at inference, Keras's update", "[layers]") {
  LayerConfig bn = of(LayerKind::batch_normalization);
  bn.momentum = 0.9;
  Network<double> net(spec_of({bn}, Loss::mean_squared_error, 2));
  Random rng(1);
  net.initialize(rng);
  Matrix<double> X(2, 4);
  X << 1, 2, 3, 4, -1, 0, 0, 5;
  net.forward_layer(0, X, {true, &rng, false});
  const auto* L = net.at(0).as<BatchNormalizationLayer<double>>();
  CHECK(L->batch_mean(0) == Approx(2.5));
  CHECK(L->batch_variance(0) == Approx(1.25));  // biased: (2.25 + 0.25 + 0.25 + 2.25) / 4
  CHECK(L->moving_mean(0) == Approx(0.9 * 0 + 0.1 * 2.5));
  CHECK(L->moving_variance(0) == Approx(0.9 * 1 + 0.1 * 1.25));
  CHECK(L->a(0, 0) == Approx((1 - 2.5) / std::sqrt(1.25 + 1e-3)));
  const Matrix<double> inferred = net.predict(X);
  CHECK(inferred(0, 0) == Approx((1 - 0.25) / std::sqrt(1.025 + 1e-3)));
}

TEST_CASE("a Trainer with every new layer trains, copies as a checkpoint and stays finite", "[layers]") {
  LayerConfig drop = of(LayerKind::dropout);
  drop.rate = 0.25;
  ModelSpec spec = spec_of({dense(6, Activation::gelu), of(LayerKind::batch_normalization), drop,
                            of(LayerKind::prelu), dense(4, Activation::selu), of(LayerKind::layer_normalization),
                            dense(2), of(LayerKind::softmax)},
                           Loss::categorical_crossentropy, 2);
  Dataset data = test::xor_data();
  data.y = Eigen::MatrixXd(2, 4);
  data.y << 1, 0, 0, 1, 0, 1, 1, 0;
  Trainer<float> t(spec, 21);
  t.set_batch_size(2);
  t.set_data(data, data);
  t.train_epochs(2);
  Trainer<float> copy = t;
  t.train_epochs(3);
  copy.train_epochs(3);
  REQUIRE(!t.diverged());
  for (int l = 0; l < t.network().depth(); ++l) {
    const auto a = t.network().at(l).params(), b = copy.network().at(l).params();
    for (std::size_t k = 0; k < a.size(); ++k) CHECK(a[k].matrix() == b[k].matrix());
  }
  CHECK(t.phases_per_batch() == 3 * 8 + 1);
}
