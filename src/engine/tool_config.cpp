#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include <fmt/format.h>

#include "deploy_advisor/engine/config.hpp"
#include "deploy_advisor/load/readers.hpp"

namespace deploy_advisor {

namespace {

class ConfigReader {
 public:
  ConfigReader(const ProfileSet& profiles, std::vector<InputError>& errors)
      : profiles_(profiles), errors_(errors) {
    for (const Rule* r : profiles.rules()) ids_.push_back(r->id);
  }

  void read(const Node& root, ToolConfig& config) {
    if (root.is_null()) return;
    if (!root.is_mapping()) return fail(root, "", "expected a mapping with disable, severity and waivers");
    keys(root, "", {"disable", "severity", "waivers"});
    if (const Node* disable = root.find("disable")) {
      if (!disable->is_sequence()) fail(*disable, "disable", "expected a list of rule ids");
      else
        for (const auto& id : disable->items())
          if (rule_id(id, "disable")) config.disabled.push_back(id.text());
    }
    if (const Node* severity = root.find("severity")) {
      if (!severity->is_mapping()) {
        fail(*severity, "severity", "expected a mapping of rule id to error, warning or info");
      } else {
        for (const auto& [k, v] : severity->entries()) {
          Severity s;
          if (!rule_id(k, "severity")) continue;
          if (!v.is_scalar() || !parse_severity(v.text(), &s))
            fail(v, "severity." + k.text(), fmt::format("found {}; expected error, warning or info", describe(v)));
          else
            config.severities.emplace_back(k.text(), s);
        }
      }
    }
    if (const Node* waivers = root.find("waivers")) {
      if (!waivers->is_sequence()) fail(*waivers, "waivers", "expected a list of waivers");
      else
        for (const auto& w : waivers->items()) waiver(w, config);
    }
  }

 private:
  void fail(const Node& at, const std::string& path, const std::string& what) {
    errors_.push_back({at.location(), path.empty() ? what : path + ": " + what});
  }

  void keys(const Node& map, const std::string& path, const std::vector<std::string>& known) {
    for (const auto& [k, v] : map.entries()) {
      if (std::find(known.begin(), known.end(), k.text()) != known.end()) continue;
      std::string suggestion = did_you_mean(k.text(), known);
      fail(k, path, fmt::format("unknown key '{}'{}; expected one of {}", k.text(),
                                suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion),
                                fmt::format("{}", fmt::join(known, ", "))));
    }
  }

  bool rule_id(const Node& node, const std::string& path) {
    if (node.is_scalar() && profiles_.find_rule(node.text())) return true;
    std::string suggestion = node.is_scalar() ? did_you_mean(node.text(), ids_) : "";
    fail(node, path, fmt::format("{} is not a rule id{}; 'deploy-advisor rules' lists them",
                                 node.is_scalar() ? "'" + node.text() + "'" : describe(node),
                                 suggestion.empty() ? "" : fmt::format(" (did you mean {}?)", suggestion)));
    return false;
  }

  void waiver(const Node& node, ToolConfig& config) {
    if (!node.is_mapping()) return fail(node, "waivers", "expected {rule, component, reason, expires}");
    keys(node, "waivers", {"rule", "component", "reason", "expires"});
    ToolConfig::Waiver w;
    w.location = node.location();
    const Node* rule = node.find("rule");
    if (!rule) return fail(node, "waivers.rule", "required key is missing; expected a rule id");
    if (!rule_id(*rule, "waivers.rule")) return;
    w.rule = rule->text();
    if (const Node* component = node.find("component")) {
      std::string text = component->text();
      auto slash = text.find('/');
      if (!component->is_scalar() || slash == std::string::npos)
        return fail(*component, "waivers.component", "expected product/component, e.g. tracardi/api-public");
      w.product = text.substr(0, slash);
      w.component = text.substr(slash + 1);
    }
    const Node* reason = node.find("reason");
    if (!reason || !reason->is_scalar() || reason->text().empty())
      return fail(reason ? *reason : node, "waivers.reason", "a waiver needs a reason; expected text");
    w.reason = reason->text();
    if (const Node* expires = node.find("expires")) {
      if (!expires->is_scalar() || !is_calendar_date(expires->text()))
        return fail(*expires, "waivers.expires", fmt::format("found {}; expected a date YYYY-MM-DD", describe(*expires)));
      w.expires = expires->text();
    }
    config.waivers.push_back(std::move(w));
  }

  const ProfileSet& profiles_;
  std::vector<InputError>& errors_;
  std::vector<std::string> ids_;
};

}  // namespace

ToolConfig load_tool_config(const std::string& path, const FileSystem& files, const ProfileSet& profiles) {
  ToolConfig config;
  config.path = path;
  const std::string* file = intern_file_name(path);
  auto read = files.read(path, ReadLimits{}.max_bytes);
  if (read.status != FileSystem::Status::Ok)
    throw InputFailure({{Location{file, 1, 1}, fmt::format("cannot read the configuration: {}", describe(read.status))}});
  ParseResult parsed = parse_yaml(read.contents, file);
  if (!parsed.ok()) throw InputFailure(std::move(parsed.errors));
  std::vector<InputError> errors;
  ConfigReader(profiles, errors).read(parsed.root, config);
  if (!errors.empty()) throw InputFailure(std::move(errors));
  return config;
}

std::string find_tool_config(const FileSystem& files, const std::string& folder, const std::string& root) {
  // The search stops at the root: a configuration above the repository is not the
  // repository's, and must not disable its rules.
  std::filesystem::path at = std::filesystem::path(folder.empty() ? "." : folder).lexically_normal();
  for (int depth = 0; depth < 256 && is_inside(root, at.string()); ++depth) {
    auto candidate = (at / ".deploy-advisor.yaml").string();
    if (files.kind(candidate) != FileSystem::Kind::Missing) return candidate;
    if (std::filesystem::absolute(at).lexically_normal() == std::filesystem::absolute(root).lexically_normal()) break;
    at = (at / "..").lexically_normal();
  }
  return {};
}

void apply_tool_config(const ToolConfig& config, const std::string& today, std::vector<Finding>& findings,
                       std::vector<bool>* used) {
  if (used) used->resize(config.waivers.size(), false);
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const Finding& f) {
                                  return std::find(config.disabled.begin(), config.disabled.end(),
                                                   f.rule_id) != config.disabled.end();
                                }),
                 findings.end());
  for (auto& f : findings) {
    for (const auto& [id, severity] : config.severities)
      if (f.rule_id == id) f.severity = severity;
    for (std::size_t i = 0; i < config.waivers.size(); ++i) {
      const auto& w = config.waivers[i];
      if (w.rule != f.rule_id) continue;
      if (!w.product.empty() && (w.product != f.product || w.component != f.component)) continue;
      if (used) (*used)[i] = true;
      // Dates as YYYY-MM-DD compare correctly as text.
      if (!w.expires.empty() && w.expires < today) {
        f.message += fmt::format(" (a waiver for this finding expired on {}: {})", w.expires, w.reason);
        continue;
      }
      f.waived = true;
      f.waiver = {w.reason, w.expires, WaiverNote::Source::Config};
    }
  }
}

std::string today_utc() {
  if (const char* fixed = std::getenv("DEPLOY_ADVISOR_TODAY"); fixed && is_calendar_date(fixed)) return fixed;
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

}  // namespace deploy_advisor
