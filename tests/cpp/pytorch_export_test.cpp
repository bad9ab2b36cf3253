// The PyTorch script (core/pytorch_export.hpp) as text: each layer's module, the loss from the
// logits, the optimizer with Keras's settings, the weights in PyTorch's (NeuroStep's) orientation,
// and what it refuses. tests/wasm/pytorch_export.test.mjs runs the scripts with PyTorch itself.
#include "core/pytorch_export.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "core/spec_json.hpp"
#include "core/trainer.hpp"

using namespace neurostep;
using Catch::Contains;

namespace {
Dataset rows(int features, int targets, long n) {
  Dataset d;
  d.x = Eigen::MatrixXd::Constant(features, n, 0.5);
  d.y = Eigen::MatrixXd::Zero(targets, n);
  return d;
}
}  // namespace

TEST_CASE("the PyTorch script has a module per layer, Keras's loss and the optimizer's settings", "[pytorch_export]") {
  const ModelSpec spec = spec_from_json(std::string(R"({"input_dim": 3, "layers": [
      {"units": 4, "activation": "hard_sigmoid", "use_bias": false, "l2": 0.01},
      {"kind": "BatchNormalization", "momentum": 0.9, "epsilon": 0.01, "center": false},
      {"kind": "Dropout", "rate": 0.25}, {"kind": "ReLU", "max_value": 6}, {"kind": "LeakyReLU"},
      {"kind": "ReLU", "threshold": 0.5, "negative_slope": 0.1},
      {"units": 2, "activation": "softmax"}],
    "loss": "categorical_crossentropy", "optimizer": {"name": "rmsprop", "learning_rate": 0.01, "rho": 0.8}})"));
  Trainer<double> t(spec, 1);
  PyTorchExportOptions o;
  o.include_weights = true;
  o.float64 = true;
  o.epochs = 3;
  o.batch_size = 4;
  const auto w = t.network().weights();
  const std::string s = export_pytorch_script(spec, rows(3, 2, 6), o, &w);
  CHECK_THAT(s, Contains("    nn.Linear(3, 4, bias=False),\n    nn.Hardsigmoid(),"));
  CHECK_THAT(s, Contains("nn.BatchNorm1d(4, eps=0.01, momentum=1 - 0.9),"));
  CHECK_THAT(s, Contains("model[2].bias.requires_grad_(False)  # center=False"));
  CHECK_THAT(s, Contains("nn.Dropout(p=0.25),"));
  CHECK_THAT(s, Contains("nn.Hardtanh(0.0, 6),"));
  CHECK_THAT(s, Contains("nn.LeakyReLU(0.3),"));
  CHECK_THAT(s, Contains("Lambda(lambda x: torch.where(x >= 0.5, x, 0.1 * (x - 0.5))),"));
  CHECK_THAT(s, Contains("class Lambda(nn.Module)"));
  CHECK_THAT(s, Contains("return F.cross_entropy(model[:-1](x), y)"));
  CHECK_THAT(s, Contains("p = p + 0.01 * (model[0].weight ** 2).sum()"));
  CHECK_THAT(s, Contains("torch.optim.RMSprop(model.parameters(), lr=0.01, alpha=0.8, eps=1e-07)"));
  CHECK_THAT(s, Contains("# Keras: w -= lr g / sqrt(v + eps); PyTorch: w -= lr g / (sqrt(v) + eps)"));
  CHECK_THAT(s, Contains("EPOCHS = 3\nBATCH_SIZE = 4\nSHUFFLE = True"));
  CHECK_THAT(s, Contains("DTYPE = torch.float64"));
  // W(0, 1) of the first layer is row 0, column 1 of nn.Linear's weight (units x inputs).
  const std::string first_row = "    '0.weight': [\n        [" + keras_export_detail::number(w[0].W(0, 0)) + ", " +
                                keras_export_detail::number(w[0].W(0, 1)) + ", ";
  CHECK_THAT(s, Contains(first_row));
  CHECK_THAT(s, Contains("'2.running_var': [1, 1, 1, 1],  # moving_variance"));
  CHECK(s.find("'0.bias'") == std::string::npos);
}

TEST_CASE("the PyTorch script refuses data that do not fit the model", "[pytorch_export]") {
  const ModelSpec spec = spec_from_json(std::string(R"({"input_dim": 2, "layers": [{"units": 1, "activation": "sigmoid"}], "loss": "binary_crossentropy"})"));
  PyTorchExportOptions o;
  REQUIRE_THROWS_WITH(export_pytorch_script(spec, rows(3, 1, 4), o), "the data has 3 feature columns but the model takes 2 inputs");
  REQUIRE_THROWS_WITH(export_pytorch_script(spec, rows(2, 2, 4), o), "the data has 2 target columns but the model needs 1");
  o.include_weights = true;
  REQUIRE_THROWS_WITH(export_pytorch_script(spec, rows(2, 1, 4), o), "include_weights is set but no weights were given");
  o.include_weights = false;
  const std::string s = export_pytorch_script(spec, rows(2, 1, 4), o);
  CHECK_THAT(s, Contains("return F.binary_cross_entropy_with_logits(model[:-1](x), y)"));
  CHECK_THAT(s, Contains("nn.init.xavier_uniform_(m.weight)"));
}
