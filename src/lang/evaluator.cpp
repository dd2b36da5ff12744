#include "lang/evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <new>

#include <fmt/format.h>

#include "lang/functions.hpp"
#include "lang/operators.hpp"

namespace deploy_advisor::lang {

Value Evaluator::evaluate(const SyntaxNode& node) {
  meter_.charge();
  switch (node.kind) {
    case NodeKind::Literal:
      return node.literal;
    case NodeKind::Name:
      return name(node);
    case NodeKind::Member:
      return member(node);
    case NodeKind::Index:
      return index(node);
    case NodeKind::Call:
      return call(node);
    case NodeKind::Unary:
      return apply_unary(node.op, evaluate(*node.children[0]), node, expression_.text());
    case NodeKind::Binary: {
      Value left = evaluate(*node.children[0]);
      Value right = evaluate(*node.children[1]);
      return apply_binary(node.op, left, right, node, expression_.text(), meter_);
    }
    case NodeKind::And:
      return logical_and(node);
    case NodeKind::Or:
      return logical_or(node);
    case NodeKind::Conditional:
      return conditional(node);
    case NodeKind::Default:
      return fallback(node);
    case NodeKind::List:
      return list(node);
    case NodeKind::Map:
      return map(node);
    case NodeKind::Macro:
      return macro(node);
    case NodeKind::Has:
      return has(node);
    case NodeKind::Let:
      return let_binding(node);
  }
  return error_at(node, "cannot evaluate");
}

Value Evaluator::error_at(const SyntaxNode& node, const std::string& message) const {
  return Value::error(message + " in " + excerpt(node, expression_.text()), node.location);
}

Value Evaluator::evaluate_with(const SyntaxNode& body, std::size_t slot, const Value& item) {
  if (locals_.size() <= slot) locals_.resize(slot + 1, nullptr);
  locals_[slot] = &item;
  return evaluate(body);
}

Value Evaluator::name(const SyntaxNode& node) {
  if (node.is_local) return *locals_[node.local_slot];
  if (const Value* value = environment_.lookup(node.name)) return *value;
  return error_at(node, "'" + node.name + "' has no value here");
}

Value Evaluator::member(const SyntaxNode& node) {
  Value receiver = evaluate(*node.children[0]);
  if (receiver.is_error()) return receiver;
  // On a value that is not a map this is Absent located at that value: the nearest place a
  // finding about the missing member can point to.
  return receiver.get(node.name);
}

Value Evaluator::index(const SyntaxNode& node) {
  Value container = evaluate(*node.children[0]);
  if (container.is_error()) return container;
  Value key = evaluate(*node.children[1]);
  if (key.is_error()) return key;
  Location at = container.location();
  if (container.is_unset() || key.is_unset()) return Value::absent(at);
  if (container.is_list()) {
    if (!key.is_number())
      return error_at(node, fmt::format("cannot index a list with a {}", kind_name(key.kind())));
    double position = key.as_number();
    if (position != std::floor(position))
      return error_at(node, "a list index must be a whole number, got " + display(key));
    const auto& items = container.as_list();
    if (position < 0 || position >= static_cast<double>(items.size())) return Value::absent(at);
    return items[static_cast<std::size_t>(position)];
  }
  if (container.is_map()) {
    if (!key.is_string())
      return error_at(node, fmt::format("cannot index a map with a {}", kind_name(key.kind())));
    return container.get(key.as_string());
  }
  // Scalars have no members, as for `a.b`.
  return Value::absent(at);
}

Value Evaluator::call(const SyntaxNode& node) {
  std::vector<Value> arguments;
  arguments.reserve(node.children.size());
  for (const auto& child : node.children) {
    arguments.push_back(evaluate(*child));
    if (arguments.back().is_error()) return arguments.back();
  }
  return node.function->implementation(CallContext{node, arguments, meter_});
}

// `&&` and `||` follow CEL: an operand that decides the result (false for `&&`, true for `||`)
// wins even when the other operand is an error, whichever side it is on.

Value Evaluator::logical_and(const SyntaxNode& node) {
  Value left = evaluate(*node.children[0]);
  if (left.is_bool() && !left.as_bool()) return left;
  Value right = evaluate(*node.children[1]);
  if (right.is_bool() && !right.as_bool()) return right;
  for (const Value* operand : {&left, &right}) {
    if (operand->is_error()) return *operand;
    if (!operand->is_bool())
      return error_at(node,
                      fmt::format("'&&' needs bool operands, got {}", kind_name(operand->kind())));
  }
  return Value::boolean(true, left.location());
}

Value Evaluator::logical_or(const SyntaxNode& node) {
  Value left = evaluate(*node.children[0]);
  if (left.is_bool() && left.as_bool()) return left;
  Value right = evaluate(*node.children[1]);
  if (right.is_bool() && right.as_bool()) return right;
  for (const Value* operand : {&left, &right}) {
    if (operand->is_error()) return *operand;
    if (!operand->is_bool())
      return error_at(node,
                      fmt::format("'||' needs bool operands, got {}", kind_name(operand->kind())));
  }
  return Value::boolean(false, left.location());
}

Value Evaluator::conditional(const SyntaxNode& node) {
  Value condition = evaluate(*node.children[0]);
  if (condition.is_error()) return condition;
  if (!condition.is_bool())
    return error_at(*node.children[0], fmt::format("the condition of '?:' must be a bool, got {}",
                                                   kind_name(condition.kind())));
  return evaluate(*node.children[condition.as_bool() ? 1 : 2]);
}

Value Evaluator::fallback(const SyntaxNode& node) {
  Value value = evaluate(*node.children[0]);
  if (value.is_unset()) return evaluate(*node.children[1]);
  return value;
}

Value Evaluator::list(const SyntaxNode& node) {
  Value::List items;
  items.reserve(node.children.size());
  for (const auto& child : node.children) {
    items.push_back(evaluate(*child));
    if (items.back().is_error()) return items.back();
  }
  return Value::list(std::move(items), expression_.origin());
}

Value Evaluator::map(const SyntaxNode& node) {
  Value::Map entries;
  entries.reserve(node.children.size());
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    Value value = evaluate(*node.children[i]);
    if (value.is_error()) return value;
    entries.emplace_back(node.keys[i], std::move(value));
  }
  return Value::map(std::move(entries), expression_.origin());
}

Value Evaluator::has(const SyntaxNode& node) {
  // Never an error: a chain that fails anywhere simply does not have the member.
  Value value = evaluate(*node.children[0]);
  return Value::boolean(!value.is_unset() && !value.is_error(), value.location());
}

Value Evaluator::let_binding(const SyntaxNode& node) {
  // Evaluated once, before the body. An error is the result at once, as an error in any
  // operand is: the body never sees an Error through a name.
  Value value = evaluate(*node.children[0]);
  if (value.is_error()) return value;
  return evaluate_with(*node.children[1], node.local_slot, value);
}

Value evaluate(const Expression& expression, const Environment& environment,
               const EvalLimits& limits) {
  // The boundary: nothing thrown inside reaches the caller.
  std::size_t limit = limits.max_steps;
  bool run_bound = limits.run && limits.run->remaining < limit;
  if (limits.run) limit = std::min(limit, limits.run->remaining);
  StepMeter meter(limit);
  // Whatever happens, the steps used are taken from the run's budget.
  struct Settle {
    const EvalLimits& limits;
    const StepMeter& meter;
    std::size_t limit;
    ~Settle() {
      if (limits.run) limits.run->remaining -= limit - meter.remaining();
    }
  } settle{limits, meter, limit};
  try {
    return Evaluator(expression, environment, meter).evaluate(expression.root());
  } catch (const StepLimitExceeded&) {
    if (run_bound)
      return Value::error("the rules together need more evaluation steps on this topology than "
                          "one run allows (docs/security.md)",
                          expression.origin());
    return Value::error(fmt::format("evaluation needs more than {} steps, the limit; the "
                                    "expression does too much work on this input",
                                    limits.max_steps),
                        expression.origin());
  } catch (const TextLimitExceeded&) {
    return Value::error(fmt::format("a string longer than {} KiB, the limit; the expression builds "
                                    "too much text on this input",
                                    kMaxTextBytes / 1024),
                        expression.origin());
  } catch (const std::bad_alloc&) {
    return Value::error("out of memory while evaluating", expression.origin());
  } catch (const std::exception& exception) {
    return Value::error(std::string("cannot evaluate: ") + exception.what(), expression.origin());
  }
}

}  // namespace deploy_advisor::lang
