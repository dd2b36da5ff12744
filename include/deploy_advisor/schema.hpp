#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

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

/// A component role of a product and the keys it adds.
struct RoleSpec {
  std::string name;
  std::vector<Schema::Property> keys;
  bool open = false;  // roles declared by user profiles accept any key
};

struct ProductSpec {
  std::string name;
  std::string title;
  std::vector<Schema::Property> keys;  // product-specific keys beside traffic/assumptions/components/config
  std::vector<RoleSpec> roles;
  bool open = false;  // declared by a user profile: unknown product keys accepted
  [[nodiscard]] const RoleSpec* role(const std::string& name) const;
};

/// The products the tool knows without user profiles.
const std::vector<ProductSpec>& builtin_products();

/// Topology v1 top level, traffic and component common keys.
const Schema& topology_schema();
const Schema& traffic_schema();
const Schema& assumptions_schema();
const std::vector<Schema::Property>& component_common_keys();

/// JSON Schema (draft 2020-12) of topology v1 for the given products.
std::string json_schema(const std::vector<ProductSpec>& products);

}  // namespace deploy_advisor
