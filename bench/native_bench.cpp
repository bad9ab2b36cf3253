// Benchmark (npm run bench): trains the article's network (8 -> 10 relu -> 8 relu -> 1 sigmoid,
// binary_crossentropy, Adam, batch 1, float32) on its 10 x 8 bit data and reports samples/s.
// --json prints {"samples_per_second": N} for bench/wasm_bench.mjs.
#include <chrono>
#include <cstdio>
#include <cstring>

#include "core/generators.hpp"
#include "core/trainer.hpp"

using namespace neurostep;

int main(int argc, char** argv) {
  const bool json = argc > 1 && std::strcmp(argv[1], "--json") == 0;
  const Dataset data = generate_dataset("article_bits", {});
  Trainer<float> trainer(article_model(), 42);
  trainer.set_data(data, Dataset{});
  trainer.set_batch_size(1);
  trainer.train_epochs(1000);  // warm-up

  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  long epochs = 0;
  double seconds = 0;
  while (seconds < 2.0) {
    epochs += trainer.train_epochs(5000);
    seconds = std::chrono::duration<double>(clock::now() - start).count();
  }
  const double rate = static_cast<double>(epochs) * data.size() / seconds;
  if (json) std::printf("{\"samples_per_second\": %.0f}\n", rate);
  else
    std::printf("native: %.0f samples/s (article network, Adam, batch 1, float32; target >= 1,000,000)\n", rate);
  return 0;
}
