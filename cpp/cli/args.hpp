#pragma once
// Command-line plumbing for the neurostep tool: options of the form --name VALUE (or
// --name=VALUE), strict number parsing, and whole-file reads and writes. Every problem is a
// neurostep::Error whose message names the option or file, so main() can print it and exit 2.
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace neurostep::cli {

struct Args {
  std::vector<std::pair<std::string, std::string>> options;  // in the order given
  std::vector<std::string> positional;

  bool has(const std::string& name) const {
    for (const auto& o : options)
      if (o.first == name) return true;
    return false;
  }
  // The last value given for an option (a repeated option's later value wins), or `fallback`.
  std::string get(const std::string& name, const std::string& fallback = "") const {
    std::string value = fallback;
    for (const auto& o : options)
      if (o.first == name) value = o.second;
    return value;
  }
  std::vector<std::string> all(const std::string& name) const {
    std::vector<std::string> values;
    for (const auto& o : options)
      if (o.first == name) values.push_back(o.second);
    return values;
  }
};

// Splits argv[first..] into options (each of which takes a value) and positional arguments.
// `command` and `known` are for the messages: an unknown option is named with the command.
inline Args parse_args(int argc, char** argv, int first, const std::string& command,
                       const std::vector<std::string>& known) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) != 0 || word == "--") {
      args.positional.push_back(word);
      continue;
    }
    std::string value;
    bool has_value = false;
    if (const std::size_t eq = word.find('='); eq != std::string::npos) {
      value = word.substr(eq + 1);
      word = word.substr(0, eq);
      has_value = true;
    }
    bool is_known = false;
    for (const auto& k : known) is_known = is_known || word == k;
    if (!is_known) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      fail("unknown option ", word, " for neurostep ", command,
           list.empty() ? std::string(", which takes no options") : "; its options are " + list);
    }
    if (!has_value) {
      require(i + 1 < argc, word, " needs a value");
      value = argv[++i];
    }
    args.options.emplace_back(word, value);
  }
  return args;
}

// A whole decimal number in [low, high]; "12abc", "1.5" and "" are refused.
inline long long to_integer(const std::string& text, const std::string& option, long long low,
                            long long high) {
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  require(ec == std::errc() && ptr == end && !text.empty(), option, " must be a whole number, got \"",
          text, "\"");
  require(value >= low && value <= high, option, " must be between ", low, " and ", high, ", got ",
          value);
  return value;
}

inline double to_number(const std::string& text, const std::string& option) {
  char* end = nullptr;
  errno = 0;
  const double value = text.empty() ? 0.0 : std::strtod(text.c_str(), &end);
  require(!text.empty() && end == text.c_str() + text.size() && errno == 0 && std::isfinite(value),
          option, " must be a number, got \"", text, "\"");
  return value;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read ", path, ": ", std::strerror(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  require(size >= 0 && static_cast<std::size_t>(size) <= limits::max_text_bytes, path, " is larger ",
          "than the limit of ", limits::max_text_bytes, " bytes");
  in.seekg(0);
  std::ostringstream text;
  text << in.rdbuf();
  require(!in.bad(), "cannot read ", path);
  return text.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) fail("cannot write ", path, ": ", std::strerror(errno));
  out << text;
  out.flush();
  require(out.good(), "cannot write ", path);
}

// Runs f; an Error from it gets `prefix: ` in front (a file name, say).
template <typename F>
auto about(const std::string& prefix, F f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error& e) {
    fail(prefix, ": ", e.what());
  }
}

}  // namespace neurostep::cli
