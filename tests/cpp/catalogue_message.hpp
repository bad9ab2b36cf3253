#pragma once
// Whether an engine error is one the page can say in the reader's language: it carries a message
// id, and the English catalogue (web/src/i18n/en.json, "engine") holds that id with a template
// that, filled with the error's arguments, is the error's English exactly (put in context by
// fail_at: "{at}: " before it). The Chinese is checked by tests/i18n and tests/wasm.
#include <fstream>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "core/json_read.hpp"

namespace neurostep::test {

inline const Json& english_catalogue() {
  static const Json catalogue = [] {
    std::ifstream in(std::string(NEUROSTEP_SOURCE_DIR) + "/web/src/i18n/en.json");
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
  }();
  return catalogue;
}

// "" when the error is said by the catalogue, else what is wrong.
inline std::string catalogue_problem(const Error& e) {
  if (e.id().empty()) return std::string("no message id: ") + e.what();
  const Json* node = &english_catalogue().at("engine");
  std::string part;
  std::istringstream id(e.id());
  while (std::getline(id, part, '.')) {
    if (!node->is_object() || !node->contains(part)) return "no English for the id " + e.id();
    node = &node->at(part);
  }
  if (!node->is_string()) return "no English for the id " + e.id();
  std::string said = format_message(node->get<std::string>(), e.args());
  for (const MessageArg& a : e.args())
    if (a.name == "at") said = a.value + ": " + said;
  return said == e.what() ? "" : "the catalogue says \"" + said + "\", the engine \"" + e.what() + "\"";
}

}  // namespace neurostep::test
