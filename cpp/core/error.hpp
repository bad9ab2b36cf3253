#pragma once
// One exception type for every bad input, with a message that says what was wrong and where.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace neurostep {

// A message's named argument, as text: {"line", "3"}.
struct MessageArg {
  std::string name;
  std::string value;
};

// `what()` is the English message. An Error may also carry a stable id and its arguments, so that
// the page can say it in the reader's language (web/src/i18n/engine.ts: the catalogues hold each
// id under "engine" with the same {placeholders}; tests/i18n checks both languages have every id
// written here and that the English is the template). An Error without an id is shown in English.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  Error(std::string id, std::vector<MessageArg> args, const std::string& message)
      : std::runtime_error(message), id_(std::move(id)), args_(std::move(args)) {}
  const std::string& id() const { return id_; }
  const std::vector<MessageArg>& args() const { return args_; }

 private:
  std::string id_;
  std::vector<MessageArg> args_;
};

// An argument: text as it is; a number as a stream writes it (as the messages always did; pass
// exact(v) for a number the user typed).
inline MessageArg arg(std::string name, std::string value) { return {std::move(name), std::move(value)}; }
inline MessageArg arg(std::string name, const char* value) { return {std::move(name), value}; }
template <typename N, typename = std::enable_if_t<std::is_arithmetic_v<N>>>
MessageArg arg(std::string name, N value) {
  std::ostringstream out;
  out << value;
  return {std::move(name), out.str()};
}

// The English of a template: each {name} replaced by its argument ("line {line}" -> "line 3").
inline std::string format_message(const std::string& text, const std::vector<MessageArg>& args) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t end = text[i] == '{' ? text.find('}', i) : std::string::npos;
    if (end != std::string::npos) {
      const std::string name = text.substr(i + 1, end - i - 1);
      const auto a = std::find_if(args.begin(), args.end(), [&](const MessageArg& x) { return x.name == name; });
      if (a != args.end()) {
        out += a->value;
        i = end;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// A message with an id: fail_with("csv.ragged", "line {line}: expected {expected} fields but found
// {found} (ragged row)", {arg("line", 3), arg("expected", 2), arg("found", 3)}).
[[noreturn]] inline void fail_with(const char* id, const char* english, std::vector<MessageArg> args) {
  const std::string text = format_message(english, args);
  throw Error(id, std::move(args), text);
}

// A message that is not an error (a notice): the id, the arguments and the English, as fail_with
// has them, for the page to say in the reader's language.
struct Said {
  std::string id;
  std::vector<MessageArg> args;
  std::string text;
};
inline Said message_with(const char* id, const char* english, std::vector<MessageArg> args) {
  std::string text = format_message(english, args);
  return {id, std::move(args), std::move(text)};
}

// The same error put in context ("layers[1]: ..."): the id and arguments stay, `at` says where.
[[noreturn]] inline void fail_at(const std::string& at, const Error& e) {
  if (e.id().empty()) throw Error(at + ": " + e.what());
  std::vector<MessageArg> args = e.args();
  args.push_back({"at", at});
  throw Error(e.id(), std::move(args), at + ": " + e.what());
}

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
