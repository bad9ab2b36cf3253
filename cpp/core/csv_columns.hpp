#pragma once
// What each chosen column of a table holds, found in a first pass over its rows: numbers, text
// (categories) or missing values. read_table then decides how to encode each column: a number
// stays one column, a text feature becomes one 0/1 column per category ("sex=male"), a text
// target becomes class indices.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/csv_fields.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"

namespace neurostep::csv_detail {

enum class Cell { Number, Text, Missing };

// A field as a table cell: a number (also "1,5" where decimal commas are allowed), a missing
// value, or text. Infinity and out-of-range numbers are errors, not text.
// `at` says where the field is (field_args).
inline Cell read_cell(const Field& f, bool decimal_comma, double& value, bool& used_comma,
                      const std::vector<MessageArg>& at) {
  if (missing_token(f.text)) return Cell::Missing;
  switch (parse_number(f.text, value)) {
    case Number::Ok: return Cell::Number;
    case Number::NaN: return Cell::Missing;  // -nan, nan(0x7)
    case Number::Infinite: fail_with("csv.field_infinite", "line {line}, column {column}{name}: infinity is not allowed (found {field})", at);
    case Number::OutOfRange: fail_with("csv.field_out_of_range", "line {line}, column {column}{name}: {field} is out of range for a double", at);
    default: break;
  }
  if (decimal_comma && parse_decimal_comma(f.text, value) == Number::Ok) {
    used_comma = true;
    return Cell::Number;
  }
  return Cell::Text;
}

struct ColumnScan {
  long numbers = 0, texts = 0, missing = 0;
  long first_text_line = 0, first_missing_line = 0;
  std::string first_text, first_missing;
  std::map<std::string, int> categories;  // distinct texts in sorted order; stops past the limit
  bool too_many = false;                  // more distinct texts than limits::max_units

  std::map<std::string, int> number_texts;  // numbers as written, for a text column: "3" is a category there
  bool too_many_numbers = false;

  void add(Cell kind, const std::string& text, long line_no) {
    if (kind == Cell::Number && number_texts.count(text) == 0) {
      if (static_cast<int>(number_texts.size()) < limits::max_units) number_texts.emplace(text, 0);
      else too_many_numbers = true;
    }
    if (kind == Cell::Number) ++numbers;
    if (kind == Cell::Missing && missing++ == 0) first_missing_line = line_no, first_missing = text;
    if (kind != Cell::Text) return;
    if (texts++ == 0) first_text_line = line_no, first_text = text;
    if (categories.count(text) == 0) {
      if (static_cast<int>(categories.size()) < limits::max_units) categories.emplace(text, 0);
      else too_many = true;
    }
  }
  // A text column, or a column of numbers with a stray word in it (a typo, not a category):
  // numbers outnumber the texts nine to one.
  bool categorical() const { return texts > 0 && numbers < 9 * texts; }
  int category_count() const { return static_cast<int>(categories.size()) + (too_many ? 1 : 0); }
  // Category index by sorted name, as scikit-learn's LabelEncoder and pandas' get_dummies. In a
  // text column the numbers are categories too, named as written.
  void number_categories() {
    if (categorical()) {
      for (const auto& entry : number_texts) {
        if (categories.count(entry.first)) continue;
        if (static_cast<int>(categories.size()) < limits::max_units) categories.emplace(entry.first, 0);
        else too_many = true;
      }
      too_many = too_many || too_many_numbers;
    }
    int i = 0;
    for (auto& entry : categories) entry.second = i++;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& entry : categories) out.push_back(entry.first);
    return out;
  }
};

// "a, b, c, and 7 more" for a notice.
inline std::string short_list(const std::vector<std::string>& items, std::size_t shown = 10) {
  std::vector<std::string> head(items.begin(), items.begin() + static_cast<long>(std::min(shown, items.size())));
  std::string out = join(head);
  if (items.size() > shown) out += ", and " + std::to_string(items.size() - shown) + " more";
  return out;
}

// A column whose every value is the same, or whose values look like a row number or an ID:
// whole numbers, all different, filling a range (1, 2, 3, ...). Either is of no use to a network.
// Returns the notice (csv_notice.constant_value or .id_number), or one without an id when the
// column looks like data. `column` names the column (column_args).
inline Said useless_column_note(std::vector<double> values, std::vector<MessageArg> column) {
  if (values.size() < 2) return {};
  std::sort(values.begin(), values.end());
  if (values.front() == values.back()) {
    column.push_back(arg("value", format_number(values.front())));
    return message_with("csv_notice.constant_value", "Column {column}{name} has the same value ({value}) in every row, so it cannot help the network; "
                        "consider leaving it out.", column);
  }
  const bool whole = std::all_of(values.begin(), values.end(), [](double v) { return v == std::floor(v); });
  const bool distinct = std::adjacent_find(values.begin(), values.end()) == values.end();
  if (values.size() >= 5 && whole && distinct && values.back() - values.front() + 1 == static_cast<double>(values.size())) {
    column.push_back(arg("first", format_number(values[0])));
    column.push_back(arg("second", format_number(values[1])));
    column.push_back(arg("third", format_number(values[2])));
    return message_with("csv_notice.id_number", "Column {column}{name} counts {first}, {second}, {third}, ... with a different whole number in every row, "
                        "so it looks like a row number or an ID; consider leaving it out, as it cannot help predict.", column);
  }
  return {};
}

}  // namespace neurostep::csv_detail
