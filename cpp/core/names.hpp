#pragma once
// Name <-> enum tables shared by activations, losses, initializers and optimizers, so that every
// unknown name gets the same kind of message: what was given and what would have been valid.
#include <string>
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
  fail("unknown ", what, " '", name, "'; valid names are: ", valid);
}

// The first name listed for a value is its canonical (Keras) name.
template <typename E>
std::string to_name(const NameTable<E>& table, E value) {
  for (const auto& [n, e] : table)
    if (e == value) return n;
  return "?";
}

}  // namespace neurostep
