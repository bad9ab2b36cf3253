#pragma once
// The elementwise functions of Keras's ReLU, LeakyReLU and ELU layers, whose arguments the
// activation functions of the same names do not take (keras.activations.relu(x, negative_slope,
// max_value, threshold) is the ReLU layer's call):
//   ReLU:      f(x) = min(x, max_value) for x > threshold, else negative_slope (x - threshold)
//   LeakyReLU: f(x) = x for x >= 0, else negative_slope x        (Keras 3 default slope 0.3)
//   ELU:       f(x) = x for x > 0, else alpha (e^x - 1)
// Each with f'(x) beside it (0 on the kinks, as TensorFlow's gradients choose).
#include <cmath>

#include "core/deterministic_math.hpp"
#include "core/layer_config.hpp"

namespace neurostep::relu_family {

inline double value(const LayerConfig& c, double x) {
  switch (c.kind) {
    case LayerKind::relu:
      return x > c.threshold ? std::fmin(x, c.max_value) : c.negative_slope * (x - c.threshold);
    case LayerKind::leaky_relu: return x >= 0 ? x : c.negative_slope * x;
    case LayerKind::elu: return x > 0 ? x : c.alpha * det::expm1(x);
    default: return x;
  }
}

inline double derivative(const LayerConfig& c, double x) {
  switch (c.kind) {
    // 1 between threshold and max_value, 0 above max_value, negative_slope below threshold
    case LayerKind::relu:
      return x > c.threshold ? (x < c.max_value ? 1.0 : 0.0) : x < c.threshold ? c.negative_slope : 0.0;
    case LayerKind::leaky_relu: return x > 0 ? 1.0 : c.negative_slope;
    // d/dx alpha (e^x - 1) = alpha e^x
    case LayerKind::elu: return x > 0 ? 1.0 : c.alpha * det::exp(x);
    default: return 1.0;
  }
}

}  // namespace neurostep::relu_family
