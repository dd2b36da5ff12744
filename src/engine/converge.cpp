#include "engine/converge.hpp"

#include "deploy_advisor/yaml_writer.hpp"

namespace deploy_advisor {

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
  std::vector<Entry> list(const std::string& folder) const override { return base_.list(folder); }
  // Checking a revision writes nothing.
  std::string write(const std::string&, const std::string&) override { return "read-only"; }
  std::string make_folders(const std::string&) override { return "read-only"; }

 private:
  const FileSystem& base_;
  std::string path_;
  std::string contents_;
};

// Each round can only raise figures or add keys; a layout still moving after this many rounds
// is reported as it stands (its remaining errors are listed to do).
constexpr int kMaxRounds = 8;

}  // namespace

PlannedLayout converge_layout(const LoadedTopology& original, const std::vector<ProductSizing>& sizing,
                              const std::vector<Finding>& findings, const FileSystem& files,
                              const RevisionCheck& check) {
  PlannedLayout layout;
  std::vector<AddedComponent> added;
  Node revised = revise_topology(original, make_plan(original, sizing), findings, &added);
  std::string body = write_yaml(revised);
  CheckedRevision checked;
  for (int round = 0;; ++round) {
    OverlayFileSystem overlay(files, original.path, body);
    checked = check(overlay);
    if (round == kMaxRounds) break;
    Node next = revise_topology(checked.topology, make_plan(checked.topology, checked.sizing), checked.findings, &added);
    std::string next_body = write_yaml(next);
    if (next_body == body) break;
    revised = std::move(next);
    body = std::move(next_body);
  }
  layout.revised_tree = std::move(revised);
  layout.plan = compare_plan(original, checked.topology, checked.sizing, added);
  layout.revised = std::move(checked.topology);
  layout.revised_sizing = std::move(checked.sizing);
  layout.revised_findings = std::move(checked.findings);
  return layout;
}

}  // namespace deploy_advisor
