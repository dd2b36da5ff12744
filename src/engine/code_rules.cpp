#include "engine/code_rules.hpp"

#include "model/metarank_config_validation.hpp"

namespace deploy_advisor {

namespace {

std::vector<Finding> metarank_config_rejected(const CodeRuleInput& input) {
  return validate_metarank_config(
      input.product.config, MetarankRelease{input.version, input.defaults.get("metarank.config_layout")});
}

const std::vector<CodeRule>& code_rules() {
  static const std::vector<CodeRule> rules = {
      {kMetarankConfigRejected, "metarank", "src/model/metarank_config_validation.cpp",
       {"metarank.config_layout"}, metarank_config_rejected},
  };
  return rules;
}

}  // namespace

const CodeRule* find_code_rule(std::string_view id) {
  for (const auto& rule : code_rules())
    if (rule.id == id) return &rule;
  return nullptr;
}

}  // namespace deploy_advisor
