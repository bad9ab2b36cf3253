// neurostep_pack: converts the image files of Debian's packages into NeuroStep image sets (NSIM,
// cpp/core/idx.hpp) at build time. scripts/build.sh gunzips the inputs first.
//   neurostep_pack idx IMAGES.idx LABELS.idx CLASSES OUT.nsim [FIRST]   (Fashion-MNIST)
//   neurostep_pack digits DIGITS.csv OUT.nsim                            (scikit-learn's digits)
// FIRST keeps only the first images (the default training subset). Exit status 2 on bad input.
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "core/image_sources.hpp"

namespace {
std::string read_binary(const std::string& path) {
  // args.hpp's read_file caps text at 256 MB; Fashion-MNIST's training images are 47 MB.
  return neurostep::cli::read_file(path);
}
}  // namespace

int main(int argc, char** argv) {
  using namespace neurostep;
  try {
    const std::string mode = argc > 1 ? argv[1] : "";
    ImageSetFile f;
    std::string out;
    long first = 0;
    if (mode == "idx" && (argc == 6 || argc == 7)) {
      const int classes = static_cast<int>(cli::to_integer(argv[4], "CLASSES", 2, 255));
      f = image_set_from_idx(read_binary(argv[2]), read_binary(argv[3]), classes, argv[2], argv[3]);
      out = argv[5];
      if (argc == 7) first = static_cast<long>(cli::to_integer(argv[6], "FIRST", 1, limits::max_samples));
    } else if (mode == "digits" && argc == 4) {
      f = digits_from_csv(read_binary(argv[2]));
      out = argv[3];
    } else {
      std::cerr << "usage: neurostep_pack idx IMAGES LABELS CLASSES OUT [FIRST] | neurostep_pack digits DIGITS.csv OUT\n";
      return 2;
    }
    cli::write_file(out, write_image_set(f, first));
    std::cout << out << ": " << (first > 0 && first < f.count() ? first : f.count()) << " images of " << f.height
              << " x " << f.width << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "neurostep_pack: " << e.what() << "\n";
    return 2;
  }
}
