// Tables as people have them: scikit-learn's bundled CSV layouts (our own small files with the
// same quirks, tests/fixtures/csv/), text columns, missing values, decimal commas; then the
// scaling and the task the page picks for each.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "core/csv.hpp"
#include "core/preprocessing.hpp"
#include "core/split.hpp"
#include "core/task.hpp"
#include "core/trainer.hpp"

using namespace neurostep;
using Catch::Contains;

namespace {
std::string fixture(const std::string& name) {
  std::ifstream in(std::string(NEUROSTEP_SOURCE_DIR) + "/tests/fixtures/csv/" + name, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
bool has_notice(const Table& t, const std::string& kind, const std::string& part = "") {
  for (const CsvNotice& n : t.notices)
    if (n.kind == kind && n.message.find(part) != std::string::npos) return true;
  return false;
}
// Trains the task's output layer behind `hidden` relu units on standardised data; the last
// epoch's training accuracy (classes) or loss (numbers).
double fit_score(const Dataset& d, int hidden, long epochs) {
  const TaskChoice task = pick_task(d);
  const Preprocessing scale = fit_preprocessing(d, Scaling::standardize);
  ModelSpec spec;
  spec.input_dim = d.features();
  LayerConfig h, out;
  h.units = hidden;
  h.activation = Activation::relu;
  out.units = task.output_units;
  out.activation = task.output_activation;
  spec.layers = {h, out};
  spec.loss = task.loss;
  spec.optimizer = default_optimizer(OptimizerKind::adam);
  spec.optimizer.learning_rate = 0.01;
  Trainer<double> t(spec, 7);
  t.set_data(apply_preprocessing(scale, d), Dataset{});
  t.set_batch_size(8);
  for (long e = 0; e < epochs; ++e) t.step_epoch();
  return task.kind == "regression" ? t.history().back().loss : t.history().back().accuracy;
}
}  // namespace

TEST_CASE("iris: a description line as wide as the table names the classes", "[data][table]") {
  const Table t = read_table(fixture("iris_like.csv"));
  CHECK(has_notice(t, "description", "scikit-learn"));
  CHECK(has_notice(t, "classes", "setosa, versicolor, virginica"));
  CHECK_FALSE(t.header);
  REQUIRE(t.data.size() == 30);
  CHECK(t.data.features() == 4);
  CHECK(t.data.class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  const TaskChoice task = pick_task(t.data);
  CHECK(task.kind == "multiclass");
  CHECK(task.output_units == 3);
  CHECK(task.loss == Loss::sparse_categorical_crossentropy);
  CHECK(task.why.find("3 classes") != std::string::npos);
  CHECK(fit_score(t.data, 8, 60) >= 0.9);
}

TEST_CASE("wine: a narrower description line is skipped; proline's thousands call for scaling", "[data][table]") {
  const Table t = read_table(fixture("wine_like.csv"));
  CHECK(has_notice(t, "description", "(24 rows, 13 features, classes class_0, class_1, class_2)"));
  CHECK(t.data.class_names == std::vector<std::string>{"class_0", "class_1", "class_2"});
  REQUIRE(t.data.features() == 13);
  CHECK(t.data.size() == 24);
  CHECK(has_notice(t, "constant_column", "Column 3 has the same value (2.36) in every row"));  // our file's ash is always 2.36
  CHECK(pick_task(t.data).kind == "multiclass");
  const ScalingAdvice advice = advise_scaling(t.data);
  CHECK(advice.recommended == Scaling::standardize);
  CHECK(advice.why.find("\"x13\" ranges from") != std::string::npos);
  CHECK(fit_score(t.data, 8, 60) >= 0.9);
}

TEST_CASE("breast_cancer: 4 description fields over 31 columns, two classes", "[data][table]") {
  const Table t = read_table(fixture("breast_cancer_like.csv"));
  CHECK(has_notice(t, "description"));
  CHECK(t.data.features() == 30);
  const TaskChoice task = pick_task(t.data);
  CHECK(task.kind == "binary");
  CHECK(task.output_units == 1);
  CHECK(task.output_activation == Activation::sigmoid);
  CHECK(task.loss == Loss::binary_crossentropy);
  CHECK(fit_score(t.data, 8, 40) >= 0.95);
}

TEST_CASE("boston: an empty-padded description, then a quoted header; a number target", "[data][table]") {
  const Table t = read_table(fixture("boston_like.csv"));
  CHECK(has_notice(t, "description", "16 rows, 13 features"));
  CHECK(t.header);
  CHECK(t.data.feature_names.front() == "CRIM");
  CHECK(t.data.target_names == std::vector<std::string>{"MEDV"});
  CHECK(t.data.size() == 16);
  CHECK(pick_task(t.data).kind == "regression");
  CHECK(advise_scaling(t.data).recommended == Scaling::standardize);
}

TEST_CASE("diabetes and linnerud: values split by spaces", "[data][table]") {
  const Table diabetes = read_table(fixture("diabetes_like.csv"));
  CHECK(diabetes.delimiter == ' ');
  CHECK(has_notice(diabetes, "delimiter", "spaces"));
  CHECK(diabetes.data.features() == 10);
  CHECK(diabetes.data.y(0, 0) == 108.0);  // written 1.080000000000000000e+02
  CHECK(pick_task(diabetes.data).kind == "regression");

  const Table linnerud = read_table(fixture("linnerud_like.csv"));
  CHECK(linnerud.header);
  CHECK(linnerud.data.feature_names == std::vector<std::string>{"Chins", "Situps", "Jumps", "Weight"});
  CHECK(linnerud.data.target_names == std::vector<std::string>{"Pulse"});
  CHECK(pick_task(linnerud.data).kind == "regression");
}

TEST_CASE("digits: 64 pixel columns and a class, no header", "[data][table]") {
  const Table t = read_table(fixture("digits_like.csv"));
  CHECK_FALSE(t.header);
  CHECK(t.notices.size() == 1);  // only the delimiter
  CHECK(t.data.features() == 64);
  const TaskChoice task = pick_task(t.data);
  CHECK(task.kind == "multiclass");
  CHECK(task.output_units == 10);
}

TEST_CASE("text columns: one-hot features, a class target, IDs pointed out", "[data][table]") {
  CsvOptions drop;
  drop.missing = CsvMissing::DropRows;
  drop.feature_columns = {"sex", "age", "class", "embarked", "fare"};
  const Table t = read_table(fixture("passengers.csv"), drop);
  CHECK(t.data.feature_names ==
        std::vector<std::string>{"sex=female", "sex=male", "age", "class", "embarked=C", "embarked=Q", "embarked=S", "fare"});
  CHECK(t.data.class_names == std::vector<std::string>{"died", "survived"});
  CHECK(t.data.size() == 17);  // lines 19 to 21 have no age
  CHECK(has_notice(t, "one_hot", "sex=female, sex=male"));
  CHECK(has_notice(t, "missing_dropped", "Dropped 3 rows"));
  CHECK(t.data.x(0, 0) == 1.0);  // Allen is female
  CHECK(t.data.x(1, 0) == 0.0);
  CHECK(pick_task(t.data).kind == "binary");

  CsvOptions all;
  all.missing = CsvMissing::FillMean;
  const Table every = read_table(fixture("passengers.csv"), all);
  CHECK(has_notice(every, "id_column", "Column 1 (\"id\") counts 1, 2, 3"));
  CHECK(has_notice(every, "id_column", "Column 2 (\"name\") has a different text in every row"));
  CHECK(has_notice(every, "constant_column", "Column 7 (\"ship\") has the same text"));
  CHECK(has_notice(every, "missing_filled", "Filled 3 missing values"));
  CHECK(every.data.size() == 20);

  REQUIRE_THROWS_WITH(read_table(fixture("passengers.csv")),
                      Contains("line 19, column 4 (\"age\"): the value is missing (\"NA\"); 3 rows of 20 have a "
                               "missing value. Drop those rows, or fill each missing feature with its column's mean"));
}

TEST_CASE("semicolons, decimal commas, a BOM, CRLF and quoted delimiters", "[data][table]") {
  const Table t = read_table(fixture("european.csv"));
  CHECK(t.delimiter == ';');
  CHECK(has_notice(t, "decimal_comma"));
  CHECK(t.data.feature_names[0] == "Messstation");
  CHECK(t.data.feature_names[1] == "Ort; Kreis=Bonn; Rhein-Sieg");
  CHECK(t.data.x(2, 0) == 12.6);
  CHECK(pick_task(t.data).kind == "binary");

  CsvOptions pipe;
  pipe.delimiter = '|';
  CHECK(read_table("a|b\n1,5|2\n", pipe).data.x(0, 0) == 1.5);
  CHECK(read_table("a\tb\tc\n1\t2\t3\n").delimiter == '\t');
  CHECK(read_table("a|b|c\n1|2|3\n").delimiter == '|');
  CsvOptions skip;
  skip.skip_lines = 2;
  const Table skipped = read_table("Weather 2024\nsource: us\nx,y\n1,2\n3,4\n", skip);
  CHECK(skipped.data.feature_names == std::vector<std::string>{"x"});
  CHECK(has_notice(skipped, "skipped_lines", "first 2 lines"));
}

TEST_CASE("bad tables: every value missing, categories past the width, stray words", "[data][table]") {
  REQUIRE_THROWS_WITH(read_table("a,b,y\n1,NA,0\n2,,1\n3,?,0\n"),
                      Contains("column 2 (\"b\") has only missing values (the first, \"NA\", on line 2); leave it "
                               "out of the features"));
  std::string wide = "name,y\n";
  for (int i = 0; i < 5000; ++i) wide += "n" + std::to_string(i) + "," + std::to_string(i % 2) + "\n";
  REQUIRE_THROWS_WITH(read_table(wide), Contains("one-hot encoding the text columns would make more than 4096 feature "
                                                 "columns, past the limit of 4096: column 1 (\"name\") alone has more "
                                                 "than 4096 different values"));
  std::string stray = "x,y\n";
  for (int i = 0; i < 20; ++i) stray += std::to_string(i) + ",1\n";
  REQUIRE_THROWS_WITH(read_table(stray + "abc,0\n"),
                      Contains("line 22, column 1 (\"x\"): \"abc\" is not a number, though the column's other 20 values are numbers"));
  REQUIRE_THROWS_WITH(read_table("a,b,c\nx,1,p\ny,2,q\n", [] { CsvOptions o; o.target_columns = {"a", "c"}; return o; }()),
                      Contains("a text target (class names) must be the only target column"));
  const Table narrow = read_table("x,y,z\n1,2\n3,4\n5,6\n");  // a title line wider than the table
  CHECK(has_notice(narrow, "description", "has 3 fields while the table has 2, so it was taken for a description"));
  CHECK(narrow.data.size() == 3);
  CsvOptions bad;
  bad.delimiter = '"';
  REQUIRE_THROWS_WITH(read_table("a,b\n1,2\n", bad), Contains("the delimiter must be"));
}

TEST_CASE("scaling: statistics from the training rows only, applied to any rows", "[data][scaling]") {
  Dataset d;
  d.x.resize(2, 4);
  d.x << 1, 2, 3, 4,  //
      10, 10, 10, 10;
  d.y = Eigen::MatrixXd::Zero(1, 4);
  const Preprocessing z = fit_preprocessing(d, Scaling::standardize);
  CHECK(z.offset(0) == 2.5);
  CHECK(z.scale(0) == Approx(std::sqrt(1.25)));  // population std of 1, 2, 3, 4
  CHECK(z.scale(1) == 1.0);                      // constant: no division by zero
  const Eigen::MatrixXd s = apply_preprocessing(z, d.x);
  CHECK(s.row(0).mean() == Approx(0.0).margin(1e-15));
  CHECK(s(1, 0) == 0.0);
  const Preprocessing m = fit_preprocessing(d, Scaling::min_max);
  const Eigen::MatrixXd mm = apply_preprocessing(m, d.x);
  CHECK(mm(0, 0) == 0.0);
  CHECK(mm(0, 3) == 1.0);
  Eigen::MatrixXd unseen(2, 1);
  unseen << 7, 10;
  CHECK(apply_preprocessing(m, unseen)(0, 0) == 2.0);  // (7 - 1) / 3: outside [0, 1] is fine
  REQUIRE_THROWS_WITH(apply_preprocessing(m, Eigen::MatrixXd::Zero(3, 1)),
                      Contains("the inputs have 3 features but the scaling was fitted on 2"));
  CHECK(advise_scaling(d).recommended == Scaling::none);
}

// fuzz_csv: "a,b\nNaN,1\nin),2UUU" made column 2 a text column holding a number, and the second
// pass looked the number up among the categories, which held only the texts (std::out_of_range).
// Numbers in a text column are categories too.
TEST_CASE("regression: a number in a text column is a category", "[data][table][regression]") {
  const Table t = read_table("size,y\nsmall,0\n3,1\nlarge,0\nsmall,1\n");
  CHECK(t.data.feature_names == std::vector<std::string>{"size=3", "size=large", "size=small"});
  CHECK(t.data.x(0, 1) == 1.0);
  const Table target = read_table("a,b\n7,1\n8,2UUU\n");
  CHECK(target.data.class_names == std::vector<std::string>{"1", "2UUU"});
  CHECK(target.data.y(0, 1) == 1.0);
}
