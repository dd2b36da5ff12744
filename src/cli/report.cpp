#include <sstream>

#include "cli/commands.hpp"
#include "deploy_advisor/format.hpp"
#include "deploy_advisor/report.hpp"

namespace deploy_advisor::cli {

int run_report(Context& context, const ReportOptions& options) {
  ProfileSet profiles = load_profiles(context);
  LoadedTopology topology = load_topology(options.topology, context.files, load_options(context, profiles));
  auto sizing = compute_sizing(profiles, topology);
  CheckReport check;
  check.topologies.push_back(options.topology);
  check.findings = check_topology(profiles, topology, sizing);
  apply_configuration(context, options.topology, profiles, check.findings);
  if (options.fail_on == "never") check.fail_never = true;
  else parse_severity(options.fail_on, &check.fail_on);
  limit_findings(check);
  auto plan = make_plan(topology, sizing);
  std::ostringstream text;
  write_report(ReportInput{&topology, &sizing, &plan, &check, options.date}, text);
  return emit(context, text.str()) ? 0 : static_cast<int>(ExitStatus::InputError);
}

}  // namespace deploy_advisor::cli
