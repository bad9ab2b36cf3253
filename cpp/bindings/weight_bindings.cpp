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
  require(list.isArray(), at, ": weights must be an array");
  std::vector<KerasTensor> out;
  const long n = to_integer(length_of(list), at + ": number of weights", 0, 64);
  for (long g = 0; g < n; ++g) {
    const val item = list[static_cast<int>(g)];
    require(has_properties(item) && item["name"].isString(), at, ": weight ", g, " has no name");
    KerasTensor k;
    k.name = item["name"].as<std::string>();
    const std::string what = at + ": weight \"" + k.name + "\"";
    const val shape = item["shape"];
    require(shape.isArray(), what, ": shape must be an array of sizes");
    const long dims = to_integer(length_of(shape), what + ": number of dimensions", 0, 8);
    double count = 1;
    for (long d = 0; d < dims; ++d) {
      k.shape.push_back(to_integer(number_of(shape[static_cast<int>(d)]), what + ": shape[" + std::to_string(d) + "]", 0,
                                   limits::max_units));
      count *= static_cast<double>(k.shape.back());
    }
    const double length = length_of(item["data"]);
    require(length == count, what, ": data ", length_text(length), " but its shape holds ", exact(count));
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
