#include <cmath>

#include <fmt/format.h>

#include "deploy_advisor/plan.hpp"
#include "deploy_advisor/yaml_writer.hpp"

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

/// Sets a dotted path below `map`, creating mappings on the way.
void set_path(Node& map, const std::string& path, Node value) {
  Node* at = &map;
  std::size_t start = 0;
  while (true) {
    auto dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (dot == std::string::npos) {
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
  for (const auto& cp : plan.components) {
    if (cp.to_add) {
      Node added = Node::mapping({});
      for (const auto& [k, v] : cp.add->entries())
        if (k.text() != "name") added.entries().emplace_back(k, v);
      set(components, cp.name, std::move(added));
    }
    Node* component = find_mut(components, cp.name);
    if (!component || !component->is_mapping()) continue;
    for (const auto& s : cp.settings) {
      if (!s.recommended || (s.current && *s.recommended <= *s.current)) continue;
      double value = s.key == "replicas" ? std::ceil(*s.recommended) : *s.recommended;
      if (s.key == "replicas") set(*component, "replicas", Node::scalar(number_text(value), Node::Style::Plain, {}));
      else set(child_map(*component, "resources"), s.key,
               Node::scalar(number_text(std::ceil(value)), Node::Style::Plain, {}));
    }
  }
}

bool apply_remedy(Node& root, const Finding& f, const Remedy& remedy) {
  Node* section = product_section(root, f.product);
  if (!section || !section->is_mapping()) return false;
  if (remedy.path.rfind("product.", 0) == 0) {
    set_path(*section, remedy.path.substr(8), to_node(remedy.value));
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

Node revise_topology(const LoadedTopology& topology, const std::vector<ProductPlan>& plan,
                     const std::vector<Finding>& findings) {
  Node root = topology.source;
  for (const auto& p : plan)
    if (Node* section = product_section(root, p.product); section && section->is_mapping())
      apply_plan(*section, p);
  for (const auto& f : findings) {
    if (f.severity != Severity::Error) continue;
    for (const auto& r : f.remedies) apply_remedy(root, f, r);
  }
  return root;
}

std::string topology_text(const LoadedTopology& original, const Node& revised,
                          const std::vector<Finding>& remaining) {
  std::string text = fmt::format(
      "# The recommended layout of {}, written by deploy-advisor plan from {}.\n",
      yaml_comment_text(original.name), yaml_comment_text(original.path));
  bool any = false;
  for (const auto& f : remaining) {
    if (f.severity != Severity::Error) continue;
    if (!any) text += "# To do (plan cannot choose these):\n";
    any = true;
    text += fmt::format("#   - {} {}: {}\n", yaml_comment_text(f.rule_id),
                        yaml_comment_text(f.component.empty() ? f.product : f.component),
                        yaml_comment_text(f.message));
  }
  return text + write_yaml(revised);
}

}  // namespace deploy_advisor
