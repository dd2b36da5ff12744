#include <algorithm>
#include <chrono>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/suppressions.hpp"
#include "cli/topology_discovery.hpp"
#include "deploy_advisor/engine.hpp"
#include "deploy_advisor/format.hpp"

namespace deploy_advisor::cli {

namespace {

/// A further output asked for with `--write FORMAT=FILE`.
struct ExtraOutput {
  OutputFormat format = OutputFormat::Text;
  std::string file;
};

/// Parses every --write; a bad one is a command-line error (exit 2) before anything is read.
bool parse_extra_outputs(Context& context, const CheckOptions& options,
                         std::vector<ExtraOutput>* outputs) {
  for (const auto& spec : options.extra_outputs) {
    auto equals = spec.find('=');
    std::string name = spec.substr(0, equals);
    ExtraOutput output;
    if (equals == std::string::npos || equals + 1 == spec.size()) {
      context.err << fmt::format(
          "deploy-advisor: error: --write {}: expected FORMAT=FILE, e.g. --write "
          "sarif=results.sarif\n",
          spec);
      return false;
    }
    if (!parse_output_format(name, &output.format)) {
      std::string guess = did_you_mean(name, output_format_names());
      context.err << fmt::format(
          "deploy-advisor: error: --write {}: unknown format '{}'; expected one of {}{}\n", spec,
          name, fmt::join(output_format_names(), ", "),
          guess.empty() ? "" : fmt::format(" (did you mean {}?)", guess));
      return false;
    }
    output.file = spec.substr(equals + 1);
    bool taken = output.file == context.output_file;
    for (const auto& other : *outputs) taken = taken || other.file == output.file;
    if (taken) {
      context.err << fmt::format(
          "deploy-advisor: error: --write {}: {} is already an output of this run\n", spec,
          output.file);
      return false;
    }
    outputs->push_back(std::move(output));
  }
  return true;
}

/// Adds up the time spent in each stage over every topology, for --verbose.
class StageClock {
 public:
  void start() { began_ = std::chrono::steady_clock::now(); }
  void stop(const char* stage) {
    auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began_)
            .count();
    for (auto& [name, total] : totals_)
      if (name == stage) {
        total += elapsed;
        return;
      }
    totals_.emplace_back(stage, elapsed);
  }
  [[nodiscard]] std::string summary() const {
    std::vector<std::string> parts;
    for (const auto& [name, total] : totals_)
      parts.push_back(fmt::format("{} {:.1f} ms", name, total));
    return fmt::format("{}", fmt::join(parts, ", "));
  }

 private:
  std::chrono::steady_clock::time_point began_;
  std::vector<std::pair<const char*, double>> totals_;
};

void record_rules(CheckedTopology& checked, const std::vector<RuleSelection>& selections) {
  for (const auto& s : selections) {
    if (s.evaluated)
      checked.rules_evaluated.push_back(s.rule->id);
    else if (s.product_present)
      checked.rules_skipped.emplace_back(s.rule->id, s.skipped_because);
    else
      ++checked.rules_of_other_products;
  }
}

void say_rules(Context& context, const CheckedTopology& checked) {
  context.err << fmt::format("deploy-advisor: {}: {} rules evaluated: {}\n", checked.path,
                             checked.rules_evaluated.size(),
                             fmt::join(checked.rules_evaluated, " "));
  for (const auto& [id, why] : checked.rules_skipped)
    context.err << fmt::format("deploy-advisor: {}: skipped {}: {}\n", checked.path, id, why);
  if (checked.rules_of_other_products > 0)
    context.err << fmt::format(
        "deploy-advisor: {}: skipped {} rules of products the topology does not have\n",
        checked.path, checked.rules_of_other_products);
}

/// Loads, sizes and checks one topology into `report`; input errors are kept with it.
void check_one(Context& context, const ProfileSet& profiles, const LoadOptions& load,
               Suppressions& suppressions, StageClock& clock, CheckedTopology checked,
               CheckReport& report) {
  try {
    clock.start();
    LoadedTopology topology = load_topology(checked.path, context.files, load);
    clock.stop("load");
    suppressions.prepare(topology);
    checked.files = topology.input_files;
    if (context.verbose)
      for (std::size_t i = 0; i < topology.input_files.size(); ++i)
        context.err << fmt::format(
            "deploy-advisor: read {}{}\n", topology.input_files[i],
            i == 0 ? " (topology)" : fmt::format(" (named by {})", checked.path));
    clock.start();
    auto sizing = compute_sizing(profiles, topology);
    clock.stop("sizing");
    clock.start();
    record_rules(checked, select_rules(profiles, topology));
    auto findings = check_topology(profiles, topology, sizing);
    suppressions.apply(topology, findings);
    clock.stop("rules");
    if (context.verbose) say_rules(context, checked);
    report.findings.insert(report.findings.end(), std::make_move_iterator(findings.begin()),
                           std::make_move_iterator(findings.end()));
    report.topologies.push_back(checked.path);
  } catch (const InputFailure& failure) {
    if (context.verbose)
      context.err << fmt::format("deploy-advisor: {}: not checked ({} input {})\n", checked.path,
                                 failure.errors().size(),
                                 failure.errors().size() == 1 ? "error" : "errors");
    checked.errors = failure.errors();
    checked.rules_evaluated.clear();
    checked.rules_skipped.clear();
  }
  report.checked.push_back(std::move(checked));
}

}  // namespace

int run_check(Context& context, const CheckOptions& options) {
  std::vector<ExtraOutput> extra_outputs;
  if (!parse_extra_outputs(context, options, &extra_outputs))
    return static_cast<int>(ExitStatus::InputError);
  StageClock clock;
  clock.start();
  ProfileSet profiles = load_profiles(context);
  LoadOptions load = load_options(context, profiles);
  clock.stop("profiles");
  CheckReport report;
  if (options.fail_on == "never")
    report.fail_never = true;
  else
    parse_severity(options.fail_on, &report.fail_on);

  Suppressions suppressions(context, profiles, options);
  // Every topology is checked even when another one has input errors: one run reports every
  // problem, and the findings of the readable topologies reach every output.
  clock.start();
  auto arguments = expand_topology_arguments(options.topologies);
  clock.stop("find");
  for (const auto& argument : arguments) {
    if (context.verbose &&
        (argument.topologies.size() != 1 || argument.topologies.front() != argument.argument))
      context.err << fmt::format("deploy-advisor: {}: {} {}\n", argument.argument,
                                 argument.topologies.size(),
                                 argument.topologies.size() == 1 ? "topology" : "topologies");
    if (!argument.errors.empty())
      report.checked.push_back({argument.argument, {}, {}, {}, 0, argument.errors});
    for (const auto& path : argument.topologies) {
      bool seen = std::any_of(report.checked.begin(), report.checked.end(),
                              [&](const CheckedTopology& c) { return c.path == path; });
      if (!seen)
        check_one(context, profiles, load, suppressions, clock,
                  CheckedTopology{path, {}, {}, {}, 0, {}}, report);
    }
  }
  auto unused = suppressions.unused();
  report.findings.insert(report.findings.end(), unused.begin(), unused.end());
  if (!suppressions.write_baseline(context)) return static_cast<int>(ExitStatus::InputError);
  sort_findings(report.findings);
  limit_findings(report);

  clock.start();
  OutputFormat format = OutputFormat::Text;
  parse_output_format(options.format, &format);
  std::ostringstream text;
  write_check_report(format, report, profiles, TextStyle{context.color, context.quiet}, text);
  bool written = emit(context, text.str());
  for (const auto& output : extra_outputs) {
    std::ostringstream extra;
    // A file never gets colour.
    write_check_report(output.format, report, profiles, TextStyle{false, context.quiet}, extra);
    Context to_file = context;
    to_file.output_file = output.file;
    written = emit(to_file, extra.str()) && written;
  }
  clock.stop("output");
  if (context.verbose) context.err << "deploy-advisor: time: " << clock.summary() << "\n";

  auto errors = report.input_errors();
  if (!errors.empty()) return report_input_errors(context, errors);
  if (!written) return static_cast<int>(ExitStatus::InputError);
  return static_cast<int>(report.failed() ? ExitStatus::Findings : ExitStatus::Ok);
}

}  // namespace deploy_advisor::cli
