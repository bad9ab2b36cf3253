#pragma once
// Sizes past these limits get a clear error instead of an allocation failure.
// They are generous for a teaching tool and keep a browser tab well inside its memory.
#include <cstddef>

namespace neurostep::limits {

constexpr int max_layers = 32;                 // dense layers, output layer included
constexpr int max_units = 4096;                // per layer, and the input width
constexpr long max_parameters = 20'000'000;    // weights + biases in the whole network
constexpr long max_samples = 1'000'000;        // rows in a dataset
constexpr long max_dataset_values = 50'000'000;  // rows x (features + targets)
constexpr long max_predict_rows = 1'000'000;   // inputs in one predict call (a 1000 x 1000 grid)
constexpr int max_batch_size = 1'000'000;
constexpr long min_generated_rows = 4;         // a generator's smallest dataset
constexpr double max_noise = 10.0;             // a generator's noise
constexpr double max_test_ratio = 0.9;         // the share of rows a split holds out
constexpr double max_regularization = 1000.0;  // l1 and l2 of a layer
constexpr long max_epochs_per_call = 1'000'000;
constexpr long max_iterations = 2'000'000'000;  // optimizer steps a model file may claim (a 32-bit long)
constexpr double max_learning_rate = 1e6;      // absurd, but finite: divergence is a lesson too
constexpr std::size_t max_text_bytes = 256u << 20;  // CSV or JSON text

}  // namespace neurostep::limits

// What one call may cost (work_limits.hpp): a single step or predict cannot be interrupted, so
// its work is bounded too, not only the sizes that make it up.
namespace neurostep::limits {

constexpr double max_multiply_adds_per_call = 1e9;  // one forward pass: about a second in WebAssembly
constexpr double max_call_bytes = 512.0 * (1 << 20);  // its intermediates, in a 2 GB WebAssembly heap

}  // namespace neurostep::limits
