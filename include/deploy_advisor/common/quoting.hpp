#pragma once

#include <string>
#include <string_view>

namespace deploy_advisor {

/// How a control character other than \n, \t and \r is written inside double quotes.
enum class ControlEscape {
  Json,  // \u001b
  Yaml,  // \x1b
};

/// `text` in double quotes with `"`, `\`, newline, tab, CR and other control characters
/// escaped; the same form for JSON strings and YAML double-quoted scalars.
std::string double_quoted(std::string_view text, ControlEscape control);

}  // namespace deploy_advisor
