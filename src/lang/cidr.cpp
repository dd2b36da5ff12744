#include "lang/cidr.hpp"

#include <vector>

namespace deploy_advisor::lang {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// A decimal number of at most `max_digits` digits without a leading zero, up to `limit`.
std::optional<int> parse_decimal(std::string_view text, std::size_t max_digits, int limit) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  if (text.size() > 1 && text.front() == '0') return std::nullopt;  // 010 could mean octal
  int value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > limit) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t found = text.find(separator, start);
    if (found == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, found - start));
    start = found + 1;
  }
}

bool parse_ipv4(std::string_view text, std::uint8_t* out) {
  std::vector<std::string_view> octets = split(text, '.');
  if (octets.size() != 4) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    auto octet = parse_decimal(octets[i], 3, 255);
    if (!octet) return false;
    out[i] = static_cast<std::uint8_t>(*octet);
  }
  return true;
}

/// Appends the 16-bit groups of one side of a `::` (or of a whole address without one).
/// Only the last group of the address may be a dotted quad, worth two groups.
bool parse_groups(std::string_view text, bool may_end_with_ipv4,
                  std::vector<std::uint16_t>& groups) {
  if (text.empty()) return true;
  std::vector<std::string_view> pieces = split(text, ':');
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::string_view piece = pieces[i];
    if (piece.find('.') != std::string_view::npos) {
      std::uint8_t quad[4];
      if (!may_end_with_ipv4 || i + 1 != pieces.size() || !parse_ipv4(piece, quad)) return false;
      groups.push_back(static_cast<std::uint16_t>(quad[0] << 8 | quad[1]));
      groups.push_back(static_cast<std::uint16_t>(quad[2] << 8 | quad[3]));
      continue;
    }
    if (piece.empty() || piece.size() > 4) return false;
    unsigned group = 0;
    for (char c : piece) {
      int digit = hex_digit(c);
      if (digit < 0) return false;
      group = group * 16 + static_cast<unsigned>(digit);
    }
    groups.push_back(static_cast<std::uint16_t>(group));
  }
  return true;
}

bool parse_ipv6(std::string_view text, std::array<std::uint8_t, 16>& bytes) {
  std::vector<std::uint16_t> head;
  std::vector<std::uint16_t> tail;
  std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    if (!parse_groups(text, true, head) || head.size() != 8) return false;
  } else {
    if (text.find("::", gap + 1) != std::string_view::npos) return false;
    if (!parse_groups(text.substr(0, gap), false, head)) return false;
    if (!parse_groups(text.substr(gap + 2), true, tail)) return false;
    if (head.size() + tail.size() > 7) return false;  // `::` stands for one group or more
  }
  std::vector<std::uint16_t> groups = head;
  groups.resize(8 - tail.size(), 0);
  groups.insert(groups.end(), tail.begin(), tail.end());
  for (std::size_t i = 0; i < 8; ++i) {
    bytes[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
    bytes[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xFFU);
  }
  return true;
}

}  // namespace

std::optional<IpBlock> parse_ip_address(std::string_view text) {
  IpBlock block;
  if (text.find(':') != std::string_view::npos) {
    block.is_v6 = true;
    if (!parse_ipv6(text, block.bytes)) return std::nullopt;
  } else if (!parse_ipv4(text, block.bytes.data())) {
    return std::nullopt;
  }
  block.prefix = block.width();
  return block;
}

std::optional<IpBlock> parse_cidr_block(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto block = parse_ip_address(text.substr(0, slash));
  if (!block) return std::nullopt;
  auto prefix = parse_decimal(text.substr(slash + 1), 3, block->width());
  if (!prefix) return std::nullopt;
  block->prefix = *prefix;
  return block;
}

bool block_contains(const IpBlock& outer, const IpBlock& inner) {
  if (outer.is_v6 != inner.is_v6 || inner.prefix < outer.prefix) return false;
  int whole_bytes = outer.prefix / 8;
  for (int i = 0; i < whole_bytes; ++i)
    if (outer.bytes[static_cast<std::size_t>(i)] != inner.bytes[static_cast<std::size_t>(i)])
      return false;
  int remaining_bits = outer.prefix % 8;
  if (remaining_bits == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xFFU << (8 - remaining_bits));
  auto at = static_cast<std::size_t>(whole_bytes);
  return (outer.bytes[at] & mask) == (inner.bytes[at] & mask);
}

}  // namespace deploy_advisor::lang
