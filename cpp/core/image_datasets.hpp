#pragma once
// The image datasets the engine knows, like the generators: scikit-learn's 8 x 8 handwritten
// digits and Zalando's 28 x 28 Fashion-MNIST. Their pixels come as NSIM files (idx.hpp) that
// scripts/build.sh converts from Debian's packages: the page fetches them when a set is picked
// (web/dist/datasets/<file>.gz), the command line reads them from build/datasets/<file>.
// Each sample's features are its pixels row by row, scaled to [0, 1] (pixel / max_value), its
// target the class index; the Dataset carries the image shape and the class names.
#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "core/error.hpp"
#include "core/idx.hpp"

namespace neurostep {

struct ImageSetInfo {
  std::string name, title;
  int height = 0, width = 0;
  std::vector<std::string> class_names;
  std::string train_file;     // the default training images
  std::string full_file;      // every training image ("" when train_file already has them)
  std::string test_file;      // the set's own test images, or ""
  long train_images = 0, full_images = 0, test_images = 0;
  std::string licence, attribution;
};

inline const std::vector<ImageSetInfo>& image_sets() {
  static const std::vector<ImageSetInfo> sets = {
      {"digits", "Handwritten digits (8 x 8)", 8, 8, {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
       "digits.nsim", "", "", 1797, 1797, 0, "BSD-3-Clause (scikit-learn); data CC BY 4.0 (UCI)",
       "scikit-learn's load_digits: the test set of the UCI Optical Recognition of Handwritten Digits data "
       "(E. Alpaydin, C. Kaynak, 1998), https://doi.org/10.24432/C50P49"},
      {"fashion_mnist", "Fashion-MNIST (28 x 28)", 28, 28,
       {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"},
       "fashion_mnist_train_10k.nsim", "fashion_mnist_train.nsim", "fashion_mnist_test.nsim", 10000, 60000, 10000,
       "MIT (Zalando SE)",
       "Fashion-MNIST, Han Xiao, Kashif Rasul, Roland Vollgraf (Zalando Research, 2017), "
       "https://github.com/zalandoresearch/fashion-mnist"},
  };
  return sets;
}

inline std::vector<std::string> image_dataset_names() {
  std::vector<std::string> names;
  for (const ImageSetInfo& s : image_sets()) names.push_back(s.name);
  return names;
}

inline const ImageSetInfo& image_set_info(const std::string& name) {
  for (const ImageSetInfo& s : image_sets())
    if (s.name == name) return s;
  fail_with("images.unknown", "unknown image dataset \"{name}\"; the image datasets are {names}", {arg("name", name), arg("names", join(image_dataset_names()))});
}

// The images of an NSIM file as the set's Dataset: at most `count` of them (0: all).
inline Dataset image_dataset(const ImageSetInfo& info, const std::string& bytes, long count, const std::string& what) {
  const ImageSetFile f = read_image_set(bytes, what);
  if (!(f.height == info.height && f.width == info.width))
    fail_with("images.file_shape", "{file}: images of {height} x {width} pixels, but {name} has images of {set_height} x {set_width}",
              {arg("file", what), arg("height", f.height), arg("width", f.width), arg("name", info.name), arg("set_height", info.height),
               arg("set_width", info.width)});
  if (f.classes != static_cast<int>(info.class_names.size()))
    fail_with("images.file_classes", "{file}: {count} classes, but {name} has {set_count}",
              {arg("file", what), arg("count", f.classes), arg("name", info.name), arg("set_count", info.class_names.size())});
  if (count < 0) fail_with("images.count", "the image count must be 0 (all) or more, got {value}", {arg("value", count)});
  const long n = count > 0 && count < f.count() ? count : f.count();
  const long pixels = f.height * f.width;
  Dataset d;
  d.x.resize(pixels, n);
  d.y.resize(1, n);
  const double brightest = f.max_value;
  for (long j = 0; j < n; ++j) {
    for (long p = 0; p < pixels; ++p) d.x(p, j) = f.pixels[static_cast<std::size_t>(j * pixels + p)] / brightest;
    d.y(0, j) = f.labels[static_cast<std::size_t>(j)];
  }
  for (long r = 0; r < f.height; ++r)
    for (long c = 0; c < f.width; ++c) d.feature_names.push_back("r" + std::to_string(r + 1) + "c" + std::to_string(c + 1));
  d.target_names = {"class"};
  d.class_names = info.class_names;
  d.image_shape = {info.height, info.width};
  validate(d, info.name);
  return d;
}

struct ImageSplit {
  Dataset train, test;  // test is empty when the set has no test file or it was not given
};

// A set from the bytes of its files: the training file (default or full) and, if the set has
// one, its test file ("" to leave it out). train_count: at most this many training images (0: all).
inline ImageSplit load_image_dataset(const std::string& name, const std::string& train_bytes,
                                     const std::string& test_bytes, long train_count = 0) {
  const ImageSetInfo& info = image_set_info(name);
  ImageSplit s;
  s.train = image_dataset(info, train_bytes, train_count, name + "'s training file");
  if (!test_bytes.empty()) {
    if (info.test_file.empty())
      fail_with("images.no_test_file", "{name} has no test file of its own; split its images instead", {arg("name", name)});
    s.test = image_dataset(info, test_bytes, 0, name + "'s test file");
  } else {
    s.test = s.train;  // the names and shape, no rows
    s.test.x.resize(s.train.x.rows(), 0);
    s.test.y.resize(1, 0);
  }
  return s;
}

}  // namespace neurostep
