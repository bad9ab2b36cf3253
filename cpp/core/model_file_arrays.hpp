#pragma once
// The arrays of a model file (model_file.hpp) read back from the text model_file_text.hpp
// writes: the weights and the optimizer's state in Keras's orientation (a kernel is inputs x
// units, our W transposed). Reading names the place of the first value that is wrong
// ("weights[1].kernel[0][2] must be a number").
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/json_read.hpp"
#include "core/keras_json.hpp"
#include "core/model_file_text.hpp"
#include "core/trainer.hpp"

namespace neurostep::model_file_detail {

using namespace json_read;

inline double weight(const Json& v, const std::string& path) {
  if (v.is_null())
    fail_with("model_file.weight_null", "{path} is null; weights must be finite numbers (JSON writers put null where a weight was NaN or infinite)",
              {arg("path", path)});
  return number(v, path);
}

// Keras's kernel (inputs x units) at `path`, as W (units x inputs).
inline Eigen::MatrixXd read_kernel(const Json& kernel, const std::string& path, Eigen::Index inputs, int units,
                                   const std::string& label) {
  array(kernel, path);
  bool fits = static_cast<Eigen::Index>(kernel.size()) == inputs;
  for (const auto& row : kernel) fits = fits && row.is_array() && static_cast<int>(row.size()) == units;
  if (!fits) {
    const Json& first = kernel.empty() ? Json() : kernel[0];
    std::vector<MessageArg> args = {arg("path", path), arg("inputs", inputs), arg("units", units), arg("layer", label), arg("rows", kernel.size())};
    if (!first.is_array())
      fail_with("model_file.kernel_rows", "{path} must be {inputs} x {units} (inputs x units, Keras's orientation) for {layer}, got {rows} rows", args);
    args.push_back(arg("width", first.size()));
    if (kernel.size() > 1)
      fail_with("model_file.kernel_ragged", "{path} must be {inputs} x {units} (inputs x units, Keras's orientation) for {layer}, got {rows} rows of {width} or more values", args);
    fail_with("model_file.kernel_shape", "{path} must be {inputs} x {units} (inputs x units, Keras's orientation) for {layer}, got {rows} rows of {width} values", args);
  }
  Eigen::MatrixXd W(units, inputs);
  for (Eigen::Index i = 0; i < inputs; ++i)
    for (int u = 0; u < units; ++u)
      W(u, i) = weight(kernel[static_cast<std::size_t>(i)][static_cast<std::size_t>(u)],
                       index_path(index_path(path, static_cast<std::size_t>(i)), static_cast<std::size_t>(u)));
  return W;
}

// One value per unit at `path`.
inline Eigen::VectorXd read_vector(const Json& v, const std::string& path, int units, const std::string& label) {
  array(v, path);
  if (static_cast<int>(v.size()) != units)
    fail_with("model_file.vector_size", "{path} must have {units} values (one per unit of {layer}), got {got}",
              {arg("path", path), arg("units", units), arg("layer", label), arg("got", v.size())});
  Eigen::VectorXd out(units);
  for (int u = 0; u < units; ++u) out(u) = weight(v[static_cast<std::size_t>(u)], index_path(path, static_cast<std::size_t>(u)));
  return out;
}

// {"gamma": [...], ...} at `path`: exactly the weights `names`, each of `width` values.
inline std::vector<Eigen::VectorXd> read_named_vectors(const Json& v, const std::string& path,
                                                       const std::vector<WeightName>& names, int width,
                                                       const std::string& label) {
  object(v, path);
  std::vector<std::string> keys;
  for (const auto& n : names) keys.push_back(n.name);
  check_keys(v, path, keys);
  std::vector<Eigen::VectorXd> out;
  for (const auto& n : names) {
    const Json* x = find(v, n.name);
    if (!given(x))
      fail_with("model_file.weight_missing", "{path}: \"{name}\" is missing; {layer} has {has}",
                {arg("path", path), arg("name", n.name), arg("layer", label), arg("has", join(keys))});
    out.push_back(read_vector(*x, key_path(path, n.name), width, label));
  }
  return out;
}

inline std::vector<LayerWeights> read_weights(const Json& w, const ModelSpec& spec) {
  array(w, "weights");
  if (w.size() != spec.layers.size()) fail_entries("weights", w.size(), spec);
  const std::vector<std::string> names = keras_json_detail::layer_names(spec);
  std::vector<LayerWeights> out;
  const std::vector<int> widths = layer_widths(spec);
  for (std::size_t l = 0; l < w.size(); ++l) {
    const Eigen::Index inputs = widths[l];
    const std::string path = index_path("weights", l);
    const std::string label = "layer " + std::to_string(l + 1) + " (" + quoted(names[l]) + ")";
    const LayerConfig& c = spec.layers[l];
    if (c.kind != LayerKind::dense) {
      out.push_back({{}, {}, read_named_vectors(w[l], path, weight_names(c), static_cast<int>(inputs), label)});
      continue;
    }
    object(w[l], path);
    check_keys(w[l], path, {"kernel", "bias"});
    const Json* kernel = find(w[l], "kernel");
    if (kernel == nullptr) fail_with("model_file.no_kernel", "{path}: \"kernel\" is missing", {arg("path", path)});
    LayerWeights lw{read_kernel(*kernel, key_path(path, "kernel"), inputs, c.units, label), Eigen::VectorXd::Zero(c.units)};
    const Json* bias = find(w[l], "bias");
    const std::string bias_path = key_path(path, "bias");
    if (c.use_bias) {
      if (bias == nullptr) fail_with("model_file.no_bias", "{path}: \"bias\" is missing; {layer} has use_bias true", {arg("path", path), arg("layer", label)});
      lw.b = read_vector(*bias, bias_path, c.units, label);
    } else {
      if (!(!given(bias) || (bias->is_array() && bias->empty())))
        fail_with("model_file.bias_given", "{path} must be left out or empty: {layer} has use_bias false", {arg("path", bias_path), arg("layer", label)});
    }
    out.push_back(std::move(lw));
  }
  return out;
}

inline std::vector<std::string> keys_of(const Json& obj) {
  std::vector<std::string> out;
  for (auto it = obj.begin(); it != obj.end(); ++it) out.push_back(it.key());
  return out;
}

// The slots of a layer that is not Dense: {"gamma": {"m": [...], "v": [...]}, "beta": {...}}.
inline std::vector<LayerWeights> read_named_slots(const Json& entry, const std::string& at,
                                                  const std::vector<WeightName>& trained,
                                                  const std::vector<std::string>& names, int width,
                                                  const std::string& label) {
  object(entry, at);
  std::vector<std::string> keys;
  for (const auto& n : trained) keys.push_back(n.name);
  check_keys(entry, at, keys);
  std::vector<LayerWeights> per_slot(names.size());
  for (const auto& w : trained) {
    const Json* slot = find(entry, w.name);
    if (!given(slot)) fail_with("model_file.slot_weight_missing", "{path}: \"{name}\" is missing", {arg("path", at), arg("name", w.name)});
    const std::string p = key_path(at, w.name);
    object(*slot, p);
    check_keys(*slot, p, names);
    for (std::size_t k = 0; k < names.size(); ++k) {
      const Json* v = find(*slot, names[k]);
      if (!given(v)) fail_with("model_file.slot_missing", "{path}: the slot \"{name}\" is missing", {arg("path", p), arg("name", names[k])});
      Eigen::VectorXd x = read_vector(*v, key_path(p, names[k]), width, label);
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (slot_is_squared(names[k]) && x(i) < 0)
          fail_with("model_file.slot_negative", "{path} is {value}; {slot} sums squared gradients, so it cannot be negative",
                    {arg("path", index_path(key_path(p, names[k]), static_cast<std::size_t>(i))), arg("value", exact(x(i))), arg("slot", names[k])});
      per_slot[k].vectors.push_back(std::move(x));
    }
  }
  return per_slot;
}

// The optimizer's state, shaped as the model's weights, with the slots its optimizer keeps:
// finite numbers, and none negative in a slot of squared gradients. (Whether they fit float32
// is for the trainer to say, as for the weights.)
inline OptimizerState read_optimizer_state(const Json& o, const ModelSpec& spec) {
  const std::string path = "optimizer_state";
  object(o, path);
  check_keys(o, path, {"iterations", "slots"});
  const Json* iterations = find(o, "iterations");
  const Json* slots = find(o, "slots");
  if (!(given(iterations) && given(slots))) fail_with("model_file.state_keys", "{path} needs both \"iterations\" and \"slots\"", {arg("path", path)});
  OptimizerState state;
  state.iterations = static_cast<long>(integer(*iterations, key_path(path, "iterations"), 0, limits::max_iterations));
  const std::string slots_path = key_path(path, "slots");
  array(*slots, slots_path);
  if (slots->size() != spec.layers.size()) fail_entries(slots_path, slots->size(), spec);
  const std::vector<std::string> names = slot_names(spec.optimizer), layer_names = keras_json_detail::layer_names(spec);
  const double start = spec.optimizer.kind == OptimizerKind::adagrad ? spec.optimizer.initial_accumulator_value : 0.0;
  const std::vector<int> widths = layer_widths(spec);
  for (std::size_t l = 0; l < slots->size(); ++l) {
    const Eigen::Index inputs = widths[l];
    const LayerConfig& c = spec.layers[l];
    const std::string at = index_path(slots_path, l);
    const std::string label = "layer " + std::to_string(l + 1) + " (" + quoted(layer_names[l]) + ")";
    const Json& entry = (*slots)[l];
    if (c.kind != LayerKind::dense) {
      state.slots.push_back(read_named_slots(entry, at, trained_names(c), names, static_cast<int>(inputs), label));
      continue;
    }
    object(entry, at);
    check_keys(entry, at, {"kernel", "bias"});
    const Json* kernel = find(entry, "kernel");
    const Json* bias = find(entry, "bias");
    if (!given(kernel)) fail_with("model_file.no_kernel", "{path}: \"kernel\" is missing", {arg("path", at)});
    if (c.use_bias && !given(bias))
      fail_with("model_file.no_bias", "{path}: \"bias\" is missing; {layer} has use_bias true", {arg("path", at), arg("layer", label)});
    if (!c.use_bias && given(bias))
      fail_with("model_file.slot_bias_given", "{path}: \"bias\" must be left out: {layer} has use_bias false", {arg("path", at), arg("layer", label)});
    for (const auto& named : {std::pair{"kernel", kernel}, std::pair{"bias", bias}}) {
      const char* param = named.first;
      const Json* slot = named.second;
      if (!given(slot)) continue;
      object(*slot, key_path(at, param));
      if (!(slot->size() == names.size() && std::all_of(names.begin(), names.end(), [&](const std::string& n) { return slot->contains(n); }))) {
        // "adam keeps (m, v)"; a slot of none, or an optimizer that keeps none, is said so.
        const std::vector<MessageArg> args = {arg("path", key_path(at, param)), arg("optimizer", name_of(spec.optimizer.kind)),
                                              arg("slots", join(names)), arg("got", join(keys_of(*slot)))};
        if (names.empty())
          fail_with("model_file.slots_keeps_none", "{path} must hold the slots {optimizer} keeps (none), got {got}", args);
        if (slot->empty())
          fail_with("model_file.slots_got_none", "{path} must hold the slots {optimizer} keeps ({slots}), got none", args);
        fail_with("model_file.slots", "{path} must hold the slots {optimizer} keeps ({slots}), got {got}", args);
      }
    }
    std::vector<LayerWeights> per_slot;
    for (const std::string& n : names) {
      const std::string kernel_path = key_path(key_path(at, "kernel"), n), bias_path = key_path(key_path(at, "bias"), n);
      LayerWeights w{read_kernel(kernel->at(n), kernel_path, inputs, c.units, label), Eigen::VectorXd::Constant(c.units, start)};
      if (c.use_bias) w.b = read_vector(bias->at(n), bias_path, c.units, label);
      if (slot_is_squared(n)) {  // its square root is taken: a negative value would make NaN
        const auto refuse = [&](const std::string& where, double v) {
          fail_with("model_file.slot_negative", "{path} is {value}; {slot} sums squared gradients, so it cannot be negative",
                    {arg("path", where), arg("value", exact(v)), arg("slot", n)});
        };
        for (Eigen::Index i = 0; i < w.W.cols(); ++i)
          for (Eigen::Index u = 0; u < w.W.rows(); ++u)
            if (w.W(u, i) < 0)
              refuse(index_path(index_path(kernel_path, static_cast<std::size_t>(i)), static_cast<std::size_t>(u)), w.W(u, i));
        if (c.use_bias)
          for (Eigen::Index u = 0; u < w.b.size(); ++u)
            if (w.b(u) < 0) refuse(index_path(bias_path, static_cast<std::size_t>(u)), w.b(u));
      }
      per_slot.push_back(std::move(w));
    }
    state.slots.push_back(std::move(per_slot));
  }
  return state;
}

}  // namespace neurostep::model_file_detail
