#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "deploy_advisor/engine/config.hpp"

namespace deploy_advisor {

Finding unused_waiver_finding(const ProfileSet& profiles, Location where, std::string message, std::string fix) {
  Finding f;
  f.rule_id = kUnusedWaiverRule;
  f.severity = Severity::Info;
  if (const Rule* rule = profiles.find_rule(f.rule_id)) {
    f.rule_name = rule->name;
    f.severity = rule->severity;
  }
  f.location = where;
  f.message = std::move(message);
  f.fix = std::move(fix);
  return f;
}

void apply_inline_waivers(const ProfileSet& profiles, const std::vector<InlineWaiver>& waivers,
                          const std::string& today, std::vector<Finding>& findings,
                          std::vector<InputError>& errors) {
  std::vector<std::string> ids;
  for (const Rule* rule : profiles.rules()) ids.push_back(rule->id);
  std::vector<Finding> unused;
  // A native file named twice is scanned twice; its comments count once.
  std::vector<std::tuple<std::string_view, std::uint32_t, std::uint32_t, std::string_view>> seen;
  for (const auto& w : waivers) {
    auto key = std::make_tuple(w.location.file_name(), w.location.line, w.location.column, std::string_view(w.rule));
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    if (!profiles.find_rule(w.rule)) {
      std::string suggestion = did_you_mean(w.rule, ids);
      errors.push_back({w.location, fmt::format("waiver comment: '{}' is not a rule id{}; 'deploy-advisor rules' lists them",
                                                w.rule, suggestion.empty() ? "" : fmt::format(" (did you mean {}?)", suggestion))});
      continue;
    }
    bool used = false;
    for (auto& f : findings) {
      if (f.rule_id != w.rule || f.location.file_name() != w.location.file_name() || f.location.line != w.target_line)
        continue;
      used = true;
      // Dates as YYYY-MM-DD compare correctly as text.
      if (!w.until.empty() && w.until < today) {
        f.message += fmt::format(" (a waiver for this finding expired on {}: {})", w.until, w.reason);
        continue;
      }
      f.waived = true;
      f.waiver = {w.reason, w.until, WaiverNote::Source::Inline};
    }
    if (used) continue;
    std::string message =
        w.target_line == 0
            ? fmt::format("the waiver of {} is followed by no line it could apply to", w.rule)
            : fmt::format("the waiver of {} matches no {} finding on line {}, the line it applies to", w.rule,
                          w.rule, w.target_line);
    unused.push_back(unused_waiver_finding(
        profiles, w.location, std::move(message),
        fmt::format("Remove the comment if {} no longer reports this line, or put it on the line of the finding "
                    "or alone on the line above it.",
                    w.rule)));
  }
  findings.insert(findings.end(), std::make_move_iterator(unused.begin()), std::make_move_iterator(unused.end()));
}

}  // namespace deploy_advisor
