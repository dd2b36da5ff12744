#include <algorithm>

#include <fmt/format.h>

#include "deploy_advisor/format/format.hpp"
#include "format/markdown_text.hpp"

namespace deploy_advisor {

namespace {

std::vector<std::string> products_in(const std::vector<Finding>& findings) {
  std::vector<std::string> products;
  for (const auto& f : findings) {
    std::string p = f.product.empty() ? "general" : f.product;
    if (std::find(products.begin(), products.end(), p) == products.end()) products.push_back(p);
  }
  std::sort(products.begin(), products.end(),
            [](const std::string& a, const std::string& b) { return product_order(a, b); });
  return products;
}

}  // namespace

std::string built_rule_docs_url() { return DEPLOY_ADVISOR_RULE_DOCS_URL; }

std::string rule_doc_link(std::string_view id, const std::string& rule_docs_url) {
  if (rule_docs_url.empty()) return rule_doc_path(id);
  std::string base = rule_docs_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return fmt::format("{}/{}.md", base, id);
}

bool product_order(std::string_view a, std::string_view b) {
  if ((a == "general") != (b == "general")) return a == "general";
  return a < b;
}

void write_markdown_findings(const CheckReport& report, std::ostream& out, const std::string& rule_docs_url,
                             const std::vector<std::pair<std::string, std::string>>& titles) {
  auto heading = [&](const std::string& product) {
    for (const auto& [name, title] : titles)
      if (name == product) return markdown_cell(title);
    return markdown_title(product);
  };
  out << "## Findings\n\n";
  if (report.findings.empty()) {
    out << "No findings.\n";
    return;
  }
  out << fmt::format("{}: **{}** under `--fail-on {}`.\n", summary_counts(report),
                     report.failed() ? "fail" : "pass",
                     report.fail_never ? "never" : std::string(to_string(report.fail_on)));
  for (const auto& product : products_in(report.findings)) {
    out << "\n### " << heading(product) << "\n";
    for (Severity severity : {Severity::Error, Severity::Warning, Severity::Info}) {
      bool any = false;
      for (const auto& f : report.findings) {
        if ((f.product.empty() ? "general" : f.product) != product || f.severity != severity) continue;
        if (!any) {
          out << fmt::format("\n| {} | rule | finding | where | fix |\n|---|---|---|---|---|\n",
                             severity_icon(severity));
          any = true;
        }
        std::string state = f.waived     ? fmt::format(" (waived: {}{})", f.waiver.reason,
                                                       f.waiver.until.empty() ? "" : ", until " + f.waiver.until)
                            : f.baseline ? " (known: in the baseline)"
                                         : "";
        out << fmt::format("| {} | [{}]({}) | {} | {} | {} |\n",
                           f.waived ? "waived" : f.baseline ? "baseline" : to_string(severity),
                           markdown_cell(f.rule_id), rule_doc_link(f.rule_id, rule_docs_url),
                           markdown_cell(f.message + state), markdown_code(to_string(f.location)),
                           markdown_cell(f.fix));
      }
    }
  }
  if (!report.omitted.empty()) out << "\n" << markdown_cell(omitted_note(report)) << "\n";
}

}  // namespace deploy_advisor
