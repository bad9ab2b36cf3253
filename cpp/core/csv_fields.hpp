#pragma once
// The pieces of a CSV line: fields split at a delimiter (quotes respected), numbers in a strict
// decimal grammar that reads the same natively and in WebAssembly, and numbers written back
// so that they read as the same double. csv.hpp puts them together into a dataset.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace neurostep::csv_detail {


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

// Where a field is, as a message's arguments: "line {line}, column {column}{name}: ..." with
// name ' ("x2")' when the header is known, and the field's text quoted.
inline std::vector<MessageArg> field_args(long line_no, int c, const std::vector<std::string>& names,
                                          const std::string& text) {
  return {arg("line", line_no), arg("column", c + 1),
          arg("name", names.empty() ? "" : " (" + in_quotes(names[c]) + ")"), arg("field", in_quotes(text))};
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

// What a table writes for "no value": an empty field, NA, N/A, NaN (any case) or "?".
inline bool missing_token(const std::string& s) {
  if (s.empty() || s == "?" || s == "NA" || s == "N/A" || s == "n/a" || s == "na") return true;
  return s.size() == 3 && std::tolower(static_cast<unsigned char>(s[0])) == 'n' &&
         std::tolower(static_cast<unsigned char>(s[1])) == 'a' && std::tolower(static_cast<unsigned char>(s[2])) == 'n';
}

// Splits a line at runs of spaces and tabs (a space-separated file, as numpy.savetxt and R
// write them): spaces at either end are dropped, and quoted fields may hold spaces.
inline std::vector<Field> split_whitespace(std::string_view line, long line_no) {
  std::vector<Field> fields;
  std::size_t i = 0;
  const std::size_t n = line.size();
  const auto blank = [&](std::size_t k) { return line[k] == ' ' || line[k] == '\t'; };
  while (i < n && blank(i)) ++i;
  while (i < n) {
    Field f;
    if (line[i] == '"') {
      f.quoted = true;
      for (++i;; ++i) {
        if (i >= n)
          fail_with("csv.quote_unclosed", "line {line}, column {column}: the quoted field has no closing quote",
                    {arg("line", line_no), arg("column", fields.size() + 1)});
        if (line[i] == '"' && (i + 1 == n || line[i + 1] != '"')) break;
        if (line[i] == '"') ++i;
        f.text += line[i];
      }
      ++i;
      if (i != n && !blank(i))
        fail_with("csv.text_after_quote", "line {line}, column {column}: unexpected text after the closing quote",
                  {arg("line", line_no), arg("column", fields.size() + 1)});
    } else {
      const std::size_t start = i;
      while (i < n && !blank(i)) ++i;
      f.text = std::string(line.substr(start, i - start));
    }
    fields.push_back(std::move(f));
    while (i < n && blank(i)) ++i;
  }
  if (fields.empty()) fields.emplace_back();
  return fields;
}

// The delimiters a table may use; ' ' stands for runs of spaces and tabs.
inline bool known_delimiter(char d) { return d == ',' || d == ';' || d == '\t' || d == '|' || d == ' '; }

inline std::vector<Field> split_fields(std::string_view line, char delimiter, long line_no) {
  return delimiter == ' ' ? split_whitespace(line, line_no) : split_line(line, delimiter, line_no);
}

// "1,5" read as 1.5: a European number in a file whose fields are not split at commas. Only one
// comma, no point, digits on both sides of it: "1.234,5" (a thousands point) stays text.
inline Number parse_decimal_comma(const std::string& s, double& value) {
  const std::size_t comma = s.find(',');
  if (comma == std::string::npos || s.find(',', comma + 1) != std::string::npos ||
      s.find('.') != std::string::npos || comma == 0 || comma + 1 == s.size() ||
      !std::isdigit(static_cast<unsigned char>(s[comma - 1])) ||
      !std::isdigit(static_cast<unsigned char>(s[comma + 1])))
    return Number::Text;
  std::string dotted = s;
  dotted[comma] = '.';
  return parse_number(dotted, value);
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

}  // namespace neurostep::csv_detail
