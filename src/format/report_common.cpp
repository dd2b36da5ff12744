#include <algorithm>

#include <fmt/format.h>

#include "deploy_advisor/format.hpp"

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

bool CheckReport::failed() const {
  for (const auto& f : findings)
    if (fails(f)) return true;
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
  int n = 0;
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
