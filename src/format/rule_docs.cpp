#include <fmt/format.h>

#include "deploy_advisor/format/rule_docs.hpp"

namespace deploy_advisor {

namespace {

std::string product_title(const Rule& rule) {
  if (rule.product == "general") return "all products";
  if (rule.product.empty()) return rule.product;
  std::string t = rule.product;
  t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  return t;
}

std::string trim_trailing_newlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

void example_block(std::string& out, const RuleExample& example) {
  out += "```yaml\n" + trim_trailing_newlines(example.topology) + "\n```\n";
  for (const auto& [path, content] : example.files) {
    std::string lang = path.ends_with(".py") ? "python" : path.ends_with(".json") ? "json" : "yaml";
    out += fmt::format("\n`{}`:\n\n```{}\n{}\n```\n", path, lang, trim_trailing_newlines(content));
  }
}

}  // namespace

std::string rule_page(const Rule& rule) {
  std::string out;
  out += fmt::format("# {} {}\n\n", rule.id, rule.name);
  out += fmt::format("{}\n\n", rule.title);
  out += fmt::format("| severity | product | runs |\n|---|---|---|\n| {} | {} | {} |\n\n",
                     to_string(rule.severity), product_title(rule),
                     rule.production_only ? "only when `environment: production`" : "in every environment");
  out += "## Problematic topology\n\n";
  if (rule.violating.empty()) out += "(no example)\n";
  else example_block(out, rule.violating);
  out += "\n## Correct topology\n\n";
  if (rule.passing.empty()) out += "(no example)\n";
  else example_block(out, rule.passing);
  out += "\n## Rationale and source\n\n";
  if (!rule.rationale.empty()) out += trim_trailing_newlines(rule.rationale) + "\n\n";
  out += "Source: " + trim_trailing_newlines(rule.basis) + "\n\n";
  if (!rule.implemented_in.empty()) {
    std::string files;
    for (const auto& file : rule.implemented_in)
      files += fmt::format("{}[`{}`](../../{})", files.empty() ? "" : ", ", file, file);
    out += "Implemented in code, check by check: " + files + "; each check is tested in `tests/model`.\n\n";
  }
  out += "## How to fix\n\n" + trim_trailing_newlines(rule.fix_text) + "\n\n";
  out += "## How to waive\n\n";
  out += fmt::format(
      "A finding of {0} makes `check` fail only at or above `--fail-on` (default `error`). "
      "To accept it consciously, waive it in `.deploy-advisor.yaml` (in the topology's folder "
      "or above it, or given with `--config`). A waiver names the rule, optionally one "
      "`product/component`, a reason and an expiry date; a waived finding is still reported, "
      "marked as waived, and no longer fails the run. After its date the waiver no longer "
      "applies, and the finding says so.\n\n"
      "```yaml\nwaivers:\n  - rule: {0}\n    component: {1}/name-of-component   # optional\n"
      "    reason: \"why this deployment differs\"\n    expires: 2027-03-31\n```\n\n"
      "`disable: [{0}]` in the same file turns the rule off altogether, and "
      "`severity: {{{0}: info}}` changes its severity.\n",
      rule.id, rule.product == "general" ? "tracardi" : rule.product);
  return out;
}

std::string rules_index(const std::vector<const Rule*>& rules) {
  std::string out = "# Rules\n\n";
  out += "Every rule `deploy-advisor check` evaluates, generated from `profiles/*.yaml` "
         "(`deploy-advisor docs docs/rules`). Ids are stable and never reused.\n\n";
  out += "| id | name | severity | product | production only | title |\n|---|---|---|---|---|---|\n";
  for (const Rule* r : rules)
    out += fmt::format("| [{0}]({0}.md) | {1} | {2} | {3} | {4} | {5} |\n", r->id, r->name,
                       to_string(r->severity), product_title(*r), r->production_only ? "yes" : "no",
                       r->title);
  return out;
}

std::string rule_explanation(const Rule& rule) { return rule_page(rule); }

}  // namespace deploy_advisor
