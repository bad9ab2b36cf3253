#include "core/keras_export.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/generators.hpp"

using namespace neurostep;
using Catch::Contains;
using Catch::StartsWith;

namespace {
long count_of(const std::string& text, const std::string& what) {
  long n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The text between `from` and the next `to` after it.
std::string between(const std::string& text, const std::string& from, const std::string& to) {
  const std::size_t start = text.find(from);
  REQUIRE(start != std::string::npos);
  const std::size_t end = text.find(to, start + from.size());
  REQUIRE(end != std::string::npos);
  return text.substr(start + from.size(), end - start - from.size());
}

// The script must at least be valid Python: `python3 -m py_compile` on it, in a directory of
// its own so that the __pycache__ it writes goes away with it.
void check_compiles(const std::string& script) {
  if (std::system("command -v python3 > /dev/null 2>&1") != 0) {
    WARN("no python3 on PATH: the exported script was not compiled");
    return;
  }
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() /
                       ("neurostep_keras_export_" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  const fs::path file = dir / "model.py";
  std::ofstream(file) << script;
  const int status = std::system(("python3 -m py_compile '" + file.string() + "'").c_str());
  fs::remove_all(dir);
  INFO(script);
  REQUIRE(status == 0);
}

ModelSpec softmax_classifier() {
  ModelSpec spec;
  spec.input_dim = 2;
  LayerConfig hidden, out;
  hidden.units = 6;
  hidden.activation = Activation::leaky_relu;
  hidden.kernel_initializer = Initializer::he_normal;
  hidden.l2 = 0.001;
  out.units = 3;
  out.activation = Activation::softmax;
  out.use_bias = false;
  spec.layers = {hidden, out};
  spec.loss = Loss::sparse_categorical_crossentropy;
  spec.optimizer = default_optimizer(OptimizerKind::rmsprop);
  spec.optimizer.learning_rate = 0.01;
  spec.optimizer.momentum = 0.5;
  return spec;
}
}  // namespace

TEST_CASE("the article's model exports as the article's Keras script", "[keras_export]") {
  const Dataset bits = generate_dataset("article_bits", {});
  const std::string s = export_keras_script(article_model(), bits, KerasExportOptions{});
  CHECK(count_of(s, "keras.layers.Dense(") == 3);
  CHECK_THAT(s, Contains("    keras.Input(shape=(8,)),\n"
                         "    keras.layers.Dense(10, activation='relu'),\n"
                         "    keras.layers.Dense(8, activation='relu'),\n"
                         "    keras.layers.Dense(1, activation='sigmoid'),\n"
                         "])\n"));
  CHECK_THAT(s, Contains("model.compile(loss='binary_crossentropy', "
                         "optimizer=keras.optimizers.Adam(learning_rate=0.001), "
                         "metrics=['accuracy'])"));
  CHECK_THAT(s, Contains("model.fit(X, Y, epochs=1000, batch_size=1)\n"));
  CHECK_THAT(s, Contains("import keras"));
  CHECK_THAT(s, Contains("from tensorflow import keras"));
  CHECK_THAT(s, Contains("python3 model.py"));
  // X has the article's 10 rows of 8 bits, written as integers; Y its labels.
  const std::string X = between(s, "X = np.array([\n", "])\n");
  CHECK(count_of(X, "[") == 10);
  CHECK_THAT(X, Contains("    [0, 0, 0, 0, 0, 0, 0, 0],\n    [0, 0, 0, 0, 0, 0, 0, 1],\n"));
  CHECK(count_of(X, "[1, 1, 1, 1, 1, 1, 1, 1]") == 2);
  CHECK(between(s, "Y = np.array([\n", "])\n") ==
        "    [0],\n    [1],\n    [1],\n    [1],\n    [1],\n    [1],\n    [1],\n    [1],\n"
        "    [1],\n    [1],\n");
  CHECK_THAT(s, !Contains("set_weights"));
  CHECK_THAT(s, !Contains("nan"));
  check_compiles(s);
}

TEST_CASE("every non-default setting appears in the script", "[keras_export]") {
  Dataset d = generate_dataset("spiral", {});
  d.y(0, 5) = 2;  // a third class, so that the labels use all three outputs
  KerasExportOptions o;
  o.epochs = 50;
  o.batch_size = 16;
  o.shuffle = false;
  o.validation_split = 0.25;
  const std::string s = export_keras_script(softmax_classifier(), d, o);
  CHECK_THAT(s, Contains("keras.layers.Dense(6, activation='leaky_relu', "
                         "kernel_initializer='he_normal', "
                         "kernel_regularizer=keras.regularizers.L1L2(l2=0.001)),"));
  CHECK_THAT(s, Contains("tf.nn.leaky_relu"));
  CHECK_THAT(s, Contains("keras.layers.Dense(3, activation='softmax', use_bias=False),"));
  CHECK_THAT(s, Contains("loss='sparse_categorical_crossentropy', "
                         "optimizer=keras.optimizers.RMSprop(learning_rate=0.01, momentum=0.5), "
                         "metrics=['accuracy']"));
  CHECK_THAT(s, Contains("model.fit(X, Y, epochs=50, batch_size=16, validation_split=0.25, "
                         "shuffle=False)"));
  // Sparse labels are class indices, written as integers.
  CHECK_THAT(between(s, "Y = np.array([\n", "])\n"), StartsWith("    [0],\n    [1],\n"));
  CHECK_THAT(s, Contains("    [2],\n"));
  check_compiles(s);
}

TEST_CASE("each optimizer writes its non-default hyperparameters", "[keras_export]") {
  ModelSpec spec = article_model();
  const Dataset bits = generate_dataset("article_bits", {});
  const auto compile_line = [&](const OptimizerConfig& c) {
    spec.optimizer = c;
    return between(export_keras_script(spec, bits, {}), "optimizer=", "metrics=");
  };
  OptimizerConfig c = default_optimizer(OptimizerKind::sgd);
  CHECK(compile_line(c) == "keras.optimizers.SGD(learning_rate=0.01), ");
  c.momentum = 0.9;
  c.nesterov = true;
  CHECK(compile_line(c) == "keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True), ");
  c = default_optimizer(OptimizerKind::adam);
  c.beta_1 = 0.8;
  c.beta_2 = 0.99;
  c.epsilon = 1e-8;
  c.amsgrad = true;
  CHECK(compile_line(c) == "keras.optimizers.Adam(learning_rate=0.001, beta_1=0.8, beta_2=0.99, "
                           "epsilon=1e-08, amsgrad=True), ");
  c = default_optimizer(OptimizerKind::adagrad);
  c.learning_rate = 0.1;
  c.initial_accumulator_value = 0.0;
  CHECK(compile_line(c) ==
        "keras.optimizers.Adagrad(learning_rate=0.1, initial_accumulator_value=0), ");
}

TEST_CASE("a regression model gets mae as its metric", "[keras_export]") {
  ModelSpec spec;
  spec.input_dim = 1;
  LayerConfig hidden, out;
  hidden.units = 8;
  hidden.activation = Activation::tanh;
  hidden.bias_initializer = Initializer::random_uniform;
  spec.layers = {hidden, out};
  const std::string s = export_keras_script(spec, generate_dataset("sine", {}), {});
  CHECK_THAT(s, Contains("keras.layers.Dense(8, activation='tanh', "
                         "bias_initializer='random_uniform'),"));
  CHECK_THAT(s, Contains("keras.layers.Dense(1),"));
  CHECK_THAT(s, Contains("model.compile(loss='mean_squared_error', "
                         "optimizer=keras.optimizers.Adam(learning_rate=0.001), metrics=['mae'])"));
  check_compiles(s);
}

TEST_CASE("a large dataset is read from the CSV file instead of written out", "[keras_export]") {
  GeneratorOptions g;
  g.count = 500;
  const Dataset d = generate_dataset("spiral", g);
  ModelSpec spec = article_model();
  spec.input_dim = 2;
  KerasExportOptions o;
  o.csv_file_name = "spiral's data.csv";
  const std::string s = export_keras_script(spec, d, o);
  CHECK_THAT(s, Contains("CSV_FILE = 'spiral\\'s data.csv'\n"));
  CHECK_THAT(s, Contains("np.loadtxt(CSV_FILE, delimiter=',', skiprows=1, ndmin=2)"));
  CHECK_THAT(s, Contains("X = data[:, :2]\nY = data[:, 2:]\n"));
  CHECK_THAT(s, !Contains("X = np.array"));
  check_compiles(s);

  o.inline_limit = 500;  // the limit is inclusive
  CHECK_THAT(export_keras_script(spec, d, o), Contains("X = np.array"));
}

TEST_CASE("include_weights writes the kernels transposed to Keras's orientation",
          "[keras_export]") {
  const ModelSpec spec = article_model();
  std::vector<LayerWeights> w;
  int inputs = spec.input_dim;
  for (const LayerConfig& l : spec.layers) {
    w.push_back({Eigen::MatrixXd::Zero(l.units, inputs), Eigen::VectorXd::Zero(l.units)});
    inputs = l.units;
  }
  // NeuroStep's W is units x inputs: W(2, 5) joins input 5 to unit 2, which is Keras's
  // kernel[5][2]: the sixth row's third entry.
  w[0].W(2, 5) = 0.1;      // float32(0.1) is written back as 0.1
  w[0].W(3, 5) = -1.0 / 3;  // float32(-1/3) needs 8 digits
  w[2].b(0) = 0.25;
  KerasExportOptions o;
  o.include_weights = true;
  const std::string s = export_keras_script(spec, generate_dataset("article_bits", {}), o, &w);
  const std::string first = between(s, "# layer 1 kernel, 8 x 10\n", "dtype='float32'");
  CHECK(count_of(first, "        [") == 8);  // 8 rows (inputs) of 10 (units)
  CHECK_THAT(first, Contains("        [0, 0, 0.1, -0.33333334, 0, 0, 0, 0, 0, 0],\n"));
  CHECK_THAT(s, Contains("np.array([0.25], dtype='float32'),  # layer 3 bias"));
  CHECK(s.find("model.set_weights([") < s.find("model.fit("));
  check_compiles(s);

  o.include_weights = false;  // weights given but not asked for: none written
  CHECK_THAT(export_keras_script(spec, generate_dataset("article_bits", {}), o, &w),
             !Contains("set_weights"));
}

TEST_CASE("numbers are written so that Python reads back the same value", "[keras_export]") {
  Dataset d = generate_dataset("plane", {});
  d.x(0, 0) = 0.1;
  d.x(1, 0) = 1e-300;
  d.y(0, 0) = -2.5e20;
  ModelSpec spec;
  spec.layers = {LayerConfig{}};
  const std::string script = export_keras_script(spec, d, {});
  CHECK_THAT(between(script, "X = np.array([\n", "])\n"), StartsWith("    [0.1, 1e-300],\n"));
  CHECK_THAT(between(script, "Y = np.array([\n", "])\n"), StartsWith("    [-2.5e+20],\n"));
  // 17 significant digits where fewer would not read back the same double.
  CHECK(keras_export_detail::number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(keras_export_detail::number(3) == "3");
  CHECK_THROWS(keras_export_detail::number(std::nan("")));
  check_compiles(script);
}

TEST_CASE("a mismatch between the model and its data is an error", "[keras_export]") {
  const Dataset bits = generate_dataset("article_bits", {});
  ModelSpec spec = article_model();
  spec.input_dim = 3;
  CHECK_THROWS_WITH(export_keras_script(spec, bits, {}), Contains("8 feature columns"));
  KerasExportOptions o;
  o.include_weights = true;
  CHECK_THROWS_WITH(export_keras_script(article_model(), bits, o), Contains("no weights"));
  std::vector<LayerWeights> wrong(3);
  CHECK_THROWS_WITH(export_keras_script(article_model(), bits, o, &wrong),
                    Contains("weights must be 10 x 8"));
}
