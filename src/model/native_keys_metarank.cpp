#include "model/native_keys.hpp"

namespace deploy_advisor {

// Filled from Metarank's config classes (src/main/scala/ai/metarank/config/*.scala).
const KeyTree& metarank_config_keys() {
  static const KeyTree tree{"", {}, true};
  return tree;
}

const std::vector<KeyAlias>& metarank_config_aliases() {
  static const std::vector<KeyAlias> aliases;
  return aliases;
}

}  // namespace deploy_advisor
