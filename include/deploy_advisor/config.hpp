#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploy_advisor/file_system.hpp"
#include "deploy_advisor/finding.hpp"
#include "deploy_advisor/profile.hpp"

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
void apply_tool_config(const ToolConfig& config, const std::string& today, std::vector<Finding>& findings);

/// Today's date in UTC as YYYY-MM-DD (DEPLOY_ADVISOR_TODAY overrides it, for tests).
std::string today_utc();

}  // namespace deploy_advisor
