#pragma once
// det::exp and det::tanh over whole arrays, several elements at once in SIMD lanes, giving for
// every element exactly the bits the scalar functions of deterministic_math.hpp give. Each lane
// runs the scalar function's operations in the scalar function's order; the scalar's branches
// become lane-wise selects, and two of its library calls become exact arithmetic:
//   nearbyint(v) = (v + M) - M with M = 1.5 2^52: for |v| < 2^51 the sum lies where doubles
//     are the integers, so the addition rounds v to the nearest integer, ties to even, exactly
//     as nearbyint does in the default rounding mode, and the subtraction is exact;
//   2^k from the bits of v + M: its low mantissa bits hold the integer k (two's complement), so
//     (bits + 1023) << 52 is the bit pattern of 2^k for -1022 <= k <= 1023.
// Lanes the fast path does not cover (NaN, and exp's results that are subnormal or overflow
// through ldexp) send their vector to the scalar function, lane by lane.
#include <cstddef>
#include <cstdint>

#include "core/deterministic_math.hpp"
#include "core/simd.hpp"

namespace neurostep::det {

namespace vector_detail {
using simd::V;
using D = V<double>;
using I = V<std::int64_t>;
constexpr int lanes = simd::lanes<double>;
// Vectors processed together: independent Horner chains the processor can overlap.
constexpr int group = 4;

// Vector casts between vectors of one size reinterpret the bits; comparisons give a lane of
// all ones where true, cast to I (compilers differ on which 64-bit integer type they use).
inline I bits(D x) { return (I)x; }
inline D from_bits(I b) { return (D)b; }
inline I less(D a, D b) { return (I)(a < b); }
inline I less_equal(D a, D b) { return (I)(a <= b); }
inline I is_nan(D a) { return (I)(a != a); }
inline D select(I mask, D yes, D no) { return from_bits((mask & bits(yes)) | (~mask & bits(no))); }
inline bool any(I mask) {
  for (int l = 0; l < lanes; ++l)
    if (mask[l]) return true;
  return false;
}

constexpr double magic = 6755399441055744.0;  // 1.5 2^52
constexpr double log2e = 1.44269504088896338700;
constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
constexpr std::int64_t sign_bit = static_cast<std::int64_t>(UINT64_C(1) << 63);

// e^r - 1 by detail::expm1_reduced's Horner rule, on a group of vectors.
inline void expm1_reduced(const D (&r)[group], D (&out)[group]) {
  D p[group];
  for (int g = 0; g < group; ++g) p[g] = simd::splat(detail::expm1_detail::c[14]);
  for (int n = 13; n >= 1; --n) {
    const D c = simd::splat(detail::expm1_detail::c[n]);
    for (int g = 0; g < group; ++g) p[g] = c + r[g] * p[g];
  }
  for (int g = 0; g < group; ++g) out[g] = r[g] * p[g];
}

// x = k ln 2 + r as det::exp reduces it; k_bits holds k in the low bits of v + M.
inline void reduce(D x, D& r, I& k_bits) {
  const D shifted = x * simd::splat(log2e) + simd::splat(magic);
  const D k = shifted - simd::splat(magic);
  r = (x - k * simd::splat(ln2_hi)) - k * simd::splat(ln2_lo);
  k_bits = bits(shifted);
}
inline D power_of_two(I k_bits) { return from_bits((k_bits + 1023) << 52); }

// tanh on group * lanes elements; false if a lane is NaN (the caller then uses the scalar).
inline bool tanh_group(const double* in, double* out) {
  D x[group], ax[group], u[group], r[group], e[group];
  I k_bits[group], small[group];
  I nan = {};
  for (int g = 0; g < group; ++g) {
    x[g] = simd::load(in + g * lanes);
    nan |= is_nan(x[g]);
    ax[g] = from_bits(bits(x[g]) & ~simd::splat(sign_bit));
    // |x| > 20 gives +-1 below, so u is capped to keep k small on lanes whose value is unused.
    u[g] = simd::splat(2.0) * ax[g];
    u[g] = select(less(simd::splat(40.0), u[g]), simd::splat(40.0), u[g]);
    small[g] = less_equal(u[g], simd::splat(0.34657359027997264));  // expm1's direct range
    D r_big;
    reduce(u[g], r_big, k_bits[g]);
    r[g] = select(small[g], u[g], r_big);
  }
  if (any(nan)) return false;
  expm1_reduced(r, e);
  for (int g = 0; g < group; ++g) {
    // t = e^u - 1: the series itself when u is small, else (1 + expm1(r)) 2^k - 1.
    const D big_t = (simd::splat(1.0) + e[g]) * power_of_two(k_bits[g]) - simd::splat(1.0);
    const D t = select(small[g], e[g], big_t);
    D y = t / (t + simd::splat(2.0));
    y = select(less(simd::splat(20.0), ax[g]), simd::splat(1.0), y);
    simd::store(out + g * lanes, from_bits(bits(y) | (bits(x[g]) & simd::splat(sign_bit))));
  }
  return true;
}

// e^x on group * lanes elements; false if a lane needs the scalar (NaN, subnormal results,
// or 2^k beyond the normal range).
inline bool exp_group(const double* in, double* out) {
  D x[group], xc[group], r[group], e[group];
  I k_bits[group], under[group], over[group];
  I scalar = {};
  for (int g = 0; g < group; ++g) {
    x[g] = simd::load(in + g * lanes);
    under[g] = less(x[g], simd::splat(-745.1332191019412));
    over[g] = less(simd::splat(709.782712893384), x[g]);
    // Lanes left for the arithmetic need -1022 <= k <= 1023, which |x| <= 708 guarantees.
    const I saturated = under[g] | over[g];
    const I wide = less(x[g], simd::splat(-708.0)) | less(simd::splat(708.0), x[g]);
    scalar |= is_nan(x[g]) | (~saturated & wide);
    xc[g] = select(saturated, simd::splat(0.0), x[g]);
    reduce(xc[g], r[g], k_bits[g]);
  }
  if (any(scalar)) return false;
  expm1_reduced(r, e);
  for (int g = 0; g < group; ++g) {
    D y = (simd::splat(1.0) + e[g]) * power_of_two(k_bits[g]);
    y = select(under[g], simd::splat(0.0), y);
    y = select(over[g], simd::splat(HUGE_VAL), y);
    simd::store(out + g * lanes, y);
  }
  return true;
}

constexpr std::size_t block = static_cast<std::size_t>(group * lanes);

template <bool (*vector_f)(const double*, double*), double (*scalar_f)(double)>
void apply(const double* x, double* y, std::size_t n) {
  std::size_t i = 0;
  for (; i + block <= n; i += block)
    if (!vector_f(x + i, y + i))
      for (std::size_t j = i; j < i + block; ++j) y[j] = scalar_f(x[j]);
  for (; i < n; ++i) y[i] = scalar_f(x[i]);
}

// float: each element widened to double, computed, and rounded once to float, as the scalar
// path static_cast<float>(det::f(double(x))) does.
template <bool (*vector_f)(const double*, double*), double (*scalar_f)(double)>
void apply(const float* x, float* y, std::size_t n) {
  constexpr std::size_t chunk = 32 * block;
  double wide[chunk];
  for (std::size_t start = 0; start < n; start += chunk) {
    const std::size_t m = n - start < chunk ? n - start : chunk;
    for (std::size_t j = 0; j < m; ++j) wide[j] = static_cast<double>(x[start + j]);
    apply<vector_f, scalar_f>(wide, wide, m);
    for (std::size_t j = 0; j < m; ++j) y[start + j] = static_cast<float>(wide[j]);
  }
}
}  // namespace vector_detail

// y[i] = det::exp(x[i]) and y[i] = det::tanh(x[i]), bit for bit; x and y may be the same array.
template <typename S>
void exp_n(const S* x, S* y, std::size_t n) {
  vector_detail::apply<vector_detail::exp_group, det::exp>(x, y, n);
}
template <typename S>
void tanh_n(const S* x, S* y, std::size_t n) {
  vector_detail::apply<vector_detail::tanh_group, det::tanh>(x, y, n);
}

}  // namespace neurostep::det
