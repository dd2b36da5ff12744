#include "lang/ast.hpp"

namespace deploy_advisor::lang {

std::string_view operator_spelling(Operator op) {
  switch (op) {
    case Operator::Add:
      return "+";
    case Operator::Subtract:
      return "-";
    case Operator::Multiply:
      return "*";
    case Operator::Divide:
      return "/";
    case Operator::Modulo:
      return "%";
    case Operator::Equal:
      return "==";
    case Operator::NotEqual:
      return "!=";
    case Operator::Less:
      return "<";
    case Operator::LessEqual:
      return "<=";
    case Operator::Greater:
      return ">";
    case Operator::GreaterEqual:
      return ">=";
    case Operator::In:
      return "in";
    case Operator::Not:
      return "!";
    case Operator::Negate:
      return "-";
  }
  return "?";
}

std::string excerpt(const SyntaxNode& node, std::string_view text) {
  constexpr std::size_t kLongest = 60;
  std::string_view written = text.substr(node.begin, node.end - node.begin);
  if (written.size() <= kLongest) return "`" + std::string(written) + "`";
  return "`" + std::string(written.substr(0, kLongest)) + "...`";
}

}  // namespace deploy_advisor::lang
