// Messages with a stable id (error.hpp, fail_with): the English is the template with its
// arguments filled in, the id and arguments travel with it, and a check that puts an error in
// context (fail_at) keeps them. The page translates by id (web/src/i18n/engine.ts).
#include <catch2/catch.hpp>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/idx.hpp"
#include "core/model_file.hpp"
#include "core/spec_json.hpp"
#include "core/trainer.hpp"
#include "catalogue_message.hpp"

using namespace neurostep;

namespace {
const MessageArg* find(const Error& e, const std::string& name) {
  for (const MessageArg& a : e.args())
    if (a.name == name) return &a;
  return nullptr;
}
}  // namespace

TEST_CASE("format_message fills each {name} and leaves the rest", "[errors][i18n]") {
  CHECK(format_message("line {line}, column {column}{name}: x", {arg("line", 3L), arg("column", 2), arg("name", "")}) ==
        "line 3, column 2: x");
  CHECK(format_message("{a} and {b}", {arg("a", "1")}) == "1 and {b}");
  CHECK(format_message("no braces", {}) == "no braces");
  CHECK(format_message("a lone { brace", {}) == "a lone { brace");
  CHECK(arg("v", 0.1).value == "0.1");
  CHECK(arg("v", 1e7).value == "1e+07");  // as a stream writes it, as the messages always did
}

TEST_CASE("fail_with throws an Error with its id, arguments and English text", "[errors][i18n]") {
  try {
    fail_with("csv.ragged", "line {line}: expected {expected} fields but found {found} (ragged row)",
              {arg("line", 4L), arg("expected", 2), arg("found", 3)});
    FAIL("no throw");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "line 4: expected 2 fields but found 3 (ragged row)");
    CHECK(e.id() == "csv.ragged");
    REQUIRE(find(e, "found"));
    CHECK(find(e, "found")->value == "3");
  }
}

TEST_CASE("a CSV error carries its id, line and column", "[errors][i18n][csv]") {
  try {
    read_csv("a,b\n1,x\n");
    FAIL("no throw");
  } catch (const Error& e) {
    CHECK(e.id() == "csv.field_not_number");
    CHECK(std::string(e.what()) == "line 2, column 2 (\"b\"): \"x\" is not a number");
    REQUIRE(find(e, "line"));
    CHECK(find(e, "line")->value == "2");
    CHECK(find(e, "column")->value == "2");
  }
}

TEST_CASE("fail_at keeps the id and arguments and says where", "[errors][i18n]") {
  try {
    try {
      fail_with("names.unknown", "unknown {what} '{name}'; valid names are: {valid}",
                {arg("what", "activation"), arg("name", "gelu"), arg("valid", "relu, tanh")});
    } catch (const Error& e) {
      fail_at("layers[1].activation", e);
    }
    FAIL("no throw");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "layers[1].activation: unknown activation 'gelu'; valid names are: relu, tanh");
    CHECK(e.id() == "names.unknown");
    REQUIRE(find(e, "at"));
    CHECK(find(e, "at")->value == "layers[1].activation");
  }
  // An error without an id stays one.
  try {
    fail_at("x", Error("plain"));
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "x: plain");
    CHECK(e.id().empty());
  }
}

TEST_CASE("a table's notices carry an id and arguments beside their English", "[errors][i18n][csv]") {
  const Table t = read_table("a;b;c\n1,5;red;0\n2,5;blue;1\n3,5;red;0\n");
  REQUIRE(t.notices.size() == 3);
  CHECK(t.notices[0].id == "csv_notice.delimiter_semicolon");
  CHECK(t.notices[0].message == "The fields are separated by semicolons.");
  CHECK(t.notices[1].id == "csv_notice.decimal_comma");
  const CsvNotice& one_hot = t.notices[2];
  CHECK(one_hot.kind == "one_hot");
  CHECK(one_hot.id == "csv_notice.one_hot");
  CHECK(one_hot.message == "Column 2 (\"b\") holds text, so it became 2 columns of 0 and 1, one per value: b=blue, b=red.");
  std::vector<std::string> names;
  for (const MessageArg& a : one_hot.args) names.push_back(a.name + "=" + a.value);
  CHECK(names == std::vector<std::string>{"column=2", "name= (\"b\")", "span=2", "values=b=blue, b=red"});
}

TEST_CASE("the table reader's common refusals carry ids", "[errors][i18n][csv]") {
  const auto id_of = [](const std::string& text, CsvOptions o = {}) {
    try {
      read_table(text, o);
    } catch (const Error& e) {
      return e.id();
    }
    return std::string("no throw");
  };
  CHECK(id_of("a,b\n1,\n2,3\n") == "csv.missing_single");
  CHECK(id_of("a,b\n1,2\nx,3\n4,5\n5,6\n6,7\n7,8\n8,9\n9,1\n10,2\n11,3\n") == "csv.text_in_numbers");  // 10 numbers to 1 word: a typo
  CHECK(id_of("a b\n1\n") != "no throw");
  CHECK(id_of("") == "csv.empty");
  CHECK(id_of("a,a\n1,2\n") == "csv.name_twice");
  CHECK(id_of("a,\"\"\n1,2\n") == "csv.name_empty");
  CHECK(id_of("a,b\n1,2\n3,4\n1,2,3\n") == "csv.ragged");
}

// The refusals issue #16 found without an id (unknown or repeated target columns, a one-hot table
// too wide, a column of only missing values, a value too large for float32, a layer argument, a
// Keras import, a model file), each with the id the catalogue says.
TEST_CASE("the refusals that had no id now carry one the catalogue says", "[errors][i18n]") {
  const auto problem_of = [](auto&& call) {
    try {
      call();
    } catch (const Error& e) {
      return e.id() + ": " + test::catalogue_problem(e);
    }
    return std::string("no throw");
  };
  CsvOptions unknown;
  unknown.target_columns = {"z"};
  CHECK(problem_of([&] { read_table("a,b\n1,2\n3,4\n", unknown); }) == "csv.column_unknown: ");
  CsvOptions twice;
  twice.target_columns = {"b", "b"};
  CHECK(problem_of([&] { read_table("a,b,c\n1,2,3\n3,4,5\n", twice); }) == "csv.column_twice: ");
  std::string wide = "a,b\n";
  for (int i = 0; i < 5000; ++i) wide += "n" + std::to_string(i) + "," + std::to_string(i % 2) + "\n";
  CHECK(problem_of([&] { read_table(wide); }) == "csv.one_hot_too_wide_more: ");
  CHECK(problem_of([&] { read_table("a,b,c\n1,,0\n2,,1\n"); }) == "csv.only_missing_feature: ");
  Trainer<float> t(article_model(), 1);
  Dataset big;
  big.x = Eigen::MatrixXd::Constant(8, 2, 1e300);
  big.y = Eigen::MatrixXd::Zero(1, 2);
  CHECK(problem_of([&] { t.set_data(big, Dataset{}); }) == "data.feature_too_large: ");
  CHECK(problem_of([&] { spec_from_json(std::string(R"({"input_dim": 2, "layers": [{"kind": "dropout", "rate": 1}, {"units": 1}], "loss": "mse"})")); })
            .rfind("layer.dropout_rate: ", 0) == 0);
  const std::string keras = R"({"class_name": "Sequential", "config": {"layers": [{"class_name": "InputLayer", "config": {"batch_shape": [null, 2]}},)"
                            R"( {"class_name": "Dropout", "config": {"rate": 2, "name": "drop"}}, {"class_name": "Dense", "config": {"units": 1}}]}})";
  try {
    load_model(keras);
    FAIL("no throw");
  } catch (const Error& e) {
    CHECK(e.id() == "layer.dropout_rate");
    CHECK(test::catalogue_problem(e) == "");
    CHECK(std::string(e.what()).rfind("layer 2 (\"drop\"): Dropout rate", 0) == 0);  // named as in the document (the InputLayer counts)
  }
  CHECK(problem_of([&] { load_model(R"({"format": "neurostep-model", "version": 2})"); }) == "model_file.version: ");
}

TEST_CASE("an image file's errors carry their id and the file's name", "[errors][i18n][images]") {
  try {
    read_image_set(std::string("NSIM") + std::string(20, '\0'), "digits's training file");
    FAIL("no throw");
  } catch (const Error& e) {
    CHECK(e.id() == "idx.image_count");
    REQUIRE(find(e, "file"));
    CHECK(find(e, "file")->value == "digits's training file");
    CHECK(std::string(e.what()) == "digits's training file: 0 images; 1 to " + std::to_string(limits::max_samples) + " are supported");
  }
  try {
    read_idx(std::string("\0\0\x08\x01\0\0\0\x03", 8) + "ab", "labels.idx");
    FAIL("no throw");
  } catch (const Error& e) {
    CHECK(e.id() == "idx.truncated");
    CHECK(find(e, "needed")->value == "3");
    CHECK(find(e, "bytes")->value == "2");
  }
}
