#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/location.hpp"
#include "deploy_advisor/common/value.hpp"

namespace re2 {
class RE2;
}

namespace deploy_advisor::lang {

struct FunctionSpec;

enum class NodeKind {
  Literal,      // literal
  Name,         // name
  Member,       // children[0].name
  Index,        // children[0][children[1]]
  Call,         // name(children...) or children[0].name(children[1...]) when has_receiver
  Unary,        // op children[0]
  Binary,       // children[0] op children[1], both always evaluated
  And,          // children[0] && children[1]
  Or,           // children[0] || children[1]
  Conditional,  // children[0] ? children[1] : children[2]
  Default,      // children[0] ?? children[1]
  List,         // [children...]
  Map,          // {keys[i]: children[i]...}
  Macro,        // children[0].macro(name, children[1]) or, for map/3, (name, filter, transform)
  Has,          // has(children[0]) where children[0] is a Member or Index
  Let,          // let name = children[0]; children[1]
};

enum class Operator {
  Add,
  Subtract,
  Multiply,
  Divide,
  Modulo,
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  In,
  Not,
  Negate,
};

enum class MacroKind { All, Exists, ExistsOne, Filter, Map };

/// One node of a parsed expression. The parser fills in the syntax; the checker resolves names
/// and functions; after that the tree is never modified.
struct SyntaxNode {
  NodeKind kind = NodeKind::Literal;
  std::size_t begin = 0;  // source span [begin, end) in the expression text
  std::size_t end = 0;
  Location location;  // of `begin`
  int height = 1;     // 1 + the tallest child; bounded so evaluation cannot recurse deeply
  bool parenthesized = false;

  Operator op = Operator::Add;  // Unary and Binary only
  std::string name;             // Name, Member, Call; Macro: the iteration variable; Let: the name
  Value literal;
  std::vector<std::unique_ptr<SyntaxNode>> children;
  std::vector<std::string> keys;  // Map
  bool has_receiver = false;      // Call

  // Filled in by the checker.
  const FunctionSpec* function = nullptr;   // Call
  MacroKind macro = MacroKind::All;         // Macro
  std::size_t local_slot = 0;  // Name bound by a macro or let; Macro, Let: the slot it binds
  bool is_local = false;       // Name bound by a macro or let
  std::shared_ptr<const re2::RE2> pattern;  // Call to matches() with a literal pattern
};

std::string_view operator_spelling(Operator op);

/// The node's source text in backquotes, shortened when long, for error messages.
std::string excerpt(const SyntaxNode& node, std::string_view text);

}  // namespace deploy_advisor::lang
