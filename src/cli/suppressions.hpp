#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "deploy_advisor/baseline.hpp"
#include "deploy_advisor/config.hpp"

namespace deploy_advisor::cli {

/// Everything in one `check` run that accepts findings: the configuration files' waivers and
/// the baseline. Both are judged over the whole run, so that a waiver or a baseline entry that
/// matched nothing in any topology checked is reported once (DA006).
class Suppressions {
 public:
  /// Reads --baseline FILE when given; throws InputFailure when it cannot be used.
  Suppressions(const Context& context, const ProfileSet& profiles, const CheckOptions& options);

  /// Before the rules run: drops the waiver comments under --no-waivers.
  void prepare(LoadedTopology& topology) const;

  /// Applies the configuration in force for the topology, then the baseline.
  void apply(const LoadedTopology& topology, std::vector<Finding>& findings);

  /// DA006 findings for configuration waivers and baseline entries that matched nothing.
  [[nodiscard]] std::vector<Finding> unused() const;

  /// Writes --write-baseline FILE when asked; false (after reporting) when it cannot.
  bool write_baseline(Context& context) const;

 private:
  struct ConfigUse {
    ToolConfig config;
    std::vector<bool> used;
    std::set<std::string> components;  // product/component of every topology it applied to
  };

  void apply_config(const LoadedTopology& topology, std::vector<Finding>& findings);
  void apply_baseline(const LoadedTopology& topology, std::vector<Finding>& findings);

  const Context& context_;
  const ProfileSet& profiles_;
  const CheckOptions& options_;
  std::string today_;
  std::map<std::string, ConfigUse> configs_;
  std::vector<BaselineEntry> baseline_;
  std::vector<bool> baseline_used_;
  std::set<std::string> files_checked_;
  std::vector<BaselineEntry> recorded_;
};

}  // namespace deploy_advisor::cli
