#include "deploy_advisor/common/quoting.hpp"

#include <fmt/format.h>

namespace deploy_advisor {

std::string double_quoted(std::string_view text, ControlEscape control) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c >= 0x20) out += static_cast<char>(c);
        else if (control == ControlEscape::Json) out += fmt::format("\\u{:04x}", c);
        else out += fmt::format("\\x{:02x}", c);
    }
  }
  return out + "\"";
}

}  // namespace deploy_advisor
