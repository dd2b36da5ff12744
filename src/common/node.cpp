#include "deploy_advisor/common/node.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>

namespace deploy_advisor {

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : entries_)
    if (k.is_scalar() && k.text() == key) return &v;
  return nullptr;
}

const Node* Node::find_key(std::string_view key) const {
  for (const auto& [k, v] : entries_)
    if (k.is_scalar() && k.text() == key) return &k;
  return nullptr;
}

namespace {

bool is_digits(std::string_view s, bool hex = false) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') ||
              (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    if (!ok) return false;
  }
  return true;
}

bool is_core_integer(std::string_view s) {
  if (s.starts_with("0x")) return is_digits(s.substr(2), true);
  if (s.starts_with("0o")) return is_digits(s.substr(2)) && s.find_first_of("89") == std::string_view::npos;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return is_digits(s);
}

bool is_core_float(std::string_view s) {
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "-.inf" || s == "+.Inf" ||
      s == "-.Inf" || s == "+.INF" || s == "-.INF" || s == ".nan" || s == ".NaN" || s == ".NAN")
    return true;
  // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

ScalarType scalar_type(const Node& scalar) {
  if (scalar.is_null()) return ScalarType::Null;
  if (!scalar.is_scalar()) return ScalarType::String;
  if (scalar.style() == Node::Style::Quoted) return ScalarType::String;
  const std::string& t = scalar.text();
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") return ScalarType::Null;
  if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE")
    return ScalarType::Bool;
  if (is_core_integer(t)) return ScalarType::Integer;
  if (is_core_float(t)) return ScalarType::Float;
  return ScalarType::String;
}

bool scalar_bool(const Node& scalar) {
  const std::string& t = scalar.text();
  return t == "true" || t == "True" || t == "TRUE";
}

double scalar_number(const Node& scalar) {
  std::string t = scalar.text();
  if (t.find("inf") != std::string::npos || t.find("Inf") != std::string::npos ||
      t.find("INF") != std::string::npos)
    return t[0] == '-' ? -std::numeric_limits<double>::infinity()
                       : std::numeric_limits<double>::infinity();
  if (t.find("nan") != std::string::npos || t.find("NaN") != std::string::npos ||
      t.find("NAN") != std::string::npos)
    return std::numeric_limits<double>::quiet_NaN();
  if (t.starts_with("0o")) return static_cast<double>(std::strtoull(t.c_str() + 2, nullptr, 8));
  if (t.starts_with("0x")) return static_cast<double>(std::strtoull(t.c_str() + 2, nullptr, 16));
  return std::strtod(t.c_str(), nullptr);
}

std::string describe(const Node& node) {
  switch (node.kind()) {
    case Node::Kind::Null:
      return "nothing (null)";
    case Node::Kind::Sequence:
      return "a list";
    case Node::Kind::Mapping:
      return "a mapping";
    case Node::Kind::Scalar:
      break;
  }
  std::string shown = node.text().size() > 40 ? node.text().substr(0, 37) + "..." : node.text();
  switch (scalar_type(node)) {
    case ScalarType::Null:
      return "nothing (null)";
    case ScalarType::Bool:
      return fmt::format("the boolean {}", shown);
    case ScalarType::Integer:
    case ScalarType::Float:
      return fmt::format("the number {}", shown);
    case ScalarType::String:
      break;
  }
  return fmt::format("the string \"{}\"", shown);
}

}  // namespace deploy_advisor
