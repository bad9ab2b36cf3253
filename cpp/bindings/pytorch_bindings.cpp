// A trainer's model as a runnable PyTorch script (core/pytorch_export.hpp): the layers, loss and
// optimizer as the trainer holds them now, the given dataset, and optionally the current weights
// (exact in float64). A free function of a TrainerHandle, as layer_bindings.cpp's are.
#include <emscripten/bind.h>

#include <type_traits>

#include "bindings/trainer_handle.hpp"
#include "core/pytorch_export.hpp"

namespace neurostep::js {
namespace {

val export_pytorch(const TrainerHandle& h, const val& dataset, double epochs, double batch_size, bool shuffle,
                   bool include_weights, const std::string& csv_file_name, double inline_limit) {
  return h.visit([&](const auto& t) {
    PyTorchExportOptions o;
    o.epochs = to_int(epochs, "epochs", 0, static_cast<int>(limits::max_epochs_per_call));
    o.batch_size = to_int(batch_size, "batch size", 1, limits::max_batch_size);
    o.shuffle = shuffle;
    o.include_weights = include_weights;
    o.float64 = std::is_same_v<scalar_t<decltype(t)>, double>;
    o.csv_file_name = csv_file_name;
    o.inline_limit = to_integer(inline_limit, "inline limit", 0, limits::max_samples);
    const Dataset data = dataset_from_js(dataset, "export data");
    ModelSpec spec = t.network().spec();
    spec.optimizer = t.optimizer();  // the learning rate may have changed since the trainer was made
    const std::vector<LayerWeights> weights = t.network().weights();
    return val(export_pytorch_script(spec, data, o, include_weights ? &weights : nullptr));
  });
}

}  // namespace
}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_pytorch) {
  emscripten::function("trainer_export_pytorch", &neurostep::js::export_pytorch);
}
