#include "model/native_keys.hpp"

#include <fmt/format.h>

#include "deploy_advisor/common/diagnostics.hpp"

namespace deploy_advisor {

namespace {

const std::vector<KeyAlias> kNoAliases;

class KeyChecker {
 public:
  KeyChecker(const std::vector<KeyAlias>& aliases, const std::string& what, std::string consequence,
             std::vector<Finding>& warnings, Severity severity = Severity::Warning,
             std::string component = "")
      : aliases_(aliases), what_(what), consequence_(std::move(consequence)), warnings_(warnings),
        severity_(severity), component_(std::move(component)) {}

  void check(const Node& node, const KeyTree& tree, const std::string& path, int depth) {
    if (tree.open || depth > 32) return;
    if (tree.list_of_maps && node.is_sequence()) {
      for (const auto& item : node.items()) check_map(item, tree, path + "[]", depth + 1);
      return;
    }
    check_map(node, tree, path, depth);
  }

 private:
  void check_map(const Node& node, const KeyTree& tree, const std::string& path, int depth) {
    if (!node.is_mapping() || tree.children.empty()) return;
    for (const auto& [k, v] : node.entries()) {
      const KeyTree* child = nullptr;
      for (const auto& c : tree.children)
        if (c.name == k.text()) child = &c;
      std::string key_path = path.empty() ? k.text() : path + "." + k.text();
      if (child) {
        check(v, *child, key_path, depth + 1);
        continue;
      }
      report(k, key_path, path, tree);
    }
  }

  void report(const Node& key, const std::string& key_path, const std::string& parent,
              const KeyTree& tree) {
    Finding f;
    f.rule_id = "DA002";
    f.severity = severity_;
    f.component = component_;
    f.location = key.location();
    std::string where = parent.empty() ? "at the top level of " + what_ : "in " + what_ + " " + parent;
    for (const auto& alias : aliases_) {
      if (alias.path != key_path) continue;
      f.message = fmt::format("unknown key '{}' {}: {}; the product reads '{}'", key.text(), where,
                              alias.note, alias.replacement);
      f.fix = fmt::format("Use '{}' instead of '{}'.", alias.replacement, key.text());
      f.message += merge_note(key.location());
      warnings_.push_back(std::move(f));
      return;
    }
    std::vector<std::string> names;
    for (const auto& c : tree.children) names.push_back(c.name);
    std::string suggestion = did_you_mean(key.text(), names);
    f.message = fmt::format("unknown key '{}' {}", key.text(), where);
    if (!suggestion.empty()) f.message += fmt::format("; did you mean '{}'?", suggestion);
    f.message += "; " + consequence_ + merge_note(key.location());
    f.fix = suggestion.empty() ? fmt::format("Remove '{}' or correct its name.", key.text())
                               : fmt::format("Rename '{}' to '{}'.", key.text(), suggestion);
    warnings_.push_back(std::move(f));
  }

  const std::vector<KeyAlias>& aliases_;
  const std::string& what_;
  std::string consequence_;
  std::vector<Finding>& warnings_;
  Severity severity_;
  std::string component_;
};

}  // namespace

void check_native_keys(NativeKind format, const Node& root, const std::string& what,
                       std::vector<Finding>& warnings, const std::string& component) {
  switch (format) {
    case NativeKind::None:
    case NativeKind::MetaflowFlows:  // Python sources: read by the flow scanner, not by key
      return;
    case NativeKind::MetarankConfig:
      KeyChecker(metarank_config_aliases(), what, "Metarank ignores it", warnings)
          .check(root, metarank_config_keys(), "", 0);
      return;
    case NativeKind::MetaflowConfig:
      KeyChecker(kNoAliases, what, "Metaflow ignores it", warnings).check(root, metaflow_config_keys(), "", 0);
      check_metaflow_config_keys(root, what, warnings);
      return;
    case NativeKind::CortexCluster:
      // Cortex validates its files strictly: `cortex cluster up` stops on an unknown key.
      KeyChecker(kNoAliases, what, "Cortex rejects the file with it", warnings, Severity::Error,
                 component)
          .check(root, cortex_cluster_keys(), "", 0);
      return;
    case NativeKind::CortexApis:
      KeyChecker(kNoAliases, what, "Cortex rejects the file with it", warnings, Severity::Error,
                 component)
          .check(root, cortex_api_keys(), "", 0);
      return;
  }
}

}  // namespace deploy_advisor
