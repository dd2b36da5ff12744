#pragma once

#include <string>
#include <utility>
#include <vector>

#include "deploy_advisor/common/node.hpp"

namespace deploy_advisor {

/// One node of a profile, flattened at build time by embed_profiles. Mapping children
/// alternate key, value.
struct EmbeddedNode {
  unsigned char kind;   // Node::Kind
  unsigned char style;  // Node::Style
  unsigned line;
  unsigned column;
  const char* text;
  unsigned text_size;
  unsigned first_child;
  unsigned child_count;
};

struct EmbeddedDocument {
  const char* file;
  unsigned root;
};

/// The built-in profiles (profiles/*.yaml), rebuilt from the tables compiled into the binary:
/// no YAML parsing at run time, locations kept for messages.
std::vector<std::pair<std::string, Node>> embedded_profile_documents();

/// `sha256:` and the digest of the profile sources the tables were made from (for --version).
const char* embedded_profiles_digest();

}  // namespace deploy_advisor
