#pragma once
// Readers for the image files datasets come in, each with a message that says what is wrong:
//   idx (LeCun's MNIST format, also Fashion-MNIST's): 0x00 0x00, a type byte (0x08: unsigned
//     bytes), the number of dimensions, each dimension as a big-endian uint32, then the values.
//   NeuroStep's image set ("NSIM"), what scripts/build.sh makes of them: one file of labels and
//     pixels, little-endian, read from bytes (so WebAssembly reads what the page fetched):
//       "NSIM", uint32 count, height, width, classes, max_value (the brightest pixel: 16 for
//       scikit-learn's digits, 255 for Fashion-MNIST), then count labels of one byte, then
//       count x height x width pixels of one byte, image by image, row by row.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace neurostep {

struct IdxArray {
  std::vector<long> dims;
  std::vector<std::uint8_t> values;
};

namespace idx_detail {
inline std::uint32_t big_endian(const std::string& b, std::size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
inline std::uint32_t little_endian(const std::string& b, std::size_t at) {
  return std::uint32_t(std::uint8_t(b[at])) | (std::uint32_t(std::uint8_t(b[at + 1])) << 8) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 16) | (std::uint32_t(std::uint8_t(b[at + 3])) << 24);
}
inline void put_little_endian(std::string& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b += static_cast<char>((v >> (8 * i)) & 0xff);
}
}  // namespace idx_detail

// `what` names the file in messages.
inline IdxArray read_idx(const std::string& bytes, const std::string& what) {
  using namespace idx_detail;
  if (bytes.size() < 4)
    fail_with("idx.short", "{file}: {bytes} bytes is too short for an idx file (the header alone has 4)",
              {arg("file", what), arg("bytes", bytes.size())});
  if (!(bytes[0] == 0 && bytes[1] == 0))
    fail_with("idx.not_idx", "{file}: not an idx file (it must start with two zero bytes; is it still gzip-compressed?)",
              {arg("file", what)});
  if (std::uint8_t(bytes[2]) != 0x08) {
    char type[8];
    std::snprintf(type, sizeof type, "0x%x", unsigned(std::uint8_t(bytes[2])));
    fail_with("idx.value_type", "{file}: idx value type {type} is not supported; only 0x08 (unsigned bytes) is",
              {arg("file", what), arg("type", type)});
  }
  const int n_dims = std::uint8_t(bytes[3]);
  if (!(n_dims >= 1 && n_dims <= 4))
    fail_with("idx.dimensions", "{file}: an idx file of {count} dimensions; 1 to 4 are supported",
              {arg("file", what), arg("count", n_dims)});
  const std::size_t header = 4 + 4 * static_cast<std::size_t>(n_dims);
  if (bytes.size() < header)
    fail_with("idx.truncated_header", "{file}: truncated in its header ({bytes} bytes, the header of {count} dimensions needs {needed})",
              {arg("file", what), arg("bytes", bytes.size()), arg("count", n_dims), arg("needed", header)});
  IdxArray a;
  unsigned long long total = 1;
  for (int d = 0; d < n_dims; ++d) {
    a.dims.push_back(static_cast<long>(big_endian(bytes, 4 + 4 * static_cast<std::size_t>(d))));
    total *= static_cast<unsigned long long>(a.dims.back());
    if (total > 1ull << 31)
      fail_with("idx.too_many_values", "{file}: the dimensions ask for more than 2^31 values", {arg("file", what)});
  }
  if (bytes.size() - header < total)
    fail_with("idx.truncated", "{file}: truncated: the dimensions need {needed} values but only {bytes} bytes follow the header",
              {arg("file", what), arg("needed", total), arg("bytes", bytes.size() - header)});
  if (bytes.size() - header != total)
    fail_with("idx.extra_bytes", "{file}: {bytes} bytes more than the dimensions need follow the values",
              {arg("file", what), arg("bytes", bytes.size() - header - total)});
  a.values.assign(bytes.begin() + static_cast<long>(header), bytes.end());
  return a;
}

struct ImageSetFile {
  long height = 0, width = 0;
  int classes = 0, max_value = 255;
  std::vector<std::uint8_t> labels;  // one per image
  std::vector<std::uint8_t> pixels;  // count x height x width
  long count() const { return static_cast<long>(labels.size()); }
};

namespace idx_detail {
// Each side first: a product of two sides read from a file could overflow.
inline void check_image_size(long height, long width, const std::string& what) {
  if (!(height >= 1 && width >= 1 && height <= limits::max_units && width <= limits::max_units &&
        height * width <= limits::max_units))
    fail_with("idx.image_size", "{file}: images of {height} x {width} pixels; at most {max} pixels are supported",
              {arg("file", what), arg("height", height), arg("width", width), arg("max", limits::max_units)});
}
inline void check_image_count(long count, const std::string& what) {
  if (!(count >= 1 && count <= limits::max_samples))
    fail_with("idx.image_count", "{file}: {count} images; 1 to {max} are supported",
              {arg("file", what), arg("count", count), arg("max", limits::max_samples)});
}
}  // namespace idx_detail

inline void validate(const ImageSetFile& f, const std::string& what) {
  using namespace idx_detail;
  check_image_size(f.height, f.width, what);
  if (!(f.classes >= 2 && f.classes <= 255))
    fail_with("idx.classes", "{file}: {count} classes; 2 to 255 are supported", {arg("file", what), arg("count", f.classes)});
  if (!(f.max_value >= 1 && f.max_value <= 255))
    fail_with("idx.max_value", "{file}: the brightest pixel value must be 1 to 255, got {value}",
              {arg("file", what), arg("value", f.max_value)});
  check_image_count(f.count(), what);
  if (f.pixels.size() != static_cast<std::size_t>(f.count() * f.height * f.width))
    fail_with("idx.pixel_count", "{file}: {pixels} pixels for {count} images of {height} x {width}",
              {arg("file", what), arg("pixels", f.pixels.size()), arg("count", f.count()), arg("height", f.height), arg("width", f.width)});
  for (long i = 0; i < f.count(); ++i)
    if (f.labels[static_cast<std::size_t>(i)] >= f.classes)
      fail_with("idx.label", "{file}: image {image} has label {label}, not one of the {count} classes",
                {arg("file", what), arg("image", i + 1), arg("label", int(f.labels[static_cast<std::size_t>(i)])), arg("count", f.classes)});
  for (std::size_t i = 0; i < f.pixels.size(); ++i)
    if (f.pixels[i] > f.max_value)
      fail_with("idx.pixel", "{file}: image {image} has a pixel of {value}, brighter than the file's maximum {max}",
                {arg("file", what), arg("image", i / static_cast<std::size_t>(f.height * f.width) + 1), arg("value", int(f.pixels[i])),
                 arg("max", f.max_value)});
}

// The first `first` images (all when first <= 0 or past the end) as an NSIM file.
inline std::string write_image_set(const ImageSetFile& f, long first = 0) {
  using namespace idx_detail;
  validate(f, "the image set");
  const long n = first > 0 && first < f.count() ? first : f.count();
  std::string out = "NSIM";
  for (long v : {n, f.height, f.width, static_cast<long>(f.classes), static_cast<long>(f.max_value)})
    put_little_endian(out, static_cast<std::uint32_t>(v));
  out.append(f.labels.begin(), f.labels.begin() + n);
  out.append(f.pixels.begin(), f.pixels.begin() + n * f.height * f.width);
  return out;
}

inline ImageSetFile read_image_set(const std::string& bytes, const std::string& what) {
  using namespace idx_detail;
  if (bytes.size() < 24)
    fail_with("idx.set_short", "{file}: {bytes} bytes is too short for an image set (the header alone has 24)",
              {arg("file", what), arg("bytes", bytes.size())});
  if (bytes.compare(0, 4, "NSIM") != 0)
    fail_with("idx.not_image_set", "{file}: not a NeuroStep image set (it must start with \"NSIM\"; is it still gzip-compressed?)",
              {arg("file", what)});
  ImageSetFile f;
  const long n = little_endian(bytes, 4);
  f.height = little_endian(bytes, 8);
  f.width = little_endian(bytes, 12);
  f.classes = static_cast<int>(std::min<std::uint32_t>(little_endian(bytes, 16), 100000));
  f.max_value = static_cast<int>(std::min<std::uint32_t>(little_endian(bytes, 20), 100000));
  check_image_count(n, what);
  check_image_size(f.height, f.width, what);
  const unsigned long long needed = 24ull + static_cast<unsigned long long>(n) * (1 + f.height * f.width);
  if (bytes.size() != needed) {
    const std::vector<MessageArg> args = {arg("file", what), arg("bytes", bytes.size()), arg("count", n), arg("height", f.height),
                                          arg("width", f.width), arg("needed", needed)};
    if (bytes.size() < needed)
      fail_with("idx.set_truncated", "{file}: {bytes} bytes, but {count} images of {height} x {width} need {needed} (the file is truncated)", args);
    fail_with("idx.set_size", "{file}: {bytes} bytes, but {count} images of {height} x {width} need {needed}", args);
  }
  f.labels.assign(bytes.begin() + 24, bytes.begin() + 24 + n);
  f.pixels.assign(bytes.begin() + 24 + n, bytes.end());
  validate(f, what);
  return f;
}

}  // namespace neurostep
