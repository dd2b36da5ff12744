#include "engine/suppressions.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace deploy_advisor {

Suppressions::Suppressions(const FileSystem& files, const ProfileSet& profiles, const AnalysisRequest& request)
    : files_(files), profiles_(profiles), request_(request), today_(today_utc()) {
  if (!request.baseline.empty()) {
    baseline_ = load_baseline(request.baseline, files);
    baseline_used_.assign(baseline_.size(), false);
  }
}

void Suppressions::prepare(LoadedTopology& topology) const {
  if (request_.no_waivers) topology.inline_waivers.clear();
}

std::string Suppressions::apply(const LoadedTopology& topology, std::vector<Finding>& findings) {
  files_checked_.insert(topology.input_files.begin(), topology.input_files.end());
  std::string path;
  if (ConfigUse* use = config_for(topology.path, &path)) {
    for (const auto& product : topology.products)
      if (product.components.is_list())
        for (const auto& component : product.components.as_list())
          use->components.insert(product.name + "/" + component.get("name").as_string());
    std::vector<bool> used;
    apply_tool_config(use->config, today_, findings, &used);
    for (std::size_t i = 0; i < used.size(); ++i)
      if (used[i]) use->used[i] = true;
  }
  apply_baseline(topology, findings);
  return path;
}

void Suppressions::apply_configuration_only(const LoadedTopology& topology, std::vector<Finding>& findings) {
  std::string path;
  if (ConfigUse* use = config_for(topology.path, &path)) apply_tool_config(use->config, today_, findings);
}

Suppressions::ConfigUse* Suppressions::config_for(const std::string& topology, std::string* path) {
  *path = configuration_in_force(files_, topology, request_.config_file, request_.root);
  if (path->empty()) return nullptr;
  auto it = configs_.find(*path);
  if (it == configs_.end()) {
    ConfigUse use{load_tool_config(*path, files_, profiles_), {}, {}};
    if (request_.no_waivers) use.config.waivers.clear();
    use.used.assign(use.config.waivers.size(), false);
    it = configs_.emplace(*path, std::move(use)).first;
  }
  return &it->second;
}

void Suppressions::apply_baseline(const LoadedTopology& topology, std::vector<Finding>& findings) {
  if (baseline_.empty() && !request_.record_baseline) return;
  for (auto& f : findings) {
    // Stale waivers are not debt to carry: they are removed, not recorded.
    if (f.waived || f.rule_id == kUnusedWaiverRule) continue;
    BaselineEntry entry = baseline_entry(topology, f);
    for (std::size_t i = 0; i < baseline_.size(); ++i) {
      const auto& known = baseline_[i];
      if (baseline_used_[i] || known.rule_id != entry.rule_id || known.file != entry.file ||
          known.component != entry.component || known.fingerprint != entry.fingerprint)
        continue;
      baseline_used_[i] = true;
      f.baseline = true;
      break;
    }
    if (request_.record_baseline) {
      // What is recorded now is known from now on.
      f.baseline = true;
      recorded_.push_back(std::move(entry));
    }
  }
}

std::vector<Finding> Suppressions::unused() const {
  std::vector<Finding> out;
  std::vector<std::string> all_components;
  for (const auto& [path, use] : configs_) {
    all_components.assign(use.components.begin(), use.components.end());
    for (std::size_t i = 0; i < use.config.waivers.size(); ++i) {
      if (use.used[i]) continue;
      const auto& w = use.config.waivers[i];
      std::string named = w.product.empty() ? std::string() : w.product + "/" + w.component;
      std::string message;
      if (!named.empty() && !use.components.count(named)) {
        std::string suggestion = did_you_mean(named, all_components);
        message = fmt::format("the waiver of {} names {}, which is not a component of the topologies checked with "
                              "this configuration{}",
                              w.rule, named, suggestion.empty() ? "" : fmt::format(" (did you mean {}?)", suggestion));
      } else {
        message = fmt::format("the waiver of {}{} matches no finding in the topologies checked with this configuration",
                              w.rule, named.empty() ? "" : " for " + named);
      }
      out.push_back(unused_waiver_finding(
          profiles_, w.location, std::move(message),
          "Remove the waiver if the finding is gone, or correct its rule and component "
          "(product/component, as `deploy-advisor check` names them)."));
    }
  }
  // Entries for files this run did not read say nothing about whether they still match.
  if (!request_.record_baseline) {
    for (std::size_t i = 0; i < baseline_.size(); ++i) {
      const auto& e = baseline_[i];
      if (baseline_used_[i] || !files_checked_.count(e.file)) continue;
      std::string where = e.component.empty() ? e.key_path
                                              : e.key_path.empty() ? e.component : e.component + ", " + e.key_path;
      out.push_back(unused_waiver_finding(
          profiles_, e.location,
          fmt::format("the baseline entry for {} in {}{} matches no finding any more", e.rule_id, e.file,
                      where.empty() ? "" : " (" + where + ")"),
          "Record the baseline again with --write-baseline, so that it holds only the findings that remain."));
    }
  }
  return out;
}

}  // namespace deploy_advisor
