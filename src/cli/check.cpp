#include <sstream>

#include "cli/commands.hpp"
#include "deploy_advisor/engine.hpp"
#include "deploy_advisor/format.hpp"

namespace deploy_advisor::cli {

int run_check(Context& context, const CheckOptions& options) {
  ProfileSet profiles = load_profiles(context);
  LoadOptions load = load_options(context, profiles);
  CheckReport report;
  if (options.fail_on == "never") report.fail_never = true;
  else parse_severity(options.fail_on, &report.fail_on);

  // Every topology is checked even when an earlier one has input errors, so one run reports
  // every problem.
  std::vector<InputError> errors;
  for (const auto& path : options.topologies) {
    try {
      LoadedTopology topology = load_topology(path, context.files, load);
      auto sizing = compute_sizing(profiles, topology);
      auto findings = check_topology(profiles, topology, sizing);
      apply_configuration(context, path, profiles, findings);
      report.findings.insert(report.findings.end(), findings.begin(), findings.end());
      report.topologies.push_back(path);
    } catch (const InputFailure& failure) {
      errors.insert(errors.end(), failure.errors().begin(), failure.errors().end());
    }
  }
  if (!errors.empty()) return report_input_errors(context, errors);
  sort_findings(report.findings);
  limit_findings(report);

  OutputFormat format = OutputFormat::Text;
  parse_output_format(options.format, &format);
  std::ostringstream text;
  switch (format) {
    case OutputFormat::Text:
      write_text(report, TextStyle{context.color, context.quiet}, text);
      break;
    case OutputFormat::Json:
      write_json(report, text);
      break;
    case OutputFormat::Sarif:
      write_sarif(report, profiles, text);
      break;
    case OutputFormat::Markdown:
      write_markdown_findings(report, text);
      break;
  }
  if (!emit(context, text.str())) return static_cast<int>(ExitStatus::InputError);
  return static_cast<int>(report.failed() ? ExitStatus::Findings : ExitStatus::Ok);
}

}  // namespace deploy_advisor::cli
