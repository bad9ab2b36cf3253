// Every class of bad input in tests/BAD_INPUTS.md, at the C++ level (B01 ... B15 there). Each
// bad call must throw neurostep::Error with exactly the message listed, and lose nothing: the
// trainer the page holds keeps its weights, optimizer state, data and cursor, and its next step
// works. Parser errors (CSV, JSON) cannot touch a trainer, but are run against one all the same,
// because that is the promise the page relies on.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/keras_json.hpp"
#include "core/keras_weights.hpp"
#include "core/model_file.hpp"
#include "core/spec_json.hpp"
#include "core/trainer.hpp"
#include "catalogue_message.hpp"
#include "fixtures.hpp"

using namespace neurostep;
using namespace neurostep::test;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

Dataset dataset(int features, int targets, const std::vector<double>& x, const std::vector<double>& y) {
  Dataset d;
  const long rows = static_cast<long>(x.size()) / features;
  d.x = Eigen::Map<const Eigen::MatrixXd>(x.data(), features, rows);
  d.y = Eigen::Map<const Eigen::MatrixXd>(y.data(), targets, static_cast<long>(y.size()) / targets);
  return d;
}



// A trainer in the middle of things: test data, an epoch and a half trained, and 2 phases into
// a batch, so that a bad call has a cursor, optimizer state and history it could spoil.
template <typename S = double>
Trainer<S> busy_trainer(const ModelSpec& spec = xor_model(), const Dataset& data = xor_data()) {
  Trainer<S> t(spec, 7);
  t.set_batch_size(2);
  t.set_data(data, data);
  t.train_epochs(1);
  t.step_batch();
  t.step_phase();
  t.step_phase();
  return t;
}

// Everything a failed call must leave as it was.
struct Snapshot {
  std::vector<LayerWeights> weights;
  std::vector<std::vector<double>> slots;
  Eigen::MatrixXd train_x, train_y, test_x, test_y;
  int phase = 0, batch_size = 0;
  long epoch = 0, batch = 0, iterations = 0;
  std::size_t history = 0;
  std::vector<long> batch_indices;
  double learning_rate = 0;

  bool operator==(const Snapshot& o) const {
    if (weights.size() != o.weights.size()) return false;
    for (std::size_t l = 0; l < weights.size(); ++l)
      if (weights[l].W != o.weights[l].W || weights[l].b != o.weights[l].b || weights[l].vectors != o.weights[l].vectors)
        return false;
    return slots == o.slots && train_x == o.train_x && train_y == o.train_y &&
           test_x == o.test_x && test_y == o.test_y && phase == o.phase &&
           batch_size == o.batch_size && epoch == o.epoch && batch == o.batch &&
           iterations == o.iterations && history == o.history &&
           batch_indices == o.batch_indices && learning_rate == o.learning_rate;
  }
};

template <typename S>
Snapshot snapshot(const Trainer<S>& t) {
  Snapshot s;
  s.weights = t.network().weights();
  for (int l = 0; l < t.network().depth(); ++l)
    for (int p = 0; p < 2; ++p)
      for (const auto& slot : t.optimizer_slots(l, p))
        s.slots.emplace_back(slot.data(), slot.data() + slot.size());
  s.train_x = t.train_x().template cast<double>();
  s.train_y = t.train_y().template cast<double>();
  s.test_x = t.test_x().template cast<double>();
  s.test_y = t.test_y().template cast<double>();
  s.phase = t.phase_index();
  s.batch_size = t.batch_size();
  s.epoch = t.epoch();
  s.batch = t.batch_in_epoch();
  s.iterations = t.iterations();
  s.history = t.history().size();
  s.batch_indices = t.batch_indices();
  s.learning_rate = t.optimizer().learning_rate;
  return s;
}

// The bad call throws neurostep::Error with exactly `message`, which carries a message id the
// catalogue says (so the Chinese page says it in Chinese); the trainer is as it was; its next
// phase runs.
template <typename S, typename Call>
void refused(Trainer<S>& t, Call&& call, const std::string& message) {
  const Snapshot before = snapshot(t);
  REQUIRE_THROWS_MATCHES(call(), Error, Catch::Matchers::Message(message));
  try {
    call();
  } catch (const Error& e) {
    CHECK(catalogue_problem(e) == "");
  }
  CHECK(snapshot(t) == before);
  const int phase = t.phase_index();
  t.step_phase();
  CHECK(t.phase_index() == (phase + 1) % t.phases_per_batch());
}

std::string keras_sequential(const std::string& layers, const std::string& extra = "") {
  return R"({"class_name": "Sequential", "config": {"layers": [)"
         R"({"class_name": "InputLayer", "config": {"batch_shape": [null, 2]}}, )" +
         layers + "]}" + extra + "}";
}

const std::string model_file_head =
    R"({"format": "neurostep-model", "version": 1, "model": )" +
    keras_sequential(R"({"class_name": "Dense", "config": {"units": 3, "name": "dense"}})") +
    R"(, "weights": )";

}  // namespace

TEST_CASE("B01 empty: no text, no rows, no layers, no data", "[bad_inputs]") {
  auto t = busy_trainer();
  refused(t, [] { read_csv(""); }, "the CSV text is empty");
  refused(t, [] { read_csv("# a comment\n\n  \n"); }, "the CSV text is empty");
  refused(t, [] { read_csv("a,b\n"); }, "the CSV has a header but no data rows");
  refused(t, [] { read_csv("a,b\n1,\n"); }, R"(line 2, column 2 ("b"): the field is empty; a number is needed)");
  refused(t, [&] { t.set_data(Dataset{}, Dataset{}); }, "training data is empty");
  refused(t, [] { spec_from_json(std::string("")); },
          "invalid JSON at byte 1 (line 1, column 1): syntax error while parsing value - unexpected end "
          "of input; expected '[', '{', or a literal");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 2, "layers": [], "loss": "mse"})")); },
          "layers is empty; the model needs at least an output layer");
  ModelSpec no_layers = xor_model();
  no_layers.layers.clear();
  refused(t, [&] { Trainer<double>(no_layers, 1); }, "the model has no layers; it needs at least an output layer");

  // A trainer without data refuses to step, and steps once it has data.
  Trainer<double> fresh(xor_model(), 1);
  const auto W = fresh.layer(0).W;
  REQUIRE_THROWS_MATCHES(fresh.step_phase(), Error, Catch::Matchers::Message("no training data: set a dataset first"));
  REQUIRE_THROWS_MATCHES(fresh.step_epoch(), Error, Catch::Matchers::Message("no training data: set a dataset first"));
  CHECK(fresh.layer(0).W == W);
  CHECK(fresh.phase_index() == 0);
  fresh.set_data(xor_data(), Dataset{});
  CHECK(fresh.step_epoch());
}

TEST_CASE("B02 ragged: rows of different lengths", "[bad_inputs]") {
  auto t = busy_trainer();
  refused(t, [] { read_csv("a,b,c\n1,2,3\n4,5\n"); }, "line 3: expected 3 fields but found 2 (ragged row)");
  Dataset ragged = xor_data();
  ragged.y.conservativeResize(1, 3);
  refused(t, [&] { t.set_data(ragged, Dataset{}); }, "training data: 4 input rows but 3 target rows");
  refused(t, [&] { t.set_data(xor_data(), ragged); }, "test data: 4 input rows but 3 target rows");
  refused(t, [] { load_model(model_file_head + R"([{"kernel": [[1, 2, 3], [4, 5]], "bias": [0, 0, 0]}]})"); },
          R"(weights[0].kernel must be 2 x 3 (inputs x units, Keras's orientation) for layer 1 ("dense"), )"
          "got 2 rows of 3 or more values");
}

TEST_CASE("B03 non-numeric: text where a number belongs", "[bad_inputs]") {
  auto t = busy_trainer();
  refused(t, [] { read_csv("a,b\n1,two\n"); }, R"(line 2, column 2 ("b"): "two" is not a number)");
  refused(t, [] { read_csv("a,b\n1,\"1,5\"\n"); }, R"(line 2, column 2 ("b"): "1,5" is not a number)");
  refused(t, [] { read_csv("a,b\n0x1F,1\n"); }, R"(line 2, column 1 ("a"): "0x1F" is not a number)");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 2, "layers": [{"units": "ten"}], "loss": "mse"})")); },
          R"(layers[0].units must be an integer, got "ten")");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 2.5, "layers": [{"units": 1}], "loss": "mse"})")); },
          "input_dim must be an integer, got 2.5");
  refused(t, [] { load_model(model_file_head + R"([{"kernel": [[1, 2, "x"], [4, 5, 6]], "bias": [0, 0, 0]}]})"); },
          R"(weights[0].kernel[0][2] must be a number, got "x")");
}

TEST_CASE("B04 NaN and infinity", "[bad_inputs]") {
  auto t = busy_trainer();
  refused(t, [] { read_csv("a,b\nNaN,1\n"); }, R"(line 2, column 1 ("a"): NaN is not allowed (found "NaN"))");
  refused(t, [] { read_csv("a,b\n1,-inf\n"); }, R"(line 2, column 2 ("b"): infinity is not allowed (found "-inf"))");
  Dataset with_nan = xor_data();
  with_nan.x(0, 1) = NaN;
  refused(t, [&] { t.set_data(with_nan, Dataset{}); }, "training data: row 2, feature 1 is not a finite number (nan)");
  Dataset with_inf = xor_data();
  with_inf.y(0, 0) = Inf;
  refused(t, [&] { t.set_data(xor_data(), with_inf); }, "test data: row 1, target 1 is not a finite number (inf)");
  refused(t, [&] { t.set_weight(0, 0, 0, NaN); }, "a weight must be a finite number, got nan");
  refused(t, [&] { t.set_bias(0, 0, -Inf); }, "a bias must be a finite number, got -inf");
  std::vector<LayerWeights> w = t.network().weights();
  w[1].W(0, 2) = NaN;
  refused(t, [&] { t.set_weights(w); }, "layer 2: weights must be finite numbers");
  Matrix<double> x(2, 2);
  x << 0, 1, Inf, 0;
  refused(t, [&] { t.predict(x); }, "predict: row 1, feature 2 is not a finite number");
  refused(t, [&] { t.layer_outputs(x); }, "layer outputs: row 1, feature 2 is not a finite number");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": NaN})")); },
          "invalid JSON at byte 15 (line 1, column 15): syntax error while parsing value - invalid literal; "
          "last read: '\"input_dim\": N'");
  refused(t, [] { load_model(model_file_head + R"([{"kernel": [[null, 2, 3], [4, 5, 6]], "bias": [0, 0, 0]}]})"); },
          "weights[0].kernel[0][0] is null; weights must be finite numbers (JSON writers put null where a "
          "weight was NaN or infinite)");
}

TEST_CASE("B05 huge numbers: beyond a double, or beyond float32", "[bad_inputs]") {
  auto t = busy_trainer<float>();
  refused(t, [] { read_csv("a,b\n1e999,1\n"); }, R"(line 2, column 1 ("a"): "1e999" is out of range for a double)");
  refused(t, [] { read_csv("a,b\n1e-400,1\n"); }, R"(line 2, column 1 ("a"): "1e-400" is out of range for a double)");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 1e400})")); }, "invalid JSON: number overflow parsing '1e400'");
  // Finite as doubles, infinite as float32: refused by a float32 trainer, kept by a float64 one.
  Dataset huge = xor_data();
  huge.x(1, 2) = 1e300;
  refused(t, [&] { t.set_data(huge, Dataset{}); },
          "training data: row 3, feature 2 is 1e+300, too large for float32, whose largest value is 3.40282e+38");
  Dataset huge_target = xor_data();
  huge_target.y(0, 3) = -1e39;
  refused(t, [&] { t.evaluate(huge_target); },
          "evaluation data: row 4, target 1 is -1e+39, too large for float32, whose largest value is 3.40282e+38");
  refused(t, [&] { t.set_weight(1, 0, 2, 1e39); }, "a weight of 1e+39 is too large for float32, whose largest value is 3.40282e+38");
  refused(t, [&] { t.set_bias(0, 1, -1e300); }, "a bias of -1e+300 is too large for float32, whose largest value is 3.40282e+38");
  std::vector<LayerWeights> w = t.network().weights();
  w[0].b(2) = 1e100;
  refused(t, [&] { t.set_weights(w); }, "layer 1: a weight is too large for float32, whose largest value is 3.40282e+38");
  const LoadedModel m = load_model(model_file_head + R"([{"kernel": [[1e300, 2, 3], [4, 5, 6]], "bias": [0, 0, 0]}]})");
  REQUIRE_THROWS_MATCHES(make_trainer<float>(m), Error,
                         Catch::Matchers::Message("layer 1: a weight is too large for float32, whose largest value is 3.40282e+38"));
  CHECK(make_trainer<double>(m).layer(0).W(0, 0) == 1e300);

  auto t64 = busy_trainer<double>();
  t64.set_data(huge, Dataset{});  // a float64 trainer holds 1e300; training may then diverge (B14)
  t64.step_batch();
}

TEST_CASE("B06 wrong width: data, inputs and weights that do not fit the network", "[bad_inputs]") {
  auto t = busy_trainer();
  const Dataset wide = dataset(3, 1, {0, 0, 0, 1, 1, 1}, {0, 1});
  refused(t, [&] { t.set_data(wide, Dataset{}); }, "training data has 3 feature columns but the network's input layer takes 2");
  refused(t, [&] { t.set_data(xor_data(), wide); }, "test data has 3 feature columns but the network's input layer takes 2");
  refused(t, [&] { t.evaluate(wide); }, "evaluation data has 3 feature columns but the network's input layer takes 2");
  const Dataset two_targets = dataset(2, 2, {0, 0, 1, 1}, {0, 1, 1, 0});
  refused(t, [&] { t.set_data(two_targets, Dataset{}); }, "training data has 2 target columns but the output layer has 1 units");
  refused(t, [&] { t.predict(Matrix<double>::Zero(3, 4)); }, "predict: inputs have 3 features but the network takes 2");
  refused(t, [&] { t.set_weight(0, 3, 0, 1.0); }, "layer 1: weight (3, 0) is outside its 3 x 2 kernel");
  refused(t, [&] { t.set_weight(0, 0, -1, 1.0); }, "layer 1: weight (0, -1) is outside its 3 x 2 kernel");
  refused(t, [&] { t.set_bias(1, 1, 1.0); }, "layer 2: bias 1 is outside its 1 units");
  refused(t, [&] { t.set_weight(2, 0, 0, 1.0); }, "layer 3 does not exist; the network has 2 layers");
  refused(t, [&] { t.set_bias(-1, 0, 1.0); }, "layer 0 does not exist; the network has 2 layers");
  std::vector<LayerWeights> w = t.network().weights();
  refused(t, [&] { t.set_weights({w[0]}); }, "expected weights for 2 layers, got 1");
  w[0].W.resize(2, 2);
  w[0].W.setZero();
  refused(t, [&] { t.set_weights(w); }, "layer 1: kernel must be 3 x 2 (units x inputs), got 2 x 2");
  refused(t, [] { load_model(model_file_head + R"([{"kernel": [[1, 2, 3], [4, 5, 6]], "bias": [0, 0]}]})"); },
          R"(weights[0].bias must have 3 values (one per unit of layer 1 ("dense")), got 2)");
}

TEST_CASE("B07 labels out of range for the loss", "[bad_inputs]") {
  auto t = busy_trainer();
  refused(t, [&] { t.set_data(dataset(2, 1, {0, 0, 1, 1}, {0, 2}), Dataset{}); },
          "training data: row 2, target 1 is 2; binary_crossentropy needs targets in [0, 1]");
  refused(t, [&] { t.set_data(xor_data(), dataset(2, 1, {0, 0}, {-0.5})); },
          "test data: row 1, target 1 is -0.5; binary_crossentropy needs targets in [0, 1]");

  ModelSpec three = xor_model();
  three.layers[1].units = 3;
  three.layers[1].activation = Activation::softmax;
  three.loss = Loss::sparse_categorical_crossentropy;
  auto s = busy_trainer(three, dataset(2, 1, {0, 0, 0, 1, 1, 0, 1, 1}, {0, 1, 2, 1}));
  refused(s, [&] { s.set_data(dataset(2, 1, {0, 0, 1, 1}, {0, 3}), Dataset{}); },
          "training data: row 2: class 3 is not an integer in [0, 2] (the output layer has 3 units)");
  refused(s, [&] { s.set_data(dataset(2, 1, {0, 0, 1, 1}, {0.5, 1}), Dataset{}); },
          "training data: row 1: class 0.5 is not an integer in [0, 2] (the output layer has 3 units)");
  refused(s, [&] { s.set_data(dataset(2, 1, {0, 0, 1, 1}, {-1, 1}), Dataset{}); },
          "training data: row 1: class -1 is not an integer in [0, 2] (the output layer has 3 units)");
  refused(s, [&] { s.set_data(dataset(2, 2, {0, 0, 1, 1}, {0, 1, 1, 0}), Dataset{}); },
          "training data: sparse_categorical_crossentropy takes one target column of class indices, got 2");

  three.loss = Loss::categorical_crossentropy;
  auto c = busy_trainer(three, dataset(2, 3, {0, 0, 1, 1}, {1, 0, 0, 0, 0, 1}));
  refused(c, [&] { c.set_data(dataset(2, 3, {0, 0}, {0, 1.5, 0}), Dataset{}); },
          "training data: row 1, target 2 is 1.5; categorical_crossentropy needs targets in [0, 1]");
}

TEST_CASE("B08 a single class: accepted as data; refused as an output layer", "[bad_inputs]") {
  // Data with one class is not an error: the network learns to predict it (Keras does the same).
  auto t = busy_trainer();
  t.set_data(dataset(2, 1, {0, 0, 0, 1, 1, 0}, {1, 1, 1}), Dataset{});
  CHECK(t.train_epochs(3) == 3);
  CHECK(t.history().back().accuracy >= 0.0);

  // An output layer that can only say one class is refused when the model is made.
  ModelSpec softmax_one = xor_model();
  softmax_one.layers[1].activation = Activation::softmax;
  refused(t, [&] { Trainer<double>(softmax_one, 1); },
          "layer 2: softmax over a single unit always outputs 1; use sigmoid for one output");
  ModelSpec categorical_one = xor_model();
  categorical_one.loss = Loss::categorical_crossentropy;
  refused(t, [&] { Trainer<double>(categorical_one, 1); },
          "categorical_crossentropy needs an output layer of at least 2 units (one per class), got 1");
  categorical_one.loss = Loss::sparse_categorical_crossentropy;
  refused(t, [&] { Trainer<double>(categorical_one, 1); },
          "sparse_categorical_crossentropy needs an output layer of at least 2 units (one per class), got 1");
}

TEST_CASE("B09 zero or absurd layer sizes", "[bad_inputs]") {
  auto t = busy_trainer();
  const auto with = [](auto change) {
    ModelSpec spec = xor_model();
    change(spec);
    return spec;
  };
  refused(t, [&] { Trainer<double>(with([](ModelSpec& s) { s.layers[1].units = 0; }), 1); },
          "layer 2: units must be at least 1, got 0");
  refused(t, [&] { Trainer<double>(with([](ModelSpec& s) { s.layers[0].units = -3; }), 1); },
          "layer 1: units must be at least 1, got -3");
  refused(t, [&] { Trainer<double>(with([](ModelSpec& s) { s.layers[0].units = 5000; }), 1); },
          "layer 1: 5000 units is more than the limit of 4096");
  refused(t, [&] { Trainer<double>(with([](ModelSpec& s) { s.input_dim = 0; }), 1); },
          "the input width must be at least 1, got 0");
  refused(t, [&] { Trainer<double>(with([](ModelSpec& s) { s.input_dim = 100000; }), 1); },
          "the input width 100000 is more than the limit of 4096");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 2, "layers": [{"units": 0}], "loss": "mse"})")); },
          "layers[0].units must be between 1 and 4096, got 0");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 2, "layers": [{"units": 1e9}], "loss": "mse"})")); },
          "layers[0].units must be between 1 and 4096, got 1000000000");
}

TEST_CASE("B10 absurd learning rates and other settings", "[bad_inputs]") {
  auto t = busy_trainer();
  refused(t, [&] { t.set_learning_rate(-0.5); }, "learning_rate must be a positive number, got -0.5");
  refused(t, [&] { t.set_learning_rate(0); }, "learning_rate must be a positive number, got 0");
  refused(t, [&] { t.set_learning_rate(NaN); }, "learning_rate must be a positive number, got nan");
  refused(t, [&] { t.set_learning_rate(Inf); }, "learning_rate must be a positive number, got inf");
  refused(t, [&] { t.set_learning_rate(1e30); }, "learning_rate 1e+30 is larger than the limit 1e+06");
  OptimizerConfig momentum = default_optimizer(OptimizerKind::sgd);
  momentum.momentum = 1.0;
  refused(t, [&] { t.set_optimizer(momentum); }, "momentum must be in [0, 1), got 1");
  refused(t, [&] { t.set_batch_size(0); }, "batch size must be in [1, 1000000], got 0");
  refused(t, [&] { t.set_batch_size(-5); }, "batch size must be in [1, 1000000], got -5");
  refused(t, [&] { t.train_epochs(-1); }, "epochs must be in [0, 1000000], got -1");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 2, "layers": [{"units": 1}], "loss": "mse", )"
                                             R"("optimizer": {"name": "sgd", "learning_rate": -1}})")); },
          "optimizer: learning_rate must be a positive number, got -1");
  // The largest learning rate allowed is accepted: it diverges, which is a lesson (B14).
  t.set_learning_rate(limits::max_learning_rate);
  CHECK(t.optimizer().learning_rate == limits::max_learning_rate);
}

TEST_CASE("B11 invalid or truncated JSON", "[bad_inputs]") {
  auto t = busy_trainer();
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 2, "layers": [{"units": 1})")); },
          "invalid JSON at byte 41 (line 1, column 41): syntax error while parsing array - unexpected end "
          "of input; expected ']'");
  refused(t, [] { load_model(std::string("{'input_dim': 2}")); },
          "invalid JSON at byte 2 (line 1, column 2): syntax error while parsing object key - invalid "
          "literal; last read: '{''; expected string literal");
  refused(t, [] { spec_from_json(std::string("[1]")); }, "the model spec must be a JSON object, got an array");
  refused(t, [] { load_model(std::string(R"({"hello": 1})")); },
          "not a model: expected a NeuroStep model file (with \"format\"), a Keras model.to_json() document "
          "(with \"class_name\") or a model spec (with \"input_dim\" and \"layers\")");
  refused(t, [] { load_model(std::string(R"({"format": "neurostep-model", "version": 2})")); },
          "version 2 is not supported; this NeuroStep reads version 1");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 1, "layers": [{"units": 1, "name": "\ud800"}], "loss": "mse"})")); },
          "invalid JSON at byte 57 (line 1, column 57): syntax error while parsing value - invalid string: "
          "surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\ud800\"'");
  // A model file cut short: what is left never loads.
  const std::string whole = save_model(t);
  for (std::size_t cut : {std::size_t{1}, whole.size() / 3, whole.size() / 2, whole.size() - 3})
    REQUIRE_THROWS_AS(load_model(whole.substr(0, cut)), Error);
  CHECK(load_model(whole).weights.size() == 2);
}

TEST_CASE("B12 Keras models NeuroStep cannot take", "[bad_inputs]") {
  auto t = busy_trainer();
  refused(t, [] { spec_from_keras_json(keras_sequential(
                      R"({"class_name": "Dense", "config": {"units": 4, "name": "dense"}}, )"
                      R"({"class_name": "Conv2D", "config": {"filters": 4, "name": "conv2d"}})")); },
          R"(layer 3 ("conv2d"): unsupported layer class "Conv2D"; NeuroStep imports Sequential models of Dense, Dropout, BatchNormalization, LayerNormalization, Activation, Flatten, ReLU, LeakyReLU, ELU, PReLU, Softmax layers (and an InputLayer))");
  refused(t, [] { spec_from_keras_json(std::string(R"({"class_name": "Functional", "config": {"layers": []}})")); },
          R"(unsupported model class "Functional"; NeuroStep imports Sequential models of Dense, Dropout, BatchNormalization, LayerNormalization, Activation, Flatten, ReLU, LeakyReLU, ELU, PReLU, Softmax layers (and an InputLayer))");
  refused(t, [] { spec_from_keras_json(keras_sequential(R"({"class_name": "Dense", "config": {"units": 1, "name": "dense", "activation": "sparsemax"}})")); },
          R"(layer 2 ("dense"): unsupported activation "sparsemax"; NeuroStep supports linear, relu, leaky_relu, elu, sigmoid, tanh, softplus, softmax, relu6, selu, celu, gelu, gelu_approximate, silu, swish, hard_sigmoid, hard_silu, hard_swish, mish, softsign, exponential, log_softmax)");
  refused(t, [] { spec_from_keras_json(keras_sequential(R"({"class_name": "Dense", "config": {"units": 1, "name": "dense", "trainable": false}})")); },
          R"(layer 2 ("dense"): trainable is false (a frozen layer), which NeuroStep does not support)");
  refused(t, [] { spec_from_keras_json(keras_sequential(
                      R"({"class_name": "Dense", "config": {"units": 1, "name": "dense", "kernel_constraint": {"class_name": "RadialConstraint", "config": {}}}})")); },
          R"(layer 2 ("dense"): unsupported kernel_constraint "RadialConstraint"; NeuroStep has MaxNorm, MinMaxNorm, UnitNorm, NonNeg)");
  refused(t, [] { spec_from_keras_json(keras_sequential(R"({"class_name": "Dense", "config": {"units": 1, "name": "dense"}})",
                                                        R"(, "compile_config": {"loss": "mse", "optimizer": "nadam"})")); },
          R"(compile_config.optimizer: unsupported optimizer "nadam"; NeuroStep has SGD, Adam, RMSprop and Adagrad)");
}

TEST_CASE("B13 unknown names", "[bad_inputs]") {
  auto t = busy_trainer();
  const auto spec_with = [](const std::string& layer, const std::string& rest) {
    return spec_from_json(R"({"input_dim": 2, "layers": [)" + layer + "]" + rest + "}");
  };
  refused(t, [&] { spec_with(R"({"units": 1, "activation": "sparsemax"})", R"(, "loss": "mse")"); },
          "layers[0].activation: unknown activation 'sparsemax'; valid names are: linear, relu, leaky_relu, elu, sigmoid, tanh, softplus, softmax, relu6, selu, celu, gelu, gelu_approximate, silu, swish, hard_sigmoid, hard_silu, hard_swish, mish, softsign, exponential, log_softmax");
  refused(t, [&] { spec_with(R"({"units": 1, "kernel_initializer": "orthogonal"})", R"(, "loss": "mse")"); },
          "layers[0].kernel_initializer: unknown initializer 'orthogonal'; valid names are: glorot_uniform, "
          "glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, zeros, ones, random_uniform, "
          "random_normal");
  refused(t, [&] { spec_with(R"({"units": 1})", R"(, "loss": "hinge")"); },
          "loss: unknown loss 'hinge'; valid names are: mean_squared_error, mse, mean_absolute_error, mae, "
          "binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy");
  refused(t, [&] { spec_with(R"({"units": 1})", R"(, "loss": "mse", "optimizer": "nadam")"); },
          "optimizer: unknown optimizer 'nadam'; valid names are: sgd, adam, rmsprop, adagrad");
  refused(t, [&] { spec_with(R"({"unit": 1})", R"(, "loss": "mse")"); },
          R"(layers[0]: unknown key "unit"; valid keys are units, activation, use_bias, kernel_initializer, bias_initializer, l1, l2, bias_regularizer, kernel_constraint, bias_constraint, kind, name, activity_regularizer)");
  CsvOptions by_name;
  by_name.target_columns = {"z"};
  refused(t, [&] { read_csv("a,b\n1,2\n", by_name); }, R"(unknown target column "z"; the columns are "a", "b")");
  CsvOptions by_position;
  by_position.target_columns = {"5"};
  refused(t, [&] { read_csv("a,b\n1,2\n", by_position); }, "target column 5 does not exist; the CSV has 2 columns");
}

TEST_CASE("B14 diverging training: not an error; it stops, says so, and can be undone", "[bad_inputs]") {
  ModelSpec spec = xor_model();
  spec.layers[1].activation = Activation::linear;
  spec.loss = Loss::mean_squared_error;
  spec.optimizer = default_optimizer(OptimizerKind::sgd);
  auto t = busy_trainer(spec);
  const Trainer<double> checkpoint = t;  // the page's undo
  t.set_learning_rate(limits::max_learning_rate);
  const long done = t.train_epochs(100);
  CHECK(done < 100);  // stopped at the first non-finite loss
  CHECK(t.diverged());
  CHECK_FALSE(t.step_epoch());
  // Non-finite weights are written as null and refused on loading, naming the first one.
  REQUIRE_THROWS_WITH(load_model(save_model(t)), Catch::StartsWith("weights[") &&
                                                     Catch::Contains("is null; weights must be finite numbers"));
  // Nothing lost: the checkpoint is untouched, and reset starts afresh.
  CHECK_FALSE(checkpoint.diverged());
  t = checkpoint;
  CHECK(t.train_epochs(2) == 2);
  t.set_learning_rate(limits::max_learning_rate);
  t.train_epochs(100);
  t.reset(7);
  // A reset trainer is as one just made: nothing of the diverged batch is left to read.
  CHECK_FALSE(t.diverged());
  CHECK(t.batch_indices().empty());
  CHECK(t.last_loss().per_sample.size() == 0);
  CHECK(t.layer(1).a.size() == 0);
  t.set_learning_rate(0.01);
  CHECK(t.train_epochs(2) == 2);
  CHECK_FALSE(t.diverged());
}

TEST_CASE("B15 memory limits: refused before anything is allocated for them", "[bad_inputs]") {
  auto t = busy_trainer();
  ModelSpec wide = xor_model();
  wide.input_dim = 4096;
  wide.layers[0].units = 4096;
  wide.layers[1].units = 4096;
  refused(t, [&] { Trainer<double>(wide, 1); }, "the model has 33562624 parameters; the limit is 20000000");
  ModelSpec deep = xor_model();
  deep.layers.assign(33, deep.layers[0]);
  refused(t, [&] { Trainer<double>(deep, 1); }, "the model has 33 layers; the limit is 32");
  std::string layers;
  for (int i = 0; i < 33; ++i) layers += std::string(i ? ", " : "") + R"({"units": 1})";
  refused(t, [&] { spec_from_json(R"({"input_dim": 1, "layers": [)" + layers + R"(], "loss": "mse"})"); },
          "layers has 33 entries; the limit is 32");
  refused(t, [] { read_csv(std::string(4096, ',') + "\n"); }, "line 1 has 4097 fields; the limit is 4096 columns");

  Dataset many_rows;
  many_rows.x = Eigen::MatrixXd::Zero(2, limits::max_samples + 1);
  many_rows.y = Eigen::MatrixXd::Zero(1, limits::max_samples + 1);
  refused(t, [&] { t.set_data(many_rows, Dataset{}); }, "training data has 1000001 rows; the limit is 1000000");
  Dataset many_columns;
  many_columns.x = Eigen::MatrixXd::Zero(4097, 1);
  many_columns.y = Eigen::MatrixXd::Zero(1, 1);
  refused(t, [&] { t.set_data(many_columns, Dataset{}); }, "training data has 4097 feature columns; the limit is 4096");
  refused(t, [&] { t.predict(Matrix<double>::Zero(2, limits::max_predict_rows + 1)); },
          "predict: 1000001 rows is more than the limit of 1000000");
  refused(t, [&] { t.set_batch_size(limits::max_batch_size + 1); }, "batch size must be in [1, 1000000], got 1000001");
  refused(t, [&] { t.train_epochs(limits::max_epochs_per_call + 1); }, "epochs must be in [0, 1000000], got 1000001");
  // The text limit (256 MB) is checked in csv_test.cpp's "CSV size limits"; the dataset value
  // limit (50 million values, 400 MB of doubles) is too large to build in a test.
}

TEST_CASE("B17 layer arguments and shapes", "[bad_inputs]") {
  auto t = busy_trainer();
  const auto spec_with = [](const std::string& layers, const std::string& extra = "") {
    return spec_from_json(R"({"input_dim": 2, )" + extra + R"("layers": [{"units": 3}, )" + layers +
                          R"(, {"units": 1}], "loss": "mse"})");
  };
  refused(t, [&] { spec_with(R"({"kind": "Dropout", "rate": 1})"); },
          "layer 2: Dropout rate must be in [0, 1) (the fraction of inputs dropped; at 1 nothing would pass), got 1");
  refused(t, [&] { spec_with(R"({"kind": "Dropout", "rate": -0.1})"); },
          "layer 2: Dropout rate must be in [0, 1) (the fraction of inputs dropped; at 1 nothing would pass), got -0.1");
  refused(t, [&] { spec_with(R"({"kind": "BatchNormalization", "momentum": 1.5})"); },
          "layer 2: BatchNormalization momentum must be in [0, 1], got 1.5");
  refused(t, [&] { spec_with(R"({"kind": "LayerNormalization", "epsilon": 0})"); },
          "layer 2: LayerNormalization epsilon must be a positive number (it keeps 1/sqrt(variance + epsilon) finite), got 0");
  refused(t, [&] { spec_with(R"({"kind": "BatchNormalization", "epsilon": -1e-3})"); },
          "layer 2: BatchNormalization epsilon must be a positive number (it keeps 1/sqrt(variance + epsilon) finite), got -0.001");
  refused(t, [&] { spec_with(R"({"kind": "Flatten"})"); },
          "layer 2: Flatten must be the first layer; the layers before it already give flat outputs");
  refused(t, [&] { spec_with(R"({"kind": "ReLU", "max_value": -1})"); }, "layer 2: ReLU max_value must be >= 0 or None, got -1");
  refused(t, [&] { spec_with(R"({"kind": "LeakyReLU", "negative_slope": -0.3})"); },
          "layer 2: LeakyReLU negative_slope must be >= 0, got -0.3");
  refused(t, [&] { spec_with(R"({"kind": "Dropout", "rate": 0.5, "units": 3})"); },
          "layers[1]: unknown key \"units\"; valid keys are rate, kind, name, activity_regularizer");
  refused(t, [&] { spec_with(R"({"kind": "Conv2D"})"); },
          "layers[1].kind: unknown layer kind \"Conv2D\"; NeuroStep has Dense, Dropout, BatchNormalization, "
          "LayerNormalization, Activation, Flatten, ReLU, LeakyReLU, ELU, PReLU, Softmax");
  refused(t, [] { spec_from_json(std::string(R"({"input_dim": 784, "input_shape": [28, 28], "layers": [{"units": 1}], "loss": "mse"})")); },
          "the input has shape [28, 28], but NeuroStep's layers take flat inputs: put a Flatten layer first");
  // In a Keras document: the layer by position and name, the argument by name.
  refused(t, [] { spec_from_keras_json(keras_sequential(
                      R"({"class_name": "Dense", "config": {"units": 4, "name": "dense"}}, )"
                      R"({"class_name": "Dropout", "config": {"rate": 0.5, "name": "dropout", "rate2": 1}})")); },
          R"(layer 3 ("dropout"): config.layers[2].config: unknown key "rate2"; valid keys are name, trainable, dtype, batch_input_shape, input_dtype, batch_size, input_shape, rate, p, noise_shape, seed)");
  refused(t, [] { spec_from_keras_json(keras_sequential(
                      R"({"class_name": "Dense", "config": {"units": 4, "name": "dense"}}, )"
                      R"({"class_name": "BatchNormalization", "config": {"name": "bn", "momentum": 2}})")); },
          "layer 3 (\"bn\"): BatchNormalization momentum must be in [0, 1], got 2");
  refused(t, [] { spec_from_keras_json(keras_sequential(
                      R"({"class_name": "Dense", "config": {"units": 4, "name": "dense"}}, )"
                      R"({"class_name": "Dense", "config": {"units": 1, "name": "dense_1", "batch_input_shape": [null, 5]}})")); },
          R"(layer 3 ("dense_1"): batch_input_shape has 5 features but the layer below gives 4)");
  refused(t, [] { spec_from_keras_json(keras_sequential(
                      R"({"class_name": "Dense", "config": {"units": 4, "name": "hidden"}}, )"
                      R"({"class_name": "Dense", "config": {"units": 1, "name": "hidden"}})")); },
          R"(layer 3 ("hidden"): the name "hidden" is already that of layer 2 ("hidden"); Keras gives every layer of a model a name of its own)");
  refused(t, [] { spec_from_keras_json(keras_sequential(
                      R"({"class_name": "BatchNormalization", "config": {"name": "bn", "axis": 0}})")); },
          "layer 2 (\"bn\"): axis 0 is not supported; NeuroStep's layers see flat samples, so only the last axis (-1) can be normalised");

  // BatchNormalization on a batch of one sample in training.
  ModelSpec bn = xor_model();
  bn.layers.insert(bn.layers.begin() + 1, default_layer(LayerKind::batch_normalization));
  bn.layers[1].name = "bn";
  auto b = busy_trainer(bn);
  refused(b, [&] { b.set_batch_size(1); },
          "layer 2 (\"bn\"): BatchNormalization needs batches of at least 2 samples in training; with batch size 1 "
          "each sample is its own batch, its variance is 0 and the layer outputs beta whatever the input "
          "(Keras trains on so without a warning)");
  refused(b, [&] { b.set_batch_size(3); },
          "layer 2 (\"bn\"): with 4 rows and batch size 3 the last batch of each epoch holds one sample, whose "
          "variance is 0, so BatchNormalization would output beta for it whatever the input (Keras does so "
          "silently); choose a batch size that leaves at least 2 rows in the last batch");
}

TEST_CASE("B18 weights by Keras's names that do not fit", "[bad_inputs]") {
  auto t = busy_trainer();
  const auto tensor = [](const char* name, std::vector<long> shape, std::vector<double> data) {
    return KerasTensor{name, std::move(shape), std::move(data)};
  };
  // The kernel in Keras's orientation, inputs x units: [2, 3] for 2 inputs and 3 units.
  refused(t, [&] { set_layer_weights(t, 0, {tensor("kernel", {3, 2}, {1, 2, 3, 4, 5, 6})}); },
          "layer 1 (\"dense\"): weight \"kernel\" must have shape [2, 3] (inputs, units: Keras's orientation), got [3, 2]");
  refused(t, [&] { set_layer_weights(t, 0, {tensor("kernal", {2, 3}, {1, 2, 3, 4, 5, 6})}); },
          "layer 1 (\"dense\"): unknown weight \"kernal\"; a Dense layer here has kernel, bias");
  refused(t, [&] { set_layer_weights(t, 0, {tensor("bias", {3}, {0, 0, 0}), tensor("kernel", {2, 3}, {1, 2, 3, 4, NaN, 6})}); },
          "layer 1 (\"dense\"): weight \"kernel\" value 4 is nan; weights must be finite numbers");
  refused(t, [&] { set_layer_weights(t, 1, {tensor("bias", {1}, {Inf})}); },
          "layer 2 (\"dense_1\"): weight \"bias\" value 0 is inf; weights must be finite numbers");
  refused(t, [&] { set_layer_weights(t, 0, {tensor("bias", {3}, {0, 0, 0}), tensor("bias", {3}, {1, 1, 1})}); },
          "layer 1 (\"dense\"): weight \"bias\" is given twice");
  refused(t, [&] { set_layer_weights(t, 2, {}); }, "layer 3 does not exist; the network has 2 layers");
  auto f = busy_trainer<float>();
  refused(f, [&] { set_layer_weights(f, 1, {tensor("kernel", {3, 1}, {1e300, 0, 0})}); },
          "layer 2 (\"dense_1\"): weight \"kernel\" value 0 (1e+300) is too large for float32, whose largest value is 3.40282e+38");
  // A layer of another kind, and a Dense layer without a bias.
  ModelSpec bn = xor_model();
  bn.layers.insert(bn.layers.begin() + 1, default_layer(LayerKind::batch_normalization));
  bn.layers.back().use_bias = false;
  auto b = busy_trainer(bn);
  refused(b, [&] { set_layer_weights(b, 1, {tensor("moving_variance", {3}, {1, -1, 1})}); },
          "layer 2 (\"batch_normalization\"): weight \"moving_variance\" value 1 is -1; a variance cannot be negative");
  refused(b, [&] { set_layer_weights(b, 1, {tensor("alpha", {3}, {1, 1, 1})}); },
          "layer 2 (\"batch_normalization\"): unknown weight \"alpha\"; a BatchNormalization layer here has gamma, beta, "
          "moving_mean, moving_variance");
  refused(b, [&] { set_layer_weights(b, 2, {tensor("bias", {1}, {0})}); },
          "layer 3 (\"dense_1\"): weight \"bias\" is given, but the layer has no bias (use_bias is false)");
  // What fits is set, in Keras's orientation: K[i][u] = W(u, i).
  set_layer_weights(t, 0, {tensor("kernel", {2, 3}, {1, 2, 3, 4, 5, 6})});
  CHECK(t.network().layer(0).W(2, 0) == 3);
  CHECK(t.network().layer(0).W(0, 1) == 4);
  const std::vector<KerasTensor> back = keras_layer_weights(t, 0);
  REQUIRE(back.size() == 2);
  CHECK(back[0].shape == std::vector<long>{2, 3});
  CHECK(back[0].data == std::vector<double>{1, 2, 3, 4, 5, 6});
  CHECK(keras_layer_weights(b, 2).size() == 1);  // no bias without use_bias
}
