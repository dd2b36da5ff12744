#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "deploy_advisor/engine/plan.hpp"
#include "deploy_advisor/common/yaml_writer.hpp"

namespace deploy_advisor {

namespace {

Node* find_mut(Node& map, std::string_view key) {
  for (auto& [k, v] : map.entries())
    if (k.is_scalar() && k.text() == key) return &v;
  return nullptr;
}

/// The mapping under `key`, created (or replacing a non-mapping) when needed.
Node& child_map(Node& map, const std::string& key) {
  if (Node* existing = find_mut(map, key)) {
    if (!existing->is_mapping()) *existing = Node::mapping({});
    return *existing;
  }
  map.entries().emplace_back(Node::scalar(key, Node::Style::Plain, {}), Node::mapping({}));
  return map.entries().back().second;
}

void set(Node& map, const std::string& key, Node value) {
  if (Node* existing = find_mut(map, key)) {
    *existing = std::move(value);
    return;
  }
  map.entries().emplace_back(Node::scalar(key, Node::Style::Plain, {}), std::move(value));
}

std::string number_text(double n) {
  if (std::floor(n) == n && std::fabs(n) < 1e15) return fmt::format("{:.0f}", n);
  return fmt::format("{:.2f}", std::ceil(n * 100) / 100);
}

Node to_node(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Bool:
      return Node::scalar(v.as_bool() ? "true" : "false", Node::Style::Plain, {});
    case Value::Kind::Number:
      return Node::scalar(number_text(v.as_number()), Node::Style::Plain, {});
    case Value::Kind::String:
      return Node::scalar(v.as_string(), Node::Style::Quoted, {});
    case Value::Kind::List: {
      Node n = Node::sequence({});
      for (const auto& item : v.as_list()) n.items().push_back(to_node(item));
      return n;
    }
    case Value::Kind::Map: {
      Node n = Node::mapping({});
      for (const auto& [k, item] : v.as_map())
        n.entries().emplace_back(Node::scalar(k, Node::Style::Plain, {}), to_node(item));
      return n;
    }
    case Value::Kind::Absent:
    case Value::Kind::Null:
    case Value::Kind::Error:
      break;
  }
  return Node::null({});
}

/// A mapping value merges into an existing mapping: keys it lacks are added, mappings on both
/// sides merge, other values are replaced. So a remedy that adds a component (`product.components`
/// with `{lb-gui: {...}}`) never overwrites one the user wrote.
void merge(Node& into, Node value) {
  if (!into.is_mapping() || !value.is_mapping()) {
    into = std::move(value);
    return;
  }
  for (auto& [k, v] : value.entries()) {
    if (Node* existing = find_mut(into, k.text())) {
      if (existing->is_mapping() && v.is_mapping()) merge(*existing, std::move(v));
      continue;  // the user's own value of a key the remedy would add stays
    }
    into.entries().emplace_back(k, std::move(v));
  }
}

/// Sets a dotted path below `map`, creating mappings on the way.
void set_path(Node& map, const std::string& path, Node value) {
  Node* at = &map;
  std::size_t start = 0;
  while (true) {
    auto dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (dot == std::string::npos) {
      if (Node* existing = find_mut(*at, key); existing && existing->is_mapping() && value.is_mapping())
        merge(*existing, std::move(value));
      else
        set(*at, key, std::move(value));
      return;
    }
    at = &child_map(*at, key);
    start = dot + 1;
  }
}

Node* product_section(Node& root, const std::string& product) {
  Node* products = find_mut(root, "products");
  return products ? find_mut(*products, product) : nullptr;
}

void apply_plan(Node& section, const ProductPlan& plan) {
  Node& components = child_map(section, "components");
  for (const auto& cp : plan.components)
    if (cp.to_add) {
      Node added = Node::mapping({});
      for (const auto& [k, v] : cp.add->entries())
        if (k.text() != "name") added.entries().emplace_back(k, v);
      set(components, cp.name, std::move(added));
    }
  // By name, so that raising 10,000 components costs no scan per component.
  std::unordered_map<std::string, Node*> by_name;
  for (auto& [k, v] : components.entries())
    if (k.is_scalar()) by_name.emplace(k.text(), &v);
  for (const auto& cp : plan.components) {
    auto found = by_name.find(cp.name);
    Node* component = found == by_name.end() ? nullptr : found->second;
    if (!component || !component->is_mapping()) continue;
    for (const auto& s : cp.settings) {
      if (!s.recommended || (s.current && *s.recommended <= *s.current)) continue;
      double value = s.key == "replicas" ? std::ceil(*s.recommended) : *s.recommended;
      if (s.key == "replicas" || s.key == "max_connections")
        set(*component, s.key, Node::scalar(number_text(std::ceil(value)), Node::Style::Plain, {}));
      else set(child_map(*component, "resources"), s.key,
               Node::scalar(number_text(std::ceil(value)), Node::Style::Plain, {}));
    }
  }
}

bool apply_remedy(Node& root, const Finding& f, const Remedy& remedy, std::vector<AddedComponent>* added) {
  Node* section = product_section(root, f.product);
  if (!section || !section->is_mapping()) return false;
  if (remedy.path.rfind("product.", 0) == 0) {
    std::set<std::string> before;
    if (Node* components = find_mut(*section, "components"); components && components->is_mapping())
      for (const auto& [k, v] : components->entries()) before.insert(k.text());
    set_path(*section, remedy.path.substr(8), to_node(remedy.value));
    if (Node* components = find_mut(*section, "components"); added && components && components->is_mapping())
      for (const auto& [k, v] : components->entries())
        if (!before.count(k.text())) added->push_back({f.product, k.text(), f.rule_id});
    return true;
  }
  if (f.component.empty()) return false;
  Node* components = find_mut(*section, "components");
  Node* component = components ? find_mut(*components, f.component) : nullptr;
  if (!component || !component->is_mapping()) return false;
  set_path(*component, remedy.path, to_node(remedy.value));
  return true;
}

}  // namespace

void rebase_native_paths(Node& root, const std::string& from_folder, const std::string& to_folder) {
  namespace fs = std::filesystem;
  fs::path from = fs::absolute(from_folder).lexically_normal();
  fs::path to = fs::absolute(to_folder).lexically_normal();
  if (from == to) return;
  auto rebase = [&](Node& reference) {
    if (!reference.is_scalar() || reference.text().empty() || fs::path(reference.text()).is_absolute()) return;
    fs::path moved = (from / reference.text()).lexically_normal().lexically_relative(to);
    if (moved.empty()) return;
    reference = Node::scalar(moved.generic_string(), Node::Style::Quoted, reference.location());
  };
  Node* products = find_mut(root, "products");
  if (!products || !products->is_mapping()) return;
  for (auto& [name, section] : products->entries()) {
    if (!section.is_mapping()) continue;
    if (Node* config = find_mut(section, "config")) rebase(*config);
    if (Node* cluster = find_mut(section, "cluster")) rebase(*cluster);
    if (Node* apis = find_mut(section, "apis")) {
      if (apis->is_sequence())
        for (auto& item : apis->items()) rebase(item);
      else
        rebase(*apis);
    }
    if (Node* flows = find_mut(section, "flows"); flows && flows->is_mapping())
      for (auto& [flow, body] : flows->entries())
        if (body.is_mapping())
          if (Node* file = find_mut(body, "file")) rebase(*file);
  }
}

Node revise_topology(const LoadedTopology& topology, const std::vector<ProductPlan>& plan,
                     const std::vector<Finding>& findings, std::vector<AddedComponent>* added) {
  Node root = topology.source;
  for (const auto& p : plan)
    if (Node* section = product_section(root, p.product); section && section->is_mapping())
      apply_plan(*section, p);
  // Every remedy, whatever the finding's severity: a warning's fix (a load balancer, an event
  // archive, `spread: host` once the plan runs several replicas) belongs in the layout as much
  // as an error's, and the revised layout must not gain a finding the plan could have avoided.
  // The same change asked by many findings (one load balancer for every serve component of a
  // large topology) is made once: applying it again changes nothing but costs a pass.
  std::set<std::string> applied;
  for (const auto& f : findings) {
    if (f.waived) continue;
    for (const auto& r : f.remedies) {
      std::string target = r.path.rfind("product.", 0) == 0 ? std::string() : f.component;
      std::string change = f.product + '\0' + target + '\0' + r.path + '\0' + display(r.value);
      if (!applied.insert(std::move(change)).second) continue;
      apply_remedy(root, f, r, added);
    }
  }
  return root;
}

std::string topology_text(const LoadedTopology& original, const Node& revised,
                          const std::vector<Finding>& remaining) {
  // The header names nothing that changes when the plan is planned again, so that the plan of
  // this file is this file.
  std::string text = fmt::format(
      "# The recommended layout of {}, written by deploy-advisor plan.\n"
      "# Comments of the original file are not kept; its keys and their order are.\n"
      "# It is complete: what an `extends` base gave the original is merged in.\n",
      yaml_comment_text(original.name));
  bool any = false;
  for (const auto& f : remaining) {
    if (f.waived) continue;
    if (!any) text += "# To do (plan cannot choose these):\n";
    any = true;
    text += fmt::format("#   - {} {}: {}\n", yaml_comment_text(f.rule_id),
                        yaml_comment_text(f.component.empty() ? f.product : f.component),
                        yaml_comment_text(f.message));
  }
  return text + write_yaml(revised);
}

}  // namespace deploy_advisor
