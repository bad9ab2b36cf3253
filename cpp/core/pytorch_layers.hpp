#pragma once
// NeuroStep's layers and activations as PyTorch modules (pytorch_export.hpp writes the script):
// each is the torch.nn module that computes the same function, and where PyTorch's formula or
// default differs from Keras's the call sets Keras's value, with a comment saying so.
//   Dense(units, f)             nn.Linear(inputs, units[, bias=False]) then f's module;
//                               Linear.weight is units x inputs, NeuroStep's W (Keras's kernel^T)
//   Dropout(rate)               nn.Dropout(p=rate)
//   BatchNormalization(m, eps)  nn.BatchNorm1d(n, eps=eps, momentum=1 - m): PyTorch's momentum is
//                               the weight of the new batch, Keras's that of the old average
//   LayerNormalization(eps)     nn.LayerNorm(n, eps=eps)
//   ReLU, LeakyReLU, ELU, PReLU, Softmax, Flatten, Activation(f): their nn modules
#include <cmath>
#include <string>
#include <vector>

#include "core/activation.hpp"
#include "core/keras_export.hpp"
#include "core/layer_config.hpp"

namespace neurostep::pytorch_export_detail {
using keras_export_detail::number;

// A module computing f, or "" for linear (nothing to add). Keras's definitions:
//   hard_sigmoid = relu6(x + 3) / 6 = nn.Hardsigmoid;  hard_silu = x hard_sigmoid(x) = nn.Hardswish;
//   leaky_relu's default slope is 0.2 (PyTorch's 0.01);  softmax and log_softmax over the units (dim=1).
inline std::string activation_module(Activation a) {
  switch (a) {
    case Activation::linear: return "";
    case Activation::relu: return "nn.ReLU()";
    case Activation::relu6: return "nn.ReLU6()";
    case Activation::leaky_relu: return "nn.LeakyReLU(0.2)  # Keras's default slope (PyTorch's is 0.01)";
    case Activation::elu: return "nn.ELU()";
    case Activation::selu: return "nn.SELU()";
    case Activation::celu: return "nn.CELU()";
    case Activation::gelu: return "nn.GELU()";
    case Activation::gelu_approximate: return "nn.GELU(approximate='tanh')";
    case Activation::silu: return "nn.SiLU()";
    case Activation::hard_sigmoid: return "nn.Hardsigmoid()  # relu6(x + 3) / 6, Keras 3's hard_sigmoid";
    case Activation::hard_silu: return "nn.Hardswish()  # x relu6(x + 3) / 6, Keras 3's hard_silu";
    case Activation::mish: return "nn.Mish()";
    case Activation::softplus: return "nn.Softplus()";
    case Activation::softsign: return "nn.Softsign()";
    case Activation::sigmoid: return "nn.Sigmoid()";
    case Activation::tanh: return "nn.Tanh()";
    case Activation::exponential: return "Lambda(torch.exp)";
    case Activation::softmax: return "nn.Softmax(dim=1)";
    case Activation::log_softmax: return "nn.LogSoftmax(dim=1)";
  }
  return "";
}

// Keras's ReLU(max_value, negative_slope, threshold):
//   f(x) = max_value for x >= max_value;  x for threshold <= x < max_value;  negative_slope (x - threshold) below.
inline std::string relu_module(const LayerConfig& l) {
  const bool capped = !std::isinf(l.max_value);
  if (l.negative_slope == 0 && l.threshold == 0)
    return capped ? "nn.Hardtanh(0.0, " + number(l.max_value) + ")  # ReLU(max_value=" + number(l.max_value) + ")" : "nn.ReLU()";
  const std::string t = number(l.threshold), s = number(l.negative_slope);
  std::string f = "torch.where(x >= " + t + ", x, " + s + " * (x - " + t + "))";
  if (capped) f = "torch.clamp(" + f + ", max=" + number(l.max_value) + ")";
  return "Lambda(lambda x: " + f + ")  # Keras's ReLU(negative_slope, threshold" + (capped ? ", max_value" : "") + ")";
}

// The modules of one layer (a Dense layer with an activation gives two), one per line.
inline std::vector<std::string> layer_modules(const LayerConfig& l, int inputs) {
  const std::string n = std::to_string(inputs);
  switch (l.kind) {
    case LayerKind::dense: {
      std::vector<std::string> out = {"nn.Linear(" + n + ", " + std::to_string(l.units) + (l.use_bias ? "" : ", bias=False") + ")"};
      if (const std::string f = activation_module(l.activation); !f.empty()) out.push_back(f);
      return out;
    }
    case LayerKind::dropout: return {"nn.Dropout(p=" + number(l.rate) + ")"};
    case LayerKind::batch_normalization:
      return {"nn.BatchNorm1d(" + n + ", eps=" + number(l.epsilon) + ", momentum=1 - " + number(l.momentum) +
              ")  # PyTorch weighs the new batch by momentum, Keras the old average"};
    case LayerKind::layer_normalization: return {"nn.LayerNorm(" + n + ", eps=" + number(l.epsilon) + ")"};
    case LayerKind::activation: {
      const std::string f = activation_module(l.activation);
      return {f.empty() ? "nn.Identity()" : f};
    }
    case LayerKind::relu: return {relu_module(l)};
    case LayerKind::leaky_relu: return {"nn.LeakyReLU(" + number(l.negative_slope) + ")"};
    case LayerKind::elu: return {"nn.ELU(" + number(l.alpha) + ")"};
    case LayerKind::prelu: return {"nn.PReLU(" + n + ", init=0.0)  # one slope per feature, Keras's alpha"};
    case LayerKind::softmax: return {"nn.Softmax(dim=1)"};
    case LayerKind::flatten: return {"nn.Flatten()"};
  }
  return {};
}

// Whether the script needs its small Lambda module (a function as a layer).
inline bool needs_lambda(const std::vector<LayerConfig>& layers) {
  for (const LayerConfig& l : layers) {
    const bool act = l.kind == LayerKind::dense || l.kind == LayerKind::activation;
    if (act && l.activation == Activation::exponential) return true;
    if (l.kind == LayerKind::relu && (l.negative_slope != 0 || l.threshold != 0)) return true;
  }
  return false;
}

// PyTorch's names of a layer's weights in order, as model.state_dict() keys "<index>.<name>",
// for NeuroStep's (Keras's) names.
inline const char* torch_weight_name(LayerKind kind, const std::string& keras) {
  if (keras == "kernel" || keras == "gamma" || keras == "alpha") return "weight";
  if (keras == "bias" || keras == "beta") return "bias";
  if (keras == "moving_mean") return "running_mean";
  if (keras == "moving_variance") return "running_var";
  (void)kind;
  return "";
}

}  // namespace neurostep::pytorch_export_detail
