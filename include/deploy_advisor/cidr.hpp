#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace deploy_advisor {

/// An IPv4 or IPv6 network. IPv4 addresses are held as IPv4-mapped IPv6 (::ffff:a.b.c.d) so
/// containment works across both; `prefix` is then counted on the IPv4 part.
struct Cidr {
  std::array<std::uint8_t, 16> address{};
  int prefix = 0;
  bool v4 = false;
};

/// Parses `a.b.c.d/n` or an IPv6 `x:x::x/n` strictly (no leading zeros beyond one digit in
/// IPv4 octets, prefix within range). A bare address is accepted when `allow_bare_address`.
std::optional<Cidr> parse_cidr(std::string_view text, bool allow_bare_address = false);

/// True when every address of `inner` lies in `outer` (same family).
bool cidr_contains(const Cidr& outer, const Cidr& inner);

}  // namespace deploy_advisor
