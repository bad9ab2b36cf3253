#pragma once
// Keras's weight constraints, applied to a weight after each optimizer update (w <- c(w)):
//   MaxNorm(max_value=2, axis=0):    w * clip(|w|, 0, max_value) / (eps + |w|)
//   MinMaxNorm(min_value=0, max_value=1, rate=1, axis=0):
//                                    w * (rate clip(|w|, min, max) + (1 - rate) |w|) / (eps + |w|)
//   UnitNorm(axis=0):                w / (eps + |w|)
//   NonNeg():                        w * (w >= 0)
// |w| is the Euclidean norm along `axis` of Keras's kernel (inputs x units): axis 0 takes
// each unit's incoming weights (a row of NeuroStep's W), axis 1 (or -1) each input's outgoing
// weights (a column of W); for a vector (a bias) the whole vector. eps is Keras's 1e-7.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/names.hpp"
#include "core/tensor.hpp"

namespace neurostep {

enum class ConstraintKind { none, max_norm, min_max_norm, unit_norm, non_neg };

inline const NameTable<ConstraintKind>& constraint_names() {
  static const NameTable<ConstraintKind> table = {{"MaxNorm", ConstraintKind::max_norm},
                                                  {"MinMaxNorm", ConstraintKind::min_max_norm},
                                                  {"UnitNorm", ConstraintKind::unit_norm},
                                                  {"NonNeg", ConstraintKind::non_neg}};
  return table;
}

struct Constraint {
  ConstraintKind kind = ConstraintKind::none;
  double max_value = 2.0;  // MaxNorm's default; MinMaxNorm's is 1 (default_constraint)
  double min_value = 0.0;
  double rate = 1.0;
  int axis = 0;  // of Keras's kernel; 1 and -1 are the same for a 2-D kernel
  bool active() const { return kind != ConstraintKind::none; }
  bool operator==(const Constraint& o) const {
    return kind == o.kind && max_value == o.max_value && min_value == o.min_value && rate == o.rate && axis == o.axis;
  }
  bool operator!=(const Constraint& o) const { return !(*this == o); }
};

// Keras's constructor defaults for each kind.
inline Constraint default_constraint(ConstraintKind kind) {
  Constraint c;
  c.kind = kind;
  if (kind == ConstraintKind::min_max_norm) c.max_value = 1.0;
  return c;
}

inline void validate(const Constraint& c, const std::string& where, const char* what) {
  if (!c.active()) return;
  if (!(c.axis == 0 || c.axis == 1 || c.axis == -1))
    fail_with("constraint.axis", "{layer}: {constraint} axis must be 0, 1 or -1 (the kernel has two axes), got {value}",
              {arg("layer", where), arg("constraint", what), arg("value", c.axis)});
  if (!(std::isfinite(c.max_value) && c.max_value >= 0))
    fail_with("constraint.max_value", "{layer}: {constraint} max_value must be a number >= 0, got {value}",
              {arg("layer", where), arg("constraint", what), arg("value", c.max_value)});
  if (!(std::isfinite(c.min_value) && c.min_value >= 0 && c.min_value <= c.max_value))
    fail_with("constraint.min_value", "{layer}: {constraint} min_value must be in [0, max_value], got {value}",
              {arg("layer", where), arg("constraint", what), arg("value", c.min_value)});
  if (!(std::isfinite(c.rate) && c.rate >= 0 && c.rate <= 1))
    fail_with("constraint.rate", "{layer}: {constraint} rate must be in [0, 1], got {value}",
              {arg("layer", where), arg("constraint", what), arg("value", c.rate)});
}

namespace constraint_detail {
constexpr double eps = 1e-7;  // Keras's backend.epsilon()

// The new value of one group of weights (a row, a column or the whole vector) of norm `norm`.
template <typename Block>
void apply_to_group(const Constraint& c, Block w) {
  using S = typename Block::Scalar;
  if (c.kind == ConstraintKind::non_neg) {
    w = (w.array() >= S(0)).select(w.array(), S(0)).matrix();
    return;
  }
  S sum = 0;  // |w|^2, summed in a fixed order
  for (Eigen::Index i = 0; i < w.size(); ++i) sum += w(i) * w(i);
  const S norm = std::sqrt(sum);
  S desired = norm;
  if (c.kind == ConstraintKind::max_norm) desired = std::clamp(norm, S(0), S(c.max_value));
  else if (c.kind == ConstraintKind::unit_norm) desired = S(1);
  else if (c.kind == ConstraintKind::min_max_norm)
    desired = S(c.rate) * std::clamp(norm, S(c.min_value), S(c.max_value)) + S(1 - c.rate) * norm;
  w *= desired / (S(eps) + norm);
}
}  // namespace constraint_detail

// W is units x inputs (Keras's kernel transposed): Keras's axis 0 is a row of W. Any other
// weight is a vector, constrained as a whole.
template <typename Derived>
void apply_constraint(const Constraint& c, Eigen::MatrixBase<Derived>& W, bool is_kernel) {
  if (!c.active()) return;
  if (!is_kernel) constraint_detail::apply_to_group(c, W.col(0));
  else if (c.axis == 0)
    for (Eigen::Index u = 0; u < W.rows(); ++u) constraint_detail::apply_to_group(c, W.row(u));
  else
    for (Eigen::Index i = 0; i < W.cols(); ++i) constraint_detail::apply_to_group(c, W.col(i));
}

}  // namespace neurostep
