#pragma once
// Keras's serialised objects inside a Dense layer's config, read and written: initializers
// ({"class_name": "GlorotUniform", "config": {"seed": null}} or "glorot_uniform"),
// regularizers (L1L2, L1, L2), constraints (MaxNorm, NonNeg, UnitNorm, MinMaxNorm) and dtype
// policies. Keras 2 writes {"class_name", "config"}, Keras 3 adds "module" and
// "registered_name"; both read the same. Keras 1 wrote {"name": "MaxNorm", "m": 2, "axis": 0}:
// the class as "name" and the arguments beside it, under Keras 1's argument names. Parameters that would
// change the maths from what NeuroStep computes are errors naming the layer; an initializer's
// seed is ignored, since initial weights come from the trainer's seed.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/layer_config.hpp"
#include "core/json_read.hpp"

namespace neurostep {
namespace keras_json_detail {
using namespace json_read;

// A Keras object in either of its serialised forms: a name ("glorot_uniform"), or
// {"module", "class_name", "config", "registered_name"}.
struct KerasObject {
  std::string class_name;
  Json config = Json::object();
};
inline KerasObject keras_object(const Json& v, const std::string& path) {
  if (v.is_string()) return {v.get<std::string>()};
  object(v, path);
  if (!v.contains("class_name") && v.contains("name")) {  // Keras 1
    KerasObject o{string(v["name"], key_path(path, "name"))};
    for (const auto& item : v.items())
      if (item.key() != "name") o.config[item.key()] = item.value();
    return o;
  }
  const Json* cls = find(v, "class_name");
  if (cls == nullptr) fail_with("keras.object_no_class_name", "{path}: \"class_name\" is missing", {arg("path", path)});
  KerasObject o{string(*cls, key_path(path, "class_name"))};
  if (const Json* c = find(v, "config"); given(c)) o.config = object(*c, key_path(path, "config"));
  return o;
}

struct InitializerClass {
  const char* class_name;
  Initializer kind;
};
inline const std::vector<InitializerClass>& initializer_classes() {
  static const std::vector<InitializerClass> table = {
      {"GlorotUniform", Initializer::glorot_uniform}, {"GlorotNormal", Initializer::glorot_normal},
      {"HeUniform", Initializer::he_uniform},         {"HeNormal", Initializer::he_normal},
      {"LecunUniform", Initializer::lecun_uniform},   {"LecunNormal", Initializer::lecun_normal},
      {"Zeros", Initializer::zeros},                  {"Ones", Initializer::ones},
      {"RandomUniform", Initializer::random_uniform}, {"RandomNormal", Initializer::random_normal}};
  return table;
}
inline std::string class_name_of(Initializer kind) {
  for (const auto& c : initializer_classes())
    if (c.kind == kind) return c.class_name;
  return "?";
}

// Keras 2.0-2.2 wrote the variance-scaling family as VarianceScaling(scale, mode, distribution);
// "normal" then meant the truncated normal.
inline bool variance_scaling(const Json& config, const std::string& path, Initializer& kind) {
  const double scale = number_or(config, "scale", 1.0, path);
  const std::string mode = string_or(config, "mode", "fan_in", path);
  const std::string dist = string_or(config, "distribution", "truncated_normal", path);
  const bool uniform = dist == "uniform", normal = dist == "normal" || dist == "truncated_normal";
  if (scale == 1.0 && mode == "fan_avg" && (uniform || normal))
    kind = uniform ? Initializer::glorot_uniform : Initializer::glorot_normal;
  else if (scale == 2.0 && mode == "fan_in" && (uniform || normal))
    kind = uniform ? Initializer::he_uniform : Initializer::he_normal;
  else if (scale == 1.0 && mode == "fan_in" && (uniform || normal))
    kind = uniform ? Initializer::lecun_uniform : Initializer::lecun_normal;
  else
    return false;
  return true;
}

inline Initializer initializer_from_keras(const Json& v, const std::string& path,
                                          const std::string& label, const char* which) {
  const KerasObject o = keras_object(v, path);
  Initializer kind = Initializer::zeros;
  bool found = false;
  for (const auto& c : initializer_classes())
    if (o.class_name == c.class_name || o.class_name == name_of(c.kind)) kind = c.kind, found = true;
  if (o.class_name == "VarianceScaling") {
    if (!variance_scaling(o.config, key_path(path, "config"), kind))
      fail_with("keras.variance_scaling", "{layer}: {which} VarianceScaling with these settings is not one of Glorot, He or LeCun, which are all NeuroStep has",
                {arg("layer", label), arg("which", which)});
    return kind;
  }
  std::vector<std::string> classes;
  for (const auto& c : initializer_classes()) classes.push_back(c.class_name);
  if (!found)
    fail_with("keras.unsupported_object", "{layer}: unsupported {which} {class}; NeuroStep has {valid}",
              {arg("layer", label), arg("which", which), arg("class", json_read::quoted(o.class_name)), arg("valid", join(classes))});
  // Parameters other than the seed must be Keras's defaults, which NeuroStep's formulas use.
  for (const auto& item : o.config.items()) {
    const std::string& key = item.key();
    if (key == "seed") continue;
    double expected = 0;
    if (kind == Initializer::random_uniform && (key == "minval" || key == "maxval"))
      expected = key == "minval" ? -random_uniform_limit : random_uniform_limit;
    else if (kind == Initializer::random_normal && (key == "mean" || key == "stddev"))
      expected = key == "mean" ? 0.0 : random_normal_stddev;
    else
      fail_with("keras.initializer_parameter", "{layer}: {which} {class} has an unsupported parameter {key}",
                {arg("layer", label), arg("which", which), arg("class", o.class_name), arg("key", json_read::quoted(key))});
    const double x = number(item.value(), key_path(key_path(path, "config"), key));
    // Keras 2 may write the float32 value of a default (0.05000000074505806).
    if (!(std::fabs(x - expected) <= 1e-7 * std::max(1.0, std::fabs(expected))))
      fail_with("keras.initializer_value", "{layer}: {which} {class} with {key} {value} is not supported; NeuroStep's {class} uses {key} {expected}",
                {arg("layer", label), arg("which", which), arg("class", o.class_name), arg("key", key), arg("value", x), arg("expected", expected)});
  }
  return kind;
}

// A regularizer: L1L2(l1, l2), L1(l1), L2(l2), the names "l1", "l2" (0.01 each), or Keras 1's
// L1L2Regularizer / WeightRegularizer / ActivityRegularizer {l1, l2}. `which` names it.
inline Regularizer regularizer_from_keras(const Json& v, const std::string& path, const std::string& label,
                                          const char* which) {
  Regularizer r;
  if (v.is_null()) return r;
  const KerasObject o = keras_object(v, path);
  const std::string& cls = o.class_name;
  if (v.is_string() && (cls == "l1" || cls == "l2")) {
    (cls == "l1" ? r.l1 : r.l2) = 0.01;
    return r;
  }
  const bool keras1 = cls == "L1L2Regularizer" || cls == "WeightRegularizer" || cls == "ActivityRegularizer";
  if (!(!v.is_string() && (cls == "L1L2" || cls == "L1" || cls == "L2" || keras1)))
    fail_with("keras.unsupported_object", "{layer}: unsupported {which} {class}; NeuroStep has {valid}",
              {arg("layer", label), arg("which", which), arg("class", json_read::quoted(cls)), arg("valid", "L1L2, L1, L2")});
  const double fallback = cls == "L1L2" || keras1 ? 0.0 : 0.01;  // Keras's constructor defaults
  r.l1 = cls == "L2" ? 0.0 : fallback;
  r.l2 = cls == "L1" ? 0.0 : fallback;
  const std::string config_path = key_path(path, "config");
  check_keys(o.config, config_path,
             cls == "L1L2" || keras1 ? std::vector<std::string>{"l1", "l2"}
                                      : std::vector<std::string>{cls == "L1" ? "l1" : "l2"});
  for (const auto& item : o.config.items())
    (item.key() == "l1" ? r.l1 : r.l2) = number(item.value(), key_path(config_path, item.key()));
  return r;
}

// A constraint: MaxNorm(max_value=2, axis=0), NonNeg(), UnitNorm(axis=0),
// MinMaxNorm(min_value=0, max_value=1, rate=1, axis=0); Keras 1 wrote MaxNorm's max_value as
// "m" and the lower-case names ("maxnorm", "nonneg", "unitnorm") were aliases.
inline Constraint constraint_from_keras(const Json& v, const std::string& path, const std::string& label,
                                        const char* which) {
  if (v.is_null()) return {};
  const KerasObject o = keras_object(v, path);
  std::string cls = o.class_name;
  for (const auto& [alias, name] : {std::pair{"maxnorm", "MaxNorm"}, std::pair{"max_norm", "MaxNorm"},
                                    std::pair{"nonneg", "NonNeg"}, std::pair{"non_neg", "NonNeg"},
                                    std::pair{"unitnorm", "UnitNorm"}, std::pair{"unit_norm", "UnitNorm"},
                                    std::pair{"min_max_norm", "MinMaxNorm"}})
    if (cls == alias) cls = name;
  ConstraintKind kind = ConstraintKind::none;
  std::vector<std::string> names;
  for (const auto& [n, k] : constraint_names()) {
    names.push_back(n);
    if (cls == n) kind = k;
  }
  if (kind == ConstraintKind::none)
    fail_with("keras.unsupported_object", "{layer}: unsupported {which} {class}; NeuroStep has {valid}",
              {arg("layer", label), arg("which", which), arg("class", json_read::quoted(o.class_name)), arg("valid", join(names))});
  Constraint c = default_constraint(kind);
  const std::string config_path = key_path(path, "config");
  std::vector<std::string> keys;
  if (kind == ConstraintKind::max_norm) keys = {"max_value", "m", "axis"};
  else if (kind == ConstraintKind::unit_norm) keys = {"axis"};
  else if (kind == ConstraintKind::min_max_norm) keys = {"min_value", "max_value", "rate", "axis"};
  check_keys(o.config, config_path, keys);
  for (const auto& item : o.config.items()) {
    const std::string& key = item.key();
    const std::string p = key_path(config_path, key);
    if (key == "axis") {
      // Keras writes an int or a list of one int.
      const Json& a = item.value().is_array() && item.value().size() == 1 ? item.value()[0] : item.value();
      c.axis = static_cast<int>(integer(a, p, -1, 1));
    } else if (key == "max_value" || key == "m") c.max_value = number(item.value(), p);
    else if (key == "min_value") c.min_value = number(item.value(), p);
    else c.rate = number(item.value(), p);
  }
  return c;
}

// "float32", or Keras 3's {"class_name": "DTypePolicy", "config": {"name": "float32"}}.
inline void check_dtype(const Json& v, const std::string& path, const std::string& label) {
  if (v.is_null()) return;
  const KerasObject o = keras_object(v, path);
  const std::string name =
      v.is_string() ? o.class_name : string_or(o.config, "name", "", key_path(path, "config"));
  if (!(name == "float32" || name == "float64"))
    fail_with("keras.dtype", "{layer}: dtype {dtype} is not supported; NeuroStep computes in float32 or float64, chosen when training",
              {arg("layer", label), arg("dtype", json_read::quoted(name))});
}

// ---- writing, in Keras 3's form ---------------------------------------------------------

inline OrderedJson keras_object_json(const char* module, const std::string& class_name, OrderedJson config) {
  OrderedJson o;
  o["module"] = module;
  o["class_name"] = class_name;
  o["config"] = std::move(config);
  o["registered_name"] = nullptr;
  return o;
}

inline OrderedJson dtype_policy() {
  return keras_object_json("keras", "DTypePolicy", {{"name", "float32"}});
}

inline OrderedJson initializer_json(Initializer kind) {
  OrderedJson config = OrderedJson::object();
  if (kind == Initializer::random_uniform) {
    config["minval"] = -random_uniform_limit;
    config["maxval"] = random_uniform_limit;
  } else if (kind == Initializer::random_normal) {
    config["mean"] = 0.0;
    config["stddev"] = random_normal_stddev;
  }
  if (kind != Initializer::zeros && kind != Initializer::ones) config["seed"] = nullptr;
  return keras_object_json("keras.initializers", class_name_of(kind), std::move(config));
}

inline OrderedJson regularizer_json(const Regularizer& r) {
  const double l1 = r.l1, l2 = r.l2;
  if (l1 == 0 && l2 == 0) return nullptr;
  if (l1 == 0) return keras_object_json("keras.regularizers", "L2", {{"l2", l2}});
  if (l2 == 0) return keras_object_json("keras.regularizers", "L1", {{"l1", l1}});
  return keras_object_json("keras.regularizers", "L1L2", {{"l1", l1}, {"l2", l2}});
}

inline OrderedJson constraint_json(const Constraint& c) {
  if (!c.active()) return nullptr;
  OrderedJson config = OrderedJson::object();
  if (c.kind == ConstraintKind::max_norm) config = {{"max_value", c.max_value}, {"axis", c.axis}};
  else if (c.kind == ConstraintKind::unit_norm) config = {{"axis", c.axis}};
  else if (c.kind == ConstraintKind::min_max_norm)
    config = {{"min_value", c.min_value}, {"max_value", c.max_value}, {"rate", c.rate}, {"axis", c.axis}};
  return keras_object_json("keras.constraints", to_name(constraint_names(), c.kind), std::move(config));
}

}  // namespace keras_json_detail
}  // namespace neurostep
