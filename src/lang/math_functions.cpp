#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "lang/builtins.hpp"
#include "lang/number_text.hpp"

namespace deploy_advisor::lang::builtins {

namespace {

/// Applies `operation` to a number; unset gives Absent.
template <typename Operation>
Value numeric(const CallContext& call, Operation operation) {
  const Value& x = call.arguments[0];
  if (x.is_unset()) return Value::absent(x.location());
  if (!x.is_number()) return call.type_error("a number", x);
  return Value::number(operation(x.as_number()), x.location());
}

/// min() and max(): the arguments, or the elements of a single list argument.
template <typename Better>
Value extreme(const CallContext& call, Better better) {
  std::span<const Value> candidates = call.arguments;
  if (call.arguments.size() == 1) {
    const Value& only = call.arguments[0];
    if (only.is_unset()) return Value::absent(only.location());
    if (only.is_list()) candidates = only.as_list();
  }
  call.meter.charge(candidates.size());
  // An unset or missing candidate means the answer is not known.
  if (candidates.empty()) return Value::absent(call.result_location());
  const Value* best = nullptr;
  for (const Value& candidate : candidates) {
    if (candidate.is_error()) return candidate;
    if (candidate.is_unset()) return Value::absent(candidate.location());
    if (!candidate.is_number()) return call.type_error("numbers", candidate);
    if (!best || better(candidate.as_number(), best->as_number())) best = &candidate;
  }
  return *best;
}

}  // namespace

Value ceil(const CallContext& call) {
  return numeric(call, [](double x) { return std::ceil(x); });
}

Value floor(const CallContext& call) {
  return numeric(call, [](double x) { return std::floor(x); });
}

Value round(const CallContext& call) {
  return numeric(call, [](double x) { return std::round(x); });
}

Value abs(const CallContext& call) {
  return numeric(call, [](double x) { return std::fabs(x); });
}

Value min(const CallContext& call) {
  return extreme(call, [](double a, double b) { return a < b; });
}

Value max(const CallContext& call) {
  return extreme(call, [](double a, double b) { return a > b; });
}

Value sum(const CallContext& call) {
  const Value& list = call.arguments[0];
  if (list.is_unset()) return Value::number(0, list.location());
  if (!list.is_list()) return call.type_error("a list of numbers", list);
  call.meter.charge(list.as_list().size());
  double total = 0;
  for (const Value& item : list.as_list()) {
    if (item.is_error()) return item;
    if (item.is_unset()) return Value::absent(item.location());
    if (!item.is_number()) return call.type_error("a list of numbers", item);
    total += item.as_number();
  }
  if (!std::isfinite(total)) return call.error("result is not a finite number");
  return Value::number(total, list.location());
}

Value to_int(const CallContext& call) {
  const Value& x = call.arguments[0];
  if (x.is_unset()) return Value::absent(x.location());
  if (x.is_number()) return Value::number(std::trunc(x.as_number()), x.location());
  if (x.is_string()) {
    auto parsed = parse_number(x.as_string());
    if (!parsed) return Value::absent(x.location());
    return Value::number(std::trunc(*parsed), x.location());
  }
  return call.type_error("a number or a numeric string", x);
}

Value to_double(const CallContext& call) {
  const Value& x = call.arguments[0];
  if (x.is_unset()) return Value::absent(x.location());
  if (x.is_number()) return x;
  if (x.is_string()) {
    auto parsed = parse_number(x.as_string());
    if (!parsed) return Value::absent(x.location());
    return Value::number(*parsed, x.location());
  }
  return call.type_error("a number or a numeric string", x);
}

}  // namespace deploy_advisor::lang::builtins
