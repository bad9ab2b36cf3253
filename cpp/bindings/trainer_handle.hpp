#pragma once
// The one trainer type JavaScript sees: a Trainer<float> or a Trainer<double>, chosen when it
// is created. Every method returns its result or an Error (see js_values.hpp); the wrapper
// gives them their JavaScript names and types. One calling style: everything JavaScript asks of
// a trainer is a method of this handle, registered in trainer_bindings.cpp and defined by
// concern: trainer_bindings.cpp (configuration, stepping, weights, prediction),
// teaching_bindings.cpp (what the step-through view reads), model_io_bindings.cpp (the spec,
// the optimizer and the model file as JSON), export_bindings.cpp (the Keras script).
#include <variant>

#include "bindings/js_values.hpp"
#include "core/trainer.hpp"

namespace neurostep::js {

template <typename T>
struct scalar_of;
template <typename S>
struct scalar_of<Trainer<S>> {
  using type = S;
};
// The scalar type of the trainer a generic lambda was handed.
template <typename T>
using scalar_t = typename scalar_of<std::decay_t<T>>::type;

inline const char* kind_name(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::forward: return "forward";
    case PhaseKind::loss: return "loss";
    case PhaseKind::backward: return "backward";
    case PhaseKind::update: return "update";
    case PhaseKind::none: break;
  }
  return "none";
}

// {kind, layer}; layer is 0-based, null for the loss and for none.
inline val phase_value(Phase p) {
  val out = val::object();
  out.set("kind", std::string(kind_name(p.kind)));
  out.set("layer", p.layer >= 0 ? val(p.layer) : val::null());
  return out;
}

class TrainerHandle {
 public:
  template <typename S>
  explicit TrainerHandle(Trainer<S> trainer) : trainer_(std::move(trainer)) {}

  // Runs body(trainer) on the Trainer<float> or Trainer<double>, guarded.
  template <typename Body>
  val visit(Body&& body) {
    return guarded([&] { return std::visit(body, trainer_); });
  }
  template <typename Body>
  val visit(Body&& body) const {
    return guarded([&] { return std::visit(body, trainer_); });
  }

  val precision() const;
  val clone() const;

  // Configuration
  val set_data(const val& train, const val& test);
  val set_batch_size(double batch_size);
  val set_shuffle(bool shuffle);
  val set_learning_rate(double learning_rate);
  val reset(double seed);

  // Stepping
  val step_phase();
  val step_batch();
  val step_epoch();
  val train_epochs(double epochs);

  // Reading
  val state() const;
  val history() const;
  val gradient_check() const;

  // The step-through view (teaching_bindings.cpp)
  val layer_trace(double layer) const;
  val loss_trace() const;
  val teaching_step(double done) const;
  val forward_terms(double layer, double sample) const;

  // JSON and files (model_io_bindings.cpp, export_bindings.cpp)
  val spec() const;
  val to_json() const;
  val optimizer_state_savable() const;  // false: to_json leaves the state out (it is not finite)
  val set_optimizer(const std::string& optimizer_json);
  val export_keras(const val& dataset, double epochs, double batch_size, double validation_split,
                   bool shuffle, bool include_weights, const std::string& csv_file_name,
                   double inline_limit) const;

  // Weights
  val weights() const;
  val set_weights(const val& layers);
  val set_weight(double layer, double unit, double input, double value);
  val set_bias(double layer, double unit, double value);

  // Using the model
  val predict(const val& x, double rows) const;
  val activations(const val& x, double rows) const;
  val evaluate(const val& dataset) const;

 private:
  std::variant<Trainer<float>, Trainer<double>> trainer_;
};

}  // namespace neurostep::js
