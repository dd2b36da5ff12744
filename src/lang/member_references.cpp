#include <string>
#include <vector>

#include "deploy_advisor/lang/lang.hpp"
#include "lang/ast.hpp"
#include "lang/expression.hpp"

namespace deploy_advisor::lang {

namespace {

class ReferenceCollector {
 public:
  explicit ReferenceCollector(std::vector<MemberReference>& out) : out_(out) {}

  // Recursion is as deep as the tree, which the parser bounds (kMaxNesting).
  void visit(const SyntaxNode& node) {
    if (node.kind == NodeKind::Member && !node.children.empty()) {
      if (const std::string* variable = global_variable(*node.children[0]))
        out_.push_back({*variable, node.name, node.location});
    } else if (node.kind == NodeKind::Index && node.children.size() == 2) {
      const SyntaxNode& key = *node.children[1];
      if (const std::string* variable = global_variable(*node.children[0]);
          variable && key.kind == NodeKind::Literal && key.literal.is_string())
        out_.push_back({*variable, key.literal.as_string(), node.location});
    }
    if (node.kind == NodeKind::Let) return visit_let(node);
    if (node.kind == NodeKind::Macro) {
      visit(*node.children[0]);
      bind(node.local_slot, nullptr);  // an item of a list, not a variable
      for (std::size_t i = 1; i < node.children.size(); ++i) visit(*node.children[i]);
      return;
    }
    for (const auto& child : node.children) visit(*child);
  }

 private:
  /// `let s = sizing; s.api_workers` names sizing.api_workers as surely as writing it out.
  void visit_let(const SyntaxNode& node) {
    const SyntaxNode& value = *node.children[0];
    visit(value);
    bind(node.local_slot, global_variable(value));
    visit(*node.children[1]);
  }

  void bind(std::size_t slot, const std::string* variable) {
    if (aliases_.size() <= slot) aliases_.resize(slot + 1, nullptr);
    aliases_[slot] = variable;
  }

  /// The variable of the profile a name stands for: itself, or what a let bound it to; null
  /// for a macro's item or a let of a computed value.
  [[nodiscard]] const std::string* global_variable(const SyntaxNode& node) const {
    if (node.kind != NodeKind::Name) return nullptr;
    if (!node.is_local) return &node.name;
    return node.local_slot < aliases_.size() ? aliases_[node.local_slot] : nullptr;
  }

  std::vector<MemberReference>& out_;
  std::vector<const std::string*> aliases_;  // by local slot, as the evaluator binds them
};

}  // namespace

std::vector<MemberReference> member_references(const Expression& expression) {
  std::vector<MemberReference> out;
  ReferenceCollector(out).visit(expression.root());
  return out;
}

}  // namespace deploy_advisor::lang
