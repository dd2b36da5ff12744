#include <cstdlib>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "deploy_advisor/cli.hpp"

namespace deploy_advisor {

namespace {

/// CLI11 reports its own errors with its own exit codes; the contract allows only 0, 1, 2.
int run_app(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            const FileSystem& files, bool terminal) {
  CLI::App app{"deploy-advisor: checks a deployment topology of Metarank, Tracardi, Metaflow and "
               "Cortex against the vendors' production recommendations, and sizes it.",
               "deploy-advisor"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("deploy-advisor ") + DEPLOY_ADVISOR_VERSION);

  cli::Context context{out, err, files, false, false, false, {}, {}, {}, {}};
  bool no_color = false;
  auto add_common = [&](CLI::App* sub) {
    sub->add_flag("--no-color", no_color, "never colour the output");
    sub->add_flag("-q,--quiet", context.quiet, "print findings only");
    sub->add_flag("-v,--verbose", context.verbose, "say what is loaded and how long it took");
    sub->add_option("--profiles", context.profiles_folder,
                    "a folder of extra rule profiles (*.yaml), added to the built-in ones");
    sub->add_option("--root", context.root,
                    "the folder every file the topology names must lie in; default: the "
                    "topology's repository (nearest folder above holding .git), else its folder");
  };
  auto add_config = [&](CLI::App* sub) {
    sub->add_option("--config", context.config_file,
                    "the tool's configuration (disabled rules, severities, waivers); default: "
                    ".deploy-advisor.yaml in the topology's folder or above");
  };

  cli::CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "evaluate every applicable rule and print findings");
  check_cmd->add_option("topology", check.topologies, "topology files ('-' for standard input)")
      ->required();
  check_cmd->add_option("--format", check.format, "text, json, sarif or markdown")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown"}));
  check_cmd->add_option("--fail-on", check.fail_on,
                        "the lowest severity that makes the run fail (exit 1)")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  check_cmd->add_option("-o,--output", context.output_file, "write there instead of standard output");
  add_common(check_cmd);
  add_config(check_cmd);

  std::vector<std::string> validate_files;
  auto* validate_cmd = app.add_subcommand("validate", "input checks only: syntax, types, native files");
  validate_cmd->add_option("topology", validate_files, "topology files")->required();
  add_common(validate_cmd);

  auto* schema_cmd = app.add_subcommand("schema", "print the JSON Schema of topology format v1");
  schema_cmd->add_option("-o,--output", context.output_file, "write there instead of standard output");
  add_common(schema_cmd);

  std::string rules_format = "text";
  auto* rules_cmd = app.add_subcommand("rules", "list every rule");
  rules_cmd->add_option("--format", rules_format, "text or json")->check(CLI::IsMember({"text", "json"}));
  add_common(rules_cmd);

  std::string explain_id;
  auto* explain_cmd = app.add_subcommand("explain", "a rule's full text, its source and examples");
  explain_cmd->add_option("id", explain_id, "rule id, e.g. TR004")->required();
  add_common(explain_cmd);

  cli::PlanOptions plan;
  auto* plan_cmd = app.add_subcommand("plan", "the recommended layout, sized from the traffic");
  plan_cmd->add_option("topology", plan.topology, "topology file")->required();
  plan_cmd->add_option("--format", plan.format, "text, json or yaml")
      ->check(CLI::IsMember({"text", "json", "yaml"}));
  plan_cmd->add_option("-o,--output", context.output_file, "write there instead of standard output");
  add_common(plan_cmd);

  cli::ReportOptions report;
  auto* report_cmd = app.add_subcommand("report", "the Markdown sizing report for a design review");
  report_cmd->add_option("topology", report.topology, "topology file")->required();
  report_cmd->add_option("--date", report.date, "the date to print in the header (none by default)");
  report_cmd->add_option("--fail-on", report.fail_on, "the severity the verdict fails on")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  report_cmd->add_option("-o,--output", context.output_file, "write there instead of standard output");
  add_common(report_cmd);
  add_config(report_cmd);

  std::string docs_folder;
  auto* docs_cmd = app.add_subcommand("docs", "write the rule pages (docs/rules) from the profiles");
  docs_cmd->add_option("folder", docs_folder, "where to write them")->required();
  docs_cmd->group("");  // a maintainer's command: hidden from --help
  add_common(docs_cmd);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    std::ostringstream help_out, help_err;
    app.exit(e, help_out, help_err);
    out << help_out.str();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::ostringstream help_out, help_err;
    app.exit(e, help_out, help_err);
    err << "deploy-advisor: error: " << e.what() << "\n";
    err << "Run 'deploy-advisor --help' for the commands and their flags.\n";
    return static_cast<int>(ExitStatus::InputError);
  }
  context.color = terminal && !no_color && std::getenv("NO_COLOR") == nullptr &&
                  context.output_file.empty();

  if (*check_cmd) return cli::run_check(context, check);
  if (*validate_cmd) return cli::run_validate(context, validate_files);
  if (*schema_cmd) return cli::run_schema(context);
  if (*rules_cmd) return cli::run_rules(context, rules_format);
  if (*explain_cmd) return cli::run_explain(context, explain_id);
  if (*plan_cmd) return cli::run_plan(context, plan);
  if (*report_cmd) return cli::run_report(context, report);
  if (*docs_cmd) return cli::run_docs(context, docs_folder);
  return static_cast<int>(ExitStatus::InputError);
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            const FileSystem& files, bool terminal) {
  try {
    return run_app(argc, argv, out, err, files, terminal);
  } catch (const InputFailure& failure) {
    for (const auto& e : failure.errors()) err << format_input_error(e) << "\n";
    return static_cast<int>(ExitStatus::InputError);
  } catch (const std::exception& e) {
    err << "deploy-advisor: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitStatus::InputError);
  } catch (...) {
    err << "deploy-advisor: internal error\n";
    return static_cast<int>(ExitStatus::InputError);
  }
}

}  // namespace deploy_advisor
