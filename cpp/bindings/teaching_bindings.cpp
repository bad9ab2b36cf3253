// What the step-through view reads of a trainer: a layer's values as the derivation names them,
// the loss phase, and the whole view of one teaching step (core/teaching_step.hpp) in one call:
// the batch's phases, how many are done, and each layer's values with what is not computed yet
// set to null, f'(z) included. Also the catalogue (core/catalogue.hpp), which the page's
// controls and teaching text read.
#include <emscripten/bind.h>

#include "bindings/layer_values.hpp"
#include "bindings/trainer_handle.hpp"
#include "core/catalogue.hpp"
#include "core/teaching_step.hpp"

namespace neurostep::js {
namespace {

// A vector as a rows x 1 Mat.
template <typename S>
val column(const Vector<S>& v) {
  return mat(v.data(), v.size(), 1);
}

template <typename S>
val slots(const Trainer<S>& t, int l) {  // {m: {W, b}, v: {W, b}, ...} for Adam, and so on
  const DenseLayer<S>& L = t.layer(l);
  const std::vector<std::string> names = t.optimizer_slot_names();
  val out = val::object();
  for (std::size_t i = 0; i < names.size(); ++i) {
    val slot = val::object();
    slot.set("W", mat(t.optimizer_slots(l, 0)[i].data(), L.W.rows(), L.W.cols()));
    slot.set("b", mat(t.optimizer_slots(l, 1)[i].data(), L.b.size(), 1));
    out.set(names[i], slot);
  }
  return out;
}

// Layer l's values after the phases done so far: null for what they have not computed.
// A layer of another kind than Dense: every value by name (layer_values.hpp), with `done`.
template <typename S>
val layer_view(const Trainer<S>& t, int l, const LayerProgress& done) {
  if (t.at(l).kind() != LayerKind::dense) {
    val out = any_layer_view(t, l);
    val computed = val::object();  // which phases of this batch have run on it
    computed.set("forward", done.forward);
    computed.set("backward", done.backward);
    computed.set("update", done.update);
    out.set("done", computed);
    return out;
  }
  const auto& L = t.layer(l);
  const auto when = [](bool computed, val v) { return computed ? v : val::null(); };
  val out = val::object();
  out.set("name", L.config.name);
  out.set("units", L.units());
  out.set("inputs", L.inputs());
  out.set("activation", name_of(L.config.activation));
  out.set("useBias", L.config.use_bias);
  out.set("l1", L.config.l1);
  out.set("l2", L.config.l2);
  out.set("W", mat(L.W));
  out.set("b", column(L.b));
  out.set("aPrev", when(done.forward, mat(L.a_prev)));
  out.set("z", when(done.forward, mat(L.z)));
  out.set("a", when(done.forward, mat(L.a)));
  out.set("fPrime", when(done.forward, mat(activation_slope(L.config.activation, L.z, L.a))));
  out.set("dA", when(done.backward, mat(L.dA)));
  out.set("dZ", when(done.backward, mat(L.dZ)));
  out.set("dW", when(done.backward, mat(L.dW)));
  out.set("db", when(done.backward, column(L.db)));
  out.set("dAPrev", when(done.backward, mat(L.dA_prev)));
  out.set("deltaW", when(done.update, mat(L.delta_W)));
  out.set("deltaB", when(done.update, column(L.delta_b)));
  out.set("slots", slots(t, l));
  val scalars = val::null();
  if (done.update) {
    const StepScalars step = t.last_step_scalars();
    scalars = val::object();
    scalars.set("t", static_cast<double>(step.t));
    scalars.set("alpha", step.alpha);
  }
  out.set("stepScalars", scalars);
  return out;
}

template <typename S>
val loss_view(const Trainer<S>& t) {
  const auto& r = t.last_loss();
  val out = val::object();
  out.set("loss", name_of(t.network().loss()));
  out.set("batchLoss", static_cast<double>(r.batch_loss));
  out.set("perSample", number_array(r.per_sample.data(), static_cast<std::size_t>(r.per_sample.size())));
  out.set("dA", mat(r.dA));
  out.set("dZ", r.dz_from_logits ? mat(r.dZ) : val::null());
  out.set("dzFromLogits", r.dz_from_logits);
  return out;
}

val catalogue_text() {
  return guarded([] { return val(catalogue().dump()); });
}

}  // namespace

// Layer l (0-based) as the derivation names its values, for the current batch: every value,
// whichever phase computed it last (those of the previous batch before this one's phase).
val TrainerHandle::layer_trace(double layer) const {
  return visit([&](const auto& t) {
    const int l = to_int(layer, "layer");
    return layer_view(t, l, LayerProgress{true, true, true});  // layer_view checks l
  });
}

// Dense layer l's terms W(j, i) * a_prev(i, s) for sample s (units x inputs): the products its
// z sums (core/teaching_step.hpp forward_terms).
val TrainerHandle::forward_terms(double layer, double sample) const {
  return visit([&](const auto& t) {
    return mat(neurostep::forward_terms(t.layer(to_int(layer, "layer")), to_int(sample, "sample", 0)));
  });
}

val TrainerHandle::loss_trace() const {
  return visit([](const auto& t) {
    val out = loss_view(t);
    out.set("inputs", mat(t.batch_x()));
    out.set("targets", mat(t.batch_y()));
    return out;
  });
}

// The whole view of the step under way, `done` phases into its batch: {phases, index, total, phase (the last done; kind
// "start" before the first), layers (layer_view), loss (null before the loss phase)}.
val TrainerHandle::teaching_step(double done) const {
  return visit([&](const auto& t) {
    const StepProgress progress = step_progress(t, to_int(done, "phases done", 0));
    val phases = val::array();
    for (const Phase& p : progress.phases) phases.call<void>("push", phase_value(p));
    val layers = val::array();
    for (int l = 0; l < t.network().depth(); ++l)
      layers.call<void>("push", layer_view(t, l, progress.layers[static_cast<std::size_t>(l)]));
    val out = val::object();
    out.set("phases", phases);
    out.set("index", progress.done);
    out.set("total", static_cast<int>(progress.phases.size()));
    val last = val::object();
    last.set("kind", std::string("start"));
    last.set("layer", val::null());
    out.set("phase", progress.done > 0 ? phase_value(progress.phases[static_cast<std::size_t>(progress.done - 1)]) : last);
    out.set("layers", layers);
    out.set("loss", progress.loss ? loss_view(t) : val::null());
    return out;
  });
}

}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_teaching) {
  emscripten::function("catalogue", &neurostep::js::catalogue_text);
}
