// Tables, scaling, the task pick and the image sets, for the page: read_table with its notices,
// fit/apply a scaling, the output layer and loss a target calls for, and the image datasets
// from the bytes the page fetched (web/dist/datasets/<file>.gz, gunzipped by the wrapper).
#include <emscripten/bind.h>

#include <string>

#include "bindings/js_values.hpp"
#include "core/csv.hpp"
#include "core/image_datasets.hpp"
#include "core/model_file.hpp"
#include "core/preprocessing.hpp"
#include "core/preprocessing_json.hpp"
#include "core/preprocessing_keras.hpp"
#include "core/task.hpp"

namespace neurostep::js {
namespace {

// A dataset with what its values mean: class names and an image shape, when it has them.
val described_dataset(const Dataset& d) {
  val out = dataset_to_js(d);
  out.set("classNames", string_array(d.class_names));
  out.set("imageShape", number_array(d.image_shape.data(), d.image_shape.size()));
  return out;
}

// A dataset from JavaScript with its optional classNames and imageShape.
Dataset described_from_js(const val& v, const std::string& what) {
  Dataset d = dataset_from_js(v, what);
  if (has_properties(v["classNames"]) && v["classNames"].isArray()) d.class_names = strings_from_js(v["classNames"], what + ": classNames");
  if (has_properties(v["imageShape"])) {
    const double n = length_of(v["imageShape"]);
    require(n == 0 || n == 2, what, ": imageShape must be [height, width]");
    for (int i = 0; i < static_cast<int>(n); ++i)
      d.image_shape.push_back(to_int(number_of(v["imageShape"][i]), what + ": imageShape", 1, limits::max_units));
  }
  validate(d, what);
  return d;
}

char delimiter_from_name(const std::string& name) {
  if (name == "auto") return 0;
  if (name == "," || name == "comma") return ',';
  if (name == ";" || name == "semicolon") return ';';
  if (name == "\t" || name == "tab") return '\t';
  if (name == "|" || name == "pipe") return '|';
  if (name == " " || name == "space") return ' ';
  fail("delimiter must be 'auto', ',', ';', '\\t', '|' or ' ', got '", name, "'");
}

val read_table_js(const std::string& text, const std::string& header, const val& target_columns,
                  const val& feature_columns, const std::string& delimiter, double skip_lines, const std::string& missing) {
  return guarded([&] {
    CsvOptions o;
    o.header = header == "yes" ? CsvHeader::Yes : header == "no" ? CsvHeader::No : CsvHeader::Auto;
    require(header == "auto" || header == "yes" || header == "no", "header must be 'auto', 'yes' or 'no', got '", header, "'");
    o.target_columns = strings_from_js(target_columns, "targetColumns");
    o.feature_columns = strings_from_js(feature_columns, "featureColumns");
    o.delimiter = delimiter_from_name(delimiter);
    o.skip_lines = to_integer(skip_lines, "skipLines", 0, limits::max_samples);
    o.missing = missing == "drop" ? CsvMissing::DropRows : missing == "mean" ? CsvMissing::FillMean : CsvMissing::Refuse;
    require(missing == "refuse" || missing == "drop" || missing == "mean", "missing must be 'refuse', 'drop' or 'mean', got '",
            missing, "'");
    const Table t = read_table(text, o);
    val notices = val::array();
    for (const CsvNotice& n : t.notices) {
      val item = val::object();
      item.set("kind", n.kind);
      item.set("message", n.message);
      // The id and arguments of the sentence, for the page to say it in the reader's language.
      if (!n.id.empty()) {
        item.set("id", n.id);
        val args = val::object();
        for (const MessageArg& a : n.args) args.set(a.name, a.value);
        item.set("args", args);
      }
      notices.call<void>("push", item);
    }
    val out = val::object();
    out.set("dataset", described_dataset(t.data));
    out.set("notices", notices);
    out.set("delimiter", std::string(1, t.delimiter));
    out.set("header", t.header);
    return out;
  });
}

val preprocessing_to_js(const Preprocessing& p) {
  val out = val::object();
  out.set("scaling", name_of(p.scaling));
  out.set("offset", float64_array(p.offset.data(), static_cast<std::size_t>(p.offset.size())));
  out.set("scale", float64_array(p.scale.data(), static_cast<std::size_t>(p.scale.size())));
  return out;
}

Preprocessing preprocessing_from_js(const val& v) {
  require(has_properties(v) && v["scaling"].isString(), "preprocessing must be {scaling, offset, scale}");
  Preprocessing p;
  p.scaling = scaling_from_name(v["scaling"].as<std::string>());
  if (!p.active()) return p;
  const double n = length_of(v["offset"]);
  require(n >= 1 && n <= limits::max_units && length_of(v["scale"]) == n, "preprocessing: offset and scale need ",
          "the same number of values, one per feature");
  p.offset.resize(static_cast<Eigen::Index>(n));
  p.scale.resize(static_cast<Eigen::Index>(n));
  copy_from_js(v["offset"], p.offset.data(), static_cast<std::size_t>(n));
  copy_from_js(v["scale"], p.scale.data(), static_cast<std::size_t>(n));
  validate(p);
  return p;
}

val fit_scaling(const val& train, const std::string& scaling) {
  return guarded([&] { return preprocessing_to_js(fit_preprocessing(described_from_js(train, "train"), scaling_from_name(scaling))); });
}

val apply_scaling(const val& preprocessing, const val& dataset) {
  return guarded([&] {
    return described_dataset(apply_preprocessing(preprocessing_from_js(preprocessing), described_from_js(dataset, "dataset")));
  });
}

// x: rows * features values, sample by sample (predict's layout); returns the scaled copy.
val scale_inputs(const val& preprocessing, const val& x, double rows) {
  return guarded([&] {
    const Preprocessing p = preprocessing_from_js(preprocessing);
    const long n = to_integer(rows, "rows", 0, limits::max_predict_rows);
    const long width = p.active() ? p.features() : static_cast<long>(length_of(x)) / std::max(1L, n);
    require(length_of(x) == static_cast<double>(n * width), "x ", length_text(length_of(x)), " but rows x features = ", n,
            " x ", width);
    Eigen::MatrixXd m(width, n);
    copy_from_js(x, m.data(), static_cast<std::size_t>(m.size()));
    const Eigen::MatrixXd s = apply_preprocessing(p, m);
    return float64_array(s.data(), static_cast<std::size_t>(s.size()));
  });
}

val preprocessing_to_json(const val& preprocessing) {
  return guarded([&] { return val(preprocessing_json(preprocessing_from_js(preprocessing)).dump()); });
}

// The scaling a saved model file keeps ({scaling: 'none'} when it has none).
val model_preprocessing(const std::string& model_text) {
  return guarded([&] { return preprocessing_to_js(load_model(model_text).preprocessing); });
}

// A saved model file's text with its "preprocessing" set (or removed, for 'none'), checked
// against the model's input width.
val with_preprocessing(const std::string& model_text, const val& preprocessing) {
  return guarded([&] {
    const Preprocessing p = preprocessing_from_js(preprocessing);
    Json doc = json_read::parse(model_text);
    require(doc.is_object() && doc.contains("format"), "the model text must be a NeuroStep model file (as saveModel writes it)");
    const LoadedModel m = load_model(doc);
    require(!p.active() || p.features() == m.spec.input_dim, "the scaling has ", p.features(),
            " features but the model takes ", m.spec.input_dim, " inputs");
    OrderedJson out = OrderedJson::parse(model_text);
    out.erase("preprocessing");
    if (p.active()) out["preprocessing"] = preprocessing_json(p);
    return val(out.dump(2) + "\n");
  });
}

// A Keras script (Trainer.exportKeras) with a Normalization layer holding the scaling.
val keras_with_preprocessing(const std::string& script, const val& preprocessing) {
  return guarded([&] { return val(with_keras_normalization(script, preprocessing_from_js(preprocessing))); });
}

val advise(const val& dataset) {
  return guarded([&] {
    const ScalingAdvice a = advise_scaling(described_from_js(dataset, "dataset"));
    val out = val::object();
    out.set("recommended", name_of(a.recommended));
    out.set("why", a.why);
    return out;
  });
}

val task(const val& dataset) {
  return guarded([&] {
    const TaskChoice t = pick_task(described_from_js(dataset, "dataset"));
    val out = val::object();
    out.set("kind", t.kind);
    out.set("classes", t.classes);
    out.set("outputUnits", t.output_units);
    out.set("outputActivation", name_of(t.output_activation));
    out.set("loss", name_of(t.loss));
    out.set("why", t.why);
    return out;
  });
}

val image_names() {
  return guarded([] { return string_array(image_dataset_names()); });
}

val image_info(const std::string& name) {
  return guarded([&] {
    const ImageSetInfo& s = image_set_info(name);
    val out = val::object();
    out.set("name", s.name);
    out.set("title", s.title);
    out.set("height", s.height);
    out.set("width", s.width);
    out.set("classNames", string_array(s.class_names));
    out.set("trainFile", s.train_file);
    out.set("fullFile", s.full_file);
    out.set("testFile", s.test_file);
    out.set("trainImages", static_cast<double>(s.train_images));
    out.set("fullImages", static_cast<double>(s.full_images));
    out.set("testImages", static_cast<double>(s.test_images));
    out.set("licence", s.licence);
    out.set("attribution", s.attribution);
    return out;
  });
}

std::string bytes_from_js(const val& array, const std::string& what) {
  require(has_properties(array), what, " is missing");
  const double n = length_of(array);
  require(!std::isnan(n) && n >= 0 && n <= 64.0 * 1024 * 1024, what, " must be a Uint8Array of at most 64 MB");
  std::string bytes(static_cast<std::size_t>(n), '\0');
  if (n > 0) val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<unsigned char*>(&bytes[0]))).call<void>("set", array);
  return bytes;
}

// train_bytes, test_bytes: Uint8Arrays of the NSIM files (test_bytes empty: no own test set).
val load_images(const std::string& name, const val& train_bytes, const val& test_bytes, double count) {
  return guarded([&] {
    const ImageSplit s = load_image_dataset(name, bytes_from_js(train_bytes, "trainBytes"), bytes_from_js(test_bytes, "testBytes"),
                                            to_integer(count, "count", 0, limits::max_samples));
    val out = val::object();
    out.set("train", described_dataset(s.train));
    out.set("test", described_dataset(s.test));
    return out;
  });
}

}  // namespace
}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_tables) {
  using namespace neurostep::js;
  emscripten::function("read_table", &read_table_js);
  emscripten::function("fit_scaling", &fit_scaling);
  emscripten::function("apply_scaling", &apply_scaling);
  emscripten::function("scale_inputs", &scale_inputs);
  emscripten::function("preprocessing_json", &preprocessing_to_json);
  emscripten::function("advise_scaling", &advise);
  emscripten::function("model_preprocessing", &model_preprocessing);
  emscripten::function("with_preprocessing", &with_preprocessing);
  emscripten::function("keras_with_preprocessing", &keras_with_preprocessing);
  emscripten::function("pick_task", &task);
  emscripten::function("image_dataset_names", &image_names);
  emscripten::function("image_dataset_info", &image_info);
  emscripten::function("load_image_dataset", &load_images);
}
