#include <sstream>

#include "cli/commands.hpp"
#include "deploy_advisor/engine/analyze.hpp"
#include "deploy_advisor/format/format.hpp"
#include "deploy_advisor/format/report.hpp"

namespace deploy_advisor::cli {

AnalysisRequest report_request(const Context& context, const ReportOptions& options) {
  AnalysisRequest request = analysis_request(context);
  request.topologies = {options.topology};
  request.plan = true;
  return request;
}

int run_report(Context& context, const ReportOptions& options) {
  // The same findings as `check` (configuration applied) and the same layout as `plan`.
  Analysis analysis = analyze(report_request(context, options), context.files);
  const TopologyAnalysis& analysed = analysis.topologies.front();
  if (!analysed.analysed()) return report_input_errors(context, analysed.errors);
  CheckReport check;
  check.topologies.push_back(options.topology);
  check.findings = std::move(analysis.findings);
  if (options.fail_on == "never") check.fail_never = true;
  else parse_severity(options.fail_on, &check.fail_on);
  limit_findings(check);
  std::string rule_docs_url = options.rule_docs_url;
  if (rule_docs_url.empty() && options.absolute_links) rule_docs_url = built_rule_docs_url();
  std::ostringstream text;
  write_report(ReportInput{&*analysed.topology, &analysed.sizing, &analysed.layout->plan, &check, options.date,
                           rule_docs_url},
               text);
  return emit(context, text.str()) ? 0 : static_cast<int>(ExitStatus::InputError);
}

}  // namespace deploy_advisor::cli
