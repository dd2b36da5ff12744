#pragma once

// Private to flow_scan.cpp: just enough of Python's tokeniser to find decorators, classes
// and defs without being fooled by comments, string literals or brackets.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace deploy_advisor::flow_scan_internal {

/// What a string prefix (`r`, `b`, `f`, `rb`, `Rf`, ...) changes for scanning.
struct StringPrefix {
  bool raw = false;
  bool formatted = false;  // f and t strings: `{...}` holds code that may hold strings
};

/// The prefix `word` names when it stands right before a quote, or nothing when `word`
/// is not a string prefix (case-insensitive, as Python reads them).
std::optional<StringPrefix> string_prefix(std::string_view word);

/// The end (one past the closing quote) of the string literal whose opening quote is at
/// `quote`. An unterminated single-quoted literal ends at its end of line, an unterminated
/// triple-quoted one at the end of `source`. Nested f-string replacement fields are
/// followed with an explicit stack, never by recursion.
std::size_t string_literal_end(std::string_view source, std::size_t quote, StringPrefix prefix);

/// `source[begin, end)` as decorator arguments read: comments dropped, every run of
/// whitespace outside string literals (newlines and line continuations included) made one
/// space, no space at either end. String literals are kept as written.
std::string collapse_arguments(std::string_view source, std::size_t begin, std::size_t end);

enum class TokenKind : std::uint8_t {
  Word,     // identifier, keyword or number
  String,   // a whole literal, prefix included
  Op,       // one byte of anything else; brackets included
  Newline,  // end of a logical line
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t indent = 0;  // of the logical line the token belongs to
  std::uint32_t depth = 0;   // brackets open around the token; a bracket counts as outside
  bool first = false;        // first token of its logical line
  char op = '\0';            // the byte of an Op token

  [[nodiscard]] bool is_op(char c) const;
  [[nodiscard]] bool is_closer() const;
  [[nodiscard]] bool is_word(std::string_view source, std::string_view text) const;
};

/// Splits Python source into tokens and logical lines. Blank and comment-only lines give no
/// tokens; newlines inside brackets and after a backslash do not end a logical line.
/// Columns are 1-based characters (UTF-8 continuation bytes do not count; a tab is one).
class Lexer {
 public:
  explicit Lexer(std::string_view source);

  Token next();

 private:
  void advance_to(std::size_t target);
  void skip_newline();
  void skip_comment();
  std::uint32_t measure_indent();
  [[nodiscard]] bool starts_new_statement(std::uint32_t width) const;
  Token make(TokenKind kind, std::size_t begin, std::uint32_t line, std::uint32_t column,
             std::uint32_t depth);
  Token end_of_line();
  std::optional<Token> start_physical_line();
  Token lex_word_or_string();
  Token lex_op();

  std::string_view source_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
  std::uint32_t depth_ = 0;
  std::uint32_t indent_ = 0;      // of the logical line being read
  bool at_line_start_ = true;     // at the first byte of a physical line
  bool line_has_tokens_ = false;  // the logical line being read has given a token
};

}  // namespace deploy_advisor::flow_scan_internal
