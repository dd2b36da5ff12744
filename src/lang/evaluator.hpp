#pragma once

#include <string>
#include <vector>

#include "deploy_advisor/lang/lang.hpp"
#include "lang/ast.hpp"
#include "lang/expression.hpp"
#include "lang/step_meter.hpp"

namespace deploy_advisor::lang {

/// Walks a checked tree. Every node costs a step; the meter throws StepLimitExceeded when the
/// budget is spent, which `evaluate` in lang.hpp turns into an Error. Recursion is bounded by
/// the tree's height (kMaxNesting).
class Evaluator {
 public:
  Evaluator(const Expression& expression, const Environment& environment, StepMeter& meter)
      : expression_(expression), environment_(environment), meter_(meter) {}

  Value evaluate(const SyntaxNode& node);

 private:
  Value name(const SyntaxNode& node);
  Value member(const SyntaxNode& node);
  Value index(const SyntaxNode& node);
  Value call(const SyntaxNode& node);
  Value logical_and(const SyntaxNode& node);
  Value logical_or(const SyntaxNode& node);
  Value conditional(const SyntaxNode& node);
  Value fallback(const SyntaxNode& node);
  Value list(const SyntaxNode& node);
  Value map(const SyntaxNode& node);
  Value has(const SyntaxNode& node);
  Value let_binding(const SyntaxNode& node);
  Value macro(const SyntaxNode& node);  // macros.cpp

  /// An Error located at `node`, ending with the node's source text.
  Value error_at(const SyntaxNode& node, const std::string& message) const;
  /// Evaluates a macro or let body with the variable of `slot` bound to `item`.
  Value evaluate_with(const SyntaxNode& body, std::size_t slot, const Value& item);

  const Expression& expression_;
  const Environment& environment_;
  StepMeter& meter_;
  std::vector<const Value*> locals_;  // macro variables and lets by slot; see SyntaxNode::local_slot
};

}  // namespace deploy_advisor::lang
