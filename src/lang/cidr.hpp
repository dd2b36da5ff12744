#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace deploy_advisor::lang {

/// An IPv4 or IPv6 address block. A single address is a block of full length (/32, /128).
struct IpBlock {
  bool is_v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first four
  int prefix = 0;                        // significant leading bits

  [[nodiscard]] int width() const { return is_v6 ? 128 : 32; }
};

/// Parses `address/prefix` strictly: dotted-quad IPv4 with decimal octets 0-255 and no leading
/// zeros, or IPv6 in RFC 4291 text form (one `::` at most, an optional trailing dotted quad, no
/// zone), and a decimal prefix within the family's width. Host bits may be set, as in
/// Kubernetes and Go's net.ParseCIDR (`10.0.0.1/8` is the block 10.0.0.0/8).
std::optional<IpBlock> parse_cidr_block(std::string_view text);

/// Parses a single address with the same rules, as a block of full length.
std::optional<IpBlock> parse_ip_address(std::string_view text);

/// True when every address of `inner` lies in `outer`; blocks of different families never
/// contain one another.
bool block_contains(const IpBlock& outer, const IpBlock& inner);

}  // namespace deploy_advisor::lang
