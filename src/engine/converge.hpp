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

/// Loads, sizes and checks the topology's path as read from the given files.
using RevisionCheck = std::function<CheckedRevision(const FileSystem& files)>;

/// Applies recommendations and remedies to `original`, then re-derives every figure from the
/// revised layout, until the layout no longer changes: connections from the recommended
/// replicas, disk from the replicas the rules require. `plan` of the result therefore changes
/// nothing. Each revision is checked by `check` reading it in place of the topology's file.
PlannedLayout converge_layout(const LoadedTopology& original, const std::vector<ProductSizing>& sizing,
                              const std::vector<Finding>& findings, const FileSystem& files,
                              const RevisionCheck& check);

}  // namespace deploy_advisor
