// B16 of tests/BAD_INPUTS.md: real data gone wrong. Each bad file or table gets its message,
// exactly, and what was there before stays: the dataset already loaded and a trainer that holds
// it (its weights, data and next step) are untouched.
#include <catch2/catch.hpp>
#include <string>

#include "core/csv.hpp"
#include "core/image_datasets.hpp"
#include "core/image_sources.hpp"
#include "core/trainer.hpp"
#include "fixtures.hpp"

using namespace neurostep;

namespace {
// The data in use and a trainer on it, before and after a bad load.
struct InUse {
  Dataset data = test::xor_data();
  Trainer<double> trainer{test::xor_model(), 7};
  InUse() {
    trainer.set_data(data, data);
    trainer.step_epoch();
  }
};

template <typename Load>
void refused(InUse& in_use, Load&& load, const std::string& message) {
  const Dataset before = in_use.data;
  const auto weights = in_use.trainer.network().weights();
  const long epoch = in_use.trainer.epoch();
  REQUIRE_THROWS_MATCHES(in_use.data = load(), Error, Catch::Matchers::Message(message));
  CHECK(in_use.data.x == before.x);
  CHECK(in_use.data.y == before.y);
  CHECK(in_use.trainer.epoch() == epoch);
  for (std::size_t l = 0; l < weights.size(); ++l) CHECK(in_use.trainer.network().weights()[l].W == weights[l].W);
  in_use.trainer.step_epoch();
  CHECK(in_use.trainer.epoch() == epoch + 1);
}

std::string digits_file(long images) {
  ImageSetFile f;
  f.height = f.width = 8;
  f.classes = 10;
  f.max_value = 16;
  f.labels.assign(static_cast<std::size_t>(images), 1);
  f.pixels.assign(static_cast<std::size_t>(images * 64), 3);
  return write_image_set(f);
}
std::string idx_header(std::vector<unsigned> dims) {
  std::string b = {0, 0, 0x08, static_cast<char>(dims.size())};
  for (unsigned d : dims)
    for (int s = 24; s >= 0; s -= 8) b += static_cast<char>((d >> s) & 0xff);
  return b;
}
}  // namespace

TEST_CASE("B16 real data: image files of the wrong size, truncated idx, exploding and empty columns", "[bad_inputs]") {
  InUse in_use;
  const std::string ten = digits_file(10);
  refused(in_use, [&] { return load_image_dataset("digits", ten.substr(0, 600), "").train; },
          "digits's training file: 600 bytes, but 10 images of 8 x 8 need 674 (the file is truncated)");
  refused(in_use, [&] { return load_image_dataset("digits", ten + "xyz", "").train; },
          "digits's training file: 677 bytes, but 10 images of 8 x 8 need 674");
  refused(in_use, [&] { return load_image_dataset("fashion_mnist", ten, "").train; },
          "fashion_mnist's training file: images of 8 x 8 pixels, but fashion_mnist has images of 28 x 28");
  refused(in_use, [&] { return load_image_dataset("digits", std::string("\x1f\x8b\x08\x00 gzip bytes and more and more", 32), "").train; },
          "digits's training file: not a NeuroStep image set (it must start with \"NSIM\"; is it still gzip-compressed?)");
  refused(in_use, [&] {
    return load_image_dataset("digits", write_image_set(image_set_from_idx(idx_header({100, 28, 28}) + std::string(5000, '\0'),
                                                                           idx_header({100}) + std::string(100, '\0'), 10,
                                                                           "train-images-idx3-ubyte", "train-labels")), "").train;
  }, "train-images-idx3-ubyte: truncated: the dimensions need 78400 values but only 5000 bytes follow the header");

  std::string names = "name,y\n";
  for (int i = 0; i < 4100; ++i) names += "person " + std::to_string(i) + "," + std::to_string(i % 2) + "\n";
  refused(in_use, [&] { return read_table(names).data; },
          "one-hot encoding the text columns would make more than 4096 feature columns, past the limit of 4096: column 1 "
          "(\"name\") alone has more than 4096 different values. Leave it out of the features; a column with a different "
          "text in nearly every row is a name or an ID, not a category");
  refused(in_use, [] { return read_table("a,cabin,y\n1,,0\n2,NA,1\n3,?,0\n").data; },
          "column 2 (\"cabin\") has only missing values (the first, \"\", on line 2); leave it out of the features");
  CsvOptions mean;
  mean.missing = CsvMissing::FillMean;
  refused(in_use, [&] { return read_table("a,cabin,y\n1,,0\n2,NA,1\n3,?,0\n", mean).data; },
          "column 2 (\"cabin\") has only missing values (the first, \"\", on line 2); leave it out of the features");
  refused(in_use, [] { return read_table("a,b,y\n1,2,0\n3,NA,1\n").data; },
          "line 3, column 2 (\"b\"): the value is missing (\"NA\"); 1 row of 2 has a missing value. Drop those rows, or "
          "fill each missing feature with its column's mean");
}
