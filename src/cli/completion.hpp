#pragma once

#include <string>
#include <utility>
#include <vector>

namespace deploy_advisor::cli {

/// What the shell completes, taken from the command-line definition and the profiles, so it
/// never falls behind them.
struct CompletionSpec {
  struct Command {
    std::string name;
    std::vector<std::string> flags;                                        // --format, -o, ...
    std::vector<std::pair<std::string, std::vector<std::string>>> values;  // flag and its choices
  };
  std::vector<Command> commands;
  std::vector<std::string> rule_ids;  // completed after `explain`
  std::vector<std::string> products;  // completed after `init`
};

/// A bash completion script (for `complete -F`): commands, each command's flags, the choices
/// of flags that have them, rule ids for `explain`, products for `init`, files otherwise.
std::string bash_completion(const CompletionSpec& spec);

}  // namespace deploy_advisor::cli
