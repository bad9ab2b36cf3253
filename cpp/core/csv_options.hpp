#pragma once
// What read_table is asked (CsvOptions) and what it answers (Table: the dataset, and notices
// saying what it detected, skipped and encoded).
#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "core/error.hpp"

namespace neurostep {

enum class CsvHeader { Auto, Yes, No };  // Auto: see csv_detail::looks_like_header
enum class CsvMissing { Refuse, DropRows, FillMean };

struct CsvOptions {
  CsvHeader header = CsvHeader::Auto;
  std::vector<std::string> target_columns;   // names, or 1-based positions ("3"); default: last
  std::vector<std::string> feature_columns;  // default: every column that is not a target
  char delimiter = 0;    // 0: detected; else one of , ; \t | and ' ' (runs of spaces and tabs)
  long skip_lines = 0;   // lines of the text to ignore before the table (a title, a licence)
  long min_rows = 1;
  bool categories = true;  // text columns become categories (read_csv turns this off)
  CsvMissing missing = CsvMissing::Refuse;
};

// Something read_table decided that the user should see. kind is for code ("delimiter",
// "skipped_lines", "description", "decimal_comma", "one_hot", "classes", "missing_dropped",
// "missing_filled", "constant_column", "id_column"); message is the sentence to show, in English;
// id and args say it in another language (message_with, error.hpp).
struct CsvNotice {
  std::string kind;
  std::string message;
  std::string id;
  std::vector<MessageArg> args;
};

struct Table {
  Dataset data;
  std::vector<CsvNotice> notices;
  char delimiter = ',';
  bool header = false;
};

}  // namespace neurostep
