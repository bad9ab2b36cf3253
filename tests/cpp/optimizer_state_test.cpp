// A model file keeps its optimizer's state (step count and slots), so a loaded model trains on
// where the saved one stopped: with shuffling off, bit for bit as if it had never been saved.
#include <catch2/catch.hpp>
#include <string>

#include "core/model_file.hpp"
#include "fixtures.hpp"

using namespace neurostep;
using namespace neurostep::test;

namespace {

// The XOR model, its hidden layer without bias (whose bias slots the file leaves out).
ModelSpec model_with(OptimizerConfig optimizer) {
  ModelSpec spec = xor_model(4);
  spec.layers[0].use_bias = false;
  spec.optimizer = optimizer;
  return spec;
}

OptimizerConfig configured(OptimizerKind kind, double momentum = 0.0, bool amsgrad = false) {
  OptimizerConfig c = default_optimizer(kind);
  c.learning_rate = 0.05;
  c.momentum = momentum;
  c.amsgrad = amsgrad;
  if (kind == OptimizerKind::adagrad) c.initial_accumulator_value = 0.3;
  return c;
}

template <typename S>
Trainer<S> trained(const ModelSpec& spec, long epochs) {
  Trainer<S> t(spec, 11);
  t.set_shuffle(false);
  t.set_batch_size(3);
  t.set_data(xor_data(), Dataset{});
  t.train_epochs(epochs);
  return t;
}

template <typename S>
Trainer<S> loaded(const std::string& text) {
  Trainer<S> u = make_trainer<S>(load_model(text));
  u.set_shuffle(false);
  u.set_data(xor_data(), Dataset{});
  return u;
}

template <typename S>
bool same_weights(const Trainer<S>& a, const Trainer<S>& b) {
  for (int l = 0; l < a.network().depth(); ++l)
    if (a.layer(l).W != b.layer(l).W || a.layer(l).b != b.layer(l).b) return false;
  return true;
}

// The saved file of the busy Adam model, with `edit` applied to its JSON.
template <typename Edit>
std::string edited(Edit edit) {
  Json doc = Json::parse(save_model(trained<double>(model_with(configured(OptimizerKind::adam)), 2)));
  edit(doc);
  return doc.dump();
}

}  // namespace

TEMPLATE_TEST_CASE("a loaded model trains on exactly as the saved one would", "[model_io][optimizer_state]", float, double) {
  const OptimizerConfig optimizer = GENERATE(configured(OptimizerKind::sgd), configured(OptimizerKind::sgd, 0.9),
                                             configured(OptimizerKind::adam), configured(OptimizerKind::adam, 0, true),
                                             configured(OptimizerKind::rmsprop), configured(OptimizerKind::rmsprop, 0.5),
                                             configured(OptimizerKind::adagrad));
  CAPTURE(name_of(optimizer.kind), optimizer.momentum, optimizer.amsgrad);
  Trainer<TestType> t = trained<TestType>(model_with(optimizer), 3);
  const std::string text = save_model(t);
  Trainer<TestType> u = loaded<TestType>(text);
  CHECK(u.iterations() == t.iterations());
  CHECK(save_model(u) == text);  // the file it writes is the same file (its 3 epochs counted)

  t.train_epochs(4);
  u.train_epochs(4);
  CHECK(same_weights(t, u));
  CHECK(u.iterations() == t.iterations());
}

TEST_CASE("without its optimizer state a model restarts its optimizer, as older files do", "[model_io][optimizer_state]") {
  Trainer<double> t = trained<double>(model_with(configured(OptimizerKind::adam)), 3);
  Json doc = Json::parse(save_model(t));
  doc.erase("optimizer_state");
  Trainer<double> u = loaded<double>(doc.dump());
  CHECK(u.iterations() == 0);
  t.train_epochs(1);
  u.train_epochs(1);
  CHECK_FALSE(same_weights(t, u));  // Adam's m and v matter: the state is worth keeping
}

TEST_CASE("the optimizer state is written like the weights: Keras's kernel orientation, slots by name", "[model_io][optimizer_state]") {
  const Trainer<double> t = trained<double>(model_with(configured(OptimizerKind::adam)), 2);
  const Json doc = Json::parse(save_model(t));
  const Json& o = doc["optimizer_state"];
  CHECK(o["iterations"].get<long>() == t.iterations());
  const Json& first = o["slots"][0];
  CHECK_FALSE(first.contains("bias"));  // the hidden layer has no bias
  REQUIRE(first["kernel"]["m"].size() == 2);     // inputs
  REQUIRE(first["kernel"]["m"][0].size() == 4);  // units
  const OptimizerState state = t.optimizer_state();
  CHECK(first["kernel"]["v"][1][3].get<double>() == state.slots[0][1].W(3, 1));
  CHECK(o["slots"][1]["bias"]["m"][0].get<double>() == state.slots[1][0].b(0));
}

TEST_CASE("a broken optimizer state is refused with the place named", "[model_io][optimizer_state]") {
  using Catch::Contains;
  const auto refused = [](const std::string& text, const std::string& message) {
    CAPTURE(message);
    CHECK_THROWS_MATCHES(make_trainer<double>(load_model(text)), Error, Catch::Message(message));
  };
  refused(edited([](Json& d) { d["optimizer_state"]["slots"][0]["kernel"].erase("v"); }),
          "optimizer_state.slots[0].kernel must hold the slots adam keeps (m, v), got m");
  refused(edited([](Json& d) { d["optimizer_state"]["slots"][1]["bias"]["momentum"] = d["optimizer_state"]["slots"][1]["bias"]["m"]; }),
          "optimizer_state.slots[1].bias must hold the slots adam keeps (m, v), got m, momentum, v");
  refused(edited([](Json& d) { d["optimizer_state"]["slots"][0]["bias"] = Json::object(); }),
          "optimizer_state.slots[0]: \"bias\" must be left out: layer 1 (\"dense\") has use_bias false");
  refused(edited([](Json& d) { d["optimizer_state"]["slots"][0]["kernel"]["m"][1].erase(0); }),
          "optimizer_state.slots[0].kernel.m must be 2 x 4 (inputs x units, Keras's orientation) for layer 1 "
          "(\"dense\"), got 2 rows of 4 or more values");
  refused(edited([](Json& d) { d["optimizer_state"]["slots"][1]["kernel"]["v"][2][0] = -1.5; }),
          "optimizer_state.slots[1].kernel.v[2][0] is -1.5; v sums squared gradients, so it cannot be negative");
  refused(edited([](Json& d) { d["optimizer_state"]["slots"][1]["kernel"]["m"][0][0] = nullptr; }),
          "optimizer_state.slots[1].kernel.m[0][0] is null; weights must be finite numbers (JSON writers put null "
          "where a weight was NaN or infinite)");
  refused(edited([](Json& d) { d["optimizer_state"]["iterations"] = -3; }),
          "optimizer_state.iterations must be between 0 and 2000000000, got -3");
  refused(edited([](Json& d) { d["optimizer_state"]["slots"].erase(1); }),
          "optimizer_state.slots has 1 entries but the model has 2 Dense layers");
  refused(edited([](Json& d) { d.erase("weights"); }),
          "optimizer_state is given without weights: it belongs to trained weights");
  refused(edited([](Json& d) { d["optimizer_state"]["step"] = 1; }),
          "optimizer_state: unknown key \"step\"; valid keys are iterations, slots");
}

TEST_CASE("set_optimizer_state checks everything before it takes anything", "[trainer][optimizer_state]") {
  Trainer<float> t = trained<float>(model_with(configured(OptimizerKind::adagrad)), 2);
  const OptimizerState before = t.optimizer_state();
  OptimizerState huge = before;
  huge.slots[1][0].b(0) = 1e39;  // beyond float32
  CHECK_THROWS_MATCHES(t.set_optimizer_state(huge), Error,
                       Catch::Message("layer 2: the optimizer's accumulator must hold finite float32 numbers, none "
                                      "negative (it sums squared gradients)"));
  OptimizerState missing = before;
  missing.slots[0].clear();
  CHECK_THROWS_MATCHES(t.set_optimizer_state(missing), Error,
                       Catch::Message("layer 1: the optimizer state has 0 slots but adagrad keeps 1 (accumulator)"));
  const OptimizerState after = t.optimizer_state();
  CHECK(after.iterations == before.iterations);
  CHECK(after.slots[1][0].b == before.slots[1][0].b);
}

TEST_CASE("a message echoes a number the user gave exactly", "[errors]") {
  CHECK(exact(1000001) == "1000001");
  CHECK(exact(4294967296.0) == "4294967296");
  CHECK(exact(0.1) == "0.1");
  CHECK(exact(1.0000001) == "1.0000001");
  CHECK(exact(-0.5) == "-0.5");
  CHECK(exact(1e300) == "1e+300");
  CHECK(exact(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(exact(-std::numeric_limits<double>::infinity()) == "-inf");
}
