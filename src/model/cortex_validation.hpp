#pragma once

#include <vector>

#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/common/value.hpp"

namespace deploy_advisor {

/// The rule whose findings the validator makes (profiles/cortex.yaml defines it).
inline constexpr const char* kRejectedByCortex = "CX015";

/// Every value of a Cortex cluster configuration that Cortex itself rejects
/// (pkg/types/clusterconfig: cluster_config.go and errors.go), with Cortex's own message: one
/// CX015 finding each, whose component is the cluster's name (or the node group's).
/// `cluster` is the cluster configuration as loaded. The findings have no fix of their own: the
/// rule's (where to correct it) is the same for every one.
std::vector<Finding> validate_cortex_cluster(const Value& cluster);

/// Every value of the Cortex API specs (`apis`, every API of every file, in order) that
/// `cortex deploy` rejects (pkg/types/spec/validations.go and errors.go): one CX015 finding
/// each, whose component is the API's name.
std::vector<Finding> validate_cortex_apis(const Value& apis);

}  // namespace deploy_advisor
