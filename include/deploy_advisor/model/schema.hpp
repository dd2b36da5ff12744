#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/node.hpp"

namespace deploy_advisor {

/// The shape of a topology value. One description serves the loader (types, ranges, enums,
/// required keys, unknown-key warnings) and the `schema` command (JSON Schema for editors),
/// so the two never disagree.
struct Schema {
  enum class Kind {
    Any,        // any scalar
    Integer,
    Number,
    String,     // any scalar, read as its text
    Boolean,
    Enum,       // one of `choices`
    Cidr,       // an IPv4 or IPv6 CIDR string
    List,       // of `items`
    Object,     // fixed `properties`; unknown keys are DA002 warnings
    Dict,       // any string key to `items`
    PathOrMap,  // a path to a native file, or the file's content inline
    PathOrMapList,
    Component,  // a product component: common keys plus the keys of its role
    Product,    // a product section
    EnvMap,     // environment variables: any name to a scalar
  };
  struct Property;

  Kind kind = Kind::Any;
  std::string description;
  std::optional<double> minimum;            // inclusive
  std::optional<double> exclusive_minimum;
  std::optional<double> maximum;
  std::vector<std::string> choices;
  std::shared_ptr<const Schema> items;
  std::vector<Property> properties;
  std::vector<std::string> known_names;     // EnvMap: names the rules read
};

struct Schema::Property {
  std::string name;
  Schema schema;
  bool required = false;
};

/// How the report's diagram draws a component of a role: stores as cylinders that every
/// client of the same product points at.
enum class DiagramRole { None, Store, Client };

/// A component role of a product and the keys it adds.
struct RoleSpec {
  std::string name;
  std::vector<Schema::Property> keys;
  bool open = false;  // roles declared by a list of names accept any key
  DiagramRole diagram = DiagramRole::None;
  /// Keys whose value names a component of the product this one calls (`diagram: calls`):
  /// the diagram draws an arrow to it.
  std::vector<std::string> calls;
  Location defined_at;
};

/// The product's own files the loader reads and checks, each kind with its own reader in
/// src/model; a profile names the kind a key's file is (`native: cortex_cluster`).
enum class NativeKind {
  None,
  MetarankConfig,  // Metarank config.yaml (the section's `config:`)
  MetaflowConfig,  // Metaflow config.json (the section's `config:`)
  CortexCluster,   // a Cortex cluster.yaml, by path or inline
  CortexApis,      // Cortex API specs: a list of paths or inline specs
  MetaflowFlows,   // flows deployed: a mapping of flow name to flow, each maybe naming its .py
};

/// A product: what its section of a topology may hold. Declared by the `section:` of its
/// profile (docs/profiles.md), or by a list of role names (an open product).
struct ProductSpec {
  std::string name;
  std::string title;
  std::vector<Schema::Property> keys;  // product-specific keys beside traffic/assumptions/components/config
  std::vector<RoleSpec> roles;
  bool open = false;  // declared by a list of role names: unknown product keys accepted
  std::vector<std::string> env_names;  // environment variables the rules read
  NativeKind config = NativeKind::None;  // the kind of file `config:` names
  /// Product keys whose value names native files, and their kind.
  std::vector<std::pair<std::string, NativeKind>> native_keys;
  Location defined_at;
  [[nodiscard]] const RoleSpec* role(const std::string& name) const;
  /// The kind of native file `key` names, or None.
  [[nodiscard]] NativeKind native_key(const std::string& key) const;
};

/// The products the tool knows without user profiles: the `section:` of each built-in
/// profile, in the order the general profile lists them.
const std::vector<ProductSpec>& builtin_products();
/// The built-in product of that name, or null.
const ProductSpec* find_builtin_product(std::string_view name);

/// Reads a profile's `section:` into `spec` (whose name and title are set). Problems are
/// appended to `errors`, located in the profile.
void read_product_section(const Node& section, ProductSpec& spec, std::vector<InputError>& errors);

/// Reads a built-in product order (the general profile's `products:`): names in order.
std::vector<std::string> read_product_order(const Node& list, std::vector<InputError>& errors);

/// The name a profile uses for a native kind (`cortex_cluster`).
std::string native_kind_name(NativeKind kind);

/// Topology v1 top level, traffic and component common keys.
const Schema& topology_schema();
const Schema& traffic_schema();
const Schema& assumptions_schema();
const std::vector<Schema::Property>& component_common_keys();
/// `version`: a key of every product section.
Schema::Property product_version_key();

/// JSON Schema (draft 2020-12) of topology v1 for the given products.
std::string json_schema(const std::vector<ProductSpec>& products);

}  // namespace deploy_advisor
