#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/file_system.hpp"

namespace deploy_advisor::cli {

/// What one `check` argument stands for: the topology files it names, or why it names none.
struct ExpandedArgument {
  std::string argument;
  std::vector<std::string> topologies;  // sorted
  std::vector<InputError> errors;       // a folder without topologies, a pattern matching nothing
};

/// Expands the arguments of `check`:
///   - a folder: every topology file under it (see is_topology_file), skipping hidden folders
///     (.git …), node_modules, vendor and build output folders (build, _build, cmake-build-*,
///     dist, target);
///   - a shell pattern the shell left unexpanded (`*`, `?` within a name, `**` for any number
///     of folders): the files it matches, as the shell would give them; folders it matches are
///     searched as above;
///   - anything else (a file, `-`, a path that does not exist): itself, for the loader to read
///     or report.
/// The result does not depend on the order the file system lists entries in.
std::vector<ExpandedArgument> expand_topology_arguments(const FileSystem& files,
                                                       const std::vector<std::string>& arguments);

/// A topology file: `.yaml` or `.yml`, and among its top-level keys (written at the start of a
/// line) `version: 1` and `products:`.
bool is_topology_file(const FileSystem& files, const std::string& path);

/// `*` any run of characters, `?` one character; neither matches `/`.
bool matches_pattern(std::string_view pattern, std::string_view name);

}  // namespace deploy_advisor::cli
