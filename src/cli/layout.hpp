#pragma once

#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "deploy_advisor/engine.hpp"
#include "deploy_advisor/plan.hpp"

namespace deploy_advisor::cli {

/// A topology as checked: loaded, sized, and its findings after the tool configuration.
struct Checked {
  LoadedTopology topology;
  std::vector<ProductSizing> sizing;
  std::vector<Finding> findings;
};

/// The recommended layout at its fixed point, and the plan from the original to it.
struct Layout {
  Checked original;
  Checked revised;
  Node revised_tree;
  std::vector<ProductPlan> plan;  // current figures from the original, recommended from the revised
};

/// Checks `path` as `check` does (with .deploy-advisor.yaml or --config applied).
Checked check_with_configuration(const std::string& path, const FileSystem& files, const Context& context,
                                 const ProfileSet& profiles);

/// Applies recommendations and remedies, then re-derives every figure from the revised layout,
/// until the layout no longer changes: connections from the recommended replicas, disk from
/// the replicas the rules require. `plan` of the result therefore changes nothing.
Layout converge_layout(const std::string& path, const Context& context, const ProfileSet& profiles);

}  // namespace deploy_advisor::cli
