#include "lang/number_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace deploy_advisor::lang {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Whether out-of-range text is too large rather than too small: the decimal exponent of its
/// first significant digit decides (std::from_chars does not say which).
bool is_too_large(std::string_view text) {
  std::size_t exponent_at = text.find_first_of("eE");
  std::string_view mantissa = text.substr(0, exponent_at);
  long long exponent = 0;
  if (exponent_at != std::string_view::npos) {
    std::string_view digits = text.substr(exponent_at + 1);
    bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
      digits.remove_prefix(1);
    for (char c : digits) exponent = std::min(exponent * 10 + (c - '0'), 1'000'000'000LL);
    if (negative) exponent = -exponent;
  }
  std::size_t point = mantissa.find('.');
  if (point == std::string_view::npos) point = mantissa.size();
  std::size_t first_significant = mantissa.find_first_of("123456789");
  if (first_significant == std::string_view::npos) return false;
  long long magnitude = first_significant < point
                            ? static_cast<long long>(point - first_significant) - 1
                            : -static_cast<long long>(first_significant - point);
  return magnitude + exponent > 0;
}

}  // namespace

std::optional<double> parse_unsigned_decimal(std::string_view text) {
  if (text.empty() || !is_digit(text.front())) return std::nullopt;
  double value = 0;
  const char* last = text.data() + text.size();
  auto [end, status] = std::from_chars(text.data(), last, value, std::chars_format::general);
  if (end != last) return std::nullopt;
  if (status == std::errc::result_out_of_range) {
    if (is_too_large(text)) return std::nullopt;
    return 0.0;
  }
  if (status != std::errc() || !std::isfinite(value)) return std::nullopt;
  return value;
}

/// Parses a whole string as a decimal number ("3", " -2.5 ", "1e3"); nothing else, so "12abc",
/// "0x10", "inf" and "" are not numbers.
std::optional<double> parse_number(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  // ".5" reads as 0.5 here, as people write it in configuration.
  std::string padded;
  if (!text.empty() && text.front() == '.') {
    padded = "0" + std::string(text);
    text = padded;
  }
  std::optional<double> value = parse_unsigned_decimal(text);
  if (!value) return std::nullopt;
  return negative ? -*value : *value;
}

}  // namespace deploy_advisor::lang
