#include <sstream>

#include "cli/commands.hpp"
#include "deploy_advisor/engine.hpp"
#include "deploy_advisor/format.hpp"
#include "deploy_advisor/plan.hpp"
#include "deploy_advisor/yaml_writer.hpp"

namespace deploy_advisor::cli {

namespace {

/// The revised topology in memory, everything else (native files) from the real source.
class OverlayFileSystem final : public FileSystem {
 public:
  OverlayFileSystem(const FileSystem& base, std::string path, std::string contents)
      : base_(base), path_(std::move(path)), contents_(std::move(contents)) {}
  ReadResult read(const std::string& path, std::size_t max_bytes) const override {
    if (path == path_) return {Status::Ok, contents_};
    return base_.read(path, max_bytes);
  }
  Kind kind(const std::string& path) const override { return base_.kind(path); }
  std::string real_path(const std::string& path) const override { return base_.real_path(path); }

 private:
  const FileSystem& base_;
  std::string path_;
  std::string contents_;
};

struct Checked {
  LoadedTopology topology;
  std::vector<ProductSizing> sizing;
  std::vector<Finding> findings;
};

Checked check(const std::string& path, const FileSystem& files, const ProfileSet& profiles,
              const LoadOptions& load) {
  Checked c{load_topology(path, files, load), {}, {}};
  c.sizing = compute_sizing(profiles, c.topology);
  c.findings = check_topology(profiles, c.topology, c.sizing);
  return c;
}

/// Applies recommendations and remedies until nothing is left to apply (a remedy can add a
/// component that other rules then ask things of); three rounds are plenty in practice. The
/// file then lists the error findings that remain.
std::string revised_topology(const Checked& original, const Context& context, const ProfileSet& profiles) {
  const std::string& path = original.topology.path;
  Node revised = revise_topology(original.topology, make_plan(original.topology, original.sizing),
                                 original.findings);
  for (int round = 0;; ++round) {
    std::string body = write_yaml(revised);
    OverlayFileSystem overlay(context.files, path, body);
    Checked again = check(path, overlay, profiles, load_options(context, profiles));
    auto plan = make_plan(again.topology, again.sizing);
    bool more = false;
    for (const auto& f : again.findings) more = more || (f.severity == Severity::Error && !f.remedies.empty());
    for (const auto& p : plan)
      for (const auto& cp : p.components) more = more || cp.changed();
    if (!more || round == 3) return topology_text(original.topology, revised, again.findings);
    revised = revise_topology(again.topology, plan, again.findings);
  }
}

}  // namespace

int run_plan(Context& context, const PlanOptions& options) {
  ProfileSet profiles = load_profiles(context);
  Checked checked = check(options.topology, context.files, profiles, load_options(context, profiles));
  auto plan = make_plan(checked.topology, checked.sizing);
  std::ostringstream text;
  if (options.format == "json") write_plan_json(plan, checked.sizing, text);
  else if (options.format == "yaml") text << revised_topology(checked, context, profiles);
  else write_plan_text(plan, text);
  return emit(context, text.str()) ? 0 : static_cast<int>(ExitStatus::InputError);
}

}  // namespace deploy_advisor::cli
