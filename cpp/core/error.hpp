#pragma once
// One exception type for every bad input, with a message that says what was wrong and where.
#include <sstream>
#include <stdexcept>
#include <string>

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

}  // namespace neurostep
