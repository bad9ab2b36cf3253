// The trainer's methods: configuration, stepping, reading its state, weights and prediction; and
// the registration of every method of the handle (trainer_handle.hpp says where each is defined).
#include <emscripten/bind.h>

#include "bindings/trainer_handle.hpp"
#include "core/work_limits.hpp"
#include "core/gradient_check.hpp"

namespace neurostep::js {

namespace {

val checks_to_js(const std::vector<LayerGradientCheck>& checks) {
  val out = val::array();
  for (const LayerGradientCheck& c : checks) {
    val layer = val::object();
    layer.set("maxRelativeError", c.max_relative_error);
    layer.set("backpropDW", mat(c.backprop_dW));
    layer.set("numericDW", mat(c.numeric_dW));
    layer.set("backpropDb", mat(c.backprop_db));
    layer.set("numericDb", mat(c.numeric_db));
    out.call<void>("push", layer);
  }
  return out;
}

// Inputs for predict and activations: rows * inputs numbers, sample by sample (the core checks
// that they are finite).
template <typename S>
Matrix<S> inputs_from_js(const val& x, double rows, int inputs, const char* what) {
  const long n = to_integer(rows, std::string(what) + ": rows", 0, limits::max_predict_rows);
  const long long needed = static_cast<long long>(n) * inputs;
  const double length = length_of(x);
  if (length != static_cast<double>(needed)) {
    const std::vector<MessageArg> args = {arg("what", what), arg("length", exact(length)), arg("rows", n), arg("inputs", inputs), arg("needed", needed)};
    if (std::isnan(length)) fail_with("js.x_not_array", "{what}: x is not an array but rows x inputs = {rows} x {inputs} = {needed}", args);
    fail_with("js.x_length", "{what}: x has {length} values but rows x inputs = {rows} x {inputs} = {needed}", args);
  }
  Matrix<S> X(inputs, n);
  copy_from_js(x, X.data(), static_cast<std::size_t>(X.size()));
  return X;
}

}  // namespace

val TrainerHandle::precision() const {
  return val(std::string(std::holds_alternative<Trainer<float>>(trainer_) ? "float32" : "float64"));
}

// A complete checkpoint: a Trainer is a value.
val TrainerHandle::clone() const {
  return guarded([&] { return val(TrainerHandle(*this)); });
}

// ---- configuration ------------------------------------------------------------------------------

val TrainerHandle::set_data(const val& train, const val& test) {
  return visit([&](auto& t) {
    using S = scalar_t<decltype(t)>;
    const Dataset train_data = dataset_from_js(train, "training data");
    const Dataset test_data = has_properties(test) ? dataset_from_js(test, "test data") : Dataset{};
    // What one step on the new data costs, and the evaluation of the test rows after each epoch.
    const WorkShape w = work_shape(t.network().spec());
    check_training_work(w, rows_per_step(t.batch_size(), train_data.size()), sizeof(S), "training data");
    check_predict_work(w, test_data.size(), sizeof(S), false, "test data");
    t.set_data(train_data, test_data);
    return val::undefined();
  });
}

val TrainerHandle::set_batch_size(double batch_size) {
  return visit([&](auto& t) {
    using S = scalar_t<decltype(t)>;
    const int b = to_int(batch_size, "batch size");
    if (b >= 1) check_training_work(work_shape(t.network().spec()), rows_per_step(b, t.train_size()), sizeof(S), "batch size " + std::to_string(b));
    t.set_batch_size(b);
    return val::undefined();
  });
}

val TrainerHandle::set_shuffle(bool shuffle) {
  return visit([&](auto& t) {
    t.set_shuffle(shuffle);
    return val::undefined();
  });
}

val TrainerHandle::set_learning_rate(double learning_rate) {
  return visit([&](auto& t) {
    t.set_learning_rate(learning_rate);
    return val::undefined();
  });
}

val TrainerHandle::reset(double seed) {
  return visit([&](auto& t) {
    t.reset(to_seed(seed));
    return val::undefined();
  });
}

// ---- stepping -----------------------------------------------------------------------------------

val TrainerHandle::step_phase() {
  return visit([](auto& t) {
    t.step_phase();
    return val::undefined();
  });
}

val TrainerHandle::step_batch() {
  return visit([](auto& t) {
    t.step_batch();
    return val::undefined();
  });
}

val TrainerHandle::step_epoch() {
  return visit([](auto& t) { return val(t.step_epoch()); });
}

val TrainerHandle::train_epochs(double epochs) {
  return visit([&](auto& t) {
    const long n = to_integer(epochs, "epochs", 0, limits::max_epochs_per_call);
    return val(static_cast<double>(t.train_epochs(n)));
  });
}

// ---- reading ------------------------------------------------------------------------------------

val TrainerHandle::state() const {
  return visit([](const auto& t) {
    val out = val::object();
    out.set("epoch", static_cast<double>(t.epoch()));
    out.set("epochsTrained", static_cast<double>(t.epochs_trained()));
    out.set("batchInEpoch", static_cast<double>(t.batch_in_epoch()));
    out.set("batchesPerEpoch", static_cast<double>(t.batches_per_epoch()));
    out.set("phaseIndex", t.phase_index());
    out.set("phasesPerBatch", t.phases_per_batch());
    out.set("iterations", static_cast<double>(t.iterations()));
    out.set("nextPhase", phase_value(t.next_phase()));
    out.set("lastPhase", phase_value(t.last_phase()));
    out.set("diverged", t.diverged());
    out.set("batchIndices", number_array(t.batch_indices().data(), t.batch_indices().size()));
    out.set("batchSize", t.batch_size());
    out.set("shuffle", t.shuffle());
    out.set("seed", static_cast<double>(t.seed()));
    out.set("trainSize", static_cast<double>(t.train_size()));
    out.set("testSize", static_cast<double>(t.test_size()));
    return out;
  });
}

// Packed as 5 numbers per epoch (epoch, loss, accuracy, val_loss, val_accuracy; NaN without test
// data): one copy, however long the history. The wrapper unpacks it.
val TrainerHandle::history() const {
  return visit([](const auto& t) {
    std::vector<double> packed;
    packed.reserve(5 * t.history().size());
    for (const EpochRecord& r : t.history())
      packed.insert(packed.end(), {static_cast<double>(r.epoch), r.loss, r.accuracy, r.val_loss, r.val_accuracy});
    return float64_array(packed.data(), packed.size());
  });
}

// The batch it checks is the core's choice (gradient_check.hpp); this trainer is left as it was.
val TrainerHandle::gradient_check() const {
  return visit([](const auto& t) { return checks_to_js(neurostep::gradient_check(t)); });
}

// ---- weights ------------------------------------------------------------------------------------

val TrainerHandle::weights() const {
  return visit([](const auto& t) {
    val out = val::array();
    for (const LayerWeights& w : t.network().weights()) {
      val layer = val::object();
      layer.set("W", mat(w.W));
      layer.set("b", mat(w.b));
      out.call<void>("push", layer);
    }
    return out;
  });
}

// layers: [{W: Mat, b: Mat}], W units x inputs, b units x 1.
val TrainerHandle::set_weights(const val& layers) {
  return visit([&](auto& t) {
    const double count = length_of(layers);
    if (count != t.network().depth())
      fail_with("weights.layer_count", "expected weights for {layers} layers, got {count}", {arg("layers", t.network().depth()), arg("count", count)});
    std::vector<LayerWeights> w(static_cast<std::size_t>(count));
    for (std::size_t l = 0; l < w.size(); ++l) {
      const std::string what = "layer " + std::to_string(l + 1);
      if (!has_properties(layers[l])) fail_with("js.layer_weights_missing", "{layer}: weights are missing", {arg("layer", what)});
      w[l].W = mat_from_js(layers[l]["W"], what + " W");
      const Eigen::MatrixXd b = mat_from_js(layers[l]["b"], what + " b");
      if (!(b.cols() == 1 || b.size() == 0))
        fail_with("js.bias_column", "{layer}: b must be a column (units x 1), got {rows} x {cols}", {arg("layer", what), arg("rows", b.rows()), arg("cols", b.cols())});
      w[l].b = b;
    }
    t.set_weights(w);
    return val::undefined();
  });
}

val TrainerHandle::set_weight(double layer, double unit, double input, double value) {
  return visit([&](auto& t) {
    t.set_weight(to_int(layer, "layer"), to_int(unit, "unit"), to_int(input, "input"), value);
    return val::undefined();
  });
}

val TrainerHandle::set_bias(double layer, double unit, double value) {
  return visit([&](auto& t) {
    t.set_bias(to_int(layer, "layer"), to_int(unit, "unit"), value);
    return val::undefined();
  });
}

// ---- using the model ----------------------------------------------------------------------------

// x: rows * inputs numbers, sample by sample. Returns outputs x rows.
val TrainerHandle::predict(const val& x, double rows) const {
  return visit([&](const auto& t) {
    using S = scalar_t<decltype(t)>;
    check_predict_work(work_shape(t.network().spec()), to_integer(rows, "predict: rows", 0, limits::max_predict_rows), sizeof(S), false, "predict");
    return mat(t.predict(inputs_from_js<S>(x, rows, t.network().input_dim(), "predict")));
  });
}

// Every layer's activations for x, one units x rows Mat per layer (the trainer's view of the
// current batch is untouched).
val TrainerHandle::activations(const val& x, double rows) const {
  return visit([&](const auto& t) {
    using S = scalar_t<decltype(t)>;
    check_predict_work(work_shape(t.network().spec()), to_integer(rows, "activations: rows", 0, limits::max_predict_rows), sizeof(S), true, "activations");
    val out = val::array();
    for (const Matrix<S>& a : t.layer_outputs(inputs_from_js<S>(x, rows, t.network().input_dim(), "activations")))
      out.call<void>("push", mat(a));
    return out;
  });
}

val TrainerHandle::evaluate(const val& dataset) const {
  return visit([&](const auto& t) {
    using S = scalar_t<decltype(t)>;
    const Dataset d = dataset_from_js(dataset, "evaluation data");
    check_predict_work(work_shape(t.network().spec()), d.size(), sizeof(S), false, "evaluation data");
    const Evaluation e = t.evaluate(d);
    val out = val::object();
    out.set("loss", e.loss);
    out.set("accuracy", e.accuracy);
    return out;
  });
}

}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_trainer) {
  using neurostep::js::TrainerHandle;
  emscripten::class_<TrainerHandle>("TrainerHandle")
      .function("precision", &TrainerHandle::precision)
      .function("clone", &TrainerHandle::clone)
      .function("set_data", &TrainerHandle::set_data)
      .function("set_batch_size", &TrainerHandle::set_batch_size)
      .function("set_shuffle", &TrainerHandle::set_shuffle)
      .function("set_learning_rate", &TrainerHandle::set_learning_rate)
      .function("reset", &TrainerHandle::reset)
      .function("step_phase", &TrainerHandle::step_phase)
      .function("step_batch", &TrainerHandle::step_batch)
      .function("step_epoch", &TrainerHandle::step_epoch)
      .function("train_epochs", &TrainerHandle::train_epochs)
      .function("state", &TrainerHandle::state)
      .function("layer_trace", &TrainerHandle::layer_trace)
      .function("loss_trace", &TrainerHandle::loss_trace)
      .function("teaching_step", &TrainerHandle::teaching_step)
      .function("forward_terms", &TrainerHandle::forward_terms)
      .function("spec", &TrainerHandle::spec)
      .function("to_json", &TrainerHandle::to_json)
      .function("optimizer_state_savable", &TrainerHandle::optimizer_state_savable)
      .function("set_optimizer", &TrainerHandle::set_optimizer)
      .function("export_keras", &TrainerHandle::export_keras)
      .function("history", &TrainerHandle::history)
      .function("gradient_check", &TrainerHandle::gradient_check)
      .function("weights", &TrainerHandle::weights)
      .function("set_weights", &TrainerHandle::set_weights)
      .function("set_weight", &TrainerHandle::set_weight)
      .function("set_bias", &TrainerHandle::set_bias)
      .function("predict", &TrainerHandle::predict)
      .function("activations", &TrainerHandle::activations)
      .function("evaluate", &TrainerHandle::evaluate);
}
