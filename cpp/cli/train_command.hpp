#pragma once
// `neurostep train`: a model (a NeuroStep model file, a Keras to_json() or a spec), data (a CSV
// file or a built-in dataset), then Keras-style fit() with one progress line per epoch, and
// the trained model and its history written out.
//
// The seed drives the initial weights (Trainer(spec, seed)), the train/test split
// (split_dataset(data, ratio, seed)) and the epochs' shuffles. With --test-ratio 0 there is no
// split at all: every row trains, in the order given, and the history has no val_ keys.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/training_data.hpp"
#include "core/model_file.hpp"
#include "core/split.hpp"

namespace neurostep::cli {

struct TrainSettings {
  long epochs = 1;  // Keras's fit() default
  int batch_size = 32;
  std::uint32_t seed = 42;
  std::string precision = "float32";
  std::string out_path, history_path;
  int max_progress_lines = 50;  // plus the last epoch
};

// One line per epoch: "epoch 12/100  loss 0.123456  accuracy 0.9500  test loss ...".
inline std::string progress_line(const EpochRecord& r, long total, bool with_test) {
  char line[200];
  int n = std::snprintf(line, sizeof line, "epoch %ld/%ld  loss %.6f  accuracy %.4f", r.epoch, total,
                        r.loss, r.accuracy);
  if (with_test)
    std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), "  test loss %.6f  test accuracy %.4f",
                  r.val_loss, r.val_accuracy);
  return line;
}

// Keras's History as JSON, one epoch a line. nlohmann writes the shortest text that reads back
// as the same double, so a reader gets the values bit for bit (a NaN loss is written null).
inline std::string history_json(const std::vector<EpochRecord>& history, bool with_test) {
  std::string out = "[";
  for (std::size_t i = 0; i < history.size(); ++i) {
    const EpochRecord& r = history[i];
    OrderedJson record;
    record["epoch"] = r.epoch;
    record["loss"] = r.loss;
    record["accuracy"] = r.accuracy;
    if (with_test) {
      record["val_loss"] = r.val_loss;
      record["val_accuracy"] = r.val_accuracy;
    }
    out += (i ? ",\n  " : "\n  ") + record.dump();
  }
  return out + "\n]\n";
}

// "8 -> 10 relu -> 8 relu -> 1 sigmoid"; a layer of another kind by its Keras class ("Dropout").
inline std::string describe(const ModelSpec& spec) {
  std::string out = std::to_string(spec.input_dim);
  for (const auto& l : spec.layers)
    out += " -> " + (l.kind == LayerKind::dense ? std::to_string(l.units) + " " + name_of(l.activation) : class_name_of(l.kind));
  return out;
}

// Trains for settings.epochs, printing progress; returns the exit status (1: diverged).
template <typename S>
int fit(Trainer<S>& t, const TrainSettings& settings, std::ostream& out, const Preprocessing& preprocessing = {}) {
  const bool with_test = t.test_size() > 0;
  const long total = settings.epochs;
  const long every = std::max(1L, (total + settings.max_progress_lines - 1) / settings.max_progress_lines);
  bool diverged = false;
  for (long e = 1; e <= total && !diverged; ++e) {
    diverged = !t.step_epoch();
    if (!diverged && (e == 1 || e % every == 0 || e == total))
      out << progress_line(t.history().back(), total, with_test) << "\n";
  }
  if (!settings.history_path.empty())
    about(settings.history_path, [&] { write_file(settings.history_path, history_json(t.history(), with_test)); });
  if (diverged) {
    std::cerr << "neurostep: training diverged in epoch " << t.epoch() + 1 << " of " << total
              << ": the loss or a weight is no longer a finite number; try a smaller --learning-rate"
              << (settings.out_path.empty() ? "" : " (the model was not saved)") << "\n";
    return 1;
  }
  if (!settings.out_path.empty()) {
    about(settings.out_path, [&] { write_file(settings.out_path, save_model(t, preprocessing)); });
    out << "saved the trained model to " << settings.out_path << "\n";
    if (!savable_optimizer_state(t))
      std::cerr << "neurostep: note: the optimizer's state is no longer finite (a squared gradient overflowed) while the "
                   "weights are, so " << settings.out_path << " leaves it out: loaded again, the optimizer starts afresh\n";
  }
  return 0;
}

template <typename S>
int train_in(const LoadedModel& model, const TrainSettings& settings, const TrainingData& data) {
  const Dataset& train = data.train;
  const Dataset& test = data.test;
  Trainer<S> t = make_trainer<S>(model);
  t.set_data(train, test);
  const ModelSpec& spec = model.spec;
  std::cout << "model " << describe(spec) << ", loss " << name_of(spec.loss) << ", optimizer "
            << name_of(spec.optimizer.kind) << " (learning_rate " << spec.optimizer.learning_rate
            << "), " << parameter_count(spec) << " parameters\n"
            << "training on " << train.size() << " rows"
            << (test.size() ? ", testing on " + std::to_string(test.size()) + (data.source.empty() ? "" : " (" + data.source + ")") : "")
            << (model.preprocessing.active() ? ", inputs scaled (" + name_of(model.preprocessing.scaling) + ")" : "")
            << ", batch size " << t.batch_size() << ", seed " << t.seed() << ", " << settings.precision << "\n";
  return fit(t, settings, std::cout, model.preprocessing);
}

inline const std::vector<std::string>& train_options() {
  static const std::vector<std::string> options = {
      "--data", "--target", "--dataset", "--count", "--noise", "--data-seed", "--epochs", "--batch-size",
      "--test-ratio", "--seed", "--precision", "--loss", "--optimizer", "--learning-rate", "--out", "--history",
      "--delimiter", "--skip-lines", "--missing", "--scale"};
  return options;
}

inline int train_command(int argc, char** argv) {
  const Args args = parse_args(argc, argv, 2, "train", train_options());
  require(!args.positional.empty(), "train needs a MODEL.json (a model file, a Keras to_json() or a spec)");
  require(args.positional.size() == 1, "unexpected argument \"", args.positional[1], "\"");
  const std::string model_path = args.positional[0];
  const std::string model_text = read_file(model_path);
  LoadedModel model = about(model_path, [&] { return load_model(model_text); });

  // Compile settings given on the command line win over the file's.
  if (args.has("--loss")) model.spec.loss = about("--loss", [&] { return loss_from_name(args.get("--loss")); });
  if (args.has("--optimizer"))
    model.spec.optimizer = default_optimizer(about("--optimizer", [&] { return optimizer_from_name(args.get("--optimizer")); }));
  if (args.has("--learning-rate")) model.spec.optimizer.learning_rate = to_number(args.get("--learning-rate"), "--learning-rate");
  validate(model.spec);
  if (!model.compiled && !args.has("--loss"))
    std::cerr << "neurostep: note: " << model_path << " has no compile settings; training with loss "
              << name_of(model.spec.loss) << " and optimizer " << name_of(model.spec.optimizer.kind)
              << " (choose with --loss and --optimizer)\n";

  TrainSettings s;
  s.epochs = to_integer(args.get("--epochs", "1"), "--epochs", 0, limits::max_epochs_per_call);
  model.batch_size = static_cast<int>(
      to_integer(args.get("--batch-size", std::to_string(model.batch_size)), "--batch-size", 1, limits::max_batch_size));
  model.seed = static_cast<std::uint32_t>(to_integer(args.get("--seed", std::to_string(model.seed)), "--seed", 0, 4294967295LL));
  s.seed = model.seed;
  s.precision = args.get("--precision", model.precision);
  require(s.precision == "float32" || s.precision == "float64", "--precision must be float32 or float64, got \"",
          s.precision, "\"");
  s.out_path = args.get("--out");
  s.history_path = args.get("--history");
  const double test_ratio = to_number(args.get("--test-ratio", "0"), "--test-ratio");

  const TrainingData data = read_training_data(args, test_ratio, s.seed, model.preprocessing);
  model.preprocessing = data.preprocessing;
  return s.precision == "float32" ? train_in<float>(model, s, data) : train_in<double>(model, s, data);
}

}  // namespace neurostep::cli
