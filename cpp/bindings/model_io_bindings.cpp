// Trainers from JSON and back to it (the handle's spec, to_json and set_optimizer methods): a model spec, a saved model (a NeuroStep model file, Keras's
// model.to_json(), or a spec), and the optimizer. Spec and optimizer texts come from the
// wrapper's JSON.stringify; a model file's text comes from the user.
#include <emscripten/bind.h>

#include "bindings/trainer_handle.hpp"
#include "core/model_file.hpp"
#include "core/spec_json.hpp"

namespace neurostep::js {
namespace {

bool is_float64(const std::string& precision) {
  if (!(precision == "float32" || precision == "float64"))
    fail_with("js.precision", "precision must be 'float32' or 'float64', got '{value}'", {arg("value", precision)});
  return precision == "float64";
}

// Fresh weights from the seed.
val create_trainer(const std::string& spec_json, const std::string& precision, double seed) {
  return guarded([&] {
    const ModelSpec spec = spec_from_json(spec_json);
    const std::uint32_t s = to_seed(seed);
    if (is_float64(precision)) return val(TrainerHandle(Trainer<double>(spec, s)));
    return val(TrainerHandle(Trainer<float>(spec, s)));
  });
}

// precision "" and seed undefined: the file's own.
val load_trainer(const std::string& text, const std::string& precision, const val& seed) {
  return guarded([&] {
    LoadedModel m = load_model(text);
    if (!seed.isUndefined()) m.seed = to_seed(number_of(seed));
    if (is_float64(precision.empty() ? m.precision : precision))
      return val(TrainerHandle(make_trainer<double>(m)));
    return val(TrainerHandle(make_trainer<float>(m)));
  });
}

}  // namespace

// The spec with the optimizer as it is now (its learning rate may have changed since).
val TrainerHandle::spec() const {
  return visit([](const auto& t) {
    ModelSpec spec = t.network().spec();
    spec.optimizer = t.optimizer();
    return val(spec_to_json(spec).dump());
  });
}

val TrainerHandle::to_json() const {
  return visit([](const auto& t) { return val(save_model(t)); });
}

val TrainerHandle::optimizer_state_savable() const {
  return visit([](const auto& t) { return val(savable_optimizer_state(t).has_value()); });
}

val TrainerHandle::set_optimizer(const std::string& optimizer_json) {
  return visit([&](auto& t) {
    t.set_optimizer(optimizer_from_json(json_read::parse(optimizer_json)));
    return val::undefined();
  });
}

}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_model_io) {
  using namespace neurostep::js;
  emscripten::function("create_trainer", &create_trainer);
  emscripten::function("load_trainer", &load_trainer);
}
