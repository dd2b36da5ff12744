#include "deploy_advisor/engine/analyze.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "engine/converge.hpp"
#include "engine/thread_pool.hpp"
#include "deploy_advisor/engine/config.hpp"
#include "engine/suppressions.hpp"

namespace deploy_advisor {

namespace {

/// Adds up the time spent in each stage over every topology.
class StageClock {
 public:
  explicit StageClock(std::vector<std::pair<std::string, double>>& totals) : totals_(totals) {}
  void start() { began_ = std::chrono::steady_clock::now(); }
  void stop(const char* stage) {
    add(stage, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began_).count());
  }
  void add(const std::string& stage, double ms) {
    for (auto& [name, total] : totals_)
      if (name == stage) {
        total += ms;
        return;
      }
    totals_.emplace_back(stage, ms);
  }

 private:
  std::vector<std::pair<std::string, double>>& totals_;
  std::chrono::steady_clock::time_point began_;
};

void record_rules(TopologyAnalysis& analysed, const std::vector<RuleSelection>& selections) {
  for (const auto& s : selections) {
    if (s.evaluated)
      analysed.rules_evaluated.push_back(s.rule->id);
    else if (s.product_present)
      analysed.rules_skipped.emplace_back(s.rule->id, s.skipped_because);
    else
      ++analysed.rules_of_other_products;
  }
}

class Analyzer {
 public:
  Analyzer(const AnalysisRequest& request, const FileSystem& files, Analysis& out)
      : request_(request), files_(files), out_(out), clock_(out.stage_times) {}

  void run() {
    clock_.start();
    if (request_.profiles) {
      out_.profiles = request_.profiles;
    } else {
      auto owned = std::make_shared<ProfileSet>(ProfileSet::builtin());
      if (!request_.profiles_folder.empty()) owned->add_folder(request_.profiles_folder, files_);
      out_.owned_profiles = owned;
      out_.profiles = owned.get();
    }
    const ProfileSet& profiles = *out_.profiles;
    load_.extra_products = profiles.declared_products();
    load_.assumption_names = profiles.assumption_names();
    load_.root = request_.root;
    clock_.stop("profiles");

    Suppressions suppressions(files_, profiles, request_);
    // Every topology is analysed even when another one has input errors: one run reports every
    // problem, and the findings of the readable topologies reach every output. Loading, sizing
    // and checking each topology is independent of the others and runs on the pool; waivers,
    // the configuration, the baseline and the plan then apply in request order, on this thread,
    // so the result is the same for any number of jobs.
    // Topologies go through in batches, so that a run over thousands of files holds a batch
    // of loaded topologies at a time, not all of them.
    const std::size_t batch = std::max<std::size_t>(64, 16 * std::size_t{jobs()});
    for (std::size_t first = 0; first < request_.topologies.size(); first += batch) {
      std::vector<Checked> checked(std::min(batch, request_.topologies.size() - first));
      for (std::size_t i = 0; i < checked.size(); ++i) checked[i].analysed.path = request_.topologies[first + i];
      run_on_pool(checked.size(), jobs(), [&](std::size_t i) { check_one(suppressions, checked[i]); });
      for (auto& one : checked) {
        for (const auto& [stage, ms] : one.stage_times) clock_.add(stage, ms);
        finish_one(suppressions, one);
        out_.topologies.push_back(std::move(one.analysed));
      }
    }
    auto unused = suppressions.unused();
    out_.findings.insert(out_.findings.end(), unused.begin(), unused.end());
    out_.baseline_to_record = suppressions.recorded();
    sort_findings(out_.findings);
  }

 private:
  /// One topology between the two phases: checked, not yet configured.
  struct Checked {
    TopologyAnalysis analysed;
    std::optional<LoadedTopology> topology;
    std::vector<ProductSizing> sizing;
    std::vector<Finding> findings;
    std::vector<std::pair<std::string, double>> stage_times;
  };

  [[nodiscard]] unsigned jobs() const {
    if (request_.jobs > 0) return request_.jobs;
    return std::max(1U, std::thread::hardware_concurrency());
  }

  /// Loads, sizes and checks one topology; input errors are kept with it. Runs on the pool:
  /// reads only the request, the profiles and the file system.
  void check_one(const Suppressions& suppressions, Checked& one) const {
    const ProfileSet& profiles = *out_.profiles;
    StageClock clock(one.stage_times);
    try {
      clock.start();
      one.topology = load_topology(one.analysed.path, files_, load_);
      clock.stop("load");
      suppressions.prepare(*one.topology);  // before the rules: --no-waivers drops waiver comments
      one.analysed.files = one.topology->input_files;
      clock.start();
      one.sizing = compute_sizing(profiles, *one.topology);
      clock.stop("sizing");
      clock.start();
      record_rules(one.analysed, select_rules(profiles, *one.topology));
      one.findings = check_topology(profiles, *one.topology, one.sizing);
      clock.stop("rules");
    } catch (const InputFailure& failure) {
      one.analysed.errors = failure.errors();
      one.analysed.rules_evaluated.clear();
      one.analysed.rules_skipped.clear();
      one.topology.reset();
    }
  }

  /// Applies waivers, the configuration and the baseline to one checked topology, and plans
  /// it when asked; in request order, because waivers and baseline entries are used up.
  void finish_one(Suppressions& suppressions, Checked& one) {
    if (!one.topology) return;
    const ProfileSet& profiles = *out_.profiles;
    TopologyAnalysis& analysed = one.analysed;
    LoadedTopology& topology = *one.topology;
    auto& findings = one.findings;
    try {
      clock_.start();
      analysed.configuration = suppressions.apply(topology, findings);
      clock_.stop("rules");
      if (request_.plan) {
        clock_.start();
        analysed.layout = converge_layout(topology, one.sizing, findings, [&](const Node& revised) {
          CheckedRevision checked{load_topology_tree(analysed.path, revised, files_, load_), {}, {}};
          suppressions.prepare(checked.topology);
          checked.sizing = compute_sizing(profiles, checked.topology);
          checked.findings = check_topology(profiles, checked.topology, checked.sizing);
          suppressions.apply_configuration_only(checked.topology, checked.findings);
          return checked;
        });
        clock_.stop("plan");
      }
      out_.findings.insert(out_.findings.end(), std::make_move_iterator(findings.begin()),
                           std::make_move_iterator(findings.end()));
      if (request_.keep_topologies) {
        analysed.topology = std::move(topology);
        analysed.sizing = std::move(one.sizing);
      }
    } catch (const InputFailure& failure) {
      analysed.errors = failure.errors();
      analysed.rules_evaluated.clear();
      analysed.rules_skipped.clear();
      analysed.layout.reset();
    }
  }

  const AnalysisRequest& request_;
  const FileSystem& files_;
  Analysis& out_;
  StageClock clock_;
  LoadOptions load_;
};

}  // namespace

std::vector<InputError> Analysis::input_errors() const {
  std::vector<InputError> errors;
  for (const auto& t : topologies) errors.insert(errors.end(), t.errors.begin(), t.errors.end());
  return errors;
}

Analysis analyze(const AnalysisRequest& request, const FileSystem& files) {
  Analysis analysis;
  Analyzer(request, files, analysis).run();
  return analysis;
}

std::string configuration_in_force(const FileSystem& files, const std::string& topology,
                                   const std::string& config_file, const std::string& root_given) {
  std::string root = root_given.empty() ? find_root(files, topology) : root_given;
  std::string path = config_file;
  if (path.empty())
    path = find_tool_config(files, topology == "-" ? std::string(".") : parent_folder(topology), root);
  if (path.empty()) return path;
  // The configuration decides which findings count, so it must come from the repository
  // being checked, like every other file a run reads.
  FileSystem::Status status = files.check_inside(root, path);
  if (status != FileSystem::Status::Ok)
    throw InputFailure({{Location{intern_file_name(path), 1, 1},
                         fmt::format("cannot read the configuration '{}': {}; expected a regular file inside '{}'",
                                     quoted_excerpt(path), describe(status), quoted_excerpt(root))}});
  return path;
}

}  // namespace deploy_advisor
