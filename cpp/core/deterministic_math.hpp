#pragma once
// log, sin and cos built only from +, -, *, / and exact frexp/ldexp, so that they give
// bit-identical results natively and in WebAssembly (libm implementations differ in the last
// bit, and glibc picks FMA variants at run time). Used wherever the same inputs must give the
// same bits on every platform: random transforms, data generators and the activations.
// Accurate to one or two ulps.
#include <cmath>
#include <cstdint>
#include <cstring>

namespace neurostep::det {

// log(x) = e ln 2 + log m with x = m 2^e, m in [sqrt(1/2), sqrt(2)),
// log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1) / (m + 1), |s| <= 0.172.
inline double log(double x) {
  if (!(x > 0.0)) return x == 0.0 ? -HUGE_VAL : NAN;
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    e -= 1;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double series = 0.0;  // Horner over 1/(2k+1), k = 12 .. 1
  for (int k = 12; k >= 1; --k) series = (series + 1.0 / (2 * k + 1)) * s2;
  const double log_m = 2.0 * s * (1.0 + series);
  constexpr double ln2_hi = 6.93147180369123816490e-01;  // ln 2 split so e * ln2_hi is exact
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  return e * ln2_hi + (e * ln2_lo + log_m);
}

namespace detail {
// x 2^k, exact when the result is a normal number (2^k built from its bit pattern).
inline double scale_by_power_of_two(double x, int k) {
  if (k < -1022 || k > 1023) return std::ldexp(x, k);
  const std::uint64_t bits = static_cast<std::uint64_t>(k + 1023) << 52;
  double p;
  std::memcpy(&p, &bits, sizeof p);
  return x * p;
}

// e^r - 1 for |r| <= ln(2)/2 by its Taylor series to r^14/14! (the next term is below 1e-17 of
// the result), by Horner's rule:
//   e^r - 1 = r (c1 + r (c2 + r (c3 + ... + r c14))),   c_n = 1/n!
// Each c_n is 1/n! rounded once (n! <= 14! is exact in a double), so the evaluation is 14
// multiplications and additions, the same on every machine (no division: the series written
// as 1 + r/n (...) took a division per term, six times slower, for the same accuracy).
namespace expm1_detail {
constexpr double f(int n) { return n <= 1 ? 1.0 : n * f(n - 1); }
constexpr double c[15] = {0,          1.0 / f(1),  1.0 / f(2),  1.0 / f(3),  1.0 / f(4),
                          1.0 / f(5), 1.0 / f(6),  1.0 / f(7),  1.0 / f(8),  1.0 / f(9),
                          1.0 / f(10), 1.0 / f(11), 1.0 / f(12), 1.0 / f(13), 1.0 / f(14)};
}  // namespace expm1_detail
inline double expm1_reduced(double r) {
  double p = expm1_detail::c[14];
  for (int n = 13; n >= 1; --n) p = expm1_detail::c[n] + r * p;
  return r * p;
}

// Taylor series on the reduced argument |r| <= pi/4; the next term is below 1e-19.
inline double sin_reduced(double r) {
  const double r2 = r * r;
  double term = r, sum = r;
  for (int n = 1; n <= 9; ++n) {
    term *= -r2 / ((2.0 * n) * (2.0 * n + 1.0));
    sum += term;
  }
  return sum;
}
inline double cos_reduced(double r) {
  const double r2 = r * r;
  double term = 1.0, sum = 1.0;
  for (int n = 1; n <= 9; ++n) {
    term *= -r2 / ((2.0 * n - 1.0) * (2.0 * n));
    sum += term;
  }
  return sum;
}
// x = k pi/2 + r (Cody-Waite with pi/2 in two parts; exact enough for |x| < 1e6).
inline int reduce(double x, double& r) {
  constexpr double two_over_pi = 6.36619772367581382433e-01;
  constexpr double pio2_hi = 1.57079632673412561417e+00;
  constexpr double pio2_lo = 6.07710050650619224932e-11;
  const double k = std::nearbyint(x * two_over_pi);
  r = (x - k * pio2_hi) - k * pio2_lo;
  return static_cast<int>(static_cast<long long>(k) & 3);
}
}  // namespace detail

// e^x = 2^k e^r with x = k ln 2 + r, |r| <= ln(2)/2.
inline double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return HUGE_VAL;
  if (x < -745.1332191019412) return 0.0;
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  const double k = std::nearbyint(x * 1.44269504088896338700);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  return detail::scale_by_power_of_two(1.0 + detail::expm1_reduced(r), static_cast<int>(k));
}

// e^x - 1, accurate near 0 where exp(x) - 1 would cancel.
inline double expm1(double x) {
  if (std::fabs(x) <= 0.34657359027997264) return detail::expm1_reduced(x);
  return exp(x) - 1.0;
}

// ln(1 + x); with w = 1 + x rounded, ln w + (x - (w - 1)) / w corrects the rounding of w.
inline double log1p(double x) {
  if (std::fabs(x) < 1e-4) return x * (1.0 - x * (0.5 - x * (1.0 / 3.0 - x * 0.25)));
  const double w = 1.0 + x;
  return log(w) + (x - (w - 1.0)) / w;
}

// tanh x = (e^2x - 1) / (e^2x + 1) = t / (t + 2), t = expm1(2|x|), with the sign of x.
inline double tanh(double x) {
  if (std::isnan(x)) return x;
  const double ax = std::fabs(x);
  if (ax > 20.0) return std::copysign(1.0, x);  // 1 - tanh(20) < 2^-56
  const double t = expm1(2.0 * ax);
  return std::copysign(t / (t + 2.0), x);
}

inline double sin(double x) {
  if (!std::isfinite(x) || std::fabs(x) > 1e6) return std::sin(x);  // not reached by generators
  double r;
  switch (detail::reduce(x, r)) {
    case 0: return detail::sin_reduced(r);
    case 1: return detail::cos_reduced(r);
    case 2: return -detail::sin_reduced(r);
    default: return -detail::cos_reduced(r);
  }
}

inline double cos(double x) {
  if (!std::isfinite(x) || std::fabs(x) > 1e6) return std::cos(x);
  double r;
  switch (detail::reduce(x, r)) {
    case 0: return detail::cos_reduced(r);
    case 1: return -detail::sin_reduced(r);
    case 2: return -detail::cos_reduced(r);
    default: return detail::sin_reduced(r);
  }
}

// erf x = 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1)) for |x| < 3 (all terms
// positive, so nothing cancels); beyond, erfc x = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x +
// (3/2)/(x + ...)))), the continued fraction evaluated from its 60th level up. For |x| > 6,
// 1 - |erf x| < 1e-17 and erf x is +-1.
inline double erf(double x) {
  if (std::isnan(x)) return x;
  const double ax = std::fabs(x);
  if (ax > 6.0) return std::copysign(1.0, x);
  constexpr double two_over_sqrt_pi = 1.12837916709551257390;
  if (ax < 3.0) {
    const double x2 = ax * ax;
    double term = ax, sum = ax;
    for (int n = 1; n < 200 && term > 1e-17 * sum; ++n) {
      term *= 2.0 * x2 / (2.0 * n + 1.0);
      sum += term;
    }
    return std::copysign(two_over_sqrt_pi * exp(-x2) * sum, x);
  }
  double f = ax;  // x + (k/2) / (x + ...) from k = 60 down to 1
  for (int k = 60; k >= 1; --k) f = ax + (0.5 * k) / f;
  const double erfc = 0.5 * two_over_sqrt_pi * exp(-ax * ax) / f;
  return std::copysign(1.0 - erfc, x);
}

}  // namespace neurostep::det
