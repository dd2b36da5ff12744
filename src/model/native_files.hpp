#pragma once

#include <string>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/load/flow_scan.hpp"
#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/common/node.hpp"
#include "deploy_advisor/load/readers.hpp"
#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/common/value.hpp"
#include "deploy_advisor/load/waiver_comments.hpp"
#include "model/native_keys.hpp"

namespace deploy_advisor {

/// Reads the products' own files that a topology names (by path or inline): YAML or JSON
/// configs, Cortex API spec lists and Metaflow flow sources. Each file is read and parsed
/// once; failures are input errors located at the reference in the topology, or inside the
/// native file for its syntax errors.
class NativeFiles {
 public:
  NativeFiles(const FileSystem& files, const ReadLimits& limits, std::vector<InputError>& errors,
              std::vector<Finding>& warnings)
      : files_(files), limits_(limits), errors_(errors), warnings_(warnings) {}

  /// A path (relative to `folder`) or an inline mapping; its keys are checked against `format`.
  Value load(const Node& reference, const std::string& folder, const std::string& key_path,
             NativeKind format);
  /// A list whose items are paths to files holding a list of maps, or inline maps; flattened.
  Value load_list(const Node& references, const std::string& folder, const std::string& key_path,
                  NativeKind format);
  /// A Metaflow flow of `product`: its declared keys, and what its `file:` source says.
  Value load_flow(const std::string& product, const Node& key, const Node& node, const Value& declared,
                  const std::string& folder, const std::string& key_path);

  [[nodiscard]] const std::vector<std::string>& files_read() const { return files_read_; }
  /// The waiver comments of the YAML files read.
  [[nodiscard]] const std::vector<InlineWaiver>& waivers() const { return waivers_; }
  /// The folder every file read must lie in (see find_root).
  void set_root(std::string root) { root_ = std::move(root); }

 private:
  struct Document {
    bool ok = false;
    Node root;
  };
  Document read_document(const Node& reference, const std::string& folder,
                         const std::string& key_path, const std::string& expected);
  bool read_text(const Node& reference, const std::string& folder, const std::string& key_path,
                 std::string* resolved, std::string* contents);
  void follow_bases(ScannedFlow& flow, const ScannedModule& module, const std::string& folder,
                    int depth, bool* reaches_flowspec, std::vector<std::string>* unread);

  const FileSystem& files_;
  const ReadLimits& limits_;
  std::vector<InputError>& errors_;
  std::vector<Finding>& warnings_;
  std::vector<std::string> files_read_;
  std::vector<InlineWaiver> waivers_;
  int files_followed_ = 0;  // sibling modules read for flow bases, bounded
  std::string root_ = ".";
};

}  // namespace deploy_advisor
