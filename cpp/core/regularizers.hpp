#pragma once
// Keras's weight regularizers, L1L2(l1, l2) (L1 and L2 are its special cases): a term
//   l1 sum |w| + l2 sum w^2
// added to the loss, whose gradient l1 sign(w) + 2 l2 w is added to dL/dw. As an activity
// regularizer the same term is taken of a layer's output for the batch (Keras 3 adds it as it
// is, not divided by the batch size).
#include <cmath>

#include "core/error.hpp"
#include "core/kernels.hpp"
#include "core/tensor.hpp"

namespace neurostep {

struct Regularizer {
  double l1 = 0.0;
  double l2 = 0.0;
  bool active() const { return l1 > 0 || l2 > 0; }
  bool operator==(const Regularizer& o) const { return l1 == o.l1 && l2 == o.l2; }
  bool operator!=(const Regularizer& o) const { return !(*this == o); }
};

// `what` names it in a message ("layer 2: bias_regularizer l1 ...").
inline void validate(const Regularizer& r, const std::string& where, const char* what) {
  for (const auto& [key, v] : {std::pair{"l1", r.l1}, std::pair{"l2", r.l2}})
    if (!(std::isfinite(v) && v >= 0.0 && v <= 1e3))
      fail_with("layer.penalty", "{layer}: {key} must be in [0, 1000], got {value}",
                {arg("layer", where), arg("key", std::string(what) + key), arg("value", v)});
}

// l1 sum|w| + l2 sum w^2
template <typename Derived>
typename Derived::Scalar penalty(const Regularizer& r, const Eigen::DenseBase<Derived>& w) {
  using S = typename Derived::Scalar;
  S p = 0;
  if (r.l1 > 0) p += S(r.l1) * kernels::ordered_sum(w.derived().array().abs());
  if (r.l2 > 0) p += S(r.l2) * kernels::ordered_sum(w.derived().array().square());
  return p;
}

// g += d/dw (l1 sum|w| + l2 sum w^2) = l1 sign(w) + 2 l2 w
template <typename W, typename G>
void add_penalty_gradient(const Regularizer& r, const Eigen::DenseBase<W>& w, Eigen::DenseBase<G>& g) {
  using S = typename W::Scalar;
  if (r.l1 > 0) g.derived().array() += S(r.l1) * w.derived().array().sign();
  if (r.l2 > 0) g.derived().array() += S(2 * r.l2) * w.derived().array();
}

}  // namespace neurostep
