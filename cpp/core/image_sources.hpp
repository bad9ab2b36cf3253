#pragma once
// The files image sets are made from (scripts/build.sh, through neurostep_pack): idx files of
// images and labels (Fashion-MNIST), and scikit-learn's digits.csv.
#include <cmath>
#include <string>

#include "core/csv.hpp"
#include "core/idx.hpp"

namespace neurostep {

// idx images (count x height x width) and idx labels (count) as one image set.
inline ImageSetFile image_set_from_idx(const std::string& image_bytes, const std::string& label_bytes, int classes,
                                       const std::string& images_name, const std::string& labels_name) {
  const IdxArray images = read_idx(image_bytes, images_name);
  const IdxArray labels = read_idx(label_bytes, labels_name);
  if (images.dims.size() != 3)
    fail_with("idx.images_dimensions", "{file}: images need 3 dimensions (count, height, width), got {count}",
              {arg("file", images_name), arg("count", images.dims.size())});
  if (labels.dims.size() != 1)
    fail_with("idx.labels_dimensions", "{file}: labels need 1 dimension (count), got {count}",
              {arg("file", labels_name), arg("count", labels.dims.size())});
  if (images.dims[0] != labels.dims[0])
    fail_with("idx.label_count", "{file} has {images} images but {labels_file} has {labels} labels",
              {arg("file", images_name), arg("images", images.dims[0]), arg("labels_file", labels_name), arg("labels", labels.dims[0])});
  ImageSetFile f;
  f.height = images.dims[1];
  f.width = images.dims[2];
  f.classes = classes;
  f.max_value = 255;
  f.labels = labels.values;
  f.pixels = images.values;
  validate(f, images_name);
  return f;
}

// scikit-learn's digits.csv (gunzipped): one image a line, 64 pixel values 0..16 then the
// digit, no header.
inline ImageSetFile digits_from_csv(const std::string& text) {
  CsvOptions o;
  o.header = CsvHeader::No;
  o.delimiter = ',';
  const Dataset d = read_csv(text, o);
  if (d.features() != 64)
    fail_with("idx.digits_columns", "digits.csv: {count} columns; scikit-learn's digits have 64 pixels and the digit (65)",
              {arg("count", d.features() + 1)});
  ImageSetFile f;
  f.height = f.width = 8;
  f.classes = 10;
  f.max_value = 16;
  for (long j = 0; j < d.size(); ++j) {
    const double label = d.y(0, j);
    if (!(label == std::floor(label) && label >= 0 && label <= 9))
      fail_with("idx.digits_label", "digits.csv: row {row}: the digit is {value}, not 0 to 9", {arg("row", j + 1), arg("value", exact(label))});
    f.labels.push_back(static_cast<std::uint8_t>(label));
    for (int p = 0; p < 64; ++p) {
      const double v = d.x(p, j);
      if (!(v == std::floor(v) && v >= 0 && v <= 16))
        fail_with("idx.digits_pixel", "digits.csv: row {row}, pixel {pixel} is {value}, not a whole number from 0 to 16",
                  {arg("row", j + 1), arg("pixel", p + 1), arg("value", exact(v))});
      f.pixels.push_back(static_cast<std::uint8_t>(v));
    }
  }
  validate(f, "digits.csv");
  return f;
}

}  // namespace neurostep
