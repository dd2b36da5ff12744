#include "model/native_keys.hpp"

namespace deploy_advisor {

// A Metaflow config.json is open: no key is reported as unknown.
//
// Metaflow itself reads every setting X as METAFLOW_X, from the environment first and then
// from this file (metaflow/metaflow_config_funcs.py, from_conf), and some settings are whole
// families of keys read by prefix (from_conf(..., prefix=True)), so the METAFLOW_* names have
// no closed list. Keys without the METAFLOW_ prefix are ignored by Metaflow's core but read by
// its extensions (the Outerbounds extension reads OBP_PERIMETER and OBP_API_SERVER from the
// same file), so they cannot be reported as ignored either. The rules read
// METAFLOW_DEFAULT_DATASTORE and METAFLOW_DEFAULT_METADATA from it.
const KeyTree& metaflow_config_keys() {
  static const KeyTree tree{"", {}, true};
  return tree;
}

}  // namespace deploy_advisor
