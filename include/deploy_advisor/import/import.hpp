#pragma once

#include <string>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/common/location.hpp"

namespace deploy_advisor {

/// What `import` is told besides the files.
struct ImportOptions {
  std::string name;                         // the topology's `name`; "" = the first file's stem
  std::string environment = "production";   // not in any source: the user says it
  std::string product;                      // "" or the product that unclaimed stores serve
  /// The folder the topology is written to, so that native-file paths resolve from there.
  std::string output_folder;
};

/// Something in a source that has no place in the topology, reported instead of guessed.
struct NotMapped {
  Location location;
  std::string message;
};

struct ImportResult {
  std::string topology;             // topology v1 YAML, every value commented with its source
  std::vector<NotMapped> not_mapped;
};

/// Reads Docker Compose files, Helm values files of the products' charts and Kubernetes
/// manifests, and writes the topology they describe. Throws InputFailure (exit 2) for a file
/// that cannot be read or parsed, and when no product part is found in any of them.
ImportResult import_topology(const FileSystem& files, const std::vector<std::string>& paths,
                             const ImportOptions& options);

/// `file:line:column: not mapped: message`, as printed on standard error.
std::string format_not_mapped(const NotMapped& item);

}  // namespace deploy_advisor
