#include "lang/functions.hpp"

#include <array>

#include "lang/builtins.hpp"

namespace deploy_advisor::lang {

namespace {

Value lazy_default(const CallContext& call) {
  // Never reached: the checker turns default(x, d) into the lazy `??` node.
  return call.arguments[0];
}

// The one list of functions. Arities count the receiver of a method call.
constexpr std::array kFunctions{
    FunctionSpec{"abs", 1, 1, CallStyle::Global, "abs(x)", builtins::abs},
    FunctionSpec{"ceil", 1, 1, CallStyle::Global, "ceil(x)", builtins::ceil},
    FunctionSpec{"cidr_contains", 2, 2, CallStyle::Global, "cidr_contains(block, block_or_ip)",
                 builtins::cidr_contains},
    FunctionSpec{"cidr_is_open", 1, 1, CallStyle::Global, "cidr_is_open(block)",
                 builtins::cidr_is_open},
    FunctionSpec{"cidr_prefix", 1, 1, CallStyle::Global, "cidr_prefix(block)",
                 builtins::cidr_prefix},
    FunctionSpec{"cidr_valid", 1, 1, CallStyle::Global, "cidr_valid(text)", builtins::cidr_valid},
    FunctionSpec{"contains", 2, 2, CallStyle::Method, "text.contains(part)", builtins::contains},
    FunctionSpec{"default", 2, 2, CallStyle::Global, "default(x, fallback)", lazy_default},
    FunctionSpec{"double", 1, 1, CallStyle::Global, "double(x)", builtins::to_double},
    FunctionSpec{"endsWith", 2, 2, CallStyle::Method, "text.endsWith(suffix)", builtins::ends_with},
    FunctionSpec{"flatten", 1, 1, CallStyle::Global, "flatten(list_of_lists)", builtins::flatten},
    FunctionSpec{"floor", 1, 1, CallStyle::Global, "floor(x)", builtins::floor},
    FunctionSpec{"format_number", 1, 1, CallStyle::Global, "format_number(x)",
                 builtins::format_number},
    FunctionSpec{"int", 1, 1, CallStyle::Global, "int(x)", builtins::to_int},
    FunctionSpec{"join", 1, 2, CallStyle::Global, "join(list, separator)", builtins::join},
    FunctionSpec{"keys", 1, 1, CallStyle::Global, "keys(map)", builtins::keys},
    FunctionSpec{"lower", 1, 1, CallStyle::Method, "text.lower()", builtins::lower},
    FunctionSpec{"matches", 2, 2, CallStyle::Either, "text.matches(pattern)", builtins::matches},
    FunctionSpec{"max", 1, kAnyNumber, CallStyle::Global, "max(a, b, ...) or max(list)",
                 builtins::max},
    FunctionSpec{"min", 1, kAnyNumber, CallStyle::Global, "min(a, b, ...) or min(list)",
                 builtins::min},
    FunctionSpec{"num", 1, 1, CallStyle::Global, "num(x)", builtins::to_double},
    FunctionSpec{"round", 1, 1, CallStyle::Global, "round(x)", builtins::round},
    FunctionSpec{"size", 1, 1, CallStyle::Either, "size(x) or x.size()", builtins::size},
    FunctionSpec{"split", 2, 2, CallStyle::Method, "text.split(separator)", builtins::split},
    FunctionSpec{"startsWith", 2, 2, CallStyle::Method, "text.startsWith(prefix)",
                 builtins::starts_with},
    FunctionSpec{"string", 1, 1, CallStyle::Global, "string(x)", builtins::to_string},
    FunctionSpec{"sum", 1, 1, CallStyle::Global, "sum(list)", builtins::sum},
    FunctionSpec{"type", 1, 1, CallStyle::Global, "type(x)", builtins::type_name},
    FunctionSpec{"upper", 1, 1, CallStyle::Method, "text.upper()", builtins::upper},
    FunctionSpec{"values", 1, 1, CallStyle::Global, "values(map)", builtins::values},
};

}  // namespace

Value CallContext::error(const std::string& message) const {
  return Value::error(node.name + "() " + message, node.location);
}

Value CallContext::type_error(std::string_view expected, const Value& got) const {
  return error("needs " + std::string(expected) + ", got " + std::string(kind_name(got.kind())));
}

Location CallContext::result_location() const {
  return arguments.empty() ? node.location : arguments.front().location();
}

const FunctionSpec* find_function(std::string_view name) {
  for (const auto& spec : kFunctions)
    if (spec.name == name) return &spec;
  return nullptr;
}

std::vector<std::string> function_names() {
  std::vector<std::string> names;
  for (const auto& spec : kFunctions) names.emplace_back(spec.name);
  return names;
}

}  // namespace deploy_advisor::lang
