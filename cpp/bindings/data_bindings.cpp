// Datasets: the built-in generators, CSV in and out, and the train/test split.
#include <emscripten/bind.h>

#include "bindings/js_values.hpp"
#include "core/csv.hpp"
#include "core/generators.hpp"
#include "core/split.hpp"

namespace neurostep::js {
namespace {

val names() {
  return guarded([] { return string_array(dataset_names()); });
}

val generate(const std::string& name, double count, double noise, double seed) {
  return guarded([&] {
    GeneratorOptions options;
    options.count = to_integer(count, "count", 0, limits::max_samples);
    options.noise = noise;
    options.seed = to_seed(seed);
    return dataset_to_js(generate_dataset(name, options));
  });
}

CsvHeader header_from_name(const std::string& name) {
  if (name == "auto") return CsvHeader::Auto;
  if (name == "yes") return CsvHeader::Yes;
  if (name == "no") return CsvHeader::No;
  fail("header must be 'auto', 'yes' or 'no', got '", name, "'");
}

// Columns are names or 1-based positions written as text ("3").
val parse_csv(const std::string& text, const std::string& header, const val& target_columns,
              const val& feature_columns) {
  return guarded([&] {
    CsvOptions options;
    options.header = header_from_name(header);
    options.target_columns = strings_from_js(target_columns, "targetColumns");
    options.feature_columns = strings_from_js(feature_columns, "featureColumns");
    return dataset_to_js(read_csv(text, options));
  });
}

val to_csv(const val& dataset) {
  return guarded([&] { return val(write_csv(dataset_from_js(dataset, "dataset"))); });
}

val split(const val& dataset, double test_ratio, double seed) {
  return guarded([&] {
    const TrainTestSplit parts = split_dataset(dataset_from_js(dataset, "dataset"), test_ratio, to_seed(seed));
    val out = val::object();
    out.set("train", dataset_to_js(parts.train));
    out.set("test", dataset_to_js(parts.test));
    return out;
  });
}

}  // namespace
}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_data) {
  using namespace neurostep::js;
  emscripten::function("dataset_names", &names);
  emscripten::function("generate_dataset", &generate);
  emscripten::function("parse_csv", &parse_csv);
  emscripten::function("write_csv", &to_csv);
  emscripten::function("split_dataset", &split);
}
