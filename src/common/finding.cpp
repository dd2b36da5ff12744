#include "deploy_advisor/finding.hpp"

#include <algorithm>
#include <tuple>

namespace deploy_advisor {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::string_view to_string(WaiverNote::Source source) {
  switch (source) {
    case WaiverNote::Source::Inline:
      return "inline";
    case WaiverNote::Source::Config:
      return "config";
  }
  return "config";
}

bool parse_severity(std::string_view text, Severity* out) {
  if (text == "info") *out = Severity::Info;
  else if (text == "warning") *out = Severity::Warning;
  else if (text == "error") *out = Severity::Error;
  else return false;
  return true;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    auto key = [](const Finding& f) {
      return std::make_tuple(f.location.file_name(), f.location.line, f.location.column,
                             std::string_view(f.rule_id), std::string_view(f.component),
                             std::string_view(f.message));
    };
    return key(a) < key(b);
  });
}

}  // namespace deploy_advisor
