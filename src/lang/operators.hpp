#pragma once

#include <string_view>

#include "deploy_advisor/common/value.hpp"
#include "lang/ast.hpp"
#include "lang/step_meter.hpp"

namespace deploy_advisor::lang {

/// `op operand` for `!` and unary `-`. `node` and `text` locate and quote errors.
Value apply_unary(Operator op, const Value& operand, const SyntaxNode& node, std::string_view text);

/// `left op right` for the operators that always evaluate both operands (all but `&&`, `||`,
/// `??` and `?:`). An Error operand propagates, the left one first.
Value apply_binary(Operator op, const Value& left, const Value& right, const SyntaxNode& node,
                   std::string_view text, StepMeter& meter);

}  // namespace deploy_advisor::lang
