#pragma once

#include <memory>
#include <string>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/load/readers.hpp"
#include "deploy_advisor/model/schema.hpp"
#include "deploy_advisor/common/value.hpp"
#include "deploy_advisor/load/waiver_comments.hpp"

namespace deploy_advisor {

/// One product section after loading: native files read and spliced in, every value located.
struct LoadedProduct {
  std::string name;
  /// What its profile declares: title, roles (and how the diagram draws them), keys.
  std::shared_ptr<const ProductSpec> spec;
  Location location;  // the product's key in the topology
  Value section;      // the section as written; `components` and `flows` become lists (below)
  Value components;   // list of component maps, each with `name` added (located at its key)
  Value traffic;      // top-level traffic merged with the product's, key by key (before growth)
  Value assumptions;  // top-level assumptions merged with the product's
  Value config;       // the native config (Metarank config.yaml, Metaflow config.json) or Absent
  Value cluster;      // Cortex cluster.yaml or Absent
  Value apis;         // Cortex API specs, flattened over files (list)
  Value flows;        // Metaflow flows (list of maps with name, decorators, steps, ...)
};

struct LoadedTopology {
  std::string path;            // as given on the command line
  Value root;                  // the whole file as written
  Node source;                 // the parsed file (merged over its bases), for plan's revision
  std::vector<std::string> bases;  // the files `extends` named, nearest first
  std::string name;
  std::string environment;
  std::vector<LoadedProduct> products;
  std::vector<std::string> input_files;  // topology, its bases, then native files in load order
  std::vector<Finding> warnings;         // DA002 (unknown keys) and other loader findings
  std::vector<InlineWaiver> inline_waivers;  // waiver comments of the topology and native YAML files
};

struct LoadOptions {
  ReadLimits limits;
  /// Products declared by user profiles, beside the built-in ones.
  std::vector<ProductSpec> extra_products;
  /// Assumption names the sizing models define; an unknown name is an input error.
  std::vector<std::string> assumption_names;
  /// The folder native files must lie in; "" means find_root(topology).
  std::string root;
};

/// Loads a topology and every native file it names. All input errors of the file are
/// collected; when there is any, throws InputFailure with all of them.
LoadedTopology load_topology(const std::string& path, const FileSystem& files,
                             const LoadOptions& options);

/// Loads a topology tree already in memory as if it were the file at `path` (no `extends`, no
/// waiver comments): the native files it names are read from `files` as load_topology reads them.
LoadedTopology load_topology_tree(const std::string& path, Node root, const FileSystem& files,
                                  const LoadOptions& options);

/// Converts a parsed native document to Values with the YAML 1.2 core schema.
Value to_value(const Node& node);

}  // namespace deploy_advisor
