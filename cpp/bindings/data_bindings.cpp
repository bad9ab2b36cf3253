// Datasets: the built-in generators, CSV in and out, the train/test split, and the classes that
// predictions and targets say (for the page's right/wrong column and confusion matrix).
#include <emscripten/bind.h>

#include <cmath>
#include <vector>

#include "bindings/js_values.hpp"
#include "core/csv.hpp"
#include "core/generators.hpp"
#include "core/metrics.hpp"
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
  fail_with("js.header", "header must be 'auto', 'yes' or 'no', got '{value}'", {arg("value", name)});
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

// outputs: rows x width values (predict's), y: rows x targets, row by row. Returns
// {predicted, actual}: the class of each row by Keras's accuracy rule (metrics.hpp).
val classify(const val& outputs, double width, const val& y, double targets) {
  return guarded([&] {
    const int w = to_int(width, "width", 1, limits::max_units);
    const int k = to_int(targets, "targets", 1, limits::max_units);
    const double n = length_of(outputs);
    if (std::isnan(n)) fail_with("js.outputs_not_array", "outputs is not an array, not whole rows of {width}", {arg("width", w)});
    if (std::fmod(n, w) != 0)
      fail_with("js.outputs_rows", "outputs has {length} values, not whole rows of {width}", {arg("length", exact(n)), arg("width", w)});
    const long rows = static_cast<long>(n) / w;
    if (rows > limits::max_predict_rows)
      fail_with("trainer.input_rows", "{what}: {rows} rows is more than the limit of {limit}",
                {arg("what", "classify"), arg("rows", rows), arg("limit", limits::max_predict_rows)});
    const double ny = length_of(y);
    if (ny != static_cast<double>(rows) * k) {
      const std::vector<MessageArg> args = {arg("length", exact(ny)), arg("rows", rows), arg("targets", k), arg("needed", rows * k)};
      if (std::isnan(ny)) fail_with("js.y_not_array", "y is not an array but rows x targets = {rows} x {targets} = {needed}", args);
      fail_with("js.y_length", "y has {length} values but rows x targets = {rows} x {targets} = {needed}", args);
    }
    Eigen::MatrixXd A(w, rows), Y(k, rows);
    copy_from_js(outputs, A.data(), static_cast<std::size_t>(A.size()));
    copy_from_js(y, Y.data(), static_cast<std::size_t>(Y.size()));
    for (Eigen::Index i = 0; i < Y.size(); ++i) {
      const double v = Y.data()[i];
      if (!std::isfinite(v)) fail_with("js.y_not_finite", "y[{index}] is not a finite number ({value})", {arg("index", i), arg("value", exact(v))});
      if (!(k > 1 || w == 1 || (v == std::floor(v) && v >= 0 && v < w)))
        fail_with("js.y_class", "y[{index}] is {value}, not a class index in [0, {max}]", {arg("index", i), arg("value", exact(v)), arg("max", w - 1)});
    }
    std::vector<int> predicted(static_cast<std::size_t>(rows)), actual(static_cast<std::size_t>(rows));
    for (long j = 0; j < rows; ++j) {
      predicted[static_cast<std::size_t>(j)] = static_cast<int>(predicted_class(A, j));
      actual[static_cast<std::size_t>(j)] = static_cast<int>(actual_class(Y, j, w));
    }
    val out = val::object();
    out.set("predicted", val::global("Int32Array").new_(emscripten::typed_memory_view(predicted.size(), predicted.data())));
    out.set("actual", val::global("Int32Array").new_(emscripten::typed_memory_view(actual.size(), actual.data())));
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
  emscripten::function("classify", &classify);
}
