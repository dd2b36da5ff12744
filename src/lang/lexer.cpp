#include "lang/lexer.hpp"

#include <fmt/format.h>

#include "lang/number_text.hpp"

namespace deploy_advisor::lang {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_part(char c) { return is_identifier_start(c) || is_digit(c); }
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// The character at `offset` as a reader would recognise it in a message.
std::string quote_character(std::string_view text, std::size_t offset) {
  auto byte = static_cast<unsigned char>(text[offset]);
  if (byte < 0x20 || byte == 0x7F) return fmt::format("'\\x{:02X}'", byte);
  std::size_t length = 1;
  if (byte >= 0x80) {
    // Keep a multi-byte UTF-8 character whole.
    while (offset + length < text.size() &&
           (static_cast<unsigned char>(text[offset + length]) & 0xC0U) == 0x80U && length < 4)
      ++length;
  }
  return fmt::format("'{}'", text.substr(offset, length));
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  LexResult run() {
    LexResult result;
    while (true) {
      skip_space_and_comments();
      if (position_ >= text_.size()) {
        result.tokens.push_back(Token{TokenKind::End, position_, position_, 0, {}});
        return result;
      }
      std::optional<Token> token = next();
      if (!token) {
        result.error = std::move(error_);
        result.tokens.clear();
        return result;
      }
      result.tokens.push_back(std::move(*token));
    }
  }

 private:
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return position_ + ahead < text_.size() ? text_[position_ + ahead] : '\0';
  }

  void skip_space_and_comments() {
    while (position_ < text_.size()) {
      if (is_space(text_[position_])) {
        ++position_;
      } else if (peek() == '/' && peek(1) == '/') {
        while (position_ < text_.size() && text_[position_] != '\n') ++position_;
      } else {
        return;
      }
    }
  }

  std::optional<Token> fail(std::size_t offset, std::string message) {
    error_ = LexError{offset, std::move(message)};
    return std::nullopt;
  }

  Token make(TokenKind kind, std::size_t length) {
    Token token{kind, position_, position_ + length, 0, {}};
    position_ += length;
    return token;
  }

  std::optional<Token> next() {
    char c = peek();
    if (is_digit(c)) return number();
    if (is_identifier_start(c)) return identifier();
    if (c == '\'' || c == '"') return string();
    char after = peek(1);
    switch (c) {
      case '(':
        return make(TokenKind::LeftParen, 1);
      case ')':
        return make(TokenKind::RightParen, 1);
      case '[':
        return make(TokenKind::LeftBracket, 1);
      case ']':
        return make(TokenKind::RightBracket, 1);
      case '{':
        return make(TokenKind::LeftBrace, 1);
      case '}':
        return make(TokenKind::RightBrace, 1);
      case '.':
        return make(TokenKind::Dot, 1);
      case ',':
        return make(TokenKind::Comma, 1);
      case ':':
        return make(TokenKind::Colon, 1);
      case ';':
        return make(TokenKind::Semicolon, 1);
      case '?':
        return after == '?' ? make(TokenKind::QuestionQuestion, 2) : make(TokenKind::Question, 1);
      case '+':
        return make(TokenKind::Plus, 1);
      case '-':
        return make(TokenKind::Minus, 1);
      case '*':
        return make(TokenKind::Star, 1);
      case '/':
        return make(TokenKind::Slash, 1);
      case '%':
        return make(TokenKind::Percent, 1);
      case '!':
        return after == '=' ? make(TokenKind::BangEqual, 2) : make(TokenKind::Bang, 1);
      case '<':
        return after == '=' ? make(TokenKind::LessEqual, 2) : make(TokenKind::Less, 1);
      case '>':
        return after == '=' ? make(TokenKind::GreaterEqual, 2) : make(TokenKind::Greater, 1);
      case '=':
        // A lone '=' only belongs in `let name = value;`; the parser says "did you mean '=='"
        // anywhere else, where it knows the context.
        return after == '=' ? make(TokenKind::EqualEqual, 2) : make(TokenKind::Assign, 1);
      case '&':
        if (after == '&') return make(TokenKind::AndAnd, 2);
        return fail(position_, "unexpected character '&'; did you mean '&&'?");
      case '|':
        if (after == '|') return make(TokenKind::OrOr, 2);
        return fail(position_, "unexpected character '|'; did you mean '||'?");
      default:
        return fail(position_, "unexpected character " + quote_character(text_, position_));
    }
  }

  std::optional<Token> number() {
    std::size_t begin = position_;
    while (is_digit(peek())) ++position_;
    if (peek() == '.' && is_digit(peek(1))) {
      ++position_;
      while (is_digit(peek())) ++position_;
    }
    if (peek() == 'e' || peek() == 'E') {
      std::size_t exponent = 1;
      if (peek(1) == '+' || peek(1) == '-') exponent = 2;
      if (!is_digit(peek(exponent)))
        return fail(position_, "a number's exponent needs digits, as in 1e6");
      position_ += exponent;
      while (is_digit(peek())) ++position_;
    }
    if (is_identifier_part(peek()) || peek() == '.') {
      return fail(position_, "unexpected character " + quote_character(text_, position_) +
                                 " in number '" +
                                 std::string(text_.substr(begin, position_ - begin)) + "'");
    }
    std::string_view written = text_.substr(begin, position_ - begin);
    std::optional<double> value = parse_unsigned_decimal(written);
    if (!value) return fail(begin, "number '" + std::string(written) + "' is too large");
    Token token{TokenKind::Number, begin, position_, *value, {}};
    return token;
  }

  std::optional<Token> identifier() {
    std::size_t begin = position_;
    while (is_identifier_part(peek())) ++position_;
    std::string name(text_.substr(begin, position_ - begin));
    TokenKind kind = TokenKind::Identifier;
    if (name == "true") kind = TokenKind::True;
    if (name == "false") kind = TokenKind::False;
    if (name == "null") kind = TokenKind::Null;
    if (name == "in") kind = TokenKind::In;
    if (name == "let") kind = TokenKind::Let;
    return Token{kind, begin, position_, 0, std::move(name)};
  }

  std::optional<Token> string() {
    std::size_t begin = position_;
    char quote = text_[position_++];
    std::string decoded;
    while (true) {
      if (position_ >= text_.size() || peek() == '\n')
        return fail(begin, "string is not closed: add the matching " + std::string(1, quote) +
                               " before the end of the line");
      char c = text_[position_];
      if (c == quote) {
        ++position_;
        return Token{TokenKind::String, begin, position_, 0, std::move(decoded)};
      }
      if (c != '\\') {
        decoded += c;
        ++position_;
        continue;
      }
      char escaped = peek(1);
      switch (escaped) {
        case '\\':
        case '\'':
        case '"':
          decoded += escaped;
          break;
        case 'n':
          decoded += '\n';
          break;
        case 't':
          decoded += '\t';
          break;
        default:
          if (position_ + 1 >= text_.size() || escaped == '\n')
            return fail(begin, "string is not closed: add the matching " + std::string(1, quote) +
                                   " before the end of the line");
          return fail(position_, "unknown escape sequence '\\" +
                                     quote_character(text_, position_ + 1).substr(1) +
                                     "; use \\\\, \\', \\\", \\n or \\t");
      }
      position_ += 2;
    }
  }

  std::string_view text_;
  std::size_t position_ = 0;
  LexError error_{0, {}};
};

}  // namespace

LexResult tokenize(std::string_view text) { return Lexer(text).run(); }

std::string describe(TokenKind kind) {
  switch (kind) {
    case TokenKind::End:
      return "the end of the expression";
    case TokenKind::Number:
      return "a number";
    case TokenKind::String:
      return "a string";
    case TokenKind::Identifier:
      return "a name";
    case TokenKind::True:
      return "'true'";
    case TokenKind::False:
      return "'false'";
    case TokenKind::Null:
      return "'null'";
    case TokenKind::In:
      return "'in'";
    case TokenKind::Let:
      return "'let'";
    case TokenKind::LeftParen:
      return "'('";
    case TokenKind::RightParen:
      return "')'";
    case TokenKind::LeftBracket:
      return "'['";
    case TokenKind::RightBracket:
      return "']'";
    case TokenKind::LeftBrace:
      return "'{'";
    case TokenKind::RightBrace:
      return "'}'";
    case TokenKind::Dot:
      return "'.'";
    case TokenKind::Comma:
      return "','";
    case TokenKind::Colon:
      return "':'";
    case TokenKind::Semicolon:
      return "';'";
    case TokenKind::Assign:
      return "'='";
    case TokenKind::Question:
      return "'?'";
    case TokenKind::QuestionQuestion:
      return "'\?\?'";  // escaped: a question mark pair before a quote reads as a trigraph
    case TokenKind::Plus:
      return "'+'";
    case TokenKind::Minus:
      return "'-'";
    case TokenKind::Star:
      return "'*'";
    case TokenKind::Slash:
      return "'/'";
    case TokenKind::Percent:
      return "'%'";
    case TokenKind::Bang:
      return "'!'";
    case TokenKind::EqualEqual:
      return "'=='";
    case TokenKind::BangEqual:
      return "'!='";
    case TokenKind::Less:
      return "'<'";
    case TokenKind::LessEqual:
      return "'<='";
    case TokenKind::Greater:
      return "'>'";
    case TokenKind::GreaterEqual:
      return "'>='";
    case TokenKind::AndAnd:
      return "'&&'";
    case TokenKind::OrOr:
      return "'||'";
  }
  return "a token";
}

std::string describe(const Token& token, std::string_view text) {
  switch (token.kind) {
    case TokenKind::End:
      return describe(token.kind);
    case TokenKind::Number:
    case TokenKind::String:
    case TokenKind::Identifier: {
      std::string_view spelling = text.substr(token.begin, token.end - token.begin);
      if (spelling.size() > 40) return describe(token.kind);
      return "'" + std::string(spelling) + "'";
    }
    default:
      return describe(token.kind);
  }
}

}  // namespace deploy_advisor::lang
