#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/node.hpp"

namespace deploy_advisor {

/// Bounds that keep hostile input from exhausting memory or the stack.
struct ReadLimits {
  std::size_t max_bytes = 16u << 20;      // larger files are refused before parsing
  std::size_t max_depth = 64;             // nesting of sequences and mappings
  std::size_t max_nodes = 1'000'000;      // nodes built, aliases expanded included
};

/// The located tree of one document, and every error found (empty when it parsed).
/// On error `root` holds whatever was built before the error and must not be used.
struct ParseResult {
  Node root;
  std::vector<InputError> errors;
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// Parses one YAML document into a located tree, built from yaml-cpp's event parser (no
/// YAML::Node tree). Rejects: syntax errors, more than one document, duplicate keys,
/// non-scalar keys, nesting beyond `max_depth` (checked before yaml-cpp can recurse that deep),
/// alias expansion beyond `max_nodes`, NUL bytes. An empty document is a Null root.
ParseResult parse_yaml(std::string_view text, const std::string* file,
                       const ReadLimits& limits = {});

/// The located trees of a stream of YAML documents (`---` separated), in order.
struct DocumentsResult {
  std::vector<Node> documents;
  std::vector<InputError> errors;
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// As parse_yaml, but accepts any number of documents (Kubernetes manifests); the limits
/// apply to the whole stream. Topologies are read with parse_yaml, which refuses a second one.
DocumentsResult parse_yaml_documents(std::string_view text, const std::string* file,
                                     const ReadLimits& limits = {});

/// Parses one JSON document (RFC 8259) into a located tree; strings are Quoted scalars,
/// numbers, true, false are Plain scalars, null is Null. Same limits as YAML.
ParseResult parse_json(std::string_view text, const std::string* file,
                       const ReadLimits& limits = {});

}  // namespace deploy_advisor
