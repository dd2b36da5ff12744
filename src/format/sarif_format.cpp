#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "deploy_advisor/format/format.hpp"
#include "deploy_advisor/format/rule_docs.hpp"

namespace deploy_advisor {

namespace {

// SARIF has three result levels; a deploy-advisor info (advice) is a SARIF note.
const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "warning";
}

/// The one escaping function for SARIF artifact URIs: a relative reference with every byte
/// outside RFC 3986's unreserved set (and `/`) percent-encoded, so spaces, `#`, `?`, `%` and
/// non-ASCII names stay part of the path.
std::string sarif_uri(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Every location has a region: a finding about a whole file points at its first line.
nlohmann::ordered_json physical_location(const Location& at) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", sarif_uri(at.file_name())}}},
            {"region",
             {{"startLine", std::max<std::uint32_t>(at.line, 1)},
              {"startColumn", std::max<std::uint32_t>(at.column, 1)}}}}}};
}

}  // namespace

void write_sarif(const CheckReport& report, const ProfileSet& profiles, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  // Only the rules that have results are described, in id order, so the file stays small and
  // stable; ruleIndex points into this list.
  std::map<std::string, int> index;
  Json rules = Json::array();
  for (const Rule* rule : profiles.rules()) {
    bool used = false;
    for (const auto& f : report.findings) used = used || f.rule_id == rule->id;
    if (!used) continue;
    index[rule->id] = static_cast<int>(rules.size());
    rules.push_back({
        {"id", rule->id},
        {"name", rule->name},
        {"shortDescription", {{"text", rule->title}}},
        {"fullDescription", {{"text", rule->rationale.empty() ? rule->title : rule->rationale}}},
        {"helpUri", fmt::format("{}/{}.md", DEPLOY_ADVISOR_RULE_DOCS_URL, rule->id)},
        {"help", {{"text", rule->fix_text}, {"markdown", rule_page(*rule)}}},
        {"defaultConfiguration", {{"level", sarif_level(rule->severity)}}},
        {"properties", {{"product", rule->product}, {"production_only", rule->production_only}}},
    });
  }
  Json results = Json::array();
  for (const auto& f : report.findings) {
    Json result = {
        {"ruleId", f.rule_id},
        {"level", sarif_level(f.severity)},
        {"message", {{"text", f.fix.empty() ? f.message : f.message + ". Fix: " + f.fix}}},
        {"locations", Json::array({physical_location(f.location)})},
        {"properties", {{"product", f.product}, {"component", f.component}}},
    };
    if (auto it = index.find(f.rule_id); it != index.end()) result["ruleIndex"] = it->second;
    // A comment beside the finding is `inSource`; the configuration and the baseline are
    // `external`. Either way the result stays in the log, suppressed.
    if (f.waived) {
      std::string justification = f.waiver.reason;
      if (!f.waiver.until.empty()) justification += " (until " + f.waiver.until + ")";
      result["suppressions"] = Json::array(
          {{{"kind", f.waiver.source == WaiverNote::Source::Inline ? "inSource" : "external"},
            {"status", "accepted"},
            {"justification", justification}}});
    } else if (f.baseline) {
      result["suppressions"] = Json::array(
          {{{"kind", "external"}, {"status", "accepted"}, {"justification", "recorded in the baseline"}}});
      result["baselineState"] = "unchanged";
    }
    results.push_back(std::move(result));
  }
  // Topologies that could not be read or checked: one notification each, with its location,
  // and the run is marked unsuccessful (the exit status is 2).
  Json notifications = Json::array();
  auto errors = report.input_errors();
  for (const auto& e : errors) {
    Json notification = {{"level", "error"}, {"message", {{"text", e.message}}}};
    if (e.location.file != nullptr) notification["locations"] = Json::array({physical_location(e.location)});
    notifications.push_back(std::move(notification));
  }
  Json invocation = {{"executionSuccessful", errors.empty()}};
  if (!errors.empty()) invocation["toolExecutionNotifications"] = notifications;
  Json root = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", Json::array({{
                   {"tool", {{"driver", {{"name", "deploy-advisor"},
                                         {"version", DEPLOY_ADVISOR_VERSION},
                                         {"rules", rules}}}}},
                   {"invocations", Json::array({invocation})},
                   {"columnKind", "unicodeCodePoints"},
                   {"results", results},
               }})},
  };
  // Left-out findings are said where SARIF viewers show run-level messages.
  if (!report.omitted.empty()) {
    Json note = {{"level", "note"}, {"message", {{"text", omitted_note(report)}}}};
    auto& run = root["runs"][0];
    if (run.contains("invocations"))
      run["invocations"][0]["toolExecutionNotifications"].push_back(std::move(note));
    else
      run["invocations"] = Json::array({{{"executionSuccessful", true},
                                         {"toolExecutionNotifications", Json::array({std::move(note)})}}});
  }
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace deploy_advisor
