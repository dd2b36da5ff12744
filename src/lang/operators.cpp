#include "lang/operators.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace deploy_advisor::lang {

namespace {

std::size_t shallow_size(const Value& value) {
  if (value.is_list()) return value.as_list().size();
  if (value.is_map()) return value.as_map().size();
  if (value.is_string()) return value.as_string().size() / 64;
  return 0;
}

Value mismatch(Operator op, const Value& left, const Value& right, const SyntaxNode& node,
               std::string_view text) {
  return Value::error(
      fmt::format("cannot apply '{}' to {} and {} in {}", operator_spelling(op),
                  kind_name(left.kind()), kind_name(right.kind()), excerpt(node, text)),
      node.location);
}

Value arithmetic(Operator op, const Value& left, const Value& right, const SyntaxNode& node,
                 std::string_view text, StepMeter& meter) {
  // Arithmetic on a value that is not set has no answer yet: Absent, not an error, so
  // `x ?? fallback` still works around it.
  if (left.is_unset()) return Value::absent(left.location());
  if (right.is_unset()) return Value::absent(right.location());
  Location at = left.location();
  if (op == Operator::Add && left.is_string() && right.is_string()) {
    meter.charge_text(left.as_string().size() + right.as_string().size());
    return Value::string(left.as_string() + right.as_string(), at);
  }
  if (op == Operator::Add && left.is_list() && right.is_list()) {
    meter.charge(1 + left.as_list().size() + right.as_list().size());
    Value::List joined = left.as_list();
    joined.insert(joined.end(), right.as_list().begin(), right.as_list().end());
    return Value::list(std::move(joined), at);
  }
  if (!left.is_number() || !right.is_number()) return mismatch(op, left, right, node, text);
  double a = left.as_number();
  double b = right.as_number();
  double result = 0;
  switch (op) {
    case Operator::Add:
      result = a + b;
      break;
    case Operator::Subtract:
      result = a - b;
      break;
    case Operator::Multiply:
      result = a * b;
      break;
    case Operator::Divide:
      if (b == 0) return Value::error("division by zero in " + excerpt(node, text), node.location);
      result = a / b;
      break;
    case Operator::Modulo:
      if (b == 0) return Value::error("modulo by zero in " + excerpt(node, text), node.location);
      result = std::fmod(a, b);
      break;
    default:
      return mismatch(op, left, right, node, text);
  }
  if (!std::isfinite(result))
    return Value::error("result is not a finite number in " + excerpt(node, text), node.location);
  return Value::number(result, at);
}

template <typename T>
bool ordered(Operator op, const T& a, const T& b) {
  switch (op) {
    case Operator::Less:
      return a < b;
    case Operator::LessEqual:
      return a <= b;
    case Operator::Greater:
      return a > b;
    case Operator::GreaterEqual:
      return a >= b;
    default:
      return false;
  }
}

Value ordering(Operator op, const Value& left, const Value& right, const SyntaxNode& node,
               std::string_view text) {
  Location at = left.location();
  // `component.replicas < 2` is false, not an error, when replicas is not set: a rule cannot
  // claim a violation about a value nobody wrote.
  if (left.is_unset() || right.is_unset()) return Value::boolean(false, at);
  if (left.is_number() && right.is_number())
    return Value::boolean(ordered(op, left.as_number(), right.as_number()), at);
  if (left.is_string() && right.is_string())
    return Value::boolean(ordered(op, left.as_string(), right.as_string()), at);
  if (left.is_bool() && right.is_bool())
    return Value::boolean(ordered(op, left.as_bool(), right.as_bool()), at);
  return Value::error(
      fmt::format("cannot compare {} and {} with '{}' in {}", kind_name(left.kind()),
                  kind_name(right.kind()), operator_spelling(op), excerpt(node, text)),
      node.location);
}

Value membership(const Value& item, const Value& container, const SyntaxNode& node, std::string_view text,
                 StepMeter& meter) {
  Location at = item.location();
  if (container.is_unset()) return Value::boolean(false, at);
  if (container.is_list()) {
    meter.charge(container.as_list().size());
    for (const Value& element : container.as_list())
      if (equal(item, element)) return Value::boolean(true, at);
    return Value::boolean(false, at);
  }
  if (container.is_map() || container.is_string()) {
    if (item.is_unset()) return Value::boolean(false, at);
    if (!item.is_string()) return mismatch(Operator::In, item, container, node, text);
    if (container.is_map()) return Value::boolean(container.find(item.as_string()) != nullptr, at);
    meter.charge(1 + container.as_string().size() / 64);
    return Value::boolean(container.as_string().find(item.as_string()) != std::string::npos, at);
  }
  return mismatch(Operator::In, item, container, node, text);
}

}  // namespace

Value apply_unary(Operator op, const Value& operand, const SyntaxNode& node, std::string_view text) {
  if (operand.is_error()) return operand;
  if (op == Operator::Not && operand.is_bool())
    return Value::boolean(!operand.as_bool(), operand.location());
  if (op == Operator::Negate && operand.is_unset()) return Value::absent(operand.location());
  if (op == Operator::Negate && operand.is_number())
    return Value::number(-operand.as_number(), operand.location());
  return Value::error(fmt::format("cannot apply '{}' to {} in {}", operator_spelling(op),
                                  kind_name(operand.kind()), excerpt(node, text)),
                      node.location);
}

Value apply_binary(Operator op, const Value& left, const Value& right, const SyntaxNode& node,
                   std::string_view text, StepMeter& meter) {
  if (left.is_error()) return left;
  if (right.is_error()) return right;
  switch (op) {
    case Operator::Equal:
    case Operator::NotEqual: {
      meter.charge(1 + shallow_size(left) + shallow_size(right));
      bool same = equal(left, right);
      return Value::boolean(op == Operator::Equal ? same : !same, left.location());
    }
    case Operator::Less:
    case Operator::LessEqual:
    case Operator::Greater:
    case Operator::GreaterEqual:
      return ordering(op, left, right, node, text);
    case Operator::In:
      return membership(left, right, node, text, meter);
    case Operator::Add:
    case Operator::Subtract:
    case Operator::Multiply:
    case Operator::Divide:
    case Operator::Modulo:
      return arithmetic(op, left, right, node, text, meter);
    case Operator::Not:
    case Operator::Negate:
      break;
  }
  return mismatch(op, left, right, node, text);
}

}  // namespace deploy_advisor::lang
