#pragma once
// The checks a Trainer (trainer.hpp) makes of its batch size and of the inputs it is asked to
// predict for, against its network.
#include <cmath>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/network.hpp"

namespace neurostep {

// BatchNormalization normalises each feature over the batch. With one sample the batch's
// variance is 0 and x_hat = 0, so the layer outputs beta whatever its input and passes no
// gradient back: Keras trains on like that without a word; NeuroStep refuses.
template <typename S>
int first_batch_normalization(const Network<S>& net) {
  for (int l = 0; l < net.depth(); ++l)
    if (net.at(l).kind() == LayerKind::batch_normalization) return l;
  return -1;
}
template <typename S>
void check_batch_statistics(const Network<S>& net, int batch_size) {
  const int l = first_batch_normalization(net);
  if (l < 0) return;
  if (batch_size < 2)
    fail_with("trainer.batch_norm_single_sample", "{layer}: BatchNormalization needs batches of at least 2 samples in training; with batch size 1 "
              "each sample is its own batch, its variance is 0 and the layer outputs beta whatever the input "
              "(Keras trains on so without a warning)", {arg("layer", layer_label(l, net.at(l).config().name))});
}
template <typename S>
void check_last_batch(const Network<S>& net, long rows, int batch_size) {
  const int l = first_batch_normalization(net);
  if (l < 0) return;
  if (rows % batch_size == 1 && rows != 1)
    fail_with("trainer.batch_norm_last_single", "{layer}: with {rows} rows and batch size {batch} the last batch of each epoch holds one "
              "sample, whose variance is 0, so BatchNormalization would output beta for it whatever the input "
              "(Keras does so silently); choose a batch size that leaves at least 2 rows in the last batch",
              {arg("layer", layer_label(l, net.at(l).config().name)), arg("rows", rows), arg("batch", batch_size)});
  if (rows == 1)
    fail_with("trainer.batch_norm_one_row", "{layer}: BatchNormalization cannot train on a single row (its batch variance is 0)",
              {arg("layer", layer_label(l, net.at(l).config().name))});
}

template <typename S>
void check_inputs(const Network<S>& net, const Matrix<S>& X, const char* what) {
  if (X.rows() != net.input_dim())
    fail_with("trainer.input_features", "{what}: inputs have {features} features but the network takes {inputs}",
              {arg("what", what), arg("features", X.rows()), arg("inputs", net.input_dim())});
  if (X.cols() > limits::max_predict_rows)
    fail_with("trainer.input_rows", "{what}: {rows} rows is more than the limit of {limit}",
              {arg("what", what), arg("rows", X.cols()), arg("limit", limits::max_predict_rows)});
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      if (!std::isfinite(static_cast<double>(X(i, j))))
        fail_with("trainer.input_not_finite", "{what}: row {row}, feature {feature} is not a finite number",
                  {arg("what", what), arg("row", j + 1), arg("feature", i + 1)});
}

}  // namespace neurostep
