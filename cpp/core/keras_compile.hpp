#pragma once
// The arguments of Keras's model.compile() in Keras's own serialised form: an optimizer as
// keras.optimizers.serialize() writes it,
//   {"module": "keras.optimizers", "class_name": "Adam",
//    "config": {"name": "adam", "learning_rate": 0.001, "beta_1": 0.9, ...}, ...}
// (or a name, "adam", as compile() takes it), a loss by name, and metrics. Keras 3 puts these
// in to_json()'s "compile_config" once a model is compiled; NeuroStep's model file keeps them
// in "compile".
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "core/json_read.hpp"
#include "core/model_spec.hpp"
#include "core/spec_json.hpp"

namespace neurostep {

namespace keras_compile_detail {
using namespace json_read;
using spec_json_detail::at_path;

struct OptimizerClass {
  const char* class_name;
  OptimizerKind kind;
};
inline const std::vector<OptimizerClass>& optimizer_classes() {
  static const std::vector<OptimizerClass> table = {{"SGD", OptimizerKind::sgd},
                                                    {"Adam", OptimizerKind::adam},
                                                    {"RMSprop", OptimizerKind::rmsprop},
                                                    {"Adagrad", OptimizerKind::adagrad}};
  return table;
}

inline std::string class_name_of(OptimizerKind kind) {
  for (const auto& c : optimizer_classes())
    if (c.kind == kind) return c.class_name;
  return "?";
}

inline std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// Keras looks optimizer names up without regard to case ("adam", "Adam").
inline OptimizerKind optimizer_class(const std::string& name, const std::string& path) {
  for (const auto& c : optimizer_classes())
    if (lower(name) == lower(c.class_name)) return c.kind;
  fail_with("keras.optimizer", "{path}: unsupported optimizer {name}; NeuroStep has SGD, Adam, RMSprop and Adagrad",
            {arg("path", path), arg("name", json_read::quoted(name))});
}

// Keys of Keras's optimizer config that NeuroStep does not model. Each is fine at its neutral
// value (the one that leaves the update formula alone) and an error otherwise.
inline bool neutral_setting(const std::string& key, const Json& v) {
  if (key == "name" || key == "is_legacy_optimizer" || key == "jit_compile" ||
      key == "ema_momentum" || key == "ema_overwrite_frequency")
    return true;  // labels, or inert unless use_ema is true
  if (key == "weight_decay" || key == "decay")  // decay: Keras 2's learning-rate decay
    return v.is_null() || (v.is_number() && v.get<double>() == 0.0);
  if (key == "clipnorm" || key == "global_clipnorm" || key == "clipvalue" ||
      key == "loss_scale_factor" || key == "gradient_accumulation_steps")
    return v.is_null();
  if (key == "use_ema" || key == "centered") return v.is_boolean() && !v.get<bool>();
  return false;
}
inline bool known_setting(const std::string& key) {
  for (const char* k : {"name", "is_legacy_optimizer", "jit_compile", "ema_momentum",
                        "ema_overwrite_frequency", "weight_decay", "decay", "clipnorm",
                        "global_clipnorm", "clipvalue", "loss_scale_factor",
                        "gradient_accumulation_steps", "use_ema", "centered"})
    if (key == k) return true;
  return false;
}

inline OrderedJson optimizer_json(const OptimizerConfig& c) {
  std::string class_name;
  for (const auto& entry : optimizer_classes())
    if (entry.kind == c.kind) class_name = entry.class_name;
  OrderedJson out;
  out["module"] = "keras.optimizers";
  out["class_name"] = class_name;
  out["config"] = spec_json_detail::optimizer_json(c);  // {"name": "adam", hyperparameters...}
  out["registered_name"] = nullptr;
  return out;
}

}  // namespace keras_compile_detail

// An optimizer as Keras serialises it, or its name. Hyperparameters missing from "config" take
// Keras's defaults, as from_config() does.
inline OptimizerConfig optimizer_from_keras_json(const Json& j, const std::string& path) {
  using namespace keras_compile_detail;
  if (j.is_string()) return default_optimizer(optimizer_class(j.get<std::string>(), path));
  object(j, path);
  const Json* class_name = find(j, "class_name");
  if (class_name == nullptr) fail_with("keras.optimizer_no_class", "{path}: \"class_name\" is missing (e.g. \"Adam\")", {arg("path", path)});
  const OptimizerKind kind = optimizer_class(string(*class_name, key_path(path, "class_name")), path);
  OptimizerConfig c = default_optimizer(kind);
  const auto fields = optimizer_fields(kind);
  if (const Json* config = find(j, "config"); given(config)) {
    const std::string config_path = key_path(path, "config");
    object(*config, config_path);
    for (const auto& item : config->items()) {
      const std::string& key = item.key();
      const std::string p = key_path(config_path, key);
      if (const OptimizerField* f = spec_json_detail::find_field(fields, key)) {
        // Keras writes a LearningRateSchedule as an object here.
        if (key == "learning_rate" && item.value().is_object())
          fail_with("keras.schedule", "{path}: learning-rate schedules are not supported; give a number", {arg("path", p)});
        spec_json_detail::read_field(*f, item.value(), p, c);
      } else if (known_setting(key)) {
        if (!neutral_setting(key, item.value()))
          fail_with("keras.optimizer_setting", "{path} is {value}; NeuroStep's {name} has no {key} (only its default is accepted)",
                    {arg("path", p), arg("value", show(item.value())), arg("name", name_of(kind)), arg("key", json_read::quoted(key))});
      } else {
        spec_json_detail::foreign_key(config_path, key, kind, "");
      }
    }
  }
  at_path(path, [&] { validate(c); });
  return c;
}

inline Json keras_optimizer_json(const OptimizerConfig& c) { return keras_compile_detail::optimizer_json(c); }

// A loss as compile() takes it: by name. Keras also accepts a serialised loss object, which
// may carry settings (from_logits, label_smoothing) NeuroStep does not have.
inline Loss loss_from_keras_json(const Json& j, const std::string& path) {
  using namespace json_read;
  if (!j.is_string())
    fail_with("keras.loss_object", "{path} must be a loss name such as \"binary_crossentropy\", got {got} (serialised loss objects are not supported)",
              {arg("path", path), arg("got", show(j))});
  return spec_json_detail::at_path(path, [&] { return loss_from_name(j.get<std::string>()); });
}

// NeuroStep reports one metric, accuracy; any other requested metric is an error, not a
// silent omission.
inline void check_metrics(const Json& j, const std::string& path) {
  using namespace json_read;
  if (j.is_null()) return;
  array(j, path);
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string m = string(j[i], index_path(path, i));
    if (!(m == "accuracy" || m == "acc"))
      fail_with("keras.metric", "{path}: unsupported metric {name}; NeuroStep reports \"accuracy\"", {arg("path", index_path(path, i)), arg("name", json_read::quoted(m))});
  }
}

// Keras 3's compile_config: {"optimizer", "loss", "metrics", "loss_weights", ...}. Sets the
// loss and optimizer of `spec` from it; the execution settings (run_eagerly, jit_compile,
// steps_per_execution) do not change the maths and are ignored.
inline void apply_keras_compile_config(const Json& j, const std::string& path, ModelSpec& spec) {
  using namespace json_read;
  object(j, path);
  if (const Json* loss = find(j, "loss"); given(loss)) spec.loss = loss_from_keras_json(*loss, key_path(path, "loss"));
  if (const Json* opt = find(j, "optimizer"); given(opt))
    spec.optimizer = optimizer_from_keras_json(*opt, key_path(path, "optimizer"));
  if (const Json* metrics = find(j, "metrics")) check_metrics(*metrics, key_path(path, "metrics"));
  for (const char* key : {"loss_weights", "weighted_metrics"})
    if (const Json* v = find(j, key); given(v))
      fail_with("keras.one_output", "{path} is not supported (NeuroStep models have one output)", {arg("path", key_path(path, key))});
}

}  // namespace neurostep
