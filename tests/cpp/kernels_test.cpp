// The blocked kernels (cpp/core/kernels.hpp, gemm.hpp) against plain loops that sum each output
// over its index in ascending order, one rounding per operation: equal bit for bit, on shapes
// that leave every kind of remainder (rows past the last register tile, columns past the last
// column tile, a batch of one, empty inner dimensions), in float and double.
#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

#include "core/kernels.hpp"
#include "core/random.hpp"

using namespace neurostep;

namespace {

// Values of mixed signs and magnitudes (so that the order of the sums shows in the last bits),
// with some exact zeros, negative zeros and ones.
template <typename S>
Matrix<S> random_matrix(Eigen::Index rows, Eigen::Index cols, Random& rng) {
  Matrix<S> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    const double u = rng.uniform();
    S v = static_cast<S>(rng.normal() * (u < 0.5 ? 1.0 : u < 0.8 ? 1e-3 : 1e3));
    if (u > 0.97) v = S(0);
    else if (u > 0.95) v = -S(0);
    else if (u > 0.93) v = S(1);
    m.data()[i] = v;
  }
  return m;
}

// The reference loops: each output's sum from its first term to its last.
template <typename S>
Matrix<S> reference_affine(const Matrix<S>& W, const Matrix<S>& A, const Vector<S>* b) {
  Matrix<S> Z(W.rows(), A.cols());
  for (Eigen::Index i = 0; i < W.rows(); ++i)
    for (Eigen::Index j = 0; j < A.cols(); ++j) {
      S z = b ? (*b)(i) : S(0);
      for (Eigen::Index k = 0; k < W.cols(); ++k) z = z + W(i, k) * A(k, j);
      Z(i, j) = z;
    }
  return Z;
}
template <typename S>
Matrix<S> reference_outer_sum(const Matrix<S>& D, const Matrix<S>& A) {
  Matrix<S> G(D.rows(), A.rows());
  for (Eigen::Index i = 0; i < D.rows(); ++i)
    for (Eigen::Index k = 0; k < A.rows(); ++k) {
      S g = 0;
      for (Eigen::Index j = 0; j < D.cols(); ++j) g = g + D(i, j) * A(k, j);
      G(i, k) = g;
    }
  return G;
}
template <typename S>
Matrix<S> reference_transposed_product(const Matrix<S>& W, const Matrix<S>& D) {
  Matrix<S> P(W.cols(), D.cols());
  for (Eigen::Index k = 0; k < W.cols(); ++k)
    for (Eigen::Index j = 0; j < D.cols(); ++j) {
      S p = 0;
      for (Eigen::Index i = 0; i < W.rows(); ++i) p = p + W(i, k) * D(i, j);
      P(k, j) = p;
    }
  return P;
}

template <typename S>
bool same_bits(const Matrix<S>& a, const Matrix<S>& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         (a.size() == 0 || std::memcmp(a.data(), b.data(), sizeof(S) * static_cast<std::size_t>(a.size())) == 0);
}

struct Shape {
  Eigen::Index units, inputs, batch;
};
// units x inputs x batch, around the tile sizes (8 or 4 rows, 4 columns) and past them, on both
// sides of kernels::small_product.
const std::vector<Shape> shapes = {
    {1, 1, 1},    {7, 13, 5},   {8, 8, 4},    {9, 3, 1},     {16, 17, 7},  {3, 1, 9},
    {10, 8, 1},   {1, 10, 1},   {8, 10, 1},   {33, 2, 65},   {5, 0, 3},    {0, 4, 2},
    {4, 6, 0},    {64, 64, 64}, {12, 31, 2},  {257, 785, 65}, {256, 784, 64}, {10, 256, 64},
    {13, 17, 11}, {31, 9, 17},  {1, 3000, 1}, {3000, 1, 2},  {2, 2, 3000}};

template <typename S>
void check_all_products() {
  Random rng(2024);
  for (const Shape& s : shapes) {
    INFO(dtype_name<S>() << " units " << s.units << ", inputs " << s.inputs << ", batch " << s.batch);
    const Matrix<S> W = random_matrix<S>(s.units, s.inputs, rng);
    const Matrix<S> A = random_matrix<S>(s.inputs, s.batch, rng);
    const Matrix<S> D = random_matrix<S>(s.units, s.batch, rng);
    const Vector<S> b = random_matrix<S>(s.units, 1, rng);
    const Matrix<S> Z = reference_affine(W, A, &b), Z0 = reference_affine<S>(W, A, nullptr);
    const Matrix<S> G = reference_outer_sum(D, A), P = reference_transposed_product(W, D);
    const Vector<S>* no_bias = nullptr;
    Matrix<S> out;
    // As the layers call them (plain loops below kernels::small_product multiply-adds)...
    kernels::affine(W, A, &b, out);
    CHECK(same_bits(out, Z));
    kernels::affine(W, A, no_bias, out);
    CHECK(same_bits(out, Z0));
    kernels::outer_sum(D, A, out);
    CHECK(same_bits(out, G));
    kernels::transposed_product(W, D, out);
    CHECK(same_bits(out, P));
    // ... and the register-tiled forms at every size.
    kernels::blocked::affine(W, A, &b, out);
    CHECK(same_bits(out, Z));
    kernels::blocked::affine(W, A, no_bias, out);
    CHECK(same_bits(out, Z0));
    kernels::blocked::outer_sum(D, A, out);
    CHECK(same_bits(out, G));
    kernels::blocked::transposed_product(W, D, out);
    CHECK(same_bits(out, P));
  }
}

}  // namespace

TEST_CASE("blocked products equal ascending-order loops bit for bit (float)", "[kernels]") {
  check_all_products<float>();
}

TEST_CASE("blocked products equal ascending-order loops bit for bit (double)", "[kernels]") {
  check_all_products<double>();
}

TEST_CASE("a negative zero bias stays negative zero when nothing is added", "[kernels]") {
  Matrix<float> W(3, 0), A(0, 2), Z;
  Vector<float> b(3);
  b << -0.0f, 0.0f, -2.5f;
  kernels::blocked::affine(W, A, &b, Z);
  REQUIRE(Z.rows() == 3);
  REQUIRE(Z.cols() == 2);
  for (int j = 0; j < 2; ++j) {
    CHECK(std::signbit(Z(0, j)));
    CHECK_FALSE(std::signbit(Z(1, j)));
    CHECK(Z(2, j) == -2.5f);
  }
}

TEST_CASE("products reuse their output matrices whatever their previous size", "[kernels]") {
  Random rng(5);
  const Matrix<double> W = random_matrix<double>(9, 5, rng), A = random_matrix<double>(5, 6, rng);
  Matrix<double> Z = Matrix<double>::Constant(2, 40, 7.0);
  kernels::blocked::affine(W, A, static_cast<const Vector<double>*>(nullptr), Z);
  CHECK(same_bits(Z, reference_affine<double>(W, A, nullptr)));
  Matrix<double> G = Matrix<double>::Constant(1, 1, 7.0);
  kernels::blocked::outer_sum(A, A, G);  // 5 x 5: a_k . a_l over the 6 columns
  CHECK(same_bits(G, reference_outer_sum(A, A)));
}
