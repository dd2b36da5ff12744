#include <catch2/catch.hpp>

#include "lang/lexer.hpp"
#include "lang_test_support.hpp"

using deploy_advisor::lang::tokenize;
using deploy_advisor::lang::TokenKind;
using lang_test::at;
using lang_test::Scope;

namespace {

std::vector<TokenKind> kinds(std::string_view text) {
  auto result = tokenize(text);
  REQUIRE_FALSE(result.error);
  std::vector<TokenKind> out;
  for (const auto& token : result.tokens) out.push_back(token.kind);
  return out;
}

}  // namespace

TEST_CASE("the lexer recognises every operator and punctuation mark") {
  CHECK(kinds("( ) [ ] { } . , : ? ?? + - * / % ! == != < <= > >= && ||") ==
        std::vector<TokenKind>{TokenKind::LeftParen,
                               TokenKind::RightParen,
                               TokenKind::LeftBracket,
                               TokenKind::RightBracket,
                               TokenKind::LeftBrace,
                               TokenKind::RightBrace,
                               TokenKind::Dot,
                               TokenKind::Comma,
                               TokenKind::Colon,
                               TokenKind::Question,
                               TokenKind::QuestionQuestion,
                               TokenKind::Plus,
                               TokenKind::Minus,
                               TokenKind::Star,
                               TokenKind::Slash,
                               TokenKind::Percent,
                               TokenKind::Bang,
                               TokenKind::EqualEqual,
                               TokenKind::BangEqual,
                               TokenKind::Less,
                               TokenKind::LessEqual,
                               TokenKind::Greater,
                               TokenKind::GreaterEqual,
                               TokenKind::AndAnd,
                               TokenKind::OrOr,
                               TokenKind::End});
}

TEST_CASE("the lexer tells keywords from names") {
  CHECK(kinds("true false null in inside _x1") ==
        std::vector<TokenKind>{TokenKind::True, TokenKind::False, TokenKind::Null, TokenKind::In,
                               TokenKind::Identifier, TokenKind::Identifier, TokenKind::End});
  auto result = tokenize("inside");
  CHECK(result.tokens[0].text == "inside");
}

TEST_CASE("tokens know their byte span") {
  auto result = tokenize("  ab <= 'x'");
  REQUIRE_FALSE(result.error);
  CHECK(result.tokens[0].begin == 2);
  CHECK(result.tokens[0].end == 4);
  CHECK(result.tokens[1].begin == 5);
  CHECK(result.tokens[1].end == 7);
  CHECK(result.tokens[2].begin == 8);
  CHECK(result.tokens[2].end == 11);
  CHECK(result.tokens[3].kind == TokenKind::End);
  CHECK(result.tokens[3].begin == 11);
}

TEST_CASE("numbers are decimal, with an optional fraction and exponent") {
  for (auto [text, value] : std::vector<std::pair<std::string_view, double>>{{"0", 0},
                                                                             {"42", 42},
                                                                             {"2.5", 2.5},
                                                                             {"1e3", 1000},
                                                                             {"1.5E-2", 0.015},
                                                                             {"2e+2", 200},
                                                                             {"007", 7},
                                                                             {"1e-400", 0}}) {
    auto result = tokenize(text);
    INFO(text);
    REQUIRE_FALSE(result.error);
    CHECK(result.tokens[0].kind == TokenKind::Number);
    CHECK(result.tokens[0].number == value);
  }
}

TEST_CASE("malformed numbers are errors at the offending character") {
  auto exponent = tokenize("1e");
  REQUIRE(exponent.error);
  CHECK(exponent.error->offset == 1);
  CHECK(exponent.error->message.find("exponent") != std::string::npos);

  auto letters = tokenize("x + 12abc");
  REQUIRE(letters.error);
  CHECK(letters.error->offset == 6);
  CHECK(letters.error->message == "unexpected character 'a' in number '12'");

  auto huge = tokenize("1e999");
  REQUIRE(huge.error);
  CHECK(huge.error->offset == 0);
  CHECK(huge.error->message == "number '1e999' is too large");

  auto long_huge = tokenize(std::string(400, '9'));
  REQUIRE(long_huge.error);

  auto two_dots = tokenize("1.2.3");
  REQUIRE(two_dots.error);
  CHECK(two_dots.error->offset == 3);
}

TEST_CASE("strings take either quote and the documented escapes") {
  auto result = tokenize(R"('it\'s' "say \"hi\"" 'a\\b' 'x\ny\tz' "'" '"')");
  REQUIRE_FALSE(result.error);
  CHECK(result.tokens[0].text == "it's");
  CHECK(result.tokens[1].text == "say \"hi\"");
  CHECK(result.tokens[2].text == "a\\b");
  CHECK(result.tokens[3].text == "x\ny\tz");
  CHECK(result.tokens[4].text == "'");
  CHECK(result.tokens[5].text == "\"");
  CHECK(result.tokens[6].kind == TokenKind::End);
}

TEST_CASE("string errors point at the escape or the opening quote") {
  auto escape = tokenize(R"(x == 'a\qb')");
  REQUIRE(escape.error);
  CHECK(escape.error->offset == 7);
  CHECK(escape.error->message.find("unknown escape sequence '\\q'") == 0);

  auto open = tokenize("x == 'abc");
  REQUIRE(open.error);
  CHECK(open.error->offset == 5);
  CHECK(open.error->message.find("not closed") != std::string::npos);

  auto newline = tokenize("'abc\ndef'");
  REQUIRE(newline.error);
  CHECK(newline.error->offset == 0);

  auto trailing_backslash = tokenize("'abc\\");
  REQUIRE(trailing_backslash.error);
  CHECK(trailing_backslash.error->offset == 0);
}

TEST_CASE("let, '=' and ';' are tokens of their own") {
  CHECK(kinds("let x = 1; x == 1") ==
        std::vector<TokenKind>{TokenKind::Let, TokenKind::Identifier, TokenKind::Assign,
                               TokenKind::Number, TokenKind::Semicolon, TokenKind::Identifier,
                               TokenKind::EqualEqual, TokenKind::Number, TokenKind::End});
  CHECK(kinds("letter") == std::vector<TokenKind>{TokenKind::Identifier, TokenKind::End});
}

TEST_CASE("comments run to the end of the line") {
  CHECK(kinds("a // the first\n+ b // the second") ==
        std::vector<TokenKind>{TokenKind::Identifier, TokenKind::Plus, TokenKind::Identifier,
                               TokenKind::End});
}

TEST_CASE("characters outside the language are errors with a hint") {
  auto single_and = tokenize("a & b");
  REQUIRE(single_and.error);
  CHECK(single_and.error->message == "unexpected character '&'; did you mean '&&'?");

  auto single_or = tokenize("a | b");
  REQUIRE(single_or.error);
  CHECK(single_or.error->message == "unexpected character '|'; did you mean '||'?");

  auto hash = tokenize("a # b");
  REQUIRE(hash.error);
  CHECK(hash.error->message == "unexpected character '#'");

  auto accented = tokenize("caf\xC3\xA9");
  REQUIRE(accented.error);
  CHECK(accented.error->offset == 3);
  CHECK(accented.error->message == "unexpected character '\xC3\xA9'");

  auto control = tokenize("a\x01");
  REQUIRE(control.error);
  CHECK(control.error->message == "unexpected character '\\x01'");
}

TEST_CASE("lexical errors reach compile() with their line and column") {
  Scope scope;
  scope.bind("a", deploy_advisor::Value::number(1));
  auto error = scope.compile_error("a +\n  'x\\z'");
  CHECK(error.location == at(11, 5));
  auto accented = scope.compile_error("a + '\xC3\xA9\xC3\xA9' + @");
  // Columns count characters, not bytes: '@' is the twelfth character, the fourteenth byte.
  CHECK(accented.location == at(10, 18));
}
