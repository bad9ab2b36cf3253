// Keras files of every dialect with the layers beyond Dense: our own fixtures (Keras 1, Keras
// 2.0's list config, tf.keras 2, Keras 3) read argument by argument, every one written back as
// Keras 3 to_json() and read again to the same model, through the model file too; and the real
// files of ../shared/keras_models (when that folder is there) imported and exported back.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/keras_export.hpp"
#include "core/keras_json.hpp"
#include "core/model_file.hpp"
#include "core/spec_json.hpp"
#include "fixtures.hpp"

using namespace neurostep;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}
std::string fixture(const std::string& name) {
  return read_text(fs::path(NEUROSTEP_SOURCE_DIR) / "tests/fixtures/keras" / name);
}

// Keras 3 to_json() of the spec, read back: the same model.
void check_round_trip(const ModelSpec& spec) {
  ModelSpec back = spec_from_keras_json(keras_model_json(spec).dump());
  back.loss = spec.loss;  // to_json() holds no compile settings (a file's compile_config is read)
  back.optimizer = spec.optimizer;
  CHECK(spec_to_json(back).dump() == spec_to_json(spec).dump());
  CHECK(back.input_shape == spec.input_shape);
}

std::vector<LayerKind> kinds(const ModelSpec& s) {
  std::vector<LayerKind> out;
  for (const auto& l : s.layers) out.push_back(l.kind);
  return out;
}

}  // namespace

TEST_CASE("Keras 1: output_dim, init, W_regularizer, W_constraint, Activation layers, Dropout's p", "[keras_dialects]") {
  const ModelSpec s = spec_from_keras_json(fixture("keras1_mlp.json"));
  CHECK(s.input_dim == 4);
  CHECK(kinds(s) == std::vector<LayerKind>{LayerKind::dense, LayerKind::activation, LayerKind::dropout,
                                           LayerKind::dense, LayerKind::activation});
  CHECK(s.layers[0].units == 8);
  CHECK(s.layers[0].kernel_initializer == Initializer::he_normal);
  CHECK(s.layers[0].l2 == 0.01);
  CHECK(s.layers[0].kernel_constraint.kind == ConstraintKind::max_norm);
  CHECK(s.layers[0].kernel_constraint.max_value == 3);
  CHECK(s.layers[1].activation == Activation::relu);
  CHECK(s.layers[2].rate == 0.2);
  CHECK(s.layers[4].activation == Activation::softmax);
  check_round_trip(s);
}

TEST_CASE("Keras 2.0: the config as a list, BatchNormalization, LeakyReLU's alpha, bias regularizer, NonNeg", "[keras_dialects]") {
  const ModelSpec s = spec_from_keras_json(fixture("keras205_list_bn.json"));
  CHECK(s.input_dim == 6);
  CHECK(kinds(s) == std::vector<LayerKind>{LayerKind::dense, LayerKind::batch_normalization, LayerKind::leaky_relu, LayerKind::dense});
  CHECK(s.layers[0].bias_regularizer.l2 == 0.001);
  CHECK(s.layers[0].kernel_constraint.kind == ConstraintKind::non_neg);
  CHECK(s.layers[1].momentum == 0.9);
  CHECK(!s.layers[1].scale);
  CHECK(s.layers[1].center);
  CHECK(s.layers[2].negative_slope == 0.1);
  check_round_trip(s);
}

TEST_CASE("tf.keras 2: an image input through Flatten, LayerNormalization, ReLU, ELU, PReLU, Softmax", "[keras_dialects]") {
  const ModelSpec s = spec_from_keras_json(fixture("tfkeras2_image_layers.json"));
  CHECK(s.input_dim == 784);
  CHECK(s.input_shape == std::vector<int>{28, 28});
  CHECK(kinds(s) == std::vector<LayerKind>{LayerKind::flatten, LayerKind::dense, LayerKind::layer_normalization,
                                           LayerKind::relu, LayerKind::dense, LayerKind::elu, LayerKind::prelu,
                                           LayerKind::dense, LayerKind::softmax});
  CHECK(s.layers[1].activation == Activation::silu);
  CHECK(s.layers[1].activity_regularizer.l1 == 1e-5);
  CHECK(s.layers[1].kernel_constraint.max_value == 2);
  CHECK(s.layers[3].max_value == 6);
  CHECK(s.layers[4].kernel_constraint.kind == ConstraintKind::unit_norm);
  CHECK(!s.layers[4].use_bias);
  CHECK(s.layers[5].alpha == 0.5);
  CHECK(s.layers[7].bias_constraint.kind == ConstraintKind::min_max_norm);
  CHECK(s.layers[7].bias_constraint.rate == 0.5);
  check_round_trip(s);
  // It trains on flat rows of 784 values.
  Trainer<float> t(s, 1);
  Dataset d;
  d.x = Eigen::MatrixXd::Random(784, 4);
  d.y = Eigen::MatrixXd::Zero(10, 4);
  d.y.row(3).setOnes();
  t.set_data(d, {});
  t.set_batch_size(2);
  t.step_epoch();
  CHECK(!t.diverged());
}

TEST_CASE("Keras 3: DTypePolicy, module and registered_name, optional, quantization_config, synchronized", "[keras_dialects]") {
  const ModelSpec s = spec_from_keras_json(fixture("keras3_layers.json"));
  CHECK(kinds(s) == std::vector<LayerKind>{LayerKind::dense, LayerKind::batch_normalization, LayerKind::dropout,
                                           LayerKind::activation, LayerKind::leaky_relu, LayerKind::dense});
  CHECK(s.layers[0].activation == Activation::gelu);
  CHECK(s.layers[2].rate == 0.3);
  CHECK(s.layers[3].activation == Activation::hard_silu);
  CHECK(s.layers[4].negative_slope == 0.3);
  CHECK(s.layers[5].activation == Activation::log_softmax);
  check_round_trip(s);
  // Through a model file: weights (moving statistics included) and optimizer state come back.
  ModelSpec compiled = s;
  compiled.loss = Loss::mean_squared_error;
  Trainer<double> t(compiled, 3);
  Dataset d;
  d.x = Eigen::MatrixXd::Random(5, 6);
  d.y = Eigen::MatrixXd::Random(3, 6);
  t.set_data(d, {});
  t.set_batch_size(3);
  t.train_epochs(2);
  const LoadedModel m = load_model(save_model(t));
  Trainer<double> u = make_trainer<double>(m);
  for (int l = 0; l < t.network().depth(); ++l) {
    const auto a = t.network().at(l).params(), b = u.network().at(l).params();
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) CHECK(a[k].matrix() == b[k].matrix());
  }
  const OptimizerState sa = t.optimizer_state(), sb = u.optimizer_state();
  CHECK(sa.slots[1][0].vectors == sb.slots[1][0].vectors);
  CHECK(sa.iterations == sb.iterations);
}

TEST_CASE("the Keras script carries the new layers, activations, regularizers and constraints", "[keras_dialects]") {
  const ModelSpec s = spec_from_keras_json(fixture("tfkeras2_image_layers.json"));
  Dataset d;
  d.x = Eigen::MatrixXd::Zero(784, 2);
  d.y = Eigen::MatrixXd::Zero(10, 2);
  d.y(0, 0) = d.y(1, 1) = 1;
  KerasExportOptions o;
  const std::string script = export_keras_script(s, d, o);
  for (const char* part : {"keras.Input(shape=(28, 28)),", "keras.layers.Flatten(),",
                           "keras.layers.Dense(16, activation='silu', kernel_regularizer=keras.regularizers.L1L2(l2=0.0005), "
                           "kernel_constraint=keras.constraints.MaxNorm(), activity_regularizer=keras.regularizers.L1L2(l1=1e-05)),",
                           "keras.layers.LayerNormalization(),", "keras.layers.ReLU(max_value=6),",
                           "keras.constraints.UnitNorm()", "keras.layers.ELU(alpha=0.5),", "keras.layers.PReLU(),",
                           "keras.constraints.MinMaxNorm(rate=0.5)", "keras.layers.Softmax(),",
                           "X = X.reshape((-1, 28, 28))"})
    CHECK_THAT(script, Catch::Matchers::Contains(part));
  const ModelSpec bn = spec_from_keras_json(fixture("keras205_list_bn.json"));
  d.x = Eigen::MatrixXd::Zero(6, 2);
  d.y = Eigen::MatrixXd::Zero(1, 2);
  Trainer<double> t(bn, 2);
  o.include_weights = true;
  const std::vector<LayerWeights> w = t.network().weights();
  const std::string with_weights = export_keras_script(bn, d, o, &w);
  for (const char* part : {"keras.layers.BatchNormalization(momentum=0.9, scale=False),", "keras.layers.LeakyReLU(negative_slope=0.1),",
                           "# layer 2 beta", "# layer 2 moving_mean", "# layer 2 moving_variance"})
    CHECK_THAT(with_weights, Catch::Matchers::Contains(part));
}

TEST_CASE("the real Keras files of ../shared/keras_models import and export back", "[keras_dialects]") {
  std::vector<fs::path> candidates = {fs::path(NEUROSTEP_SOURCE_DIR) / ".." / "shared" / "keras_models",
                                      fs::path(NEUROSTEP_SOURCE_DIR) / ".." / ".." / "shared" / "keras_models"};
  if (const char* env = std::getenv("NEUROSTEP_KERAS_MODELS")) candidates.insert(candidates.begin(), env);
  fs::path folder;
  for (const auto& c : candidates)
    if (fs::is_directory(c)) folder = c;
  if (folder.empty()) {
    WARN("skipped: no shared/keras_models folder beside the clone (set NEUROSTEP_KERAS_MODELS to one)");
    return;
  }
  int imported = 0;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.path().extension() != ".json") continue;
    const std::string text = read_text(entry.path());
    const Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) continue;
    // Weight manifests and the like are not models.
    if (!doc.contains("class_name") && !doc.contains("modelTopology")) continue;
    INFO(entry.path().string());
    LoadedModel m;
    try {
      m = load_model(text);
    } catch (const Error& e) {
      // Only a layer NeuroStep lacks may stop a file; say which.
      const std::string what = e.what();
      CHECK_THAT(what, Catch::Matchers::Contains("unsupported layer class"));
      continue;
    }
    check_round_trip(m.spec);
    ++imported;
  }
  CHECK(imported >= 8);
}
