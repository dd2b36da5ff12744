#pragma once

#include <string>
#include <string_view>

#include "deploy_advisor/finding.hpp"

namespace deploy_advisor {

/// Text made safe for one Markdown table cell: pipes escaped, newlines folded, HTML inert.
std::string markdown_cell(std::string_view text);
/// "tracardi" -> "Tracardi".
std::string markdown_title(std::string_view product);
/// A word for the severity column header.
std::string severity_icon(Severity severity);

}  // namespace deploy_advisor
