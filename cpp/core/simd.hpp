#pragma once
// The little SIMD vocabulary the kernels use, one source for every build: GCC/clang vector
// extensions, which compile to SSE (native; AVX when the compiler targets it) and to
// WebAssembly SIMD128 (-msimd128). Only IEEE lane-wise +, * and moves are used, each rounded
// on its own (-ffp-contract=off forbids fusing a*b + c), so a lane computes exactly what the
// scalar expression would, whatever the vector width.
#include <cstdint>
#include <cstring>
#include <utility>

namespace neurostep::simd {

#if defined(__AVX__)
constexpr int bytes = 32;
#else
constexpr int bytes = 16;
#endif

template <typename S>
struct VectorOf;
template <>
struct VectorOf<float> {
  typedef float type __attribute__((vector_size(bytes)));
};
template <>
struct VectorOf<double> {
  typedef double type __attribute__((vector_size(bytes)));
};
template <>
struct VectorOf<std::int64_t> {  // the bits of V<double>'s lanes, and comparison masks
  typedef std::int64_t type __attribute__((vector_size(bytes)));
};

// A vector of S, and how many S it holds.
template <typename S>
using V = typename VectorOf<S>::type;
template <typename S>
constexpr int lanes = bytes / static_cast<int>(sizeof(S));

// Unaligned load and store (memcpy is how C++ says it; compilers emit one vector move).
template <typename S>
inline V<S> load(const S* p) {
  V<S> v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <typename S>
inline void store(S* p, V<S> v) {
  std::memcpy(p, &v, sizeof v);
}

// Every lane x (an initializer list, one broadcast instruction; 0 + x would turn -0 into +0).
template <typename S, std::size_t... lane>
inline V<S> splat(S x, std::index_sequence<lane...>) {
  return V<S>{((void)lane, x)...};
}
template <typename S>
inline V<S> splat(S x) {
  return splat(x, std::make_index_sequence<lanes<S>>{});
}

}  // namespace neurostep::simd
