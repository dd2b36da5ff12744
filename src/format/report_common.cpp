#include <algorithm>

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

bool CheckReport::failed() const {
  if (fail_never) return false;
  for (const auto& f : findings)
    if (!f.waived && !f.baseline && f.severity >= fail_on) return true;
  return false;
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
