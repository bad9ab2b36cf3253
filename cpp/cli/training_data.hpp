#pragma once
// Where `neurostep train` gets its rows: a CSV file (read_table, whose notices are printed), a
// generator, or an image set (build/datasets/, or $NEUROSTEP_DATASETS). A set with its own test
// images (fashion_mnist) tests on them unless --test-ratio splits the training images instead.
// --scale fits the scaling on the training rows only; the trained model file keeps it.
#include <cstdlib>
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "core/csv.hpp"
#include "core/generators.hpp"
#include "core/image_datasets.hpp"
#include "core/preprocessing.hpp"
#include "core/split.hpp"

#ifndef NEUROSTEP_DATASET_DIR
#define NEUROSTEP_DATASET_DIR "build/datasets"
#endif

namespace neurostep::cli {

struct TrainingData {
  Dataset train, test;
  Preprocessing preprocessing;
  std::string source;  // for the summary line: "fashion_mnist's own 10000 test images"
};

inline std::string dataset_dir() {
  const char* dir = std::getenv("NEUROSTEP_DATASETS");
  return dir && *dir ? dir : NEUROSTEP_DATASET_DIR;
}

inline std::string read_image_file(const std::string& file) {
  const std::string path = dataset_dir() + "/" + file;
  try {
    return read_file(path);
  } catch (const Error& e) {
    fail(e.what(), " (the image sets are made by scripts/build.sh; NEUROSTEP_DATASETS may point elsewhere)");
  }
}

inline bool is_image_dataset(const std::string& name) {
  for (const ImageSetInfo& s : image_sets())
    if (s.name == name) return true;
  return false;
}

inline CsvOptions csv_options(const Args& args) {
  CsvOptions o;
  o.target_columns = args.all("--target");
  const std::string d = args.get("--delimiter", "auto");
  if (d == "auto") o.delimiter = 0;
  else if (d == "comma" || d == ",") o.delimiter = ',';
  else if (d == "semicolon" || d == ";") o.delimiter = ';';
  else if (d == "tab" || d == "\\t") o.delimiter = '\t';
  else if (d == "pipe" || d == "|") o.delimiter = '|';
  else if (d == "space" || d == " ") o.delimiter = ' ';
  else fail("--delimiter must be auto, comma, semicolon, tab, pipe or space, got \"", d, "\"");
  o.skip_lines = static_cast<long>(to_integer(args.get("--skip-lines", "0"), "--skip-lines", 0, limits::max_samples));
  const std::string missing = args.get("--missing", "refuse");
  if (missing == "drop") o.missing = CsvMissing::DropRows;
  else if (missing == "mean") o.missing = CsvMissing::FillMean;
  else require(missing == "refuse", "--missing must be refuse, drop or mean, got \"", missing, "\"");
  return o;
}

// model_scaling: what a loaded model file was trained with, which goes on unless --scale says otherwise.
inline TrainingData read_training_data(const Args& args, double test_ratio, std::uint32_t seed,
                                       const Preprocessing& model_scaling) {
  const bool csv = args.has("--data"), named = args.has("--dataset");
  require(csv != named, csv ? "give either --data or --dataset, not both"
                            : "no training data: give --data FILE.csv or --dataset NAME (see neurostep datasets)");
  for (const char* flag : {"--delimiter", "--skip-lines", "--missing", "--target"})
    require(csv || !args.has(flag), flag, " applies to --data only");
  TrainingData out;
  Dataset all;
  bool own_test = false;
  if (csv) {
    for (const char* flag : {"--count", "--noise", "--data-seed"}) require(!args.has(flag), flag, " applies to --dataset only");
    const std::string path = args.get("--data");
    const std::string text = read_file(path);
    const Table table = about(path, [&] { return read_table(text, csv_options(args)); });
    for (const CsvNotice& n : table.notices) std::cerr << "neurostep: " << path << ": " << n.message << "\n";
    all = table.data;
  } else if (const std::string name = args.get("--dataset"); is_image_dataset(name)) {
    for (const char* flag : {"--noise", "--data-seed"}) require(!args.has(flag), flag, " applies to generated datasets only");
    const ImageSetInfo& info = image_set_info(name);
    const std::string count_text = args.get("--count", std::to_string(info.train_images));
    const long count = count_text == "all" ? info.full_images
                                           : static_cast<long>(to_integer(count_text, "--count", 1, info.full_images));
    const bool full = count > info.train_images;
    own_test = !info.test_file.empty() && !args.has("--test-ratio");
    const ImageSplit images = load_image_dataset(name, read_image_file(full ? info.full_file : info.train_file),
                                                 own_test ? read_image_file(info.test_file) : "", count);
    all = images.train;
    if (own_test) {
      out.train = images.train;
      out.test = images.test;
      out.source = name + "'s own test images";
    }
  } else {
    GeneratorOptions options;
    options.count = static_cast<long>(to_integer(args.get("--count", "200"), "--count", 1, limits::max_samples));
    options.noise = to_number(args.get("--noise", "0"), "--noise");
    options.seed = static_cast<std::uint32_t>(to_integer(args.get("--data-seed", "42"), "--data-seed", 0, 4294967295LL));
    all = generate_dataset(name, options);
  }
  if (!own_test) {
    out.train = all;
    if (test_ratio != 0.0) {
      TrainTestSplit split = split_dataset(all, test_ratio, seed);
      out.train = std::move(split.train);
      out.test = std::move(split.test);
    }
  }
  const std::string scale = args.get("--scale", model_scaling.active() ? "model" : "none");
  if (scale == "model") {
    out.preprocessing = model_scaling;
  } else if (scale == "auto") {
    const ScalingAdvice advice = advise_scaling(out.train);
    std::cerr << "neurostep: " << advice.why << "\n";
    out.preprocessing = fit_preprocessing(out.train, advice.recommended);
  } else {
    out.preprocessing = fit_preprocessing(out.train, scaling_from_name(scale));
  }
  out.train = apply_preprocessing(out.preprocessing, out.train);
  out.test = apply_preprocessing(out.preprocessing, out.test);
  return out;
}

}  // namespace neurostep::cli
