#pragma once
// A trained model in one JSON file:
//   {"format": "neurostep-model", "version": 1,
//    "model": <Keras 3 model.to_json(), see keras_json.hpp>,
//    "compile": {"loss": "binary_crossentropy", "optimizer": {"class_name": "Adam", ...},
//                "metrics": ["accuracy"]},
//    "weights": [{"kernel": [[...], ...], "bias": [...]}, ...],
//    "optimizer_state": {"iterations": 1000,
//                        "slots": [{"kernel": {"m": [[...], ...], "v": ...}, "bias": {"m": [...], ...}}, ...]},
//    "training": {"precision": "float32", "seed": 42, "batch_size": 1, "epochs_trained": 1000}}
// "kernel" is Keras's kernel, inputs x units (our W transposed), so that the values can go
// straight into Keras's layer.set_weights([kernel, bias]); "bias" is left out without use_bias.
// Every weight is written as the shortest decimal that reads back as the same double (a float
// widened to double is exact), so a loaded model predicts bit for bit what the saved one did.
// "optimizer_state" keeps the optimizer's step count and slots (slot_names: Adam's m and v,
// ...), shaped like the weights, as Keras's model.save() keeps its optimizer's variables: a
// loaded model's optimizer goes on where it stopped (with shuffling off, training goes on bit
// for bit as if it had never been saved; the shuffle's random stream starts again from the
// seed). It is optional: without it (older files) the optimizer starts afresh.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/json_read.hpp"
#include "core/keras_compile.hpp"
#include "core/keras_json.hpp"
#include "core/spec_json.hpp"
#include "core/trainer.hpp"

namespace neurostep {

struct LoadedModel {
  ModelSpec spec;
  std::vector<LayerWeights> weights;  // empty: no weights given, initialise from the seed
  std::optional<OptimizerState> optimizer_state;  // none: the optimizer starts afresh
  std::string precision = "float32";  // what it was trained in; "float32" or "float64"
  std::uint32_t seed = 42;
  int batch_size = 32;  // Keras's fit() default when the text does not say
  long epochs_trained = 0;
  std::string format;  // what the text was: "neurostep-model", "keras" or "spec"
  bool compiled = true;  // false: loss and optimizer are defaults, not read from the text
};

namespace model_file_detail {
using namespace json_read;

constexpr const char* format_name = "neurostep-model";
constexpr int format_version = 1;

template <typename S>
std::string precision_name() {
  static_assert(std::is_same_v<S, float> || std::is_same_v<S, double>, "float or double");
  return std::is_same_v<S, float> ? "float32" : "float64";
}

// Indents a dumped JSON value by two spaces so that it nests; dumped strings hold no raw
// newlines (they are escaped), so every newline is a line break of the layout.
inline std::string nested(const std::string& text) {
  std::string out;
  for (char ch : text) out += ch == '\n' ? std::string("\n  ") : std::string(1, ch);
  return out;
}

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

inline std::string weights_text(const std::vector<LayerWeights>& w) {
  std::string out = "[";
  for (std::size_t l = 0; l < w.size(); ++l) {
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

inline double weight(const Json& v, const std::string& path) {
  require(!v.is_null(), path, " is null; weights must be finite numbers (JSON writers put null ",
          "where a weight was NaN or infinite)");
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
    fail(path, " must be ", inputs, " x ", units, " (inputs x units, Keras's orientation) for ", label,
         ", got ", kernel.size(), " rows",
         first.is_array() ? " of " + std::to_string(first.size()) + (kernel.size() > 1 ? " or more" : "") + " values" : "");
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
  require(static_cast<int>(v.size()) == units, path, " must have ", units, " values (one per unit of ",
          label, "), got ", v.size());
  Eigen::VectorXd out(units);
  for (int u = 0; u < units; ++u) out(u) = weight(v[static_cast<std::size_t>(u)], index_path(path, static_cast<std::size_t>(u)));
  return out;
}

inline std::vector<LayerWeights> read_weights(const Json& w, const ModelSpec& spec) {
  array(w, "weights");
  require(w.size() == spec.layers.size(), "weights has ", w.size(), " entries but the model has ",
          spec.layers.size(), " Dense layers");
  const std::vector<std::string> names = keras_json_detail::layer_names(spec);
  std::vector<LayerWeights> out;
  Eigen::Index inputs = spec.input_dim;
  for (std::size_t l = 0; l < w.size(); ++l) {
    const std::string path = index_path("weights", l);
    const std::string label = "layer " + std::to_string(l + 1) + " (" + quoted(names[l]) + ")";
    const LayerConfig& c = spec.layers[l];
    object(w[l], path);
    check_keys(w[l], path, {"kernel", "bias"});
    const Json* kernel = find(w[l], "kernel");
    require(kernel != nullptr, path, ": \"kernel\" is missing");
    LayerWeights lw{read_kernel(*kernel, key_path(path, "kernel"), inputs, c.units, label), Eigen::VectorXd::Zero(c.units)};
    const Json* bias = find(w[l], "bias");
    const std::string bias_path = key_path(path, "bias");
    if (c.use_bias) {
      require(bias != nullptr, path, ": \"bias\" is missing; ", label, " has use_bias true");
      lw.b = read_vector(*bias, bias_path, c.units, label);
    } else {
      require(!given(bias) || (bias->is_array() && bias->empty()), bias_path, " must be left out or ",
              "empty: ", label, " has use_bias false");
    }
    out.push_back(std::move(lw));
    inputs = c.units;
  }
  return out;
}

inline std::vector<std::string> keys_of(const Json& obj) {
  std::vector<std::string> out;
  for (auto it = obj.begin(); it != obj.end(); ++it) out.push_back(it.key());
  return out;
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
  require(given(iterations) && given(slots), path, " needs both \"iterations\" and \"slots\"");
  OptimizerState state;
  state.iterations = static_cast<long>(integer(*iterations, key_path(path, "iterations"), 0, limits::max_iterations));
  const std::string slots_path = key_path(path, "slots");
  array(*slots, slots_path);
  require(slots->size() == spec.layers.size(), slots_path, " has ", slots->size(), " entries but the model has ",
          spec.layers.size(), " Dense layers");
  const std::vector<std::string> names = slot_names(spec.optimizer), layer_names = keras_json_detail::layer_names(spec);
  const double start = spec.optimizer.kind == OptimizerKind::adagrad ? spec.optimizer.initial_accumulator_value : 0.0;
  const std::string keeps = name_of(spec.optimizer.kind) + " keeps (" + (names.empty() ? "none" : join(names)) + ")";
  Eigen::Index inputs = spec.input_dim;
  for (std::size_t l = 0; l < slots->size(); ++l) {
    const LayerConfig& c = spec.layers[l];
    const std::string at = index_path(slots_path, l);
    const std::string label = "layer " + std::to_string(l + 1) + " (" + quoted(layer_names[l]) + ")";
    const Json& entry = (*slots)[l];
    object(entry, at);
    check_keys(entry, at, {"kernel", "bias"});
    const Json* kernel = find(entry, "kernel");
    const Json* bias = find(entry, "bias");
    require(given(kernel), at, ": \"kernel\" is missing");
    require(c.use_bias ? given(bias) : !given(bias), at, c.use_bias ? ": \"bias\" is missing; " : ": \"bias\" must be left out: ",
            label, " has use_bias ", c.use_bias ? "true" : "false");
    for (const auto& named : {std::pair{"kernel", kernel}, std::pair{"bias", bias}}) {
      const char* param = named.first;
      const Json* slot = named.second;
      if (!given(slot)) continue;
      object(*slot, key_path(at, param));
      require(slot->size() == names.size() && std::all_of(names.begin(), names.end(), [&](const std::string& n) { return slot->contains(n); }),
              key_path(at, param), " must hold the slots ", keeps, ", got ", slot->empty() ? "none" : join(keys_of(*slot)));
    }
    std::vector<LayerWeights> per_slot;
    for (const std::string& n : names) {
      const std::string kernel_path = key_path(key_path(at, "kernel"), n), bias_path = key_path(key_path(at, "bias"), n);
      LayerWeights w{read_kernel(kernel->at(n), kernel_path, inputs, c.units, label), Eigen::VectorXd::Constant(c.units, start)};
      if (c.use_bias) w.b = read_vector(bias->at(n), bias_path, c.units, label);
      if (slot_is_squared(n)) {  // its square root is taken: a negative value would make NaN
        const auto refuse = [&](const std::string& where, double v) {
          fail(where, " is ", exact(v), "; ", n, " sums squared gradients, so it cannot be negative");
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
    inputs = c.units;
  }
  return state;
}

inline void read_training(const Json& t, LoadedModel& m) {
  object(t, "training");
  check_keys(t, "training", {"precision", "seed", "batch_size", "epochs_trained"});
  m.precision = string_or(t, "precision", m.precision, "training");
  require(m.precision == "float32" || m.precision == "float64", "training.precision must be ",
          "\"float32\" or \"float64\", got ", quoted(m.precision));
  if (const Json* v = find(t, "seed"))
    m.seed = static_cast<std::uint32_t>(integer(*v, "training.seed", 0, 4294967295LL));
  if (const Json* v = find(t, "batch_size"))
    m.batch_size = static_cast<int>(integer(*v, "training.batch_size", 1, limits::max_batch_size));
  if (const Json* v = find(t, "epochs_trained"))
    m.epochs_trained = static_cast<long>(integer(*v, "training.epochs_trained", 0, limits::max_iterations));
}

inline void read_compile(const Json& c, ModelSpec& spec) {
  object(c, "compile");
  check_keys(c, "compile", {"loss", "optimizer", "metrics"});
  const Json* loss = find(c, "loss");
  const Json* optimizer = find(c, "optimizer");
  require(loss != nullptr && optimizer != nullptr, "compile needs both \"loss\" and \"optimizer\"");
  spec.loss = loss_from_keras_json(*loss, "compile.loss");
  spec.optimizer = optimizer_from_keras_json(*optimizer, "compile.optimizer");
  if (const Json* metrics = find(c, "metrics")) check_metrics(*metrics, "compile.metrics");
}

inline LoadedModel load_model_file(const Json& doc) {
  check_keys(doc, "", {"format", "version", "model", "compile", "weights", "optimizer_state", "training"});
  const std::string format = string(*find(doc, "format"), "format");
  require(format == format_name, "unknown format ", quoted(format), "; expected \"", format_name, "\"");
  const Json* version = find(doc, "version");
  require(version != nullptr, "\"version\" is missing");
  const auto v = integer(*version, "version", 0, 1'000'000);
  require(v == format_version, "version ", v, " is not supported; this NeuroStep reads version ", format_version);
  const Json* model = find(doc, "model");
  require(given(model), "\"model\" is missing: the Keras model.to_json() of the network");
  LoadedModel m;
  m.format = format_name;
  m.spec = keras_json_detail::spec_from_keras(*model, "model");
  m.compiled = given(find(*model, "compile_config"));
  if (const Json* compile = find(doc, "compile"); given(compile)) {
    read_compile(*compile, m.spec);
    m.compiled = true;
  }
  validate(m.spec);
  if (const Json* w = find(doc, "weights"); given(w)) m.weights = read_weights(*w, m.spec);
  if (const Json* o = find(doc, "optimizer_state"); given(o)) {
    require(!m.weights.empty(), "optimizer_state is given without weights: it belongs to trained weights");
    m.optimizer_state = read_optimizer_state(*o, m.spec);
  }
  if (const Json* t = find(doc, "training"); given(t)) read_training(*t, m);
  return m;
}

}  // namespace model_file_detail

// The text of a model file for the trainer's network, weights and settings. `epochs_before`
// counts epochs trained before this trainer was loaded (the trainer counts its own).
template <typename S>
std::string save_model(const Trainer<S>& t, long epochs_before = 0) {
  using namespace model_file_detail;
  ModelSpec spec = t.network().spec();
  spec.optimizer = t.optimizer();  // the learning rate may have been changed while training
  OrderedJson compile;
  compile["loss"] = name_of(spec.loss);
  compile["optimizer"] = keras_compile_detail::optimizer_json(spec.optimizer);
  compile["metrics"] = {"accuracy"};
  OrderedJson training;
  training["precision"] = precision_name<S>();
  training["seed"] = t.seed();
  training["batch_size"] = t.batch_size();
  training["epochs_trained"] = epochs_before + t.epoch();
  std::vector<LayerWeights> w = t.network().weights();
  for (std::size_t l = 0; l < w.size(); ++l)
    if (!spec.layers[l].use_bias) w[l].b.resize(0);
  return std::string("{\n  \"format\": \"") + format_name + "\",\n  \"version\": " +
         std::to_string(format_version) + ",\n  \"model\": " +
         nested(keras_json_detail::keras_model(spec).dump(2)) + ",\n  \"compile\": " +
         nested(compile.dump(2)) + ",\n  \"weights\": " + weights_text(w) +
         ",\n  \"optimizer_state\": " + optimizer_state_text(t.optimizer_state(), t.optimizer_slot_names(), spec) +
         ",\n  \"training\": " + nested(training.dump(2)) + "\n}\n";
}

// Reads a model file; also a bare Keras model.to_json() document or a model spec (spec_json.hpp),
// which have no weights: make_trainer then initialises them from the seed, 42.
inline LoadedModel load_model(const Json& doc) {
  if (!doc.is_object()) json_read::wrong_type("a model", "a JSON object", doc);
  if (doc.contains("format")) return model_file_detail::load_model_file(doc);
  LoadedModel m;
  if (doc.contains("class_name")) {
    m.format = "keras";
    m.spec = spec_from_keras_json(doc);
    m.compiled = json_read::given(json_read::find(doc, "compile_config"));
  } else if (doc.contains("input_dim") || doc.contains("layers")) {
    m.format = "spec";
    m.spec = spec_from_json(doc);
  } else {
    fail("not a model: expected a NeuroStep model file (with \"format\"), a Keras model.to_json() ",
         "document (with \"class_name\") or a model spec (with \"input_dim\" and \"layers\")");
  }
  return m;
}
inline LoadedModel load_model(const std::string& text) { return load_model(json_read::parse(text)); }
inline LoadedModel load_model(const char* text) { return load_model(std::string(text)); }

// A trainer with the model's spec and seed, then its weights and optimizer state (if any) and
// batch size. The
// initialisation still runs first, so the trainer's random stream (the epochs' shuffles) is
// the same as that of a fresh Trainer(spec, seed).
template <typename S>
Trainer<S> make_trainer(const LoadedModel& m) {
  Trainer<S> t(m.spec, m.seed);
  if (!m.weights.empty()) t.set_weights(m.weights);
  if (m.optimizer_state) t.set_optimizer_state(*m.optimizer_state);
  t.set_batch_size(m.batch_size);
  return t;
}

}  // namespace neurostep
