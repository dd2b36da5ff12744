#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/value.hpp"
#include "lang/ast.hpp"
#include "lang/step_meter.hpp"

namespace deploy_advisor::lang {

/// One call being evaluated. Arguments arrive evaluated, with the receiver of a method call
/// first, and none of them is an Error (the evaluator propagates those before calling).
struct CallContext {
  const SyntaxNode& node;
  std::span<const Value> arguments;
  StepMeter& meter;

  /// An Error located at the call, prefixed with the function's name.
  [[nodiscard]] Value error(const std::string& message) const;
  /// "size() needs a list, map or string, got number".
  [[nodiscard]] Value type_error(std::string_view expected, const Value& got) const;
  /// Where a computed result is located: at its first argument, else at the call.
  [[nodiscard]] Location result_location() const;
};

using FunctionImplementation = Value (*)(const CallContext& call);

enum class CallStyle {
  Global,  // f(x)
  Method,  // x.f()
  Either,  // both, as CEL's size()
};

struct FunctionSpec {
  std::string_view name;
  std::size_t min_arguments;  // counting the receiver of a method call
  std::size_t max_arguments;
  CallStyle style;
  std::string_view usage;  // shown when a call has the wrong shape
  FunctionImplementation implementation;
};

inline constexpr std::size_t kAnyNumber = std::numeric_limits<std::size_t>::max();

/// The function called `name`, or null. `default` is listed so calls to it are checked, but
/// the evaluator treats it as the lazy `??` operator.
const FunctionSpec* find_function(std::string_view name);

/// Every function name, for "did you mean".
std::vector<std::string> function_names();

}  // namespace deploy_advisor::lang
