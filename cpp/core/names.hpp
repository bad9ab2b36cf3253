#pragma once
// Name <-> enum tables shared by activations, losses, initializers and optimizers, so that every
// unknown name gets the same kind of message: what was given and what would have been valid.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace neurostep {

template <typename E>
using NameTable = std::vector<std::pair<const char*, E>>;

template <typename E>
E from_name(const NameTable<E>& table, const std::string& name, const char* what) {
  for (const auto& [n, e] : table)
    if (name == n) return e;
  std::string valid;
  for (const auto& entry : table) valid += (valid.empty() ? "" : ", ") + std::string(entry.first);
  fail_with("names.unknown", "unknown {what} '{name}'; valid names are: {valid}", {arg("what", what), arg("name", name), arg("valid", valid)});
}

// The first name listed for a value is its canonical (Keras) name.
template <typename E>
std::string to_name(const NameTable<E>& table, E value) {
  for (const auto& [n, e] : table)
    if (e == value) return n;
  return "?";
}

// Where text stops being UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF), or npos if it never does. Names go into JSON, which must be UTF-8.
inline std::size_t invalid_utf8_at(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // The length of the sequence from its lead byte, and the range of its second byte.
    std::size_t n = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, low = 0xA0;        // no overlong 3-byte forms
    else if (c == 0xED) n = 3, high = 0x9F;       // no surrogates U+D800..U+DFFF
    else if (c >= 0xE1 && c <= 0xEF) n = 3;
    else if (c == 0xF0) n = 4, low = 0x90;        // no overlong 4-byte forms
    else if (c == 0xF4) n = 4, high = 0x8F;       // nothing above U+10FFFF
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else return i;
    if (i + n > s.size()) return i;
    for (std::size_t k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if (d < (k == 1 ? low : 0x80) || d > (k == 1 ? high : 0xBF)) return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

}  // namespace neurostep
