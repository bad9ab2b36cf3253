#pragma once
// read_table: a table's text as a dataset, in two passes over its rows. The first finds what
// each chosen column holds (csv_columns.hpp); the second writes the values, one-hot columns
// for text features and class indices for a text target. csv.hpp describes the format.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "core/csv_columns.hpp"
#include "core/csv_dialect.hpp"
#include "core/csv_fields.hpp"
#include "core/csv_options.hpp"
#include "core/csv_select.hpp"
#include "core/dataset.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"

namespace neurostep {
namespace csv_detail {

// The number in one field for read_csv, or an error that says where and why.
inline double field_value(const Field& f, long line_no, int c, const std::vector<std::string>& names,
                          bool decimal_comma, bool& used_comma) {
  double value = 0.0;
  const Number status = parse_number(f.text, value);
  if (status == Number::Ok) return value;
  if (status == Number::Text && decimal_comma && parse_decimal_comma(f.text, value) == Number::Ok) {
    used_comma = true;
    return value;
  }
  // line 3, column 2 ("x2"): ...
  const std::vector<MessageArg> at = field_args(line_no, c, names, f.text);
  switch (status) {
    case Number::Empty: fail_with("csv.field_empty", "line {line}, column {column}{name}: the field is empty; a number is needed", at);
    case Number::NaN: fail_with("csv.field_nan", "line {line}, column {column}{name}: NaN is not allowed (found {field})", at);
    case Number::Infinite: fail_with("csv.field_infinite", "line {line}, column {column}{name}: infinity is not allowed (found {field})", at);
    case Number::OutOfRange: fail_with("csv.field_out_of_range", "line {line}, column {column}{name}: {field} is out of range for a double", at);
    default: fail_with("csv.field_not_number", "line {line}, column {column}{name}: {field} is not a number", at);
  }
}

// How one chosen column goes into the dataset.
struct Encoding {
  int column = 0;
  bool categorical = false;  // a feature: one 0/1 column per category; a target: class indices
  ColumnScan scan;
};

// "Column 3 ("x")": a column label starting a sentence.
inline std::string rows_text(long n) { return std::to_string(n) + (n == 1 ? " row" : " rows"); }

// Why a table is too wide once its text features are one-hot encoded, naming the widest.
[[noreturn]] inline void too_wide(const std::vector<Encoding>& enc, std::size_t n_features, long width,
                                  const std::vector<std::string>& names) {
  std::size_t widest = 0;
  for (std::size_t k = 0; k < n_features; ++k)
    if (enc[k].scan.category_count() > enc[widest].scan.category_count()) widest = k;
  const ColumnScan& s = enc[widest].scan;
  const long shown_width = s.too_many ? limits::max_units : width;
  const long shown_count = s.too_many ? limits::max_units : s.category_count();
  std::vector<MessageArg> args = column_args(enc[widest].column, names);
  for (MessageArg a : {arg("width", shown_width), arg("limit", limits::max_units), arg("count", shown_count)}) args.push_back(a);
  if (s.too_many)
    fail_with("csv.one_hot_too_wide_more", "one-hot encoding the text columns would make more than {width} feature columns, past the limit of {limit}: "
              "column {column}{name} alone has more than {count} different values. Leave it out of the features; a column with a different "
              "text in nearly every row is a name or an ID, not a category", args);
  fail_with("csv.one_hot_too_wide", "one-hot encoding the text columns would make {width} feature columns, past the limit of {limit}: "
            "column {column}{name} alone has {count} different values. Leave it out of the features; a column with a different "
            "text in nearly every row is a name or an ID, not a category", args);
}


// The values of row i of m, for a column's statistics.
inline std::vector<double> row_values(const Eigen::MatrixXd& m, Eigen::Index i) {
  std::vector<double> v(static_cast<std::size_t>(m.cols()));
  for (Eigen::Index j = 0; j < m.cols(); ++j) v[static_cast<std::size_t>(j)] = m(i, j);
  return v;
}

// Feature names (a one-hot column is "name=value"), missing features filled with their column's
// mean, target names and class names, and a notice for each encoded or useless column.
inline void describe_columns(Table& out, const std::vector<Encoding>& enc, std::size_t nf,
                             const std::vector<std::string>& names, const Description& description) {
  Dataset& d = out.data;
  const auto note = [&](const char* kind, Said said) {
    out.notices.push_back({kind, std::move(said.text), std::move(said.id), std::move(said.args)});
  };
  const long rows = d.size();
  long filled = 0;
  std::vector<std::string> filled_columns;
  Eigen::Index row = 0;
  for (std::size_t k = 0; k < nf; ++k) {
    const ColumnScan& s = enc[k].scan;
    const std::string label = column_label(enc[k].column, names);
    const std::string base = names.empty() ? "x" + std::to_string(k + 1) : names[enc[k].column];
    const int span = enc[k].categorical ? s.category_count() : 1;
    std::vector<std::string> own;
    for (const std::string& category : enc[k].categorical ? s.names() : std::vector<std::string>{""}) {
      // Lines end at \n (or \r\n); a lone \r inside a column name could never be written back.
      if (category.find('\r') != std::string::npos) {
        std::vector<MessageArg> args = column_args(enc[k].column, names);
        args.push_back(arg("text", in_quotes(category)));
        fail_with("csv.text_carriage_return", "the column {column}{name} holds the text {text}, which contains a carriage return; "
                  "lines must end with \\n or \\r\\n", args);
      }
      own.push_back(enc[k].categorical ? base + "=" + category : base);
      // A value's column is named column=value; that name must not be another column's own.
      if (enc[k].categorical && std::find(names.begin(), names.end(), own.back()) != names.end()) {
        std::vector<MessageArg> args = column_args(enc[k].column, names);
        args.push_back(arg("text", in_quotes(category)));
        args.push_back(arg("taken", in_quotes(own.back())));
        fail_with("csv.category_name_taken", "the column {column}{name} holds the text {text}, whose column of 0 and 1 would be named "
                  "{taken}, the name of another column; rename one of the two", args);
      }
    }
    d.feature_names.insert(d.feature_names.end(), own.begin(), own.end());
    bool any_filled = false;
    for (Eigen::Index i = row; i < row + span; ++i) {
      double sum = 0;  // the mean of the values present: sum / n
      long n = 0;
      for (long j = 0; j < rows; ++j)
        if (!std::isnan(d.x(i, j))) sum += d.x(i, j), ++n;
      if (n == 0)
        fail_with("csv.no_value_kept", "column {column}{name} has no value in the rows that are kept; leave it out of the features",
                  column_args(enc[k].column, names));
      for (long j = 0; j < rows; ++j)
        if (std::isnan(d.x(i, j))) {
          d.x(i, j) = sum / static_cast<double>(n);
          if (i == row) ++filled, any_filled = true;
        }
    }
    if (any_filled) filled_columns.push_back(label);
    // "Column {column}{name}": column 3, name ' ("x2")' when the header is known.
    std::vector<MessageArg> column = column_args(enc[k].column, names);
    if (enc[k].categorical) {
      std::vector<MessageArg> args = column;
      args.push_back(arg("span", span));
      args.push_back(arg("values", short_list(own)));
      note("one_hot", message_with("csv_notice.one_hot", "Column {column}{name} holds text, so it became {span} columns of 0 and 1, one per value: {values}.", args));
      if (span == 1)
        note("constant_column", message_with("csv_notice.constant_text", "Column {column}{name} has the same text in every row, so it cannot help the network; "
                                             "consider leaving it out.", column));
      else if (span >= 5 && span == rows)
        note("id_column", message_with("csv_notice.id_text", "Column {column}{name} has a different text in every row, so it looks like a name or an ID; "
                                       "consider leaving it out, as it cannot help predict.", column));
    } else if (Said why = useless_column_note(row_values(d.x, row), column); !why.id.empty()) {
      const char* kind = why.id == "csv_notice.constant_value" ? "constant_column" : "id_column";
      note(kind, std::move(why));
    }
    row += span;
  }
  std::vector<std::string> sorted = d.feature_names;
  std::sort(sorted.begin(), sorted.end());
  const auto twice = std::adjacent_find(sorted.begin(), sorted.end());
  if (twice != sorted.end())
    fail_with("csv.one_hot_name_twice", "two feature columns would both be named {name} once the text columns are one-hot encoded; "
              "rename the column that has this name", {arg("name", in_quotes(*twice))});
  if (filled == 1)
    note("missing_filled", message_with("csv_notice.missing_filled_single", "Filled 1 missing value with the column's mean, in {columns}.",
                                        {arg("columns", short_list(filled_columns))}));
  else if (filled > 1)
    note("missing_filled", message_with("csv_notice.missing_filled", "Filled {filled} missing values with the column's mean, in {columns}.",
                                        {arg("filled", filled), arg("columns", short_list(filled_columns))}));

  for (std::size_t k = nf; k < enc.size(); ++k) {
    const std::size_t t = k - nf;
    d.target_names.push_back(!names.empty() ? names[enc[k].column]
                             : enc.size() - nf == 1 ? "y" : "y" + std::to_string(t + 1));
    if (enc[k].categorical) {
      d.class_names = enc[k].scan.names();
      std::vector<MessageArg> args = column_args(enc[k].column, names);
      args.push_back(arg("classes_count", d.class_names.size()));
      args.push_back(arg("last", d.class_names.size() - 1));
      args.push_back(arg("classes", short_list(d.class_names)));
      note("classes", message_with("csv_notice.classes_text", "The target column {column}{name} holds text, so its {classes_count} classes became the class indices 0 to {last}: {classes}.", args));
    }
  }
  // scikit-learn's description names the classes of a target of indices 0 .. k-1.
  if (d.class_names.empty() && d.targets() == 1 && description.class_names.size() >= 2) {
    const auto k = static_cast<double>(description.class_names.size());
    bool indices = true;
    for (long j = 0; j < rows && indices; ++j)
      indices = d.y(0, j) == std::floor(d.y(0, j)) && d.y(0, j) >= 0 && d.y(0, j) < k;
    if (indices) {
      d.class_names = description.class_names;
      note("classes", message_with("csv_notice.classes_described", "The classes 0 to {last} are named as the first line says: {classes}.",
                                   {arg("last", d.class_names.size() - 1), arg("classes", short_list(d.class_names))}));
    }
  }
}

}  // namespace csv_detail

inline Table read_table(const std::string& text, const CsvOptions& options = {}) {
  using namespace csv_detail;
  if (text.size() > limits::max_text_bytes)
    fail_with("csv.too_long", "the CSV text has {bytes} bytes; the limit is {limit}", {arg("bytes", text.size()), arg("limit", limits::max_text_bytes)});
  if (!(options.skip_lines >= 0 && options.skip_lines <= limits::max_samples))
    fail_with("csv.skip_lines", "skip lines must be between 0 and {max}, got {value}", {arg("max", limits::max_samples), arg("value", options.skip_lines)});
  Table out;
  const auto note = [&](const char* kind, Said said) {
    out.notices.push_back({kind, std::move(said.text), std::move(said.id), std::move(said.args)});
  };
  Lines lines = content_lines(text);
  if (options.skip_lines > 0) {
    lines.erase(std::remove_if(lines.begin(), lines.end(), [&](const auto& l) { return l.first <= options.skip_lines; }),
                lines.end());
    note("skipped_lines", message_with("csv_notice.skipped_lines", "The first {lines} lines were skipped, as asked.",
                                       {arg("lines", options.skip_lines)}));
    if (lines.empty())
      fail_with("csv.skipped_all", "nothing is left of the CSV text after skipping its first {lines} lines", {arg("lines", options.skip_lines)});
  }
  if (lines.empty()) fail_with("csv.empty", "the CSV text is empty", {});

  char delimiter = options.delimiter;
  if (delimiter == 0) {
    delimiter = detect_delimiter(lines);
    note("delimiter", delimiter_notice(delimiter));
  }
  if (!known_delimiter(delimiter))
    fail_with("csv.delimiter", "the delimiter must be a comma, a semicolon, a tab, a pipe (|) or a space", {});
  out.delimiter = delimiter;
  const bool decimal_comma = delimiter != ',';

  const Description description = describe_first_line(lines, delimiter);
  const std::size_t start = description.found ? 1 : 0;
  if (description.found) note("description", description.why);
  const std::vector<Field> first = split_fields(lines[start].second, delimiter, lines[start].first);
  const int columns = static_cast<int>(first.size());
  if (columns > limits::max_units)
    fail_with("csv.too_many_columns", "line {line} has {fields} fields; the limit is {limit} columns",
              {arg("line", lines[start].first), arg("fields", columns), arg("limit", limits::max_units)});
  const bool has_header = options.header == CsvHeader::Yes ||
                          (options.header == CsvHeader::Auto && looks_like_header(lines, start, delimiter, options.categories));
  out.header = has_header;
  const std::vector<std::string> names = has_header ? header_names(first, lines[start].first) : std::vector<std::string>{};
  if (has_header && lines.size() <= start + 1) fail_with("csv.header_only", "the CSV has a header but no data rows", {});
  if (columns < 2 && delimiter == ' ')
    fail_with("csv.one_column_spaces", "the CSV has only 1 column (split at spaces); a dataset needs a feature column and a target column", {});
  if (columns < 2)
    fail_with("csv.one_column", "the CSV has only 1 column (split at '{delimiter}'); a dataset needs a feature column and a target column",
              {arg("delimiter", std::string(1, delimiter))});
  std::vector<int> features, targets;
  choose_columns(options.target_columns, options.feature_columns, names, columns, features, targets);
  std::vector<Encoding> enc;
  for (int c : features) enc.push_back({c, false, {}});
  for (int c : targets) enc.push_back({c, false, {}});
  const std::size_t nf = features.size(), nt = targets.size();
  const std::size_t data_start = start + (has_header ? 1 : 0);

  // Pass 1: the numbers only (read_csv: every value written at once), or what each column holds.
  std::vector<double> xs, ys;
  long rows = 0, rows_missing = 0, missing_line = 0;
  int missing_column = 0;
  std::string missing_text;
  bool used_comma = false;
  for (std::size_t r = data_start; r < lines.size(); ++r) {
    const long line_no = lines[r].first;
    const std::vector<Field> fields = r == start ? first : split_fields(lines[r].second, delimiter, line_no);
    if (static_cast<int>(fields.size()) != columns)
      fail_with("csv.ragged", "line {line}: expected {expected} fields but found {found} (ragged row)",
                {arg("line", line_no), arg("expected", columns), arg("found", fields.size())});
    if (++rows > limits::max_samples)
      fail_with("csv.too_many_rows", "the CSV has more than {limit} data rows, the limit", {arg("limit", limits::max_samples)});
    if (rows * static_cast<long>(nf + nt) > limits::max_dataset_values)
      fail_with("csv.too_many_values", "the CSV has more than {limit} values, the limit", {arg("limit", limits::max_dataset_values)});
    bool row_missing = false;
    for (std::size_t k = 0; k < enc.size(); ++k) {
      const int c = enc[k].column;
      if (!options.categories) {
        (k < nf ? xs : ys).push_back(field_value(fields[c], line_no, c, names, decimal_comma, used_comma));
        continue;
      }
      double v = 0;
      const Cell cell = read_cell(fields[c], decimal_comma, v, used_comma, field_args(line_no, c, names, fields[c].text));
      enc[k].scan.add(cell, fields[c].text, line_no);
      if (cell == Cell::Missing && !row_missing) {
        row_missing = true;
        if (rows_missing++ == 0) missing_line = line_no, missing_column = c, missing_text = fields[c].text;
      }
    }
  }
  if (used_comma)
    note("decimal_comma", message_with("csv_notice.decimal_comma", "Numbers written with a decimal comma (such as \"1,5\") were read as decimals.", {}));

  if (options.categories) {
    long width = 0;
    for (std::size_t k = 0; k < enc.size(); ++k) {
      ColumnScan& s = enc[k].scan;
      const std::string label = column_label(enc[k].column, names);
      if (s.numbers + s.texts == 0) {
        std::vector<MessageArg> args = column_args(enc[k].column, names);
        args.push_back(arg("value", in_quotes(s.first_missing)));
        args.push_back(arg("line", s.first_missing_line));
        if (k < nf)
          fail_with("csv.only_missing_feature", "column {column}{name} has only missing values (the first, {value}, on line {line}); leave it out of the features", args);
        fail_with("csv.only_missing_target", "column {column}{name} has only missing values (the first, {value}, on line {line}); leave it out of the targets", args);
      }
      if (s.texts > 0 && !s.categorical()) {
        std::vector<MessageArg> at = field_args(s.first_text_line, enc[k].column, names, s.first_text);
        at.push_back(arg("numbers", s.numbers));
        fail_with("csv.text_in_numbers", "line {line}, column {column}{name}: {field} is not a number, though the column's other {numbers} values are numbers", at);
      }
      enc[k].categorical = s.categorical();
      s.number_categories();
      if (k < nf) width += enc[k].categorical ? s.category_count() : 1;
    }
    if (width > limits::max_units) too_wide(enc, nf, width, names);
    for (std::size_t k = nf; k < enc.size(); ++k) {
      if (!enc[k].categorical) continue;
      const std::string label = column_label(enc[k].column, names);
      std::vector<MessageArg> args = column_args(enc[k].column, names);
      if (nt != 1) fail_with("csv.text_target_alone", "column {column}{name} holds text: a text target (class names) must be the only target column", args);
      args.push_back(arg("limit", limits::max_units));
      if (enc[k].scan.too_many) fail_with("csv.too_many_classes", "column {column}{name} has more than {limit} different classes, the limit", args);
    }
    if (rows_missing > 0 && options.missing == CsvMissing::Refuse) {
      std::vector<MessageArg> at = field_args(missing_line, missing_column, names, missing_text);
      at.push_back(arg("missing", rows_missing));
      at.push_back(arg("rows", rows));
      if (rows_missing == 1)
        fail_with("csv.missing_single", "line {line}, column {column}{name}: the value is missing ({field}); 1 row of {rows} has a missing value. "
                  "Drop those rows, or fill each missing feature with its column's mean", at);
      fail_with("csv.missing", "line {line}, column {column}{name}: the value is missing ({field}); {missing} rows of {rows} have a missing value. "
                "Drop those rows, or fill each missing feature with its column's mean", at);
    }
  }

  // Pass 2: the values, text features one-hot and a text target as class indices. A missing
  // value is NaN until its row is dropped or its column's mean fills it.
  long dropped = 0, targets_dropped = 0;
  if (options.categories) {
    rows = 0;
    const double nan = std::nan("");
    for (std::size_t r = data_start; r < lines.size(); ++r) {
      const long line_no = lines[r].first;
      const std::vector<Field> fields = r == start ? first : split_fields(lines[r].second, delimiter, line_no);
      std::vector<double> x, y;
      bool row_missing = false, target_missing = false;
      for (std::size_t k = 0; k < enc.size(); ++k) {
        const Field& f = fields[enc[k].column];
        double v = 0;
        bool ignored = false;
        const Cell cell = read_cell(f, decimal_comma, v, ignored, {});  // pass 1 has reported any bad field
        row_missing = row_missing || cell == Cell::Missing;
        target_missing = target_missing || (k >= nf && cell == Cell::Missing);
        const ColumnScan& s = enc[k].scan;
        const int index = cell == Cell::Missing || !enc[k].categorical ? -1 : s.categories.at(f.text);
        if (k >= nf) y.push_back(cell == Cell::Missing ? nan : enc[k].categorical ? index : v);
        else if (!enc[k].categorical) x.push_back(cell == Cell::Missing ? nan : v);
        else
          for (int i = 0; i < s.category_count(); ++i) x.push_back(cell == Cell::Missing ? nan : i == index ? 1.0 : 0.0);
      }
      if ((row_missing && options.missing == CsvMissing::DropRows) || target_missing) {
        ++dropped;
        targets_dropped += target_missing ? 1 : 0;
        continue;
      }
      ++rows;
      xs.insert(xs.end(), x.begin(), x.end());
      ys.insert(ys.end(), y.begin(), y.end());
    }
  }
  const long needed = std::max(options.min_rows, 1L);
  if (rows < needed) {
    const std::vector<MessageArg> args = {arg("rows", rows), arg("dropped", rows_text(dropped)), arg("needed", needed)};
    if (dropped > 0 && rows == 1)
      fail_with("csv.too_few_rows_dropped_single", "only {rows} data row are left once the {dropped} with missing values are dropped; at least {needed} needed", args);
    if (dropped > 0)
      fail_with("csv.too_few_rows_dropped", "only {rows} data rows are left once the {dropped} with missing values are dropped; at least {needed} needed", args);
    if (rows == 1) fail_with("csv.too_few_rows_single", "only {rows} data row; at least {needed} needed", args);
    fail_with("csv.too_few_rows", "only {rows} data rows; at least {needed} needed", args);
  }

  Dataset& d = out.data;
  const long width = rows ? static_cast<long>(xs.size()) / rows : 0;
  d.x = Eigen::Map<const Eigen::MatrixXd>(xs.data(), width, rows);
  d.y = Eigen::Map<const Eigen::MatrixXd>(ys.data(), static_cast<Eigen::Index>(nt), rows);
  // {dropped} and {remain} are "3 rows" (the page says them in its language, i18n/engine.ts).
  if (dropped > targets_dropped)
    note("missing_dropped", message_with("csv_notice.missing_dropped", "Dropped {dropped} with missing values (the first on line {line}); {remain} remain.",
                                         {arg("dropped", rows_text(dropped)), arg("line", missing_line), arg("remain", rows_text(rows))}));
  else if (targets_dropped > 0)
    note("missing_dropped", message_with("csv_notice.target_dropped", "Dropped {dropped} whose target is missing; a target is never filled in. {remain} remain.",
                                         {arg("dropped", rows_text(targets_dropped)), arg("remain", rows_text(rows))}));

  if (options.categories) describe_columns(out, enc, nf, names, description);
  else {
    for (int c : features) d.feature_names.push_back(has_header ? names[c] : "");
    for (int c : targets) d.target_names.push_back(has_header ? names[c] : "");
    d.feature_names = names_or_default(has_header ? d.feature_names : std::vector<std::string>{}, d.features(), 'x');
    d.target_names = names_or_default(has_header ? d.target_names : std::vector<std::string>{}, d.targets(), 'y');
  }
  validate(d, "the CSV data");
  return out;
}

}  // namespace neurostep
