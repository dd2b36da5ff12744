#include <cctype>
#include <map>
#include <string_view>

#include <nlohmann/json.hpp>

#include "deploy_advisor/format.hpp"
#include "deploy_advisor/rule_docs.hpp"

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
        {"locations",
         Json::array({{{"physicalLocation",
                        {{"artifactLocation", {{"uri", sarif_uri(f.location.file_name())}}},
                         {"region",
                          {{"startLine", std::max<std::uint32_t>(f.location.line, 1)},
                           {"startColumn", std::max<std::uint32_t>(f.location.column, 1)}}}}}}})},
        {"properties", {{"product", f.product}, {"component", f.component}}},
    };
    if (auto it = index.find(f.rule_id); it != index.end()) result["ruleIndex"] = it->second;
    if (f.waived || f.baseline)
      result["suppressions"] = Json::array({{{"kind", "external"},
                                             {"justification", f.waived ? "waived" : "in the baseline"}}});
    results.push_back(std::move(result));
  }
  Json root = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", Json::array({{
                   {"tool", {{"driver", {{"name", "deploy-advisor"},
                                         {"version", DEPLOY_ADVISOR_VERSION},
                                         {"rules", rules}}}}},
                   {"columnKind", "unicodeCodePoints"},
                   {"results", results},
               }})},
  };
  // Left-out findings are said where SARIF viewers show run-level messages.
  if (!report.omitted.empty())
    root["runs"][0]["invocations"] = Json::array({{{"executionSuccessful", true},
                                                   {"toolExecutionNotifications",
                                                    Json::array({{{"level", "note"},
                                                                  {"message", {{"text", omitted_note(report)}}}}})}}});
  out << root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace deploy_advisor
