#pragma once
// A trained model in one JSON file:
//   {"format": "neurostep-model", "version": 1,
//    "model": <Keras 3 model.to_json(), see keras_json.hpp>,
//    "compile": {"loss": "binary_crossentropy", "optimizer": {"class_name": "Adam", ...},
//                "metrics": ["accuracy"]},
//    "weights": [{"kernel": [[...], ...], "bias": [...]}, ...],
//    "optimizer_state": {"iterations": 1000,
//                        "slots": [{"kernel": {"m": [[...], ...], "v": ...}, "bias": {"m": [...], ...}}, ...]},
//    "training": {"precision": "float32", "seed": 42, "batch_size": 1, "epochs_trained": 1000},
//    "data": {...}}
// "kernel" is Keras's kernel, inputs x units (our W transposed), so that the values can go
// straight into Keras's layer.set_weights([kernel, bias]); "bias" is left out without use_bias.
// Every weight is written as the shortest decimal that reads back as the same double (a float
// widened to double is exact), so a loaded model predicts bit for bit what the saved one did.
// "optimizer_state" keeps the optimizer's step count and slots (slot_names: Adam's m and v,
// ...), shaped like the weights, as Keras's model.save() keeps its optimizer's variables: a
// loaded model's optimizer goes on where it stopped (with shuffling off, training goes on bit
// for bit as if it had never been saved; the shuffle's random stream starts again from the
// seed). It is optional: without it (older files) the optimizer starts afresh.
// "data" (optional) is the page's record of the data the model was trained on (the generator
// and its settings, or the rows; web/src/share/model-data.ts): the engine checks only that it is
// an object and leaves it to the page, so that a saved model opens on its own data.
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/json_read.hpp"
#include "core/keras_compile.hpp"
#include "core/keras_json.hpp"
#include "core/model_file_arrays.hpp"
#include "core/preprocessing_json.hpp"
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
  Preprocessing preprocessing;  // how inputs are scaled before the network (preprocessing_json.hpp)
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

inline void read_training(const Json& t, LoadedModel& m) {
  object(t, "training");
  check_keys(t, "training", {"precision", "seed", "batch_size", "epochs_trained"});
  m.precision = string_or(t, "precision", m.precision, "training");
  if (!(m.precision == "float32" || m.precision == "float64"))
    fail_with("model_file.precision", "training.precision must be \"float32\" or \"float64\", got {got}", {arg("got", json_read::quoted(m.precision))});
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
  if (loss == nullptr || optimizer == nullptr) fail_with("model_file.compile", "compile needs both \"loss\" and \"optimizer\"", {});
  spec.loss = loss_from_keras_json(*loss, "compile.loss");
  spec.optimizer = optimizer_from_keras_json(*optimizer, "compile.optimizer");
  if (const Json* metrics = find(c, "metrics")) check_metrics(*metrics, "compile.metrics");
}

inline LoadedModel load_model_file(const Json& doc) {
  check_keys(doc, "", {"format", "version", "model", "compile", "weights", "optimizer_state", "training",
                       "preprocessing", "data"});
  const std::string format = string(*find(doc, "format"), "format");
  if (format != format_name)
    fail_with("model_file.format", "unknown format {format}; expected \"{expected}\"", {arg("format", json_read::quoted(format)), arg("expected", format_name)});
  const Json* version = find(doc, "version");
  if (version == nullptr) fail_with("model_file.no_version", "\"version\" is missing", {});
  const auto v = integer(*version, "version", 0, 1'000'000);
  if (v != format_version)
    fail_with("model_file.version", "version {version} is not supported; this NeuroStep reads version {supported}",
              {arg("version", v), arg("supported", format_version)});
  const Json* model = find(doc, "model");
  if (!given(model)) fail_with("model_file.no_model", "\"model\" is missing: the Keras model.to_json() of the network", {});
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
    if (m.weights.empty()) fail_with("model_file.state_without_weights", "optimizer_state is given without weights: it belongs to trained weights", {});
    m.optimizer_state = read_optimizer_state(*o, m.spec);
  }
  if (const Json* t = find(doc, "training"); given(t)) read_training(*t, m);
  if (const Json* p = find(doc, "preprocessing"); given(p)) m.preprocessing = preprocessing_from_json(*p, m.spec.input_dim);
  if (const Json* d = find(doc, "data"); given(d)) object(*d, "data");
  return m;
}

}  // namespace model_file_detail

// The optimizer's state as save_model writes it: none when the check that loading makes
// (check_optimizer_state) would refuse it. Adam's v, a sum of squared gradients, can overflow to
// infinity while the weights stay finite (each of Adam's steps is bounded by the learning rate);
// a file with that state would be refused by its own loader, so it leaves the state out and the
// loaded optimizer starts afresh (with the same settings).
template <typename S>
std::optional<OptimizerState> savable_optimizer_state(const Trainer<S>& t) {
  OptimizerState state = t.optimizer_state();
  try {
    check_optimizer_state(t.network(), t.optimizer(), state);
  } catch (const Error&) {
    return std::nullopt;
  }
  return state;
}

// The text of a model file for the trainer's network, weights and settings.
template <typename S>
std::string save_model(const Trainer<S>& t, const Preprocessing& preprocessing = {}) {
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
  training["epochs_trained"] = t.epochs_trained();
  std::vector<LayerWeights> w = t.network().weights();
  for (std::size_t l = 0; l < w.size(); ++l)
    if (spec.layers[l].kind == LayerKind::dense && !spec.layers[l].use_bias) w[l].b.resize(0);
  const std::optional<OptimizerState> state = savable_optimizer_state(t);
  return std::string("{\n  \"format\": \"") + format_name + "\",\n  \"version\": " +
         std::to_string(format_version) + ",\n  \"model\": " +
         nested(keras_json_detail::keras_model(spec).dump(2)) + ",\n  \"compile\": " +
         nested(compile.dump(2)) + ",\n  \"weights\": " + weights_text(w, spec) +
         (state ? ",\n  \"optimizer_state\": " + optimizer_state_text(*state, t.optimizer_slot_names(), spec) : "") +
         ",\n  \"training\": " + nested(training.dump(2)) +
         (preprocessing.active() ? ",\n  \"preprocessing\": " + nested(preprocessing_json(preprocessing).dump(2)) : "") +
         "\n}\n";
}

// Reads a model file; also a bare Keras model.to_json() document or a model spec (spec_json.hpp),
// which have no weights: make_trainer then initialises them from the seed, 42; and the
// architecture of a TensorFlow.js layers-model.
inline LoadedModel load_model(const Json& doc) {
  if (!doc.is_object()) fail_with("model_file.not_object", "a model must be a JSON object, got {got}", {arg("got", json_read::show(doc))});
  const Json* format = json_read::find(doc, "format");
  if (format && format->is_string() && format->get<std::string>() == "layers-model") {
    // A TensorFlow.js layers-model (model.json): its modelTopology is Keras's to_json(), under
    // "model_config" when the converter wrote it. The weights (a separate .bin) are not read.
    const Json* topology = json_read::find(doc, "modelTopology");
    if (!(json_read::given(topology) && topology->is_object()))
      fail_with("model_file.tfjs_no_topology", "a TensorFlow.js layers-model without a modelTopology", {});
    const bool nested = topology->contains("model_config");
    LoadedModel m;
    m.format = "keras";
    m.spec = keras_json_detail::spec_from_keras(nested ? topology->at("model_config") : *topology,
                                                nested ? "modelTopology.model_config" : "modelTopology");
    m.compiled = false;
    return m;
  }
  if (format) return model_file_detail::load_model_file(doc);
  LoadedModel m;
  if (doc.contains("class_name")) {
    m.format = "keras";
    m.spec = spec_from_keras_json(doc);
    m.compiled = json_read::given(json_read::find(doc, "compile_config"));
  } else if (doc.contains("input_dim") || doc.contains("layers")) {
    m.format = "spec";
    m.spec = spec_from_json(doc);
  } else {
    fail_with("model_file.not_a_model", "not a model: expected a NeuroStep model file (with \"format\"), a Keras model.to_json() "
              "document (with \"class_name\") or a model spec (with \"input_dim\" and \"layers\")", {});
  }
  return m;
}
inline LoadedModel load_model(const std::string& text) { return load_model(json_read::parse(text)); }
inline LoadedModel load_model(const char* text) { return load_model(std::string(text)); }

// A trainer with the model's spec and seed, then its weights and optimizer state (if any) and
// batch size. The initialisation still runs first, so the trainer's random stream (the
// epochs' shuffles) is the same as that of a fresh Trainer(spec, seed).
template <typename S>
Trainer<S> make_trainer(const LoadedModel& m) {
  Trainer<S> t(m.spec, m.seed);
  if (!m.weights.empty()) t.set_weights(m.weights);
  if (m.optimizer_state) t.set_optimizer_state(*m.optimizer_state);
  t.set_batch_size(m.batch_size);
  t.set_epochs_before(m.epochs_trained);
  return t;
}

}  // namespace neurostep
