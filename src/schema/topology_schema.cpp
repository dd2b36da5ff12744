#include <algorithm>

#include "deploy_advisor/model/schema.hpp"
#include "engine/embedded_profiles.hpp"
#include "schema/schema_builders.hpp"

namespace deploy_advisor {

using namespace schema_builders;  // NOLINT: table DSL, local to this file

const Schema& traffic_schema() {
  static const Schema schema = object(
      "Sizing inputs; a product section may override any key.",
      {
          key("peak_requests_per_second",
              number_at_least("API requests at peak (tracking, ranking or inference calls)", 0)),
          key("peak_events_per_second", number_at_least("events ingested at peak", 0)),
          key("events_per_day",
              number_at_least("events stored per day on average (sizes storage)", 0)),
          key("average_event_bytes", number_above("mean size of one stored event", 0)),
          key("retention_days", number_above("how long events are kept", 0)),
          key("profiles", integer("customer profiles (Tracardi) or distinct users (Metarank)", 0)),
          key("active_profiles_per_hour",
              integer("profiles with at least one event in the busiest hour", 0)),
          key("items", integer("catalog items ranked (Metarank)", 0)),
          key("request_latency_ms", number_above("mean time to serve one request", 0)),
          key("growth", number_at_least("planned growth multiplier of the volume figures", 1)),
          key("burst_seconds",
              number_above("seconds the traffic takes to climb from its base load to the peak", 0)),
      });
  return schema;
}

const Schema& assumptions_schema() {
  static const Schema schema =
      dict_of("overrides of the sizing models' named constants", kind(Schema::Kind::Number, "value"));
  return schema;
}

const std::vector<Schema::Property>& component_common_keys() {
  static const std::vector<Schema::Property> keys = {
      required("role", string("one of the product's roles")),
      key("replicas", integer("instances running; for stores, the number of nodes (default 1)", 0)),
      key("resources", object("per-instance resources",
                              {
                                  key("cpu", number_above("cores", 0)),
                                  key("memory_gb", number_above("memory in GB", 0)),
                                  key("disk_gb", number_above("disk in GB", 0)),
                              })),
      key("exposure", one_of("who can reach it (default private)", {"public", "internal", "private"})),
      key("allowed_cidrs", list_of("IP allow-list in front of it", cidr("IPv4 or IPv6 CIDR"))),
      key("tls", boolean("serves or terminates HTTPS (default false)")),
      key("behind", string("the load_balancer component of the same product in front of it")),
      key("spread", one_of("placement of replicas (default none)", {"host", "zone", "none"})),
      key("env", kind(Schema::Kind::EnvMap, "environment variables")),
      key("image", string("container image reference")),
      key("backup", object("how the component's data is backed up",
                           {
                               key("kind", one_of("backup kind",
                                                  {"snapshot", "rdb", "aof", "rdb+aof", "none"})),
                               key("target", string("where backups go, e.g. s3://bucket")),
                               key("schedule", string("when backups run")),
                           })),
      key("schedule", string("for jobs: cron expression, @hourly, @daily, @weekly, @monthly or "
                             "on-demand")),
  };
  return keys;
}

/// The release deployed: rules and defaults that changed between releases follow it. Without
/// it, the tag of an image that names the product is read; failing that, the latest release.
Schema::Property product_version_key() {
  return key("version", string("the product release deployed, such as 0.8.1 (default: the "
                               "image tag, else the latest release)"));
}

const std::vector<ProductSpec>& builtin_products() {
  static const std::vector<ProductSpec> products = [] {
    std::vector<InputError> errors;
    std::vector<ProductSpec> declared;
    std::vector<std::string> order;
    for (const auto& [file, root] : embedded_profile_documents()) {
      if (const Node* listed = root.find("products")) order = read_product_order(*listed, errors);
      const Node* section = root.find("section");
      if (!section) continue;
      ProductSpec spec;
      spec.name = root.find("product") ? root.find("product")->text() : std::string();
      spec.title = root.find("title") ? root.find("title")->text() : spec.name;
      read_product_section(*section, spec, errors);
      declared.push_back(std::move(spec));
    }
    // verify_profiles checks the same sections when the binary is built.
    if (!errors.empty()) throw InputFailure(std::move(errors));
    std::stable_sort(declared.begin(), declared.end(), [&](const ProductSpec& a, const ProductSpec& b) {
      auto rank = [&](const std::string& name) {
        return std::find(order.begin(), order.end(), name) - order.begin();
      };
      return rank(a.name) < rank(b.name);
    });
    return declared;
  }();
  return products;
}

const ProductSpec* find_builtin_product(std::string_view name) {
  for (const auto& p : builtin_products())
    if (p.name == name) return &p;
  return nullptr;
}

const Schema& topology_schema() {
  static const Schema schema = object(
      "deploy-advisor topology, format version 1",
      {
          required("version", exactly("format version", 1)),
          key("extends", string("a topology this file overlays: its path, relative to this file")),
          required("name", string("deployment name, used in reports")),
          required("environment",
                   one_of("rules marked production-only are skipped outside production",
                          {"production", "staging", "development"})),
          key("platform", one_of("what starts the containers and restarts failed ones",
                                 {"kubernetes", "docker-compose", "vm", "ecs", "nomad"})),
          key("region", string("cloud region, e.g. eu-west-1")),
          key("zones", list_of("availability zones in use", string("zone"))),
          key("traffic", traffic_schema()),
          key("assumptions", assumptions_schema()),
          required("products", dict_of("product name to product section",
                                       kind(Schema::Kind::Product, "product section"))),
      });
  return schema;
}

}  // namespace deploy_advisor
