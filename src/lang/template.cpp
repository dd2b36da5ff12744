#include <optional>
#include <string>

#include "deploy_advisor/lang/lang.hpp"
#include "lang/source_map.hpp"

namespace deploy_advisor::lang {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The offset of the `}}` that closes a span whose expression starts at `from`. Braces of map
/// literals and text inside string literals do not close it, so `{{ {'a': 1}['a'] }}` and
/// `{{ x ?? '}}' }}` work.
std::optional<std::size_t> find_span_end(std::string_view text, std::size_t from) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = from; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\') {
        ++i;
      } else if (c == quote || c == '\n') {
        quote = 0;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && depth > 0) {
      --depth;
    } else if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      return i;
    }
  }
  return std::nullopt;
}

/// Appends display(value) to `out`, stopping once `out` is longer than `limit`: a span showing
/// a list of 100,000 items renders no more than the message keeps.
void append_display(std::string& out, const Value& value, std::size_t limit) {
  if (value.is_list()) {
    out += '[';
    bool first = true;
    for (const auto& item : value.as_list()) {
      if (out.size() > limit) return;
      if (!first) out += ", ";
      first = false;
      append_display(out, item, limit);
    }
    out += ']';
  } else if (value.is_map()) {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : value.as_map()) {
      if (out.size() > limit) return;
      if (!first) out += ", ";
      first = false;
      out += key;
      out += ": ";
      append_display(out, item, limit);
    }
    out += '}';
  } else {
    out += display(value);
  }
}

}  // namespace

std::pair<std::optional<Template>, std::optional<CompileError>> Template::compile(
    std::string_view text, Location origin, const std::vector<std::string>& names) {
  SourceMap source_map(text, origin);
  Template result;
  std::string literal;
  std::size_t position = 0;
  while (true) {
    std::size_t open = text.find("{{", position);
    if (open == std::string_view::npos) {
      literal += text.substr(position);
      break;
    }
    literal += text.substr(position, open - position);
    std::optional<std::size_t> close = find_span_end(text, open + 2);
    if (!close)
      return {std::nullopt, CompileError{source_map.locate(open), "'{{' is not closed: add '}}'"}};
    std::size_t begin = open + 2;
    std::size_t end = *close;
    while (begin < end && is_space(text[begin])) ++begin;
    while (end > begin && is_space(text[end - 1])) --end;
    if (begin == end)
      return {std::nullopt, CompileError{source_map.locate(open),
                                         "empty '{{ }}': put an expression between the braces"}};
    CompileResult span =
        lang::compile(text.substr(begin, end - begin), source_map.locate(begin), names);
    if (span.error) return {std::nullopt, std::move(span.error)};
    result.literals_.push_back(std::move(literal));
    literal.clear();
    result.spans_.push_back(std::move(span.expression));
    position = *close + 2;
  }
  result.literals_.push_back(std::move(literal));
  return {std::move(result), std::nullopt};
}

std::string Template::render(const Environment& environment, std::string* failure,
                             const EvalLimits& limits) const {
  std::string text = literals_.empty() ? std::string() : literals_.front();
  bool failed = false;
  for (std::size_t i = 0; i < spans_.size(); ++i) {
    if (text.size() > kMaxRenderedBytes) break;
    Value value = evaluate(*spans_[i], environment, limits);
    if (value.is_error()) {
      text += "<error: " + value.as_string() + ">";
      if (failure && !failed) *failure = value.as_string();
      failed = true;
    } else {
      append_display(text, value, kMaxRenderedBytes);
    }
    text += literals_[i + 1];
  }
  if (text.size() > kMaxRenderedBytes) {
    std::size_t cut = kMaxRenderedBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
    text = text.substr(0, cut) + "…";
  }
  return text;
}

}  // namespace deploy_advisor::lang
