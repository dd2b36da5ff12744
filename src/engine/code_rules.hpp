#pragma once

// The rules a profile declares with `source: code`: their findings come from a check written in
// C++ rather than from an expression, because it mirrors a product's own validator value by
// value (too many checks for one expression to be read or tested piece by piece). The profile
// keeps the rule's id, name, severity, texts and examples; the check sets the message, fix,
// location and component of each finding (without a fix, the rule's `fix` applies).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/model/topology.hpp"

namespace deploy_advisor {

/// What a check sees of one product: what expressions see as `product`, `config`, `cluster`,
/// `apis`, `version` and `defaults`.
struct CodeRuleInput {
  const LoadedProduct& product;
  const std::string& version;  // the release in words, as `version` reads
  const Value& defaults;       // the product defaults of that release, as `defaults` reads
};

struct CodeRule {
  std::string_view id;
  std::string_view product;
  std::vector<std::string> implemented_in;  // the source files, cited on the rule's page
  std::vector<std::string> defaults_read;  // checked against the profile by verify_profiles
  std::function<std::vector<Finding>(const CodeRuleInput&)> check;
};

/// The check of rule `id`, or null when the code has none.
const CodeRule* find_code_rule(std::string_view id);

}  // namespace deploy_advisor
