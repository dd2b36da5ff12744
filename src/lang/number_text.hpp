#pragma once

#include <optional>
#include <string_view>

namespace deploy_advisor::lang {

/// Parses unsigned decimal text, `digits[.digits][(e|E)[+|-]digits]`, as a whole. Too large a
/// number gives nullopt; one too small to represent gives 0.
std::optional<double> parse_unsigned_decimal(std::string_view text);

/// Parses a whole string as a decimal number, as num() reads it: " -2.5 ", ".5", "1e3"; nothing
/// else, so "12abc", "0x10", "inf" and "" are not numbers.
std::optional<double> parse_number(std::string_view text);

}  // namespace deploy_advisor::lang
