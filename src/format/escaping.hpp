#pragma once

#include <string>
#include <string_view>

namespace deploy_advisor {

// Every piece of user text (file names, component names, messages built from the topology)
// passes through one of these before it reaches a machine-read format.

/// GitHub workflow command data (after `::`): `%`, CR and LF become %25, %0D, %0A, so the text
/// stays on the command's line and nothing in it can begin a command of its own. Other
/// control characters become U+FFFD.
std::string escape_github_data(std::string_view text);
/// A workflow command property value (file=, title=): as data, and `:` and `,` become %3A and
/// %2C so that a value cannot end the property list or start another property.
std::string escape_github_property(std::string_view text);

/// XML 1.0 text or attribute value: the five special characters as entities; tab, LF and CR as
/// character references (so attributes keep them); the characters XML 1.0 cannot carry (other
/// control characters, U+FFFE, U+FFFF) and bytes that are not UTF-8 become U+FFFD.
std::string escape_xml(std::string_view text);

}  // namespace deploy_advisor
