#include "model/native_value_checks.hpp"

#include <cmath>

#include "lang/number_text.hpp"
#include "lang/regex_cache.hpp"

namespace deploy_advisor::native_checks {

bool is_one_of(const Value& v, const std::vector<std::string>& names) {
  if (!v.is_string()) return false;
  for (const auto& name : names)
    if (v.as_string() == name) return true;
  return false;
}

bool is_number(const Value& v) { return v.is_number() && std::isfinite(v.as_number()); }

bool is_whole(const Value& v) { return is_number(v) && std::floor(v.as_number()) == v.as_number(); }

std::optional<double> number_or(const Value& v, std::optional<double> fallback) {
  if (v.is_unset()) return fallback;
  if (is_number(v)) return v.as_number();
  return std::nullopt;
}

std::string shown(std::optional<double> n) { return n ? display(Value::number(*n)) : "unset"; }

bool matches(const Value& v, std::string_view pattern) {
  if (!v.is_string()) return false;
  std::string error;
  auto regex = lang::cached_pattern(pattern, &error);
  return regex && lang::search(*regex, v.as_string());
}

std::size_t characters(const std::string& text) {
  std::size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  return count;
}

std::optional<double> parse_decimal(std::string_view text) { return lang::parse_number(text); }

Value::List items_of(const Value& v) {
  if (v.is_list()) return v.as_list();
  if (v.is_unset()) return {};
  return {v};
}

Finding finding(const std::string& rule_id, const Value& at, std::string message, std::string fix,
                std::string component) {
  Finding f;
  f.rule_id = rule_id;
  f.location = at.location();
  f.message = std::move(message) + merge_note(at.location());
  f.fix = std::move(fix);
  f.component = std::move(component);
  return f;
}

}  // namespace deploy_advisor::native_checks
