#pragma once
// What a trainer checks before it takes data (set_data, evaluate): the data against its network.
#include <cmath>
#include <string>

#include "core/dataset.hpp"
#include "core/network.hpp"
#include "core/tensor.hpp"

namespace neurostep {

// Data must fit the network: input width, output width, and targets the loss can take; in a
// float32 trainer, values float32 can hold. `what` names the data in the message.
template <typename S>
void check_data_fits(const Network<S>& net, const Dataset& d, const std::string& what, bool may_be_empty) {
  if (may_be_empty && d.size() == 0) return;
  validate(d, what);
  if constexpr (sizeof(S) < sizeof(double)) {  // finite as doubles, but maybe not as S
    const auto check = [&](double v, long j, int i, const char* kind) {
      if (std::fabs(v) > largest_value<S>())  // `if` first: the message is built only on failure
        fail(row_name(d, what, j), ", ", kind, " ", i + 1, " is ", exact(v), ", too large for ",
             dtype_name<S>(), ", whose largest value is ", largest_value<S>());
    };
    for (long j = 0; j < d.size(); ++j) {
      for (int i = 0; i < d.features(); ++i) check(d.x(i, j), j, i, "feature");
      for (int i = 0; i < d.targets(); ++i) check(d.y(i, j), j, i, "target");
    }
  }
  require(d.features() == net.input_dim(), what, " has ", d.features(),
          " feature columns but the network's input layer takes ", net.input_dim());
  const int K = net.output_dim();
  const Loss loss = net.loss();
  if (loss == Loss::sparse_categorical_crossentropy) {
    require(d.targets() == 1, what, ": sparse_categorical_crossentropy takes one target column ",
            "of class indices, got ", d.targets());
    for (long j = 0; j < d.size(); ++j) {
      const double y = d.y(0, j);
      if (!(y == std::floor(y) && y >= 0 && y < K))
        fail(row_name(d, what, j), ": class ", exact(y), " is not an integer in [0, ", K - 1,
             "] (the output layer has ", K, " units)");
    }
    return;
  }
  require(d.targets() == K, what, " has ", d.targets(), " target columns but the output layer has ",
          K, " units");
  if (is_crossentropy(loss))
    for (long j = 0; j < d.size(); ++j)
      for (int k = 0; k < K; ++k)
        if (!(d.y(k, j) >= 0.0 && d.y(k, j) <= 1.0))
          fail(row_name(d, what, j), ", target ", k + 1, " is ", exact(d.y(k, j)), "; ",
               name_of(loss), " needs targets in [0, 1]");
}

}  // namespace neurostep
