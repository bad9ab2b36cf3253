// libFuzzer target: read_csv and read_table on arbitrary text, with options taken from the input's first bytes.
// A neurostep::Error is the expected answer to bad text. Beyond not crashing, a dataset that
// read_csv accepts must be valid, and must come back exactly through write_csv and read_csv
// (targets chosen by name), as csv.hpp promises.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/csv.hpp"

namespace {

using namespace neurostep;

[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "fuzz_csv: %s\n", what.c_str());
  std::abort();
}

// A column as the page gives one: a position ("2"), a name, or something odd.
std::string column_spec(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0: return std::to_string(in.ConsumeIntegralInRange(-1, 6));
    case 1: return std::string(1, static_cast<char>('a' + in.ConsumeIntegralInRange(0, 3)));
    case 2: return "999999999";
    default: return in.ConsumeRandomLengthString(12);
  }
}

CsvOptions options_from(FuzzedDataProvider& in) {
  CsvOptions o;
  o.header = static_cast<CsvHeader>(in.ConsumeIntegralInRange(0, 2));
  const char delimiters[] = {',', ';', '\t', ' ', '|', '"', '#', '\0'};
  o.delimiter = delimiters[in.ConsumeIntegralInRange<std::size_t>(0, sizeof delimiters - 1)];
  const int targets = in.ConsumeIntegralInRange(0, 3), features = in.ConsumeIntegralInRange(0, 3);
  for (int i = 0; i < targets; ++i) o.target_columns.push_back(column_spec(in));
  for (int i = 0; i < features; ++i) o.feature_columns.push_back(column_spec(in));
  const long min_rows[] = {1, 0, 2, 5, -1, 1'000'000'000};
  o.min_rows = min_rows[in.ConsumeIntegralInRange<std::size_t>(0, 5)];
  const long skip[] = {0, 0, 1, 2, -1};
  o.skip_lines = skip[in.ConsumeIntegralInRange<std::size_t>(0, 4)];
  o.missing = static_cast<CsvMissing>(in.ConsumeIntegralInRange(0, 2));
  return o;
}

bool same(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
}

void check_round_trip(const Dataset& d) {
  validate(d, "read_csv's result");
  if (static_cast<int>(d.feature_names.size()) != d.features() ||
      static_cast<int>(d.target_names.size()) != d.targets())
    broken("a name per column is missing");
  std::string text;
  try {
    text = write_csv(d);
  } catch (const Error& e) {
    broken(std::string("write_csv refused what read_csv gave: ") + e.what());
  }
  CsvOptions back;
  back.header = CsvHeader::Yes;
  back.target_columns = d.target_names;
  Dataset again;
  try {
    again = read_csv(text, back);
  } catch (const Error& e) {
    broken(std::string("read_csv refused what write_csv wrote: ") + e.what() + "\n" + text);
  }
  if (!same(d.x, again.x) || !same(d.y, again.y)) broken("values changed in write_csv/read_csv:\n" + text);
  if (d.feature_names != again.feature_names || d.target_names != again.target_names)
    broken("names changed in write_csv/read_csv:\n" + text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const CsvOptions options = options_from(in);
  const std::string text = in.ConsumeRemainingBytesAsString();
  // read_csv (numbers only), then read_table (delimiter and description detection, text
  // columns as categories, missing values dropped or filled): each result must round-trip.
  for (bool categories : {false, true}) {
    Dataset d;
    try {
      if (categories) {
        const Table t = read_table(text, options);
        for (const CsvNotice& n : t.notices)
          if (n.kind.empty() || n.message.empty()) broken("a notice without a kind or a message");
        d = t.data;
      } else {
        d = read_csv(text, options);
      }
    } catch (const Error&) {
      continue;  // bad input, said clearly
    }
    check_round_trip(d);
  }
  return 0;
}
