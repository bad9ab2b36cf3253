#include <catch2/catch.hpp>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "cli/train_command.hpp"
#include "core/generators.hpp"
#include "core/keras_json.hpp"
#include "core/model_file.hpp"
#include "core/spec_json.hpp"

using namespace neurostep;
using Catch::Contains;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(NEUROSTEP_SOURCE_DIR) + "/tests/fixtures/keras/" + name);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A spec with a non-default value in every field.
ModelSpec varied_spec(OptimizerKind kind) {
  ModelSpec spec;
  spec.input_dim = 3;
  LayerConfig a, b;
  a.units = 5;
  a.activation = Activation::leaky_relu;
  a.use_bias = false;
  a.kernel_initializer = Initializer::he_normal;
  a.bias_initializer = Initializer::ones;
  a.l1 = 0.001;
  a.l2 = 0.25;
  a.name = "hidden";
  b.units = 2;
  b.activation = Activation::softmax;
  b.kernel_initializer = Initializer::random_uniform;
  b.bias_initializer = Initializer::random_normal;
  spec.layers = {a, b};
  spec.loss = Loss::categorical_crossentropy;
  spec.optimizer = default_optimizer(kind);
  spec.optimizer.learning_rate = 0.0123;
  spec.optimizer.momentum = kind == OptimizerKind::sgd || kind == OptimizerKind::rmsprop ? 0.5 : 0.0;
  spec.optimizer.nesterov = kind == OptimizerKind::sgd;
  if (kind == OptimizerKind::adam) spec.optimizer.beta_1 = 0.8, spec.optimizer.amsgrad = true;
  if (kind == OptimizerKind::rmsprop) spec.optimizer.rho = 0.7;
  if (kind == OptimizerKind::adagrad) spec.optimizer.initial_accumulator_value = 0.3;
  if (kind != OptimizerKind::sgd) spec.optimizer.epsilon = 1e-5;
  return spec;
}

void check_same_layers(const ModelSpec& a, const ModelSpec& b, bool names = true) {
  REQUIRE(a.input_dim == b.input_dim);
  REQUIRE(a.layers.size() == b.layers.size());
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    INFO("layer " << i);
    CHECK(a.layers[i].units == b.layers[i].units);
    CHECK(a.layers[i].activation == b.layers[i].activation);
    CHECK(a.layers[i].use_bias == b.layers[i].use_bias);
    CHECK(a.layers[i].kernel_initializer == b.layers[i].kernel_initializer);
    CHECK(a.layers[i].bias_initializer == b.layers[i].bias_initializer);
    CHECK(a.layers[i].l1 == b.layers[i].l1);
    CHECK(a.layers[i].l2 == b.layers[i].l2);
    if (names) CHECK(a.layers[i].name == b.layers[i].name);
  }
}

void check_same_optimizer(const OptimizerConfig& a, const OptimizerConfig& b) {
  CHECK(a.kind == b.kind);
  CHECK(a.learning_rate == b.learning_rate);
  CHECK(a.momentum == b.momentum);
  CHECK(a.nesterov == b.nesterov);
  CHECK(a.beta_1 == b.beta_1);
  CHECK(a.beta_2 == b.beta_2);
  CHECK(a.amsgrad == b.amsgrad);
  CHECK(a.rho == b.rho);
  CHECK(a.initial_accumulator_value == b.initial_accumulator_value);
  CHECK(a.epsilon == b.epsilon);
}

const char* minimal = R"({"input_dim": 2, "layers": [{"units": 1}], "loss": "mse"})";

// The minimal spec with one edit, for error cases.
std::string with(const std::string& pointer, const Json& value) {
  Json j = Json::parse(minimal);
  j[Json::json_pointer(pointer)] = value;
  return j.dump();
}

}  // namespace

// ---- spec JSON ------------------------------------------------------------------------------

TEST_CASE("a spec survives spec_to_json and spec_from_json for every optimizer", "[model_io]") {
  for (const auto& [name, kind] : optimizer_names()) {
    INFO(name);
    const ModelSpec spec = varied_spec(kind);
    const ModelSpec back = spec_from_json(spec_to_json(spec).dump());
    check_same_layers(spec, back);
    CHECK(back.loss == spec.loss);
    check_same_optimizer(back.optimizer, spec.optimizer);
  }
}

TEST_CASE("missing spec keys take Keras's defaults", "[model_io]") {
  const ModelSpec spec = spec_from_json(minimal);
  const LayerConfig& l = spec.layers[0];
  CHECK(l.activation == Activation::linear);
  CHECK(l.use_bias);
  CHECK(l.kernel_initializer == Initializer::glorot_uniform);
  CHECK(l.bias_initializer == Initializer::zeros);
  CHECK(l.l1 == 0.0);
  CHECK(l.l2 == 0.0);
  CHECK(spec.loss == Loss::mean_squared_error);
  check_same_optimizer(spec.optimizer, default_optimizer(OptimizerKind::rmsprop));  // compile()'s
  CHECK(spec_from_json(with("/optimizer", "sgd")).optimizer.learning_rate == 0.01);
  const OptimizerConfig adagrad = spec_from_json(with("/optimizer", {{"name", "adagrad"}})).optimizer;
  CHECK(adagrad.initial_accumulator_value == 0.1);
  CHECK(adagrad.epsilon == 1e-7);
  CHECK(adagrad.learning_rate == 0.001);
  const OptimizerConfig sgd = optimizer_from_json(Json{{"name", "sgd"}, {"momentum", 0.9}});
  CHECK(sgd.learning_rate == 0.01);
  CHECK(sgd.momentum == 0.9);
  CHECK_FALSE(sgd.nesterov);
  CHECK(spec_from_json(with("/layers/0/activation", nullptr)).layers[0].activation == Activation::linear);
}

TEST_CASE("spec JSON errors name the key, the path and what was valid", "[model_io]") {
  CHECK_THROWS_WITH(spec_from_json(R"({"input_dim": 2, "layers": [{"units": 3}, {"unit": 1}], "loss": "mse"})"),
                    Contains("layers[1]: unknown key \"unit\"; valid keys are units, activation"));
  CHECK_THROWS_WITH(spec_from_json(with("/layers/0/units", "ten")),
                    "layers[0].units must be an integer, got \"ten\"");
  CHECK_THROWS_WITH(spec_from_json(with("/layers/0/units", 2.5)), Contains("layers[0].units must be an integer"));
  CHECK_THROWS_WITH(spec_from_json(with("/layers/0/units", 0)),
                    Contains("layers[0].units must be between 1 and"));
  CHECK_THROWS_WITH(spec_from_json(with("/layers/0/use_bias", 1)), Contains("layers[0].use_bias must be true or false, got 1"));
  CHECK_THROWS_WITH(spec_from_json(with("/layers/0/activation", "sparsemax")),
                    Contains("layers[0].activation: unknown activation 'sparsemax'; valid names are: linear, relu"));
  CHECK_THROWS_WITH(spec_from_json(with("/layers/0/kernel_initializer", "orthogonal")),
                    Contains("layers[0].kernel_initializer: unknown initializer 'orthogonal'"));
  CHECK_THROWS_WITH(spec_from_json(with("/loss", "hinge")), Contains("loss: unknown loss 'hinge'"));
  CHECK_THROWS_WITH(spec_from_json(with("/optimizer", {{"name", "adamw"}})),
                    Contains("optimizer.name: unknown optimizer 'adamw'; valid names are: sgd, adam"));
  CHECK_THROWS_WITH(spec_from_json(with("/optimizer", {{"name", "sgd"}, {"beta_1", 0.9}})),
                    Contains("optimizer: \"beta_1\" is not a hyperparameter of sgd (adam has it); sgd takes name, learning_rate, momentum, nesterov"));
  CHECK_THROWS_WITH(spec_from_json(with("/optimizer", {{"name", "adam"}, {"lr", 0.1}})),
                    Contains("optimizer: unknown key \"lr\"; adam takes name, learning_rate, beta_1"));
  CHECK_THROWS_WITH(spec_from_json(with("/optimizer", {{"name", "adam"}, {"learning_rate", -1}})),
                    Contains("optimizer: learning_rate must be a positive number"));
  CHECK_THROWS_WITH(spec_from_json(with("/optimizer", {{"learning_rate", 0.1}})), Contains("optimizer: \"name\" is missing"));
  CHECK_THROWS_WITH(spec_from_json(R"({"input_dim": 2, "layers": [{"units": 1}]})"), Contains("\"loss\" is missing"));
  CHECK_THROWS_WITH(spec_from_json(R"({"input_dim": 2, "layers": [], "loss": "mse"})"), Contains("layers is empty"));
  CHECK_THROWS_WITH(spec_from_json(with("/input_dim", "8")), "input_dim must be an integer, got \"8\"");
  CHECK_THROWS_WITH(spec_from_json("[1, 2]"), "the model spec must be a JSON object, got an array");
  CHECK_THROWS_WITH(spec_from_json(R"({"input_dim": 2, "layers": [{"units": 2, "name": "a"}, {"units": 1, "name": "a"}], "loss": "mse"})"),
                    Contains("layers[1].name \"a\" is already the name of layers[0]"));
  // validate(spec) runs at the end: a one-unit softmax is caught there.
  CHECK_THROWS_WITH(spec_from_json(with("/layers/0/activation", "softmax")), Contains("softmax over a single unit"));
}

TEST_CASE("invalid JSON text reports the byte where parsing stopped", "[model_io]") {
  CHECK_THROWS_WITH(spec_from_json(R"({"input_dim": 2,, "layers": []})"),
                    Contains("invalid JSON at byte 17 (line 1, column 17): syntax error"));
  CHECK_THROWS_WITH(spec_from_json(std::string("{\"input_dim\": 2")), Contains("invalid JSON at byte 16"));
  CHECK_THROWS_WITH(spec_from_json(""), Contains("invalid JSON at byte 1"));
  CHECK_THROWS_WITH(spec_from_json(R"({"input_dim": 1e400})"), Contains("invalid JSON: number overflow"));
}

// ---- Keras's to_json() ----------------------------------------------------------------------

TEST_CASE("the article's model imports from Keras 3 and from tf.keras 2", "[model_io]") {
  for (const char* file : {"article_keras3.json", "article_tf_keras2.json"}) {
    INFO(file);
    const ModelSpec spec = spec_from_keras_json(fixture(file));
    ModelSpec expected = article_model();
    expected.layers[0].name = "dense";
    expected.layers[1].name = "dense_1";
    expected.layers[2].name = "dense_2";
    check_same_layers(spec, expected);
    // to_json() has no compile settings: the caller's to set. These are ModelSpec's defaults.
    CHECK(spec.loss == Loss::mean_squared_error);
    check_same_optimizer(spec.optimizer, default_optimizer(OptimizerKind::adam));
  }
}

TEST_CASE("a Keras 3 softmax classifier imports with its regularizer and compile_config", "[model_io]") {
  const ModelSpec spec = spec_from_keras_json(fixture("softmax_classifier_keras3.json"));
  REQUIRE(spec.input_dim == 4);
  REQUIRE(spec.layers.size() == 2);
  const LayerConfig& hidden = spec.layers[0];
  CHECK(hidden.name == "hidden");
  CHECK(hidden.units == 16);
  CHECK(hidden.activation == Activation::tanh);
  CHECK(hidden.kernel_initializer == Initializer::he_normal);
  CHECK(hidden.bias_initializer == Initializer::zeros);
  CHECK(hidden.l1 == 0.0);
  CHECK(hidden.l2 == 0.01);
  CHECK(spec.layers[1].units == 3);
  CHECK(spec.layers[1].activation == Activation::softmax);
  CHECK(spec.layers[1].l2 == 0.0);
  CHECK(spec.loss == Loss::categorical_crossentropy);
  CHECK(spec.optimizer.kind == OptimizerKind::sgd);
  CHECK(spec.optimizer.learning_rate == 0.05);
  CHECK(spec.optimizer.momentum == 0.9);
}

TEST_CASE("unsupported Keras models are refused with the layer named", "[model_io]") {
  CHECK_THROWS_WITH(spec_from_keras_json(fixture("unsupported_lstm.json")),
                    "layer 3 (\"lstm\"): unsupported layer class \"LSTM\"; NeuroStep imports Sequential models of Dense, Dropout, BatchNormalization, LayerNormalization, Activation, Flatten, ReLU, LeakyReLU, ELU, PReLU, Softmax layers (and an InputLayer)");
  CHECK_THROWS_WITH(spec_from_keras_json(fixture("functional_model.json")),
                    Contains("unsupported model class \"Functional\"; NeuroStep imports Sequential"));

  const Json article = Json::parse(fixture("article_keras3.json"));
  const auto edited = [&](const std::string& pointer, const Json& value) {
    Json j = article;
    j[Json::json_pointer(pointer)] = value;
    return j;
  };
  const std::string dense_1 = "/config/layers/2/config/";
  CHECK_THROWS_WITH(spec_from_keras_json(edited(dense_1 + "activation", "sparsemax")),
                    Contains("layer 3 (\"dense_1\"): unsupported activation \"sparsemax\"; NeuroStep supports linear, relu"));
  CHECK_THROWS_WITH(spec_from_keras_json(edited(dense_1 + "bias_regularizer", {{"class_name", "OrthogonalRegularizer"}, {"config", {{"factor", 0.1}}}})),
                    Contains("layer 3 (\"dense_1\"): unsupported bias_regularizer \"OrthogonalRegularizer\"; NeuroStep has L1L2, L1, L2"));
  CHECK_THROWS_WITH(spec_from_keras_json(edited(dense_1 + "kernel_constraint", {{"class_name", "RadialConstraint"}})),
                    Contains("unsupported kernel_constraint \"RadialConstraint\"; NeuroStep has MaxNorm, MinMaxNorm, UnitNorm, NonNeg"));
  CHECK_THROWS_WITH(spec_from_keras_json(edited(dense_1 + "kernel_initializer",
                                                {{"class_name", "RandomUniform"}, {"config", {{"minval", -0.1}, {"seed", 1}}}})),
                    Contains("layer 3 (\"dense_1\"): kernel_initializer RandomUniform with minval -0.1 is not supported; "
                             "NeuroStep's RandomUniform uses minval -0.05"));
  CHECK_THROWS_WITH(spec_from_keras_json(edited(dense_1 + "kernel_initializer/config/scale", 2.0)),
                    Contains("kernel_initializer GlorotUniform has an unsupported parameter \"scale\""));
  CHECK_THROWS_WITH(spec_from_keras_json(edited(dense_1 + "units", 9)),
                    Contains("layer 4 (\"dense_2\"): input_shape has 8 features but the layer below gives 9"));
  CHECK_THROWS_WITH(spec_from_keras_json(edited(dense_1 + "kernel_initializer/class_name", "Orthogonal")),
                    Contains("layer 3 (\"dense_1\"): unsupported kernel_initializer \"Orthogonal\""));
  CHECK_THROWS_WITH(spec_from_keras_json(edited(dense_1 + "units", "ten")),
                    "config.layers[2].config.units must be an integer, got \"ten\"");
  CHECK_THROWS_WITH(spec_from_keras_json(edited(dense_1 + "dtype/config/name", "mixed_float16")),
                    Contains("dtype \"mixed_float16\" is not supported"));
  CHECK_THROWS_WITH(spec_from_keras_json(edited("/config/layers/0/config/batch_shape", {nullptr, 28, 28})),
                    Contains("input shape [null, 28, 28] is not [null, n]"));
  Json no_input = article;
  no_input["config"]["layers"].erase(0);
  no_input["config"].erase("build_input_shape");
  no_input.erase("build_config");
  for (auto& layer : no_input["config"]["layers"]) layer.erase("build_config");
  CHECK_THROWS_WITH(spec_from_keras_json(no_input), Contains("the model has no input shape"));
}

TEST_CASE("Keras's other spellings of the same settings import", "[model_io]") {
  Json j = Json::parse(fixture("article_keras3.json"));
  Json& dense = j["config"]["layers"][1]["config"];
  dense["activation"] = "leaky_relu";
  dense["kernel_initializer"] = {{"class_name", "RandomUniform"}, {"config", {{"minval", -0.05}, {"maxval", 0.05}, {"seed", 7}}}};
  dense["bias_initializer"] = "ones";
  dense["kernel_regularizer"] = {{"class_name", "L1L2"}, {"config", {{"l1", 0.001}, {"l2", 0.002}}}};
  Json& dense_1 = j["config"]["layers"][2]["config"];
  dense_1["kernel_initializer"] = {{"class_name", "VarianceScaling"},
                                   {"config", {{"scale", 2.0}, {"mode", "fan_in"}, {"distribution", "uniform"}}}};
  dense_1["kernel_regularizer"] = "l2";
  const ModelSpec spec = spec_from_keras_json(j);
  CHECK(spec.layers[0].activation == Activation::leaky_relu);
  CHECK(spec.layers[0].kernel_initializer == Initializer::random_uniform);
  CHECK(spec.layers[0].bias_initializer == Initializer::ones);
  CHECK(spec.layers[0].l1 == 0.001);
  CHECK(spec.layers[0].l2 == 0.002);
  CHECK(spec.layers[1].kernel_initializer == Initializer::he_uniform);
  CHECK(spec.layers[1].l2 == 0.01);
}

TEST_CASE("keras_model_json writes Keras 3's form and reads back", "[model_io]") {
  const ModelSpec spec = varied_spec(OptimizerKind::adam);
  const Json j = keras_model_json(spec);
  CHECK(j["class_name"] == "Sequential");
  CHECK(j["module"] == "keras");
  const Json& layers = j["config"]["layers"];
  REQUIRE(layers.size() == 3);
  CHECK(layers[0]["class_name"] == "InputLayer");
  CHECK(layers[0]["config"]["batch_shape"] == Json::parse("[null, 3]"));
  CHECK(layers[1]["config"]["name"] == "hidden");
  CHECK(layers[2]["config"]["name"] == "dense");  // Keras's automatic name
  CHECK(layers[1]["config"]["kernel_regularizer"]["class_name"] == "L1L2");
  CHECK(layers[2]["build_config"]["input_shape"] == Json::parse("[null, 5]"));
  const ModelSpec back = spec_from_keras_json(j.dump());
  check_same_layers(spec, back, false);
  CHECK(back.layers[1].name == "dense");
}

// ---- model files ----------------------------------------------------------------------------

namespace {

template <typename S>
Trainer<S> trained_article_model(int epochs) {
  Trainer<S> t(article_model(), 7);
  t.set_data(generate_dataset("article_bits", {}), Dataset{});
  t.set_batch_size(2);
  t.train_epochs(epochs);
  return t;
}

template <typename S>
bool same_bits(const Matrix<S>& a, const Matrix<S>& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(S) * static_cast<std::size_t>(a.size())) == 0;
}

}  // namespace

TEMPLATE_TEST_CASE("a saved model loads with bit-identical predictions", "[model_io]", float, double) {
  Trainer<TestType> t = trained_article_model<TestType>(30);
  t.set_epochs_before(100);  // as if it had been loaded after 100 epochs
  const std::string text = save_model(t);
  const LoadedModel m = load_model(text);
  CHECK(m.format == "neurostep-model");
  CHECK(m.compiled);
  CHECK(m.precision == (std::is_same_v<TestType, float> ? "float32" : "float64"));
  CHECK(m.seed == 7);
  CHECK(m.batch_size == 2);
  CHECK(m.epochs_trained == 130);
  check_same_layers(m.spec, t.network().spec(), false);
  CHECK(m.spec.loss == Loss::binary_crossentropy);
  check_same_optimizer(m.spec.optimizer, t.optimizer());

  const Trainer<TestType> u = make_trainer<TestType>(m);
  const Matrix<TestType> X = generate_dataset("article_bits", {}).x.cast<TestType>();
  CHECK(same_bits(t.predict(X), u.predict(X)));
  CHECK(u.batch_size() == 2);
  for (int l = 0; l < 3; ++l) CHECK(same_bits(Matrix<TestType>(t.layer(l).b), Matrix<TestType>(u.layer(l).b)));
  CHECK(u.epochs_trained() == 130);
  CHECK(save_model(u) == text);  // and the file it writes is the same file
}

TEST_CASE("a model file's kernel is Keras's orientation, W transposed", "[model_io]") {
  const Trainer<double> t = trained_article_model<double>(2);
  const Json doc = Json::parse(save_model(t));
  const Json& kernel = doc["weights"][0]["kernel"];
  REQUIRE(kernel.size() == 8);      // inputs
  REQUIRE(kernel[0].size() == 10);  // units
  CHECK(kernel[2][5].get<double>() == t.layer(0).W(5, 2));
  CHECK(doc["weights"][2]["bias"].size() == 1);
  CHECK(doc["compile"]["optimizer"]["class_name"] == "Adam");
  CHECK(doc["model"]["config"]["layers"][1]["class_name"] == "Dense");
}

TEST_CASE("a layer without bias is saved without one and loads", "[model_io]") {
  ModelSpec spec = article_model();
  spec.layers[1].use_bias = false;
  Trainer<float> t(spec, 3);
  const std::string text = save_model(t);
  CHECK_FALSE(Json::parse(text)["weights"][1].contains("bias"));
  const Trainer<float> u = make_trainer<float>(load_model(text));
  const Matrix<float> X = generate_dataset("article_bits", {}).x.cast<float>();
  CHECK(same_bits(t.predict(X), u.predict(X)));
}

TEST_CASE("broken model files are refused with the place named", "[model_io]") {
  const std::string text = save_model(trained_article_model<float>(1));
  CHECK_THROWS_WITH(load_model(text.substr(0, text.size() / 2)), Contains("invalid JSON at byte"));

  const Json doc = Json::parse(text);
  const auto edited = [&](const std::string& pointer, const Json& value) {
    Json j = doc;
    j[Json::json_pointer(pointer)] = value;
    return j.dump();
  };
  Json short_kernel = doc;
  short_kernel["weights"][1]["kernel"].erase(0);
  CHECK_THROWS_WITH(load_model(short_kernel.dump()),
                    "weights[1].kernel must be 10 x 8 (inputs x units, Keras's orientation) for "
                    "layer 2 (\"dense_1\"), got 9 rows of 8 or more values");
  Json transposed = doc;
  transposed["weights"][2]["kernel"] = Json::array({Json::array({1, 2, 3, 4, 5, 6, 7, 8})});
  CHECK_THROWS_WITH(load_model(transposed.dump()), Contains("weights[2].kernel must be 8 x 1"));
  CHECK_THROWS_WITH(load_model(edited("/weights/0/kernel/3/4", nullptr)),
                    Contains("weights[0].kernel[3][4] is null; weights must be finite numbers"));
  Json with_nan = doc;  // a NaN can only arrive in a Json built in memory, not in text
  with_nan["weights"][0]["bias"][1] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(load_model(with_nan), Contains("weights[0].bias[1] must be a finite number"));
  CHECK_THROWS_WITH(load_model(edited("/weights/2/bias", Json::array({0.5, 0.5}))),
                    Contains("weights[2].bias must have 1 values"));
  CHECK_THROWS_WITH(load_model(edited("/format", "keras-h5")),
                    "unknown format \"keras-h5\"; expected \"neurostep-model\"");
  CHECK_THROWS_WITH(load_model(edited("/version", 2)), Contains("version 2 is not supported"));
  CHECK_THROWS_WITH(load_model(edited("/training/precision", "float16")), Contains("training.precision must be"));
  CHECK_THROWS_WITH(load_model(edited("/training/seed", -1)), Contains("training.seed must be between 0 and 4294967295"));
  CHECK_THROWS_WITH(load_model(edited("/compile/optimizer/config/clipnorm", 1.0)),
                    Contains("compile.optimizer.config.clipnorm is 1.0; NeuroStep's adam has no \"clipnorm\""));
  CHECK_THROWS_WITH(load_model(edited("/compile/metrics", {"mae"})), Contains("unsupported metric \"mae\""));
  CHECK_THROWS_WITH(load_model(edited("/extra", 1)), Contains("unknown key \"extra\""));
  CHECK_THROWS_WITH(load_model(edited("/model/config/layers/3/config/units", 2)),
                    Contains("weights[2].kernel must be 8 x 2"));
  CHECK_THROWS_WITH(load_model(R"({"hello": 1})"), Contains("not a model"));
}

TEST_CASE("load_model also takes a bare Keras to_json() or a spec, without weights", "[model_io]") {
  const LoadedModel keras = load_model(fixture("article_keras3.json"));
  CHECK(keras.format == "keras");
  CHECK_FALSE(keras.compiled);
  CHECK(keras.weights.empty());
  CHECK(keras.seed == 42);
  const Trainer<float> t = make_trainer<float>(keras);
  const Trainer<float> fresh(keras.spec, 42);
  CHECK(same_bits(t.layer(0).W, fresh.layer(0).W));
  CHECK(load_model(fixture("softmax_classifier_keras3.json")).compiled);

  const LoadedModel spec = load_model(spec_to_json(article_model()).dump());
  CHECK(spec.format == "spec");
  CHECK(spec.spec.loss == Loss::binary_crossentropy);
}

// ---- the command line's history file ----------------------------------------------------------

TEST_CASE("the CLI's history JSON carries every epoch's values bit for bit", "[model_io]") {
  Trainer<float> t(article_model(), 42);
  const Dataset data = generate_dataset("article_bits", {});
  const TrainTestSplit split = split_dataset(data, 0.3, 42);
  t.set_data(split.train, split.test);
  t.set_batch_size(1);
  cli::TrainSettings settings;
  settings.epochs = 120;
  std::ostringstream progress;
  REQUIRE(cli::fit(t, settings, progress) == 0);
  const std::string lines = progress.str();
  CHECK(std::count(lines.begin(), lines.end(), '\n') == 41);  // epoch 1 and every 3rd (120 among them)
  CHECK_THAT(lines, Contains("epoch 120/120  loss "));
  CHECK_THAT(lines, Contains("  test loss "));

  const Json history = Json::parse(cli::history_json(t.history(), true));
  REQUIRE(history.size() == 120);
  for (std::size_t i = 0; i < history.size(); ++i) {
    const EpochRecord& r = t.history()[i];
    CHECK(history[i]["epoch"] == r.epoch);
    CHECK(history[i]["loss"].get<double>() == r.loss);
    CHECK(history[i]["accuracy"].get<double>() == r.accuracy);
    CHECK(history[i]["val_loss"].get<double>() == r.val_loss);
    CHECK(history[i]["val_accuracy"].get<double>() == r.val_accuracy);
  }
  CHECK_FALSE(Json::parse(cli::history_json(t.history(), false))[0].contains("val_loss"));
}
