#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "deploy_advisor/engine/engine.hpp"
#include "deploy_advisor/format/format.hpp"
#include "deploy_advisor/engine/plan.hpp"

namespace deploy_advisor {

/// Everything a design-review report shows about one topology.
struct ReportInput {
  const LoadedTopology* topology = nullptr;
  const std::vector<ProductSizing>* sizing = nullptr;
  const std::vector<ProductPlan>* plan = nullptr;
  const CheckReport* check = nullptr;
  std::string date;  // empty: no date, so the output is the same on every run
  std::string rule_docs_url;  // empty: links to rule pages are docs/rules/ID.md; else <url>/ID.md
};

/// The Markdown report: header, verdict, recommended layout, diagram, findings, assumptions,
/// traffic. Products appear in every section in product_order (format.hpp).
void write_report(const ReportInput& input, std::ostream& out);

/// The Mermaid flowchart of the layout (without the ``` fence).
std::string layout_flowchart(const LoadedTopology& topology, const std::vector<Finding>& findings);

}  // namespace deploy_advisor
