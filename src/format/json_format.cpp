#include <nlohmann/json.hpp>

#include "deploy_advisor/format.hpp"

namespace deploy_advisor {

void write_json(const CheckReport& report, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  Json findings = Json::array();
  for (const auto& f : report.findings) {
    findings.push_back({
        {"rule_id", f.rule_id},
        {"rule", f.rule_name},
        {"severity", to_string(f.severity)},
        {"product", f.product},
        {"component", f.component},
        {"message", f.message},
        {"fix", f.fix},
        {"location",
         {{"file", f.location.file_name()}, {"line", f.location.line}, {"column", f.location.column}}},
        {"doc", rule_doc_path(f.rule_id)},
        {"waived", f.waived},
        {"baseline", f.baseline},
    });
  }
  Json root = {
      {"tool", {{"name", "deploy-advisor"}, {"version", DEPLOY_ADVISOR_VERSION}}},
      {"findings", findings},
      {"summary",
       {{"error", report.count(Severity::Error)},
        {"warning", report.count(Severity::Warning)},
        {"info", report.count(Severity::Info)},
        {"failed", report.failed()}}},
  };
  if (!report.omitted.empty()) {
    Json by_rule = Json::object();
    for (const auto& [id, count] : report.omitted) by_rule[id] = count;
    root["omitted"] = {{"total", report.omitted_total()},
                       {"per_rule_limit", kMaxFindingsPerRule},
                       {"per_run_limit", kMaxFindingsPerRun},
                       {"by_rule", by_rule}};
  }
  out << root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace deploy_advisor
