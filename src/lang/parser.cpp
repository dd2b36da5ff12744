#include "lang/parser.hpp"

#include <algorithm>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "lang/lexer.hpp"

namespace deploy_advisor::lang {

namespace {

// Spelled apart from the quotes around it: "??" before a quote would be a trigraph to old
// compilers, and GCC warns about it.
constexpr std::string_view kDefaultOperator = "??";

struct ParseFailure {
  ParseError error;
};

bool is_relation(const SyntaxNode& node) {
  if (node.kind != NodeKind::Binary) return false;
  switch (node.op) {
    case Operator::Equal:
    case Operator::NotEqual:
    case Operator::Less:
    case Operator::LessEqual:
    case Operator::Greater:
    case Operator::GreaterEqual:
    case Operator::In:
      return true;
    default:
      return false;
  }
}

/// The operator an unparenthesised operand of `??` must not have, or "" when it is fine.
/// `a ?? b != c` parses as `a ?? (b != c)`, which is rarely what the author meant.
std::string looser_operand_operator(const SyntaxNode& node) {
  if (node.parenthesized) return {};
  if (node.kind == NodeKind::And) return "&&";
  if (node.kind == NodeKind::Or) return "||";
  if (is_relation(node)) return std::string(operator_spelling(node.op));
  return {};
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens, const SourceMap& source_map)
      : text_(text), tokens_(std::move(tokens)), source_map_(source_map) {}

  std::unique_ptr<SyntaxNode> run() {
    if (current().kind == TokenKind::End) fail(current().begin, "empty expression");
    auto root = expression();
    if (current().kind != TokenKind::End) {
      refuse_lone_equals();
      fail(current().begin, "unexpected " + describe(current(), text_) +
                                "; expected an operator or the end of the expression");
    }
    return root;
  }

 private:
  /// Counts one level of recursion for as long as it lives.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& parser) : parser_(parser) {
      if (++parser_.depth_ > kMaxNesting) parser_.too_deep(parser_.current().begin);
    }
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };

  [[noreturn]] void fail(std::size_t offset, std::string message) const {
    throw ParseFailure{ParseError{offset, std::move(message)}};
  }

  [[noreturn]] void too_deep(std::size_t offset) const {
    fail(offset,
         fmt::format("expression nests more than {} levels deep; split it up", kMaxNesting));
  }

  [[nodiscard]] const Token& current() const { return tokens_[position_]; }
  [[nodiscard]] const Token& previous() const { return tokens_[position_ - 1]; }

  bool accept(TokenKind kind) {
    if (current().kind != kind) return false;
    if (kind != TokenKind::End) ++position_;
    return true;
  }

  /// A '=' outside `let name = value;` is almost always a mistyped '=='.
  void refuse_lone_equals() const {
    if (current().kind == TokenKind::Assign)
      fail(current().begin, "unexpected '='; did you mean '=='?");
  }

  const Token& expect(TokenKind kind, std::string_view context) {
    if (current().kind != kind && kind != TokenKind::Assign) refuse_lone_equals();
    if (current().kind != kind)
      fail(current().begin, fmt::format("expected {} {}, found {}", describe(kind), context,
                                        describe(current(), text_)));
    return tokens_[position_++];
  }

  std::unique_ptr<SyntaxNode> make(NodeKind kind, std::size_t begin) {
    auto node = std::make_unique<SyntaxNode>();
    node->kind = kind;
    node->begin = begin;
    node->end = begin;
    node->location = source_map_.locate(begin);
    return node;
  }

  /// Completes a node whose children are attached: its span and height.
  std::unique_ptr<SyntaxNode> finish(std::unique_ptr<SyntaxNode> node) {
    node->end = std::max(node->end, previous().end);
    for (const auto& child : node->children)
      node->height = std::max(node->height, child->height + 1);
    if (node->height > kMaxNesting) too_deep(node->begin);
    return node;
  }

  /// A node of `kind` over two operands.
  std::unique_ptr<SyntaxNode> pair(NodeKind kind, std::unique_ptr<SyntaxNode> left,
                             std::unique_ptr<SyntaxNode> right) {
    auto node = make(kind, left->begin);
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return finish(std::move(node));
  }

  std::unique_ptr<SyntaxNode> binary(Operator op, std::unique_ptr<SyntaxNode> left,
                               std::unique_ptr<SyntaxNode> right) {
    auto node = pair(NodeKind::Binary, std::move(left), std::move(right));
    node->op = op;
    return node;
  }

  std::unique_ptr<SyntaxNode> expression() {
    DepthGuard guard(*this);
    if (current().kind == TokenKind::Let) return let_binding();
    return conditional();
  }

  /// `let name = value; body`: the lowest form of all, so the body runs to the end of the
  /// enclosing expression (or closing bracket), and several lets chain without nesting.
  std::unique_ptr<SyntaxNode> let_binding() {
    std::size_t keyword = current().begin;
    ++position_;
    const Token& name = current();
    if (name.kind != TokenKind::Identifier)
      fail(name.begin, "expected a name after 'let', as in let total = a + b; total * 2; found " +
                           describe(name, text_));
    ++position_;
    expect(TokenKind::Assign, "after the name in 'let " + name.text + "'");
    auto value = expression();
    expect(TokenKind::Semicolon,
           fmt::format("to end the value of 'let {}' at {}", name.text, position_text(keyword)));
    auto node = make(NodeKind::Let, keyword);
    node->name = name.text;
    node->children.push_back(std::move(value));
    node->children.push_back(expression());
    return finish(std::move(node));
  }

  std::unique_ptr<SyntaxNode> conditional() {
    auto condition = default_operator();
    if (!accept(TokenKind::Question)) return condition;
    std::size_t question = previous().begin;
    auto then_branch = default_operator();
    expect(TokenKind::Colon, fmt::format("after the '?' at {}", position_text(question)));
    auto else_branch = expression();
    auto node = make(NodeKind::Conditional, condition->begin);
    node->children.push_back(std::move(condition));
    node->children.push_back(std::move(then_branch));
    node->children.push_back(std::move(else_branch));
    return finish(std::move(node));
  }

  std::unique_ptr<SyntaxNode> default_operator() {
    auto left = logical_or();
    while (accept(TokenKind::QuestionQuestion)) {
      std::size_t operator_offset = previous().begin;
      auto right = logical_or();
      for (const SyntaxNode* operand : {left.get(), right.get()}) {
        std::string looser = looser_operand_operator(*operand);
        if (looser.empty()) continue;
        fail(operator_offset,
             fmt::format("'{1}' binds more loosely than '{0}': add parentheses, as in "
                         "'(a {1} b) {0} c' or 'a {1} (b {0} c)'",
                         looser, kDefaultOperator));
      }
      left = pair(NodeKind::Default, std::move(left), std::move(right));
    }
    return left;
  }

  std::unique_ptr<SyntaxNode> logical_or() {
    auto left = logical_and();
    while (accept(TokenKind::OrOr)) left = pair(NodeKind::Or, std::move(left), logical_and());
    return left;
  }

  std::unique_ptr<SyntaxNode> logical_and() {
    auto left = relation();
    while (accept(TokenKind::AndAnd)) left = pair(NodeKind::And, std::move(left), relation());
    return left;
  }

  std::unique_ptr<SyntaxNode> relation() {
    auto left = additive();
    while (true) {
      std::optional<Operator> op;
      switch (current().kind) {
        case TokenKind::EqualEqual:
          op = Operator::Equal;
          break;
        case TokenKind::BangEqual:
          op = Operator::NotEqual;
          break;
        case TokenKind::Less:
          op = Operator::Less;
          break;
        case TokenKind::LessEqual:
          op = Operator::LessEqual;
          break;
        case TokenKind::Greater:
          op = Operator::Greater;
          break;
        case TokenKind::GreaterEqual:
          op = Operator::GreaterEqual;
          break;
        case TokenKind::In:
          op = Operator::In;
          break;
        default:
          return left;
      }
      ++position_;
      left = binary(*op, std::move(left), additive());
    }
  }

  std::unique_ptr<SyntaxNode> additive() {
    auto left = multiplicative();
    while (true) {
      Operator op;
      if (accept(TokenKind::Plus)) {
        op = Operator::Add;
      } else if (accept(TokenKind::Minus)) {
        op = Operator::Subtract;
      } else {
        return left;
      }
      left = binary(op, std::move(left), multiplicative());
    }
  }

  std::unique_ptr<SyntaxNode> multiplicative() {
    auto left = unary();
    while (true) {
      Operator op;
      if (accept(TokenKind::Star)) {
        op = Operator::Multiply;
      } else if (accept(TokenKind::Slash)) {
        op = Operator::Divide;
      } else if (accept(TokenKind::Percent)) {
        op = Operator::Modulo;
      } else {
        return left;
      }
      left = binary(op, std::move(left), unary());
    }
  }

  std::unique_ptr<SyntaxNode> unary() {
    Operator op;
    if (accept(TokenKind::Bang)) {
      op = Operator::Not;
    } else if (accept(TokenKind::Minus)) {
      op = Operator::Negate;
    } else {
      return postfix();
    }
    auto node = make(NodeKind::Unary, previous().begin);
    node->op = op;
    DepthGuard guard(*this);
    node->children.push_back(unary());
    return finish(std::move(node));
  }

  std::unique_ptr<SyntaxNode> postfix() {
    auto node = primary();
    while (true) {
      if (accept(TokenKind::Dot)) {
        const Token& member = current();
        // Keywords are fine as member names: after a dot they cannot mean anything else.
        if (member.kind != TokenKind::Identifier && member.kind != TokenKind::True &&
            member.kind != TokenKind::False && member.kind != TokenKind::Null &&
            member.kind != TokenKind::In && member.kind != TokenKind::Let)
          fail(member.begin, "expected a member name after '.', found " + describe(member, text_));
        ++position_;
        std::string name(text_.substr(member.begin, member.end - member.begin));
        if (accept(TokenKind::LeftParen)) {
          auto call = make(NodeKind::Call, node->begin);
          call->name = std::move(name);
          call->has_receiver = true;
          call->children.push_back(std::move(node));
          arguments(*call);
          node = finish(std::move(call));
        } else {
          auto access = make(NodeKind::Member, node->begin);
          access->name = std::move(name);
          access->children.push_back(std::move(node));
          node = finish(std::move(access));
        }
      } else if (accept(TokenKind::LeftBracket)) {
        std::size_t open = previous().begin;
        auto index = make(NodeKind::Index, node->begin);
        index->children.push_back(std::move(node));
        index->children.push_back(expression());
        expect(TokenKind::RightBracket, fmt::format("to close the '[' at {}", position_text(open)));
        node = finish(std::move(index));
      } else {
        return node;
      }
    }
  }

  /// Parses `a, b, c)` after the opening parenthesis into the call's children.
  void arguments(SyntaxNode& call) {
    std::size_t open = previous().begin;
    if (accept(TokenKind::RightParen)) return;
    while (true) {
      call.children.push_back(expression());
      if (accept(TokenKind::Comma)) continue;
      expect(TokenKind::RightParen, fmt::format("to close the '(' at {}", position_text(open)));
      return;
    }
  }

  std::unique_ptr<SyntaxNode> literal(const Value& value) {
    auto node = make(NodeKind::Literal, current().begin);
    // Literals are located at the start of their expression, where a finding would point.
    node->literal = value.at(source_map_.locate(0));
    ++position_;
    return finish(std::move(node));
  }

  std::unique_ptr<SyntaxNode> primary() {
    const Token& token = current();
    switch (token.kind) {
      case TokenKind::Number:
        return literal(Value::number(token.number));
      case TokenKind::String:
        return literal(Value::string(token.text));
      case TokenKind::True:
        return literal(Value::boolean(true));
      case TokenKind::False:
        return literal(Value::boolean(false));
      case TokenKind::Null:
        return literal(Value::null());
      case TokenKind::Identifier: {
        ++position_;
        if (accept(TokenKind::LeftParen)) {
          auto call = make(NodeKind::Call, token.begin);
          call->name = token.text;
          arguments(*call);
          return finish(std::move(call));
        }
        auto name = make(NodeKind::Name, token.begin);
        name->name = token.text;
        return finish(std::move(name));
      }
      case TokenKind::LeftParen: {
        std::size_t open = token.begin;
        ++position_;
        auto inner = expression();
        expect(TokenKind::RightParen, fmt::format("to close the '(' at {}", position_text(open)));
        inner->parenthesized = true;
        // The span covers the parentheses so quoted source reads as written.
        inner->begin = open;
        inner->end = previous().end;
        inner->location = source_map_.locate(open);
        return inner;
      }
      case TokenKind::LeftBracket:
        return list();
      case TokenKind::LeftBrace:
        return map();
      case TokenKind::Let:
        fail(token.begin,
             "a 'let' here needs parentheses, as in 1 + (let x = 2; x * x): its body runs to "
             "the end of the expression");
      default:
        refuse_lone_equals();
        fail(token.begin, "expected a value, found " + describe(token, text_));
    }
  }

  std::unique_ptr<SyntaxNode> list() {
    std::size_t open = current().begin;
    ++position_;
    auto node = make(NodeKind::List, open);
    while (!accept(TokenKind::RightBracket)) {
      node->children.push_back(expression());
      if (accept(TokenKind::Comma)) continue;
      expect(TokenKind::RightBracket, fmt::format("to close the '[' at {}", position_text(open)));
      break;
    }
    return finish(std::move(node));
  }

  std::unique_ptr<SyntaxNode> map() {
    std::size_t open = current().begin;
    ++position_;
    auto node = make(NodeKind::Map, open);
    std::unordered_set<std::string> seen;
    while (!accept(TokenKind::RightBrace)) {
      const Token& key = current();
      if (key.kind != TokenKind::String)
        fail(key.begin, "map keys must be quoted strings, as in {'replicas': 2}; found " +
                            describe(key, text_));
      if (!seen.insert(key.text).second) fail(key.begin, "duplicate map key '" + key.text + "'");
      node->keys.push_back(key.text);
      ++position_;
      expect(TokenKind::Colon, "after a map key");
      node->children.push_back(expression());
      if (accept(TokenKind::Comma)) continue;
      expect(TokenKind::RightBrace, fmt::format("to close the '{{' at {}", position_text(open)));
      break;
    }
    return finish(std::move(node));
  }

  /// "line:column" of an offset, for messages that point back at an opening bracket.
  [[nodiscard]] std::string position_text(std::size_t offset) const {
    Location location = source_map_.locate(offset);
    return fmt::format("{}:{}", location.line, location.column);
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  const SourceMap& source_map_;
  std::size_t position_ = 0;
  int depth_ = 0;
};

}  // namespace

ParseResult parse(std::string_view text, const SourceMap& source_map) {
  LexResult lexed = tokenize(text);
  if (lexed.error) return {nullptr, ParseError{lexed.error->offset, lexed.error->message}};
  try {
    return {Parser(text, std::move(lexed.tokens), source_map).run(), std::nullopt};
  } catch (const ParseFailure& failure) {
    return {nullptr, failure.error};
  }
}

}  // namespace deploy_advisor::lang
