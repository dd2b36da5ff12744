#include <cstdlib>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/completion.hpp"
#include "cli/starter_topology.hpp"
#include "deploy_advisor/cli/cli.hpp"
#include "deploy_advisor/format/format.hpp"
#include "engine/embedded_profiles.hpp"

namespace deploy_advisor {

namespace {

std::vector<std::string> load_profiles_for_completion(const cli::Context& context) {
  std::vector<std::string> ids;
  ProfileSet profiles = cli::load_profiles(context);
  for (const Rule* rule : profiles.rules()) ids.push_back(rule->id);
  return ids;
}

/// The commands and flags as CLI11 knows them; a flag's choices come from its IsMember check.
cli::CompletionSpec completion_spec(CLI::App& app, std::vector<std::string> rule_ids) {
  cli::CompletionSpec spec;
  spec.rule_ids = std::move(rule_ids);
  spec.products = cli::starter_products();
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return !s->get_group().empty(); })) {
    cli::CompletionSpec::Command command{sub->get_name(), {}, {}};
    for (CLI::Option* option : sub->get_options([](CLI::Option* o) { return o->nonpositional(); })) {
      std::vector<std::string> names;
      for (const auto& s : option->get_snames()) names.push_back("-" + s);
      for (const auto& l : option->get_lnames()) names.push_back("--" + l);
      if (names.empty() || names.back() == "--help") continue;
      command.flags.insert(command.flags.end(), names.begin(), names.end());
      std::string choices;
      try {
        choices = option->get_validator(0)->get_description();
      } catch (const CLI::OptionNotFound&) {
        continue;
      }
      // IsMember describes itself as {a,b,c}.
      if (choices.size() < 2 || choices.front() != '{' || choices.back() != '}') continue;
      std::vector<std::string> values;
      std::string value;
      for (char c : choices.substr(1, choices.size() - 2)) {
        if (c == ',') values.push_back(std::move(value)), value.clear();
        else value += c;
      }
      values.push_back(value);
      for (const auto& name : names) command.values.emplace_back(name, values);
    }
    spec.commands.push_back(std::move(command));
  }
  return spec;
}

/// CLI11 reports its own errors with its own exit codes; the contract allows only 0, 1, 2.
int run_app(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            FileSystem& files, bool terminal) {
  CLI::App app{"deploy-advisor: checks a deployment topology of Metarank, Tracardi, Metaflow and "
               "Cortex against the vendors' production recommendations, and sizes it.",
               "deploy-advisor"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("deploy-advisor ") + DEPLOY_ADVISOR_VERSION +
                                        "\nbuilt-in profiles: " + embedded_profiles_digest());
  // Every command's flags on one page: the man page is written from it.
  app.set_help_all_flag("--help-all", "print the help of every command");

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
  check_cmd->add_option("topology", check.topologies,
                        "topology files, folders to search, or patterns ('-' for standard input)")
      ->required();
  check_cmd->add_option("--format", check.format,
                        "text, json, sarif, markdown, junit, github, gitlab or checkstyle")
      ->check(CLI::IsMember(output_format_names()));
  check_cmd->add_option("--fail-on", check.fail_on,
                        "the lowest severity that makes the run fail (exit 1)")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  check_cmd->add_option("-o,--output", context.output_file, "write there instead of standard output");
  check_cmd->add_flag("--no-waivers", check.no_waivers,
                      "ignore every waiver: comments in the files and the configuration's");
  check_cmd->add_option("--baseline", check.baseline,
                        "findings recorded in FILE are reported as known and do not fail the run");
  check_cmd->add_option("--write-baseline", check.write_baseline,
                        "record the current findings in FILE (JSON), to pass as --baseline later");
  check_cmd->add_option("--write", check.extra_outputs,
                        "FORMAT=FILE: also write the findings in FORMAT to FILE (repeatable), "
                        "e.g. --write sarif=results.sarif")
      ->allow_extra_args(false);  // one FORMAT=FILE per --write: never swallow a topology
  check_cmd->add_option("-j,--jobs", check.jobs,
                        "topologies checked at once (default: the number of cores); the output "
                        "is the same for any number")
      ->check(CLI::Range(1, 256));
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
  add_config(plan_cmd);

  cli::ReportOptions report;
  auto* report_cmd = app.add_subcommand("report", "the Markdown sizing report for a design review");
  report_cmd->add_option("topology", report.topology, "topology file")->required();
  report_cmd->add_option("--date", report.date, "the date to print in the header (none by default)");
  report_cmd->add_option("--fail-on", report.fail_on, "the severity the verdict fails on")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  report_cmd->add_flag("--absolute-links", report.absolute_links,
                       "link rule pages by absolute URL (for a report read outside the repository)");
  report_cmd->add_option("--rule-docs-url", report.rule_docs_url,
                         "link rule pages as URL/ID.md (implies --absolute-links)");
  report_cmd->add_option("-o,--output", context.output_file, "write there instead of standard output");
  add_common(report_cmd);
  add_config(report_cmd);

  std::vector<std::string> init_products;
  auto* init_cmd = app.add_subcommand("init", "write a commented starter topology for the named products");
  init_cmd->add_option("product", init_products, "tracardi, metarank, metaflow or cortex (one or more)")->required();
  init_cmd->add_option("-o,--output", context.output_file, "write there instead of standard output");
  add_common(init_cmd);
  cli::ImportCommandOptions import_options;
  auto* import_cmd = app.add_subcommand(
      "import", "write a topology from Compose files, Helm values files and Kubernetes manifests");
  import_cmd->add_option("inputs", import_options.inputs, "files or folders (YAML files under them)")
      ->required();
  import_cmd->add_option("-o,--output", context.output_file, "write there instead of standard output");
  import_cmd->add_option("--name", import_options.name, "the topology's name (default: the first file's name)");
  import_cmd->add_option("--environment", import_options.environment,
                         "production, staging or development (default production)")
      ->check(CLI::IsMember({"production", "staging", "development"}));
  import_cmd->add_option("--product", import_options.product,
                         "the product that stores found without one (Redis, Elasticsearch...) serve")
      ->check(CLI::IsMember({"metarank", "tracardi", "metaflow", "cortex"}));
  add_common(import_cmd);

  std::string docs_folder;
  auto* docs_cmd = app.add_subcommand("docs", "write the rule pages (docs/rules) from the profiles");
  docs_cmd->add_option("folder", docs_folder, "where to write them")->required();
  docs_cmd->group("");  // a maintainer's command: hidden from --help
  add_common(docs_cmd);

  std::string completion_shell;
  auto* completion_cmd = app.add_subcommand("completion", "print the shell completion script");
  completion_cmd->add_option("shell", completion_shell, "bash")->required()->check(CLI::IsMember({"bash"}));
  completion_cmd->add_option("-o,--output", context.output_file, "write there instead of standard output");
  completion_cmd->group("");  // run at build time to install the script: hidden from --help

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
  if (*init_cmd) return cli::run_init(context, init_products);
  if (*completion_cmd) {
    std::string script = cli::bash_completion(completion_spec(app, load_profiles_for_completion(context)));
    return cli::emit(context, script) ? 0 : static_cast<int>(ExitStatus::InputError);
  }
  if (*import_cmd) return cli::run_import(context, import_options);
  return static_cast<int>(ExitStatus::InputError);
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            FileSystem& files, bool terminal) {
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
