#include <cmath>

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
    if (f.target) {
      const Value& v = f.target->value;
      Json value = v.is_number() && std::floor(v.as_number()) == v.as_number() && std::fabs(v.as_number()) < 1e15
                       ? Json(static_cast<long long>(v.as_number()))
                       : v.is_number() ? Json(v.as_number()) : Json(display(v));
      findings.back()["target"] = {{"path", f.target->path}, {"value", value}, {"reasons", f.target->reasons}};
    }
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
  out << root.dump(2) << "\n";
}

}  // namespace deploy_advisor
