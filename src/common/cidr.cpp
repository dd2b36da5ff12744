#include "deploy_advisor/cidr.hpp"

#include <string>
#include <vector>

namespace deploy_advisor {

namespace {

std::optional<int> parse_decimal(std::string_view s, int max) {
  if (s.empty() || s.size() > 3) return std::nullopt;
  if (s.size() > 1 && s[0] == '0') return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

bool parse_ipv4(std::string_view s, std::uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    auto dot = s.find('.');
    std::string_view part = (i < 3) ? s.substr(0, dot) : s;
    if (i < 3 && dot == std::string_view::npos) return false;
    auto octet = parse_decimal(part, 255);
    if (!octet) return false;
    out[i] = static_cast<std::uint8_t>(*octet);
    if (i < 3) s.remove_prefix(dot + 1);
  }
  return true;
}

std::optional<int> hex_group(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int value = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return std::nullopt;
    value = value * 16 + d;
  }
  return value;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  if (s.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

// Fills 16 bytes from groups of 16 bits; an embedded IPv4 tail counts as two groups.
bool parse_ipv6(std::string_view s, std::uint8_t* out) {
  std::vector<int> head, tail;
  auto gap = s.find("::");
  auto parse_groups = [](std::string_view part, std::vector<int>& groups, bool allow_v4_tail) {
    if (part.empty()) return true;
    auto pieces = split(part, ':');
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      if (allow_v4_tail && i + 1 == pieces.size() && pieces[i].find('.') != std::string_view::npos) {
        std::uint8_t v4[4];
        if (!parse_ipv4(pieces[i], v4)) return false;
        groups.push_back(v4[0] << 8 | v4[1]);
        groups.push_back(v4[2] << 8 | v4[3]);
        continue;
      }
      auto g = hex_group(pieces[i]);
      if (!g) return false;
      groups.push_back(*g);
    }
    return true;
  };
  if (gap != std::string_view::npos) {
    if (s.find("::", gap + 1) != std::string_view::npos) return false;
    if (!parse_groups(s.substr(0, gap), head, false)) return false;
    if (!parse_groups(s.substr(gap + 2), tail, true)) return false;
    if (head.size() + tail.size() > 7) return false;
  } else {
    if (!parse_groups(s, head, true)) return false;
    if (head.size() != 8) return false;
  }
  std::vector<int> groups = head;
  groups.resize(8 - tail.size(), 0);
  groups.insert(groups.end(), tail.begin(), tail.end());
  for (int i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xff);
  }
  return true;
}

}  // namespace

std::optional<Cidr> parse_cidr(std::string_view text, bool allow_bare_address) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  auto slash = text.find('/');
  std::string_view address = text.substr(0, slash);
  Cidr result;
  result.v4 = address.find(':') == std::string_view::npos;
  if (result.v4) {
    result.address[10] = result.address[11] = 0xff;
    if (!parse_ipv4(address, result.address.data() + 12)) return std::nullopt;
  } else if (!parse_ipv6(address, result.address.data())) {
    return std::nullopt;
  }
  int max_prefix = result.v4 ? 32 : 128;
  if (slash == std::string_view::npos) {
    if (!allow_bare_address) return std::nullopt;
    result.prefix = max_prefix;
  } else {
    auto prefix = parse_decimal(text.substr(slash + 1), max_prefix);
    if (!prefix) return std::nullopt;
    result.prefix = *prefix;
  }
  return result;
}

bool cidr_contains(const Cidr& outer, const Cidr& inner) {
  if (outer.v4 != inner.v4 || inner.prefix < outer.prefix) return false;
  int bits = outer.prefix + (outer.v4 ? 96 : 0);
  for (int i = 0; i < bits; ++i) {
    int byte = i / 8, mask = 0x80 >> (i % 8);
    if ((outer.address[byte] & mask) != (inner.address[byte] & mask)) return false;
  }
  return true;
}

}  // namespace deploy_advisor
