#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/node.hpp"
#include "import/imported_topology.hpp"

// Reading values out of the sources' trees: paths, quantities, image references.

namespace deploy_advisor::import_detail {

/// The node at a path of mapping keys, or nullptr.
const Node* at_path(const Node& root, std::initializer_list<std::string_view> keys);
/// A scalar's text, or nullopt for anything else (null included).
std::optional<std::string> text_of(const Node* node);
/// True when the node is a scalar that reads as boolean true (YAML 1.1 words included, as
/// Helm and Compose read them).
bool is_true(const Node* node);
bool is_false(const Node* node);

/// Kubernetes CPU quantity ("500m", "2") or Compose `cpus` ("0.5") in cores.
std::optional<double> cpu_cores(std::string_view text);
/// Kubernetes memory quantity ("512Mi", "1G") or Compose size ("1g", "512m") in GB, where
/// binary units count 1Gi as 1 GB (what sizing means by GB).
std::optional<double> size_gb(std::string_view text);
/// A number written for the topology: no trailing zeros, at most 3 decimals.
std::string number_text(double value);

/// An image reference split up: registry dropped, `namespace/name`, tag.
struct ImageRef {
  std::string repository;  // e.g. "tracardi/com-tracardi-api"
  std::string name;        // last path segment, e.g. "com-tracardi-api"
  std::string tag;         // "" when absent or a variable
};
ImageRef parse_image(std::string_view reference);

/// The folder of a path relative to another folder, for native-file references written into
/// the topology ("" folder = the current one).
std::string relative_to(const std::string& path, const std::string& folder);

/// Environment variable names whose values are secrets and are never copied.
bool is_secret_name(std::string_view product, std::string_view name);
/// A value that may be copied even under a secret name: a reference such as `${TOKEN}`, an
/// empty value, or the product's documented default (public, and what the rules look for).
bool may_copy_secret_value(std::string_view product, std::string_view name, std::string_view value);

/// A count (replicas, brokers) copied from the source when it is a non-negative integer;
/// nullopt otherwise, so that a template expression or a typo is reported, not copied.
std::optional<Sourced> count_value(const Node* node, std::string why = {});

/// Adds resources (cpu, memory_gb) from a Kubernetes `resources:` map: limits when given,
/// else requests.
void read_k8s_resources(const Node* resources, Component& component);

}  // namespace deploy_advisor::import_detail
