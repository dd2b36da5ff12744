#pragma once

#include <string>
#include <vector>

#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/common/node.hpp"
#include "deploy_advisor/load/readers.hpp"
#include "deploy_advisor/load/waiver_comments.hpp"

namespace deploy_advisor {

/// A topology file with the chain of files it extends folded in.
struct OverlaidTopology {
  Node root;                       // the effective tree: bases first, each overlay merged over
  std::vector<std::string> bases;  // the files extended, nearest first
  std::vector<InlineWaiver> waivers;       // waiver comments of every file in the chain
  std::vector<InputError> waiver_errors;   // malformed waiver comments, for the caller to report
};

/// Reads a topology and, when it says `extends: base.yaml`, the base (and the base's base),
/// and merges each file over the one it extends: mappings key by key, lists and scalars
/// replaced, a key whose value is tagged `!reset` removed. `extends` paths are relative to
/// the file naming them and must stay inside the folder of the topology named on the command
/// line; a cycle, an unreadable base or a base that is not a mapping is an input error located
/// at the `extends` value. Every node keeps the file and line where it is written. A top-level
/// root that is not a mapping is returned as it is, for the caller to report.
/// Throws InputFailure when a file cannot be read or parsed.
OverlaidTopology read_overlaid_topology(const std::string& path, const FileSystem& files,
                                        const ReadLimits& limits);

}  // namespace deploy_advisor
