#include "format/markdown_text.hpp"

#include <algorithm>
#include <cctype>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/model/schema.hpp"

namespace deploy_advisor {

namespace {

constexpr const char* kZeroWidthSpace = "\u200b";

/// Newlines and carriage returns become spaces (a cell is one line), then `printable`.
std::string one_line(std::string_view text) {
  std::string folded(text);
  for (auto& c : folded)
    if (c == '\n' || c == '\r') c = ' ';
  return printable(folded);
}

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  return true;
}

}  // namespace

std::string markdown_cell(std::string_view raw) {
  std::string text = one_line(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '(':
      case ')':
      case '!':
      case '|':
      case '~':
      case '#':
        out += '\\';
        out += c;
        break;
      case '@':
        out += '@';
        out += kZeroWidthSpace;
        break;
      case ':':
        out += ':';
        if (i + 1 < text.size() && text[i + 1] == '/') out += kZeroWidthSpace;
        break;
      default:
        if ((c == 'w' || c == 'W') && starts_with_ci(text, i, "www.")) {
          out += text.substr(i, 3);
          out += kZeroWidthSpace;
          i += 2;
          break;
        }
        out += c;
    }
  }
  return out;
}

std::string markdown_code(std::string_view raw) {
  std::string text = one_line(raw);
  std::string body;
  std::size_t run = 0, longest = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    // A pipe ends a table cell even inside a code span (GFM splits cells first).
    if (c == '|') body += "\\|";
    else body += c;
  }
  std::string fence(longest + 1, '`');
  bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string product_title(std::string_view product) {
  if (product == "general") return "General";  // findings about the topology as a whole
  if (const ProductSpec* builtin = find_builtin_product(product)) return builtin->title;
  std::string t(product);
  if (!t.empty()) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  return t;
}

std::string markdown_title(std::string_view product) { return markdown_cell(product_title(product)); }

std::string severity_icon(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "Errors";
    case Severity::Warning:
      return "Warnings";
    case Severity::Info:
      return "Info";
  }
  return "";
}

}  // namespace deploy_advisor
