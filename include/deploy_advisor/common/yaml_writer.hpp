#pragma once

#include <string>
#include <string_view>

#include "deploy_advisor/common/node.hpp"

namespace deploy_advisor {

/// Writes a node tree as block-style YAML that reads back to the same tree: plain scalars
/// stay plain where that is unambiguous, strings that would read as something else (under
/// YAML 1.2 or YAML 1.1: `yes`, `on`, `010`, `1:30`) are double-quoted.
std::string write_yaml(const Node& root);

/// One scalar (or null) as write_yaml writes it, for writers that lay out their own lines.
std::string write_yaml_scalar(const Node& scalar);
/// The one escaping function for text in a YAML comment: one line, control characters shown
/// as escapes, so a value (the topology's name) cannot end the comment and start YAML.
std::string yaml_comment_text(std::string_view text);

}  // namespace deploy_advisor
