// A trainer's model as a runnable Keras script (core/keras_export.hpp): the layers, compile
// arguments and optimizer as the trainer holds them now, the given dataset, and optionally the
// trained weights. The wrapper hands over numbers, booleans and a string only.
#include "bindings/trainer_handle.hpp"
#include "core/keras_export.hpp"

namespace neurostep::js {

val TrainerHandle::export_keras(const val& dataset, double epochs, double batch_size,
                                double validation_split, bool shuffle, bool include_weights,
                                const std::string& csv_file_name, double inline_limit) const {
  return visit([&](const auto& t) {
    KerasExportOptions o;
    o.epochs = to_int(epochs, "epochs", 1, static_cast<int>(limits::max_epochs_per_call));
    o.batch_size = to_int(batch_size, "batch size", 1, limits::max_batch_size);
    o.validation_split = validation_split;  // the core checks [0, 1)
    o.shuffle = shuffle;
    o.include_weights = include_weights;
    o.csv_file_name = csv_file_name;
    o.inline_limit = to_integer(inline_limit, "inline limit", 0, limits::max_samples);
    const Dataset data = dataset_from_js(dataset, "export data");
    ModelSpec spec = t.network().spec();
    spec.optimizer = t.optimizer();  // the learning rate may have changed since the trainer was made
    const std::vector<LayerWeights> weights = t.network().weights();
    return val(export_keras_script(spec, data, o, include_weights ? &weights : nullptr));
  });
}

}  // namespace neurostep::js
