#pragma once

#include <string>
#include <string_view>

namespace deploy_advisor {

/// SHA-256 (FIPS 180-4) of `data`, as 64 lowercase hex digits: stable identifiers that do not
/// depend on the platform (GitLab fingerprints, the digest of the built-in profiles).
std::string sha256_hex(std::string_view data);

}  // namespace deploy_advisor
