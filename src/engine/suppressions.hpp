#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "deploy_advisor/engine/baseline.hpp"
#include "deploy_advisor/engine/config.hpp"
#include "deploy_advisor/engine/analyze.hpp"

namespace deploy_advisor {

/// Everything in one run that accepts findings: the configuration files' waivers and the
/// baseline. Both are judged over the whole run, so that a waiver or a baseline entry that
/// matched nothing in any topology analysed is reported once (DA006).
class Suppressions {
 public:
  /// Reads the request's baseline when given; throws InputFailure when it cannot be used.
  Suppressions(const FileSystem& files, const ProfileSet& profiles, const AnalysisRequest& request);

  /// Before the rules run: drops the waiver comments under no_waivers.
  void prepare(LoadedTopology& topology) const;

  /// Applies the configuration in force for the topology, then the baseline; returns the
  /// configuration file applied ("" for none).
  std::string apply(const LoadedTopology& topology, std::vector<Finding>& findings);

  /// Applies the configuration in force for the topology only, recording nothing: for the
  /// revisions of a plan, which are not among the topologies analysed.
  void apply_configuration_only(const LoadedTopology& topology, std::vector<Finding>& findings);

  /// DA006 findings for configuration waivers and baseline entries that matched nothing.
  [[nodiscard]] std::vector<Finding> unused() const;

  /// The baseline entries recorded (when the request asked to record one).
  [[nodiscard]] std::vector<BaselineEntry> recorded() const { return recorded_; }

 private:
  struct ConfigUse {
    ToolConfig config;
    std::vector<bool> used;
    std::set<std::string> components;  // product/component of every topology it applied to
  };

  ConfigUse* config_for(const std::string& topology, std::string* path);
  void apply_baseline(const LoadedTopology& topology, std::vector<Finding>& findings);

  const FileSystem& files_;
  const ProfileSet& profiles_;
  const AnalysisRequest& request_;
  std::string today_;
  std::map<std::string, ConfigUse> configs_;
  std::vector<BaselineEntry> baseline_;
  std::vector<bool> baseline_used_;
  std::set<std::string> files_checked_;
  std::vector<BaselineEntry> recorded_;
};

}  // namespace deploy_advisor
