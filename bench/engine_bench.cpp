// Benchmark (npm run bench; not a test): one source, built natively (build/native/neurostep_bench)
// and to WebAssembly (build/wasm/neurostep_bench.js, run by Node), so that both builds time the
// same workloads with the same code. bench/wasm_bench.mjs runs both and TensorFlow.js and prints
// them side by side. Workloads (float32, single-threaded):
//   article  8-10-8-1 (relu, relu, sigmoid), binary cross-entropy, Adam, batch 1   samples/s
//   mnist    784-256-10 (relu, softmax), categorical cross-entropy, Adam, batch 64  samples/s
//   mlp512   64-512-512-10 (relu, relu, softmax), same loss, Adam, batch 128      samples/s
//   product  Z = W A + b with W 256 x 784, A 784 x 64 (one dense layer's forward)  GFLOP/s
// Usage: neurostep_bench [--json] [--seconds S] [workload ...] (all workloads by default).
// Rates are per second of this process's CPU time (the machine is shared: wall time would
// measure the other processes too); --json also gives the wall-clock rates.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#else
#include <ctime>
#endif

#include "core/generators.hpp"
#include "core/trainer.hpp"

using namespace neurostep;

namespace {

using Clock = std::chrono::steady_clock;

#ifdef __EMSCRIPTEN__
// Node's own count of the CPU time this process has used.
EM_JS(double, cpu_seconds, (), {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
});
#else
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}
#endif

double last_wall_rate = 0;  // the wall-clock rate of the last call of rate()

// Runs chunk() (which returns the work it did) until `seconds` of CPU time have passed; work
// per CPU second.
template <typename F>
double rate(F chunk, double seconds) {
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  double work = 0, elapsed = 0;
  while (elapsed < seconds) {
    work += chunk();
    elapsed = cpu_seconds() - cpu_start;
  }
  last_wall_rate = work / std::chrono::duration<double>(Clock::now() - start).count();
  return work / elapsed;
}

LayerConfig dense(int units, Activation f) {
  LayerConfig c;
  c.units = units;
  c.activation = f;
  return c;
}

ModelSpec classifier(int inputs, std::vector<int> hidden, int classes) {
  ModelSpec spec;
  spec.input_dim = inputs;
  for (int units : hidden) spec.layers.push_back(dense(units, Activation::relu));
  spec.layers.push_back(dense(classes, Activation::softmax));
  spec.loss = Loss::categorical_crossentropy;
  spec.optimizer = default_optimizer(OptimizerKind::adam);
  return spec;
}

// Inputs uniform in [0, 1), one-hot labels drawn at random: the speed does not depend on them.
Dataset random_classes(int features, int classes, long rows, std::uint32_t seed) {
  Random rng(seed);
  Dataset d;
  d.x.resize(features, rows);
  d.y.setZero(classes, rows);
  for (long j = 0; j < rows; ++j) {
    for (int i = 0; i < features; ++i) d.x(i, j) = rng.uniform();
    d.y(rng.below(static_cast<std::uint32_t>(classes)), j) = 1.0;
  }
  return d;
}

// Samples per second of train_epochs on `data` with `batch`; effective GFLOP/s alongside
// (6 flops per weight and sample: the forward product and the two backward ones).
double train_rate(const ModelSpec& spec, const Dataset& data, int batch, long warmup_epochs,
                  long chunk_epochs, double seconds) {
  Trainer<float> trainer(spec, 42);
  trainer.set_data(data, Dataset{});
  trainer.set_batch_size(batch);
  trainer.train_epochs(warmup_epochs);
  return rate([&] { return static_cast<double>(trainer.train_epochs(chunk_epochs) * data.size()); },
              seconds);
}

double weights_of(const ModelSpec& spec) {
  double w = 0, inputs = spec.input_dim;
  for (const auto& l : spec.layers) {
    w += inputs * l.units;
    inputs = l.units;
  }
  return w;
}

struct Result {
  std::string name, unit;
  double value, gflops;
  double wall = last_wall_rate;
};

Result article(double seconds) {
  const Dataset data = generate_dataset("article_bits", {});
  const ModelSpec spec = article_model();
  const double r = train_rate(spec, data, 1, 1000, 2000, seconds);
  return {"article", "samples/s", r, r * 6 * weights_of(spec) / 1e9};
}

Result mnist(double seconds) {
  const ModelSpec spec = classifier(784, {256}, 10);
  const double r = train_rate(spec, random_classes(784, 10, 1024, 7), 64, 1, 1, seconds);
  return {"mnist", "samples/s", r, r * 6 * weights_of(spec) / 1e9};
}

Result mlp512(double seconds) {
  const ModelSpec spec = classifier(64, {512, 512}, 10);
  const double r = train_rate(spec, random_classes(64, 10, 1024, 7), 128, 1, 1, seconds);
  return {"mlp512", "samples/s", r, r * 6 * weights_of(spec) / 1e9};
}

Result product(double seconds) {
  const int units = 256, inputs = 784, batch = 64;
  Random rng(3);
  Matrix<float> W(units, inputs), A(inputs, batch), Z;
  Vector<float> b(units);
  for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = float(rng.uniform(-1, 1));
  for (Eigen::Index i = 0; i < A.size(); ++i) A.data()[i] = float(rng.uniform());
  for (Eigen::Index i = 0; i < b.size(); ++i) b(i) = float(rng.uniform(-1, 1));
  const double flops = 2.0 * units * inputs * batch;
  kernels::affine(W, A, &b, Z);
  const double r = rate([&] {
    for (int n = 0; n < 10; ++n) kernels::affine(W, A, &b, Z);
    return 10 * flops;
  }, seconds);
  return {"product", "GFLOP/s", r / 1e9, r / 1e9, last_wall_rate / 1e9};
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  double seconds = 2.0;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) json = true;
    else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = std::atof(argv[++i]);
    else names.push_back(argv[i]);
  }
  if (names.empty()) names = {"article", "mnist", "mlp512", "product"};
  std::vector<Result> results;
  for (const auto& n : names) {
    if (n == "article") results.push_back(article(seconds));
    else if (n == "mnist") results.push_back(mnist(seconds));
    else if (n == "mlp512") results.push_back(mlp512(seconds));
    else if (n == "product") results.push_back(product(seconds));
    else {
      std::fprintf(stderr, "unknown workload '%s' (article, mnist, mlp512, product)\n", n.c_str());
      return 2;
    }
  }
  if (json) {
    std::printf("{");
    for (std::size_t i = 0; i < results.size(); ++i)
      std::printf("%s\"%s\": {\"value\": %.6g, \"gflops\": %.6g, \"wall\": %.6g}", i ? ", " : "",
                  results[i].name.c_str(), results[i].value, results[i].gflops, results[i].wall);
    std::printf("}\n");
  } else {
    for (const auto& r : results)
      std::printf("%-8s %14.1f %-10s %6.2f effective GFLOP/s\n", r.name.c_str(), r.value, r.unit.c_str(), r.gflops);
  }
  return 0;
}
