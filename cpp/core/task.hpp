#pragma once
// The output layer and loss a target calls for, with the sentence the page shows:
//   2 classes   -> Dense(1, sigmoid) + binary_crossentropy      (y is 0 or 1; the unit gives P(y = 1))
//   k classes   -> Dense(k, softmax) + sparse_categorical_crossentropy   (y is the class index)
//   numbers     -> Dense(n, linear) + mean_squared_error        (one unit per target column)
// A target is classes when it has class names (a text column, an image set), or when it holds
// whole numbers 0 .. k-1 with k at most 20 (scikit-learn's iris, wine, digits).
#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "core/activation.hpp"
#include "core/dataset.hpp"
#include "core/loss.hpp"

namespace neurostep {

struct TaskChoice {
  std::string kind;  // "binary", "multiclass" or "regression"
  int classes = 0;   // 0 for regression
  int output_units = 1;
  Activation output_activation = Activation::linear;
  Loss loss = Loss::mean_squared_error;
  std::string why;
};

constexpr int max_guessed_classes = 20;

inline TaskChoice pick_task(const Dataset& d) {
  validate(d);
  TaskChoice t;
  int classes = 0;
  if (d.targets() == 1 && !d.class_names.empty()) {
    classes = static_cast<int>(d.class_names.size());
  } else if (d.targets() == 1) {
    std::set<double> values;
    bool indices = true;
    for (long j = 0; j < d.size() && indices; ++j) {
      const double y = d.y(0, j);
      indices = y == std::floor(y) && y >= 0 && y < max_guessed_classes;
      values.insert(y);
    }
    if (indices && values.size() >= 2) classes = static_cast<int>(*values.rbegin()) + 1;
  }
  const std::string target = d.target_names.empty() ? "the target" : "the target \"" + d.target_names[0] + "\"";
  if (classes == 2) {
    t.kind = "binary";
    t.classes = 2;
    t.output_activation = Activation::sigmoid;
    t.loss = Loss::binary_crossentropy;
    t.why = "The output is 1 sigmoid unit with binary cross-entropy, because " + target +
            " has 2 classes: the unit gives the probability of class 1.";
  } else if (classes > 2) {
    t.kind = "multiclass";
    t.classes = classes;
    t.output_units = classes;
    t.output_activation = Activation::softmax;
    t.loss = Loss::sparse_categorical_crossentropy;
    t.why = "The output is " + std::to_string(classes) + " softmax units with sparse categorical cross-entropy, because " +
            target + " has " + std::to_string(classes) + " classes: each unit gives the probability of one class.";
  } else {
    t.kind = "regression";
    t.output_units = d.targets();
    t.why = d.targets() == 1
                ? "The output is 1 linear unit with mean squared error, because " + target +
                      " holds numbers, not classes: the network predicts the number itself."
                : "The output is " + std::to_string(d.targets()) + " linear units with mean squared error, because " +
                      "there are " + std::to_string(d.targets()) + " target columns of numbers: one unit predicts each.";
  }
  return t;
}

}  // namespace neurostep
