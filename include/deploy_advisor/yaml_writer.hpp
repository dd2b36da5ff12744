#pragma once

#include <string>

#include "deploy_advisor/node.hpp"

namespace deploy_advisor {

/// Writes a node tree as block-style YAML that reads back to the same tree: plain scalars
/// stay plain where that is unambiguous, strings that would read as something else are
/// double-quoted.
std::string write_yaml(const Node& root);

}  // namespace deploy_advisor
