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

}  // namespace neurostep
