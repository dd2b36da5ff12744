#include <vector>

#include "deploy_advisor/lang.hpp"
#include "lang/ast.hpp"
#include "lang/expression.hpp"

namespace deploy_advisor::lang {

namespace {

const Node* global_variable(const Node& node) {
  if (node.kind != NodeKind::Name || node.is_local) return nullptr;
  return &node;
}

}  // namespace

std::vector<MemberReference> member_references(const Expression& expression) {
  std::vector<MemberReference> out;
  // An explicit stack: expression trees are bounded in height, but the walk need not recurse.
  std::vector<const Node*> pending{&expression.root()};
  while (!pending.empty()) {
    const Node* node = pending.back();
    pending.pop_back();
    if (node->kind == NodeKind::Member && !node->children.empty()) {
      if (const Node* variable = global_variable(*node->children[0]))
        out.push_back({variable->name, node->name, node->location});
    } else if (node->kind == NodeKind::Index && node->children.size() == 2) {
      const Node& key = *node->children[1];
      if (const Node* variable = global_variable(*node->children[0]);
          variable && key.kind == NodeKind::Literal && key.literal.is_string())
        out.push_back({variable->name, key.literal.as_string(), node->location});
    }
    for (const auto& child : node->children) pending.push_back(child.get());
  }
  return out;
}

}  // namespace deploy_advisor::lang
