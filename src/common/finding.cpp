#include "deploy_advisor/common/finding.hpp"

#include <algorithm>
#include <cstddef>
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
  auto key = [](const Finding& f) {
    return std::make_tuple(f.location.file_name(), f.location.line, f.location.column,
                           std::string_view(f.rule_id), std::string_view(f.component),
                           std::string_view(f.message));
  };
  // Sorts positions, then moves each finding once: a stable sort of the findings themselves
  // moves each of them some twenty times, which for 150,000 of them (an aliased topology)
  // is most of a run.
  std::vector<std::size_t> order(findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return key(findings[a]) < key(findings[b]);
  });
  bool sorted = true;
  for (std::size_t i = 0; i < order.size() && sorted; ++i) sorted = order[i] == i;
  if (sorted) return;
  std::vector<Finding> result;
  result.reserve(findings.size());
  for (std::size_t i : order) result.push_back(std::move(findings[i]));
  findings = std::move(result);
}

}  // namespace deploy_advisor
