#include <sstream>

#include "cli/commands.hpp"
#include "cli/layout.hpp"
#include "deploy_advisor/format.hpp"
#include "deploy_advisor/report.hpp"

namespace deploy_advisor::cli {

int run_report(Context& context, const ReportOptions& options) {
  ProfileSet profiles = load_profiles(context);
  // The same findings as `check` (configuration applied) and the same layout as `plan`.
  Layout layout = converge_layout(options.topology, context, profiles);
  CheckReport check;
  check.topologies.push_back(options.topology);
  check.findings = layout.original.findings;
  if (options.fail_on == "never") check.fail_never = true;
  else parse_severity(options.fail_on, &check.fail_on);
  limit_findings(check);
  std::string rule_docs_url = options.rule_docs_url;
  if (rule_docs_url.empty() && options.absolute_links) rule_docs_url = built_rule_docs_url();
  std::ostringstream text;
  write_report(ReportInput{&layout.original.topology, &layout.original.sizing, &layout.plan, &check, options.date,
                           rule_docs_url},
               text);
  return emit(context, text.str()) ? 0 : static_cast<int>(ExitStatus::InputError);
}

}  // namespace deploy_advisor::cli
