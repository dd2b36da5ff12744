#include "load/flow_scan_lexer.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace deploy_advisor::flow_scan_internal {

namespace {

bool is_newline(char c) { return c == '\n' || c == '\r'; }
bool is_quote(char c) { return c == '\'' || c == '"'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

// Bytes of identifiers, keywords and numbers. Every non-ASCII byte counts, so UTF-8
// identifiers (and garbage) stay inside one word instead of becoming operators.
bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalnum(byte) != 0 || c == '_';
}

bool is_opener(char c) { return c == '(' || c == '[' || c == '{'; }
bool is_closer(char c) { return c == ')' || c == ']' || c == '}'; }

std::size_t word_end(std::string_view source, std::size_t pos, std::size_t limit) {
  while (pos < limit && is_word_byte(source[pos])) ++pos;
  return pos;
}

// Past a backslash and the byte it protects; a CRLF counts as one byte here.
std::size_t skip_escape(std::string_view source, std::size_t backslash) {
  const std::size_t next = backslash + 1;
  if (next >= source.size()) return source.size();
  if (source[next] == '\r' && next + 1 < source.size() && source[next + 1] == '\n') {
    return next + 2;
  }
  return next + 1;
}

// One open construct while reading a string literal. f-strings may hold replacement fields
// that hold strings again (PEP 701), so the nesting is a stack on the heap.
enum class FrameKind : std::uint8_t { String, Field, Spec };

struct Frame {
  FrameKind kind = FrameKind::String;
  char quote = '"';
  bool triple = false;
  bool raw = false;
  bool formatted = false;
  std::uint32_t depth = 0;  // brackets open inside a Field
};

class LiteralScanner {
 public:
  LiteralScanner(std::string_view source, std::size_t quote, StringPrefix prefix)
      : source_(source), pos_(quote) {
    open_string(quote, prefix);
  }

  std::size_t run() {
    while (pos_ < source_.size() && !stack_.empty()) {
      const bool more = stack_.back().kind == FrameKind::Field ? step_field() : step_text();
      if (!more) break;
    }
    return std::min(pos_, source_.size());
  }

 private:
  void open_string(std::size_t quote, StringPrefix prefix) {
    const char q = source_[quote];
    const bool triple =
        quote + 2 < source_.size() && source_[quote + 1] == q && source_[quote + 2] == q;
    stack_.push_back(Frame{FrameKind::String, q, triple, prefix.raw, prefix.formatted, 0});
    pos_ = quote + (triple ? 3 : 1);
  }

  // Pops through the innermost string literal; false when that was the outermost one.
  bool close_string() {
    while (!stack_.empty()) {
      const FrameKind kind = stack_.back().kind;
      stack_.pop_back();
      if (kind == FrameKind::String) break;
    }
    return !stack_.empty();
  }

  // A newline inside a single-quoted literal ends it where Python would report the error.
  bool newline(const Frame& top) {
    if (top.triple) {
      ++pos_;
      return true;
    }
    return close_string();
  }

  // Inside the text of a literal or of a format spec.
  bool step_text() {
    const Frame top = stack_.back();
    const char c = source_[pos_];
    if (c == '\\') {
      const bool raw_brace = top.raw && pos_ + 1 < source_.size() &&
                             (source_[pos_ + 1] == '{' || source_[pos_ + 1] == '}');
      pos_ = raw_brace ? pos_ + 1 : skip_escape(source_, pos_);
      return true;
    }
    if (is_newline(c)) return newline(top);
    if (c == top.quote) return quote(top);
    if (top.formatted && c == '{') return open_brace(top);
    if (top.formatted && c == '}') return close_brace(top);
    ++pos_;
    return true;
  }

  bool quote(const Frame& top) {
    if (!top.triple) {
      ++pos_;
      return close_string();
    }
    if (pos_ + 2 < source_.size() && source_[pos_ + 1] == top.quote &&
        source_[pos_ + 2] == top.quote) {
      pos_ += 3;
      return close_string();
    }
    ++pos_;
    return true;
  }

  bool open_brace(const Frame& top) {
    if (top.kind == FrameKind::String && pos_ + 1 < source_.size() && source_[pos_ + 1] == '{') {
      pos_ += 2;  // `{{` is a literal brace
      return true;
    }
    Frame field = top;
    field.kind = FrameKind::Field;
    field.depth = 0;
    stack_.push_back(field);
    ++pos_;
    return true;
  }

  bool close_brace(const Frame& top) {
    if (top.kind == FrameKind::Spec) {
      stack_.pop_back();  // the spec
      stack_.pop_back();  // its field
      ++pos_;
      return true;
    }
    const bool doubled = pos_ + 1 < source_.size() && source_[pos_ + 1] == '}';
    pos_ += doubled ? 2 : 1;
    return true;
  }

  // Inside the code of a replacement field.
  bool step_field() {
    Frame& top = stack_.back();
    const char c = source_[pos_];
    if (c == '\\') {
      pos_ = skip_escape(source_, pos_);
      return true;
    }
    if (is_newline(c)) return newline(top);
    if (c == '#') {
      while (pos_ < source_.size() && !is_newline(source_[pos_])) ++pos_;
      return true;
    }
    if (is_quote(c)) {
      open_string(pos_, StringPrefix{});
      return true;
    }
    if (is_word_byte(c)) {
      const std::size_t end = word_end(source_, pos_, source_.size());
      const auto prefix = end < source_.size() && is_quote(source_[end])
                              ? string_prefix(source_.substr(pos_, end - pos_))
                              : std::nullopt;
      if (prefix) {
        open_string(end, *prefix);
      } else {
        pos_ = end;
      }
      return true;
    }
    return field_punctuation(top, c);
  }

  bool field_punctuation(Frame& top, char c) {
    ++pos_;
    if (is_opener(c)) {
      ++top.depth;
    } else if (c == '}' && top.depth == 0) {
      stack_.pop_back();
    } else if (is_closer(c)) {
      if (top.depth > 0) --top.depth;
    } else if (c == ':' && top.depth == 0) {
      Frame spec = top;
      spec.kind = FrameKind::Spec;
      stack_.push_back(spec);
    }
    return true;
  }

  std::string_view source_;
  std::size_t pos_;
  std::vector<Frame> stack_;
};

}  // namespace

std::optional<StringPrefix> string_prefix(std::string_view word) {
  if (word.size() > 2) return std::nullopt;
  StringPrefix prefix;
  int kinds = 0;  // at most one of b/u/f/t, and r at most once
  bool seen_raw = false;
  for (const char c : word) {
    switch (std::tolower(static_cast<unsigned char>(c))) {
      case 'r':
        if (seen_raw) return std::nullopt;
        seen_raw = prefix.raw = true;
        break;
      case 'f':
      case 't':
        prefix.formatted = true;
        ++kinds;
        break;
      case 'b':
        ++kinds;
        break;
      case 'u':
        if (word.size() != 1) return std::nullopt;  // `u` never combines
        ++kinds;
        break;
      default:
        return std::nullopt;
    }
  }
  if (kinds > 1) return std::nullopt;
  return prefix;
}

std::size_t string_literal_end(std::string_view source, std::size_t quote, StringPrefix prefix) {
  if (quote >= source.size()) return source.size();
  return LiteralScanner(source, quote, prefix).run();
}

std::string collapse_arguments(std::string_view source, std::size_t begin, std::size_t end) {
  end = std::min(end, source.size());
  std::string out;
  bool space = false;
  std::size_t pos = begin;
  while (pos < end) {
    const char c = source[pos];
    if (is_space(c) || is_newline(c) ||
        (c == '\\' && pos + 1 < end && is_newline(source[pos + 1]))) {
      space = true;
      ++pos;
      continue;
    }
    if (c == '#') {
      while (pos < end && !is_newline(source[pos])) ++pos;
      space = true;
      continue;
    }
    std::size_t token_end = pos + 1;
    if (is_quote(c)) {
      token_end = string_literal_end(source, pos, StringPrefix{});
    } else if (is_word_byte(c)) {
      token_end = word_end(source, pos, end);
      if (token_end < end && is_quote(source[token_end])) {
        if (auto prefix = string_prefix(source.substr(pos, token_end - pos))) {
          token_end = string_literal_end(source, token_end, *prefix);
        }
      }
    }
    token_end = std::min(token_end, end);
    if (space && !out.empty()) out += ' ';
    space = false;
    out.append(source.substr(pos, token_end - pos));
    pos = token_end;
  }
  return out;
}

bool Token::is_op(char c) const { return kind == TokenKind::Op && op == c; }

bool Token::is_closer() const { return kind == TokenKind::Op && flow_scan_internal::is_closer(op); }

bool Token::is_word(std::string_view source, std::string_view text) const {
  return kind == TokenKind::Word && source.substr(begin, end - begin) == text;
}

Lexer::Lexer(std::string_view source) : source_(source) {
  if (source_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a UTF-8 byte order mark is not text
}

Token Lexer::next() {
  while (pos_ < source_.size()) {
    if (at_line_start_) {
      if (auto token = start_physical_line()) return *token;
      continue;
    }
    const char c = source_[pos_];
    if (is_space(c)) {
      advance_to(pos_ + 1);
    } else if (c == '#') {
      skip_comment();
    } else if (is_newline(c)) {
      skip_newline();
      at_line_start_ = true;
      if (depth_ == 0 && line_has_tokens_) return end_of_line();
    } else if (c == '\\' && pos_ + 1 < source_.size() && is_newline(source_[pos_ + 1])) {
      advance_to(pos_ + 1);
      skip_newline();  // a continuation: the next line's indentation means nothing
    } else if (is_word_byte(c) || is_quote(c)) {
      return lex_word_or_string();
    } else {
      return lex_op();
    }
  }
  if (line_has_tokens_) return end_of_line();
  return make(TokenKind::End, pos_, line_, column_, 0);
}

void Lexer::advance_to(std::size_t target) {
  target = std::min(target, source_.size());
  for (; pos_ < target; ++pos_) {
    const char c = source_[pos_];
    if (c == '\n' || (c == '\r' && (pos_ + 1 >= source_.size() || source_[pos_ + 1] != '\n'))) {
      ++line_;
      column_ = 1;
    } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;
    }
  }
}

void Lexer::skip_newline() {
  const bool crlf = source_[pos_] == '\r' && pos_ + 1 < source_.size() && source_[pos_ + 1] == '\n';
  advance_to(pos_ + (crlf ? 2 : 1));
}

void Lexer::skip_comment() {
  const std::size_t end = source_.find_first_of("\r\n", pos_);
  advance_to(end == std::string_view::npos ? source_.size() : end);
}

// Python's rule: a tab moves to the next multiple of 8, a form feed starts over.
std::uint32_t Lexer::measure_indent() {
  std::uint32_t width = 0;
  while (pos_ < source_.size()) {
    const char c = source_[pos_];
    if (c == ' ') {
      ++width;
    } else if (c == '\t') {
      width = (width / 8 + 1) * 8;
    } else if (c == '\f') {
      width = 0;
    } else {
      break;
    }
    advance_to(pos_ + 1);
  }
  return width;
}

// Inside unclosed brackets, a line that can only start a statement ends the runaway line,
// so one missing `)` does not hide every flow after it. `class` and `def` never occur inside
// an expression; `@name` at the statement's own indentation almost never does.
bool Lexer::starts_new_statement(std::uint32_t width) const {
  if (depth_ == 0 || !line_has_tokens_) return false;
  const std::size_t end = word_end(source_, pos_, source_.size());
  const std::string_view word = source_.substr(pos_, end - pos_);
  if (word == "class" || word == "def") return true;
  if (width > indent_ || source_[pos_] != '@' || pos_ + 1 >= source_.size()) return false;
  const char after = source_[pos_ + 1];
  return is_word_byte(after) && std::isdigit(static_cast<unsigned char>(after)) == 0;
}

std::optional<Token> Lexer::start_physical_line() {
  at_line_start_ = false;
  const std::uint32_t width = measure_indent();
  if (!line_has_tokens_) {
    indent_ = width;  // blank and comment lines are overwritten by the next line
    return std::nullopt;
  }
  if (pos_ >= source_.size() || !starts_new_statement(width)) return std::nullopt;
  depth_ = 0;
  Token token = end_of_line();
  indent_ = width;
  return token;
}

Token Lexer::make(TokenKind kind, std::size_t begin, std::uint32_t line, std::uint32_t column,
                  std::uint32_t depth) {
  Token token;
  token.kind = kind;
  token.begin = begin;
  token.end = pos_;
  token.line = line;
  token.column = column;
  token.indent = indent_;
  token.depth = depth;
  token.first = !line_has_tokens_;
  line_has_tokens_ = kind != TokenKind::Newline && kind != TokenKind::End;
  return token;
}

Token Lexer::end_of_line() { return make(TokenKind::Newline, pos_, line_, column_, 0); }

Token Lexer::lex_word_or_string() {
  const std::size_t begin = pos_;
  const std::uint32_t line = line_;
  const std::uint32_t column = column_;
  std::size_t end = 0;
  TokenKind kind = TokenKind::String;
  if (is_quote(source_[pos_])) {
    end = string_literal_end(source_, pos_, StringPrefix{});
  } else {
    end = word_end(source_, pos_, source_.size());
    const auto prefix = end < source_.size() && is_quote(source_[end])
                            ? string_prefix(source_.substr(pos_, end - pos_))
                            : std::nullopt;
    if (prefix) {
      end = string_literal_end(source_, end, *prefix);
    } else {
      kind = TokenKind::Word;
    }
  }
  advance_to(end);
  return make(kind, begin, line, column, depth_);
}

Token Lexer::lex_op() {
  const std::size_t begin = pos_;
  const std::uint32_t line = line_;
  const std::uint32_t column = column_;
  const char c = source_[pos_];
  // A bracket counts as outside itself, so `(` and its `)` report the same depth.
  const std::uint32_t outside = is_closer(c) && depth_ > 0 ? depth_ - 1 : depth_;
  if (is_opener(c)) ++depth_;
  if (is_closer(c) && depth_ > 0) --depth_;
  advance_to(pos_ + 1);
  Token token = make(TokenKind::Op, begin, line, column, outside);
  token.op = c;
  return token;
}

}  // namespace deploy_advisor::flow_scan_internal
