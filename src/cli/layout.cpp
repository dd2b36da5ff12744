#include "cli/layout.hpp"

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

// Each round can only raise figures or add keys; a layout still moving after this many rounds
// is reported as it stands (its remaining errors are listed to do).
constexpr int kMaxRounds = 8;

}  // namespace

Checked check_with_configuration(const std::string& path, const FileSystem& files, const Context& context,
                                 const ProfileSet& profiles) {
  Checked c{load_topology(path, files, load_options(context, profiles)), {}, {}};
  c.sizing = compute_sizing(profiles, c.topology);
  c.findings = check_topology(profiles, c.topology, c.sizing);
  apply_configuration(context, path, profiles, c.findings);
  return c;
}

Layout converge_layout(const std::string& path, const Context& context, const ProfileSet& profiles) {
  Layout layout;
  layout.original = check_with_configuration(path, context.files, context, profiles);
  std::vector<AddedComponent> added;
  Node revised = revise_topology(layout.original.topology,
                                 make_plan(layout.original.topology, layout.original.sizing),
                                 layout.original.findings, &added);
  std::string body = write_yaml(revised);
  for (int round = 0;; ++round) {
    OverlayFileSystem overlay(context.files, path, body);
    layout.revised = check_with_configuration(path, overlay, context, profiles);
    if (round == kMaxRounds) break;
    Node next = revise_topology(layout.revised.topology, make_plan(layout.revised.topology, layout.revised.sizing),
                                layout.revised.findings, &added);
    std::string next_body = write_yaml(next);
    if (next_body == body) break;
    revised = std::move(next);
    body = std::move(next_body);
  }
  layout.revised_tree = std::move(revised);
  layout.plan = compare_plan(layout.original.topology, layout.revised.topology, layout.revised.sizing, added);
  return layout;
}

}  // namespace deploy_advisor::cli
