#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "deploy_advisor/config.hpp"
#include "deploy_advisor/engine.hpp"
#include "engine/code_rules.hpp"

namespace deploy_advisor {

namespace {

const std::vector<std::string>& volume_keys() {
  static const std::vector<std::string> keys = {"peak_requests_per_second", "peak_events_per_second",
                                                "events_per_day",           "profiles",
                                                "active_profiles_per_hour", "items"};
  return keys;
}

Value apply_growth(const Value& traffic) {
  Value growth = traffic.get("growth");
  double factor = growth.is_number() ? growth.as_number() : 1.0;
  Value::Map entries;
  for (const auto& [k, v] : traffic.as_map()) {
    bool volume = std::find(volume_keys().begin(), volume_keys().end(), k) != volume_keys().end();
    entries.emplace_back(k, volume && v.is_number() ? Value::number(v.as_number() * factor, v.location()) : v);
  }
  return Value::map(std::move(entries), traffic.location());
}

Value topology_view(const LoadedTopology& topology) { return topology.root; }

/// The product's components grouped by role, in the order written: `components_by_role.api`
/// finds the API components without scanning every component, so that a rule looking, for each
/// API, at the load balancers stays linear in the number of components.
Value components_by_role(const LoadedProduct& product) {
  Value::Map groups;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<Value::List> lists;
  std::vector<std::string> roles;
  for (const auto& c : product.components.as_list()) {
    std::string role = c.get("role").is_string() ? c.get("role").as_string() : std::string();
    auto [it, fresh] = index.emplace(role, lists.size());
    if (fresh) {
      lists.emplace_back();
      roles.push_back(role);
    }
    lists[it->second].push_back(c);
  }
  for (std::size_t i = 0; i < roles.size(); ++i)
    groups.emplace_back(roles[i], Value::list(std::move(lists[i]), product.components.location()));
  return Value::map(std::move(groups), product.components.location());
}

/// The product's components by name: `components_by_name[c.behind]` is the load balancer in
/// front of `c`, found in one step (maps of many entries are indexed by key; see Value::map).
Value components_by_name(const LoadedProduct& product) {
  Value::Map named;
  named.reserve(product.components.as_list().size());
  for (const auto& c : product.components.as_list())
    if (c.get("name").is_string()) named.emplace_back(c.get("name").as_string(), c);
  return Value::map(std::move(named), product.components.location());
}

/// One entry per (figure, component) the figure recommends for, for rules such as DA005.
Value recommendations(const LoadedProduct& product, const ProductSizing* sizing) {
  Value::List list;
  if (!sizing) return Value::list({}, product.location);
  std::unordered_map<std::string, const Value*> by_name;
  for (const auto& c : product.components.as_list())
    if (c.get("name").is_string()) by_name[c.get("name").as_string()] = &c;
  for (const auto& f : sizing->figures) {
    for (const auto& name : f.components) {
      Value component;
      if (auto it = by_name.find(name); it != by_name.end()) component = *it->second;
      list.push_back(Value::map({{"name", Value::string(f.name)},
                                 {"title", Value::string(f.title)},
                                 {"unit", Value::string(f.unit)},
                                 {"value", Value::number(f.value)},
                                 {"basis", Value::string(f.basis)},
                                 {"formula", Value::string(f.formula)},
                                 {"derived", Value::boolean(f.derived_from_traffic)},
                                 {"explanation", Value::string(f.explanation)},
                                 {"component", component}},
                                component.location()));
    }
  }
  return Value::list(std::move(list), product.location);
}

/// The variables every expression of one product sees.
lang::Environment product_environment(const LoadedTopology& topology, const LoadedProduct& product,
                                      const ProductSizing* sizing) {
  lang::Environment env;
  env.bind("topology", topology_view(topology));
  env.bind("production", Value::boolean(topology.environment == "production"));
  env.bind("product", product.section);
  env.bind("components", product.components);
  env.bind("components_by_role", components_by_role(product));
  env.bind("components_by_name", components_by_name(product));
  env.bind("traffic", product.traffic);
  env.bind("config", product.config);
  env.bind("cluster", product.cluster);
  env.bind("apis", product.apis);
  env.bind("flows", product.flows);
  Value::Map assumptions, figures;
  Value volume = sizing ? sizing->volume : apply_growth(product.traffic);
  if (sizing) {
    for (const auto& a : sizing->assumptions)
      if (a.product == product.name || a.product.empty())
        assumptions.emplace_back(a.name, Value::number(a.value, a.location));
    for (const auto& f : sizing->figures) figures.emplace_back(f.name, Value::number(f.value, f.defined_at));
  }
  env.bind("assumptions", Value::map(std::move(assumptions), product.location));
  env.bind("sizing", Value::map(std::move(figures), product.location));
  env.bind("recommendations", recommendations(product, sizing));
  env.bind("volume", volume);
  return env;
}

bool applies(const Rule& rule, const LoadedProduct& product, const LoadedTopology& topology,
             const ProductVersion& version) {
  if (rule.from_loader) return false;
  if (rule.product != "general" && rule.product != product.name) return false;
  if (rule.production_only && topology.environment != "production") return false;
  return version_in_range(version.number, rule.since, rule.until);
}

/// `version` and `defaults`: the release whose behaviour applies, in words for messages
/// ("Tracardi 0.7.0" or "the latest Tracardi release (no version declared)"), and the
/// defaults of that release.
void bind_version(lang::Environment& env, const ProfileSet& profiles, const LoadedProduct& product) {
  ProductVersion version = product_version(product);
  std::string title = product.name;
  if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  std::string label = version.number.empty()
                          ? fmt::format("the latest {} release, as no version is declared", title)
                          : fmt::format("{} {}", title, version.number);
  env.bind("version", Value::string(label, product.location));
  env.bind("defaults", versioned_defaults(profiles, product, version));
}

/// The run's step budget grows with the input: the built-in rules need about 900 steps per
/// component, API or flow and 16,000 in all on the shipped example, so 1,000,000 and 2,000
/// more for each never runs out on a topology of any size, while a
/// rule that scans every component for every component (quadratic, from a custom profile or
/// a hostile topology) stops in a fraction of a second at any size.
std::size_t run_steps(const LoadedTopology& topology) {
  std::size_t items = 0;
  for (const auto& product : topology.products)
    for (const Value* list : {&product.components, &product.apis, &product.flows})
      if (list->is_list()) items += list->as_list().size();
  return 1'000'000 + 2'000 * items;
}

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

/// A figure that cannot be computed: located at the user's input that most likely caused it
/// (an overridden assumption, else the first traffic input it needs), naming every input.
InputError sizing_error(const LoadedProduct& product, const SizingFigure& figure,
                        const ProductSizing& sizing, const std::string& problem) {
  std::string inputs;
  Location at = product.location;
  // The traffic inputs it needs, and those its formula reads without declaring them.
  std::vector<std::string> read = figure.needs;
  for (const auto& [key, value] : product.traffic.as_map())
    if (std::find(read.begin(), read.end(), key) == read.end() &&
        (figure.formula_text.find("volume." + key) != std::string::npos ||
         figure.formula_text.find("traffic." + key) != std::string::npos))
      read.push_back(key);
  for (const auto& need : read) {
    if (const Value* v = product.traffic.find(need)) {
      inputs += fmt::format("{}{} = {} ({})", inputs.empty() ? "" : ", ", need, display(*v),
                            to_string(v->location()));
      if (at == product.location) at = v->location();
    }
  }
  for (const auto& a : sizing.assumptions) {
    if (!a.overridden) continue;  // an override is the likeliest cause, even through another figure
    inputs += fmt::format("{}assumption {} = {} ({})", inputs.empty() ? "" : ", ", a.name,
                          display(Value::number(a.value)), to_string(a.location));
    at = a.location;
  }
  for (const auto& f : sizing.figures)
    if (figure.formula_text.find("sizing." + f.name) != std::string::npos)
      inputs += fmt::format("{}{} = {}", inputs.empty() ? "" : ", ", f.name, display(Value::number(f.value)));
  return {at, fmt::format("sizing figure {}.{} cannot be computed: {}{}; its formula is at {}",
                          product.name, figure.name, problem,
                          inputs.empty() ? std::string() : " (inputs: " + inputs + ")",
                          to_string(figure.defined_at))};
}

namespace {

/// Why a figure that applies gave no value: the profile's `unavailable` text, else the
/// earlier figure it reads that was not computed, else its formula's unset input in general.
std::string missing_input(const SizingFigure& figure, const lang::Environment& env,
                          const std::vector<UncomputedFigure>& not_computed) {
  if (figure.unavailable) {
    std::string text = figure.unavailable->render(env);
    if (!text.empty()) return text;
  }
  auto reads = [&](const std::string& name) {
    const std::string word = "sizing." + name;
    for (auto at = figure.formula_text.find(word); at != std::string::npos;
         at = figure.formula_text.find(word, at + 1)) {
      std::size_t end = at + word.size();
      if (end == figure.formula_text.size() ||
          !(std::isalnum(static_cast<unsigned char>(figure.formula_text[end])) || figure.formula_text[end] == '_'))
        return true;
    }
    return false;
  };
  for (const auto& earlier : not_computed)
    if (reads(earlier.name))
      return fmt::format("needs sizing.{}, which is not computed ({})", earlier.name, earlier.missing);
  return "an input its formula reads is unset";
}

}  // namespace

std::vector<ProductSizing> compute_sizing(const ProfileSet& profiles, const LoadedTopology& topology) {
  std::vector<ProductSizing> result;
  std::vector<InputError> errors;
  for (const auto& product : topology.products) {
    ProductSizing sizing;
    sizing.product = product.name;
    sizing.traffic = product.traffic;
    sizing.volume = apply_growth(product.traffic);
    for (const auto& profile : profiles.profiles()) {
      if (profile.product != product.name && profile.product != "general") continue;
      for (const auto& a : profile.assumptions) {
        UsedAssumption used{product.name, a.name, a.value, false, a.unit, a.basis, a.defined_at};
        if (const Value* override_value = product.assumptions.find(a.name)) {
          used.value = override_value->as_number();
          used.overridden = true;
          used.location = override_value->location();
        }
        sizing.assumptions.push_back(std::move(used));
      }
    }
    // Sizing draws on a budget that grows with the input, as the rules do: a figure sums
    // over every API of a 3,000-API Cortex section (about 330 steps each), which one
    // evaluation's fixed limit would cut short, while a formula that is quadratic in the
    // components still stops early.
    lang::RunBudget budget{run_steps(topology)};
    const lang::EvalLimits limits{50'000'000, &budget};
    // One environment per product; each computed figure is added by binding `sizing` anew
    // (a later binding shadows an earlier one), so later figures can use it.
    lang::Environment env = product_environment(topology, product, &sizing);
    bind_version(env, profiles, product);
    Value::Map figures_so_far;
    for (const auto& profile : profiles.profiles()) {
      if (profile.product != product.name) continue;
      for (const auto& figure : profile.figures) {
        std::vector<std::string> missing;
        for (const auto& need : figure.needs)
          if (!product.traffic.find(need)) missing.push_back(need);
        // A figure whose `when` is false does not apply (no Pulsar, no worker); one that
        // applies and cannot be computed is listed with the input it lacks, never dropped.
        bool applies = true;
        if (figure.when) {
          Value go = lang::evaluate(*figure.when, env, limits);
          applies = go.is_bool() && go.as_bool();
        }
        if (!missing.empty()) {
          for (auto& m : missing)
            if (std::find(sizing.missing_inputs.begin(), sizing.missing_inputs.end(), m) ==
                sizing.missing_inputs.end())
              sizing.missing_inputs.push_back(m);
          if (applies) {
            std::string keys;
            for (const auto& m : missing) keys += (keys.empty() ? "" : ", ") + std::string("traffic.") + m;
            sizing.not_computed.push_back({figure.name, figure.title, figure.unit,
                                           fmt::format("traffic input{} missing: {}", missing.size() > 1 ? "s" : "", keys)});
          }
          continue;
        }
        if (!applies) continue;
        Value v = lang::evaluate(*figure.formula, env, limits);
        if (v.is_unset()) {
          sizing.not_computed.push_back(
              {figure.name, figure.title, figure.unit, missing_input(figure, env, sizing.not_computed)});
          continue;
        }
        std::string problem;
        if (v.is_error()) problem = v.as_string();
        else if (!v.is_number()) problem = fmt::format("gave a {}, expected a number", kind_name(v.kind()));
        else if (!std::isfinite(v.as_number())) problem = "gave a non-finite number";
        else if (v.as_number() < 0) problem = fmt::format("gave a negative number ({})", display(v));
        if (!problem.empty()) {
          errors.push_back(sizing_error(product, figure, sizing, problem));
          continue;
        }
        Figure computed;
        computed.product = product.name;
        computed.name = figure.name;
        computed.title = figure.title;
        computed.unit = figure.unit;
        computed.basis = figure.basis;
        computed.formula = figure.formula_text;
        computed.value = v.as_number();
        computed.derived_from_traffic = !figure.needs.empty();
        computed.defined_at = figure.defined_at;
        if (figure.explain) {
          lang::Environment with_value = env;
          with_value.bind("value", v);
          std::string failure;
          computed.explanation = figure.explain->render(with_value, &failure, limits);
          if (!failure.empty())
            errors.push_back({figure.defined_at, fmt::format("sizing figure {}.{}: explain: {}",
                                                             product.name, figure.name, failure)});
        }
        computed.sets = figure.sets;
        if (figure.applies_to) {
          Value targets = lang::evaluate(*figure.applies_to, env, limits);
          for (const auto& c : targets.as_list())
            if (c.get("name").is_string()) computed.components.push_back(c.get("name").as_string());
        }
        if (!computed.sets.empty() && computed.components.empty() && figure.unavailable)
          computed.unplaced = figure.unavailable->render(env);
        if (figure.add && computed.components.empty()) {
          Value needed = figure.add_when ? lang::evaluate(*figure.add_when, env, limits) : Value::boolean(true);
          if (needed.is_bool() && needed.as_bool()) computed.add = *figure.add;
        }
        figures_so_far.emplace_back(computed.name, Value::number(computed.value, computed.defined_at));
        env.bind("sizing", Value::map(figures_so_far, product.location));
        sizing.figures.push_back(std::move(computed));
      }
    }
    std::sort(sizing.missing_inputs.begin(), sizing.missing_inputs.end());
    result.push_back(std::move(sizing));
  }
  if (!errors.empty()) throw InputFailure(std::move(errors));
  return result;
}

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
  for (const Rule* rule : profiles.rules()) {
    RuleSelection s{rule, rule->from_loader, false, {}};  // loader rules are checked while reading
    bool outside_versions = false;
    for (const auto& product : topology.products) {
      ProductVersion version = product_version(product);
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
