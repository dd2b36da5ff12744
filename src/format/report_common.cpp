#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "deploy_advisor/format.hpp"

namespace deploy_advisor {

bool parse_output_format(const std::string& text, OutputFormat* out) {
  if (text == "text") *out = OutputFormat::Text;
  else if (text == "json") *out = OutputFormat::Json;
  else if (text == "sarif") *out = OutputFormat::Sarif;
  else if (text == "markdown") *out = OutputFormat::Markdown;
  else return false;
  return true;
}

namespace {

std::size_t severity_index(Severity s) {
  switch (s) {
    case Severity::Info:
      return 0;
    case Severity::Warning:
      return 1;
    case Severity::Error:
      return 2;
  }
  return 0;
}

}  // namespace

bool CheckReport::failed() const {
  if (fail_never) return false;
  for (const auto& f : findings)
    if (!f.waived && !f.baseline && f.severity >= fail_on) return true;
  for (Severity s : {Severity::Info, Severity::Warning, Severity::Error})
    if (s >= fail_on && omitted_active_by_severity[severity_index(s)] > 0) return true;
  return false;
}

int CheckReport::count(Severity severity) const {
  int n = omitted_by_severity[severity_index(severity)];
  for (const auto& f : findings)
    if (f.severity == severity) ++n;
  return n;
}

std::size_t CheckReport::omitted_total() const {
  std::size_t n = 0;
  for (const auto& [id, count] : omitted) n += count;
  return n;
}

void limit_findings(CheckReport& report, std::size_t per_rule, std::size_t per_run) {
  std::map<std::string, std::size_t> shown, left_out;
  std::vector<Finding> kept;
  kept.reserve(std::min(report.findings.size(), per_run));
  for (auto& f : report.findings) {
    if (kept.size() < per_run && shown[f.rule_id] < per_rule) {
      ++shown[f.rule_id];
      kept.push_back(std::move(f));
      continue;
    }
    ++left_out[f.rule_id];
    ++report.omitted_by_severity[severity_index(f.severity)];
    if (!f.waived && !f.baseline) ++report.omitted_active_by_severity[severity_index(f.severity)];
  }
  report.findings = std::move(kept);
  for (const auto& [id, count] : left_out) report.omitted.emplace_back(id, count);
}

std::string omitted_note(const CheckReport& report) {
  if (report.omitted.empty()) return {};
  std::string rules;
  for (const auto& [id, count] : report.omitted) rules += fmt::format("{}{} {}", rules.empty() ? "" : ", ", id, count);
  return fmt::format("… and {} more findings not shown (at most {} per rule and {} per run): {}",
                     report.omitted_total(), kMaxFindingsPerRule, kMaxFindingsPerRun, rules);
}

std::string summary_counts(const CheckReport& report) {
  auto part = [](int n, const char* one, const char* many) {
    return n == 0 ? fmt::format("no {}", many) : fmt::format("{} {}", n, n == 1 ? one : many);
  };
  return fmt::format("{}, {}, {}", part(report.count(Severity::Error), "error", "errors"),
                     part(report.count(Severity::Warning), "warning", "warnings"),
                     part(report.count(Severity::Info), "info", "info"));
}

}  // namespace deploy_advisor
