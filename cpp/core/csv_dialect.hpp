#pragma once
// How a table is written, guessed from its first lines: the delimiter, whether the first line
// is a description rather than part of the table (scikit-learn's "150,4,setosa,versicolor,
// virginica"), and whether the next one is a header. Each guess is reported as a notice, and
// each can be overridden (CsvOptions).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/csv_fields.hpp"
#include "core/error.hpp"

namespace neurostep::csv_detail {

using Lines = std::vector<std::pair<long, std::string_view>>;

// The "delimiter" notice.
inline Said delimiter_notice(char d) {
  switch (d) {
    case ',': return message_with("csv_notice.delimiter_comma", "The fields are separated by commas.", {});
    case ';': return message_with("csv_notice.delimiter_semicolon", "The fields are separated by semicolons.", {});
    case '\t': return message_with("csv_notice.delimiter_tab", "The fields are separated by tabs.", {});
    case '|': return message_with("csv_notice.delimiter_pipe", "The fields are separated by pipes (|).", {});
    default: return message_with("csv_notice.delimiter_space", "The fields are separated by spaces.", {});
  }
}

// Field counts of up to `sample` lines from `first`, or {} when a line cannot be split there
// (a quote that a wrong delimiter leaves open).
inline std::vector<std::size_t> widths(const Lines& lines, std::size_t first, char delimiter,
                                       std::size_t sample = 20) {
  std::vector<std::size_t> out;
  for (std::size_t r = first; r < lines.size() && out.size() < sample; ++r) {
    try {
      out.push_back(split_fields(lines[r].second, delimiter, lines[r].first).size());
    } catch (const Error&) {
      return {};
    }
  }
  return out;
}

// The delimiter that splits the sampled lines (past the first, which may be a description)
// into the same number of fields, more than one. When several do, the first of ; tab , | wins
// (a semicolon file uses commas for decimals), and runs of spaces come last.
inline char detect_delimiter(const Lines& lines) {
  const std::size_t first = lines.size() > 1 ? 1 : 0;
  for (char d : {';', '\t', ',', '|', ' '}) {
    const std::vector<std::size_t> w = widths(lines, first, d);
    if (!w.empty() && w[0] > 1 && std::all_of(w.begin(), w.end(), [&](std::size_t k) { return k == w[0]; }))
      return d;
  }
  return ',';
}

inline bool whole_number(const Field& f, long& value) {
  double v = 0;
  // Range first: casting a double beyond long's range (32 bits in WebAssembly) is undefined.
  if (f.quoted || parse_number(f.text, v) != Number::Ok || !(v >= 0 && v < static_cast<double>(std::numeric_limits<long>::max())) ||
      v != std::floor(v))
    return false;
  value = static_cast<long>(v);
  return true;
}

struct Description {
  bool found = false;
  Said why;                              // the notice
  std::vector<std::string> class_names;  // scikit-learn's: the names after the two counts
};

// The first line describes the table instead of starting it when
//  - its width differs from that of every sampled line after it (wine: "178,13,class_0,..."
//    above 14 columns), or
//  - it has the same width but is scikit-learn's "rows,features[,class names]" with the
//    counts right (iris: "150,4,setosa,versicolor,virginica"; boston: "506,13,,,,,").
inline Description describe_first_line(const Lines& lines, char delimiter) {
  Description d;
  if (lines.size() < 2) return d;
  const std::vector<Field> first = split_fields(lines[0].second, delimiter, lines[0].first);
  const std::vector<std::size_t> rest = widths(lines, 1, delimiter);
  if (rest.empty()) return d;
  const std::size_t width = rest[0];
  const bool steady = std::all_of(rest.begin(), rest.end(), [&](std::size_t k) { return k == width; });
  long rows = 0, features = 0;
  const bool counts = first.size() >= 2 && whole_number(first[0], rows) && whole_number(first[1], features);
  const long data_lines = static_cast<long>(lines.size()) - 1;  // a header may be one of them
  std::vector<std::string> class_names;
  for (std::size_t c = 2; counts && c < first.size(); ++c)
    if (!first[c].text.empty()) class_names.push_back(first[c].text);
  // Ten rows at least: "1,2,3" above "4,5,6" is a table of two rows.
  if (counts && rows >= 10 && features + 1 == static_cast<long>(width) && (rows == data_lines || rows + 1 == data_lines)) {
    d.found = true;
    d.class_names = class_names;
    std::vector<MessageArg> args = {arg("line", lines[0].first), arg("text", in_quotes(std::string(lines[0].second))),
                                    arg("rows", rows), arg("features", features)};
    if (d.class_names.empty())
      d.why = message_with("csv_notice.description_counts", "Line {line} ({text}) describes the table the way scikit-learn's files do "
                           "({rows} rows, {features} features), so it was skipped.", args);
    else {
      args.push_back(arg("classes", join(d.class_names)));
      d.why = message_with("csv_notice.description_classes", "Line {line} ({text}) describes the table the way scikit-learn's files do "
                           "({rows} rows, {features} features, classes {classes}), so it was skipped.", args);
    }
    return d;
  }
  if (steady && first.size() != width) {
    d.found = true;
    d.why = message_with("csv_notice.description_width", "Line {line} ({text}) has {fields} fields while the table has {width}, "
                         "so it was taken for a description and skipped.",
                         {arg("line", lines[0].first), arg("text", in_quotes(std::string(lines[0].second))),
                          arg("fields", first.size()), arg("width", width)});
  }
  return d;
}

// Whether the first row names the columns. Numbers only (the old rule, for read_csv): a header
// as soon as one field is text or quoted. With text columns allowed, a text field only makes a
// header when the column below it holds numbers, or when no text field of the row appears
// again below it ("sex,age" names columns; "male,23" is a row).
inline bool looks_like_header(const Lines& lines, std::size_t at, char delimiter, bool text_columns) {
  const std::vector<Field> row = split_fields(lines[at].second, delimiter, lines[at].first);
  double ignored;
  const auto text = [&](const Field& f) { return f.quoted || parse_number(f.text, ignored) == Number::Text; };
  if (!std::any_of(row.begin(), row.end(), text)) return false;
  if (!text_columns) return true;
  std::vector<bool> numbers_below(row.size(), true), repeated(row.size(), false);
  std::size_t sampled = 0;
  for (std::size_t r = at + 1; r < lines.size() && sampled < 200; ++r, ++sampled) {
    std::vector<Field> below;
    try {
      below = split_fields(lines[r].second, delimiter, lines[r].first);
    } catch (const Error&) {
      continue;  // reported when the row is read
    }
    for (std::size_t c = 0; c < row.size() && c < below.size(); ++c) {
      const Number n = parse_number(below[c].text, ignored);
      if (n == Number::Text && !missing_token(below[c].text)) numbers_below[c] = false;
      if (below[c].text == row[c].text) repeated[c] = true;
    }
  }
  if (sampled == 0) return true;
  bool any_repeated = false;
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (text(row[c]) && numbers_below[c]) return true;
    any_repeated = any_repeated || (text(row[c]) && repeated[c]);
  }
  return !any_repeated;
}

}  // namespace neurostep::csv_detail
