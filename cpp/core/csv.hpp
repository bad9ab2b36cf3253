#pragma once
// A dataset from CSV text, and back. One record per line, fields split at a delimiter, spaces
// around a field ignored, "quoted ""fields""" for names holding commas or quotes, '#' lines are
// comments, blank lines are skipped. Every error names the line and column (both 1-based).
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"

namespace neurostep {

enum class CsvHeader { Auto, Yes, No };  // Auto: a header if a first-row field is not a number

struct CsvOptions {
  CsvHeader header = CsvHeader::Auto;
  std::vector<std::string> target_columns;   // names, or 1-based positions ("3"); default: last
  std::vector<std::string> feature_columns;  // default: every column that is not a target
  char delimiter = ',';  // if the first row lacks it but has ';' or a tab, that one is used
  long min_rows = 1;
};

namespace csv_detail {

struct Field {
  std::string text;
  bool quoted = false;
};

enum class Number { Ok, Empty, Text, NaN, Infinite, OutOfRange };

// Strict decimal grammar, the same natively and in WebAssembly: [+-] digits [. digits]
// [e [+-] digits], at least one digit in the mantissa. No hex, no spaces, no "1,5".
inline Number parse_number(const std::string& s, double& value) {
  if (s.empty()) return Number::Empty;
  std::size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) {
    std::string word;  // what follows the sign, lower-cased: nan and inf in any spelling
    for (std::size_t k = i; k < s.size(); ++k)
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(s[k])));
    if (word == "nan" || (word.rfind("nan(", 0) == 0 && word.back() == ')')) return Number::NaN;
    if (word == "inf" || word == "infinity") return Number::Infinite;
    return Number::Text;
  }
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  std::size_t mantissa = digits();
  if (i < s.size() && s[i] == '.') ++i, mantissa += digits();
  if (mantissa == 0) return Number::Text;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return Number::Text;
  }
  if (i != s.size()) return Number::Text;
#if defined(__cpp_lib_to_chars)
  // Both parsers round correctly; "out of range" means the value overflows to infinity or
  // underflows to zero (1e999, 1e-400). std::from_chars ignores the locale; Emscripten's
  // libc++ lacks it for double, but its strtod only knows the "C" locale.
  const char* first = s.data() + (s[0] == '+' ? 1 : 0);
  if (std::from_chars(first, s.data() + s.size(), value).ec != std::errc())
    return Number::OutOfRange;
#else
  errno = 0;
  value = std::strtod(s.c_str(), nullptr);
  if (errno == ERANGE && (value == 0.0 || std::isinf(value))) return Number::OutOfRange;
#endif
  return Number::Ok;
}

inline std::string in_quotes(const std::string& s) {  // for messages; long fields are cut short
  return '"' + (s.size() <= 40 ? s : s.substr(0, 37) + "...") + '"';
}

inline bool is_space(char c, char delimiter) { return (c == ' ' || c == '\t') && c != delimiter; }

// Splits one line at the delimiter. A quoted field ends at the next lone quote; "" inside it is
// one quote. Spaces around a field are dropped, inside quotes they are kept.
inline std::vector<Field> split_line(std::string_view line, char delimiter, long line_no) {
  std::vector<Field> fields;
  std::size_t i = 0;
  const std::size_t n = line.size();
  for (;;) {
    Field f;
    while (i < n && is_space(line[i], delimiter)) ++i;
    if (i < n && line[i] == '"') {
      f.quoted = true;
      for (++i;; ++i) {
        if (i >= n)
          fail_with("csv.quote_unclosed", "line {line}, column {column}: the quoted field has no closing quote",
                    {arg("line", line_no), arg("column", fields.size() + 1)});
        if (line[i] == '"' && (i + 1 == n || line[i + 1] != '"')) break;
        if (line[i] == '"') ++i;  // the first of "" is skipped, the second kept
        f.text += line[i];
      }
      for (++i; i < n && is_space(line[i], delimiter);) ++i;
      if (i != n && line[i] != delimiter)
        fail_with("csv.text_after_quote", "line {line}, column {column}: unexpected text after the closing quote",
                  {arg("line", line_no), arg("column", fields.size() + 1)});
    } else {
      const std::size_t start = i;
      while (i < n && line[i] != delimiter) ++i;
      std::size_t end = i;
      while (end > start && is_space(line[end - 1], delimiter)) --end;
      f.text = std::string(line.substr(start, end - start));
    }
    fields.push_back(std::move(f));
    if (i == n) return fields;
    ++i;  // past the delimiter
  }
}

// `column 3 ("x2")` when the header is known, `column 3` when it is not.
inline std::string column_label(int c, const std::vector<std::string>& names) {
  return "column " + std::to_string(c + 1) +
         (names.empty() ? "" : " (" + in_quotes(names[c]) + ")");
}

// A column chosen by name (header names win) or by 1-based position.
inline int find_column(const std::string& spec, const std::vector<std::string>& names, int columns,
                       const char* role) {
  for (int c = 0; c < static_cast<int>(names.size()); ++c)
    if (names[c] == spec) return c;
  const bool positional =
      !spec.empty() && spec.size() <= 9 &&
      std::all_of(spec.begin(), spec.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (positional) {
    const int position = std::stoi(spec);
    require(position >= 1 && position <= columns, role, " column ", position,
            " does not exist; the CSV has ", columns, " columns");
    return position - 1;
  }
  require(!names.empty(), "unknown ", role, " column ", in_quotes(spec),
          ": the CSV has no header, so give columns by position (1 to ", columns, ")");
  std::string list;
  for (std::size_t c = 0; c < names.size() && c < 20; ++c)
    list += (c ? ", " : "") + in_quotes(names[c]);
  if (names.size() > 20) list += ", and " + std::to_string(names.size() - 20) + " more";
  fail("unknown ", role, " column ", in_quotes(spec), "; the columns are ", list);
}

// The number in one field, or an error that says where and why.
inline double field_value(const std::string& s, long line_no, int c,
                          const std::vector<std::string>& names) {
  double value = 0.0;
  const Number status = parse_number(s, value);
  if (status == Number::Ok) return value;
  // line 3, column 2 ("x2"): ...
  const std::vector<MessageArg> at = {arg("line", line_no), arg("column", c + 1),
                                      arg("name", names.empty() ? "" : " (" + in_quotes(names[c]) + ")"),
                                      arg("field", in_quotes(s))};
  switch (status) {
    case Number::Empty: fail_with("csv.field_empty", "line {line}, column {column}{name}: the field is empty; a number is needed", at);
    case Number::NaN: fail_with("csv.field_nan", "line {line}, column {column}{name}: NaN is not allowed (found {field})", at);
    case Number::Infinite: fail_with("csv.field_infinite", "line {line}, column {column}{name}: infinity is not allowed (found {field})", at);
    case Number::OutOfRange: fail_with("csv.field_out_of_range", "line {line}, column {column}{name}: {field} is out of range for a double", at);
    default: fail_with("csv.field_not_number", "line {line}, column {column}{name}: {field} is not a number", at);
  }
}

// The names as given, or x1..xn for features and y (one target) or y1..yn for targets.
inline std::vector<std::string> names_or_default(std::vector<std::string> names, int n, char stem) {
  if (static_cast<int>(names.size()) == n) return names;
  names.clear();
  for (int i = 0; i < n; ++i)
    names.push_back(stem == 'y' && n == 1 ? "y" : stem + std::to_string(i + 1));
  return names;
}

// Non-blank, non-comment lines with their 1-based line numbers. CRLF and a UTF-8 BOM are fine.
inline std::vector<std::pair<long, std::string_view>> content_lines(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::pair<long, std::string_view>> lines;
  long line_no = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line[first] != '#') lines.emplace_back(line_no, line);
  }
  return lines;
}

// Text that reads back as the same double: 17 significant digits always do; 15 and 16 are
// tried first so that 0.1 is written "0.1". printf rounds exactly natively and in WebAssembly,
// so both write the same text.
inline std::string format_number(double v) {
  char buffer[32];
  for (int digits = 15;; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
    double back = 0.0;
    if (digits == 17 || (parse_number(buffer, back) == Number::Ok && back == v)) return buffer;
  }
}

// Header names must be present and distinct: they are how columns are chosen.
inline std::vector<std::string> header_names(const std::vector<Field>& header, long line_no) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c].text;
    require(!name.empty(), "line ", line_no, ", column ", c + 1, ": the column name is empty");
    // Lines end at \n (or \r\n); a lone \r inside a name could never be written back (write_csv).
    require(name.find('\r') == std::string::npos, "line ", line_no, ", column ", c + 1,
            ": the column name contains a carriage return; lines must end with \\n or \\r\\n");
    const auto same = std::find(names.begin(), names.end(), name);
    require(same == names.end(), "line ", line_no, ": duplicate column name ", in_quotes(name),
            " (columns ", same - names.begin() + 1, " and ", c + 1, ")");
    names.push_back(name);
  }
  return names;
}

// Targets as listed (default: the last column), then features as listed (default: all the
// others), each column at most once and never in both roles.
inline void choose_columns(const CsvOptions& options, const std::vector<std::string>& names,
                           int columns, std::vector<int>& features, std::vector<int>& targets) {
  const auto choose = [&](const std::vector<std::string>& specs, std::vector<int>& into,
                          const char* role) {
    for (const std::string& spec : specs) {
      const int c = find_column(spec, names, columns, role);
      const auto listed = [c](const std::vector<int>& v) {
        return std::find(v.begin(), v.end(), c) != v.end();
      };
      require(!listed(into), column_label(c, names), " is listed twice in the ", role, " columns");
      require(!listed(targets), column_label(c, names), " is both a feature and a target");
      into.push_back(c);
    }
  };
  choose(options.target_columns, targets, "target");
  if (targets.empty()) targets.push_back(columns - 1);
  choose(options.feature_columns, features, "feature");
  for (int c = 0; c < columns && options.feature_columns.empty(); ++c)
    if (std::find(targets.begin(), targets.end(), c) == targets.end()) features.push_back(c);
  require(!features.empty(), "no feature column is left once the targets are taken");
}

// Names that could be misread come back quoted: delimiters, quotes, edge spaces, a leading '#'
// (a comment), a leading UTF-8 BOM (read_csv drops one that starts the text), an empty name,
// or one that looks like a number (Auto would see no header).
inline std::string csv_name(const std::string& name) {
  require(name.find_first_of("\r\n") == std::string::npos, "column name ", in_quotes(name),
          " contains a line break");
  double ignored;
  const bool plain = !name.empty() && name.find_first_of(",\"") == std::string::npos &&
                     !is_space(name.front(), ',') && !is_space(name.back(), ',') &&
                     name.front() != '#' && name.rfind("\xEF\xBB\xBF", 0) != 0 &&
                     parse_number(name, ignored) == Number::Text;
  if (plain) return name;
  std::string escaped = "\"";
  for (char ch : name) escaped += ch == '"' ? "\"\"" : std::string(1, ch);
  return escaped + '"';
}

}  // namespace csv_detail

inline Dataset read_csv(const std::string& text, const CsvOptions& options = {}) {
  using namespace csv_detail;
  require(text.size() <= limits::max_text_bytes, "the CSV text has ", text.size(),
          " bytes; the limit is ", limits::max_text_bytes);
  const auto lines = content_lines(text);
  if (lines.empty()) fail_with("csv.empty", "the CSV text is empty", {});

  char delimiter = options.delimiter;
  const std::string_view first_line = lines[0].second;
  if (first_line.find(delimiter) == std::string_view::npos) {
    const auto semicolons = std::count(first_line.begin(), first_line.end(), ';');
    const auto tabs = std::count(first_line.begin(), first_line.end(), '\t');
    if (semicolons + tabs > 0) delimiter = semicolons >= tabs ? ';' : '\t';
  }

  const std::vector<Field> first = split_line(first_line, delimiter, lines[0].first);
  const int columns = static_cast<int>(first.size());
  require(columns <= limits::max_units, "line ", lines[0].first, " has ", columns,
          " fields; the limit is ", limits::max_units, " columns");
  bool has_header = options.header == CsvHeader::Yes;
  if (options.header == CsvHeader::Auto) {
    // A quoted field counts as a name, so write_csv can quote a header like "1","2".
    for (const Field& f : first) {
      double ignored;
      has_header = has_header || f.quoted || parse_number(f.text, ignored) == Number::Text;
    }
  }
  const std::vector<std::string> names =
      has_header ? header_names(first, lines[0].first) : std::vector<std::string>{};
  if (has_header && lines.size() <= 1) fail_with("csv.header_only", "the CSV has a header but no data rows", {});
  if (columns < 2)
    fail_with("csv.one_column", "the CSV has only 1 column (split at '{delimiter}'); a dataset needs a feature column and a target column",
              {arg("delimiter", std::string(1, delimiter))});
  std::vector<int> features, targets;
  choose_columns(options, names, columns, features, targets);

  // Values sample by sample: that is already Eigen's column-major order for x and y.
  std::vector<double> xs, ys;
  long rows = 0;
  for (std::size_t r = has_header ? 1 : 0; r < lines.size(); ++r) {
    const long line_no = lines[r].first;
    const std::vector<Field> fields =
        r == 0 ? first : split_line(lines[r].second, delimiter, line_no);
    if (static_cast<int>(fields.size()) != columns)
      fail_with("csv.ragged", "line {line}: expected {expected} fields but found {found} (ragged row)",
                {arg("line", line_no), arg("expected", columns), arg("found", fields.size())});
    require(++rows <= limits::max_samples, "the CSV has more than ", limits::max_samples,
            " data rows, the limit");
    require(
        rows * static_cast<long>(features.size() + targets.size()) <= limits::max_dataset_values,
        "the CSV has more than ", limits::max_dataset_values, " values, the limit");
    for (int c : features) xs.push_back(field_value(fields[c].text, line_no, c, names));
    for (int c : targets) ys.push_back(field_value(fields[c].text, line_no, c, names));
  }
  const long needed = std::max(options.min_rows, 1L);
  require(rows >= needed, "only ", rows, " data row", rows == 1 ? "" : "s", "; at least ", needed,
          " needed");

  Dataset d;
  const auto nf = static_cast<Eigen::Index>(features.size()),
             nt = static_cast<Eigen::Index>(targets.size());
  d.x = Eigen::Map<const Eigen::MatrixXd>(xs.data(), nf, rows);
  d.y = Eigen::Map<const Eigen::MatrixXd>(ys.data(), nt, rows);
  if (has_header) {
    for (int c : features) d.feature_names.push_back(names[c]);
    for (int c : targets) d.target_names.push_back(names[c]);
  }
  d.feature_names = names_or_default(d.feature_names, d.features(), 'x');
  d.target_names = names_or_default(d.target_names, d.targets(), 'y');
  validate(d, "the CSV data");
  return d;
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
