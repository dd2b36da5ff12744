#include "format/markdown_text.hpp"

namespace deploy_advisor {

std::string markdown_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '|':
        out += "\\|";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string markdown_title(std::string_view product) {
  if (product == "general") return "General";
  if (product == "metarank") return "Metarank";
  if (product == "tracardi") return "Tracardi";
  if (product == "metaflow") return "Metaflow";
  if (product == "cortex") return "Cortex";
  std::string t(product);
  if (!t.empty()) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  return t;
}

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
