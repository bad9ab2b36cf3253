#pragma once
// What every layer kind shares (core/layer.hpp puts the kinds behind one interface):
//  - ForwardContext: training or inference, and where Dropout draws its masks from;
//  - ParamRef: one of the layer's weights by Keras's name (kernel, bias, gamma, beta,
//    moving_mean, moving_variance, alpha), with its gradient and last update;
//  - Inspected: one intermediate of the forward or backward pass by the derivation's name.
#include <string>
#include <type_traits>
#include <vector>

#include "core/constraints.hpp"
#include "core/random.hpp"
#include "core/tensor.hpp"

namespace neurostep {

struct ForwardContext {
  bool training = true;    // Keras's training=True: Dropout drops, BatchNormalization uses batch statistics
  Random* rng = nullptr;   // Dropout's masks are drawn from it
  bool keep_masks = false; // reuse a mask that fits the batch (the gradient check holds it fixed)
};

// T is S or const S. Shapes are NeuroStep's orientation: a kernel is units x inputs (Keras's
// kernel transposed), every other weight a column of one value per feature.
template <typename T>
struct ParamRef {
  const char* name = "";
  Eigen::Index rows = 0, cols = 0;
  T* value = nullptr;
  T* grad = nullptr;   // dL/dw of the last backward pass; null for a weight that is not trained
  T* delta = nullptr;  // w_new - w_old of the last update; null likewise
  bool trainable = true;  // false: moving statistics, which the forward pass updates, not the optimizer
  bool used = true;       // false: a Dense layer's bias without use_bias (kept at 0, never updated)
  const Constraint* constraint = nullptr;  // applied after each update, when active

  Eigen::Index size() const { return rows * cols; }
  using M = Matrix<std::remove_const_t<T>>;
  Eigen::Map<std::conditional_t<std::is_const_v<T>, const M, M>> matrix() const { return {value, rows, cols}; }
  Eigen::Map<std::conditional_t<std::is_const_v<T>, const M, M>> gradient() const { return {grad, rows, cols}; }
};

template <typename T, typename Value, typename Grad>
ParamRef<T> param(const char* name, Value& value, Grad* grad, Grad* delta, bool trainable = true) {
  ParamRef<T> p;
  p.name = name;
  p.rows = value.rows();
  p.cols = value.cols();
  p.value = value.data();
  p.grad = grad ? grad->data() : nullptr;
  p.delta = delta ? delta->data() : nullptr;
  p.trainable = trainable;
  return p;
}

// The trained weights of a layer (every weight but BatchNormalization's moving statistics).
template <typename P>
std::vector<P> trained(std::vector<P> params) {
  std::vector<P> out;
  for (auto& p : params)
    if (p.trainable) out.push_back(p);
  return out;
}

// A weight the optimizer does not train (BatchNormalization's moving statistics).
template <typename T, typename Value>
ParamRef<T> untrained_param(const char* name, Value& value) {
  ParamRef<T> p;
  p.name = name;
  p.rows = value.rows();
  p.cols = value.cols();
  p.value = value.data();
  p.trainable = false;
  return p;
}

// An intermediate for inspection: a_prev, z, a, dA, x_hat, mask, ... (units x batch, or one
// column per feature).
template <typename S>
struct Inspected {
  const char* name = "";
  const S* data = nullptr;
  Eigen::Index rows = 0, cols = 0;
  Eigen::Map<const Matrix<S>> matrix() const { return {data, rows, cols}; }
};
template <typename S, typename M>
Inspected<S> inspected(const char* name, const M& m) {
  return {name, m.data(), m.rows(), m.cols()};
}

}  // namespace neurostep
