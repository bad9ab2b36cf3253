#pragma once
// One exception type for every bad input, with a message that says what was wrong and where.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurostep {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Builds a message from any streamable parts: fail("layer ", 2, ": units must be > 0").
template <typename... Parts>
[[noreturn]] void fail(const Parts&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  throw Error(out.str());
}

template <typename... Parts>
void require(bool condition, const Parts&... parts) {
  if (!condition) fail(parts...);
}

// Items for a message: "a, b, c".
inline std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// A number a user gave, for a message: the shortest text that reads back as the same double
// ("1000001", "0.1", "1e+300"). Streamed as is, a double shows 6 digits, and 1000001 would read
// "1e+06", as if it were inside the range it broke.
inline std::string exact(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char text[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, v);
    if (std::strtod(text, nullptr) == v) break;
  }
  return text;
}

// Numbers for a message: "28, 28".
inline std::string join_numbers(const std::vector<int>& items) {
  std::string out;
  for (int item : items) out += (out.empty() ? "" : ", ") + std::to_string(item);
  return out;
}

// The one prefix of every message about a layer: "layer 3", 1-based from a 0-based index, with
// the layer's name when it has one: layer 3 ("dropout").
inline std::string layer_label(long index, const std::string& name = "") {
  std::string out = "layer " + std::to_string(index + 1);
  return name.empty() ? out : out + " (\"" + name + "\")";
}

}  // namespace neurostep
