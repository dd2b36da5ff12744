#pragma once

#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/node.hpp"

namespace deploy_advisor::load_detail {

/// Applies YAML 1.1 merge keys throughout a built document, innermost mappings first:
/// `<<: *a` or `<<: [*a, *b]` (or inline mappings) insert the keys of the named mappings where
/// the `<<` key is written, unless the mapping has the key itself; with a list, earlier
/// mappings win over later ones. A merged node keeps the location where it is written and
/// records, in `Location::via`, the merge that brought it. Only a plain, untagged `<<` key
/// merges; `"<<"` is an ordinary key. Merging moves nodes the reader has already built and
/// counted, so it never adds to the node limit; the tree's depth bounds the recursion.
void apply_merge_keys(Node& root, std::vector<InputError>& errors);

}  // namespace deploy_advisor::load_detail
