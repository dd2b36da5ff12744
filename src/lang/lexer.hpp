#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deploy_advisor::lang {

enum class TokenKind {
  End,
  Number,
  String,
  Identifier,
  True,
  False,
  Null,
  In,
  Let,
  LeftParen,
  RightParen,
  LeftBracket,
  RightBracket,
  LeftBrace,
  RightBrace,
  Dot,
  Comma,
  Colon,
  Semicolon,
  Assign,
  Question,
  QuestionQuestion,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Bang,
  EqualEqual,
  BangEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  AndAnd,
  OrOr,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::size_t begin = 0;  // byte offsets into the expression text: [begin, end)
  std::size_t end = 0;
  double number = 0;  // Number
  std::string text;   // Identifier: the name; String: the decoded contents
};

struct LexError {
  std::size_t offset;  // of the offending character
  std::string message;
};

struct LexResult {
  std::vector<Token> tokens;  // ends with an End token when there is no error
  std::optional<LexError> error;
};

/// Splits expression text into tokens. `//` starts a comment that runs to the end of the line.
LexResult tokenize(std::string_view text);

/// How a token kind is written, for messages: "'+'", "a number", "the end of the expression".
std::string describe(TokenKind kind);

/// A token as written in the source, for messages: "'+'", "'foo'", "the end of the expression".
std::string describe(const Token& token, std::string_view text);

}  // namespace deploy_advisor::lang
