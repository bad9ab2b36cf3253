// dL/dx (the first layer's dA_prev) is skipped by train_epochs for every batch but the last of
// the call, and computed whenever a step is taken one phase or one batch at a time (Teach mode)
// and by the gradient check's network: skipping it changes no weight, and what can be read
// after each call is the same as if it had been computed all along.
#include <catch2/catch.hpp>
#include <cstring>

#include "core/trainer.hpp"
#include "fixtures.hpp"

using namespace neurostep;

namespace {

template <typename S>
bool same_bits(const Matrix<S>& a, const Matrix<S>& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         (a.size() == 0 || std::memcmp(a.data(), b.data(), sizeof(S) * static_cast<std::size_t>(a.size())) == 0);
}

ModelSpec two_hidden_layers() {
  ModelSpec spec = test::xor_model(5);
  LayerConfig extra;
  extra.units = 4;
  extra.activation = Activation::relu;
  spec.layers.insert(spec.layers.begin() + 1, extra);
  return spec;
}

}  // namespace

TEST_CASE("train_epochs trains as batch-by-batch steps do, and leaves the last batch's dL/dx", "[input_gradient]") {
  const Dataset data = test::article_data();
  const ModelSpec spec = article_model();
  Trainer<double> fast(spec, 11), slow(spec, 11);
  for (auto* t : {&fast, &slow}) {
    t->set_data(data, Dataset{});
    t->set_batch_size(3);  // 4 batches per epoch, the last one of 1 sample
  }
  REQUIRE(fast.train_epochs(5) == 5);
  for (int b = 0; b < 5 * 4; ++b) slow.step_batch();
  for (int l = 0; l < fast.network().depth(); ++l) {
    INFO("layer " << l + 1);
    CHECK(same_bits(fast.layer(l).W, slow.layer(l).W));
    CHECK(same_bits(fast.layer(l).dA_prev, slow.layer(l).dA_prev));
  }
  REQUIRE(fast.layer(0).dA_prev.rows() == data.features());
  CHECK(fast.layer(0).dA_prev.cols() == 1);

  // Starting mid-epoch and finishing in another epoch: the same again.
  fast.step_batch();
  slow.step_batch();
  REQUIRE(fast.train_epochs(2) == 2);
  for (int b = 0; b < 3 + 4; ++b) slow.step_batch();
  CHECK(same_bits(fast.layer(0).W, slow.layer(0).W));
  CHECK(same_bits(fast.layer(0).dA_prev, slow.layer(0).dA_prev));
}

TEST_CASE("stepping phase by phase computes dL/dx in the first layer's backward phase", "[input_gradient]") {
  Trainer<float> t(two_hidden_layers(), 3);
  t.set_data(test::xor_data(), Dataset{});
  t.set_batch_size(4);
  t.train_epochs(2);
  while (!(t.next_phase().kind == PhaseKind::backward && t.next_phase().layer == 0)) t.step_phase();
  t.step_phase();
  const DenseLayer<float>& first = t.layer(0);
  const Matrix<float> expected = first.W.transpose() * first.dZ;  // 2 x 5 times 5 x 4: exact enough
  REQUIRE(first.dA_prev.rows() == 2);
  REQUIRE(first.dA_prev.cols() == 4);
  CHECK((first.dA_prev - expected).cwiseAbs().maxCoeff() < 1e-6f);
}

TEST_CASE("a network's backward pass skips dL/dx only when told to", "[input_gradient]") {
  const Dataset data = test::xor_data();
  Network<double> net(two_hidden_layers());
  Random rng(5);
  net.initialize(rng);
  const Matrix<double> X = data.x, Y = data.y;
  for (int l = 0; l < net.depth(); ++l) net.forward_layer(l, X);
  net.compute_loss_and_output_gradient(Y);
  for (int l = net.depth() - 1; l >= 0; --l) net.backward_layer(l, false);
  CHECK(net.layer(0).dA_prev.size() == 0);
  CHECK(net.layer(1).dA_prev.rows() == 5);  // the layers above still hand theirs down
  const Matrix<double> dW = net.layer(0).dW;
  net.backward_layer(0);
  CHECK(net.layer(0).dA_prev.rows() == 2);
  CHECK(same_bits(net.layer(0).dW, dW));
}
