#pragma once

#include <string>

#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/import/import.hpp"
#include "import/imported_topology.hpp"
#include "import/recognise.hpp"

namespace deploy_advisor::import_detail {

/// At most this many services, documents or variables per file: the matching of Services to
/// workloads and of names is quadratic, so hostile inputs are refused rather than slow.
constexpr std::size_t kMaxParts = 10'000;

/// Throws InputFailure (exit 2) when there are more than kMaxParts of `what`.
void check_part_count(std::size_t count, const Location& at, const char* what);

struct ImportContext {
  ImportedTopology& topology;
  const FileSystem& files;
  const ImportOptions& options;
};

/// Puts a recognised part where it belongs: a product component, a store awaiting its product,
/// or a line in the report. `at` is where the part is defined (its image, or its name).
void place_part(ImportContext& context, const Part& part, Component component, const Location& at,
                const std::string& image_text);

/// Copies one environment variable, unless its value is a secret: then only that it is set.
void add_env(Component& component, const std::string& product, const std::string& name,
             const Node* value, const Location& name_at);

/// Sets a count (replicas, brokers) when the source gives a whole number; reports it otherwise.
void set_count(ImportContext& context, Component& component, const std::string& key, const Node* value,
               std::string why);

/// Reads `-Xmx` from a Java options string into heap_gb (Elasticsearch).
void heap_from_java_opts(Component& component, const Sourced& java_opts);

// One reader per source format; each adds to the context's topology.
void import_compose(ImportContext& context, const Node& root, const std::string& file);
void import_manifests(ImportContext& context, const std::vector<Node>& documents, const std::string& file);
/// Returns false when the values match no chart it knows.
bool import_values(ImportContext& context, const Node& root, const std::string& file);

}  // namespace deploy_advisor::import_detail
