#pragma once
// Python literals for the exported scripts (keras_export.hpp, pytorch_export.hpp): numbers that
// read back as exactly the same double or float32, string literals, and 2-D lists.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/dataset.hpp"
#include "core/error.hpp"

namespace neurostep::keras_export_detail {

// The data an exported script trains on fits the model: its feature and target columns.
inline void check_export_data(const Dataset& data, int inputs, int targets) {
  if (data.features() != inputs)
    fail_with("export.data_features", "the data has {features} feature columns but the model takes {inputs} inputs",
              {arg("features", data.features()), arg("inputs", inputs)});
  if (data.targets() != targets)
    fail_with("export.data_targets", "the data has {targets} target columns but the model needs {needed}",
              {arg("targets", data.targets()), arg("needed", targets)});
}

// A Python float/int literal that reads back as exactly v: "0.1", "1e-07", "3".
inline std::string number(double v) {
  if (!std::isfinite(v)) fail_with("export.not_finite", "cannot export {value}: Python has no literal for it", {arg("value", exact(v))});
  return csv_detail::format_number(v);
}

// A weight as Keras will hold it (float32): the shortest text that numpy's path, parse as
// float64 then round to float32, maps back to the same float32. Nine digits always do.
inline std::string float32_number(double v) {
  const float f = static_cast<float>(v);
  if (!std::isfinite(f))
    fail_with("export.weight_not_finite", "cannot export the weight {value}: not a finite float32", {arg("value", exact(v))});
  char buffer[32];
  for (int digits = 6; digits < 9; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, static_cast<double>(f));
    double back = 0.0;
    if (csv_detail::parse_number(buffer, back) == csv_detail::Number::Ok &&
        static_cast<float>(back) == f)
      return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(f));
  return buffer;
}

// A Python string literal: single quotes, with backslashes, quotes and control bytes escaped.
inline std::string py_string(const std::string& s) {
  std::string out = "'";
  for (const unsigned char c : s) {
    if (c == '\\' || c == '\'') out += '\\', out += static_cast<char>(c);
    else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else out += static_cast<char>(c);
  }
  return out + "'";
}

// A 2-D Python list, one row per line at `indent`, the closing bracket one level (4 spaces) out:
// [[a, b], [c, d]] -> "[\n    [a, b],\n    [c, d],\n]".
template <typename Cell>
std::string rows(long n_rows, long n_cols, Cell cell, const std::string& indent = "    ") {
  std::string out = "[\n";
  for (long r = 0; r < n_rows; ++r) {
    out += indent + "[";
    for (long c = 0; c < n_cols; ++c) out += (c ? ", " : "") + cell(r, c);
    out += "],\n";
  }
  return out + indent.substr(4) + "]";
}

}  // namespace neurostep::keras_export_detail
