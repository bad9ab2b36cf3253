#include "core/csv.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>

#include "core/generators.hpp"

using namespace neurostep;
using Catch::Contains;

namespace {
bool bitwise_equal(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0;
}
CsvOptions targets(std::vector<std::string> names) {
  CsvOptions o;
  o.target_columns = std::move(names);
  return o;
}
}  // namespace

TEST_CASE("a CSV with a header becomes features and a last-column target", "[data]") {
  const Dataset d = read_csv("x1,x2,y\n1,2,3\n4.5,-5e-1,6\n");
  REQUIRE(d.size() == 2);
  REQUIRE(d.features() == 2);
  REQUIRE(d.targets() == 1);
  CHECK(d.feature_names == std::vector<std::string>{"x1", "x2"});
  CHECK(d.target_names == std::vector<std::string>{"y"});
  CHECK(d.x(0, 0) == 1.0);
  CHECK(d.x(1, 0) == 2.0);
  CHECK(d.x(0, 1) == 4.5);
  CHECK(d.x(1, 1) == -0.5);
  CHECK(d.y(0, 0) == 3.0);
  CHECK(d.y(0, 1) == 6.0);
}

TEST_CASE("the header is detected, or forced on and off", "[data]") {
  const Dataset numbers = read_csv("1,2,3\n4,5,6\n");
  CHECK(numbers.size() == 2);
  CHECK(numbers.feature_names == std::vector<std::string>{"x1", "x2"});
  CHECK(numbers.target_names == std::vector<std::string>{"y"});

  CsvOptions yes;
  yes.header = CsvHeader::Yes;
  const Dataset named = read_csv("1,2,3\n4,5,6\n", yes);
  CHECK(named.size() == 1);
  CHECK(named.feature_names == std::vector<std::string>{"1", "2"});

  CsvOptions no;
  no.header = CsvHeader::No;
  REQUIRE_THROWS_WITH(read_csv("a,b\n1,2\n", no),
                      Contains("line 1, column 1: \"a\" is not a number"));
  // One text field is enough to make a header; a quoted number counts as a name.
  CHECK(read_csv("1,b,3\n4,5,6\n").feature_names == std::vector<std::string>{"1", "b"});
  CHECK(read_csv("\"1\",\"2\"\n4,5\n").size() == 1);
}

TEST_CASE("CSV layout: CRLF, blank lines, comments, spaces, quotes, BOM, delimiters", "[data]") {
  const std::string messy =
      "\xEF\xBB\xBF# a comment\r\n\r\n  \"a,b\" , \"say \"\"hi\"\"\" ,y\r\n"
      "  1 ,\t2, 3\r\n   \r\n# another\r\n4,5,6\r\n\r\n";
  const Dataset d = read_csv(messy);
  CHECK(d.feature_names == std::vector<std::string>{"a,b", "say \"hi\""});
  REQUIRE(d.size() == 2);
  CHECK(d.x(1, 0) == 2.0);
  CHECK(d.y(0, 1) == 6.0);
  CHECK(read_csv("x;y\n1;2\n3;4").size() == 2);  // no trailing newline either
  CHECK(read_csv("x\ty\n1\t2\n").y(0, 0) == 2.0);
  CsvOptions pipe;
  pipe.delimiter = '|';
  CHECK(read_csv("x|y\n1|2\n", pipe).x(0, 0) == 1.0);
  CHECK(read_csv("x,y\n\"1.5\",2\n").x(0, 0) == 1.5);  // quoted data is still a number
}

TEST_CASE("targets and features chosen by name or by position", "[data]") {
  const std::string text = "id,a,b,c\n1,2,3,4\n5,6,7,8\n";
  const Dataset by_name = read_csv(text, targets({"a"}));
  CHECK(by_name.target_names == std::vector<std::string>{"a"});
  CHECK(by_name.feature_names == std::vector<std::string>{"id", "b", "c"});
  CHECK(by_name.y(0, 1) == 6.0);

  const Dataset by_position = read_csv(text, targets({"3"}));
  CHECK(by_position.target_names == std::vector<std::string>{"b"});

  CsvOptions two = targets({"c", "2"});
  two.feature_columns = {"b"};  // "id" is left out
  const Dataset multi = read_csv(text, two);
  CHECK(multi.target_names == std::vector<std::string>{"c", "a"});
  CHECK(multi.feature_names == std::vector<std::string>{"b"});
  CHECK(multi.y(0, 0) == 4.0);
  CHECK(multi.y(1, 0) == 2.0);
  CHECK(multi.x(0, 1) == 7.0);

  // Unused columns are not parsed, so they may hold text.
  CsvOptions skip = targets({"y"});
  skip.feature_columns = {"x"};
  CHECK(read_csv("name,x,y\nann,1,0\nbob,2,1\n", skip).size() == 2);

  const Dataset unnamed = read_csv("1,2,3,4\n5,6,7,8\n", targets({"1", "4"}));
  CHECK(unnamed.target_names == std::vector<std::string>{"y1", "y2"});
  CHECK(unnamed.feature_names == std::vector<std::string>{"x1", "x2"});
  CHECK(unnamed.y(0, 1) == 5.0);
}

TEST_CASE("bad fields are reported with line and column", "[data]") {
  const std::string head = "x1,x3,x2\n1,2,3\n4,5,6\n";
  REQUIRE_THROWS_WITH(read_csv(head + "7,8,abc\n"),
                      Contains("line 4, column 3 (\"x2\"): \"abc\" is not a number"));
  REQUIRE_THROWS_WITH(read_csv(head + "7,8,9\n1,2\n"),
                      Contains("line 5: expected 3 fields but found 2 (ragged row)"));
  REQUIRE_THROWS_WITH(read_csv(head + "7,,9\n"),
                      Contains("line 4, column 2 (\"x3\"): the field is empty"));
  REQUIRE_THROWS_WITH(read_csv("x,y\n1e999,2\n"),
                      Contains("line 2, column 1") && Contains("\"1e999\" is out of range"));
  REQUIRE_THROWS_WITH(read_csv("x,y\n1,-1e-400\n"), Contains("out of range"));
  CHECK(read_csv("x,y\n1,5e-324\n").y(0, 0) == 5e-324);  // the smallest denormal is fine
  REQUIRE_THROWS_WITH(read_csv("x,y\n0x10,2\n"), Contains("\"0x10\" is not a number"));
  CHECK(read_csv("x;y\n1,5;2\n").x(0, 0) == 1.5);  // a semicolon file may write decimal commas
  REQUIRE_THROWS_WITH(read_csv("x,y\n\"1,5\",2\n"), Contains("\"1,5\" is not a number"));
  REQUIRE_THROWS_WITH(read_csv("\"x,y\n1,2\n"), Contains("line 1, column 1: the quoted field"));
  REQUIRE_THROWS_WITH(read_csv("\"x\"z,y\n1,2\n"), Contains("after the closing quote"));
  for (const char* nan : {"nan", "NaN", "NAN", "-nan", "+NaN", "nan(0x7)"}) {
    REQUIRE_THROWS_WITH(read_csv(std::string(nan) + ",1\n"),
                        Contains("line 1, column 1: NaN is not allowed"));
    REQUIRE_THROWS_WITH(read_csv("x,y\n" + std::string(nan) + ",1\n"),
                        Contains("line 2, column 1 (\"x\"): NaN is not allowed"));
  }
  for (const char* inf : {"inf", "-inf", "Infinity", "+INF", "-infinity"})
    REQUIRE_THROWS_WITH(read_csv("x,y\n1," + std::string(inf) + "\n"),
                        Contains("line 2, column 2 (\"y\"): infinity is not allowed"));
}

TEST_CASE("empty, short and malformed CSV texts are refused", "[data]") {
  for (const char* empty : {"", "\n\n", "  \r\n", "# only a comment\n"})
    REQUIRE_THROWS_WITH(read_csv(empty), Contains("the CSV text is empty"));
  REQUIRE_THROWS_WITH(read_csv("a,b\n\n# nothing\n"),
                      Contains("the CSV has a header but no data rows"));
  CsvOptions three;
  three.min_rows = 3;
  REQUIRE_THROWS_WITH(read_csv("a,b\n1,2\n", three),
                      Contains("only 1 data row; at least 3 needed"));
  CHECK(read_csv("a,b\n1,2\n3,4\n5,6\n", three).size() == 3);
  REQUIRE_THROWS_WITH(read_csv("a\n1\n"), Contains("only 1 column"));
  REQUIRE_THROWS_WITH(read_csv("a,b\n1,2\n", targets({"z"})),
                      Contains("unknown target column \"z\"; the columns are \"a\", \"b\""));
  REQUIRE_THROWS_WITH(read_csv("1,2\n", targets({"z"})), Contains("the CSV has no header"));
  REQUIRE_THROWS_WITH(read_csv("a,b\n1,2\n", targets({"3"})),
                      Contains("target column 3 does not exist; the CSV has 2 columns"));
  REQUIRE_THROWS_WITH(read_csv("a,b,a\n1,2,3\n"),
                      Contains("line 1: duplicate column name \"a\" (columns 1 and 3)"));
  REQUIRE_THROWS_WITH(read_csv("a,,c\n1,2,3\n"),
                      Contains("line 1, column 2: the column name is empty"));
  REQUIRE_THROWS_WITH(read_csv("a,b,c\n1,2,3\n", targets({"b", "2"})),
                      Contains("column 2 (\"b\") is listed twice in the target columns"));
  CsvOptions both = targets({"c"});
  both.feature_columns = {"a", "c"};
  REQUIRE_THROWS_WITH(read_csv("a,b,c\n1,2,3\n", both),
                      Contains("column 3 (\"c\") is both a feature and a target"));
  REQUIRE_THROWS_WITH(read_csv("a,b\n1,2\n", targets({"a", "b"})),
                      Contains("no feature column is left"));
}

TEST_CASE("CSV size limits", "[data]") {
  REQUIRE_THROWS_WITH(read_csv(std::string(limits::max_text_bytes + 1, '1')),
                      Contains("bytes; the limit is"));
  std::string wide;
  for (int c = 0; c <= limits::max_units; ++c) wide += c ? ",1" : "1";
  REQUIRE_THROWS_WITH(read_csv(wide + "\n"), Contains("line 1 has 4097 fields; the limit is 4096"));
  std::string tall = "x,y\n";
  for (long r = 0; r <= limits::max_samples; ++r) tall += "1,2\n";
  REQUIRE_THROWS_WITH(read_csv(tall), Contains("more than 1000000 data rows"));
}

TEST_CASE("write_csv then read_csv gives back the very same dataset", "[data]") {
  Dataset d;
  d.x.resize(3, 4);
  d.x << 0.1, -0.0, 5e-324, 1.7976931348623157e308,                                  //
      3.141592653589793, -2.2250738585072014e-308, 1.0 / 3.0, 123456789012345678.0,  //
      -1e-300, 2.5, 0.30000000000000004, 1e21;
  d.y.resize(2, 4);
  d.y << 1, 0, 1, 0,  //
      0.7, -0.7, 1e-7, 42;
  d.feature_names = {"plain", "with,comma", "\"quoted\""};
  d.target_names = {"7", " padded "};
  const std::string text = write_csv(d);
  const Dataset back = read_csv(text, targets(d.target_names));
  CHECK(bitwise_equal(back.x, d.x));
  CHECK(bitwise_equal(back.y, d.y));
  CHECK(back.feature_names == d.feature_names);
  CHECK(back.target_names == d.target_names);
  CHECK(text.substr(0, text.find('\n')) ==
        "plain,\"with,comma\",\"\"\"quoted\"\"\",\"7\",\" padded \"");
  CHECK(text.find("\n0.1,") != std::string::npos);  // short where 15 digits suffice

  for (const std::string& name : dataset_names()) {
    const Dataset g = generate_dataset(name, {50, 0.3, 9});
    const Dataset again = read_csv(write_csv(g), targets(g.target_names));
    CHECK(bitwise_equal(again.x, g.x));
    CHECK(bitwise_equal(again.y, g.y));
    CHECK(again.feature_names == g.feature_names);
  }
}
