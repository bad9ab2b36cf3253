#pragma once
// Columns of a table by name or position, their names checked and written back.
#include <algorithm>
#include <string>
#include <vector>

#include "core/csv_fields.hpp"
#include "core/error.hpp"

namespace neurostep::csv_detail {

// `column 3 ("x2")` when the header is known, `column 3` when it is not.
inline std::string column_label(int c, const std::vector<std::string>& names) {
  return "column " + std::to_string(c + 1) +
         (names.empty() ? "" : " (" + in_quotes(names[c]) + ")");
}

// The same as a message's arguments: column 3, name ' ("x2")' or "".
inline std::vector<MessageArg> column_args(int c, const std::vector<std::string>& names) {
  return {arg("column", c + 1), arg("name", names.empty() ? "" : " (" + in_quotes(names[c]) + ")")};
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
    if (!(position >= 1 && position <= columns))
      fail_with("csv.column_position", "{role} column {position} does not exist; the CSV has {columns} columns",
                {arg("role", role), arg("position", position), arg("columns", columns)});
    return position - 1;
  }
  if (names.empty())
    fail_with("csv.column_no_header", "unknown {role} column {spec}: the CSV has no header, so give columns by position (1 to {columns})",
              {arg("role", role), arg("spec", in_quotes(spec)), arg("columns", columns)});
  std::string list;
  for (std::size_t c = 0; c < names.size() && c < 20; ++c)
    list += (c ? ", " : "") + in_quotes(names[c]);
  if (names.size() > 20) list += ", and " + std::to_string(names.size() - 20) + " more";
  fail_with("csv.column_unknown", "unknown {role} column {spec}; the columns are {names}",
            {arg("role", role), arg("spec", in_quotes(spec)), arg("names", list)});
}

// The names as given, or x1..xn for features and y (one target) or y1..yn for targets.
inline std::vector<std::string> names_or_default(std::vector<std::string> names, int n, char stem) {
  if (static_cast<int>(names.size()) == n) return names;
  names.clear();
  for (int i = 0; i < n; ++i)
    names.push_back(stem == 'y' && n == 1 ? "y" : stem + std::to_string(i + 1));
  return names;
}

// Header names must be present and distinct: they are how columns are chosen.
inline std::vector<std::string> header_names(const std::vector<Field>& header, long line_no) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c].text;
    if (name.empty())
      fail_with("csv.name_empty", "line {line}, column {column}: the column name is empty", {arg("line", line_no), arg("column", c + 1)});
    // Lines end at \n (or \r\n); a lone \r inside a name could never be written back (write_csv).
    if (name.find('\r') != std::string::npos)
      fail_with("csv.name_carriage_return", "line {line}, column {column}: the column name contains a carriage return; lines must end with \\n or \\r\\n",
                {arg("line", line_no), arg("column", c + 1)});
    const auto same = std::find(names.begin(), names.end(), name);
    if (same != names.end())
      fail_with("csv.name_twice", "line {line}: duplicate column name {name} (columns {first} and {second})",
                {arg("line", line_no), arg("name", in_quotes(name)), arg("first", same - names.begin() + 1), arg("second", c + 1)});
    names.push_back(name);
  }
  return names;
}

// Targets as listed (default: the last column), then features as listed (default: all the
// others), each column at most once and never in both roles.
inline void choose_columns(const std::vector<std::string>& target_specs,
                           const std::vector<std::string>& feature_specs,
                           const std::vector<std::string>& names, int columns,
                           std::vector<int>& features, std::vector<int>& targets) {
  const auto choose = [&](const std::vector<std::string>& specs, std::vector<int>& into,
                          const char* role) {
    for (const std::string& spec : specs) {
      const int c = find_column(spec, names, columns, role);
      const auto listed = [c](const std::vector<int>& v) {
        return std::find(v.begin(), v.end(), c) != v.end();
      };
      std::vector<MessageArg> args = column_args(c, names);
      args.push_back(arg("role", role));
      if (listed(into)) fail_with("csv.column_twice", "column {column}{name} is listed twice in the {role} columns", args);
      if (listed(targets)) fail_with("csv.column_both", "column {column}{name} is both a feature and a target", args);
      into.push_back(c);
    }
  };
  choose(target_specs, targets, "target");
  if (targets.empty()) targets.push_back(columns - 1);
  choose(feature_specs, features, "feature");
  for (int c = 0; c < columns && feature_specs.empty(); ++c)
    if (std::find(targets.begin(), targets.end(), c) == targets.end()) features.push_back(c);
  if (features.empty()) fail_with("csv.no_features", "no feature column is left once the targets are taken", {});
}

// Names that could be misread come back quoted: delimiters, quotes, edge spaces, a leading '#'
// (a comment), a leading UTF-8 BOM (read_csv drops one that starts the text), an empty name,
// or one that looks like a number (Auto would see no header).
inline std::string csv_name(const std::string& name) {
  if (name.find_first_of("\r\n") != std::string::npos)
    fail_with("csv.name_line_break", "column name {name} contains a line break", {arg("name", in_quotes(name))});
  double ignored;
  const bool plain = !name.empty() && name.find_first_of(",;|\t\"") == std::string::npos &&
                     !is_space(name.front(), ',') && !is_space(name.back(), ',') &&
                     name.front() != '#' && name.rfind("\xEF\xBB\xBF", 0) != 0 &&
                     parse_number(name, ignored) == Number::Text;
  if (plain) return name;
  std::string escaped = "\"";
  for (char ch : name) escaped += ch == '"' ? "\"\"" : std::string(1, ch);
  return escaped + '"';
}

}  // namespace neurostep::csv_detail
