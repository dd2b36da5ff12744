#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "deploy_advisor/diagnostics.hpp"
#include "deploy_advisor/report.hpp"
#include "format/markdown_text.hpp"

namespace deploy_advisor {

namespace {

const std::set<std::string> kStoreRoles = {"elasticsearch", "redis",  "mysql",         "pulsar",
                                           "state",         "event_archive", "metadata_service"};
const std::set<std::string> kClientRoles = {"api", "worker", "train", "orchestrator", "ui"};

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
      box.store = kStoreRoles.count(role) > 0;
      box.flagged = flagged(product.name, name);
      box.label = fmt::format("{}{}<br/>{} {} × {}", box.flagged ? "⚠ " : "", label_text(name),
                              label_text(product_title(product.name)), label_text(role),
                              display(Value::number(replicas)));
      boxes.push_back(box);
      if (c.get("behind").is_string())
        edges.emplace_back(node_id(product.name, c.get("behind").as_string()), box.id);
      if (role == "gui" && c.get("api").is_string())
        edges.emplace_back(box.id, node_id(product.name, c.get("api").as_string()));
    }
    std::vector<std::string> stores;
    for (const auto& s : components)
      if (kStoreRoles.count(s.get("role").as_string()))
        stores.push_back(node_id(product.name, s.get("name").as_string()));
    for (const auto& c : components) {
      if (!kClientRoles.count(c.get("role").as_string())) continue;
      std::string client = node_id(product.name, c.get("name").as_string());
      for (const auto& store : stores) edges.emplace_back(client, store);
    }
    if (product.name == "cortex") {
      std::string scheme = product.cluster.get("api_load_balancer_scheme").is_string()
                               ? product.cluster.get("api_load_balancer_scheme").as_string()
                               : "internet-facing";
      Box lb{node_id("cortex", "api_load_balancer"),
             fmt::format("{}Cortex API load balancer<br/>{}", flagged("cortex", "") ? "⚠ " : "", label_text(scheme)),
             scheme == "internal" ? "company" : "internet", flagged("cortex", ""), false};
      boxes.push_back(lb);
      for (const auto& api : product.apis.as_list()) {
        std::string name = api.get("name").as_string();
        Box box{node_id("cortex", "api_" + name),
                fmt::format("{}{}<br/>Cortex {} ≤ {}", flagged("cortex", name) ? "⚠ " : "", label_text(name),
                            label_text(api.get("kind").is_string() ? api.get("kind").as_string() : "API"),
                            display(api.get("autoscaling").get("max_replicas").is_number()
                                        ? api.get("autoscaling").get("max_replicas")
                                        : Value::number(100))),
                "cluster", flagged("cortex", name), false};
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
