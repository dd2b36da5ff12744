#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/engine/profile.hpp"
#include "deploy_advisor/load/waiver_comments.hpp"

namespace deploy_advisor {

/// `.deploy-advisor.yaml`: rules switched off, severities changed, findings waived.
struct ToolConfig {
  struct Waiver {
    std::string rule;
    std::string product;    // "" matches every product
    std::string component;  // "" matches every component
    std::string reason;
    std::string expires;    // YYYY-MM-DD, or "" for no end
    Location location;
  };
  std::string path;  // "" when no file was found
  std::vector<std::string> disabled;
  std::vector<std::pair<std::string, Severity>> severities;
  std::vector<Waiver> waivers;
};

/// Reads a configuration file; every error (unknown key or rule id, bad date) is collected
/// and thrown as InputFailure.
ToolConfig load_tool_config(const std::string& path, const FileSystem& files, const ProfileSet& profiles);

/// `.deploy-advisor.yaml` in `folder` or the nearest folder above it, up to `root`, that has
/// one; "" if none.
std::string find_tool_config(const FileSystem& files, const std::string& folder, const std::string& root);

/// Drops disabled rules' findings, applies severity overrides and marks waived findings.
/// A waiver past its date (`today`, YYYY-MM-DD) no longer applies, and the finding says so.
/// When `used` is given (one flag per waiver), the flag of every waiver that matched a finding
/// is set, so that waivers matching nothing can be reported.
void apply_tool_config(const ToolConfig& config, const std::string& today, std::vector<Finding>& findings,
                       std::vector<bool>* used = nullptr);

/// The rule reporting a waiver or baseline entry that matches no finding.
inline constexpr const char* kUnusedWaiverRule = "DA006";

/// Marks the findings that a waiver comment covers (same file, the line the comment applies
/// to, same rule) and adds a DA006 finding for every comment that covers none. A rule id that
/// does not exist is an input error located in the comment.
void apply_inline_waivers(const ProfileSet& profiles, const std::vector<InlineWaiver>& waivers,
                          const std::string& today, std::vector<Finding>& findings,
                          std::vector<InputError>& errors);

/// A DA006 finding at `where`, with the rule's name and severity from the profiles.
Finding unused_waiver_finding(const ProfileSet& profiles, Location where, std::string message, std::string fix);

/// Today's date in UTC as YYYY-MM-DD (DEPLOY_ADVISOR_TODAY overrides it, for tests).
std::string today_utc();

}  // namespace deploy_advisor
