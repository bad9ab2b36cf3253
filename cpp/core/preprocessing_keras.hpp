#pragma once
// Scaling in an exported Keras script: a Normalization layer right after keras.Input, holding
// the statistics NeuroStep fitted, so that the Keras model takes the raw features as NeuroStep's
// predict does. Keras's Normalization computes (x - mean) / sqrt(variance) (with the sqrt kept
// above 1e-7), so both scalings fit it: standardize is mean = mean, variance = std^2; min_max
// is mean = min, variance = (max - min)^2.
#include <string>

#include "core/csv_fields.hpp"
#include "core/preprocessing.hpp"

namespace neurostep {

// The layer's line in keras.Sequential([...]), or "" without scaling.
inline std::string keras_normalization_layer(const Preprocessing& p) {
  if (!p.active()) return "";
  validate(p);
  std::string mean, variance;
  for (Eigen::Index i = 0; i < p.offset.size(); ++i) {
    mean += (i ? ", " : "") + csv_detail::format_number(p.offset(i));
    variance += (i ? ", " : "") + csv_detail::format_number(p.scale(i) * p.scale(i));
  }
  return "keras.layers.Normalization(mean=[" + mean + "], variance=[" + variance + "]),  # NeuroStep's " +
         name_of(p.scaling) + " scaling, fitted on the training rows";
}

// A script export_keras_script wrote without scaling, with the layer put after keras.Input (for
// the page, whose trainer does not hold the scaling).
inline std::string with_keras_normalization(std::string script, const Preprocessing& p) {
  if (!p.active()) return script;
  const std::size_t input = script.find("    keras.Input(shape=(");
  require(input != std::string::npos, "not a NeuroStep Keras script: it has no keras.Input line");
  const std::size_t end = script.find('\n', input);
  require(end != std::string::npos, "not a NeuroStep Keras script: the keras.Input line does not end");
  const std::string width = std::to_string(p.features());
  require(script.compare(input, 23 + width.size() + 3, "    keras.Input(shape=(" + width + ",))") == 0, "the scaling has ",
          p.features(), " features but the script's model takes other inputs");
  require(script.find("keras.layers.Normalization(") == std::string::npos, "the script already scales its inputs");
  return script.insert(end + 1, "    " + keras_normalization_layer(p) + "\n");
}

}  // namespace neurostep
