// GitLab Code Quality report (a JSON array; docs.gitlab.com, "Code Quality report format").
//
// Severity mapping (also in docs/cli.md):
//   error -> critical    warning -> major    info -> info
//   a waived or baselined finding -> info (it never fails the run), its description says so
//   an input error -> blocker
// The fingerprint is the SHA-256 of the rule id, file, product, component and the finding's
// rank among those with the same four (in file order). It does not change when lines move,
// and two findings never share one.
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deploy_advisor/format/format.hpp"
#include "deploy_advisor/common/sha256.hpp"

namespace deploy_advisor {

namespace {

using Json = nlohmann::ordered_json;

const char* gitlab_severity(const Finding& finding) {
  if (finding.waived || finding.baseline) return "info";
  switch (finding.severity) {
    case Severity::Error:
      return "critical";
    case Severity::Warning:
      return "major";
    case Severity::Info:
      return "info";
  }
  return "major";
}

Json issue(std::string description, const std::string& check, const std::string& fingerprint,
           const char* severity, const Location& at) {
  return {{"type", "issue"},
          {"description", std::move(description)},
          {"check_name", check},
          {"fingerprint", fingerprint},
          {"severity", severity},
          {"location",
           {{"path", std::string(at.file_name())},
            {"lines", {{"begin", std::max<std::uint32_t>(at.line, 1)}}}}}};
}

std::string fingerprint(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (auto part : parts) {
    key += part;
    key += '\0';  // no part can contain it, so different parts never join into the same key
  }
  return sha256_hex(key);
}

}  // namespace

void write_gitlab(const CheckReport& report, std::ostream& out) {
  Json issues = Json::array();
  std::map<std::string, int> rank;
  for (const auto& e : report.input_errors()) {
    std::string key = fingerprint({"input", e.location.file_name(), e.message});
    int n = rank[key]++;
    issues.push_back(issue(format_input_error(e), "deploy-advisor/input-error",
                           fingerprint({key, std::to_string(n)}), "blocker", e.location));
  }
  for (const auto& f : report.findings) {
    std::string key = fingerprint({f.rule_id, f.location.file_name(), f.product, f.component});
    int n = rank[key]++;
    std::string description = f.message;
    if (f.waived)
      description += " (waived)";
    else if (f.baseline)
      description += " (in the baseline)";
    if (!f.fix.empty()) description += " Fix: " + f.fix;
    Json entry = issue(description, f.rule_id, fingerprint({key, std::to_string(n)}),
                       gitlab_severity(f), f.location);
    entry["categories"] = Json::array({"Bug Risk"});
    entry["content"] = {{"body", fmt::format("See {} (`deploy-advisor explain {}`).",
                                             rule_doc_path(f.rule_id), f.rule_id)}};
    issues.push_back(std::move(entry));
  }
  // Text that is not UTF-8 is replaced rather than stopping the report.
  out << issues.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace deploy_advisor
