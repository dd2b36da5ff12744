// Reads the `section:` of a profile: the keys, roles, environment names and native files of
// a product's section of a topology. Key types map one to one onto schema_builders.hpp.
#include <algorithm>

#include <fmt/format.h>

#include "deploy_advisor/model/schema.hpp"
#include "schema/schema_builders.hpp"

namespace deploy_advisor {

namespace {

using namespace schema_builders;  // NOLINT: the builders the declarations map onto

const std::vector<std::pair<std::string, NativeKind>>& native_kind_names() {
  static const std::vector<std::pair<std::string, NativeKind>> names = {
      {"metarank_config", NativeKind::MetarankConfig}, {"metaflow_config", NativeKind::MetaflowConfig},
      {"cortex_cluster", NativeKind::CortexCluster},   {"cortex_apis", NativeKind::CortexApis},
      {"metaflow_flows", NativeKind::MetaflowFlows},
  };
  return names;
}

/// The key types a declaration may give, and the schema kind of each.
const std::vector<std::pair<std::string, Schema::Kind>>& type_names() {
  static const std::vector<std::pair<std::string, Schema::Kind>> names = {
      {"string", Schema::Kind::String},   {"integer", Schema::Kind::Integer},
      {"number", Schema::Kind::Number},   {"boolean", Schema::Kind::Boolean},
      {"cidr", Schema::Kind::Cidr},       {"any", Schema::Kind::Any},
      {"list", Schema::Kind::List},       {"dict", Schema::Kind::Dict},
      {"object", Schema::Kind::Object},   {"env", Schema::Kind::EnvMap},
      {"file", Schema::Kind::PathOrMap},  {"file_list", Schema::Kind::PathOrMapList},
      {"traffic", Schema::Kind::Object},
  };
  return names;
}

template <typename T>
std::vector<std::string> names_of(const std::vector<std::pair<std::string, T>>& table) {
  std::vector<std::string> names;
  for (const auto& [name, value] : table) names.push_back(name);
  return names;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? ", " : "") + words[i];
  return out;
}

class SectionReader {
 public:
  explicit SectionReader(std::vector<InputError>& errors) : errors_(errors) {}

  void read(const Node& section, ProductSpec& spec) {
    spec.defined_at = section.location();
    if (!section.is_mapping()) {
      fail(section, "section", "expected a mapping with keys, roles, env_names and config");
      return;
    }
    check_keys(section, "section", {"keys", "roles", "env_names", "config"});
    if (const Node* keys = section.find("keys")) spec.keys = properties(*keys, "section.keys", &spec);
    if (const Node* config = section.find("config")) {
      spec.config = native_kind(*config, "section.config");
      if (spec.config != NativeKind::None && spec.config != NativeKind::MetarankConfig &&
          spec.config != NativeKind::MetaflowConfig)
        fail(*config, "section.config",
             fmt::format("'{}' is not a configuration file kind; expected metarank_config or "
                         "metaflow_config",
                         config->text()));
    }
    if (const Node* env = section.find("env_names")) {
      if (!env->is_sequence()) fail(*env, "section.env_names", "expected a list of variable names");
      else
        for (const auto& name : env->items()) {
          if (!name.is_scalar()) fail(name, "section.env_names", "expected a variable name");
          else spec.env_names.push_back(name.text());
        }
    }
    if (const Node* roles = section.find("roles")) read_roles(*roles, spec);
  }

 private:
  void fail(const Node& at, const std::string& path, const std::string& message) {
    errors_.push_back({at.location(), path + ": " + message});
  }

  void check_keys(const Node& map, const std::string& path, const std::vector<std::string>& known) {
    for (const auto& [k, v] : map.entries()) {
      if (std::find(known.begin(), known.end(), k.text()) != known.end()) continue;
      std::string message = fmt::format("unknown key '{}'", k.text());
      if (auto s = did_you_mean(k.text(), known); !s.empty()) message += fmt::format("; did you mean '{}'?", s);
      else message += "; expected one of " + join(known);
      fail(k, path, message);
    }
  }

  NativeKind native_kind(const Node& node, const std::string& path) {
    const auto& table = native_kind_names();
    for (const auto& [name, kind] : table)
      if (node.is_scalar() && node.text() == name) return kind;
    std::string message = fmt::format("'{}' is not a native file kind", node.is_scalar() ? node.text() : describe(node));
    if (auto s = did_you_mean(node.text(), names_of(table)); !s.empty())
      message += fmt::format(" (did you mean '{}'?)", s);
    fail(node, path, message + "; expected one of " + join(names_of(table)));
    return NativeKind::None;
  }

  std::optional<double> number(const Node& map, const char* key, const std::string& path) {
    const Node* n = map.find(key);
    if (!n) return std::nullopt;
    if (!n->is_scalar() ||
        (scalar_type(*n) != ScalarType::Integer && scalar_type(*n) != ScalarType::Float)) {
      fail(*n, path + "." + key, "expected a number");
      return std::nullopt;
    }
    return scalar_number(*n);
  }

  /// Whether the key's type is what the native kind's reader takes.
  bool fits(NativeKind kind, const Schema& schema, const Node& at, const std::string& path) {
    bool ok = kind == NativeKind::CortexCluster ? schema.kind == Schema::Kind::PathOrMap
              : kind == NativeKind::CortexApis  ? schema.kind == Schema::Kind::PathOrMapList
              : kind == NativeKind::MetaflowFlows
                  ? schema.kind == Schema::Kind::Dict && schema.items &&
                        schema.items->kind == Schema::Kind::Object
                  : false;
    if (!ok) {
      const char* expected = kind == NativeKind::CortexCluster ? "type: file"
                             : kind == NativeKind::CortexApis  ? "type: file_list"
                                                               : "type: dict with items of type: object";
      fail(at, path + ".native", fmt::format("a {} key is declared with {}", native_kind_name(kind), expected));
    }
    return ok;
  }

  /// A mapping of key name to declaration, in the order written.
  std::vector<Schema::Property> properties(const Node& node, const std::string& path, ProductSpec* spec,
                                           RoleSpec* role = nullptr) {
    std::vector<Schema::Property> out;
    if (!node.is_mapping()) {
      fail(node, path, "expected a mapping of key names to declarations");
      return out;
    }
    for (const auto& [k, v] : node.entries()) {
      std::string key_path = path + "." + k.text();
      bool required = false;
      if (v.is_mapping())
        if (const Node* r = v.find("required")) {
          if (!r->is_scalar() || scalar_type(*r) != ScalarType::Bool)
            fail(*r, key_path + ".required", "expected true or false");
          else required = scalar_bool(*r);
        }
      Schema schema = declaration(v, key_path, true, role != nullptr);
      if (const Node* diagram = v.is_mapping() ? v.find("diagram") : nullptr; diagram && role) {
        if (diagram->text() != "calls")
          fail(*diagram, key_path + ".diagram",
               fmt::format("'{}' is not how a key is drawn; expected calls", diagram->text()));
        else if (schema.kind != Schema::Kind::String)
          fail(*diagram, key_path + ".diagram", "a key that names a component is of type: string");
        else
          role->calls.push_back(k.text());
      }
      if (v.is_mapping())
        if (const Node* native = v.find("native")) {
          if (!spec) {
            fail(*native, key_path + ".native", "native files are named by product keys only");
          } else {
            NativeKind kind = native_kind(*native, key_path + ".native");
            if (kind == NativeKind::MetarankConfig || kind == NativeKind::MetaflowConfig)
              fail(*native, key_path + ".native",
                   "a configuration file is named by `config:`; give its kind as section.config");
            else if (kind != NativeKind::None && fits(kind, schema, *native, key_path))
              spec->native_keys.emplace_back(k.text(), kind);
          }
        }
      out.push_back(Schema::Property{k.text(), std::move(schema), required});
    }
    return out;
  }

  /// One key's declaration: `{type: …, description: …}` and the type's own fields.
  Schema declaration(const Node& node, const std::string& path, bool is_property, bool role_key = false) {
    if (!node.is_mapping()) {
      fail(node, path, "expected a declaration such as {type: string, description: …}");
      return any("");
    }
    std::vector<std::string> known = {"type", "description", "one_of", "minimum", "above",
                                       "items", "keys"};
    if (is_property) {
      known.push_back("required");
      known.push_back(role_key ? "diagram" : "native");
    }
    check_keys(node, path, known);
    std::string description;
    if (const Node* d = node.find("description"); d && d->is_scalar()) description = d->text();
    else fail(d ? *d : node, path, "a key needs a description (the schema and the docs show it)");

    const Node* type = node.find("type");
    if (const Node* choices = node.find("one_of")) {
      if (type) fail(*type, path, "give either type or one_of, not both");
      std::vector<std::string> words;
      if (!choices->is_sequence() || choices->items().empty()) fail(*choices, path + ".one_of", "expected a list of values");
      else
        for (const auto& c : choices->items()) words.push_back(c.text());
      return one_of(description, std::move(words));
    }
    if (!type || !type->is_scalar()) {
      fail(type ? *type : node, path, "expected a type: " + join(names_of(type_names())) + ", or one_of");
      return any(description);
    }
    auto entry = std::find_if(type_names().begin(), type_names().end(),
                              [&](const auto& t) { return t.first == type->text(); });
    if (entry == type_names().end()) {
      std::string message = fmt::format("'{}' is not a key type", type->text());
      if (auto s = did_you_mean(type->text(), names_of(type_names())); !s.empty())
        message += fmt::format(" (did you mean '{}'?)", s);
      fail(*type, path + ".type", message + "; expected one of " + join(names_of(type_names())));
      return any(description);
    }
    const std::string& name = entry->first;
    auto only_for = [&](const char* key, bool allowed, const char* types) {
      if (const Node* n = node.find(key); n && !allowed)
        fail(*n, path + "." + key, fmt::format("{} is for {} keys only", key, types));
    };
    only_for("minimum", name == "integer" || name == "number", "integer and number");
    only_for("above", name == "number", "number");
    only_for("items", name == "list" || name == "dict", "list and dict");
    only_for("keys", name == "object", "object");

    if (name == "integer") return integer(description, number(node, "minimum", path));
    if (name == "number") {
      Schema s = kind(Schema::Kind::Number, description);
      s.minimum = number(node, "minimum", path);
      s.exclusive_minimum = number(node, "above", path);
      if (s.minimum && s.exclusive_minimum)
        fail(node, path, "give either minimum (at least) or above, not both");
      return s;
    }
    if (name == "list" || name == "dict") {
      const Node* items = node.find("items");
      if (!items) {
        fail(node, path, fmt::format("a {} needs items: the declaration of each value", name));
        return any(description);
      }
      Schema item = declaration(*items, path + ".items", false);
      return name == "list" ? list_of(description, std::move(item)) : dict_of(description, std::move(item));
    }
    if (name == "object") {
      const Node* keys = node.find("keys");
      if (!keys) {
        fail(node, path, "an object needs keys: the declaration of each key");
        return any(description);
      }
      return object(description, properties(*keys, path + ".keys", nullptr));
    }
    if (name == "traffic") {
      // The topology's traffic inputs, for a product key that holds traffic of its own.
      Schema s = traffic_schema();
      s.description = description;
      return s;
    }
    return kind(entry->second, description);
  }

  void read_roles(const Node& node, ProductSpec& spec) {
    if (!node.is_mapping()) {
      fail(node, "section.roles", "expected a mapping of role names to {diagram, keys}");
      return;
    }
    for (const auto& [k, v] : node.entries()) {
      std::string path = "section.roles." + k.text();
      RoleSpec role;
      role.name = k.text();
      role.defined_at = k.location();
      if (!v.is_null() && !v.is_mapping()) {
        fail(v, path, "expected a mapping with diagram and keys, or {}");
        continue;
      }
      if (v.is_mapping()) {
        check_keys(v, path, {"diagram", "keys"});
        if (const Node* diagram = v.find("diagram")) {
          if (diagram->text() == "store") role.diagram = DiagramRole::Store;
          else if (diagram->text() == "client") role.diagram = DiagramRole::Client;
          else if (diagram->text() != "none")
            fail(*diagram, path + ".diagram",
                 fmt::format("'{}' is not a diagram role; expected store, client or none", diagram->text()));
        }
        if (const Node* keys = v.find("keys")) role.keys = properties(*keys, path + ".keys", nullptr, &role);
      }
      spec.roles.push_back(std::move(role));
    }
  }

  std::vector<InputError>& errors_;
};

}  // namespace

const RoleSpec* ProductSpec::role(const std::string& role_name) const {
  for (const auto& r : roles)
    if (r.name == role_name) return &r;
  return nullptr;
}

NativeKind ProductSpec::native_key(const std::string& key) const {
  for (const auto& [key_name, kind] : native_keys)
    if (key_name == key) return kind;
  return NativeKind::None;
}

std::string native_kind_name(NativeKind kind) {
  for (const auto& [name, k] : native_kind_names())
    if (k == kind) return name;
  return "none";
}

void read_product_section(const Node& section, ProductSpec& spec, std::vector<InputError>& errors) {
  SectionReader(errors).read(section, spec);
  if (const Node* keys = section.find("keys"); keys && keys->is_mapping())
    for (const auto& [k, v] : keys->entries())
      if (k.text() == "version")
        errors.push_back({k.location(), "section.keys.version: every product has a version key "
                                        "already; remove it"});
  // The release deployed is a key of every product: rules and defaults follow it.
  spec.keys.insert(spec.keys.begin(), product_version_key());
}

std::vector<std::string> read_product_order(const Node& list, std::vector<InputError>& errors) {
  std::vector<std::string> names;
  if (!list.is_sequence()) {
    errors.push_back({list.location(), "products: expected a list of product names"});
    return names;
  }
  for (const auto& item : list.items()) {
    if (!item.is_scalar()) errors.push_back({item.location(), "products: expected a product name"});
    else names.push_back(item.text());
  }
  return names;
}

}  // namespace deploy_advisor
