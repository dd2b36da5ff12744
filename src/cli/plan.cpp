#include <filesystem>
#include <sstream>

#include "cli/commands.hpp"
#include "deploy_advisor/engine/analyze.hpp"
#include "deploy_advisor/format/format.hpp"
#include "deploy_advisor/engine/plan.hpp"

namespace deploy_advisor::cli {

namespace {

std::string folder_of(const std::string& path) {
  if (path == "-") return ".";
  std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

/// What the written layout still has to do: its errors, and every finding about a component
/// the plan added (such as the location of an added event archive), which only the user can
/// complete.
std::vector<Finding> still_to_do(const PlannedLayout& layout) {
  std::vector<Finding> todo;
  for (const auto& f : layout.revised_findings) {
    bool on_added = false;
    for (const auto& p : layout.plan)
      if (p.product == f.product)
        for (const auto& cp : p.components)
          if (cp.to_add && cp.name == f.component) on_added = true;
    if (f.severity == Severity::Error || on_added) todo.push_back(f);
  }
  return todo;
}

}  // namespace

AnalysisRequest plan_request(const Context& context, const PlanOptions& options) {
  AnalysisRequest request = analysis_request(context);
  request.topologies = {options.topology};
  request.plan = true;
  return request;
}

int run_plan(Context& context, const PlanOptions& options) {
  Analysis analysis = analyze(plan_request(context, options), context.files);
  const TopologyAnalysis& analysed = analysis.topologies.front();
  if (!analysed.analysed()) return report_input_errors(context, analysed.errors);
  const PlannedLayout& layout = *analysed.layout;
  std::ostringstream text;
  if (options.format == "json") {
    write_plan_json(layout.plan, layout.revised_sizing, text);
  } else if (options.format == "yaml") {
    Node revised = layout.revised_tree;
    // Native files named by a relative path stay where they are: the written file names them
    // relative to its own folder.
    if (!context.output_file.empty())
      rebase_native_paths(revised, folder_of(options.topology), folder_of(context.output_file));
    text << topology_text(*analysed.topology, revised, still_to_do(layout));
    // The written file cannot say which bases it came from without changing when planned
    // again, so the user hears it here.
    const auto& bases = analysed.topology->bases;
    if (!bases.empty() && !context.quiet)
      context.err << "deploy-advisor: " << options.topology << " extends " << bases.front()
                  << (bases.size() > 1 ? " (and its bases)" : "")
                  << ": the plan is the merged file, and it extends nothing\n";
  } else {
    write_plan_text(layout.plan, text);
  }
  return emit(context, text.str()) ? 0 : static_cast<int>(ExitStatus::InputError);
}

}  // namespace deploy_advisor::cli
