// neurostep: the command-line face of the core. `train` fits a model to data the way Keras's
// fit() does, `example` runs the seed article's Keras example end to end, `datasets` lists the
// built-in data, `catalogue` prints every name, default and range the core accepts (the JSON the
// page is built with; core/catalogue.hpp). Bad arguments or files print "neurostep: <message>"
// and exit with status 2.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "cli/gradcheck_command.hpp"
#include "cli/train_command.hpp"
#include "core/catalogue.hpp"

namespace neurostep::cli {

constexpr const char* usage = R"(neurostep: train Keras Sequential networks (Dense, Dropout, BatchNormalization, ...)

Usage:
  neurostep train MODEL.json (--data FILE.csv [--target NAME]... [--delimiter D] [--skip-lines N]
                                                [--missing refuse|drop|mean] |
                              --dataset NAME [--count N] [--noise X] [--data-seed S])
                  [--scale none|standardize|min_max|auto]
                  [--epochs N] [--batch-size N] [--test-ratio R] [--seed S]
                  [--precision float32|float64] [--loss NAME] [--optimizer NAME]
                  [--learning-rate X] [--out TRAINED.json] [--history HISTORY.json]
  neurostep example [--out TRAINED.json] [--history HISTORY.json]
  neurostep gradcheck MODEL.json (--data FILE.csv [--target NAME]... | --dataset NAME ...)
                  [--batch-size N] [--seed S] [--precision float64|float32] [--budget N]
                  [--directions N] [--check-seed S] [--tolerance X]
  neurostep datasets
  neurostep catalogue
  neurostep --help

MODEL.json is any of: a NeuroStep model file (as --out writes it; training continues from
its weights), a Keras model.to_json() document (Sequential; the layers catalogue lists), or a model spec
{"input_dim": 8, "layers": [{"units": 10, "activation": "relu"}, ...], "loss": ..., "optimizer": ...}.

Options of train:
  --data FILE.csv      a table; the last column is the target unless --target names one
                       (repeat --target for several). Text columns become categories (one-hot
                       features, a class target); what was detected is printed as notes
  --delimiter D        auto (default), comma, semicolon, tab, pipe or space
  --skip-lines N       ignore the first N lines of the file (a title, a licence)
  --missing M          missing values (empty, NA, NaN, ?): refuse (default), drop their rows,
                       or fill each with its column's mean
  --dataset NAME       a built-in dataset (neurostep datasets lists them). A generator takes
                       --count rows (default 200), --noise X (default 0), --data-seed S (42);
                       an image set takes --count N training images (fashion_mnist: 10000,
                       "all" for 60000) and tests on its own test images unless --test-ratio
  --scale S            scale the features with statistics of the training rows: none
                       (default, or the model file's), standardize, min_max, or auto (standardize
                       when the ranges are wide); the trained model file keeps the scaling
  --epochs N           passes over the training data (default 1, as Keras's fit)
  --batch-size N       samples per update (default: the model file's, else 32)
  --test-ratio R       share of rows held out for testing, 0 to 0.9 (default 0: no test set,
                       every row trains in its given order)
  --seed S             seeds the initial weights, the split and the shuffles (default: the
                       model file's, else 42)
  --precision P        float32 (as Keras) or float64 (default: the model file's, else float32)
  --loss NAME          the loss, overriding the file's (a Keras to_json() has none)
  --optimizer NAME     sgd, adam, rmsprop or adagrad with Keras's defaults, overriding the file's
  --learning-rate X    the optimizer's learning rate
  --out FILE           write the trained model (a NeuroStep model file)
  --history FILE       write every epoch's loss and accuracy (and val_ ones with a test set)
                       as JSON, at full precision

)";
constexpr const char* usage_end = R"(
Exit status: 0 done, 1 training diverged (gradcheck: a gradient disagrees), 2 bad arguments or files.
)";

// The article's code, shown above the run that reproduces it.
constexpr const char* article_code = R"(# The article's Keras example, run by NeuroStep:
#
#   model = Sequential()
#   model.add(Dense(10, input_dim=8, activation='relu'))
#   model.add(Dense(8, activation='relu'))
#   model.add(Dense(1, activation='sigmoid'))
#   model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
#   X = np.array([[0,0,0,0,0,0,0,0], [0,0,0,0,0,0,0,1], ..., [1,1,1,1,1,1,1,1]])
#   Y = np.array([[0], [1], [1], [1], [1], [1], [1], [1], [1], [1]])
#   model.fit(X, Y, epochs=1000, batch_size=1)
#
# float32 as in Keras, seed 42, every row trains (no test split).
)";

inline int example_command(int argc, char** argv) {
  const Args args = parse_args(argc, argv, 2, "example", {"--out", "--history"});
  require(args.positional.empty(), "unexpected argument \"", args.positional.empty() ? "" : args.positional[0], "\"");
  TrainSettings s;
  s.epochs = 1000;
  s.max_progress_lines = 10;
  s.out_path = args.get("--out");
  s.history_path = args.get("--history");
  const Dataset data = generate_dataset("article_bits", {});
  Trainer<float> t(article_model(), s.seed);
  t.set_data(data, Dataset{});
  t.set_batch_size(1);
  std::cout << article_code << "\n";
  const int status = fit(t, s, std::cout);
  if (status != 0) return status;

  const EpochRecord& last = t.history().back();
  std::printf("\nfinal loss %.6f  accuracy %.4f\n\n", last.loss, last.accuracy);
  const Matrix<float> out = t.predict(data.x.cast<float>());
  std::printf("input bits  target  output\n");
  for (long j = 0; j < data.size(); ++j) {
    std::string bits;
    for (int i = 0; i < data.features(); ++i) bits += data.x(i, j) != 0.0 ? '1' : '0';
    const bool right = (out(0, j) > 0.5f) == (data.y(0, j) > 0.5);
    std::printf("%-10s  %-6.0f  %.6f  %s\n", bits.c_str(), data.y(0, j), static_cast<double>(out(0, j)),
                right ? "right" : "wrong");
  }
  return 0;
}

inline int datasets_command(int argc, char** argv) {
  parse_args(argc, argv, 2, "datasets", {});
  for (const std::string& name : dataset_names()) std::cout << name << "\n";
  for (const ImageSetInfo& s : image_sets())
    std::cout << s.name << "  (images " << s.height << " x " << s.width << ", " << s.class_names.size() << " classes, "
              << s.full_images << " training" << (s.test_images ? " + " + std::to_string(s.test_images) + " test" : "")
              << " images; " << s.licence << ")\n";
  return 0;
}

inline int catalogue_command(int argc, char** argv) {
  parse_args(argc, argv, 2, "catalogue", {});
  std::cout << catalogue().dump(2) << "\n";
  return 0;
}

inline int run(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command.empty()) {  // no command is a usage error: the help goes to stderr
    std::cerr << usage << gradcheck_help << usage_end;
    return 2;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << usage << gradcheck_help << usage_end;
    return 0;
  }
  if (command == "train") return train_command(argc, argv);
  if (command == "example") return example_command(argc, argv);
  if (command == "datasets") return datasets_command(argc, argv);
  if (command == "catalogue") return catalogue_command(argc, argv);
  if (command == "gradcheck") return gradcheck_command(argc, argv);
  fail("unknown command \"", command, "\"; the commands are train, example, datasets, catalogue and gradcheck (see neurostep --help)");
}

}  // namespace neurostep::cli

int main(int argc, char** argv) {
  try {
    return neurostep::cli::run(argc, argv);
  } catch (const neurostep::Error& e) {
    std::cerr << "neurostep: " << e.what() << "\n";
  } catch (const std::exception& e) {  // out of memory and the like: still a message, not an abort
    std::cerr << "neurostep: internal error: " << e.what() << "\n";
  }
  return 2;
}
