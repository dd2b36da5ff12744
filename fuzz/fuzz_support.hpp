#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "deploy_advisor/common/diagnostics.hpp"

namespace deploy_advisor::fuzz {

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// The example topology, read once from the source tree (DA_SOURCE_DIR).
std::string example_topology();

}  // namespace deploy_advisor::fuzz
