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
  require(scaling == "none" || scaling == "standardize" || scaling == "min_max", key_path(path, "scaling"),
          " must be \"none\", \"standardize\" or \"min_max\", got ", quoted(scaling));
  p.scaling = scaling_from_name(scaling);
  if (!p.active()) return p;
  const auto values = [&](const char* key) {
    const Json* a = find(v, key);
    require(given(a), path, ".", key, " is missing");
    array(*a, key_path(path, key));
    require(static_cast<int>(a->size()) == input_dim, key_path(path, key), " has ", a->size(),
            " values but the model takes ", input_dim, " inputs");
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
