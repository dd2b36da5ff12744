#pragma once

#include <string>

#include "deploy_advisor/import/import.hpp"
#include "import/imported_topology.hpp"

namespace deploy_advisor::import_detail {

struct Header {
  std::string name;
  std::string environment;
  std::vector<std::string> sources;
};

/// Topology v1 YAML: every value followed by a comment naming where it was read; the traffic
/// inputs as commented placeholders that say what to measure.
std::string write_topology(const ImportedTopology& topology, const Header& header);

}  // namespace deploy_advisor::import_detail
