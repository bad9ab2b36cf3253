#pragma once
// A dataset from a table's text, and back. One record per line, fields split at a delimiter
// (detected: comma, semicolon, tab, pipe or runs of spaces; or chosen), spaces around a field
// ignored, "quoted ""fields""" for text holding delimiters or quotes, '#' lines are comments,
// blank lines are skipped, a UTF-8 BOM and CRLF line ends are fine. A first line that
// describes the table instead of starting it is skipped (csv_dialect.hpp); semicolon, tab,
// pipe and space files may write decimal commas ("1,5").
//
// read_table gives the dataset and notices saying what it detected, skipped and encoded: text
// columns become categories (a feature one-hot, a target class indices with its class names
// kept), and missing values (empty, NA, N/A, NaN, ?) are refused, or their rows dropped, or
// filled with the column's mean. read_csv reads numbers only, with the messages the page has
// always shown. Every error names the line and column (both 1-based).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/csv_select.hpp"
#include "core/csv_table.hpp"
#include "core/dataset.hpp"

namespace neurostep {


inline Dataset read_csv(const std::string& text, CsvOptions options = {}) {
  options.categories = false;
  options.missing = CsvMissing::Refuse;
  return read_table(text, options).data;
}

// A header row (feature names, then target names), then one row per sample. With unique,
// non-empty names, read_csv(write_csv(d)) with the targets chosen by name gives back d exactly.
inline std::string write_csv(const Dataset& d) {
  using namespace csv_detail;
  validate(d);
  std::vector<std::string> names = names_or_default(d.feature_names, d.features(), 'x');
  for (const std::string& name : names_or_default(d.target_names, d.targets(), 'y'))
    names.push_back(name);
  std::string out;
  for (std::size_t c = 0; c < names.size(); ++c) out += (c ? "," : "") + csv_name(names[c]);
  out += '\n';
  for (long j = 0; j < d.size(); ++j) {
    for (int i = 0; i < d.features(); ++i) out += (i ? "," : "") + format_number(d.x(i, j));
    for (int i = 0; i < d.targets(); ++i) out += ',' + format_number(d.y(i, j));
    out += '\n';
  }
  return out;
}

}  // namespace neurostep
