#pragma once
// Preprocessing in a model file, so that a loaded model scales its inputs as it was trained:
//   "preprocessing": {"scaling": "standardize", "offset": [mean, ...], "scale": [std, ...]}
// Numbers are written as the shortest text that reads back as the same double.
#include <string>

#include "core/json_read.hpp"
#include "core/preprocessing.hpp"

namespace neurostep {

inline OrderedJson preprocessing_json(const Preprocessing& p) {
  OrderedJson out;
  out["scaling"] = name_of(p.scaling);
  out["offset"] = OrderedJson::array();
  out["scale"] = OrderedJson::array();
  for (Eigen::Index i = 0; i < p.offset.size(); ++i) {
    out["offset"].push_back(p.offset(i));
    out["scale"].push_back(p.scale(i));
  }
  return out;
}

// input_dim: the model's input width, which the scaling must match.
inline Preprocessing preprocessing_from_json(const Json& v, int input_dim, const std::string& path = "preprocessing") {
  using namespace json_read;
  object(v, path);
  check_keys(v, path, {"scaling", "offset", "scale"});
  Preprocessing p;
  const std::string scaling = string_or(v, "scaling", "none", path);
  if (!(scaling == "none" || scaling == "standardize" || scaling == "min_max"))
    fail_with("scaling.name", "{path} must be \"none\", \"standardize\" or \"min_max\", got {got}",
              {arg("path", key_path(path, "scaling")), arg("got", json_read::quoted(scaling))});
  p.scaling = scaling_from_name(scaling);
  if (!p.active()) return p;
  const auto values = [&](const char* key) {
    const Json* a = find(v, key);
    if (!given(a)) fail_with("scaling.missing", "{path} is missing", {arg("path", path + "." + key)});
    array(*a, key_path(path, key));
    if (static_cast<int>(a->size()) != input_dim)
      fail_with("scaling.width", "{path} has {count} values but the model takes {inputs} inputs",
                {arg("path", key_path(path, key)), arg("count", a->size()), arg("inputs", input_dim)});
    Eigen::VectorXd out(input_dim);
    for (int i = 0; i < input_dim; ++i) out(i) = number((*a)[static_cast<std::size_t>(i)], index_path(key_path(path, key), i));
    return out;
  };
  p.offset = values("offset");
  p.scale = values("scale");
  validate(p, path);
  return p;
}

}  // namespace neurostep
