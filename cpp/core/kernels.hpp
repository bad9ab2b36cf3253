#pragma once
// The layer's matrix products, each output a sum in one fixed order. Eigen's products reorder
// their sums to vectorise them, differently natively (SSE) and in WebAssembly (no SIMD path),
// and training amplifies those last-bit differences until native and browser runs of the same
// seed part ways. Here every sum runs over its index from first to last; the vector lanes and
// the register tiles of gemm.hpp run across independent outputs, which changes no rounding, so
// both builds (and any vector width or tile shape) give the same bits as the plain loops below.
#include "core/gemm.hpp"
#include "core/tensor.hpp"

namespace neurostep::kernels {

// Below this many multiply-adds a product runs as a plain loop: the article's 8-10-8-1 network
// at batch 1 spends more time setting up register tiles than in them. Both paths give the same
// bits (each output sums in the same order), so where the line falls changes no result.
constexpr Eigen::Index small_product = 2048;
inline bool is_small(Eigen::Index a, Eigen::Index b, Eigen::Index c) { return a * b * c < small_product; }

// The blocked forms (gemm.hpp): C(r, c) = init_r + sum_p X(r, p) Y(c, p), p ascending.
namespace blocked {

// Z = W A + b: rows i (W's columns are contiguous in i), columns j, depth k.
template <typename S>
void affine(const Matrix<S>& W, const Matrix<S>& A, const Vector<S>* b, Matrix<S>& Z) {
  const Eigen::Index units = W.rows(), inputs = W.cols(), batch = A.cols();
  Z.resize(units, batch);
  gemm::product<S>(units, batch, inputs, {W.data(), 1, units}, {A.data(), inputs, 1},
                   b ? b->data() : nullptr, Z.data(), units);
}

// G = D A^T: rows i, columns k, depth j.
template <typename S>
void outer_sum(const Matrix<S>& D, const Matrix<S>& A, Matrix<S>& G) {
  const Eigen::Index rows = D.rows(), cols = A.rows(), batch = D.cols();
  G.resize(rows, cols);
  gemm::product<S>(rows, cols, batch, {D.data(), 1, rows}, {A.data(), 1, cols}, nullptr, G.data(), rows);
}

// P = W^T D: rows k (W's rows, gathered into panels), columns j, depth i.
template <typename S>
void transposed_product(const Matrix<S>& W, const Matrix<S>& D, Matrix<S>& P) {
  const Eigen::Index units = W.rows(), inputs = W.cols(), batch = D.cols();
  P.resize(inputs, batch);
  gemm::product<S>(inputs, batch, units, {W.data(), units, 1}, {D.data(), units, 1}, nullptr, P.data(), inputs);
}

}  // namespace blocked

// Z = W A + b (b omitted when null): z_ij = b_i + sum_k w_ik a_kj, k ascending.
template <typename S>
void affine(const Matrix<S>& W, const Matrix<S>& A, const Vector<S>* b, Matrix<S>& Z) {
  const Eigen::Index units = W.rows(), inputs = W.cols(), batch = A.cols();
  if (!is_small(units, inputs, batch)) return blocked::affine(W, A, b, Z);
  Z.resize(units, batch);
  for (Eigen::Index j = 0; j < batch; ++j) {
    S* z = Z.col(j).data();
    for (Eigen::Index i = 0; i < units; ++i) z[i] = b ? (*b)(i) : S(0);
    for (Eigen::Index k = 0; k < inputs; ++k) {
      const S a = A(k, j);
      const S* w = W.col(k).data();
      for (Eigen::Index i = 0; i < units; ++i) z[i] += w[i] * a;
    }
  }
}

// G = D A^T: g_ik = sum_j d_ij a_kj, j ascending (the sum over the batch).
template <typename S>
void outer_sum(const Matrix<S>& D, const Matrix<S>& A, Matrix<S>& G) {
  const Eigen::Index rows = D.rows(), cols = A.rows(), batch = D.cols();
  if (!is_small(rows, cols, batch)) return blocked::outer_sum(D, A, G);
  G.setZero(rows, cols);
  for (Eigen::Index j = 0; j < batch; ++j)
    for (Eigen::Index k = 0; k < cols; ++k) {
      const S a = A(k, j);
      S* g = G.col(k).data();
      const S* d = D.col(j).data();
      for (Eigen::Index i = 0; i < rows; ++i) g[i] += d[i] * a;
    }
}

// s = D 1: s_i = sum_j d_ij, j ascending.
template <typename S>
void row_sums(const Matrix<S>& D, Vector<S>& s) {
  s.setZero(D.rows());
  for (Eigen::Index j = 0; j < D.cols(); ++j)
    for (Eigen::Index i = 0; i < D.rows(); ++i) s(i) += D(i, j);
}

// P = W^T D: p_kj = sum_i w_ik d_ij, i ascending.
template <typename S>
void transposed_product(const Matrix<S>& W, const Matrix<S>& D, Matrix<S>& P) {
  const Eigen::Index units = W.rows(), inputs = W.cols(), batch = D.cols();
  if (!is_small(units, inputs, batch)) return blocked::transposed_product(W, D, P);
  P.resize(inputs, batch);
  for (Eigen::Index j = 0; j < batch; ++j) {
    const S* d = D.col(j).data();
    for (Eigen::Index k = 0; k < inputs; ++k) {
      const S* w = W.col(k).data();
      S sum = 0;
      for (Eigen::Index i = 0; i < units; ++i) sum += w[i] * d[i];
      P(k, j) = sum;
    }
  }
}

// sum_i x_i, i ascending.
template <typename Derived>
typename Derived::Scalar ordered_sum(const Eigen::DenseBase<Derived>& x) {
  typename Derived::Scalar sum = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) sum += x(i);
  return sum;
}

}  // namespace neurostep::kernels
