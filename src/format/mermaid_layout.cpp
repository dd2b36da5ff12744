#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/format/report.hpp"
#include "format/markdown_text.hpp"

namespace deploy_advisor {

namespace {

/// How the product's profile says a role is drawn (none for a role it does not declare).
DiagramRole diagram_role(const LoadedProduct& product, const std::string& role) {
  const RoleSpec* spec = product.spec ? product.spec->role(role) : nullptr;
  return spec ? spec->diagram : DiagramRole::None;
}

bool reads_native(const LoadedProduct& product, NativeKind kind) {
  if (!product.spec) return false;
  for (const auto& [key, k] : product.spec->native_keys)
    if (k == kind) return true;
  return false;
}

std::string title_of(const LoadedProduct& product) {
  return product.spec ? product.spec->title : product_title(product.name);
}

/// Mermaid ids: letters, digits and underscores only.
std::string node_id(const std::string& product, const std::string& name) {
  std::string id = product + "_" + name;
  for (auto& c : id)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return id;
}

/// The one escaping function for Mermaid: label text inside ["…"]. Quotes, angle brackets,
/// `#`, `&` and backticks become Mermaid entity codes and control characters escapes, so a
/// value cannot end the label, start a statement (`click … href`), open HTML or a Markdown
/// string, or end the fenced block the diagram sits in.
std::string label_text(const std::string& raw) {
  std::string folded(raw);
  for (auto& c : folded)
    if (c == '\n' || c == '\r') c = ' ';
  std::string out;
  for (char c : printable(folded)) {
    if (c == '"') out += "#quot;";
    else if (c == '<') out += "#lt;";
    else if (c == '>') out += "#gt;";
    else if (c == '#') out += "#35;";
    else if (c == '&') out += "#amp;";
    else if (c == '`') out += "#96;";
    else if (c == ';') out += "#59;";
    else out += c;
  }
  return out;
}

struct Box {
  std::string id;
  std::string label;
  std::string zone;  // internet, company, cluster
  bool flagged = false;
  bool store = false;
};

}  // namespace

std::string layout_flowchart(const LoadedTopology& topology, const std::vector<Finding>& findings) {
  std::vector<Box> boxes;
  std::vector<std::pair<std::string, std::string>> edges;
  // Looked up once per box: a set, so that boxes times findings is never paid.
  std::set<std::pair<std::string_view, std::string_view>> with_findings;
  for (const auto& f : findings)
    if (f.severity != Severity::Info) with_findings.emplace(f.product, f.component);
  auto flagged = [&](const std::string& product, const std::string& component) {
    return with_findings.count({product, component}) > 0;
  };
  for (const auto& product : topology.products) {
    const auto& components = product.components.as_list();
    for (const auto& c : components) {
      std::string name = c.get("name").as_string();
      std::string role = c.get("role").as_string();
      std::string exposure = c.get("exposure").is_string() ? c.get("exposure").as_string() : "private";
      double replicas = c.get("replicas").is_number() ? c.get("replicas").as_number() : 1;
      Box box;
      box.id = node_id(product.name, name);
      box.zone = exposure == "public" ? "internet" : exposure == "internal" ? "company" : "cluster";
      box.store = diagram_role(product, role) == DiagramRole::Store;
      box.flagged = flagged(product.name, name);
      box.label = fmt::format("{}{}<br/>{} {} × {}", box.flagged ? "⚠ " : "", label_text(name),
                              label_text(title_of(product)), label_text(role),
                              display(Value::number(replicas)));
      boxes.push_back(box);
      if (c.get("behind").is_string())
        edges.emplace_back(node_id(product.name, c.get("behind").as_string()), box.id);
      if (const RoleSpec* spec = product.spec ? product.spec->role(role) : nullptr)
        for (const auto& key : spec->calls)
          if (c.get(key).is_string()) edges.emplace_back(box.id, node_id(product.name, c.get(key).as_string()));
    }
    std::vector<std::string> stores;
    for (const auto& s : components)
      if (diagram_role(product, s.get("role").as_string()) == DiagramRole::Store)
        stores.push_back(node_id(product.name, s.get("name").as_string()));
    for (const auto& c : components) {
      if (diagram_role(product, c.get("role").as_string()) != DiagramRole::Client) continue;
      std::string client = node_id(product.name, c.get("name").as_string());
      for (const auto& store : stores) edges.emplace_back(client, store);
    }
    if (reads_native(product, NativeKind::CortexApis)) {
      // The APIs of a Cortex cluster sit behind the load balancer its cluster.yaml describes.
      const std::string& p = product.name;
      std::string title = label_text(title_of(product));
      std::string scheme = product.cluster.get("api_load_balancer_scheme").is_string()
                               ? product.cluster.get("api_load_balancer_scheme").as_string()
                               : "internet-facing";
      Box lb{node_id(p, "api_load_balancer"),
             fmt::format("{}{} API load balancer<br/>{}", flagged(p, "") ? "⚠ " : "", title, label_text(scheme)),
             scheme == "internal" ? "company" : "internet", flagged(p, ""), false};
      boxes.push_back(lb);
      for (const auto& api : product.apis.as_list()) {
        std::string name = api.get("name").as_string();
        Box box{node_id(p, "api_" + name),
                fmt::format("{}{}<br/>{} {} ≤ {}", flagged(p, name) ? "⚠ " : "", label_text(name), title,
                            label_text(api.get("kind").is_string() ? api.get("kind").as_string() : "API"),
                            display(api.get("autoscaling").get("max_replicas").is_number()
                                        ? api.get("autoscaling").get("max_replicas")
                                        : Value::number(100))),
                "cluster", flagged(p, name), false};
        boxes.push_back(box);
        edges.emplace_back(lb.id, box.id);
      }
    }
  }
  // Entry points: the internet reaches public boxes, the company network internal ones, unless
  // a load balancer in front of them is the entry already.
  std::set<std::string> behind_something;
  for (const auto& [from, to] : edges) behind_something.insert(to);
  std::string out = "flowchart LR\n";
  const std::pair<const char*, const char*> zones[] = {
      {"internet", "Internet"}, {"company", "Company network"}, {"cluster", "Cluster (private)"}};
  for (const auto& [zone, title] : zones) {
    bool any = std::any_of(boxes.begin(), boxes.end(),
                           [&id = zone](const Box& b) { return b.zone == id; });
    if (!any) continue;
    out += fmt::format("  subgraph zone_{}[\"{}\"]\n", zone, title);
    if (std::string(zone) == "internet") out += "    clients((\"Clients\"))\n";
    if (std::string(zone) == "company") out += "    staff((\"Company users\"))\n";
    for (const auto& b : boxes) {
      if (b.zone != zone) continue;
      out += b.store ? fmt::format("    {}[(\"{}\")]", b.id, b.label) : fmt::format("    {}[\"{}\"]", b.id, b.label);
      out += b.flagged ? ":::finding\n" : "\n";
    }
    out += "  end\n";
  }
  std::set<std::string> ids;
  for (const auto& b : boxes) ids.insert(b.id);
  for (const auto& b : boxes) {
    if (behind_something.count(b.id)) continue;
    if (b.zone == "internet") out += fmt::format("  clients --> {}\n", b.id);
    if (b.zone == "company") out += fmt::format("  staff --> {}\n", b.id);
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& e : edges) {
    // A dangling reference (DA003) has no box to point at; the finding says so instead.
    if (!ids.count(e.first) || !ids.count(e.second) || !seen.insert(e).second) continue;
    out += fmt::format("  {} --> {}\n", e.first, e.second);
  }
  out += "  classDef finding stroke:#d73a49,stroke-width:3px\n";
  return out;
}

}  // namespace deploy_advisor
