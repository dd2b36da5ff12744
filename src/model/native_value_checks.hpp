#pragma once

// What the checks that mirror a product's own validator share: the finding they build and the
// reading of values the way the products' decoders read them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/common/value.hpp"

namespace deploy_advisor::native_checks {

/// Set: written with a value (not missing, not null).
inline bool is_set(const Value& v) { return !v.is_unset() && !v.is_error(); }

/// A value as a message shows it: strings as written, numbers grouped (2,880), unset as "unset".
inline std::string shown(const Value& v) { return display(v); }

/// Whether `v` equals one of `names` (a string value of that text).
bool is_one_of(const Value& v, const std::vector<std::string>& names);

/// A number as YAML or JSON writes it (not a numeric string).
bool is_number(const Value& v);
/// A number without a fraction.
bool is_whole(const Value& v);
/// The number written, `fallback` when unset, nothing when it is not a number.
std::optional<double> number_or(const Value& v, std::optional<double> fallback);
/// A figure as messages show it (2,880; 1.25), "unset" for nothing.
std::string shown(std::optional<double> n);
/// `v` is a string the pattern matches somewhere (RE2, as the rule language's matches()).
bool matches(const Value& v, std::string_view pattern);
/// Characters (not bytes) of a string.
std::size_t characters(const std::string& text);
/// A decimal number in text (" -2.5 ", ".5", "1e3"), as the rule language's num() reads it.
std::optional<double> parse_decimal(std::string_view text);
/// A list's items; a single value stands for a list of itself; unset is empty.
Value::List items_of(const Value& v);

/// A finding of `rule_id` at `at` (a merged value says which use of the anchor it is).
Finding finding(const std::string& rule_id, const Value& at, std::string message, std::string fix,
                std::string component = "");

}  // namespace deploy_advisor::native_checks
