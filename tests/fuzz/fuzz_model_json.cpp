// libFuzzer target: the three JSON readers on arbitrary text, spec_from_json (the page's model
// spec), load_model (NeuroStep's model file, and the two forms it also takes) and
// spec_from_keras_json (Keras's model.to_json()). A neurostep::Error is the expected answer to
// bad text. What a reader accepts must also work: its writer's text reads back as the same
// model, and a loaded model makes a trainer (or says clearly why not) whose saved file loads
// back with the very same weights.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>

#include "core/keras_json.hpp"
#include "core/model_file.hpp"
#include "core/spec_json.hpp"

namespace {

using namespace neurostep;

[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "fuzz_model_json: %s\n", what.c_str());
  std::abort();
}

// Bit for bit (NaN equals NaN); empty Eigen objects have no data pointer to give memcmp.
bool same_bytes(const void* a, const void* b, std::size_t n) { return n == 0 || std::memcmp(a, b, n) == 0; }

bool same_layers(const ModelSpec& a, const ModelSpec& b) {
  if (a.input_dim != b.input_dim || a.layers.size() != b.layers.size()) return false;
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    const LayerConfig &x = a.layers[i], &y = b.layers[i];
    if (x.units != y.units || x.activation != y.activation || x.use_bias != y.use_bias ||
        x.kernel_initializer != y.kernel_initializer || x.bias_initializer != y.bias_initializer ||
        x.l1 != y.l1 || x.l2 != y.l2)
      return false;
  }
  return true;
}

bool same_compile(const ModelSpec& a, const ModelSpec& b) {
  const OptimizerConfig &x = a.optimizer, &y = b.optimizer;
  return a.loss == b.loss && x.kind == y.kind && x.learning_rate == y.learning_rate &&
         x.momentum == y.momentum && x.nesterov == y.nesterov && x.beta_1 == y.beta_1 &&
         x.beta_2 == y.beta_2 && x.amsgrad == y.amsgrad && x.rho == y.rho &&
         x.initial_accumulator_value == y.initial_accumulator_value && x.epsilon == y.epsilon;
}

bool same_names(const ModelSpec& a, const ModelSpec& b) {
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    if (a.layers[i].name != b.layers[i].name) return false;
  return true;
}

// Every weight of every layer kind (Dense's kernel and bias, BatchNormalization's four vectors,
// PReLU's alpha, ...), byte for byte.
template <typename S>
bool same_weights(const Trainer<S>& a, const Trainer<S>& b) {
  for (int l = 0; l < a.network().depth(); ++l) {
    const auto x = a.network().at(l).params(), y = b.network().at(l).params();
    if (x.size() != y.size()) return false;
    for (std::size_t k = 0; k < x.size(); ++k)
      if (x[k].size() != y[k].size() || !same_bytes(x[k].value, y[k].value, sizeof(S) * x[k].size())) return false;
  }
  return true;
}

// The optimizer's slots of every trained weight (the moving statistics have none).
template <typename S>
bool same_optimizer_state(const Trainer<S>& a, const Trainer<S>& b) {
  if (a.iterations() != b.iterations()) return false;
  for (int l = 0; l < a.network().depth(); ++l) {
    const int trained_count = static_cast<int>(trained(a.network().at(l).params()).size());
    for (int param = 0; param < trained_count; ++param) {
      const auto &x = a.optimizer_slots(l, param), &y = b.optimizer_slots(l, param);
      if (x.size() != y.size()) return false;
      for (std::size_t k = 0; k < x.size(); ++k)
        if (x[k].size() != y[k].size() || !same_bytes(x[k].data(), y[k].data(), sizeof(S) * x[k].size())) return false;
    }
  }
  return true;
}

// What spec_from_json accepts, spec_to_json writes so that it reads back the same.
void spec_form(const std::string& text) {
  ModelSpec spec;
  try {
    spec = spec_from_json(text);
  } catch (const Error&) {
    return;
  }
  validate(spec);
  ModelSpec again;
  try {
    again = spec_from_json(spec_to_json(spec).dump());
  } catch (const Error& e) {
    broken(std::string("spec_from_json refused spec_to_json's text: ") + e.what());
  }
  if (!same_layers(spec, again) || !same_compile(spec, again) || !same_names(spec, again))
    broken("spec_to_json/spec_from_json changed the spec of:\n" + text);
}

// What spec_from_keras_json accepts, keras_model_json writes so that it reads back the same
// network (to_json() holds no loss or optimizer).
void keras_form(const std::string& text) {
  ModelSpec spec;
  try {
    spec = spec_from_keras_json(text);
  } catch (const Error&) {
    return;
  }
  validate(spec);
  ModelSpec again;
  try {
    again = spec_from_keras_json(keras_model_json(spec).dump());
  } catch (const Error& e) {
    broken(std::string("spec_from_keras_json refused keras_model_json's text: ") + e.what());
  }
  if (!same_layers(spec, again) || !same_names(spec, again))
    broken("keras_model_json/spec_from_keras_json changed the network of:\n" + text);
}

// A loaded model makes a trainer; the trainer's file loads back with the same weights.
template <typename S>
void trainer_from(const LoadedModel& m) {
  Trainer<S> t = [&] {
    try {
      return make_trainer<S>(m);
    } catch (const Error&) {
      // Weights (or optimizer slots) a float32 trainer cannot hold are the one reason a loaded
      // model may be refused.
      if (!std::is_same_v<S, float>) throw;
      return Trainer<S>(m.spec, m.seed);
    }
  }();
  const std::string text = save_model(t);
  LoadedModel back;
  try {
    back = load_model(text);
  } catch (const Error& e) {
    broken(std::string("load_model refused save_model's text: ") + e.what() + "\n" + text);
  }
  if (!same_layers(m.spec, back.spec) || !same_compile(m.spec, back.spec))
    broken("save_model/load_model changed the model:\n" + text);
  const Trainer<S> t2 = make_trainer<S>(back);
  if (!same_weights(t, t2)) broken("save_model/load_model changed the weights:\n" + text);
  if (!same_optimizer_state(t, t2)) broken("save_model/load_model changed the optimizer's state:\n" + text);
}

void model_file_form(const std::string& text) {
  LoadedModel m;
  try {
    m = load_model(text);
  } catch (const Error&) {
    return;
  }
  validate(m.spec);
  try {
    trainer_from<float>(m);
    trainer_from<double>(m);
  } catch (const Error& e) {
    broken(std::string("a loaded model did not make a trainer: ") + e.what() + "\n" + text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  spec_form(text);
  keras_form(text);
  model_file_form(text);
  return 0;
}
