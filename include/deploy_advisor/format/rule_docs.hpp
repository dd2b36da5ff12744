#pragma once

#include <string>
#include <vector>

#include "deploy_advisor/engine/profile.hpp"

namespace deploy_advisor {

/// docs/rules/<ID>.md: summary, problematic topology, correct topology, rationale and source,
/// how to fix, how to waive.
std::string rule_page(const Rule& rule);
/// docs/rules/README.md: the index of every rule.
std::string rules_index(const std::vector<const Rule*>& rules);
/// What `explain ID` prints: the same page, readable in a terminal.
std::string rule_explanation(const Rule& rule);

}  // namespace deploy_advisor
