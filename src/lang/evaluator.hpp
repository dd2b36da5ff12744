#pragma once

#include <string>
#include <vector>

#include "deploy_advisor/lang.hpp"
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

  Value evaluate(const Node& node);

 private:
  Value name(const Node& node);
  Value member(const Node& node);
  Value index(const Node& node);
  Value call(const Node& node);
  Value logical_and(const Node& node);
  Value logical_or(const Node& node);
  Value conditional(const Node& node);
  Value fallback(const Node& node);
  Value list(const Node& node);
  Value map(const Node& node);
  Value has(const Node& node);
  Value let_binding(const Node& node);
  Value macro(const Node& node);  // macros.cpp

  /// An Error located at `node`, ending with the node's source text.
  Value error_at(const Node& node, const std::string& message) const;
  /// Evaluates a macro or let body with the variable of `slot` bound to `item`.
  Value evaluate_with(const Node& body, std::size_t slot, const Value& item);

  const Expression& expression_;
  const Environment& environment_;
  StepMeter& meter_;
  std::vector<const Value*> locals_;  // macro variables and lets by slot; see Node::local_slot
};

}  // namespace deploy_advisor::lang
