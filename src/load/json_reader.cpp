#include "deploy_advisor/load/readers.hpp"

#include <cstdint>
#include <exception>
#include <new>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "load/yaml_json_common.hpp"

// A hand-written RFC 8259 parser: general JSON libraries do not say where each value was
// written, and every finding needs a line and column. It is iterative, so the depth of the
// input never touches the stack; `max_depth` bounds the tree for the readers that walk it.

namespace deploy_advisor {

namespace {

using load_detail::DuplicateKeys;

/// Stops parsing; the error is already recorded.
struct StopParsing {};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t code) {
  auto byte = [&](std::uint32_t b) { out.push_back(static_cast<char>(b)); };
  if (code < 0x80) {
    byte(code);
  } else if (code < 0x800) {
    byte(0xC0 | (code >> 6));
    byte(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    byte(0xE0 | (code >> 12));
    byte(0x80 | ((code >> 6) & 0x3F));
    byte(0x80 | (code & 0x3F));
  } else {
    byte(0xF0 | (code >> 18));
    byte(0x80 | ((code >> 12) & 0x3F));
    byte(0x80 | ((code >> 6) & 0x3F));
    byte(0x80 | (code & 0x3F));
  }
}

bool is_printable_ascii(char c) { return c > 0x20 && c < 0x7F; }

/// How a character is named in a message: itself when printable ASCII, else its byte value.
std::string shown_char(char c) {
  if (is_printable_ascii(c)) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02X}", static_cast<unsigned char>(c));
}

class JsonParser {
 public:
  JsonParser(std::string_view text, const std::string* file, const ReadLimits& limits,
             ParseResult& result)
      : text_(text), file_(file), limits_(limits), result_(result) {}

  void parse() {
    try {
      parse_document();
    } catch (const StopParsing&) {
      // The error is recorded.
    } catch (const std::bad_alloc&) {
      result_.errors.push_back(InputError{here(), "out of memory while reading this file"});
    }
  }

 private:
  /// An object or array whose members are still being read.
  struct Frame {
    Node* node;
    bool object;
    bool first = true;  // no member read yet
    DuplicateKeys keys;
  };

  void parse_document() {
    skip_whitespace();
    if (at_end()) fatal(load_detail::location_at(file_, {}), "empty JSON document");
    parse_value();
    while (!frames_.empty()) parse_next_member();
    skip_whitespace();
    if (!at_end()) syntax_error("unexpected content after the JSON value");
  }

  // Reads what follows inside the innermost open object or array: a member, or its end.
  void parse_next_member() {
    skip_whitespace();
    Frame& top = frames_.back();
    const char close = top.object ? '}' : ']';
    const bool first = top.first;
    if (first) {
      top.first = false;
      if (peek() == close) return close_container();
    } else {
      if (peek() == close) return close_container();
      if (peek() != ',') {
        syntax_error(top.object ? "expected ',' or '}' after an object member"
                                : "expected ',' or ']' after an array element");
      }
      ++pos_;
      skip_whitespace();
      if (peek() == close) {
        syntax_error(
            fmt::format("expected a value after ',' (JSON allows no trailing comma before '{}')",
                        close));
      }
    }
    if (top.object) {
      parse_member(first);
    } else {
      parse_value();
    }
  }

  void parse_member(bool first) {
    if (peek() != '"')
      syntax_error(first ? "expected a string key or '}'"
                         : "expected a string key (in double quotes)");
    const Location at = here();
    count_node(at);
    Node key = Node::scalar(parse_string(), Node::Style::Quoted, at);
    Frame& top = frames_.back();
    auto& entries = top.node->entries();
    entries.emplace_back(std::move(key), Node());
    if (const Node* earlier = top.keys.add_last(entries))
      error(at, load_detail::duplicate_key_message(entries.back().first, *earlier));
    skip_whitespace();
    if (peek() != ':') syntax_error("expected ':' after an object key");
    ++pos_;
    skip_whitespace();
    parse_value();
  }

  void parse_value() {
    if (at_end()) syntax_error("expected a value, found the end of the file");
    const Location at = here();
    const char c = text_[pos_];
    if (c == '{' || c == '[') return open_container(c == '{', at);
    count_node(at);
    if (c == '"') {
      place(Node::scalar(parse_string(), Node::Style::Quoted, at));
    } else if (c == '-' || is_digit(c)) {
      place(Node::scalar(parse_number(), Node::Style::Plain, at));
    } else if (c == 't' || c == 'f' || c == 'n') {
      parse_literal(at);
    } else if (c == '\'') {
      syntax_error("strings must be in double quotes in JSON");
    } else if (c == 'T' || c == 'F' || c == 'N') {
      syntax_error("true, false and null are lowercase in JSON");
    } else if (c == '/' || c == '#') {
      syntax_error("JSON does not allow comments");
    } else {
      syntax_error(fmt::format("expected a value, found {}", shown_char(c)));
    }
  }

  void parse_literal(const Location& at) {
    for (std::string_view word : {"true", "false", "null"}) {
      if (!text_.substr(pos_).starts_with(word)) continue;
      pos_ += word.size();
      place(word == "null" ? Node::null(at)
                           : Node::scalar(std::string(word), Node::Style::Plain, at));
      return;
    }
    syntax_error("invalid word (expected true, false or null)");
  }

  void open_container(bool object, const Location& at) {
    if (frames_.size() >= limits_.max_depth)
      fatal(at, load_detail::deep_nesting_message(limits_.max_depth));
    count_node(at);
    ++pos_;
    Node* node = place(object ? Node::mapping(at) : Node::sequence(at));
    frames_.push_back(Frame{node, object, true, {}});
  }

  void close_container() {
    ++pos_;
    frames_.pop_back();
  }

  // Moves a finished value into the open container (or makes it the root).
  Node* place(Node&& node) {
    if (frames_.empty()) {
      result_.root = std::move(node);
      return &result_.root;
    }
    Node& parent = *frames_.back().node;
    if (parent.is_sequence()) {
      parent.items().push_back(std::move(node));
      return &parent.items().back();
    }
    parent.entries().back().second = std::move(node);
    return &parent.entries().back().second;
  }

  std::string parse_number() {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (!is_digit(peek())) syntax_error("expected a digit in the number");
    if (peek() == '0') {
      ++pos_;
      if (is_digit(peek())) syntax_error("JSON numbers cannot have leading zeros");
    } else {
      skip_digits();
    }
    if (peek() == '.') {
      ++pos_;
      if (!is_digit(peek())) syntax_error("expected a digit after the decimal point");
      skip_digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) syntax_error("expected a digit in the exponent");
      skip_digits();
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string parse_string() {
    const std::size_t open = pos_++;
    std::string out;
    while (true) {
      if (at_end()) syntax_error_at(open, "string not closed before the end of the file");
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\n') syntax_error("line break inside a string (missing closing quote?)");
      if (c < 0x20) syntax_error("control character inside a string (escape it)");
      if (c == '\\') {
        parse_escape(out);
        continue;
      }
      const std::size_t run = pos_;
      while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\\' &&
             static_cast<unsigned char>(text_[pos_]) >= 0x20)
        ++pos_;
      out.append(text_.substr(run, pos_ - run));
    }
  }

  void parse_escape(std::string& out) {
    const std::size_t at = pos_++;
    if (at_end()) syntax_error_at(at, "string not closed before the end of the file");
    const char e = text_[pos_++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out.push_back(e);
        return;
      case 'b':
        out.push_back('\b');
        return;
      case 'f':
        out.push_back('\f');
        return;
      case 'n':
        out.push_back('\n');
        return;
      case 'r':
        out.push_back('\r');
        return;
      case 't':
        out.push_back('\t');
        return;
      case 'u':
        return append_utf8(out, parse_unicode_escape(at));
      default:
        syntax_error_at(at, is_printable_ascii(e)
                                ? fmt::format("invalid escape \\{} in a string", e)
                                : std::string("invalid escape in a string"));
    }
  }

  // `\uXXXX`, or a surrogate pair `\uD83D\uDE00` for characters past U+FFFF.
  std::uint32_t parse_unicode_escape(std::size_t at) {
    std::uint32_t code = hex4(at);
    if (code >= 0xDC00 && code <= 0xDFFF)
      syntax_error_at(at, "\\u escape is a low surrogate without a high surrogate before it");
    if (code >= 0xD800 && code <= 0xDBFF) {
      const std::size_t low_at = pos_;
      if (!text_.substr(pos_).starts_with("\\u"))
        syntax_error_at(at, "\\u escape is a high surrogate without a low surrogate after it");
      pos_ += 2;
      std::uint32_t low = hex4(low_at);
      if (low < 0xDC00 || low > 0xDFFF)
        syntax_error_at(low_at, "\\u escape after a high surrogate is not a low surrogate");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    // A NUL inside a value would cut strings short in whatever reads them later.
    if (code == 0) fatal(position(at), "string contains \\u0000 (a NUL character)");
    return code;
  }

  std::uint32_t hex4(std::size_t at) {
    std::uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      int digit = at_end() ? -1 : hex_value(text_[pos_]);
      if (digit < 0) syntax_error_at(at, "\\u must be followed by four hex digits");
      code = code * 16 + static_cast<std::uint32_t>(digit);
      ++pos_;
    }
    return code;
  }

  void skip_digits() {
    while (is_digit(peek())) ++pos_;
  }

  // Lines are counted here only: no token other than whitespace may contain a line break.
  void skip_whitespace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++pos_;
    }
  }

  void count_node(const Location& at) {
    if (++nodes_ > limits_.max_nodes)
      fatal(at, load_detail::too_many_nodes_message(limits_.max_nodes));
  }

  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[pos_]; }

  [[nodiscard]] Location position(std::size_t offset) const {
    return Location{file_, line_, static_cast<std::uint32_t>(offset - line_start_ + 1)};
  }
  [[nodiscard]] Location here() const { return position(pos_); }

  void error(const Location& at, std::string message) {
    if (result_.errors.size() >= load_detail::kMaxErrors)
      fatal(at, load_detail::too_many_errors_message());
    result_.errors.push_back(InputError{at, std::move(message)});
  }

  [[noreturn]] void fatal(const Location& at, std::string message) {
    result_.errors.push_back(InputError{at, std::move(message)});
    throw StopParsing{};
  }

  [[noreturn]] void syntax_error_at(std::size_t offset, std::string_view message) {
    fatal(position(offset), fmt::format("JSON syntax error: {}", message));
  }
  [[noreturn]] void syntax_error(std::string_view message) { syntax_error_at(pos_, message); }

  std::string_view text_;
  const std::string* file_;
  const ReadLimits& limits_;
  ParseResult& result_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t nodes_ = 0;
  std::vector<Frame> frames_;
};

}  // namespace

ParseResult parse_json(std::string_view text, const std::string* file, const ReadLimits& limits) {
  ParseResult result;
  result.root = Node::null(load_detail::location_at(file, {}));
  const std::size_t raw_size = text.size();
  text = load_detail::strip_bom(text);
  if (auto problem = load_detail::check_text(text, raw_size, file, limits)) {
    result.errors.push_back(std::move(*problem));
    return result;
  }
  JsonParser(text, file, limits, result).parse();
  return result;
}

}  // namespace deploy_advisor
