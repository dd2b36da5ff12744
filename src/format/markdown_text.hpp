#pragma once

#include <string>
#include <string_view>

#include "deploy_advisor/common/finding.hpp"

namespace deploy_advisor {

/// The one escaping function for user text in Markdown (findings, report): safe inside a table
/// cell or a list item. Control characters are shown as escapes, newlines folded, every
/// character Markdown could read as markup backslash-escaped, and HTML made inert, so no link,
/// image, emphasis or HTML is produced; `@`, `://` and `www.` get a zero-width space so that
/// neither a mention nor an autolink is either.
std::string markdown_cell(std::string_view text);
/// User text as a code span (inside a table cell too): nothing in it is rendered.
std::string markdown_code(std::string_view text);
/// "tracardi" -> "Tracardi" (the built-in profile's title), unescaped; a product only a
/// --profiles profile declares reads as its name capitalised.
std::string product_title(std::string_view product);
/// product_title escaped with markdown_cell (a profile may declare the product).
std::string markdown_title(std::string_view product);
/// A word for the severity column header.
std::string severity_icon(Severity severity);

}  // namespace deploy_advisor
