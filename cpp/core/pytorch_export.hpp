#pragma once
// A NeuroStep model as a runnable PyTorch script, in the style of the Keras export
// (keras_export.hpp): torch.nn.Sequential of the same layers (pytorch_layers.hpp), optionally
// NeuroStep's current weights, the data, the loss as Keras computes it, the optimizer with
// PyTorch's nearest equivalent, and a plain training loop over batches in order (or shuffled).
//
// Where PyTorch's formula differs from Keras's, the script says so beside the line:
//   Adam: Keras divides by sqrt(v) + eps after folding both bias corrections into the step
//     size ("epsilon hat"); PyTorch adds eps to sqrt(v / (1 - beta_2^t)). Same when eps -> 0.
//   RMSprop, Adagrad: Keras takes sqrt(v + eps), PyTorch sqrt(v) + eps; Keras's Adagrad starts
//     its accumulator at 0.1 (passed explicitly).
//   SGD with momentum: Keras keeps v = m v - lr g, PyTorch b = m b + g and steps lr b: the same
//     steps while the learning rate is constant.
//   BatchNormalization: PyTorch's running variance uses the unbiased batch variance (n - 1).
//   Dropout draws its own masks; a shuffle draws its own order.
// Left out (said in the script): activity regularizers and weight constraints.
#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "core/keras_export.hpp"
#include "core/model_spec.hpp"
#include "core/network.hpp"
#include "core/pytorch_layers.hpp"

namespace neurostep {

struct PyTorchExportOptions {
  int epochs = 1000;
  int batch_size = 1;
  bool shuffle = true;
  bool include_weights = false;
  bool float64 = false;                    // the trainer's precision: torch.float64, and exact weights
  std::string csv_file_name = "data.csv";  // used when the dataset is too large to inline
  long inline_limit = 200;
};

namespace pytorch_export_detail {
using keras_export_detail::py_string;
using keras_export_detail::rows;

inline std::string optimizer_line(const OptimizerConfig& c) {
  const std::string lr = "lr=" + number(c.learning_rate);
  switch (c.kind) {
    case OptimizerKind::sgd:
      return "optimizer = torch.optim.SGD(model.parameters(), " + lr +
             (c.momentum > 0 ? ", momentum=" + number(c.momentum) : "") + (c.nesterov ? ", nesterov=True" : "") + ")" +
             (c.momentum > 0 ? "\n# Keras: v = momentum v - lr g, w += v; PyTorch: b = momentum b + g, w -= lr b (the same steps at a constant lr)" : "");
    case OptimizerKind::adam:
      return "optimizer = torch.optim.Adam(model.parameters(), " + lr + ", betas=(" + number(c.beta_1) + ", " +
             number(c.beta_2) + "), eps=" + number(c.epsilon) + (c.amsgrad ? ", amsgrad=True" : "") + ")\n"
             "# Keras: w -= lr sqrt(1 - beta_2^t) / (1 - beta_1^t) m / (sqrt(v) + eps);\n"
             "# PyTorch: w -= lr / (1 - beta_1^t) m / (sqrt(v / (1 - beta_2^t)) + eps): eps weighs differently";
    case OptimizerKind::rmsprop:
      return "optimizer = torch.optim.RMSprop(model.parameters(), " + lr + ", alpha=" + number(c.rho) + ", eps=" +
             number(c.epsilon) + (c.momentum > 0 ? ", momentum=" + number(c.momentum) : "") + ")\n"
             "# Keras: w -= lr g / sqrt(v + eps); PyTorch: w -= lr g / (sqrt(v) + eps)";
    case OptimizerKind::adagrad:
      return "optimizer = torch.optim.Adagrad(model.parameters(), " + lr + ", initial_accumulator_value=" +
             number(c.initial_accumulator_value) + ", eps=" + number(c.epsilon) + ")\n"
             "# Keras: w -= lr g / sqrt(acc + eps); PyTorch: w -= lr g / (sqrt(acc) + eps)";
  }
  return "";
}

// The loss of a batch as Keras computes it (loss.hpp): from the logits z = model[:-1](x) when
// the model ends in sigmoid or softmax, else from the clipped probabilities.
inline std::string loss_function(const ModelSpec& spec, Activation last) {
  const bool sigmoid = last == Activation::sigmoid, softmax = last == Activation::softmax;
  std::string s = "EPS = 1e-7  # Keras's backend epsilon: probabilities are clipped to [EPS, 1 - EPS]\n\n"
                  "def loss_fn(x, y):\n";
  switch (spec.loss) {
    case Loss::mean_squared_error: return s + "    return F.mse_loss(model(x), y)  # mean over outputs and samples\n";
    case Loss::mean_absolute_error: return s + "    return F.l1_loss(model(x), y)\n";
    case Loss::binary_crossentropy:
      if (sigmoid) return s + "    # from the logit, as Keras does for a sigmoid output\n    return F.binary_cross_entropy_with_logits(model[:-1](x), y)\n";
      return s + "    p = model(x).clamp(EPS, 1 - EPS)\n    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()\n";
    case Loss::categorical_crossentropy:
      if (softmax) return s + "    # from the logits, as Keras does for a softmax output (targets are probabilities)\n    return F.cross_entropy(model[:-1](x), y)\n";
      return s + "    p = model(x)\n    p = (p / p.sum(dim=1, keepdim=True)).clamp(EPS, 1 - EPS)\n    return -(y * torch.log(p)).sum(dim=1).mean()\n";
    case Loss::sparse_categorical_crossentropy:
      if (softmax) return s + "    return F.cross_entropy(model[:-1](x), y[:, 0].long())  # from the logits, as Keras does\n";
      return s + "    p = model(x)\n    p = (p / p.sum(dim=1, keepdim=True)).clamp(EPS, 1 - EPS)\n"
                 "    return -torch.log(p.gather(1, y.long())).mean()\n";
  }
  return s;
}

// L1/L2 penalties of the kernels and biases, added to the loss as Keras adds them.
inline std::string penalty_function(const ModelSpec& spec, const std::vector<int>& first_module) {
  std::string terms;
  for (std::size_t l = 0; l < spec.layers.size(); ++l) {
    const LayerConfig& c = spec.layers[l];
    if (c.kind != LayerKind::dense) continue;
    const std::string m = "model[" + std::to_string(first_module[l]) + "]";
    for (const auto& [r, w] : {std::pair{c.kernel_regularizer(), std::string(".weight")}, std::pair{c.bias_regularizer, std::string(".bias")}}) {
      if (w == ".bias" && !c.use_bias) continue;
      if (r.l1 > 0) terms += "\n    p = p + " + number(r.l1) + " * " + m + w + ".abs().sum()";
      if (r.l2 > 0) terms += "\n    p = p + " + number(r.l2) + " * (" + m + w + " ** 2).sum()";
    }
  }
  return "def penalty():  # the kernel and bias regularizers' terms of the loss\n    p = torch.zeros((), dtype=DTYPE)" +
         terms + "\n    return p\n";
}

}  // namespace pytorch_export_detail

inline std::string export_pytorch_script(const ModelSpec& spec, const Dataset& data, const PyTorchExportOptions& o,
                                         const std::vector<LayerWeights>* weights = nullptr) {
  using namespace pytorch_export_detail;
  validate(spec);
  validate(data);
  const bool sparse = spec.loss == Loss::sparse_categorical_crossentropy;
  const std::vector<int> widths = layer_widths(spec);
  keras_export_detail::check_export_data(data, spec.input_dim, sparse ? 1 : widths.back());
  if (!(o.epochs >= 0 && o.batch_size >= 1))
    fail_with("export.pytorch_epochs", "epochs must be at least 0 and batch_size at least 1, got {epochs} and {batch}",
              {arg("epochs", o.epochs), arg("batch", o.batch_size)});
  require(!o.include_weights || (weights && weights->size() == spec.layers.size()), "include_weights is set but no weights were given");
  const bool inline_data = data.size() <= o.inline_limit;
  std::vector<std::string> left_out;
  std::string s = "\"\"\"A model exported from NeuroStep, the neural-network playground, as a PyTorch script.\n\nModel: " +
                  std::to_string(spec.input_dim) + " inputs";
  for (const LayerConfig& l : spec.layers) s += " -> " + keras_export_detail::layer_summary(l);
  s += "\nLoss: " + name_of(spec.loss) + ", optimizer: " + name_of(spec.optimizer.kind) +
       "\n\nTo run it:\n    pip install torch\n    python3 model.py\n\n"
       "PyTorch's nearest equivalents of Keras's layers and optimizer are used; where a formula\n"
       "differs, a comment beside it says how. Dropout and shuffling draw their own random numbers.\n\"\"\"\n";
  s += "import torch\nfrom torch import nn\nimport torch.nn.functional as F\n\n";
  s += std::string("DTYPE = torch.") + (o.float64 ? "float64" : "float32") + "  # NeuroStep's precision\n";
  s += "torch.manual_seed(42)\n\n";
  if (needs_lambda(spec.layers))
    s += "class Lambda(nn.Module):  # a function as a layer\n    def __init__(self, f):\n        super().__init__()\n"
         "        self.f = f\n\n    def forward(self, x):\n        return self.f(x)\n\n";
  // The modules, and the index of each layer's first module in the Sequential.
  std::vector<int> first_module;
  std::string modules;
  int index = 0;
  for (std::size_t l = 0; l < spec.layers.size(); ++l) {
    const LayerConfig& c = spec.layers[l];
    first_module.push_back(index);
    for (const std::string& m : layer_modules(c, widths[l])) {
      const std::size_t hash = m.find("  #");
      modules += "    " + (hash == std::string::npos ? m + "," : m.substr(0, hash) + "," + m.substr(hash)) + "\n";
      ++index;
    }
    if (c.activity_regularizer.active()) left_out.push_back("layer " + std::to_string(l + 1) + "'s activity regularizer");
    if (c.kernel_constraint.active() || c.bias_constraint.active()) left_out.push_back("layer " + std::to_string(l + 1) + "'s weight constraints");
  }
  s += "model = nn.Sequential(\n" + modules + ").to(DTYPE)\n";
  for (std::size_t l = 0; l < spec.layers.size(); ++l) {
    const LayerConfig& c = spec.layers[l];
    const bool norm = c.kind == LayerKind::batch_normalization || c.kind == LayerKind::layer_normalization;
    const std::string m = "model[" + std::to_string(first_module[l]) + "]";
    if (norm && !c.scale) s += m + ".weight.requires_grad_(False)  # scale=False: gamma stays 1\n";
    if (norm && !c.center) s += m + ".bias.requires_grad_(False)  # center=False: beta stays 0\n";
  }
  if (!left_out.empty()) {
    s += "# Left out of this script:";
    for (const std::string& x : left_out) s += " " + x + ";";
    s += "\n";
  }
  if (o.include_weights) {
    s += "\n# NeuroStep's weights. nn.Linear's weight is units x inputs, like NeuroStep's W (Keras's kernel\n"
         "# is its transpose); BatchNorm1d's weight, bias, running_mean, running_var are Keras's gamma,\n"
         "# beta, moving_mean, moving_variance; PReLU's weight is alpha.\nweights = {\n";
    const auto value = [&](double v) { return o.float64 ? number(v) : keras_export_detail::float32_number(v); };
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
      const LayerWeights& w = (*weights)[l];
      const std::string key = "'" + std::to_string(first_module[l]) + ".";
      if (spec.layers[l].kind == LayerKind::dense) {
        s += "    " + key + "weight': " + rows(w.W.rows(), w.W.cols(), [&](long r, long c) { return value(w.W(r, c)); }, "        ") + ",\n";
        if (spec.layers[l].use_bias) {
          s += "    " + key + "bias': [";
          for (Eigen::Index u = 0; u < w.b.size(); ++u) s += (u ? ", " : "") + value(w.b(u));
          s += "],\n";
        }
        continue;
      }
      const std::vector<WeightName> names = weight_names(spec.layers[l]);
      for (std::size_t k = 0; k < names.size() && k < w.vectors.size(); ++k) {
        s += "    " + key + torch_weight_name(spec.layers[l].kind, names[k].name) + "': [";
        for (Eigen::Index u = 0; u < w.vectors[k].size(); ++u) s += (u ? ", " : "") + value(w.vectors[k](u));
        s += "],  # " + std::string(names[k].name) + "\n";
      }
    }
    s += "}\nwith torch.no_grad():\n    state = model.state_dict()\n    for name, value in weights.items():\n"
         "        state[name].copy_(torch.tensor(value, dtype=DTYPE))\n";
  } else {
    s += "\n# Keras's initial weights: glorot_uniform kernels, zero biases (PyTorch's Linear defaults differ).\n"
         "for m in model:\n    if isinstance(m, nn.Linear):\n        nn.init.xavier_uniform_(m.weight)\n"
         "        if m.bias is not None:\n            nn.init.zeros_(m.bias)\n";
  }
  if (inline_data) {
    s += "\nX = torch.tensor(" + rows(data.size(), data.features(), [&](long r, long c) { return number(data.x(c, r)); }) + ", dtype=DTYPE)\n";
    s += "Y = torch.tensor(" + rows(data.size(), data.targets(), [&](long r, long c) { return number(data.y(c, r)); }) + ", dtype=DTYPE)\n";
  } else {
    const std::string nf = std::to_string(data.features());
    s += "\nimport numpy as np\nCSV_FILE = " + py_string(o.csv_file_name) + "\n"
         "data = torch.tensor(np.loadtxt(CSV_FILE, delimiter=',', skiprows=1, ndmin=2), dtype=DTYPE)  # skip the header\n"
         "X, Y = data[:, :" + nf + "], data[:, " + nf + ":]\n";
  }
  s += "\n" + loss_function(spec, spec.layers.back().activation) + "\n\n" + penalty_function(spec, first_module) + "\n\n";
  s += optimizer_line(spec.optimizer) + "\n\n";
  s += "EPOCHS = " + std::to_string(o.epochs) + "\nBATCH_SIZE = " + std::to_string(o.batch_size) +
       "\nSHUFFLE = " + (o.shuffle ? "True" : "False") + "\n\n";
  s += "model.train()  # Dropout drops, BatchNorm uses the batch's statistics\n"
       "for epoch in range(EPOCHS):\n"
       "    order = torch.randperm(len(X)) if SHUFFLE else torch.arange(len(X))\n"
       "    total = 0.0\n"
       "    for start in range(0, len(X), BATCH_SIZE):  # the last batch may be smaller, as in Keras\n"
       "        batch = order[start:start + BATCH_SIZE]\n"
       "        optimizer.zero_grad()\n"
       "        loss = loss_fn(X[batch], Y[batch]) + penalty()\n"
       "        loss.backward()\n"
       "        optimizer.step()\n"
       "        total += loss.item() * len(batch)\n"
       "    print(f'epoch {epoch + 1}: loss {total / len(X):.6f}')\n\n"
       "model.eval()  # Dropout off, BatchNorm's running statistics\n"
       "with torch.no_grad():\n";
  s += inline_data ? "    print(model(X))\n" : "    print(model(X[:10]))  # the first 10 rows\n";
  return s;
}

}  // namespace neurostep
