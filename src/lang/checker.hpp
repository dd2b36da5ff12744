#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploy_advisor/lang/lang.hpp"
#include "lang/ast.hpp"

namespace deploy_advisor::lang {

/// Resolves a parsed tree in place: every name must be one of `names`, a macro's iteration
/// variable or a let's name in its body, every call a known function with the right number of arguments, and every literal
/// pattern given to matches() valid. Macro calls, has() and default() become their own nodes.
std::optional<CompileError> check(SyntaxNode& root, const std::vector<std::string>& names);

}  // namespace deploy_advisor::lang
