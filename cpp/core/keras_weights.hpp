#pragma once
// One layer's weights as Keras holds them: by name (kernel, bias, gamma, beta, moving_mean,
// moving_variance, alpha), each a tensor of Keras's shape with its values in C order (row-major),
// as layer.get_weights(), an .h5/.keras file and a TensorFlow.js .bin shard store them.
//
// The one place where Keras's orientation meets the core's: a Dense kernel is [inputs, units] in
// Keras and W (units x inputs) here, K[i][u] = W(u, i). Every other weight is one value per
// feature, [n], in both.
//
// set_layer_weights checks every given tensor (a weight the layer has, its shape, finite values
// that fit the trainer's precision, no bias without use_bias, no negative moving variance)
// before any is written: on an error the layer keeps its weights. Weights not given stay.
#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/keras_json.hpp"
#include "core/trainer.hpp"

namespace neurostep {

struct KerasTensor {
  std::string name;
  std::vector<long> shape;   // Keras's shape: [inputs, units] for a kernel, [n] otherwise
  std::vector<double> data;  // C order: the last index varies fastest
};

namespace keras_weights_detail {

inline std::string shape_text(const std::vector<long>& shape) {
  std::string out;
  for (long d : shape) out += (out.empty() ? "" : ", ") + std::to_string(d);
  return "[" + out + "]";
}

// The label of layer l with its Keras name (the automatic one when it has none).
inline std::string label(const ModelSpec& spec, int l) {
  return layer_label(l, keras_json_detail::layer_names(spec)[static_cast<std::size_t>(l)]);
}

}  // namespace keras_weights_detail

// Layer l's weights by Keras's names and shapes (a Dense layer without use_bias has no bias).
template <typename S>
std::vector<KerasTensor> keras_layer_weights(const Trainer<S>& t, int l) {
  const Layer<S>& L = t.at(l);  // checks l
  std::vector<KerasTensor> out;
  for (const ParamRef<const S>& p : L.params()) {
    if (!p.used) continue;
    KerasTensor k;
    k.name = p.name;
    if (L.kind() == LayerKind::dense && k.name == "kernel") {
      // K[i][u] = W(u, i): C order over [inputs, units]
      k.shape = {static_cast<long>(p.cols), static_cast<long>(p.rows)};
      const auto W = p.matrix();
      for (Eigen::Index i = 0; i < W.cols(); ++i)
        for (Eigen::Index u = 0; u < W.rows(); ++u) k.data.push_back(static_cast<double>(W(u, i)));
    } else {
      k.shape = {static_cast<long>(p.size())};
      for (Eigen::Index i = 0; i < p.size(); ++i) k.data.push_back(static_cast<double>(p.value[i]));
    }
    out.push_back(std::move(k));
  }
  return out;
}

// Sets the given weights of layer l; all are checked first, so on an error nothing changes.
template <typename S>
void set_layer_weights(Trainer<S>& t, int l, const std::vector<KerasTensor>& given) {
  using namespace keras_weights_detail;
  const Layer<S>& L = t.at(l);  // checks l
  const std::string at = label(t.network().spec(), l);
  const std::vector<KerasTensor> current = keras_layer_weights(t, l);
  std::vector<std::string> names;
  for (const auto& k : current) names.push_back(k.name);
  const std::string has = names.empty() ? "no weights" : join(names);
  std::vector<KerasTensor> next = current;
  for (std::size_t g = 0; g < given.size(); ++g) {
    const KerasTensor& k = given[g];
    for (std::size_t h = 0; h < g; ++h)
      if (given[h].name == k.name) fail_with("keras.weight_twice", "{layer}: weight \"{name}\" is given twice", {arg("layer", at), arg("name", k.name)});
    std::size_t p = 0;
    while (p < current.size() && current[p].name != k.name) ++p;
    if (p == current.size()) {
      if (k.name == "bias" && L.kind() == LayerKind::dense)
        fail_with("keras.weight_no_bias", "{layer}: weight \"bias\" is given, but the layer has no bias (use_bias is false)", {arg("layer", at)});
      if (names.empty())
        fail_with("keras.weight_unknown_none", "{layer}: unknown weight \"{name}\"; a {class} layer here has no weights",
                  {arg("layer", at), arg("name", k.name), arg("class", class_name_of(L.kind()))});
      fail_with("keras.weight_unknown", "{layer}: unknown weight \"{name}\"; a {class} layer here has {has}",
                {arg("layer", at), arg("name", k.name), arg("class", class_name_of(L.kind())), arg("has", has)});
    }
    if (k.shape != current[p].shape && L.kind() == LayerKind::dense && k.name == "kernel")
      fail_with("keras.kernel_shape", "{layer}: weight \"{name}\" must have shape {shape} (inputs, units: Keras's orientation), got {got}",
                {arg("layer", at), arg("name", k.name), arg("shape", shape_text(current[p].shape)), arg("got", shape_text(k.shape))});
    if (k.shape != current[p].shape)
      fail_with("keras.weight_shape", "{layer}: weight \"{name}\" must have shape {shape}, got {got}",
                {arg("layer", at), arg("name", k.name), arg("shape", shape_text(current[p].shape)), arg("got", shape_text(k.shape))});
    if (k.data.size() != current[p].data.size())
      fail_with("keras.weight_values", "{layer}: weight \"{name}\" has shape {shape} but {count} values",
                {arg("layer", at), arg("name", k.name), arg("shape", shape_text(k.shape)), arg("count", k.data.size())});
    for (std::size_t i = 0; i < k.data.size(); ++i) {
      const double v = k.data[i];
      if (!std::isfinite(v))
        fail_with("keras.weight_not_finite", "{layer}: weight \"{name}\" value {index} is {value}; weights must be finite numbers",
                  {arg("layer", at), arg("name", k.name), arg("index", i), arg("value", exact(v))});
      if (!(std::fabs(v) <= largest_value<S>()))
        fail_with("keras.weight_too_large", "{layer}: weight \"{name}\" value {index} ({value}) is too large for {dtype}, whose largest value is {largest}",
                  {arg("layer", at), arg("name", k.name), arg("index", i), arg("value", exact(v)), arg("dtype", dtype_name<S>()),
                   arg("largest", largest_value<S>())});
      if (k.name == "moving_variance" && v < 0)
        fail_with("keras.variance_negative", "{layer}: weight \"moving_variance\" value {index} is {value}; a variance cannot be negative",
                  {arg("layer", at), arg("index", i), arg("value", exact(v))});
    }
    next[p].data = k.data;
  }
  // Into the network's own layout (LayerWeights, network.hpp), every other layer as it is.
  std::vector<LayerWeights> all = t.network().weights();
  LayerWeights& w = all[static_cast<std::size_t>(l)];
  if (L.kind() == LayerKind::dense) {
    for (const KerasTensor& k : next) {
      if (k.name == "kernel") {
        const long inputs = k.shape[0], units = k.shape[1];
        for (long i = 0; i < inputs; ++i)
          for (long u = 0; u < units; ++u) w.W(u, i) = k.data[static_cast<std::size_t>(i * units + u)];
      } else {
        for (long u = 0; u < k.shape[0]; ++u) w.b(u) = k.data[static_cast<std::size_t>(u)];
      }
    }
  } else {
    for (std::size_t p = 0; p < next.size(); ++p)
      w.vectors[p] = Eigen::Map<const Eigen::VectorXd>(next[p].data.data(), static_cast<Eigen::Index>(next[p].data.size()));
  }
  t.set_weights(all);
}

}  // namespace neurostep
