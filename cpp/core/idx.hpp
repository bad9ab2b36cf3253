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
  require(bytes.size() >= 4, what, ": ", bytes.size(), " bytes is too short for an idx file (the header alone has 4)");
  require(bytes[0] == 0 && bytes[1] == 0, what, ": not an idx file (it must start with two zero bytes; ",
          "is it still gzip-compressed?)");
  require(std::uint8_t(bytes[2]) == 0x08, what, ": idx value type 0x", std::hex, int(std::uint8_t(bytes[2])), std::dec,
          " is not supported; only 0x08 (unsigned bytes) is");
  const int n_dims = std::uint8_t(bytes[3]);
  require(n_dims >= 1 && n_dims <= 4, what, ": an idx file of ", n_dims, " dimensions; 1 to 4 are supported");
  const std::size_t header = 4 + 4 * static_cast<std::size_t>(n_dims);
  require(bytes.size() >= header, what, ": truncated in its header (", bytes.size(), " bytes, the header of ", n_dims,
          " dimensions needs ", header, ")");
  IdxArray a;
  unsigned long long total = 1;
  for (int d = 0; d < n_dims; ++d) {
    a.dims.push_back(static_cast<long>(big_endian(bytes, 4 + 4 * static_cast<std::size_t>(d))));
    total *= static_cast<unsigned long long>(a.dims.back());
    require(total <= 1ull << 31, what, ": the dimensions ask for more than 2^31 values");
  }
  require(bytes.size() - header >= total, what, ": truncated: the dimensions need ", total, " values but only ",
          bytes.size() - header, " bytes follow the header");
  require(bytes.size() - header == total, what, ": ", bytes.size() - header - total,
          " bytes more than the dimensions need follow the values");
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

inline void validate(const ImageSetFile& f, const std::string& what) {
  // Each side first: a product of two sides read from a file could overflow.
  require(f.height >= 1 && f.width >= 1 && f.height <= limits::max_units && f.width <= limits::max_units &&
              f.height * f.width <= limits::max_units,
          what, ": images of ", f.height, " x ", f.width, " pixels; at most ", limits::max_units, " pixels are supported");
  require(f.classes >= 2 && f.classes <= 255, what, ": ", f.classes, " classes; 2 to 255 are supported");
  require(f.max_value >= 1 && f.max_value <= 255, what, ": the brightest pixel value must be 1 to 255, got ", f.max_value);
  require(f.count() >= 1 && f.count() <= limits::max_samples, what, ": ", f.count(), " images; 1 to ",
          limits::max_samples, " are supported");
  require(f.pixels.size() == static_cast<std::size_t>(f.count() * f.height * f.width), what, ": ", f.pixels.size(),
          " pixels for ", f.count(), " images of ", f.height, " x ", f.width);
  for (long i = 0; i < f.count(); ++i)
    require(f.labels[static_cast<std::size_t>(i)] < f.classes, what, ": image ", i + 1, " has label ",
            int(f.labels[static_cast<std::size_t>(i)]), ", not one of the ", f.classes, " classes");
  for (std::size_t i = 0; i < f.pixels.size(); ++i)
    require(f.pixels[i] <= f.max_value, what, ": image ", i / static_cast<std::size_t>(f.height * f.width) + 1,
            " has a pixel of ", int(f.pixels[i]), ", brighter than the file's maximum ", f.max_value);
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
  require(bytes.size() >= 24, what, ": ", bytes.size(), " bytes is too short for an image set (the header alone has 24)");
  require(bytes.compare(0, 4, "NSIM") == 0, what, ": not a NeuroStep image set (it must start with \"NSIM\"; ",
          "is it still gzip-compressed?)");
  ImageSetFile f;
  const long n = little_endian(bytes, 4);
  f.height = little_endian(bytes, 8);
  f.width = little_endian(bytes, 12);
  f.classes = static_cast<int>(std::min<std::uint32_t>(little_endian(bytes, 16), 100000));
  f.max_value = static_cast<int>(std::min<std::uint32_t>(little_endian(bytes, 20), 100000));
  require(n >= 1 && n <= limits::max_samples, what, ": ", n, " images; 1 to ", limits::max_samples, " are supported");
  require(f.height >= 1 && f.width >= 1 && f.height <= limits::max_units && f.width <= limits::max_units &&
              f.height * f.width <= limits::max_units,
          what, ": images of ", f.height, " x ", f.width, " pixels; at most ", limits::max_units, " pixels are supported");
  const unsigned long long needed = 24ull + static_cast<unsigned long long>(n) * (1 + f.height * f.width);
  require(bytes.size() == needed, what, ": ", bytes.size(), " bytes, but ", n, " images of ", f.height, " x ", f.width,
          " need ", needed, bytes.size() < needed ? " (the file is truncated)" : "");
  f.labels.assign(bytes.begin() + 24, bytes.begin() + 24 + n);
  f.pixels.assign(bytes.begin() + 24 + n, bytes.end());
  validate(f, what);
  return f;
}

}  // namespace neurostep
