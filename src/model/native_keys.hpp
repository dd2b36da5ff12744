#pragma once

#include <string>
#include <vector>

#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/common/node.hpp"
#include "deploy_advisor/model/schema.hpp"

namespace deploy_advisor {


/// The known keys of a native format as a tree. `open` accepts any key below (user-defined
/// names, such as Metarank feature definitions); `items` describes the elements of a list.
struct KeyTree {
  std::string name;
  std::vector<KeyTree> children;
  bool open = false;
  bool list_of_maps = false;  // the value is a list whose items have `children` as keys
};

/// A key that documentation uses but the product does not read, and the key it does read.
struct KeyAlias {
  std::string path;      // dotted path of the wrong key, e.g. "state.pipelineSize"
  std::string replacement;
  std::string note;      // why, for the message
};

/// Reports DA002 for every key of `root` that the format does not know, with "did you mean"
/// or, for a key only the docs use, the key the product reads.
/// `component` names the finding's component (a Cortex API's name), when there is one. A key
/// the product rejects the file with (Cortex) is an error; one it ignores, a warning.
void check_native_keys(NativeKind format, const Node& root, const std::string& what,
                       std::vector<Finding>& warnings, const std::string& component = "");

// One table per format, each in its own file.
const KeyTree& metarank_config_keys();
const std::vector<KeyAlias>& metarank_config_aliases();
const KeyTree& metaflow_config_keys();
/// Metaflow's config.json is open, but a METAFLOW_ key within two edits of a known setting
/// is a misspelling: DA002 with "did you mean".
void check_metaflow_config_keys(const Node& root, const std::string& what,
                                std::vector<Finding>& warnings);
const KeyTree& cortex_cluster_keys();
const KeyTree& cortex_api_keys();

}  // namespace deploy_advisor
