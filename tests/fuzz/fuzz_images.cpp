// libFuzzer target: the image readers on arbitrary bytes. read_idx and read_image_set must take
// any bytes to an array or a neurostep::Error; an image set they accept must load as a valid
// dataset and come back byte for byte through write_image_set.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/image_datasets.hpp"
#include "core/image_sources.hpp"

namespace {
[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "fuzz_images: %s\n", what.c_str());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace neurostep;
  FuzzedDataProvider in(data, size);
  const int mode = in.ConsumeIntegralInRange(0, 2);
  const std::string bytes = in.ConsumeRemainingBytesAsString();
  try {
    if (mode == 0) {
      const IdxArray a = read_idx(bytes, "fuzz.idx");
      unsigned long long n = 1;
      for (long d : a.dims) n *= static_cast<unsigned long long>(d);
      if (n != a.values.size()) broken("read_idx's values do not fill its dimensions");
    } else if (mode == 1) {
      const std::size_t half = bytes.size() / 2;  // images, then labels
      image_set_from_idx(bytes.substr(0, half), bytes.substr(half), 10, "images", "labels");
    } else {
      const ImageSetFile f = read_image_set(bytes, "fuzz.nsim");
      if (write_image_set(f) != bytes) broken("write_image_set did not give back what read_image_set read");
      for (const ImageSetInfo& info : image_sets()) {
        try {
          validate(image_dataset(info, bytes, 0, "fuzz.nsim"), "the image dataset");
        } catch (const Error&) {
          // a set of another shape or class count: refused, as it must be
        }
      }
    }
  } catch (const Error&) {
    return 0;
  }
  return 0;
}
