#pragma once
// What a trainer checks before it takes data (set_data, evaluate): the data against its network.
#include <cmath>
#include <string>
#include <vector>

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
      {
        const std::vector<MessageArg> args = {arg("what", what), arg("row", source_row(d, j)), arg("index", i + 1), arg("value", exact(v)),
                                              arg("dtype", dtype_name<S>()), arg("largest", largest_value<S>())};
        const bool source = !d.source_rows.empty(), feature = std::string(kind) == "feature";
        if (source && feature)
          fail_with("data.feature_too_large_source", "row {row}, feature {index} is {value}, too large for {dtype}, whose largest value is {largest}", args);
        if (source)
          fail_with("data.target_too_large_source", "row {row}, target {index} is {value}, too large for {dtype}, whose largest value is {largest}", args);
        if (feature)
          fail_with("data.feature_too_large", "{what}: row {row}, feature {index} is {value}, too large for {dtype}, whose largest value is {largest}", args);
        fail_with("data.target_too_large", "{what}: row {row}, target {index} is {value}, too large for {dtype}, whose largest value is {largest}", args);
      }
    };
    for (long j = 0; j < d.size(); ++j) {
      for (int i = 0; i < d.features(); ++i) check(d.x(i, j), j, i, "feature");
      for (int i = 0; i < d.targets(); ++i) check(d.y(i, j), j, i, "target");
    }
  }
  if (d.features() != net.input_dim())
    fail_with("data.features", "{what} has {features} feature columns but the network's input layer takes {inputs}",
              {arg("what", what), arg("features", d.features()), arg("inputs", net.input_dim())});
  const int K = net.output_dim();
  const Loss loss = net.loss();
  if (loss == Loss::sparse_categorical_crossentropy) {
    if (d.targets() != 1)
      fail_with("data.sparse_one_column", "{what}: sparse_categorical_crossentropy takes one target column of class indices, got {targets}",
                {arg("what", what), arg("targets", d.targets())});
    for (long j = 0; j < d.size(); ++j) {
      const double y = d.y(0, j);
      if (!(y == std::floor(y) && y >= 0 && y < K)) {
        const std::vector<MessageArg> args = {arg("what", what), arg("row", source_row(d, j)), arg("class", exact(y)),
                                              arg("max", K - 1), arg("units", K)};
        // The row in `what`, or in the dataset the rows were split from (source_row).
        if (d.source_rows.empty())
          fail_with("data.class_range", "{what}: row {row}: class {class} is not an integer in [0, {max}] (the output layer has {units} units)", args);
        fail_with("data.class_range_source", "row {row}: class {class} is not an integer in [0, {max}] (the output layer has {units} units)", args);
      }
    }
    return;
  }
  if (d.targets() != K)
    fail_with("data.targets", "{what} has {targets} target columns but the output layer has {units} units",
              {arg("what", what), arg("targets", d.targets()), arg("units", K)});
  if (is_crossentropy(loss))
    for (long j = 0; j < d.size(); ++j)
      for (int k = 0; k < K; ++k)
        if (!(d.y(k, j) >= 0.0 && d.y(k, j) <= 1.0)) {
          const std::vector<MessageArg> args = {arg("what", what), arg("row", source_row(d, j)), arg("target", k + 1),
                                                arg("value", exact(d.y(k, j))), arg("loss", name_of(loss))};
          if (d.source_rows.empty())
            fail_with("data.target_range", "{what}: row {row}, target {target} is {value}; {loss} needs targets in [0, 1]", args);
          fail_with("data.target_range_source", "row {row}, target {target} is {value}; {loss} needs targets in [0, 1]", args);
        }
}

}  // namespace neurostep
