#include "model/native_keys.hpp"

namespace deploy_advisor {

// Metaflow reads any METAFLOW_* key from config.json; only the keys' shape is checked.
const KeyTree& metaflow_config_keys() {
  static const KeyTree tree{"", {}, true};
  return tree;
}

}  // namespace deploy_advisor
