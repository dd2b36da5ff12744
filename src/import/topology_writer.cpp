#include "import/topology_writer.hpp"

#include <fmt/format.h>

#include "deploy_advisor/common/yaml_writer.hpp"

namespace deploy_advisor::import_detail {

namespace {

std::string scalar(const Sourced& value) {
  return write_yaml_scalar(Node::scalar(
      value.text, value.is_string ? Node::Style::Quoted : Node::Style::Plain, {}));
}

std::string key_text(const std::string& key) {
  return write_yaml_scalar(Node::scalar(key, Node::Style::Quoted, {}));
}

std::string origin(const Sourced& value) {
  std::string text = value.from.known()
                         ? fmt::format("{}:{}", value.from.file_name(), value.from.line)
                         : std::string(value.from.file_name());
  if (!value.why.empty()) text += text.empty() ? value.why : " (" + value.why + ")";
  return text;
}

void line(std::string& out, int indent, const std::string& key, const Sourced& value) {
  out += fmt::format("{:{}}{}: {}  # {}\n", "", indent, key_text(key), scalar(value), origin(value));
}

void fields(std::string& out, int indent, const Fields& list) {
  for (const auto& f : list.all()) line(out, indent, f.key, f.value);
}

struct Measure {
  const char* key;
  const char* what;
};

constexpr Measure kTraffic[] = {
    {"peak_requests_per_second", "API requests per second at the busiest minute (tracking, ranking or inference calls)"},
    {"peak_events_per_second", "events ingested per second at peak"},
    {"events_per_day", "events stored per day, on average"},
    {"average_event_bytes", "mean size of one stored event, in bytes"},
    {"retention_days", "how many days events are kept"},
    {"profiles", "customer profiles stored (Tracardi) or distinct users (Metarank)"},
    {"active_profiles_per_hour", "profiles with at least one event in the busiest hour"},
    {"items", "catalog items ranked (Metarank)"},
    {"request_latency_ms", "mean time to serve one request, in milliseconds"},
};

void component(std::string& out, const Component& c) {
  out += fmt::format("      {}:\n", key_text(c.name));
  line(out, 8, "role", c.role);
  fields(out, 8, c.keys);
  if (!c.allowed_cidrs.empty()) {
    out += "        allowed_cidrs:\n";
    for (const auto& cidr : c.allowed_cidrs)
      out += fmt::format("          - {}  # {}\n", scalar(cidr), origin(cidr));
  }
  if (!c.resources.empty() || !c.placeholders.empty()) {
    if (c.resources.empty()) {
      out += "        # resources:\n";
    } else {
      out += "        resources:\n";
      fields(out, 10, c.resources);
    }
    for (const auto& p : c.placeholders) out += fmt::format("          # {}\n", p);
  }
  if (!c.env.empty()) {
    out += "        env:\n";
    fields(out, 10, c.env);
  }
}

}  // namespace

std::string write_topology(const ImportedTopology& topology, const Header& header) {
  std::string out;
  out += "# Written by deploy-advisor import from:\n";
  for (const auto& s : header.sources) out += fmt::format("#   {}\n", s);
  out += "# Each value names the file and line it was read from. What the sources do not say\n"
         "# is left as a commented placeholder: fill it in before relying on sizing.\n";
  out += "version: 1\n";
  out += fmt::format("name: {}\n", write_yaml_scalar(Node::scalar(header.name, Node::Style::Quoted, {})));
  out += fmt::format("environment: {}  # not in the sources: rules marked production-only run only in production\n",
                     write_yaml_scalar(Node::scalar(header.environment, Node::Style::Quoted, {})));
  if (const auto& platform = topology.platform()) line(out, 0, "platform", *platform);
  out += "# traffic:  # sizing inputs, not in the sources: measure them, then uncomment\n";
  for (const auto& m : kTraffic) out += fmt::format("#   {}:   # {}\n", m.key, m.what);
  out += "products:\n";
  for (const auto& p : topology.products()) {
    out += fmt::format("  {}:\n", key_text(p.name));
    fields(out, 4, p.keys);
    if (p.components.empty()) {
      out += "    components: {}  # no part of it could be mapped: see the report of import\n";
      continue;
    }
    out += "    components:\n";
    for (const auto& c : p.components) component(out, c);
  }
  return out;
}

}  // namespace deploy_advisor::import_detail
