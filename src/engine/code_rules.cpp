#include "engine/code_rules.hpp"

#include "model/cortex_validation.hpp"
#include "model/metarank_config_validation.hpp"

namespace deploy_advisor {

namespace {

std::vector<Finding> metarank_config_rejected(const CodeRuleInput& input) {
  return validate_metarank_config(
      input.product.config, MetarankRelease{input.version, input.defaults.get("metarank.config_layout")});
}

std::vector<Finding> rejected_by_cortex(const CodeRuleInput& input) {
  // The cluster configuration is checked when the product names one, the API specs always.
  std::vector<Finding> findings;
  if (!input.product.section.get("cluster").is_unset()) findings = validate_cortex_cluster(input.product.cluster);
  for (auto& f : validate_cortex_apis(input.product.apis)) findings.push_back(std::move(f));
  return findings;
}

const std::vector<CodeRule>& code_rules() {
  static const std::vector<CodeRule> rules = {
      {kMetarankConfigRejected, "metarank", {"src/model/metarank_config_validation.cpp"},
       {"metarank.config_layout"}, metarank_config_rejected},
      {kRejectedByCortex, "cortex",
       {"src/model/cortex_validation.cpp", "src/model/cortex_api_validation.cpp"}, {}, rejected_by_cortex},
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
