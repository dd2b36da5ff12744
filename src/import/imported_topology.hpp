#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "deploy_advisor/import/import.hpp"
#include "deploy_advisor/common/location.hpp"
#include "deploy_advisor/common/node.hpp"

// What the readers of Compose files, values files and manifests build: the topology's values,
// each with the place it was read from. The writer turns it into commented YAML.

namespace deploy_advisor::import_detail {

/// One value and where it came from. `text` is written as a string when `is_string`, else
/// plain (a number or boolean).
struct Sourced {
  std::string text;
  bool is_string = true;
  Location from;
  std::string why;  // a short note after the location, e.g. "image tag"
};

Sourced string_value(std::string text, Location from, std::string why = {});
Sourced plain_value(std::string text, Location from, std::string why = {});
/// The scalar as written in the source: quoted or plain, with its location.
Sourced copy_scalar(const Node& scalar, std::string why = {});

struct Field {
  std::string key;
  Sourced value;
};

/// Ordered keys; setting a key again replaces its value (a later source wins).
class Fields {
 public:
  void set(const std::string& key, Sourced value);
  [[nodiscard]] const Sourced* find(const std::string& key) const;
  [[nodiscard]] const std::vector<Field>& all() const { return fields_; }
  [[nodiscard]] bool empty() const { return fields_.empty(); }

 private:
  std::vector<Field> fields_;
  std::unordered_map<std::string, std::size_t> index_;  // key to position: hostile inputs stay linear
};

struct Component {
  std::string name;
  Sourced role;
  Fields keys;       // replicas, exposure, spread, image, role-specific keys, in written order
  Fields resources;  // cpu, memory_gb, disk_gb
  Fields env;
  std::vector<Sourced> allowed_cidrs;
  std::vector<std::string> placeholders;  // commented lines: what the source does not say
  std::vector<Sourced> depends_on;        // Compose depends_on: which API a GUI talks to
};

struct Product {
  std::string name;
  Fields keys;  // version, edition, config, datastore, ...
  std::vector<Component> components;
  std::optional<Sourced> chart_version;  // a chart's appVersion: the version when no image tag says
  Component* find(const std::string& component);
};

/// The store kinds that several products use; which product one serves is decided once all
/// inputs are read.
enum class StoreKind { Redis, Elasticsearch, MySql, Pulsar };
const char* store_name(StoreKind kind);

struct Store {
  StoreKind kind;
  Component component;  // role left empty until claimed
  Location at;          // where it is defined, for the report when nobody claims it
};

class ImportedTopology {
 public:
  Product& product(const std::string& name);
  [[nodiscard]] const std::vector<Product>& products() const { return products_; }
  std::vector<Product>& products() { return products_; }

  /// Adds a component under a name unique within the product (`-2`, `-3` on a clash).
  Component& add(const std::string& product, Component component);
  void add_store(Store store) { stores_.push_back(std::move(store)); }
  std::vector<Store>& stores() { return stores_; }

  void not_mapped(const Location& at, std::string message);
  [[nodiscard]] const std::vector<NotMapped>& unmapped() const { return unmapped_; }

  /// The platform the sources describe; the first one seen is kept.
  void set_platform(Sourced platform);
  [[nodiscard]] const std::optional<Sourced>& platform() const { return platform_; }

 private:
  std::vector<Product> products_;
  std::vector<Store> stores_;
  std::vector<NotMapped> unmapped_;
  std::optional<Sourced> platform_;
};

}  // namespace deploy_advisor::import_detail
