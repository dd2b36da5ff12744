#include <nlohmann/json.hpp>

#include "deploy_advisor/model/schema.hpp"

namespace deploy_advisor {

namespace {

using Json = nlohmann::ordered_json;

/// A full topology, or an overlay (`extends: base.yaml`) that may leave out anything its base
/// has: the same keys, nothing required.
enum class Variant { Full, Overlay };

/// Keys starting with `x-` hold the file's own anchors; the loader ignores them.
const Json kExtensionKeys = {{"^x-", Json::object()}};

Json to_json(const Schema& schema, Variant variant);

Json object_json(const std::vector<Schema::Property>& properties, const std::string& description,
                 Variant variant) {
  Json out = {{"type", "object"}};
  if (!description.empty()) out["description"] = description;
  Json props = Json::object();
  Json required = Json::array();
  for (const auto& p : properties) {
    props[p.name] = to_json(p.schema, variant);
    if (p.required && variant == Variant::Full) required.push_back(p.name);
  }
  out["properties"] = props;
  if (!required.empty()) out["required"] = required;
  out["additionalProperties"] = false;
  return out;
}

Json to_json(const Schema& schema, Variant variant) {
  Json out;
  switch (schema.kind) {
    case Schema::Kind::Any:
      out = {{"type", Json::array({"string", "number", "boolean", "null"})}};
      break;
    case Schema::Kind::Integer:
      out = {{"type", "integer"}};
      break;
    case Schema::Kind::Number:
      out = {{"type", "number"}};
      break;
    case Schema::Kind::String:
      // Plain scalars such as 2024 read as numbers in YAML but are fine where text is expected.
      out = {{"type", Json::array({"string", "number"})}};
      break;
    case Schema::Kind::Boolean:
      out = {{"type", "boolean"}};
      break;
    case Schema::Kind::Enum:
      out = {{"enum", schema.choices}};
      break;
    case Schema::Kind::Cidr:
      out = {{"type", "string"}, {"pattern", "^[0-9A-Fa-f:.]+/[0-9]{1,3}$"}};
      break;
    case Schema::Kind::List:
      out = {{"type", "array"}, {"items", to_json(*schema.items, variant)}};
      break;
    case Schema::Kind::Dict:
      out = {{"type", "object"}, {"additionalProperties", to_json(*schema.items, variant)}};
      break;
    case Schema::Kind::Object:
      return object_json(schema.properties, schema.description, variant);
    case Schema::Kind::PathOrMap:
      out = {{"type", Json::array({"string", "object"})}};
      break;
    case Schema::Kind::PathOrMapList:
      out = {{"type", "array"}, {"items", {{"type", Json::array({"string", "object"})}}}};
      break;
    case Schema::Kind::EnvMap:
      out = {{"type", "object"},
             {"additionalProperties", {{"type", Json::array({"string", "number", "boolean", "null"})}}}};
      break;
    case Schema::Kind::Component:
    case Schema::Kind::Product:
      out = {{"type", "object"}};
      break;
  }
  if (schema.minimum) out["minimum"] = *schema.minimum;
  if (schema.exclusive_minimum) out["exclusiveMinimum"] = *schema.exclusive_minimum;
  if (schema.maximum) out["maximum"] = *schema.maximum;
  if (!schema.description.empty()) out["description"] = schema.description;
  return out;
}

std::string def_name(const std::string& name, Variant variant) {
  return variant == Variant::Overlay ? "overlay_" + name : name;
}

Json component_json(const ProductSpec& product, Variant variant) {
  std::vector<Schema::Property> keys = component_common_keys();
  Json role_names = Json::array();
  Json conditions = Json::array();
  bool open = false;
  for (const auto& role : product.roles) {
    role_names.push_back(role.name);
    open = open || role.open;
    Json required = Json::array();
    for (const auto& k : role.keys) {
      bool known = false;
      for (const auto& existing : keys) known = known || existing.name == k.name;
      if (!known) keys.push_back({k.name, k.schema, false});
      if (k.required) required.push_back(k.name);
    }
    if (!required.empty() && variant == Variant::Full)
      conditions.push_back({{"if", {{"properties", {{"role", {{"const", role.name}}}}}}},
                            {"then", {{"required", required}}}});
  }
  Json out = object_json(keys, product.title + " component", variant);
  out["properties"]["role"] = {{"enum", role_names}, {"description", "the component's role"}};
  if (!conditions.empty()) out["allOf"] = conditions;
  if (open) out["additionalProperties"] = true;
  return out;
}

Json product_json(const ProductSpec& product, Variant variant) {
  std::vector<Schema::Property> keys = {
      {"traffic", traffic_schema(), false},
      {"assumptions", assumptions_schema(), false},
      {"config", Schema{Schema::Kind::PathOrMap,
                        "the product's own configuration file: a path relative to the topology "
                        "file, or its content inline",
                        {}, {}, {}, {}, {}, {}, {}},
       false},
  };
  keys.insert(keys.end(), product.keys.begin(), product.keys.end());
  Json out = object_json(keys, product.title + " section", variant);
  out["properties"]["components"] = {
      {"type", "object"},
      {"description", "the running parts of " + product.title},
      {"additionalProperties",
       {{"$ref", "#/$defs/" + def_name(product.name + "_component", variant)}}}};
  out["patternProperties"] = kExtensionKeys;
  if (product.open) out["additionalProperties"] = true;
  return out;
}

Json topology_json(const std::vector<ProductSpec>& products, Variant variant, Json& defs) {
  Json body = to_json(topology_schema(), variant);
  body["properties"]["version"] = {{"const", 1}, {"description", "format version: 1"}};
  Json product_props = Json::object();
  for (const auto& p : products) {
    product_props[p.name] = {{"$ref", "#/$defs/" + def_name(p.name, variant)}};
    defs[def_name(p.name, variant)] = product_json(p, variant);
    defs[def_name(p.name + "_component", variant)] = component_json(p, variant);
  }
  body["properties"]["products"] = {{"type", "object"},
                                    {"description", "product name to product section"},
                                    {"properties", product_props},
                                    {"additionalProperties", false}};
  if (variant == Variant::Full) body["properties"]["products"]["minProperties"] = 1;
  body["patternProperties"] = kExtensionKeys;
  return body;
}

}  // namespace

std::string json_schema(const std::vector<ProductSpec>& products) {
  Json root = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
               {"$id", "https://deploy-advisor.dev/schema/topology-v1.json"},
               {"title", "deploy-advisor topology, format version 1"}};
  Json defs = Json::object();
  defs["topology"] = topology_json(products, Variant::Full, defs);
  Json overlay = topology_json(products, Variant::Overlay, defs);
  // The keys every file may hold, nothing required: a file with `extends` needs nothing its
  // base has. Without `extends`, the file is a whole topology.
  for (auto& [k, v] : overlay.items()) root[k] = v;
  root["if"] = {{"required", Json::array({"extends"})}};
  root["else"] = {{"$ref", "#/$defs/topology"}};
  root["$defs"] = defs;
  return root.dump(2) + "\n";
}

}  // namespace deploy_advisor
