#include <optional>
#include <string>

#include "lang/builtins.hpp"
#include "lang/cidr.hpp"

namespace deploy_advisor::lang::builtins {

namespace {

/// The block named by a string argument; sets *failure (Absent for unset, else an Error)
/// when there is none.
std::optional<IpBlock> block_argument(const CallContext& call, const Value& argument,
                                      bool bare_address_allowed, Value* failure) {
  if (argument.is_unset()) {
    *failure = Value::absent(argument.location());
    return std::nullopt;
  }
  if (!argument.is_string()) {
    *failure = call.type_error("a string", argument);
    return std::nullopt;
  }
  const std::string& text = argument.as_string();
  std::optional<IpBlock> block = parse_cidr_block(text);
  if (!block && bare_address_allowed) block = parse_ip_address(text);
  if (!block) {
    *failure = call.error("got '" + text + "', which is not " +
                          (bare_address_allowed ? "a CIDR block or an IP address"
                                                : "a CIDR block such as 10.0.0.0/8"));
  }
  return block;
}

}  // namespace

Value cidr_valid(const CallContext& call) {
  const Value& text = call.arguments[0];
  if (text.is_unset()) return Value::absent(text.location());
  bool valid = text.is_string() && parse_cidr_block(text.as_string()).has_value();
  return Value::boolean(valid, text.location());
}

Value cidr_contains(const CallContext& call) {
  Value failure;
  auto outer = block_argument(call, call.arguments[0], false, &failure);
  if (!outer) return failure;
  auto inner = block_argument(call, call.arguments[1], true, &failure);
  if (!inner) return failure;
  return Value::boolean(block_contains(*outer, *inner), call.result_location());
}

Value cidr_is_open(const CallContext& call) {
  Value failure;
  auto block = block_argument(call, call.arguments[0], false, &failure);
  if (!block) return failure;
  return Value::boolean(block->prefix == 0, call.result_location());
}

Value cidr_prefix(const CallContext& call) {
  Value failure;
  auto block = block_argument(call, call.arguments[0], false, &failure);
  if (!block) return failure;
  return Value::number(block->prefix, call.result_location());
}

}  // namespace deploy_advisor::lang::builtins
