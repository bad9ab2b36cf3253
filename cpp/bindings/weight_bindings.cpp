// One layer's weights by Keras's names and shapes (core/keras_weights.hpp), read and set: what
// the model-file readers and writers (web/src/engine/model-files/) use. A weight crosses as
// {name, shape: number[], data: Float64Array} with data in C order over Keras's shape.
#include <emscripten/bind.h>

#include "bindings/trainer_handle.hpp"
#include "core/keras_weights.hpp"

namespace neurostep::js {
namespace {

val tensor_value(const KerasTensor& k) {
  val out = val::object();
  out.set("name", k.name);
  const std::vector<double> shape(k.shape.begin(), k.shape.end());
  out.set("shape", number_array(shape.data(), shape.size()));
  out.set("data", float64_array(k.data.data(), k.data.size()));
  return out;
}

// The wrapper's array of {name, shape, data} (checked to be of those types there); sizes here.
std::vector<KerasTensor> tensors_from_js(const val& list, const std::string& at) {
  if (!list.isArray()) fail_with("js.weights_not_array", "{layer}: weights must be an array", {arg("layer", at)});
  std::vector<KerasTensor> out;
  const long n = to_integer(length_of(list), at + ": number of weights", 0, 64);
  for (long g = 0; g < n; ++g) {
    const val item = list[static_cast<int>(g)];
    if (!(has_properties(item) && item["name"].isString()))
      fail_with("js.weight_no_name", "{layer}: weight {index} has no name", {arg("layer", at), arg("index", g)});
    KerasTensor k;
    k.name = item["name"].as<std::string>();
    const std::string what = at + ": weight \"" + k.name + "\"";
    const val shape = item["shape"];
    if (!shape.isArray())
      fail_with("js.weight_shape", "{layer}: weight \"{name}\": shape must be an array of sizes", {arg("layer", at), arg("name", k.name)});
    const long dims = to_integer(length_of(shape), what + ": number of dimensions", 0, 8);
    double count = 1;
    for (long d = 0; d < dims; ++d) {
      k.shape.push_back(to_integer(number_of(shape[static_cast<int>(d)]), what + ": shape[" + std::to_string(d) + "]", 0,
                                   limits::max_units));
      count *= static_cast<double>(k.shape.back());
    }
    const double length = length_of(item["data"]);
    if (length != count) {
      const std::vector<MessageArg> args = {arg("layer", at), arg("name", k.name), arg("length", exact(length)), arg("count", exact(count))};
      if (std::isnan(length)) fail_with("js.weight_data_not_array", "{layer}: weight \"{name}\": data is not an array but its shape holds {count}", args);
      fail_with("js.weight_data", "{layer}: weight \"{name}\": data has {length} values but its shape holds {count}", args);
    }
    k.data.resize(static_cast<std::size_t>(count));
    copy_from_js(item["data"], k.data.data(), k.data.size());
    out.push_back(std::move(k));
  }
  return out;
}

val layer_weights(const TrainerHandle& h, double l) {
  return h.visit([&](const auto& t) {
    val out = val::array();
    for (const KerasTensor& k : keras_layer_weights(t, to_int(l, "layer"))) out.call<void>("push", tensor_value(k));
    return out;
  });
}

val set_layer_weights(TrainerHandle& h, double l, const val& weights) {
  return h.visit([&](auto& t) {
    const int layer = to_int(l, "layer", 0, t.network().depth() - 1);
    set_layer_weights(t, layer, tensors_from_js(weights, layer_label(layer)));
    return val::undefined();
  });
}

}  // namespace
}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_weights) {
  emscripten::function("trainer_layer_weights", &neurostep::js::layer_weights);
  emscripten::function("trainer_set_layer_weights", &neurostep::js::set_layer_weights);
}
