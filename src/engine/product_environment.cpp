#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "deploy_advisor/engine/config.hpp"
#include "deploy_advisor/engine/engine.hpp"
#include "engine/product_environment.hpp"

namespace deploy_advisor {

namespace {

const std::vector<std::string>& volume_keys() {
  static const std::vector<std::string> keys = {"peak_requests_per_second", "peak_events_per_second",
                                                "events_per_day",           "profiles",
                                                "active_profiles_per_hour", "items"};
  return keys;
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

}  // namespace

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

}  // namespace deploy_advisor
