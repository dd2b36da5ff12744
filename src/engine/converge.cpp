#include "engine/converge.hpp"

#include "deploy_advisor/common/yaml_writer.hpp"

namespace deploy_advisor {

namespace {

// Each round can only raise figures or add keys; a layout still moving after this many rounds
// is reported as it stands (its remaining errors are listed to do).
constexpr int kMaxRounds = 8;

}  // namespace

PlannedLayout converge_layout(const LoadedTopology& original, const std::vector<ProductSizing>& sizing,
                              const std::vector<Finding>& findings, const RevisionCheck& check) {
  PlannedLayout layout;
  std::vector<AddedComponent> added;
  Node revised = revise_topology(original, make_plan(original, sizing), findings, &added);
  std::string body = write_yaml(revised);
  CheckedRevision checked;
  for (int round = 0;; ++round) {
    checked = check(revised);
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
