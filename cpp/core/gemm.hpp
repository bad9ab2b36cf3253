#pragma once
// One register- and cache-blocked product that all three products of a dense layer reduce to:
//   C(r, c) = init_r + sum_p X(r, p) Y(c, p),   p = 0, 1, ..., depth - 1 in that order,
// C column-major. Shaped like XNNPACK's f32-gemm and OpenBLAS's micro-kernels: a register tile
// of MR rows x NC columns of C stays in vector registers for the whole p loop; each step loads
// MR values of X (a column of the tile, RV vectors) and broadcasts NC values of Y. The vector
// lanes run across independent outputs (rows of C), so every output is still the plain sum
// ((init + x_0 y_0) + x_1 y_1) + ... rounded after every operation, in ascending p: the result
// is the same bit for bit as the naive loop, for any tile shape and vector width.
//
// X is read through strides, X(r, p) = x[r * x_row + p * x_depth]. A panel of MR rows of X is
// copied into a contiguous buffer (MR values per p, zero rows past the end) before its column
// tiles run, so the inner loop reads X sequentially from L1 whatever the strides; a panel whose
// rows are already contiguous and whole is read in place when no second column tile would
// reuse the copy (batch 1). Y(c, p) = y[c * y_col + p * y_depth] is read in place.
#include <Eigen/Core>
#include <vector>

#include "core/simd.hpp"

namespace neurostep::kernels::gemm {

using Index = Eigen::Index;

template <typename S>
struct Operand {
  const S* data;
  Index major;  // stride between rows (X) or columns (Y)
  Index depth;  // stride between successive p
};

// Register tile: RV vectors of rows x NC columns. 2 x 4 keeps 8 accumulators, 2 X vectors and a
// broadcast in 11 of the 16 vector registers x86-64 (and so V8's WebAssembly SIMD) has.
constexpr int RV = 2;
constexpr int NC = 4;
template <typename S>
constexpr int MR = RV * simd::lanes<S>;

// One MR x nc tile: C(r0.., c0..) over `depth` steps, all MR rows stored (a last, partial
// panel is computed into a scratch block; storing only some lanes here would make GCC keep
// accumulators in memory). x: the panel (x_step between p); y[c]: Y(c0 + c, 0) (y_step between
// p); init: MR start values, or null for 0.
template <typename S, int nc>
inline void tile(Index depth, const S* x, Index x_step, const S* const* y, Index y_step,
                 const S* init, S* c, Index ldc) {
  using Vec = simd::V<S>;
  constexpr int L = simd::lanes<S>;
  Vec start[RV];  // (set apart from acc, which GCC then keeps in registers)
  for (int v = 0; v < RV; ++v) start[v] = Vec{};
  if (init)
    for (int v = 0; v < RV; ++v) start[v] = simd::load(init + v * L);
  Vec acc[nc][RV];
  for (int j = 0; j < nc; ++j)
    for (int v = 0; v < RV; ++v) acc[j][v] = start[v];
  const S* yp[nc];
  for (int j = 0; j < nc; ++j) yp[j] = y[j];
  for (Index p = 0; p < depth; ++p) {
    Vec xv[RV];
    for (int v = 0; v < RV; ++v) xv[v] = simd::load(x + v * L);
    x += x_step;
    for (int j = 0; j < nc; ++j) {
      const Vec b = simd::splat(*yp[j]);
      yp[j] += y_step;
      for (int v = 0; v < RV; ++v) acc[j][v] = acc[j][v] + xv[v] * b;
    }
  }
  for (int j = 0; j < nc; ++j) {
    S* out = c + j * ldc;
    for (int v = 0; v < RV; ++v) simd::store(out + v * L, acc[j][v]);
  }
}

// All column tiles of one panel of rows.
template <typename S>
void panel(Index cols, Index depth, const S* x, Index x_step, const Operand<S>& Y, const S* init,
           S* c, Index ldc) {
  const S* y[NC];
  Index c0 = 0;
  for (; c0 + NC <= cols; c0 += NC) {
    for (int j = 0; j < NC; ++j) y[j] = Y.data + (c0 + j) * Y.major;
    tile<S, NC>(depth, x, x_step, y, Y.depth, init, c + c0 * ldc, ldc);
  }
  const int rest = static_cast<int>(cols - c0);
  for (int j = 0; j < rest; ++j) y[j] = Y.data + (c0 + j) * Y.major;
  S* out = c + c0 * ldc;
  switch (rest) {
    case 1: tile<S, 1>(depth, x, x_step, y, Y.depth, init, out, ldc); break;
    case 2: tile<S, 2>(depth, x, x_step, y, Y.depth, init, out, ldc); break;
    case 3: tile<S, 3>(depth, x, x_step, y, Y.depth, init, out, ldc); break;
    default: break;
  }
  static_assert(NC == 4, "the remainder cases above cover 1 .. NC - 1 columns");
}

// C (rows x cols, column-major with leading dimension ldc) = init + X Y^T as described above.
template <typename S>
void product(Index rows, Index cols, Index depth, const Operand<S>& X, const Operand<S>& Y,
             const S* init, S* c, Index ldc) {
  constexpr int mr = MR<S>;
  if (rows == 0 || cols == 0) return;
  if (depth == 0) {  // empty sums: C = init (or 0); X or Y is empty, its data may be null
    for (Index j = 0; j < cols; ++j)
      for (Index r = 0; r < rows; ++r) c[r + j * ldc] = init ? init[r] : S(0);
    return;
  }
  thread_local std::vector<S> packed;   // one panel of X: depth x MR
  thread_local std::vector<S> partial;  // the last panel's MR x cols outputs, when rows % MR
  S init_panel[mr];
  const bool in_place_ok = X.major == 1 && cols <= NC;
  for (Index r0 = 0; r0 < rows; r0 += mr) {
    const int n = static_cast<int>(rows - r0 < mr ? rows - r0 : mr);
    if (init) {
      for (int r = 0; r < mr; ++r) init_panel[r] = r < n ? init[r0 + r] : S(0);
    }
    const S* x = X.data + r0 * X.major;
    if (in_place_ok && n == mr) {
      panel(cols, depth, x, X.depth, Y, init ? init_panel : nullptr, c + r0, ldc);
      continue;
    }
    packed.resize(static_cast<std::size_t>(depth * mr));
    S* dst = packed.data();
    for (Index p = 0; p < depth; ++p, dst += mr) {
      const S* src = x + p * X.depth;
      int r = 0;
      for (; r < n; ++r) dst[r] = src[r * X.major];
      for (; r < mr; ++r) dst[r] = S(0);
    }
    if (n == mr) {
      panel(cols, depth, packed.data(), Index(mr), Y, init ? init_panel : nullptr, c + r0, ldc);
      continue;
    }
    partial.resize(static_cast<std::size_t>(cols * mr));
    panel(cols, depth, packed.data(), Index(mr), Y, init ? init_panel : nullptr, partial.data(), Index(mr));
    for (Index j = 0; j < cols; ++j)
      for (int r = 0; r < n; ++r) c[r0 + r + j * ldc] = partial[static_cast<std::size_t>(r + j * mr)];
  }
}

}  // namespace neurostep::kernels::gemm
