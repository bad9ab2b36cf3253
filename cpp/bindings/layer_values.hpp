#pragma once
// Any layer of a trainer's network as JavaScript reads it (core/layer.hpp): its kind, Keras
// class, name, widths and arguments (the spec JSON of the layer), each of its weights by Keras's
// name (kernel, bias, gamma, beta, moving_mean, moving_variance, alpha) with its gradient, last
// update and optimizer slots, and every intermediate of its last forward and backward pass by
// the derivation's name (a_prev, z, a, mask, batch_mean, x_hat, dA, dA_prev, ...).
//   {index, kind: "batch_normalization", className: "BatchNormalization", name, inputs, units,
//    config: {...}, params: [{name, trainable, used, value: Mat, gradient: Mat | null,
//    delta: Mat | null, slots: {m: Mat, v: Mat} | null}], values: {a_prev: Mat, ...}}
#include <string>

#include "bindings/trainer_handle.hpp"
#include "core/spec_json.hpp"

namespace neurostep::js {

template <typename S>
val any_layer_view(const Trainer<S>& t, int l) {
  const Layer<S>& L = t.at(l);  // checks l
  const LayerConfig& c = L.config();
  val out = val::object();
  out.set("index", l);
  out.set("kind", std::string(info(c.kind).base_name));
  out.set("className", class_name_of(c.kind));
  out.set("name", c.name);
  out.set("inputs", L.inputs());
  out.set("units", L.units());
  out.set("config", val::global("JSON").call<val>("parse", spec_json_detail::layer_json(c).dump()));
  const std::vector<std::string> slot_names = t.optimizer_slot_names();
  val params = val::array();
  int trained = 0;
  for (const ParamRef<const S>& p : L.params()) {
    val param = val::object();
    param.set("name", std::string(p.name));
    param.set("trainable", p.trainable);
    param.set("used", p.used);
    param.set("value", mat(p.value, p.rows, p.cols));
    param.set("gradient", p.grad ? mat(p.grad, p.rows, p.cols) : val::null());
    param.set("delta", p.delta ? mat(p.delta, p.rows, p.cols) : val::null());
    val slots = val::null();
    if (p.trainable) {
      slots = val::object();
      const auto& s = t.optimizer_slots(l, trained++);
      for (std::size_t k = 0; k < slot_names.size(); ++k) slots.set(slot_names[k], mat(s[k].data(), p.rows, p.cols));
    }
    param.set("slots", slots);
    params.call<void>("push", param);
  }
  out.set("params", params);
  val values = val::object();
  for (const Inspected<S>& v : L.inspect()) values.set(v.name, mat(v.data, v.rows, v.cols));
  out.set("values", values);
  return out;
}

}  // namespace neurostep::js
