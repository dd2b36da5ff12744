#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/location.hpp"

namespace deploy_advisor {

/// `# deploy-advisor: ignore=TR004 reason="GUI API is behind the VPN" until=2027-03-31`,
/// written in a topology or a native YAML file. One entry per rule id it names.
struct InlineWaiver {
  std::string rule;
  std::string reason;
  std::string until;  // YYYY-MM-DD, or "" for no end
  Location location;  // the comment's `#`
  /// The line it waives: its own line after content, or the next line that is neither blank
  /// nor a comment when the comment stands alone. 0 when no such line follows.
  std::uint32_t target_line = 0;
};

/// Collects the waiver comments of a YAML text. yaml-cpp drops comments, so this is a line
/// scanner over the bytes already read: a `#` at the start of a line or after a blank, outside
/// a quoted scalar on that line, starts a comment. A malformed waiver (no reason, a bad date,
/// an unknown key) is an input error located in the comment.
std::vector<InlineWaiver> scan_waiver_comments(std::string_view text, const std::string* file,
                                               std::vector<InputError>& errors);

/// True for a real date written YYYY-MM-DD (2027-02-29 is not one).
bool is_calendar_date(std::string_view text);

}  // namespace deploy_advisor
