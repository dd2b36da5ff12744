#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lang/ast.hpp"
#include "lang/source_map.hpp"

namespace deploy_advisor::lang {

/// How deeply an expression may nest: parentheses, brackets, calls, unary operators and every
/// operator of a chain count one level each. Bounding it bounds the recursion of parsing,
/// checking and evaluation, so hostile input cannot overflow the stack.
inline constexpr int kMaxNesting = 100;

struct ParseError {
  std::size_t offset;  // of the offending character
  std::string message;
};

struct ParseResult {
  std::unique_ptr<SyntaxNode> root;  // null on error
  std::optional<ParseError> error;
};

/// Parses expression text into a syntax tree (names and functions are not checked here).
ParseResult parse(std::string_view text, const SourceMap& source_map);

}  // namespace deploy_advisor::lang
