#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "deploy_advisor/format/format.hpp"

namespace deploy_advisor {

bool parse_output_format(const std::string& text, OutputFormat* out) {
  if (text == "text") *out = OutputFormat::Text;
  else if (text == "json") *out = OutputFormat::Json;
  else if (text == "sarif") *out = OutputFormat::Sarif;
  else if (text == "markdown") *out = OutputFormat::Markdown;
  else if (text == "junit") *out = OutputFormat::Junit;
  else if (text == "github") *out = OutputFormat::Github;
  else if (text == "gitlab") *out = OutputFormat::Gitlab;
  else if (text == "checkstyle") *out = OutputFormat::Checkstyle;
  else return false;
  return true;
}

const std::vector<std::string>& output_format_names() {
  static const std::vector<std::string> names = {"text",  "json",   "sarif",  "markdown",
                                                 "junit", "github", "gitlab", "checkstyle"};
  return names;
}

bool CheckReport::fails(const Finding& finding) const {
  return !fail_never && !finding.waived && !finding.baseline && finding.severity >= fail_on;
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
  for (const auto& f : findings)
    if (fails(f)) return true;
  // Findings past the output limits count as the written ones do, `--fail-on never` included.
  for (Severity s : {Severity::Info, Severity::Warning, Severity::Error})
    if (!fail_never && s >= fail_on && omitted_active_by_severity[severity_index(s)] > 0) return true;
  return false;
}

std::vector<InputError> CheckReport::input_errors() const {
  std::vector<InputError> errors;
  for (const auto& t : checked) errors.insert(errors.end(), t.errors.begin(), t.errors.end());
  return errors;
}

std::size_t CheckReport::topology_of(const Finding& finding) const {
  for (std::size_t i = 0; i < checked.size(); ++i)
    for (const auto& file : checked[i].files)
      if (file == finding.location.file_name()) return i;
  // A finding always comes from a file its topology read; the first topology is a safe home
  // should a location ever be unknown.
  return 0;
}

int CheckReport::count(Severity severity) const {
  int n = omitted_by_severity[severity_index(severity)];
  for (const auto& f : findings)
    if (f.severity == severity && !f.waived && !f.baseline) ++n;
  return n;
}

int CheckReport::waived() const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.waived; }));
}

int CheckReport::in_baseline() const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.baseline && !f.waived; }));
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
  std::string counts = fmt::format("{}, {}, {}", part(report.count(Severity::Error), "error", "errors"),
                                   part(report.count(Severity::Warning), "warning", "warnings"),
                                   part(report.count(Severity::Info), "info", "info"));
  if (int n = report.waived()) counts += fmt::format(", {} waived", n);
  if (int n = report.in_baseline()) counts += fmt::format(", {} in the baseline", n);
  return counts;
}

}  // namespace deploy_advisor
