#pragma once
// Keras's own architecture JSON, model.to_json(), read and written.
//
// Reads Keras 1 (output_dim, init, the config as a bare list), Keras 2.0-2.2 (the same list),
// tf.keras 2 (layers {"class_name", "config"}, the input shape in an InputLayer's or the first
// layer's "batch_input_shape", initializers {"class_name": "GlorotUniform", "config": {"seed":
// null}}, top-level keras_version and backend) and Keras 3 (the same with "module" and
// "registered_name", InputLayer "batch_shape", dtype policies, "build_config",
// "quantization_config", "optional"). Only a Sequential of the layers NeuroStep has
// (layer_config.hpp; keras_layers.hpp reads each) is taken; anything that would change the
// maths and that NeuroStep does not do is an error naming it and its layer, never silently
// dropped.
//
// to_json() holds no compile settings (Keras 3 adds "compile_config" once the model is
// compiled, which is read when present). Without it the loss and optimizer of the result are
// ModelSpec's defaults (mean_squared_error, adam), for the caller to override.
//
// keras_model_json(spec) writes the Keras 3 form, with an InputLayer, as Keras 3 would.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/json_read.hpp"
#include "core/keras_compile.hpp"
#include "core/keras_layers.hpp"
#include "core/keras_objects.hpp"
#include "core/model_spec.hpp"

namespace neurostep {

namespace keras_json_detail {
using namespace json_read;

inline std::string shape_text(const Json& shape) {
  std::string out;
  for (const auto& d : shape) out += (out.empty() ? "" : ", ") + show(d);
  return "[" + out + "]";
}

// [null, d1, d2, ...] -> [d1, d2, ...]: the shape of one sample.
inline std::vector<int> input_shape_of(const Json& shape, const std::string& path, const std::string& label) {
  array(shape, path);
  if (!(shape.size() >= 2 && shape[0].is_null()))
    fail_with("keras.input_shape", "{layer}: input shape {shape} is not [null, n] or [null, d1, d2, ...] (a batch of samples)",
              {arg("layer", label), arg("shape", shape_text(shape))});
  std::vector<int> out;
  for (std::size_t k = 1; k < shape.size(); ++k) {
    if (shape[k].is_null())
      fail_with("keras.input_shape_unknown", "{layer}: input shape {shape} has an unknown dimension; NeuroStep's layers need every size",
                {arg("layer", label), arg("shape", shape_text(shape))});
    out.push_back(static_cast<int>(integer(shape[k], index_path(path, k), 1, limits::max_units)));
  }
  return out;
}
inline int product(const std::vector<int>& shape) {
  if (shape.empty()) return 0;
  long p = 1;
  for (int d : shape) p = std::min<long>(p * d, limits::max_units + 1L);
  return static_cast<int>(p);
}

inline std::string layer_label(std::size_t i, const Json& cfg) {
  const Json* name = cfg.is_object() ? find(cfg, "name") : nullptr;
  return "layer " + std::to_string(i + 1) +
         (name && name->is_string() ? " (" + quoted(name->get<std::string>()) + ")" : "");
}

// The input shape at `key` of `obj`, when it is there; empty when not.
inline std::vector<int> shape_at(const Json& obj, const char* key, const std::string& path, const std::string& label) {
  const Json* shape = obj.is_object() ? find(obj, key) : nullptr;
  return given(shape) ? input_shape_of(*shape, key_path(path, key), label) : std::vector<int>{};
}

// `root` is where the document sits in a larger one ("model" in a model file), for paths.
inline ModelSpec spec_from_keras(const Json& doc, const std::string& root) {
  const std::string where = root.empty() ? "" : root + ": ";
  if (!doc.is_object() && root.empty())
    fail_with("keras.not_object", "a Keras model.to_json() document must be a JSON object, got {got}", {arg("got", show(doc))});
  if (!doc.is_object()) fail_with("json.not_json_object", "{path} must be a JSON object, got {got}", {arg("path", root), arg("got", show(doc))});
  const Json* cls = find(doc, "class_name");
  // `where` is empty or "model: ": the messages below carry it as {where}, which a translation keeps.
  if (cls == nullptr)
    fail_with("keras.no_class_name", "{where}\"class_name\" is missing; this is not a Keras model.to_json() document", {arg("where", where)});
  const std::string model_class = string(*cls, key_path(root, "class_name"));
  if (model_class != "Sequential")
    fail_with("keras.model_class", "{where}unsupported model class {class}; NeuroStep imports Sequential models of {layers} layers (and an InputLayer)",
              {arg("where", where), arg("class", json_read::quoted(model_class)), arg("layers", join(layer_class_names()))});
  const Json* config = find(doc, "config");
  if (!given(config)) fail_with("keras.no_config", "{where}\"config\" is missing", {arg("where", where)});
  const std::string config_path = key_path(root, "config");
  // Keras before 2.2.3 wrote a Sequential's config as the bare list of layers.
  const bool bare_list = config->is_array();
  if (!bare_list) object(*config, config_path);
  if (const Json* t = bare_list ? nullptr : find(*config, "trainable"))
    if (!boolean(*t, key_path(config_path, "trainable")))
      fail_with("keras.not_trainable", "{where}the model is not trainable (trainable is false)", {arg("where", where)});
  const Json* layers = bare_list ? config : find(*config, "layers");
  const std::string layers_path = bare_list ? config_path : key_path(config_path, "layers");
  if (!given(layers)) fail_with("keras.no_layers_key", "{where}\"{path}\" is missing", {arg("where", where), arg("path", layers_path)});
  array(*layers, layers_path);
  if (layers->size() > static_cast<std::size_t>(limits::max_layers) + 1)
    fail_with("keras.too_many_layers", "{where}the model lists {count} layers; the limit is {limit} layers (and an InputLayer)",
              {arg("where", where), arg("count", layers->size()), arg("limit", limits::max_layers)});

  ModelSpec spec;
  std::vector<std::string> labels;  // each layer of spec as this document names it
  std::vector<int> input_shape;
  for (std::size_t i = 0; i < layers->size(); ++i) {
    const std::string path = index_path(layers_path, i);
    const Json& layer = object((*layers)[i], path);
    const Json* layer_class = find(layer, "class_name");
    if (layer_class == nullptr) fail_with("keras.layer_no_class_name", "{path}: \"class_name\" is missing", {arg("path", path)});
    const std::string name = string(*layer_class, key_path(path, "class_name"));
    const Json* cfg = find(layer, "config");
    if (!given(cfg)) fail_with("keras.layer_no_config", "{path}: \"config\" is missing", {arg("path", path)});
    const std::string cfg_path = key_path(path, "config");
    object(*cfg, cfg_path);
    const std::string label = where + layer_label(i, *cfg);
    if (name == "InputLayer") {
      if (i != 0) fail_with("keras.input_layer_first", "{layer}: an InputLayer must come first", {arg("layer", label)});
      input_shape = shape_at(*cfg, "batch_shape", cfg_path, label);
      if (input_shape.empty()) input_shape = shape_at(*cfg, "batch_input_shape", cfg_path, label);
      if (input_shape.empty()) fail_with("keras.input_layer_no_shape", "{layer}: the InputLayer has no batch_shape", {arg("layer", label)});
      for (const char* key : {"sparse", "ragged"})
        if (const Json* v = find(*cfg, key); given(v))
          if (boolean(*v, key_path(cfg_path, key)))
            fail_with("keras.input_kind", "{layer}: {key} inputs are not supported", {arg("layer", label), arg("key", key)});
      continue;
    }
    LayerKind kind = LayerKind::dense;
    if (!layer_kind_from_class(name, kind))
      fail_with("keras.layer_class", "{layer}: unsupported layer class {class}; NeuroStep imports Sequential models of {layers} layers (and an InputLayer)",
                {arg("layer", label), arg("class", json_read::quoted(name)), arg("layers", join(layer_class_names()))});
    LayerConfig c;
    read_layer_config(kind, *cfg, cfg_path, label, c);
    try {  // the arguments' checks, under the layer's place in this document
      validate(c, static_cast<int>(spec.layers.size()));
    } catch (const Error& e) {
      const std::string m = e.what(), prefix = neurostep::layer_label(static_cast<long>(spec.layers.size())) + ": ";
      const std::string rest = m.rfind(prefix, 0) == 0 ? m.substr(prefix.size()) : m;
      // The check named the layer by its place in the model ({layer}); here it is named as in the document.
      std::vector<MessageArg> args = e.args();
      const auto named = std::find_if(args.begin(), args.end(), [](const MessageArg& a) { return a.name == "layer"; });
      if (e.id().empty() || named == args.end()) fail(label, ": ", rest);
      named->value = label;
      throw Error(e.id(), std::move(args), label + ": " + rest);
    }
    const std::vector<int> own = shape_at(*cfg, "batch_input_shape", cfg_path, label);
    const std::vector<int>& first_shape = input_shape.empty() ? own : input_shape;
    if (!(!spec.layers.empty() || first_shape.size() <= 1 || kind == LayerKind::flatten))
      fail_with("keras.input_not_flat", "{layer}: input shape [null, {shape}] is not [null, n]; NeuroStep's layers take "
                "flat inputs unless a Flatten layer comes first", {arg("layer", label), arg("shape", join_numbers(first_shape))});
    if (kind == LayerKind::dense && spec.layers.empty() && input_shape.empty())
      if (const Json* v = find(*cfg, "input_dim"); given(v))  // Keras 1
        input_shape = {static_cast<int>(integer(*v, key_path(cfg_path, "input_dim"), 1, limits::max_units))};
    // A shape written on the layer must match what feeds it; on the first layer it may be the input's.
    for (const auto& [obj, key, p] : {std::tuple{cfg, "batch_input_shape", cfg_path},
                                      std::tuple{find(layer, "build_config"), "input_shape",
                                                 key_path(path, "build_config")}}) {
      const std::vector<int> shape = obj ? shape_at(*obj, key, p, label) : std::vector<int>{};
      if (shape.empty()) continue;
      if (spec.layers.empty() && input_shape.empty()) input_shape = shape;
      ModelSpec below;
      below.input_dim = product(input_shape);
      below.layers = spec.layers;
      const int expected = layer_widths(below).back();
      if (!(input_shape.empty() || product(shape) == expected))
        fail_with("keras.shape_below", "{layer}: {key} has {features} features but the layer below gives {expected}",
                  {arg("layer", label), arg("key", key), arg("features", product(shape)), arg("expected", expected)});
    }
    // Keras refuses two layers of one name in a model (its weight files find layers by name).
    for (std::size_t k = 0; k < spec.layers.size(); ++k)
      if (!c.name.empty() && c.name == spec.layers[k].name)
        fail_with("keras.name_twice", "{layer}: the name {name} is already that of {other}; Keras gives every layer of a "
                  "model a name of its own", {arg("layer", label), arg("name", json_read::quoted(c.name)), arg("other", labels[k])});
    spec.layers.push_back(std::move(c));
    labels.push_back(layer_label(i, *cfg));
  }
  if (spec.layers.empty()) fail_with("keras.no_layers", "{where}the model has no layers", {arg("where", where)});
  if (input_shape.empty() && !bare_list) input_shape = shape_at(*config, "build_input_shape", config_path, where + "the model");
  if (const Json* build = find(doc, "build_config"); input_shape.empty() && build)
    input_shape = shape_at(*build, "input_shape", key_path(root, "build_config"), where + "the model");
  const int input_dim = product(input_shape);
  if (input_dim <= 0)
    fail_with("keras.no_input_shape", "{where}the model has no input shape; give it an InputLayer "
              "(keras.Input(shape=(n,))) or input_dim on its first Dense layer, or build it before to_json()", {arg("where", where)});
  if (input_dim > limits::max_units)
    fail_with("keras.input_too_wide", "{where}the input shape [{shape}] holds more than {limit} features",
              {arg("where", where), arg("shape", join_numbers(input_shape)), arg("limit", limits::max_units)});
  if (input_shape.size() > 1) spec.input_shape = input_shape;
  spec.input_dim = input_dim;
  spec.optimizer = default_optimizer(OptimizerKind::adam);
  if (const Json* compile = find(doc, "compile_config"); given(compile))
    apply_keras_compile_config(*compile, key_path(root, "compile_config"), spec);
  validate(spec);
  return spec;
}

// Keras's automatic names, "dense", "dense_1", ..., "dropout", ..., for layers without one:
// a counter per base name, skipping names that other layers already have.
inline std::vector<std::string> layer_names(const ModelSpec& spec) {
  std::vector<std::string> names;
  for (const auto& l : spec.layers) names.push_back(l.name);
  const auto taken = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  std::map<std::string, int> next;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!names[i].empty()) continue;
    const std::string base = info(spec.layers[i].kind).base_name;
    int& k = next[base];
    std::string candidate;
    do candidate = k == 0 ? base : base + "_" + std::to_string(k);
    while (++k, taken(candidate));
    names[i] = candidate;
  }
  return names;
}

inline OrderedJson shape_json(const std::vector<int>& sample) {
  OrderedJson shape = OrderedJson::array({nullptr});
  for (int d : sample) shape.push_back(d);
  return shape;
}

inline OrderedJson keras_model(const ModelSpec& spec) {
  const OrderedJson input_shape = shape_json(sample_shape(spec));
  OrderedJson layers = OrderedJson::array();
  layers.push_back(keras_object_json("keras.layers", "InputLayer",
                                     {{"batch_shape", input_shape}, {"dtype", "float32"},
                                      {"sparse", false}, {"name", "input_layer"}}));
  const std::vector<std::string> names = layer_names(spec);
  const std::vector<int> widths = layer_widths(spec);
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerConfig& l = spec.layers[i];
    OrderedJson layer = keras_object_json("keras.layers", class_name_of(l.kind), layer_config_json(l, names[i]));
    layer["build_config"] = {{"input_shape", i == 0 ? input_shape : shape_json({widths[i]})}};
    layers.push_back(std::move(layer));
  }
  OrderedJson config;
  config["name"] = "sequential";
  config["trainable"] = true;
  config["dtype"] = dtype_policy();
  config["layers"] = std::move(layers);
  config["build_input_shape"] = input_shape;
  OrderedJson model = keras_object_json("keras", "Sequential", std::move(config));
  model["build_config"] = {{"input_shape", input_shape}};
  return model;
}

}  // namespace keras_json_detail

inline ModelSpec spec_from_keras_json(const Json& doc) { return keras_json_detail::spec_from_keras(doc, ""); }
inline ModelSpec spec_from_keras_json(const std::string& text) { return spec_from_keras_json(json_read::parse(text)); }
inline ModelSpec spec_from_keras_json(const char* text) { return spec_from_keras_json(std::string(text)); }

inline Json keras_model_json(const ModelSpec& spec) {
  validate(spec);
  return keras_json_detail::keras_model(spec);
}

}  // namespace neurostep
