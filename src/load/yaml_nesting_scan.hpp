#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "load/yaml_json_common.hpp"

namespace deploy_advisor::load_detail {

/// A cheap, single pass over YAML text, run before yaml-cpp sees it, for two costs that
/// yaml-cpp would pay before any event reached the tree builder.
///
/// Nesting: yaml-cpp recurses once or more per level, so text nested thousands of levels deep
/// would exhaust the stack. The scan estimates the depth from flow brackets outside quotes
/// and comments, implicit one-pair mappings in flow sequences (`[a: [b: c]]` nests twice per
/// bracket in yaml-cpp), and block nesting from indentation and the `- `, `? `, `key: `
/// indicators, skipping block scalars and quoted text. It may count a level too many in odd
/// files, never in the common layouts. It gives a good location; the tree builder still
/// checks the limit on every collection event, and throwing there also unwinds yaml-cpp,
/// whatever this scan missed.
///
/// Flow size: yaml-cpp reads a whole flow collection ahead before its first event (the
/// collection might turn out to be a key), at about 90 bytes per token, so one 16 MB
/// `[a,a,a,...]` line would cost gigabytes before the node limit saw any of it. The scan
/// counts the nodes that flow brackets and `,` separators imply (at least one per sequence
/// entry, two per mapping entry): more than `max_nodes` means the document is over the node
/// limit anyway.
struct ScanFinding {
  TextPosition at;
  std::string message;
};

/// Returns where nesting first goes past `max_depth`, or where flow collections pass
/// `max_nodes`, or nothing.
std::optional<ScanFinding> prescan_yaml(std::string_view text, const ReadLimits& limits);

}  // namespace deploy_advisor::load_detail
