#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/topology_discovery.hpp"
#include "deploy_advisor/engine/baseline.hpp"
#include "deploy_advisor/engine/analyze.hpp"
#include "deploy_advisor/format/format.hpp"

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

/// Times the stages the command runs itself, beside those analyze() reports.
class StageClock {
 public:
  void start() { began_ = std::chrono::steady_clock::now(); }
  double stop() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began_).count();
  }

 private:
  std::chrono::steady_clock::time_point began_;
};

void say_rules(Context& context, const TopologyAnalysis& analysed) {
  context.err << fmt::format("deploy-advisor: {}: {} rules evaluated: {}\n", analysed.path,
                             analysed.rules_evaluated.size(),
                             fmt::join(analysed.rules_evaluated, " "));
  for (const auto& [id, why] : analysed.rules_skipped)
    context.err << fmt::format("deploy-advisor: {}: skipped {}: {}\n", analysed.path, id, why);
  if (analysed.rules_of_other_products > 0)
    context.err << fmt::format(
        "deploy-advisor: {}: skipped {} rules of products the topology does not have\n",
        analysed.path, analysed.rules_of_other_products);
}

/// What -v says of one topology: the files read, then the rules run, or why it was not checked.
void say_topology(Context& context, const TopologyAnalysis& analysed) {
  for (std::size_t i = 0; i < analysed.files.size(); ++i)
    context.err << fmt::format("deploy-advisor: read {}{}\n", analysed.files[i],
                               i == 0 ? " (topology)" : fmt::format(" (named by {})", analysed.path));
  if (analysed.analysed())
    say_rules(context, analysed);
  else
    context.err << fmt::format("deploy-advisor: {}: not checked ({} input {})\n", analysed.path,
                               analysed.errors.size(), analysed.errors.size() == 1 ? "error" : "errors");
}

CheckedTopology checked_topology(const TopologyAnalysis& analysed) {
  return {analysed.path,           analysed.files,           analysed.rules_evaluated,
          analysed.rules_skipped, analysed.rules_of_other_products, analysed.errors};
}

}  // namespace

AnalysisRequest check_request(const Context& context, const CheckOptions& options) {
  AnalysisRequest request = analysis_request(context);
  request.jobs = options.jobs;
  request.keep_topologies = false;
  request.no_waivers = options.no_waivers;
  request.baseline = options.baseline;
  request.record_baseline = !options.write_baseline.empty();
  return request;
}

int run_check(Context& context, const CheckOptions& options) {
  std::vector<ExtraOutput> extra_outputs;
  if (!parse_extra_outputs(context, options, &extra_outputs))
    return static_cast<int>(ExitStatus::InputError);
  StageClock clock;
  clock.start();
  auto arguments = expand_topology_arguments(context.files, options.topologies);
  double find_ms = clock.stop();

  AnalysisRequest request = check_request(context, options);
  // Per argument, in order: whether it has errors of its own, and the request's topologies it
  // names first (a topology named again is checked once, under the first argument naming it).
  std::vector<std::vector<std::size_t>> named(arguments.size());
  std::set<std::string> seen;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    if (!arguments[i].errors.empty()) seen.insert(arguments[i].argument);
    for (const auto& path : arguments[i].topologies)
      if (seen.insert(path).second) {
        named[i].push_back(request.topologies.size());
        request.topologies.push_back(path);
      }
  }
  Analysis analysis = analyze(request, context.files);

  CheckReport report;
  if (options.fail_on == "never")
    report.fail_never = true;
  else
    parse_severity(options.fail_on, &report.fail_on);
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const auto& argument = arguments[i];
    if (context.verbose &&
        (argument.topologies.size() != 1 || argument.topologies.front() != argument.argument))
      context.err << fmt::format("deploy-advisor: {}: {} {}\n", argument.argument,
                                 argument.topologies.size(),
                                 argument.topologies.size() == 1 ? "topology" : "topologies");
    if (!argument.errors.empty()) report.checked.push_back({argument.argument, {}, {}, {}, 0, argument.errors});
    for (std::size_t index : named[i]) {
      const TopologyAnalysis& analysed = analysis.topologies[index];
      if (context.verbose) say_topology(context, analysed);
      if (analysed.analysed()) report.topologies.push_back(analysed.path);
      report.checked.push_back(checked_topology(analysed));
    }
  }
  report.findings = std::move(analysis.findings);
  if (request.record_baseline) {
    // Through emit: written whole or not at all, with the system's reason on failure.
    Context to_file = context;
    to_file.output_file = options.write_baseline;
    if (!emit(to_file, baseline_json(analysis.baseline_to_record))) return static_cast<int>(ExitStatus::InputError);
  }
  limit_findings(report);

  clock.start();
  OutputFormat format = OutputFormat::Text;
  parse_output_format(options.format, &format);
  std::ostringstream text;
  write_check_report(format, report, *analysis.profiles, TextStyle{context.color, context.quiet}, text);
  bool written = emit(context, text.str());
  for (const auto& output : extra_outputs) {
    std::ostringstream extra;
    // A file never gets colour.
    write_check_report(output.format, report, *analysis.profiles, TextStyle{false, context.quiet}, extra);
    Context to_file = context;
    to_file.output_file = output.file;
    written = emit(to_file, extra.str()) && written;
  }
  double output_ms = clock.stop();
  if (context.verbose) {
    std::vector<std::string> parts;
    for (const auto& [stage, ms] : analysis.stage_times) {
      parts.push_back(fmt::format("{} {:.1f} ms", stage, ms));
      if (stage == "profiles") parts.push_back(fmt::format("find {:.1f} ms", find_ms));
    }
    parts.push_back(fmt::format("output {:.1f} ms", output_ms));
    context.err << "deploy-advisor: time: " << fmt::format("{}", fmt::join(parts, ", ")) << "\n";
  }

  auto errors = report.input_errors();
  if (!errors.empty()) return report_input_errors(context, errors);
  if (!written) return static_cast<int>(ExitStatus::InputError);
  return static_cast<int>(report.failed() ? ExitStatus::Findings : ExitStatus::Ok);
}

}  // namespace deploy_advisor::cli
