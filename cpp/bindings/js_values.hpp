#pragma once
// What every binding shares: the rule that no exception reaches JavaScript, and the
// conversions between the core's values and JavaScript's.
//
// With Emscripten 3.1.6 an exception that unwinds out of wasm leaks wasm stack, so every bound
// function runs its body through `guarded`, which turns any exception into a JavaScript Error
// that is *returned*; the wrapper (web/src/engine/neurostep.js) throws it. For the same reason
// no JavaScript call made from here may throw: the wrapper hands the bindings only values of
// known types (numbers, strings, booleans, arrays of numbers, arrays of strings, and plain
// objects of those), and the bindings check sizes and ranges themselves.
#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "core/error.hpp"
#include "core/tensor.hpp"

namespace neurostep::js {

using emscripten::val;

inline val error_value(const std::string& message) {
  return val::global("Error").new_(message);
}

// The core's Error, with its id and arguments beside the English message when it has them
// (error.hpp; the page says it in the reader's language, web/src/i18n/engine.ts).
inline val error_value(const Error& e) {
  val error = error_value(std::string(e.what()));
  if (!e.id().empty()) {
    error.set("id", e.id());
    val args = val::object();
    for (const MessageArg& a : e.args()) args.set(a.name, a.value);
    error.set("args", args);
  }
  return error;
}

// The body's value, or the Error that says why there is none.
template <typename Body>
val guarded(Body&& body) {
  try {
    return body();
  } catch (const Error& e) {  // bad input: the core's message says what and where
    return error_value(e);
  } catch (const std::bad_alloc&) {
    return error_value("out of memory: the WebAssembly heap cannot grow any further");
  } catch (const std::exception& e) {
    return error_value(std::string("internal error: ") + e.what());
  } catch (...) {
    return error_value("internal error: unknown exception");
  }
}

// JavaScript numbers are doubles; a count or index must be an integer in [low, high].
inline long to_integer(double v, const std::string& what, long low, long high) {
  if (!(std::isfinite(v) && v == std::floor(v)))
    fail_with("js.not_integer", "{what} must be an integer, got {value}", {arg("what", what), arg("value", exact(v))});
  // (double)LONG_MAX rounds up to 2^63, which no long holds: compare below 2^63 as well.
  if (!(v >= static_cast<double>(low) && v <= static_cast<double>(high) && v < 9223372036854775808.0))
    fail_with("js.integer_range", "{what} must be in [{low}, {high}], got {value}",
              {arg("what", what), arg("low", low), arg("high", high), arg("value", exact(v))});
  return static_cast<long>(v);
}
inline int to_int(double v, const std::string& what, int low = std::numeric_limits<int>::min(),
                  int high = std::numeric_limits<int>::max()) {
  return static_cast<int>(to_integer(v, what, low, high));
}
inline std::uint32_t to_seed(double v) {
  if (!(std::isfinite(v) && v == std::floor(v) && v >= 0 && v <= 4294967295.0))
    fail_with("js.seed", "seed must be an integer in [0, 4294967295], got {value}", {arg("value", exact(v))});
  return static_cast<std::uint32_t>(v);
}

// ---- arrays -----------------------------------------------------------------------------------

// A fresh Float64Array holding a copy of n values (float or double): nothing on the JavaScript
// side ever points into wasm memory, which moves when it grows.
template <typename S>
val float64_array(const S* data, std::size_t n) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(n, data));
}

// Copies an array-like of n numbers (Array, Float64Array, Float32Array, ...) into wasm memory,
// converting each to S. The caller has checked that it holds exactly n values.
template <typename S>
void copy_from_js(const val& array, S* into, std::size_t n) {
  val(emscripten::typed_memory_view(n, into)).call<void>("set", array);
}

// A JavaScript number, or NaN for anything else (which every range check then rejects).
inline double number_of(const val& v) {
  return v.isNumber() ? v.as<double>() : std::numeric_limits<double>::quiet_NaN();
}

// Whether v[key] can be read without a TypeError.
inline bool has_properties(const val& v) { return !v.isNull() && !v.isUndefined(); }

// The length of an array-like, or NaN when there is none.
inline double length_of(const val& array) {
  return has_properties(array) ? number_of(array["length"]) : std::numeric_limits<double>::quiet_NaN();
}

// "has 5 values" for a message about an array's length, or "is not an array" when it has none.
inline std::string length_text(double length) {
  return std::isnan(length) ? "is not an array" : "has " + exact(length) + " values";
}

// A plain Array of numbers, copied from n values (float, double, int or long).
template <typename T>
val number_array(const T* data, std::size_t n) {
  return val::global("Array").call<val>("from", val(emscripten::typed_memory_view(n, data)));
}

inline val string_array(const std::vector<std::string>& values) { return val::array(values); }

inline std::vector<std::string> strings_from_js(const val& array, const std::string& what) {
  if (!array.isArray()) fail_with("js.not_strings", "{what} must be an array of strings", {arg("what", what)});
  std::vector<std::string> out(static_cast<std::size_t>(length_of(array)));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const val item = array[i];
    if (!item.isString()) fail_with("js.not_string", "{what}[{index}] is not a string", {arg("what", what), arg("index", i)});
    out[i] = item.as<std::string>();
  }
  return out;
}

// ---- matrices ---------------------------------------------------------------------------------

// A matrix as the wrapper's Mat: {rows, cols, data: Float64Array, column-major}. Vectors are
// rows x 1.
template <typename S>
val mat(const S* data, Eigen::Index rows, Eigen::Index cols) {
  val m = val::object();
  m.set("rows", static_cast<double>(rows));
  m.set("cols", static_cast<double>(cols));
  m.set("data", float64_array(data, static_cast<std::size_t>(rows * cols)));
  return m;
}
template <typename Derived>
val mat(const Eigen::PlainObjectBase<Derived>& m) {
  return mat(m.data(), m.rows(), m.cols());
}

// A Mat from JavaScript, {rows, cols, data}, as a double matrix.
inline Eigen::MatrixXd mat_from_js(const val& m, const std::string& what) {
  if (!has_properties(m)) fail_with("js.missing", "{what} is missing", {arg("what", what)});
  const long rows = to_integer(number_of(m["rows"]), what + ".rows", 0, limits::max_units);
  const long cols = to_integer(number_of(m["cols"]), what + ".cols", 0, limits::max_units);
  const double length = length_of(m["data"]);
  if (length != static_cast<double>(rows * cols)) {
    const std::vector<MessageArg> args = {arg("what", what), arg("length", exact(length)), arg("rows", rows), arg("cols", cols), arg("needed", rows * cols)};
    if (std::isnan(length)) fail_with("js.mat_not_array", "{what}.data is not an array but rows x cols = {rows} x {cols} = {needed}", args);
    fail_with("js.mat_length", "{what}.data has {length} values but rows x cols = {rows} x {cols} = {needed}", args);
  }
  Eigen::MatrixXd out(rows, cols);
  copy_from_js(m["data"], out.data(), static_cast<std::size_t>(out.size()));
  return out;
}

// ---- datasets ---------------------------------------------------------------------------------

// {rows, features, targets, x, y, featureNames, targetNames, sourceRows?}: x is rows * features values,
// sample by sample, which is exactly the column-major layout of the core's features x samples.
inline Dataset dataset_from_js(const val& d, const std::string& what) {
  if (!has_properties(d)) fail_with("js.missing", "{what} is missing", {arg("what", what)});
  const long rows = to_integer(number_of(d["rows"]), what + ": rows", 0, limits::max_samples);
  const int features = to_int(number_of(d["features"]), what + ": features", 0, limits::max_units);
  const int targets = to_int(number_of(d["targets"]), what + ": targets", 0, limits::max_units);
  const auto check_length = [&](const char* name, const char* width_name, int width) {
    const double length = length_of(d[name]);
    const long long needed = static_cast<long long>(rows) * width;
    if (length != static_cast<double>(needed)) {
      const std::vector<MessageArg> args = {arg("what", what), arg("name", name), arg("length", exact(length)), arg("width_name", width_name),
                                            arg("rows", rows), arg("width", width), arg("needed", needed)};
      if (std::isnan(length))
        fail_with("js.data_not_array", "{what}: {name} is not an array but rows x {width_name} = {rows} x {width} = {needed}", args);
      fail_with("js.data_length", "{what}: {name} has {length} values but rows x {width_name} = {rows} x {width} = {needed}", args);
    }
  };
  check_length("x", "features", features);
  check_length("y", "targets", targets);
  Dataset out;
  out.x.resize(features, rows);
  out.y.resize(targets, rows);
  copy_from_js(d["x"], out.x.data(), static_cast<std::size_t>(out.x.size()));
  copy_from_js(d["y"], out.y.data(), static_cast<std::size_t>(out.y.size()));
  out.feature_names = strings_from_js(d["featureNames"], what + ": featureNames");
  out.target_names = strings_from_js(d["targetNames"], what + ": targetNames");
  if (!d["sourceRows"].isUndefined()) {  // rows of a split: each one's index in the data it came from
    const double length = length_of(d["sourceRows"]);
    if (length != static_cast<double>(rows)) {
      const std::vector<MessageArg> args = {arg("what", what), arg("length", exact(length)), arg("rows", rows)};
      if (std::isnan(length)) fail_with("js.source_rows_not_array", "{what}: sourceRows is not an array but rows = {rows}", args);
      fail_with("js.source_rows_length", "{what}: sourceRows has {length} values but rows = {rows}", args);
    }
    std::vector<double> source(static_cast<std::size_t>(rows));
    copy_from_js(d["sourceRows"], source.data(), source.size());
    for (std::size_t j = 0; j < source.size(); ++j)
      out.source_rows.push_back(to_integer(source[j], what + ": sourceRows[" + std::to_string(j) + "]", 0, limits::max_samples - 1));
  }
  return out;
}

inline val dataset_to_js(const Dataset& d) {
  val out = val::object();
  out.set("rows", static_cast<double>(d.size()));
  out.set("features", d.features());
  out.set("targets", d.targets());
  out.set("x", float64_array(d.x.data(), static_cast<std::size_t>(d.x.size())));
  out.set("y", float64_array(d.y.data(), static_cast<std::size_t>(d.y.size())));
  out.set("featureNames", string_array(d.feature_names));
  out.set("targetNames", string_array(d.target_names));
  if (!d.source_rows.empty()) {
    const std::vector<double> source(d.source_rows.begin(), d.source_rows.end());
    out.set("sourceRows", float64_array(source.data(), source.size()));
  }
  return out;
}

}  // namespace neurostep::js
