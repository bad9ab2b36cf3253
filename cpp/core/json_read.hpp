#pragma once
// Reading JSON documents by hand, with every message naming the path of the bad value
// (`layers[2].units must be an integer, got "ten"`). Shared by the spec, Keras and model-file
// readers, so that all of them speak the same way about the same mistakes.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace neurostep {

using Json = nlohmann::json;
// Writers build in insertion order so that written files read like Keras's own; the public
// functions still hand out Json (a sorted-key json next to a Json overload is ambiguous).
using OrderedJson = nlohmann::ordered_json;

namespace json_read {

inline std::string key_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
inline std::string index_path(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// A value as a message shows it. Arrays and objects are only named: dumping them could be long,
// and a hostile, deeply nested one would recurse.
inline std::string show(const Json& v) {
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  std::string s = v.dump(-1, ' ', false, Json::error_handler_t::replace);
  return s.size() <= 40 ? s : s.substr(0, 37) + "...";
}

inline std::string quoted(const std::string& s) { return show(Json(s)); }

// `wanted` is one of the kinds below; each is its own message, so that a translation need not
// assemble "must be" and a noun.
[[noreturn]] inline void wrong_type(const std::string& path, const char* wanted, const Json& v) {
  const std::vector<MessageArg> args = {arg("path", path), arg("got", show(v))};
  const std::string w = wanted;
  if (w == "an object") fail_with("json.not_object", "{path} must be an object, got {got}", args);
  if (w == "an array") fail_with("json.not_array", "{path} must be an array, got {got}", args);
  if (w == "a number") fail_with("json.not_number", "{path} must be a number, got {got}", args);
  if (w == "an integer") fail_with("json.not_integer", "{path} must be an integer, got {got}", args);
  if (w == "true or false") fail_with("json.not_boolean", "{path} must be true or false, got {got}", args);
  if (w == "a string") fail_with("json.not_string", "{path} must be a string, got {got}", args);
  fail(path, " must be ", wanted, ", got ", show(v));
}

inline const Json& object(const Json& v, const std::string& path) {
  if (!v.is_object()) wrong_type(path, "an object", v);
  return v;
}

inline const Json& array(const Json& v, const std::string& path) {
  if (!v.is_array()) wrong_type(path, "an array", v);
  return v;
}

inline double number(const Json& v, const std::string& path) {
  if (!v.is_number()) wrong_type(path, "a number", v);
  const double x = v.get<double>();
  if (!std::isfinite(x)) fail_with("json.not_finite", "{path} must be a finite number, got {got}", {arg("path", path), arg("got", x)});
  return x;
}

// Whole numbers written as 10 or 10.0 (or 1e3) are all accepted; 10.5 is not.
inline long long integer(const Json& v, const std::string& path, long long low, long long high) {
  long long x = 0;
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (!(high >= 0 && u <= static_cast<std::uint64_t>(high)))
      fail_with("json.integer_range", "{path} must be between {low} and {high}, got {got}",
                {arg("path", path), arg("low", low), arg("high", high), arg("got", u)});
    x = static_cast<long long>(u);
  } else if (v.is_number_integer()) {
    x = v.get<long long>();
  } else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>() &&
             std::fabs(v.get<double>()) < 9e15) {
    x = static_cast<long long>(v.get<double>());
  } else {
    wrong_type(path, "an integer", v);
  }
  if (!(x >= low && x <= high))
    fail_with("json.integer_range", "{path} must be between {low} and {high}, got {got}",
              {arg("path", path), arg("low", low), arg("high", high), arg("got", x)});
  return x;
}

inline bool boolean(const Json& v, const std::string& path) {
  if (!v.is_boolean()) wrong_type(path, "true or false", v);
  return v.get<bool>();
}

inline std::string string(const Json& v, const std::string& path) {
  if (!v.is_string()) wrong_type(path, "a string", v);
  return v.get<std::string>();
}

// The member `key` of an object, or nullptr when it is missing (an explicit null is returned).
inline const Json* find(const Json& obj, const std::string& key) {
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

// Missing and null both mean "not given", as Keras writes None.
inline bool given(const Json* v) { return v != nullptr && !v->is_null(); }

// Optional members with a fallback, type-checked (nlohmann's value() would throw its own error).
inline std::string string_or(const Json& obj, const std::string& key, const std::string& fallback,
                             const std::string& path) {
  const Json* v = find(obj, key);
  return given(v) ? string(*v, key_path(path, key)) : fallback;
}
inline double number_or(const Json& obj, const std::string& key, double fallback, const std::string& path) {
  const Json* v = find(obj, key);
  return given(v) ? number(*v, key_path(path, key)) : fallback;
}

// Every key of `obj` must be one of `valid`: a misspelt key is a mistake, not a default.
inline void check_keys(const Json& obj, const std::string& path, const std::vector<std::string>& valid) {
  for (const auto& item : obj.items()) {
    bool known = false;
    for (const auto& k : valid) known = known || item.key() == k;
    if (!known && path.empty())
      fail_with("json.unknown_key_top", "unknown key {key}; valid keys are {valid}", {arg("key", json_read::quoted(item.key())), arg("valid", join(valid))});
    if (!known)
      fail_with("json.unknown_key", "{path}: unknown key {key}; valid keys are {valid}",
                {arg("path", path), arg("key", json_read::quoted(item.key())), arg("valid", join(valid))});
  }
}

// Text to JSON. nlohmann's message already says what it expected; the byte offset (1-based)
// is what an editor can jump to.
inline Json parse(const std::string& text) {
  if (text.size() > limits::max_text_bytes)
    fail_with("json.too_long", "the JSON text has {bytes} bytes; the limit is {limit}", {arg("bytes", text.size()), arg("limit", limits::max_text_bytes)});
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 12: syntax error ..."
    const std::string message = e.what();
    const std::size_t at = message.find(" at line ");
    const std::size_t colon = message.find(": ", at == std::string::npos ? 0 : at);
    if (at == std::string::npos || colon == std::string::npos)
      fail_with("json.invalid_at", "invalid JSON at byte {byte}: {detail}", {arg("byte", e.byte), arg("detail", message)});
    // "line 1, column 12": the numbers, for the message to say in any language.
    const std::string place = message.substr(at + 4, colon - at - 4);
    const std::size_t comma = place.find(", column ");
    if (place.rfind("line ", 0) != 0 || comma == std::string::npos)
      fail("invalid JSON at byte ", e.byte, " (", place, "): ", message.substr(colon + 2));
    fail_with("json.invalid", "invalid JSON at byte {byte} (line {line}, column {column}): {detail}",
              {arg("byte", e.byte), arg("line", place.substr(5, comma - 5)), arg("column", place.substr(comma + 9)),
               arg("detail", message.substr(colon + 2))});
  } catch (const Json::exception& e) {  // e.g. out_of_range: a number like 1e400 overflows
    const std::string message = e.what();
    const std::size_t end = message.find("] ");
    fail_with("json.invalid_value", "invalid JSON: {detail}", {arg("detail", end == std::string::npos ? message : message.substr(end + 2))});
  }
}

}  // namespace json_read
}  // namespace neurostep
