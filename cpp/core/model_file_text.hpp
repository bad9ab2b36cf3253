#pragma once
// The arrays of a model file (model_file.hpp) as text: the weights and the optimizer's state in
// Keras's orientation. A kernel is inputs x units (our W transposed), one row per input, each
// row on a line of its own; a bias or a bias's slot is one value per unit. A layer of another
// kind has its weights by Keras's names ({"gamma": [...], "beta": [...], "moving_mean": [...],
// "moving_variance": [...]}), one value per feature; a layer without weights has {}.
// model_file_arrays.hpp reads them back.
#include <string>
#include <vector>

#include "core/json_read.hpp"
#include "core/keras_json.hpp"
#include "core/trainer.hpp"

namespace neurostep::model_file_detail {
using namespace json_read;

// W (units x inputs) as Keras's kernel, one row per input, each row on a line of its own.
inline std::string kernel_text(const Eigen::MatrixXd& W, const std::string& indent) {
  std::string out = "[";
  for (Eigen::Index i = 0; i < W.cols(); ++i) {  // a row of Keras's kernel: one input
    OrderedJson row = OrderedJson::array();
    for (Eigen::Index u = 0; u < W.rows(); ++u) row.push_back(W(u, i));
    out += (i ? ",\n  " : "\n  ") + indent + row.dump();
  }
  return out + "\n" + indent + "]";
}

inline std::string vector_text(const Eigen::VectorXd& b) {
  OrderedJson out = OrderedJson::array();
  for (Eigen::Index u = 0; u < b.size(); ++u) out.push_back(b(u));
  return out.dump();
}

// "2 Dense layers", or "4 layers" when not all are Dense, for messages.
// "{path} has 3 entries but the model has 2 Dense layers" (or "2 layers" when some are not Dense).
[[noreturn]] inline void fail_entries(const std::string& path, std::size_t entries, const ModelSpec& spec) {
  bool all_dense = true;
  for (const auto& l : spec.layers) all_dense = all_dense && l.kind == LayerKind::dense;
  const std::vector<MessageArg> args = {arg("path", path), arg("count", entries), arg("layers", spec.layers.size())};
  if (all_dense) fail_with("model_file.entries_dense", "{path} has {count} entries but the model has {layers} Dense layers", args);
  fail_with("model_file.entries", "{path} has {count} entries but the model has {layers} layers", args);
}

// {"gamma": [...], ...} of a layer that is not Dense, at `indent`.
inline std::string named_vectors_text(const std::vector<WeightName>& names, const std::vector<Eigen::VectorXd>& v,
                                      const std::string& indent) {
  if (names.empty()) return "{}";
  std::string out = "{";
  for (std::size_t k = 0; k < names.size(); ++k)
    out += std::string(k ? "," : "") + "\n" + indent + "  " + OrderedJson(names[k].name).dump() + ": " + vector_text(v[k]);
  return out + "\n" + indent + "}";
}

inline std::vector<WeightName> trained_names(const LayerConfig& c) {
  std::vector<WeightName> out;
  for (const auto& n : weight_names(c))
    if (n.trained) out.push_back(n);
  return out;
}

inline std::string weights_text(const std::vector<LayerWeights>& w, const ModelSpec& spec) {
  std::string out = "[";
  for (std::size_t l = 0; l < w.size(); ++l) {
    if (spec.layers[l].kind != LayerKind::dense) {
      out += std::string(l ? "," : "") + "\n    " + named_vectors_text(weight_names(spec.layers[l]), w[l].vectors, "    ");
      continue;
    }
    out += std::string(l ? "," : "") + "\n    {\n      \"kernel\": " + kernel_text(w[l].W, "      ");
    if (w[l].b.size() > 0) out += ",\n      \"bias\": " + vector_text(w[l].b);
    out += "\n    }";
  }
  return out + "\n  ]";
}

// {"iterations": n, "slots": [{"kernel": {<slot>: kernel, ...}, "bias": {<slot>: [...], ...}}, ...]}
inline std::string optimizer_state_text(const OptimizerState& state, const std::vector<std::string>& names,
                                        const ModelSpec& spec) {
  std::string out = "{\n    \"iterations\": " + std::to_string(state.iterations) + ",\n    \"slots\": [";
  for (std::size_t l = 0; l < state.slots.size(); ++l) {
    if (spec.layers[l].kind != LayerKind::dense) {  // {"gamma": {"m": [...], ...}, ...}
      const std::vector<WeightName> trained = trained_names(spec.layers[l]);
      std::string entry = "{";
      for (std::size_t p = 0; p < trained.size(); ++p) {
        std::string slots;
        for (std::size_t k = 0; k < names.size(); ++k)
          slots += std::string(k ? "," : "") + "\n          " + OrderedJson(names[k]).dump() + ": " +
                   vector_text(state.slots[l][k].vectors[p]);
        entry += std::string(p ? "," : "") + "\n        " + OrderedJson(trained[p].name).dump() + ": {" + slots +
                 (names.empty() ? "}" : "\n        }");
      }
      out += std::string(l ? "," : "") + "\n      " + entry + (trained.empty() ? "}" : "\n      }");
      continue;
    }
    std::string kernel, bias;
    for (std::size_t k = 0; k < names.size(); ++k) {
      const std::string key = std::string(k ? "," : "") + "\n          " + OrderedJson(names[k]).dump() + ": ";
      kernel += key + kernel_text(state.slots[l][k].W, "          ");
      bias += key + vector_text(state.slots[l][k].b);
    }
    out += std::string(l ? "," : "") + "\n      {\n        \"kernel\": {" + kernel +
           (names.empty() ? "}" : "\n        }");
    if (spec.layers[l].use_bias) out += ",\n        \"bias\": {" + bias + (names.empty() ? "}" : "\n        }");
    out += "\n      }";
  }
  return out + "\n    ]\n  }";
}

}  // namespace neurostep::model_file_detail
