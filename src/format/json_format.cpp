#include <cmath>

#include <nlohmann/json.hpp>

#include "deploy_advisor/format/format.hpp"

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
    if (f.waived)
      findings.back()["waiver"] = {{"reason", f.waiver.reason},
                                   {"until", f.waiver.until.empty() ? Json(nullptr) : Json(f.waiver.until)},
                                   {"source", to_string(f.waiver.source)}};
    if (f.target) {
      const Value& v = f.target->value;
      Json value = v.is_number() && std::floor(v.as_number()) == v.as_number() && std::fabs(v.as_number()) < 1e15
                       ? Json(static_cast<long long>(v.as_number()))
                       : v.is_number() ? Json(v.as_number()) : Json(display(v));
      findings.back()["target"] = {{"path", f.target->path}, {"value", value}, {"reasons", f.target->reasons}};
    }
  }
  // Input errors of topologies that could not be checked; the findings of the others are
  // still reported, and the exit status is 2.
  Json errors = Json::array();
  for (const auto& e : report.input_errors()) {
    Json error = {{"message", e.message}};
    if (e.location.file != nullptr)
      error["location"] = {{"file", e.location.file_name()}, {"line", e.location.line}, {"column", e.location.column}};
    errors.push_back(std::move(error));
  }
  Json root = {
      {"tool", {{"name", "deploy-advisor"}, {"version", DEPLOY_ADVISOR_VERSION}}},
      {"findings", findings},
      {"errors", errors},
      {"summary",
       {{"error", report.count(Severity::Error)},
        {"warning", report.count(Severity::Warning)},
        {"info", report.count(Severity::Info)},
        {"waived", report.waived()},
        {"baseline", report.in_baseline()},
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
