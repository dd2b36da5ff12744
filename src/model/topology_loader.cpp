#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "lang/cidr.hpp"
#include "deploy_advisor/load/flow_scan.hpp"
#include "deploy_advisor/model/topology.hpp"
#include "model/native_files.hpp"
#include "model/topology_overlay.hpp"

namespace deploy_advisor {

namespace {

std::string join(const std::vector<std::string>& words, std::string_view separator = ", ") {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += separator;
    out += words[i];
  }
  return out;
}

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string range_text(const Schema& s) {
  if (s.exclusive_minimum) return fmt::format(" > {}", *s.exclusive_minimum);
  if (s.minimum) return fmt::format(" >= {}", *s.minimum);
  return "";
}

/// What a value of `schema` may be, in the words of an "expected ..." part: allowed values and
/// ranges, never the key's description.
std::string expected_for(const Schema& schema) {
  if (!schema.choices.empty()) return "one of " + join(schema.choices);
  switch (schema.kind) {
    case Schema::Kind::Any:
      return "a scalar";
    case Schema::Kind::Integer:
      if (schema.minimum && schema.maximum && *schema.minimum == *schema.maximum)
        return fmt::format("{}", *schema.minimum);
      return "an integer" + range_text(schema);
    case Schema::Kind::Number:
      return "a number" + range_text(schema);
    case Schema::Kind::String:
      return "a string";
    case Schema::Kind::Boolean:
      return "true or false";
    case Schema::Kind::Enum:
      return "one of " + join(schema.choices);
    case Schema::Kind::Cidr:
      return "a CIDR such as 10.0.0.0/8 or 2001:db8::/32";
    case Schema::Kind::List:
      return "a list, each item " + expected_for(*schema.items);
    case Schema::Kind::Dict:
      return "a mapping, each value " + expected_for(*schema.items);
    case Schema::Kind::Object: {
      std::vector<std::string> keys;
      for (const auto& p : schema.properties) keys.push_back(p.name);
      return "a mapping with keys " + join(keys);
    }
    case Schema::Kind::PathOrMap:
      return "a path to the file, relative to the topology, or its content inline as a mapping";
    case Schema::Kind::PathOrMapList:
      return "a list of paths or inline mappings";
    case Schema::Kind::Component:
      return "a mapping with at least a role";
    case Schema::Kind::Product:
      return "a mapping with the product's components";
    case Schema::Kind::EnvMap:
      return "a mapping of variable names to values";
  }
  return "a value";
}

/// Validates the topology against its schema while converting it to Values, so the file is
/// walked once. Errors are collected, never thrown, until the whole file has been seen.
constexpr std::size_t kMaxUnknownKeysDetailed = 1000;
/// 10^15: above any real traffic or size, and below 2^53, where doubles stop counting exactly.
constexpr double kMaxTopologyNumber = 1e15;

class TopologyLoader {
 public:
  TopologyLoader(const std::string& path, const FileSystem& files, const LoadOptions& options)
      : path_(path),
        files_(files),
        options_(options),
        native_(files, options.limits, errors_, warnings_) {
    folder_ = path == "-" ? std::string() : parent_folder(path);
    native_.set_root(options.root.empty() ? find_root(files, path) : options.root);
    for (const auto& p : builtin_products()) products_.push_back(&p);
    for (const auto& p : options.extra_products) products_.push_back(&p);
  }

  LoadedTopology load() { return load(read_overlaid_topology(path_, files_, options_.limits)); }

  LoadedTopology load(OverlaidTopology overlaid) {
    LoadedTopology result;
    result.path = path_;
    result.input_files.push_back(path_);
    result.bases = overlaid.bases;
    result.input_files.insert(result.input_files.end(), overlaid.bases.begin(),
                              overlaid.bases.end());
    result.inline_waivers = std::move(overlaid.waivers);
    errors_.insert(errors_.end(), overlaid.waiver_errors.begin(), overlaid.waiver_errors.end());
    const Node& root = overlaid.root;
    if (!root.is_mapping()) {
      error(root.location(), "", fmt::format("the topology is {}", describe(root)),
            "a mapping with version, name, environment and products");
      throw InputFailure(std::move(errors_));
    }
    result.root = convert_top(root, result);
    result.source = std::move(overlaid.root);
    result.input_files.insert(result.input_files.end(), native_.files_read().begin(),
                              native_.files_read().end());
    result.inline_waivers.insert(result.inline_waivers.end(), native_.waivers().begin(), native_.waivers().end());
    if (!errors_.empty()) throw InputFailure(std::move(errors_));
    for (const auto& [site, finding] : unknown_key_sites_)
      if (finding.second > 0)
        warnings_[finding.first].message +=
            fmt::format(" (written once, it reaches {} more place{} through an alias or a merge key)",
                        finding.second, finding.second == 1 ? "" : "s");
    if (unlisted_unknown_keys_ > 0) {
      Finding more;
      more.rule_id = "DA002";
      // At the first unknown key, so that the count is among the findings shown.
      more.location = first_unknown_key_;
      more.message = fmt::format(
          "{} more unknown keys are not listed: a topology lists its first {}; correct those and run again to see the rest",
          unlisted_unknown_keys_, kMaxUnknownKeysDetailed);
      more.fix = "Correct the unknown keys listed, then run again to see the rest.";
      warnings_.push_back(std::move(more));
    }
    result.warnings = std::move(warnings_);
    return result;
  }

 private:
  void error(Location at, const std::string& key_path, const std::string& what,
             const std::string& expected) {
    std::string message = key_path.empty() ? what : key_path + ": " + what;
    if (!expected.empty()) message += "; expected " + expected;
    errors_.push_back({at, message + merge_note(at)});
  }

  void unknown_key(const Node& key, const std::string& parent_path,
                   const std::vector<std::string>& known, const std::string& extra = "") {
    // A key written once and reached through an alias or a merge key in many places is one
    // mistake with one place to fix: one finding, which says how many places it reaches.
    Location at = key.location();
    auto site = std::make_tuple(at.file, at.line, at.column);
    if (auto seen = unknown_key_sites_.find(site); seen != unknown_key_sites_.end()) {
      ++seen->second.second;
      return;
    }
    // Past the number of findings a run writes, the rest are only counted (one finding says
    // how many), so that a file of 150,000 unknown keys costs no more than one of 1,000.
    if (warnings_.size() >= kMaxUnknownKeysDetailed) {
      ++unlisted_unknown_keys_;
      return;
    }
    if (unknown_key_sites_.empty()) first_unknown_key_ = at;
    unknown_key_sites_.emplace(site, std::make_pair(warnings_.size(), std::size_t{0}));
    Finding f;
    f.rule_id = "DA002";
    f.location = key.location();
    std::string suggestion = did_you_mean(key.text(), known);
    std::string where = parent_path.empty() ? "at the top level" : "in " + parent_path;
    f.message = fmt::format("unknown key '{}' {}", key.text(), where);
    if (!suggestion.empty()) f.message += fmt::format("; did you mean '{}'?", suggestion);
    if (!extra.empty()) f.message += " (" + extra + ")";
    f.message += merge_note(key.location());
    f.fix = suggestion.empty() ? fmt::format("Remove '{}' or correct its name; known keys: {}.",
                                             key.text(), join(known))
                               : fmt::format("Rename '{}' to '{}'.", key.text(), suggestion);
    warnings_.push_back(std::move(f));
  }

  /// Converts a value against a schema. Returns Absent after reporting an error.
  Value convert(const Node& node, const Schema& schema, const std::string& path) {
    switch (schema.kind) {
      case Schema::Kind::Any:
        if (!node.is_scalar() && !node.is_null()) {
          error(node.location(), path, fmt::format("found {}", describe(node)), "a scalar");
          return Value::absent(node.location());
        }
        return to_value(node);
      case Schema::Kind::String:
        if (!node.is_scalar() || scalar_type(node) == ScalarType::Null) {
          error(node.location(), path, fmt::format("found {}", describe(node)), "a string");
          return Value::absent(node.location());
        }
        return Value::string(node.text(), node.location());
      case Schema::Kind::Boolean:
        if (!node.is_scalar() || scalar_type(node) != ScalarType::Bool) {
          error(node.location(), path, fmt::format("found {}", describe(node)), "true or false");
          return Value::absent(node.location());
        }
        return Value::boolean(scalar_bool(node), node.location());
      case Schema::Kind::Integer:
      case Schema::Kind::Number:
        return convert_number(node, schema, path);
      case Schema::Kind::Enum:
        return convert_enum(node, schema, path);
      case Schema::Kind::Cidr: {
        if (!node.is_scalar() || scalar_type(node) != ScalarType::String) {
          error(node.location(), path, fmt::format("found {}", describe(node)),
                "a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
          return Value::absent(node.location());
        }
        if (!lang::parse_cidr_block(node.text())) {
          error(node.location(), path, fmt::format("'{}' is not a valid CIDR", node.text()),
                "an IPv4 or IPv6 network with a prefix length, such as 10.0.0.0/8 or 2001:db8::/32");
          return Value::absent(node.location());
        }
        return Value::string(node.text(), node.location());
      }
      case Schema::Kind::List: {
        if (!node.is_sequence()) {
          error(node.location(), path, fmt::format("found {}", describe(node)),
                expected_for(schema));
          return Value::absent(node.location());
        }
        Value::List items;
        for (std::size_t i = 0; i < node.items().size(); ++i)
          items.push_back(convert(node.items()[i], *schema.items, fmt::format("{}[{}]", path, i)));
        return Value::list(std::move(items), node.location());
      }
      case Schema::Kind::Dict: {
        if (!node.is_mapping()) {
          error(node.location(), path, fmt::format("found {}", describe(node)), "a mapping");
          return Value::absent(node.location());
        }
        Value::Map entries;
        for (const auto& [k, v] : node.entries())
          entries.emplace_back(k.text(), convert(v, *schema.items, child_path(path, k.text())));
        return Value::map(std::move(entries), node.location());
      }
      case Schema::Kind::Object:
        return convert_object(node, schema.properties, path, nullptr);
      case Schema::Kind::EnvMap:
        return convert_env(node, path);
      case Schema::Kind::PathOrMap:
      case Schema::Kind::PathOrMapList:
      case Schema::Kind::Component:
      case Schema::Kind::Product:
        // Resolved by their owners, which know the product they belong to.
        return to_value(node);
    }
    return Value::absent(node.location());
  }

  Value convert_number(const Node& node, const Schema& schema, const std::string& path) {
    bool integer = schema.kind == Schema::Kind::Integer;
    std::string expected = expected_for(schema);
    ScalarType type = node.is_scalar() ? scalar_type(node) : ScalarType::String;
    if (!node.is_scalar() || (type != ScalarType::Integer && type != ScalarType::Float)) {
      error(node.location(), path, fmt::format("found {}", describe(node)), expected);
      return Value::absent(node.location());
    }
    double n = scalar_number(node);
    if (!std::isfinite(n) || (integer && std::floor(n) != n)) {
      error(node.location(), path, fmt::format("found {}", describe(node)), expected);
      return Value::absent(node.location());
    }
    // Sizing multiplies inputs together: a bound on each keeps every figure finite (and
    // exact), so `1e308` req/s is an error here rather than "inf" replicas later.
    if (std::fabs(n) > kMaxTopologyNumber) {
      error(node.location(), path,
            fmt::format("{} is larger than {:.0e}, the largest number a topology accepts",
                        node.text(), kMaxTopologyNumber),
            expected);
      return Value::absent(node.location());
    }
    bool below = (schema.minimum && n < *schema.minimum) ||
                 (schema.exclusive_minimum && n <= *schema.exclusive_minimum);
    bool above = schema.maximum && n > *schema.maximum;
    if (below || above) {
      bool fixed = schema.minimum && schema.maximum && *schema.minimum == *schema.maximum;
      error(node.location(), path,
            node.text() + (fixed ? " is not supported" : " is out of range"),
            expected);
      return Value::absent(node.location());
    }
    return Value::number(n, node.location());
  }

  Value convert_enum(const Node& node, const Schema& schema, const std::string& path) {
    std::string expected = "one of " + join(schema.choices);
    if (!node.is_scalar() || scalar_type(node) == ScalarType::Null) {
      error(node.location(), path, fmt::format("found {}", describe(node)), expected);
      return Value::absent(node.location());
    }
    if (std::find(schema.choices.begin(), schema.choices.end(), node.text()) == schema.choices.end()) {
      std::string suggestion = did_you_mean(node.text(), schema.choices);
      std::string what = fmt::format("'{}' is not allowed", node.text());
      if (!suggestion.empty()) what += fmt::format(" (did you mean '{}'?)", suggestion);
      error(node.location(), path, what, expected);
      return Value::absent(node.location());
    }
    return Value::string(node.text(), node.location());
  }

  Value convert_env(const Node& node, const std::string& path) {
    if (!node.is_mapping()) {
      error(node.location(), path, fmt::format("found {}", describe(node)),
            "a mapping of variable names to values");
      return Value::absent(node.location());
    }
    Value::Map entries;
    for (const auto& [k, v] : node.entries()) {
      if (!v.is_scalar() && !v.is_null()) {
        error(v.location(), child_path(path, k.text()), fmt::format("found {}", describe(v)),
              "a string, number or boolean");
        continue;
      }
      // Environment variables are strings whatever YAML type they were written as.
      entries.emplace_back(k.text(), v.is_null() ? Value::string("", v.location())
                                                 : Value::string(v.text(), v.location()));
      check_env_name(k, path);
    }
    return Value::map(std::move(entries), node.location());
  }

  void check_env_name(const Node& key, const std::string& path) {
    const auto& known = env_names_;
    if (known.empty() || std::find(known.begin(), known.end(), key.text()) != known.end()) return;
    for (const auto& name : known) {
      if (edit_distance(key.text(), name, 2) <= 2) {
        unknown_key(key, path, {name}, "environment maps are open, but this name is close to one "
                                       "the rules read");
        return;
      }
    }
  }

  /// Converts a mapping with known properties; `extra` receives keys it does not know (for
  /// components, whose role keys are checked by the caller) or, when null, warns about them.
  /// With `extensions`, keys starting with `x-` are the file's own (anchors to share) and
  /// ignored. `also_known` names keys the caller handles, never taken for a misspelling.
  Value convert_object(const Node& node, const std::vector<Schema::Property>& properties,
                       const std::string& path, std::vector<const Node::Entry*>* extra,
                       bool extensions = false,
                       const std::vector<std::string>& also_known = {}) {
    if (!node.is_mapping()) {
      error(node.location(), path, fmt::format("found {}", describe(node)), "a mapping");
      return Value::absent(node.location());
    }
    Value::Map entries;
    std::vector<std::string> names;
    for (const auto& p : properties) names.push_back(p.name);
    std::vector<const Node::Entry*> unknown;
    for (const auto& entry : node.entries()) {
      const auto& [k, v] = entry;
      if (extensions && k.is_scalar() && k.text().starts_with("x-")) continue;
      auto it = std::find_if(properties.begin(), properties.end(),
                             [&key = k](const Schema::Property& p) { return p.name == key.text(); });
      if (it == properties.end()) {
        unknown.push_back(&entry);
        continue;
      }
      Value converted = convert(v, it->schema, child_path(path, k.text()));
      if (!converted.is_absent()) entries.emplace_back(k.text(), std::move(converted));
    }
    for (const auto& p : properties) {
      if (!p.required || node.find(p.name)) continue;
      // A misspelt required key is one mistake: say so once, at the misspelling.
      auto misspelt = std::find_if(unknown.begin(), unknown.end(), [&](const Node::Entry* e) {
        const std::string& written = e->first.text();
        return std::find(also_known.begin(), also_known.end(), written) == also_known.end() &&
               did_you_mean(written, names) == p.name;
      });
      if (misspelt != unknown.end()) {
        const Node& key = (*misspelt)->first;
        error(key.location(), path,
              fmt::format("'{}' is not a key; did you mean '{}'? (required; expected {})",
                          key.text(), p.name, expected_for(p.schema)),
              "");
        unknown.erase(misspelt);
        continue;
      }
      error(node.location(), path.empty() ? p.name : child_path(path, p.name),
            "required key is missing", expected_for(p.schema));
    }
    for (const auto* entry : unknown) {
      if (extra) extra->push_back(entry);
      else unknown_key(entry->first, path, names);
    }
    return Value::map(std::move(entries), node.location());
  }

  Value convert_top(const Node& root, LoadedTopology& result) {
    const Schema& schema = topology_schema();
    Value top = convert_object(root, schema.properties, "", nullptr, true);
    result.name = top.get("name").as_string();
    result.environment = top.get("environment").as_string();
    top_traffic_ = top.get("traffic");
    top_assumptions_ = top.get("assumptions");
    check_assumptions(root.find("assumptions"), "assumptions");
    if (const Node* products = root.find("products"); products && products->is_mapping()) {
      if (products->entries().empty())
        error(products->location(), "products", "no product", "at least one product section");
      for (const auto& [k, v] : products->entries()) {
        if (auto product = load_product(k, v)) result.products.push_back(std::move(*product));
      }
    }
    return top;
  }

  void check_assumptions(const Node* node, const std::string& path) {
    if (!node || !node->is_mapping()) return;
    for (const auto& [k, v] : node->entries()) {
      const auto& names = options_.assumption_names;
      if (std::find(names.begin(), names.end(), k.text()) != names.end()) continue;
      std::string suggestion = did_you_mean(k.text(), names);
      std::string what = fmt::format("unknown assumption '{}'", k.text());
      if (!suggestion.empty()) what += fmt::format(" (did you mean '{}'?)", suggestion);
      error(k.location(), child_path(path, k.text()), what,
            "an assumption the sizing models define (deploy-advisor plan lists them)");
    }
  }

  const ProductSpec* find_product(const std::string& name) const {
    for (const auto* p : products_)
      if (p->name == name) return p;
    return nullptr;
  }

  std::optional<LoadedProduct> load_product(const Node& key, const Node& section) {
    std::string path = child_path("products", key.text());
    const ProductSpec* spec = find_product(key.text());
    if (!spec) {
      std::vector<std::string> names;
      for (const auto* p : products_) names.push_back(p->name);
      std::string suggestion = did_you_mean(key.text(), names);
      std::string what = fmt::format("unknown product '{}'", key.text());
      if (!suggestion.empty()) what += fmt::format(" (did you mean '{}'?)", suggestion);
      error(key.location(), path, what,
            "one of " + join(names) + " (or a product declared by a --profiles profile)");
      return std::nullopt;
    }
    if (!section.is_mapping()) {
      error(section.location(), path, fmt::format("found {}", describe(section)),
            "a mapping with the product's components");
      return std::nullopt;
    }
    env_names_ = spec->env_names;
    LoadedProduct product;
    product.name = spec->name;
    product.spec = std::make_shared<const ProductSpec>(*spec);
    product.location = key.location();

    std::vector<Schema::Property> keys = {
        {"traffic", traffic_schema(), false},
        {"assumptions", assumptions_schema(), false},
    };
    keys.insert(keys.end(), spec->keys.begin(), spec->keys.end());
    std::vector<const Node::Entry*> extra;
    Value converted =
        convert_object(section, keys, path, &extra, true, {"components", "config"});
    Value::Map entries = converted.as_map();
    std::vector<std::string> names = {"traffic", "assumptions", "components", "config"};
    for (const auto& p : spec->keys) names.push_back(p.name);

    product.components = Value::list({}, section.location());
    for (const auto* entry : extra) {
      const auto& [k, v] = *entry;
      if (k.text() == "components") {
        product.components = load_components(*spec, v, child_path(path, "components"));
        entries.emplace_back("components", product.components);
      } else if (k.text() == "config") {
        product.config = native_.load(v, folder_of(v), child_path(path, "config"), spec->config);
        entries.emplace_back("config", product.config);
      } else if (!spec->open) {
        unknown_key(k, path, names);
      } else {
        entries.emplace_back(k.text(), to_value(v));
      }
    }
    check_assumptions(section.find("assumptions"), child_path(path, "assumptions"));

    // Keys that name the product's own files: each kind has its reader and its slot.
    for (const auto& [native_key, kind] : spec->native_keys) {
      const Node* node = section.find(native_key);
      if (!node) continue;
      std::string key_path = child_path(path, native_key);
      switch (kind) {
        case NativeKind::CortexCluster:
          product.cluster = native_.load(*node, folder_of(*node), key_path, kind);
          replace(entries, native_key, product.cluster);
          break;
        case NativeKind::CortexApis:
          product.apis = native_.load_list(*node, folder_of(*node), key_path, kind);
          replace(entries, native_key, product.apis);
          break;
        case NativeKind::MetaflowFlows:
          product.flows = load_flows(*spec, native_key, *node, key_path);
          replace(entries, native_key, product.flows);
          break;
        case NativeKind::None:
        case NativeKind::MetarankConfig:  // `config:`, read above
        case NativeKind::MetaflowConfig:
          break;
      }
    }
    if (product.cluster.is_absent()) product.cluster = Value::absent(section.location());
    if (product.apis.is_absent()) product.apis = Value::list({}, section.location());
    if (product.flows.is_absent()) product.flows = Value::list({}, section.location());
    if (product.config.is_absent()) product.config = Value::absent(section.location());

    entries.insert(entries.begin(), {"name", Value::string(spec->name, key.location())});
    product.section = Value::map(std::move(entries), section.location());
    product.traffic = merge(top_traffic_, product.section.get("traffic"), section.location());
    product.assumptions =
        merge(top_assumptions_, product.section.get("assumptions"), section.location());
    return product;
  }

  static void replace(Value::Map& entries, const std::string& key, Value value) {
    for (auto& [k, v] : entries)
      if (k == key) {
        v = std::move(value);
        return;
      }
    entries.emplace_back(key, std::move(value));
  }

  static Value merge(const Value& base, const Value& overrides, Location fallback) {
    Value::Map entries = base.as_map();
    for (const auto& [k, v] : overrides.as_map()) replace(entries, k, v);
    Location at = overrides.is_map() ? overrides.location()
                                     : (base.is_map() ? base.location() : fallback);
    return Value::map(std::move(entries), at);
  }

  Value load_components(const ProductSpec& spec, const Node& node, const std::string& path) {
    if (!node.is_mapping()) {
      error(node.location(), path, fmt::format("found {}", describe(node)),
            "a mapping of component names to components");
      return Value::list({}, node.location());
    }
    Value::List list;
    for (const auto& [k, v] : node.entries()) {
      Value component = load_component(spec, k, v, child_path(path, k.text()));
      if (!component.is_absent()) list.push_back(std::move(component));
    }
    return Value::list(std::move(list), node.location());
  }

  Value load_component(const ProductSpec& spec, const Node& key, const Node& node,
                       const std::string& path) {
    if (!node.is_mapping()) {
      error(node.location(), path, fmt::format("found {}", describe(node)),
            "a mapping with at least a role");
      return Value::absent(node.location());
    }
    std::vector<std::string> role_names;
    for (const auto& r : spec.roles) role_names.push_back(r.name);
    const RoleSpec* role = nullptr;
    if (const Node* role_node = node.find("role"); role_node && role_node->is_scalar()) {
      role = spec.role(role_node->text());
      if (!role) {
        std::string suggestion = did_you_mean(role_node->text(), role_names);
        std::string what = fmt::format("unknown role '{}' for {}", role_node->text(), spec.name);
        if (!suggestion.empty()) what += fmt::format(" (did you mean '{}'?)", suggestion);
        error(role_node->location(), child_path(path, "role"), what, "one of " + join(role_names));
      }
    }
    std::vector<Schema::Property> keys = component_common_keys();
    for (auto& k : keys)
      if (k.name == "role") k.schema.choices = role_names;  // for "expected one of ..."
    if (role) keys.insert(keys.end(), role->keys.begin(), role->keys.end());
    // Keys of other roles are known words, never taken for a misspelt required key.
    std::vector<std::string> role_keys;
    for (const auto& r : spec.roles)
      for (const auto& p : r.keys) role_keys.push_back(p.name);
    std::vector<const Node::Entry*> extra;
    Value converted = convert_object(node, keys, path, &extra, false, role_keys);
    Value::Map entries;
    entries.emplace_back("name", Value::string(key.text(), key.location()));
    for (auto& entry : converted.as_map()) entries.push_back(entry);
    std::vector<std::string> names;
    for (const auto& p : keys) names.push_back(p.name);
    for (const auto* entry : extra) {
      const auto& [k, v] = *entry;
      if (role && role->open) {
        entries.emplace_back(k.text(), to_value(v));
        continue;
      }
      std::vector<std::string> owners;
      for (const auto& r : spec.roles)
        for (const auto& p : r.keys)
          if (p.name == k.text()) owners.push_back(r.name);
      std::string extra_note =
          owners.empty() || !role ? std::string()
                                  : fmt::format("'{}' is a key of role {}, not {}", k.text(),
                                                join(owners, " and "), role->name);
      unknown_key(k, path, names, extra_note);
    }
    return Value::map(std::move(entries), node.location());
  }

  Value load_flows(const ProductSpec& spec, const std::string& key, const Node& node,
                   const std::string& path) {
    Schema flows_schema;
    for (const auto& p : spec.keys)
      if (p.name == key) flows_schema = p.schema;
    if (flows_schema.kind != Schema::Kind::Dict || !flows_schema.items ||
        flows_schema.items->kind != Schema::Kind::Object) {
      // verify_profiles rejects such a declaration; a user profile's is taken as written.
      error(node.location(), path, "the profile declares these flows without their keys",
            "a dict of objects in the product's profile");  // section readers reject it first
      return Value::list({}, node.location());
    }
    if (!node.is_mapping()) {
      error(node.location(), path, fmt::format("found {}", describe(node)),
            "a mapping of flow names to flows");
      return Value::list({}, node.location());
    }
    Value::List flows;
    for (const auto& [k, v] : node.entries()) {
      std::string flow_path = child_path(path, k.text());
      Value declared = convert_object(v, flows_schema.items->properties, flow_path, nullptr);
      if (declared.is_absent()) continue;
      const Node* file = v.find("file");
      flows.push_back(native_.load_flow(spec.name, k, v, declared, folder_of(file ? *file : v), flow_path));
    }
    return Value::list(std::move(flows), node.location());
  }

  /// Paths in a file resolve against that file's folder, whether it is the topology or a
  /// base it extends.
  std::string folder_of(const Node& node) const {
    std::string_view file = node.location().file_name();
    if (file.empty() || file == "-") return folder_;
    return parent_folder(std::string(file));
  }

  std::string path_;
  const FileSystem& files_;
  const LoadOptions& options_;
  std::string folder_;
  std::vector<InputError> errors_;
  std::vector<Finding> warnings_;
  std::size_t unlisted_unknown_keys_ = 0;  // past kMaxUnknownKeysDetailed
  Location first_unknown_key_;
  // Where each unknown key of the topology was reported: its finding and the further uses.
  std::map<std::tuple<const std::string*, std::uint32_t, std::uint32_t>, std::pair<std::size_t, std::size_t>>
      unknown_key_sites_;
  std::vector<const ProductSpec*> products_;
  std::vector<std::string> env_names_;
  Value top_traffic_;
  Value top_assumptions_;
  NativeFiles native_;
};

}  // namespace

LoadedTopology load_topology(const std::string& path, const FileSystem& files,
                             const LoadOptions& options) {
  return TopologyLoader(path, files, options).load();
}

LoadedTopology load_topology_tree(const std::string& path, Node root, const FileSystem& files,
                                  const LoadOptions& options) {
  OverlaidTopology overlaid;
  overlaid.root = std::move(root);
  return TopologyLoader(path, files, options).load(std::move(overlaid));
}

}  // namespace deploy_advisor
