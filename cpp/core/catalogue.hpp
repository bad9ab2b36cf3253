#pragma once
// The catalogue: every name, default and range the core accepts, in one JSON object, built from
// the core's own tables (activation_names, loss_names, initializer_names, optimizer_names,
// optimizer_fields, default_optimizer, LayerConfig's defaults, limits.hpp, article_model), so that an entry
// added to a table appears here, and in the page that reads it (ns.catalogue()), on its own.
//
//   {"activations": [{"name": "relu", "parameters": {}, "kinkAtZero": true}, {"name": "leaky_relu",
//                     "parameters": {"negative_slope": 0.2}, "kinkAtZero": true}, ...],
//    "losses": [{"name": "binary_crossentropy", "aliases": [], "targets": "probabilities",
//                "combinesWith": "sigmoid", "minOutputUnits": 1}, ...],
//    "optimizers": [{"name": "adam", "fields": [{"key": "learning_rate", "type": "number",
//                    "default": 0.001, "min": 0, "minExclusive": true, "max": 1e6,
//                    "maxExclusive": false}, ...]}, ...],
//    "initializers": ["glorot_uniform", ...],
//    "layerKinds": [{"kind": "dense", "className": "Dense", "defaults": {"activation": "linear",
//                    "use_bias": true, "kernel_initializer": "glorot_uniform", ...},
//                    "weights": ["kernel", "bias"]},
//                   {"kind": "dropout", "className": "Dropout", "defaults": {"rate": 0.5}, "weights": []},
//                   {"kind": "batch_normalization", ..., "weights": ["gamma", "beta", "moving_mean",
//                    "moving_variance"], "untrained": ["moving_mean", "moving_variance"]}, ...],
//    "limits": {"maxLayers": 32, "maxUnits": 4096, "batchSize": {"min": 1, "max": 1000000}, ...}}
//    "example": {"input_dim": 8, "layers": [{"units": 10, "activation": "relu", ...}, ...], ...}}
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/activation.hpp"
#include "core/layer_config.hpp"
#include "core/initializer.hpp"
#include "core/limits.hpp"
#include "core/loss.hpp"
#include "core/optimizer.hpp"
#include "core/spec_json.hpp"
#include "core/task.hpp"
#include "core/teaching_step.hpp"

namespace neurostep {

// The interval a hyperparameter must lie in: what validate(OptimizerConfig) accepts
// (optimizer.hpp). tests/cpp/catalogue_test.cpp checks each bound against validate itself, so
// the two cannot drift apart.
struct FieldRange {
  double min, max;
  bool min_exclusive, max_exclusive;
};

inline FieldRange optimizer_field_range(const std::string& key) {
  const double inf = std::numeric_limits<double>::infinity();
  if (key == "learning_rate") return {0.0, limits::max_learning_rate, true, false};  // (0, 1e6]
  if (key == "epsilon") return {0.0, 1.0, true, false};                             // (0, 1]
  if (key == "initial_accumulator_value") return {0.0, inf, false, true};           // [0, inf)
  return {0.0, 1.0, false, true};  // momentum, beta_1, beta_2, rho: [0, 1)
}

namespace catalogue_detail {

// A JSON number that may be infinite: JSON has no infinity, so an unbounded end is null.
inline nlohmann::json bound(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

// Whether f'(z) jumps at z = 0 (relu, leaky relu): a difference quotient across the jump agrees
// with neither side, which the gradient check's explanation needs to know. Read off the slope
// the backward pass uses, just left and just right of 0.
inline bool kink_at_zero(Activation f) {
  if (is_per_sample(f)) return false;
  Matrix<double> Z(1, 2), A;
  Z << -std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::denorm_min();
  activate(f, Z, A);
  const Matrix<double> slope = activation_slope(f, Z, A);
  return std::fabs(slope(0, 0) - slope(0, 1)) > 1e-9;
}

inline nlohmann::json activation_parameters(Activation a) {
  nlohmann::json p = nlohmann::json::object();
  if (a == Activation::leaky_relu) p["negative_slope"] = leaky_relu_negative_slope;
  if (a == Activation::elu) p["alpha"] = elu_alpha;
  if (a == Activation::celu) p["alpha"] = celu_alpha;
  if (a == Activation::selu) {
    p["alpha"] = selu_alpha;
    p["scale"] = selu_scale;
  }
  return p;
}

// What a loss's targets must be (data_checks.hpp says the same when it refuses data).
inline const char* loss_targets(Loss l) {
  if (l == Loss::sparse_categorical_crossentropy) return "class_indices";  // one column 0..K-1
  if (is_crossentropy(l)) return "probabilities";                          // in [0, 1]
  return "any";
}

// The arguments of a layer kind at Keras's defaults, as the spec JSON names them.
inline nlohmann::json layer_defaults(LayerKind kind) {
  const LayerConfig d = default_layer(kind);
  switch (kind) {
    case LayerKind::dense:
      return {{"activation", name_of(d.activation)}, {"use_bias", d.use_bias},
              {"kernel_initializer", name_of(d.kernel_initializer)}, {"bias_initializer", name_of(d.bias_initializer)},
              {"l1", d.l1}, {"l2", d.l2}};
    case LayerKind::dropout: return {{"rate", d.rate}};
    case LayerKind::batch_normalization:
      return {{"momentum", d.momentum}, {"epsilon", d.epsilon}, {"center", d.center}, {"scale", d.scale}};
    case LayerKind::layer_normalization: return {{"epsilon", d.epsilon}, {"center", d.center}, {"scale", d.scale}};
    case LayerKind::activation: return {{"activation", name_of(d.activation)}};
    case LayerKind::relu:
      return {{"max_value", nullptr}, {"negative_slope", d.negative_slope}, {"threshold", d.threshold}};
    case LayerKind::leaky_relu: return {{"negative_slope", d.negative_slope}};
    case LayerKind::elu: return {{"alpha", d.alpha}};
    case LayerKind::prelu: return {{"alpha_initializer", name_of(d.alpha_initializer)}};
    case LayerKind::flatten:
    case LayerKind::softmax: break;
  }
  return nlohmann::json::object();
}

}  // namespace catalogue_detail

inline nlohmann::json catalogue() {
  using nlohmann::json;
  using namespace catalogue_detail;
  json out = json::object();

  json activations = json::array();
  for (const auto& [name, a] : activation_names())
    activations.push_back({{"name", name}, {"parameters", activation_parameters(a)}, {"kinkAtZero", kink_at_zero(a)}});
  out["activations"] = activations;

  // One entry per loss, under its canonical (first) name; the other names are its aliases.
  json losses = json::array();
  for (const auto& [name, l] : loss_names()) {
    if (to_name(loss_names(), l) != name) continue;
    json aliases = json::array();
    for (const auto& [other, same] : loss_names())
      if (same == l && other != name) aliases.push_back(other);
    json combines = nullptr;  // the output activation whose dL/dz the loss gives directly
    for (const auto& [activation, a] : activation_names())
      if (loss_uses_logits(l, a)) combines = activation;
    const bool per_class = l == Loss::categorical_crossentropy || l == Loss::sparse_categorical_crossentropy;
    losses.push_back({{"name", name},
                      {"aliases", aliases},
                      {"targets", loss_targets(l)},
                      {"combinesWith", combines},
                      {"minOutputUnits", per_class ? 2 : 1}});  // model_spec.hpp's validate
  }
  out["losses"] = losses;

  json optimizers = json::array();
  for (const auto& [name, kind] : optimizer_names()) {
    const OptimizerConfig defaults = default_optimizer(kind);
    json fields = json::array();
    for (const OptimizerField& f : optimizer_fields(kind)) {
      if (f.flag) {
        fields.push_back({{"key", f.key}, {"type", "boolean"}, {"default", defaults.*f.flag}});
        continue;
      }
      const FieldRange r = optimizer_field_range(f.key);
      fields.push_back({{"key", f.key},
                        {"type", "number"},
                        {"default", defaults.*f.number},
                        {"min", bound(r.min)},
                        {"max", bound(r.max)},
                        {"minExclusive", r.min_exclusive},
                        {"maxExclusive", r.max_exclusive}});
    }
    optimizers.push_back({{"name", name}, {"fields", fields}});
  }
  out["optimizers"] = optimizers;

  json initializers = json::array();
  for (const auto& entry : initializer_names()) initializers.push_back(entry.first);
  out["initializers"] = initializers;

  // Every layer kind: its spec name, Keras class, defaults and weights by Keras's names (a Dense
  // layer's bias only with use_bias; BatchNormalization's moving statistics are not trained).
  json kinds = json::array();
  for (const LayerKindInfo& k : layer_kinds()) {
    json weights = json::array(), untrained = json::array();
    for (const WeightName& w : weight_names(default_layer(k.kind))) {
      weights.push_back(w.name);
      if (!w.trained) untrained.push_back(w.name);
    }
    kinds.push_back({{"kind", k.base_name}, {"className", k.class_name}, {"defaults", layer_defaults(k.kind)},
                     {"weights", weights}, {"untrained", untrained}});
  }
  out["layerKinds"] = kinds;
  // A setting's range as the core checks it: {"min": .., "max": ..}, both ends included.
  const auto range = [](double min, double max) { return json{{"min", min}, {"max", max}}; };
  out["limits"] = {{"maxLayers", limits::max_layers},
                   {"maxUnits", limits::max_units},
                   {"maxParameters", limits::max_parameters},
                   {"maxSamples", limits::max_samples},
                   {"maxDatasetValues", limits::max_dataset_values},
                   {"maxPredictRows", limits::max_predict_rows},
                   {"maxGuessedClasses", max_guessed_classes},  // pick_task: whole numbers below it are classes
                   {"batchSize", range(1, limits::max_batch_size)},                      // Trainer::set_batch_size
                   {"count", range(limits::min_generated_rows, limits::max_samples)},  // generate_dataset
                   {"noise", range(0, limits::max_noise)},                           // generate_dataset
                   {"testRatio", range(0, limits::max_test_ratio)},                  // split_dataset
                   {"regularization", range(0, limits::max_regularization)},         // a layer's l1 and l2
                   {"seed", range(0, std::numeric_limits<std::uint32_t>::max())},    // seeds are 32-bit
                   {"maxEpochsPerCall", limits::max_epochs_per_call},
                   {"maxLearningRate", limits::max_learning_rate},
                   {"maxTextBytes", limits::max_text_bytes}};
  // The seed article's Keras example (model_spec.hpp), the network a page starts with.
  out["example"] = spec_to_json(article_model());
  return out;
}

}  // namespace neurostep
