#include "deploy_advisor/load/waiver_comments.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace deploy_advisor {

namespace {

constexpr std::string_view kDirective = "deploy-advisor:";

struct Line {
  std::string_view text;
  std::uint32_t number = 0;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::uint32_t number = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({line, ++number});
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// 1-based column in code points, as every other location counts them.
std::uint32_t column_of(std::string_view line, std::size_t byte) {
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < byte && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  return column;
}

/// Where the line's comment starts, or npos. A quote opens a quoted scalar only where a
/// scalar can start (after `: `, `- `, `[`, `{`, `,` or at the line's first character), so an
/// apostrophe inside plain text (`it's`) does not hide a comment.
std::size_t comment_start(std::string_view line) {
  char quote = 0;
  char previous_token = 0;  // the last character that is not blank, 0 at the line start
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote == '"') {
      if (c == '\\') ++i;
      else if (c == '"') quote = 0;
      continue;
    }
    if (quote == '\'') {
      if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') ++i;
      else if (c == '\'') quote = 0;
      continue;
    }
    bool after_blank = i == 0 || is_blank(line[i - 1]);
    if (c == '#' && after_blank) return i;
    if ((c == '"' || c == '\'') &&
        (previous_token == 0 || std::string_view(":-[{,?").find(previous_token) != std::string_view::npos) &&
        (after_blank || previous_token == '[' || previous_token == '{' || previous_token == ','))
      quote = c;
    if (!is_blank(c)) previous_token = c;
  }
  return std::string_view::npos;
}

bool is_comment_or_blank(std::string_view line) {
  auto first = line.find_first_not_of(" \t");
  return first == std::string_view::npos || line[first] == '#';
}

class DirectiveParser {
 public:
  DirectiveParser(const Line& line, std::size_t hash, const std::string* file,
                  std::vector<InputError>& errors)
      : line_(line), hash_(hash), file_(file), errors_(errors) {}

  /// Parses `key=value …` from `pos`; false (after reporting) when the comment is malformed.
  bool parse(std::size_t pos, std::vector<std::string>& rules, std::string& reason, std::string& until) {
    const std::vector<std::string> known = {"ignore", "reason", "until"};
    bool seen_ignore = false, seen_reason = false;
    std::string_view text = line_.text;
    while (true) {
      while (pos < text.size() && is_blank(text[pos])) ++pos;
      // A further `#` starts an ordinary comment after the waiver.
      if (pos >= text.size() || text[pos] == '#') break;
      std::size_t key_start = pos;
      while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '_' ||
                                   text[pos] == '-'))
        ++pos;
      std::string key(text.substr(key_start, pos - key_start));
      if (key.empty() || pos >= text.size() || text[pos] != '=') {
        return fail(key_start, fmt::format("expected key=value (ignore=RULE-ID reason=\"why\" "
                                           "until=YYYY-MM-DD), found '{}'",
                                           text.substr(key_start, std::min<std::size_t>(20, text.size() - key_start))));
      }
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string suggestion = did_you_mean(key, known);
        return fail(key_start, fmt::format("unknown key '{}'{}; expected ignore, reason or until", key,
                                           suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion)));
      }
      ++pos;
      std::size_t value_start = pos;
      std::string value;
      if (!read_value(pos, value)) return false;
      if (key == "ignore") {
        seen_ignore = true;
        std::size_t from = 0;
        while (from <= value.size()) {
          auto comma = value.find(',', from);
          std::string id = value.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
          if (id.empty()) return fail(value_start, "ignore: expected rule ids separated by commas, e.g. ignore=TR004");
          rules.push_back(std::move(id));
          if (comma == std::string::npos) break;
          from = comma + 1;
        }
      } else if (key == "reason") {
        seen_reason = true;
        reason = value;
      } else {
        if (!is_calendar_date(value))
          return fail(value_start, fmt::format("until: '{}' is not a date; expected YYYY-MM-DD", value));
        until = value;
      }
    }
    if (!seen_ignore) return fail(hash_, "a waiver comment needs the rules it waives: ignore=RULE-ID");
    if (!seen_reason || reason.empty())
      return fail(hash_, fmt::format("the waiver of {} needs a reason: add reason=\"why this deployment differs\"",
                                     fmt::join(rules, ", ")));
    return true;
  }

 private:
  bool read_value(std::size_t& pos, std::string& value) {
    std::string_view text = line_.text;
    if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'')) {
      char quote = text[pos];
      std::size_t open = pos++;
      while (pos < text.size() && text[pos] != quote) {
        if (quote == '"' && text[pos] == '\\' && pos + 1 < text.size()) ++pos;
        value += text[pos++];
      }
      if (pos >= text.size()) return fail(open, fmt::format("the value opened with {} is not closed on this line", quote));
      ++pos;
      return true;
    }
    std::size_t start = pos;
    while (pos < text.size() && !is_blank(text[pos])) ++pos;
    value = std::string(text.substr(start, pos - start));
    return true;
  }

  bool fail(std::size_t byte, const std::string& what) {
    errors_.push_back({Location{file_, line_.number, column_of(line_.text, byte)}, "waiver comment: " + what});
    return false;
  }

  const Line& line_;
  std::size_t hash_;
  const std::string* file_;
  std::vector<InputError>& errors_;
};

}  // namespace

bool is_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  auto number = [&](std::size_t from, std::size_t count) {
    int n = 0;
    for (std::size_t i = from; i < from + count; ++i) n = n * 10 + (text[i] - '0');
    return n;
  };
  int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::vector<InlineWaiver> scan_waiver_comments(std::string_view text, const std::string* file,
                                               std::vector<InputError>& errors) {
  std::vector<InlineWaiver> waivers;
  // A cheap test first: most files have no waiver at all.
  if (text.find(kDirective) == std::string_view::npos) return waivers;
  std::vector<Line> lines = split_lines(text);
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const Line& line = lines[index];
    std::size_t hash = comment_start(line.text);
    if (hash == std::string_view::npos) continue;
    std::size_t pos = line.text.find_first_not_of(" \t", hash + 1);
    if (pos == std::string_view::npos || line.text.substr(pos, kDirective.size()) != kDirective) continue;
    std::vector<std::string> rules;
    std::string reason, until;
    if (!DirectiveParser(line, hash, file, errors).parse(pos + kDirective.size(), rules, reason, until)) continue;
    std::uint32_t target = line.number;
    if (line.text.find_first_not_of(" \t") == hash) {
      target = 0;
      for (std::size_t next = index + 1; next < lines.size(); ++next)
        if (!is_comment_or_blank(lines[next].text)) {
          target = lines[next].number;
          break;
        }
    }
    for (auto& rule : rules)
      waivers.push_back({std::move(rule), reason, until, Location{file, line.number, column_of(line.text, hash)}, target});
  }
  return waivers;
}

}  // namespace deploy_advisor
