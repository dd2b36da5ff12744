#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "deploy_advisor/engine/baseline.hpp"
#include "deploy_advisor/engine/engine.hpp"
#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/engine/plan.hpp"
#include "deploy_advisor/engine/profile.hpp"

namespace deploy_advisor {

/// What to analyse and under which configuration: everything `check`, `plan` and `report` take
/// from their command line that decides which findings there are.
struct AnalysisRequest {
  /// Topology files (`-` for standard input), each analysed on its own, in this order.
  std::vector<std::string> topologies;
  /// Profiles already loaded, used as they are; when null, the built-in profiles plus every
  /// profile in `profiles_folder` (when given).
  const ProfileSet* profiles = nullptr;
  std::string profiles_folder;
  /// The tool configuration (`--config`); "" means the `.deploy-advisor.yaml` found upward from
  /// each topology's folder, no further than its root.
  std::string config_file;
  /// The folder every file a topology names must lie in (`--root`); "" means the topology's
  /// repository (see find_root).
  std::string root;
  bool no_waivers = false;   // ignore waiver comments and the configuration's waivers
  std::string baseline;      // findings recorded in this file are marked as known
  bool record_baseline = false;  // mark every finding as known and return the entries to record
  bool plan = false;             // also converge the recommended layout of each topology
  /// Topologies loaded, sized and checked at once, on a fixed pool of threads; 0 means one
  /// per core. The result is the same for any number.
  unsigned jobs = 1;
  /// Keep each loaded topology and its sizing in the result (plan and report draw them);
  /// check needs only the findings and lets each go once it is checked.
  bool keep_topologies = true;
};

/// The recommended layout of one topology at its fixed point, and the plan from the topology
/// to it.
struct PlannedLayout {
  LoadedTopology revised;                    // the revised layout, loaded as check loads it
  std::vector<ProductSizing> revised_sizing;
  std::vector<Finding> revised_findings;     // the configuration applied
  Node revised_tree;                         // the revised layout as a topology tree
  std::vector<ProductPlan> plan;  // current figures from the topology, recommended from the revision
};

/// One topology of the request: loaded, sized and checked, or the input errors that stopped it.
struct TopologyAnalysis {
  std::string path;                 // as requested
  std::vector<std::string> files;   // the files read: the topology, its bases, then native files
  std::string configuration;        // the tool configuration applied, or "" for none
  std::vector<std::string> rules_evaluated;  // rule ids, sorted
  /// Rules of the topology's products that did not run (id, why); rules of other products are
  /// only counted.
  std::vector<std::pair<std::string, std::string>> rules_skipped;
  std::size_t rules_of_other_products = 0;
  std::vector<InputError> errors;   // why it could not be analysed; empty when it was
  std::optional<LoadedTopology> topology;  // when analysed, and kept (keep_topologies)
  std::vector<ProductSizing> sizing;       // when kept (keep_topologies)
  std::optional<PlannedLayout> layout;     // when analysed and a plan was asked for
  [[nodiscard]] bool analysed() const { return errors.empty(); }
};

/// Everything one run found. Sizing figures and plans point into the profiles, so an Analysis
/// keeps the profiles it built alive.
struct Analysis {
  std::shared_ptr<const ProfileSet> owned_profiles;  // set when the request named none
  const ProfileSet* profiles = nullptr;              // the profiles used
  std::vector<TopologyAnalysis> topologies;          // in request order
  /// Every finding of every analysed topology, with configuration waivers, severity overrides,
  /// disabled rules and the baseline applied, then a DA006 for each configuration waiver and
  /// baseline entry that matched nothing; sorted by file, line, column, rule.
  std::vector<Finding> findings;
  std::vector<BaselineEntry> baseline_to_record;     // when record_baseline was asked
  /// Milliseconds spent per stage (profiles, load, sizing, rules, plan), in the order first run.
  std::vector<std::pair<std::string, double>> stage_times;
  [[nodiscard]] std::vector<InputError> input_errors() const;
};

/// Loads the profiles, then loads, sizes and checks every topology of the request, applies the
/// tool configuration and the baseline, and converges the plan when asked: the one place the
/// pipeline runs. A topology with input errors keeps them and the others are analysed all the
/// same; an unusable profile folder, configuration or baseline throws InputFailure.
Analysis analyze(const AnalysisRequest& request, const FileSystem& files);

/// The `.deploy-advisor.yaml` in force for `topology` (`config_file` when given, else found
/// upward from its folder, no further than `root`), or "" for none. Throws InputFailure when
/// the file lies outside the root or is not a regular file.
std::string configuration_in_force(const FileSystem& files, const std::string& topology,
                                   const std::string& config_file, const std::string& root);

}  // namespace deploy_advisor
