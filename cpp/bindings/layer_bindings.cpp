// Layers of any kind for JavaScript (layer_values.hpp): one layer or all of them, and the
// gradient check of every trained weight of every kind with dL/dX of the input batch. Free
// functions of a TrainerHandle, so that the handle's class (trainer_bindings.cpp) stays as it is.
#include <emscripten/bind.h>

#include "bindings/layer_values.hpp"
#include "core/gradient_check.hpp"

namespace neurostep::js {
namespace {

val layer(const TrainerHandle& h, double l) {
  return h.visit([&](const auto& t) { return any_layer_view(t, to_int(l, "layer")); });
}

val layers(const TrainerHandle& h) {
  return h.visit([&](const auto& t) {
    val out = val::array();
    for (int l = 0; l < t.network().depth(); ++l) out.call<void>("push", any_layer_view(t, l));
    return out;
  });
}

val param_check(const ParamGradientCheck& c) {
  val out = val::object();
  out.set("name", c.name);
  out.set("backprop", mat(c.backprop));
  out.set("numeric", mat(c.numeric));
  out.set("maxRelativeError", c.max_relative_error);
  return out;
}

// As TrainerHandle::gradient_check, on the batch under way or the next one: {layers: [{params:
// [{name, backprop, numeric, maxRelativeError}], maxRelativeError}], input: {...}}.
val gradient_check_all(const TrainerHandle& h) {
  return h.visit([](const auto& t) {
    auto copy = t;
    if (copy.phase_index() == 0) copy.step_phase();
    ParamGradientCheck input;
    const auto checks = neurostep::gradient_check(copy.network(), copy.batch_x(), copy.batch_y(), &input);
    val layers = val::array();
    for (const LayerGradientCheck& c : checks) {
      val layer = val::object(), params = val::array();
      for (const ParamGradientCheck& p : c.params) params.call<void>("push", param_check(p));
      layer.set("params", params);
      layer.set("maxRelativeError", c.max_relative_error);
      layers.call<void>("push", layer);
    }
    val out = val::object();
    out.set("layers", layers);
    out.set("input", param_check(input));
    return out;
  });
}

}  // namespace
}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_layers) {
  emscripten::function("trainer_layer", &neurostep::js::layer);
  emscripten::function("trainer_layers", &neurostep::js::layers);
  emscripten::function("trainer_gradient_check_all", &neurostep::js::gradient_check_all);
}
