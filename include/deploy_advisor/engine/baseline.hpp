#pragma once

#include <string>
#include <vector>

#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/model/topology.hpp"

namespace deploy_advisor {

/// One known finding. It matches by rule, file, component and the fingerprint of what the
/// finding points at, never by line, so edits elsewhere in the file keep the match.
struct BaselineEntry {
  std::string rule_id;
  std::string file;       // as the finding reports it (the path given on the command line)
  std::string component;  // product/component, or "" for a finding about no one component
  std::string key_path;   // where the finding points, e.g. products.tracardi.components.api.replicas
  std::string fingerprint;
  Location location;  // the entry in the baseline file (unknown for entries just made)
};

/// The entry that records `finding`, a finding of `topology`. The fingerprint hashes the key
/// path and, when the finding points at a scalar, its value: changing the offending value makes
/// it a new finding. A finding at no value of the topology (a Metaflow flow source) uses its
/// message instead of the value.
BaselineEntry baseline_entry(const LoadedTopology& topology, const Finding& finding);

/// Reads a baseline file written by `--write-baseline`; every problem is an input error.
std::vector<BaselineEntry> load_baseline(const std::string& path, const FileSystem& files);

/// The baseline file for `entries`: JSON, sorted, the same bytes for the same findings.
std::string baseline_json(std::vector<BaselineEntry> entries);

}  // namespace deploy_advisor
