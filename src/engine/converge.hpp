#pragma once

#include <functional>
#include <vector>

#include "deploy_advisor/engine/analyze.hpp"

namespace deploy_advisor {

/// A topology as check sees it: loaded, sized, and its findings after the tool configuration.
struct CheckedRevision {
  LoadedTopology topology;
  std::vector<ProductSizing> sizing;
  std::vector<Finding> findings;
};

/// Loads, sizes and checks a revised topology tree in place of the topology's file.
using RevisionCheck = std::function<CheckedRevision(const Node& revised)>;

/// Applies recommendations and remedies to `original`, then re-derives every figure from the
/// revised layout, until the layout no longer changes: connections from the recommended
/// replicas, disk from the replicas the rules require. `plan` of the result therefore changes
/// nothing. Each revision is checked in memory by `check`.
PlannedLayout converge_layout(const LoadedTopology& original, const std::vector<ProductSizing>& sizing,
                              const std::vector<Finding>& findings, const RevisionCheck& check);

}  // namespace deploy_advisor
