#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "deploy_advisor/engine/config.hpp"
#include "deploy_advisor/engine/engine.hpp"
#include "engine/code_rules.hpp"
#include "engine/product_environment.hpp"

namespace deploy_advisor {

namespace {

class RuleRunner {
 public:
  RuleRunner(const LoadedTopology& topology, std::vector<Finding>& findings,
             std::vector<InputError>& errors)
      : topology_(topology), findings_(findings), errors_(errors), budget_{run_steps(topology)} {}

  void run(const Rule& rule, const LoadedProduct& product, const lang::Environment& base) {
    if (budget_reported_) return;  // the run's budget is spent: the topology fails already
    if (rule.from_code) return run_code(rule, product, base);
    if (!rule.each) {
      evaluate_one(rule, product, base, Value::absent(product.location), false);
      return;
    }
    // `each` walks the whole input once (e.g. every container of every API), so it gets a
    // budget that large topologies cannot exhaust; per-item expressions keep the default.
    const lang::Expression* each = compiled(rule, rule.each);
    if (!each) return;
    Value items = lang::evaluate(*each, base, lang::EvalLimits{50'000'000, &budget_});
    if (items.is_error()) return fail(rule, product.location, "each", items.as_string());
    if (items.is_unset()) return;
    if (!items.is_list()) return fail(rule, product.location, "each", fmt::format("gave a {}, expected a list",
                                                                kind_name(items.kind())));
    for (const auto& item : items.as_list()) {
      if (budget_reported_) return;
      evaluate_one(rule, product, base, item, true);
    }
  }

 private:
  /// The rule's expression, compiled on first use; a compile error is an input error at the
  /// expression's place in the profile.
  const lang::Expression* compiled(const Rule& rule, const LazyExpression& expression) {
    std::optional<lang::CompileError> error;
    const lang::Expression* e = expression.get(&error);
    if (!e && error) {
      InputError input_error{error->location, fmt::format("rule {}: {}", rule.id, error->message)};
      bool known = std::any_of(errors_.begin(), errors_.end(), [&](const InputError& x) {
        return x.location == input_error.location && x.message == input_error.message;
      });
      if (!known) errors_.push_back(std::move(input_error));
    }
    return e;
  }

  lang::EvalLimits limits() { return lang::EvalLimits{1'000'000, &budget_}; }

  /// A `source: code` rule: its check sets message, fix, location and component; the profile
  /// gives the rest, as for an expression's finding.
  void run_code(const Rule& rule, const LoadedProduct& product, const lang::Environment& base) {
    const CodeRule* check = find_code_rule(rule.id);
    const Value* version = base.lookup("version");
    const Value* defaults = base.lookup("defaults");
    if (!check || !version || !defaults) return;  // the profile loader refuses such a rule
    for (Finding& f : check->check(CodeRuleInput{product, version->as_string(), *defaults})) {
      f.rule_id = rule.id;
      f.rule_name = rule.name;
      f.severity = rule.severity;
      f.product = product.name;
      if (f.fix.empty()) f.fix = rule.fix_text;  // the same for every finding of the rule
      findings_.push_back(std::move(f));
    }
  }

  /// A rule that cannot be evaluated is an input error at the user's input it was evaluated
  /// on (the item of `each`, else the product's section), never at the rule's line: a built-in
  /// profile is a file the user does not have, and a custom rule that works elsewhere fails
  /// because of this input. The message names the rule and where it is defined.
  void fail(const Rule& rule, const Location& input, const std::string& part,
            const std::string& message) {
    // The run's budget is spent by the topology's size: reported once, at the topology.
    if (budget_.remaining == 0) {
      if (budget_reported_) return;  // every later evaluation fails the same way
      budget_reported_ = true;
      errors_.push_back({topology_.root.location(), fmt::format("rule {} could not be evaluated on {} ({}): {}",
                                                              rule.id, topology_.path, part, message)});
      return;
    }
    errors_.push_back({input, fmt::format("rule {} ({}) could not be evaluated on this input ({}): {}",
                                          rule.id, to_string(rule.defined_at), part, message)});
  }

  void evaluate_one(const Rule& rule, const LoadedProduct& product, const lang::Environment& base,
                    const Value& item, bool has_item) {
    lang::Environment env = base;
    if (has_item) {
      env.bind(rule.as, item);
      if (rule.as != "item") env.bind("item", item);
    }
    const Location input = has_item && item.location().known() ? item.location() : product.location;
    const lang::Expression* when = compiled(rule, rule.when);
    if (!when) return;
    Value verdict = lang::evaluate(*when, env, limits());
    if (verdict.is_error()) return fail(rule, input, "when", verdict.as_string());
    if (verdict.is_unset()) return;  // undecidable without the input: no finding (no guessing)
    if (!verdict.is_bool()) return fail(rule, input, "when", fmt::format("gave a {}, expected true or false",
                                                                  kind_name(verdict.kind())));
    if (!verdict.as_bool()) return;

    Finding f;
    f.rule_id = rule.id;
    f.rule_name = rule.name;
    f.severity = rule.severity;
    f.product = product.name;
    std::string failure;
    std::optional<lang::CompileError> compile_error;
    const lang::Template* message = rule.message.get(&compile_error);
    const lang::Template* fix = rule.fix.get(&compile_error);
    if (compile_error) {
      errors_.push_back({compile_error->location,
                         fmt::format("rule {}: {}", rule.id, compile_error->message)});
      return;
    }
    f.message = message ? message->render(env, &failure, limits()) : rule.title;
    if (!failure.empty()) return fail(rule, input, "message", failure);
    f.fix = fix ? fix->render(env, &failure, limits()) : rule.fix_text;
    if (!failure.empty()) return fail(rule, input, "fix", failure);
    Location at = has_item ? item.location() : product.location;
    if (rule.location) {
      const lang::Expression* location = compiled(rule, rule.location);
      if (!location) return;
      Value where = lang::evaluate(*location, env, limits());
      if (where.is_error()) return fail(rule, input, "location", where.as_string());
      if (where.location().known()) at = where.location();
    }
    f.location = at;
    f.message += merge_note(at);  // which use of a shared anchor the finding is about
    if (rule.component) {
      const lang::Expression* component_expression = compiled(rule, rule.component);
      if (!component_expression) return;
      Value component = lang::evaluate(*component_expression, env, limits());
      if (component.is_error()) return fail(rule, input, "component", component.as_string());
      if (component.is_string()) f.component = component.as_string();
    } else if (has_item && item.get("name").is_string()) {
      f.component = item.get("name").as_string();
    }
    for (const auto& patch : rule.patches) {
      const lang::Expression* value = compiled(rule, patch.value);
      if (!value) return;
      Value v = lang::evaluate(*value, env, limits());
      if (v.is_error()) return fail(rule, input, "patch", v.as_string());
      if (!v.is_unset()) f.remedies.push_back({patch.path, v});
    }
    findings_.push_back(std::move(f));
  }

  const LoadedTopology& topology_;
  std::vector<Finding>& findings_;
  std::vector<InputError>& errors_;
  lang::RunBudget budget_;
  bool budget_reported_ = false;
};

}  // namespace

std::vector<Finding> check_topology(const ProfileSet& profiles, const LoadedTopology& topology,
                                    const std::vector<ProductSizing>& sizing) {
  std::vector<Finding> findings;
  std::vector<InputError> errors;
  findings.reserve(topology.warnings.size());
  // The loader's findings are few rule ids many times over (150,000 DA002 of an aliased map):
  // each id is looked up once.
  std::unordered_map<std::string, const Rule*> loader_rules;
  for (const auto& warning : topology.warnings) {
    Finding& f = findings.emplace_back(warning);
    auto [known, fresh] = loader_rules.emplace(f.rule_id, nullptr);
    if (fresh) known->second = profiles.find_rule(f.rule_id);
    if (const Rule* rule = known->second) {
      f.rule_name = rule->name;
      // The loader raises the severity where the product rejects the file (Cortex).
      f.severity = std::max(f.severity, rule->severity);
    }
  }
  RuleRunner runner(topology, findings, errors);
  auto rules = profiles.rules();
  for (const auto& product : topology.products) {
    const ProductSizing* product_sizing = nullptr;
    for (const auto& s : sizing)
      if (s.product == product.name) product_sizing = &s;
    lang::Environment env = product_environment(topology, product, product_sizing);
    bind_version(env, profiles, product);
    ProductVersion version = product_version(product);
    if (product_sizing) {
      Value::List missing;
      for (const auto& m : product_sizing->missing_inputs) missing.push_back(Value::string(m));
      env.bind("missing_inputs", Value::list(std::move(missing), product.traffic.location()));
    }
    for (const Rule* rule : rules)
      if (applies(*rule, product, topology, version)) runner.run(*rule, product, env);
  }
  apply_inline_waivers(profiles, topology.inline_waivers, today_utc(), findings, errors);
  if (!errors.empty()) throw InputFailure(std::move(errors));
  resolve_targets(findings, sizing);
  sort_findings(findings);
  return findings;
}

std::vector<RuleSelection> select_rules(const ProfileSet& profiles, const LoadedTopology& topology) {
  std::vector<RuleSelection> selections;
  // Once per product, not per rule: finding the version reads every image in the product.
  std::vector<ProductVersion> versions;
  versions.reserve(topology.products.size());
  for (const auto& product : topology.products) versions.push_back(product_version(product));
  for (const Rule* rule : profiles.rules()) {
    RuleSelection s{rule, rule->from_loader, false, {}};  // loader rules are checked while reading
    bool outside_versions = false;
    for (std::size_t i = 0; i < topology.products.size(); ++i) {
      const LoadedProduct& product = topology.products[i];
      const ProductVersion& version = versions[i];
      bool runs = applies(*rule, product, topology, version);
      s.evaluated = s.evaluated || runs;
      outside_versions = outside_versions ||
                         (!runs && (rule->product == "general" || rule->product == product.name) &&
                          !version_in_range(version.number, rule->since, rule->until));
    }
    s.product_present = rule->product == "general" || rule->from_loader ||
                        std::any_of(topology.products.begin(), topology.products.end(),
                                    [&](const LoadedProduct& p) { return p.name == rule->product; });
    if (!s.evaluated)
      s.skipped_because =
          !s.product_present ? fmt::format("the topology has no {} section", rule->product)
          : outside_versions ? std::string("holds for other versions of the product than the one declared")
                       : fmt::format("runs only when environment is production (here: {})",
                                     topology.environment.empty() ? "not set" : topology.environment);
    selections.push_back(std::move(s));
  }
  return selections;
}

}  // namespace deploy_advisor
