#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "deploy_advisor/engine/profile.hpp"
#include "deploy_advisor/load/readers.hpp"
#include "engine/code_rules.hpp"
#include "engine/embedded_profiles.hpp"

namespace deploy_advisor {

namespace detail {

std::shared_ptr<const lang::Expression> compile_lazy(const std::string& text, Location at,
                                                     const std::vector<std::string>& names,
                                                     std::optional<lang::CompileError>& error,
                                                     const lang::Expression*) {
  auto result = lang::compile(text, at, names);
  error = std::move(result.error);
  return std::move(result.expression);
}

std::shared_ptr<const lang::Template> compile_lazy(const std::string& text, Location at,
                                                   const std::vector<std::string>& names,
                                                   std::optional<lang::CompileError>& error,
                                                   const lang::Template*) {
  auto [compiled, compile_error] = lang::Template::compile(text, at, names);
  error = std::move(compile_error);
  if (!compiled) return nullptr;
  return std::make_shared<const lang::Template>(std::move(*compiled));
}

}  // namespace detail

const std::vector<std::string>& rule_variable_names() {
  static const std::vector<std::string> names = {
      "topology", "production", "product", "components", "traffic", "assumptions",
      "config",   "cluster",    "apis",    "flows",      "sizing",  "volume",
      "missing_inputs", "recommendations", "defaults", "version", "components_by_role",
      "components_by_name"};
  return names;
}

std::string rule_doc_path(std::string_view id) { return fmt::format("docs/rules/{}.md", id); }

namespace {

bool is_rule_id(const std::string& id) {
  std::size_t letters = 0;
  while (letters < id.size() && id[letters] >= 'A' && id[letters] <= 'Z') ++letters;
  if (letters < 2 || id.size() - letters != 3) return false;
  return std::all_of(id.begin() + static_cast<std::ptrdiff_t>(letters), id.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

bool is_slug(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

/// A fix template as people read it on a rule's page: each `{{ … }}` span becomes the words
/// for what a finding fills in. Spans naming the item (`component.name`) read as "the
/// component"; any other reads as a placeholder, so a rule whose fix computes more should give
/// `how_to_fix`.
std::string fix_in_words(const std::string& fix) {
  static const std::vector<std::pair<std::string, std::string>> words = {
      {"component.name", "the component"}, {"flow.name", "the flow"},
      {"product.name", "the product"},     {"api.name", "the API"},
      {"spot.name", "the spot node group"}};
  std::string out;
  std::size_t at = 0;
  while (at < fix.size()) {
    std::size_t open = fix.find("{{", at);
    std::size_t close = open == std::string::npos ? std::string::npos : fix.find("}}", open + 2);
    if (close == std::string::npos) {
      out += fix.substr(at);
      break;
    }
    out += fix.substr(at, open - at);
    std::string span = fix.substr(open + 2, close - open - 2);
    span.erase(0, span.find_first_not_of(" \t\n"));
    span.erase(span.find_last_not_of(" \t\n") + 1);
    std::string placeholder = "(the value the finding names)";
    for (const auto& [expression, text] : words)
      if (span == expression) placeholder = text;
    out += placeholder;
    at = close + 2;
  }
  return out;
}

/// Reads one profile document, reporting every problem at its line in the profile.
class ProfileReader {
 public:
  ProfileReader(const std::string& file, std::vector<InputError>& errors, bool eager)
      : file_(file), errors_(errors), eager_(eager) {}

  std::optional<Profile> read(const Node& root) {
    if (!root.is_mapping()) {
      fail(root, "", "a profile must be a mapping with product and rules");
      return std::nullopt;
    }
    check_keys(root, "", {"product", "title", "section", "products", "rules", "assumptions", "defaults",
                          "sizing", "roles"});
    Profile profile;
    profile.file = file_;
    profile.product = text(root, "product", "", true);
    profile.title = text(root, "title", "", false);
    if (profile.title.empty()) profile.title = profile.product;
    if (const Node* roles = root.find("roles")) profile.declares = read_roles(*roles, profile);
    if (const Node* section = root.find("section")) {
      if (root.find("roles"))
        fail(*root.find("roles"), "roles", "declare the roles in section.roles when there is a section");
      ProductSpec spec;
      spec.name = profile.product;
      spec.title = profile.title;
      read_product_section(*section, spec, errors_);
      if (profile.product == "general") fail(*section, "section", "the general profile declares no product");
      profile.declares = std::move(spec);
    }
    if (const Node* order = root.find("products")) {
      if (profile.product != "general") {
        fail(*order, "products", "only the general profile lists the built-in products");
      } else {
        profile.product_order = read_product_order(*order, errors_);
        profile.product_order_at = order->location();
      }
    }
    if (const Node* assumptions = root.find("assumptions")) read_assumptions(*assumptions, profile);
    if (const Node* defaults = root.find("defaults")) read_defaults(*defaults, profile);
    if (const Node* sizing = root.find("sizing")) read_sizing(*sizing, profile);
    if (const Node* rules = root.find("rules")) {
      if (!rules->is_sequence()) {
        fail(*rules, "rules", "expected a list of rules");
      } else {
        for (std::size_t i = 0; i < rules->items().size(); ++i)
          if (auto rule = read_rule(rules->items()[i], profile.product, fmt::format("rules[{}]", i)))
            profile.rules.push_back(std::move(*rule));
      }
    }
    return profile;
  }

 private:
  void fail(const Node& at, const std::string& key_path, const std::string& message) {
    errors_.push_back({at.location(), key_path.empty() ? message : key_path + ": " + message});
  }

  void check_keys(const Node& map, const std::string& path, const std::vector<std::string>& known) {
    for (const auto& [k, v] : map.entries()) {
      if (std::find(known.begin(), known.end(), k.text()) != known.end()) continue;
      std::string suggestion = did_you_mean(k.text(), known);
      std::string message = fmt::format("unknown profile key '{}'", k.text());
      if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
      fail(k, path, message);
    }
  }

  std::string text(const Node& map, const std::string& key, const std::string& path, bool required) {
    const Node* node = map.find(key);
    if (!node) {
      if (required)
        fail(map, path.empty() ? key : path + "." + key, "required key is missing");
      return {};
    }
    if (!node->is_scalar()) {
      fail(*node, path.empty() ? key : path + "." + key,
           fmt::format("found {}; expected text", describe(*node)));
      return {};
    }
    return node->text();
  }

  std::shared_ptr<const lang::Expression> expression(const Node& map, const std::string& key,
                                                     const std::string& path,
                                                     const std::vector<std::string>& names,
                                                     bool required) {
    const Node* node = map.find(key);
    if (!node) {
      if (required) fail(map, path + "." + key, "required key is missing");
      return nullptr;
    }
    if (!node->is_scalar()) {
      fail(*node, path + "." + key, fmt::format("found {}; expected an expression", describe(*node)));
      return nullptr;
    }
    auto compiled = lang::compile(node->text(), node->location(), names);
    if (compiled.error) {
      errors_.push_back({compiled.error->location,
                         fmt::format("{}.{}: {}", path, key, compiled.error->message)});
      return nullptr;
    }
    return compiled.expression;
  }

  std::optional<lang::Template> template_of(const Node& map, const std::string& key,
                                            const std::string& path,
                                            const std::vector<std::string>& names, bool required) {
    const Node* node = map.find(key);
    if (!node) {
      if (required) fail(map, path + "." + key, "required key is missing");
      return std::nullopt;
    }
    if (!node->is_scalar()) {
      fail(*node, path + "." + key, fmt::format("found {}; expected text", describe(*node)));
      return std::nullopt;
    }
    auto [compiled, error] = lang::Template::compile(node->text(), node->location(), names);
    if (error) {
      errors_.push_back({error->location, fmt::format("{}.{}: {}", path, key, error->message)});
      return std::nullopt;
    }
    return compiled;
  }

  /// A LazyExpression or LazyTemplate of `key`; user profiles (eager) compile it at once so
  /// an error is reported when the profile loads.
  template <typename Lazy>
  Lazy lazy(const Node& map, const std::string& key, const std::string& path,
            const std::shared_ptr<const std::vector<std::string>>& names, bool required) {
    const Node* node = map.find(key);
    if (!node) {
      if (required) fail(map, path + "." + key, "required key is missing");
      return {};
    }
    if (!node->is_scalar()) {
      fail(*node, path + "." + key, fmt::format("found {}; expected text", describe(*node)));
      return {};
    }
    Lazy result(node->text(), node->location(), names);
    if (eager_) {
      std::optional<lang::CompileError> error;
      if (!result.get(&error) && error)
        errors_.push_back({error->location, fmt::format("{}.{}: {}", path, key, error->message)});
    }
    return result;
  }

  RuleExample example(const Node& node, const std::string& path) {
    RuleExample ex;
    ex.location = node.location();
    if (node.is_scalar()) {
      ex.topology = node.text();
      return ex;
    }
    if (!node.is_mapping()) {
      fail(node, path, "expected a topology (text) or a mapping with topology and files");
      return ex;
    }
    check_keys(node, path, {"topology", "files"});
    ex.topology = text(node, "topology", path, true);
    if (const Node* files = node.find("files")) {
      if (!files->is_mapping()) {
        fail(*files, path + ".files", "expected a mapping of path to file content");
      } else {
        for (const auto& [k, v] : files->entries()) ex.files.emplace_back(k.text(), v.text());
      }
    }
    return ex;
  }

  std::optional<Rule> read_rule(const Node& node, const std::string& product, const std::string& path) {
    if (!node.is_mapping()) {
      fail(node, path, "expected a rule (a mapping)");
      return std::nullopt;
    }
    check_keys(node, path,
               {"id", "name", "severity", "production_only", "title", "rationale", "basis", "fix",
                "message", "each", "as", "when", "location", "component", "examples", "source",
                "patch", "since", "until", "how_to_fix"});
    Rule rule;
    rule.product = product;
    rule.defined_at = node.location();
    rule.id = text(node, "id", path, true);
    if (!rule.id.empty()) {
      if (!is_rule_id(rule.id))
        fail(*node.find("id"), path + ".id",
             fmt::format("'{}' is not a rule id; expected two or more capitals and three digits, "
                         "such as TR004",
                         rule.id));
    }
    std::string rule_path = rule.id.empty() ? path : rule.id;
    rule.name = text(node, "name", rule_path, true);
    if (!rule.name.empty() && !is_slug(rule.name))
      fail(*node.find("name"), rule_path + ".name",
           fmt::format("'{}' is not a slug; expected lower-case words joined by '-'", rule.name));
    std::string severity = text(node, "severity", rule_path, true);
    if (!severity.empty() && !parse_severity(severity, &rule.severity))
      fail(*node.find("severity"), rule_path + ".severity",
           fmt::format("'{}' is not a severity; expected error, warning or info", severity));
    if (const Node* prod = node.find("production_only")) {
      if (!prod->is_scalar() || scalar_type(*prod) != ScalarType::Bool)
        fail(*prod, rule_path + ".production_only", "expected true or false");
      else
        rule.production_only = scalar_bool(*prod);
    }
    rule.since = version_text(node, "since", rule_path);
    rule.until = version_text(node, "until", rule_path);
    rule.title = text(node, "title", rule_path, true);
    rule.rationale = text(node, "rationale", rule_path, false);
    rule.basis = text(node, "basis", rule_path, true);
    rule.fix_text = text(node, "fix", rule_path, true);
    if (std::string how_to_fix = text(node, "how_to_fix", rule_path, false); !how_to_fix.empty()) {
      if (how_to_fix.find("{{") != std::string::npos)
        fail(*node.find("how_to_fix"), rule_path + ".how_to_fix",
             "the fix in words is shown as written; expected text without {{ }} spans");
      rule.fix_text = std::move(how_to_fix);
    } else {
      rule.fix_text = fix_in_words(rule.fix_text);
    }
    std::string source = text(node, "source", rule_path, false);
    if (!source.empty() && source != "loader" && source != "code")
      fail(*node.find("source"), rule_path + ".source", "expected 'loader', 'code' or nothing");
    rule.from_loader = source == "loader";
    rule.from_code = source == "code";
    if (rule.from_code) {
      const CodeRule* check = find_code_rule(rule.id);
      if (!check)
        fail(*node.find("source"), rule_path + ".source",
             fmt::format("no check in the code makes {} findings; expected 'loader' or nothing", rule.id));
      else if (check->product != product)
        fail(*node.find("source"), rule_path + ".source",
             fmt::format("the check in the code that makes {} findings is one of {}, not of {}",
                         rule.id, check->product, product));
      else {
        rule.implemented_in = check->implemented_in;
        rule.code_reads_defaults = check->defaults_read;
      }
      // The check makes the findings: an expression beside it would never run.
      for (const char* key : {"each", "as", "when", "location", "component", "message", "patch"})
        if (const Node* unused = node.find(key))
          fail(*unused, rule_path + "." + key,
               fmt::format("a rule with `source: code` has no {}: its check in {} makes the findings",
                           key, rule.implemented_in.empty() ? "the code" : rule.implemented_in.front()));
    }

    std::vector<std::string> names = rule_variable_names();
    if (const Node* as = node.find("as"); as && as->is_scalar()) rule.as = as->text();
    names.push_back(rule.as);
    if (!rule.from_loader && !rule.from_code) {
      auto shared_names = std::make_shared<const std::vector<std::string>>(names);
      rule.each = lazy<LazyExpression>(node, "each", rule_path,
                                  std::make_shared<const std::vector<std::string>>(rule_variable_names()),
                                  false);
      rule.when = lazy<LazyExpression>(node, "when", rule_path, shared_names, true);
      rule.location = lazy<LazyExpression>(node, "location", rule_path, shared_names, false);
      rule.component = lazy<LazyExpression>(node, "component", rule_path, shared_names, false);
      rule.message = lazy<LazyTemplate>(node, "message", rule_path, shared_names, true);
      rule.fix = lazy<LazyTemplate>(node, "fix", rule_path, shared_names, true);
    }
    if (const Node* patch = node.find("patch")) {
      if (!patch->is_sequence()) {
        fail(*patch, rule_path + ".patch", "expected a list of {set: path, value: expression}");
      } else {
        for (const auto& item : patch->items()) {
          if (!item.is_mapping()) {
            fail(item, rule_path + ".patch", "expected {set: path, value: expression}");
            continue;
          }
          check_keys(item, rule_path + ".patch", {"set", "value"});
          RulePatch p;
          p.path = text(item, "set", rule_path + ".patch", true);
          p.value = lazy<LazyExpression>(item, "value", rule_path + ".patch",
                                         std::make_shared<const std::vector<std::string>>(names), true);
          if (!p.path.empty() && p.value) rule.patches.push_back(std::move(p));
        }
      }
    }
    if (const Node* examples = node.find("examples")) {
      if (!examples->is_mapping()) {
        fail(*examples, rule_path + ".examples", "expected a mapping with violating and passing");
      } else {
        check_keys(*examples, rule_path + ".examples", {"violating", "passing"});
        if (const Node* v = examples->find("violating"))
          rule.violating = example(*v, rule_path + ".examples.violating");
        if (const Node* p = examples->find("passing"))
          rule.passing = example(*p, rule_path + ".examples.passing");
      }
    }
    return rule;
  }

  ProductSpec read_roles(const Node& node, const Profile& profile) {
    ProductSpec spec;
    spec.name = profile.product;
    spec.title = profile.title;
    spec.open = true;
    spec.defined_at = node.location();
    if (!node.is_sequence()) {
      fail(node, "roles", "expected a list of role names");
      return spec;
    }
    for (const auto& role : node.items()) {
      if (!role.is_scalar()) {
        fail(role, "roles", "expected a role name");
        continue;
      }
      RoleSpec open_role;
      open_role.name = role.text();
      open_role.open = true;
      open_role.defined_at = role.location();
      spec.roles.push_back(std::move(open_role));
    }
    return spec;
  }

  void read_assumptions(const Node& node, Profile& profile) {
    if (!node.is_sequence()) {
      fail(node, "assumptions", "expected a list of assumptions");
      return;
    }
    for (const auto& item : node.items()) {
      if (!item.is_mapping()) {
        fail(item, "assumptions", "expected an assumption (name, value, basis)");
        continue;
      }
      check_keys(item, "assumptions", {"name", "value", "unit", "basis"});
      Assumption a;
      a.defined_at = item.location();
      a.name = text(item, "name", "assumptions", true);
      a.unit = text(item, "unit", "assumptions", false);
      a.basis = text(item, "basis", "assumptions", true);
      const Node* value = item.find("value");
      if (!value || !value->is_scalar() ||
          (scalar_type(*value) != ScalarType::Integer && scalar_type(*value) != ScalarType::Float))
        fail(value ? *value : item, "assumptions." + a.name + ".value", "expected a number");
      else
        a.value = scalar_number(*value);
      profile.assumptions.push_back(std::move(a));
    }
  }

  /// A `since` or `until` version: dotted numbers such as 0.8.0.
  std::string version_text(const Node& map, const std::string& key, const std::string& path) {
    std::string version = text(map, key, path, false);
    if (!version.empty() && !parse_version(version))
      fail(*map.find(key), path + "." + key,
           fmt::format("'{}' is not a version; expected dotted numbers such as 0.8.0", version));
    return version;
  }

  void read_defaults(const Node& node, Profile& profile) {
    if (!node.is_sequence()) {
      fail(node, "defaults", "expected a list of defaults (name, value, since, until, basis)");
      return;
    }
    for (const auto& item : node.items()) {
      if (!item.is_mapping()) {
        fail(item, "defaults", "expected a default (name, value, since, until, basis)");
        continue;
      }
      check_keys(item, "defaults", {"name", "value", "since", "until", "basis"});
      VersionedDefault d;
      d.defined_at = item.location();
      d.name = text(item, "name", "defaults", true);
      std::string path = "defaults." + d.name;
      d.basis = text(item, "basis", path, true);
      d.since = version_text(item, "since", path);
      d.until = version_text(item, "until", path);
      const Node* value = item.find("value");
      if (!value || !value->is_scalar())
        fail(value ? *value : item, path + ".value", "expected a number or text");
      else
        d.value = *value;
      profile.defaults.push_back(std::move(d));
    }
  }

  void read_sizing(const Node& node, Profile& profile) {
    if (!node.is_sequence()) {
      fail(node, "sizing", "expected a list of figures");
      return;
    }
    std::vector<std::string> names = rule_variable_names();
    for (const auto& item : node.items()) {
      if (!item.is_mapping()) {
        fail(item, "sizing", "expected a figure (name, formula, basis)");
        continue;
      }
      check_keys(item, "sizing",
                 {"name", "title", "unit", "applies_to", "basis", "needs", "when", "formula",
                  "explain", "unavailable", "sets", "add", "add_when"});
      SizingFigure f;
      f.defined_at = item.location();
      f.name = text(item, "name", "sizing", true);
      std::string path = "sizing." + f.name;
      f.title = text(item, "title", path, true);
      f.unit = text(item, "unit", path, false);
      f.basis = text(item, "basis", path, true);
      if (const Node* needs = item.find("needs")) {
        if (!needs->is_sequence()) fail(*needs, path + ".needs", "expected a list of traffic keys");
        else
          for (const auto& n : needs->items()) f.needs.push_back(n.text());
      }
      f.when = expression(item, "when", path, names, false);
      f.formula = expression(item, "formula", path, names, true);
      f.formula_text = text(item, "formula", path, false);
      f.applies_to = expression(item, "applies_to", path, names, false);
      std::vector<std::string> with_value = names;
      with_value.push_back("value");
      f.explain = template_of(item, "explain", path, with_value, false);
      f.unavailable = template_of(item, "unavailable", path, names, false);
      f.sets = text(item, "sets", path, false);
      if (!f.sets.empty() && f.sets != "replicas" && f.sets != "cpu" && f.sets != "memory_gb" &&
          f.sets != "disk_gb" && f.sets != "max_connections")
        fail(*item.find("sets"), path + ".sets",
             fmt::format("'{}' is not a component figure; expected replicas, cpu, memory_gb, disk_gb or max_connections",
                         f.sets));
      if (const Node* add = item.find("add")) {
        if (!add->is_mapping() || !add->find("name") || !add->find("role"))
          fail(*add, path + ".add", "expected a component mapping with at least name and role");
        else
          f.add = *add;
      }
      f.add_when = expression(item, "add_when", path, names, false);
      profile.figures.push_back(std::move(f));
    }
  }

  std::string file_;
  std::vector<InputError>& errors_;
  bool eager_;
};

}  // namespace

void ProfileSet::add(const Node& root, const std::string& file, std::vector<InputError>& errors,
                     bool eager) {
  std::size_t errors_before = errors.size();
  auto profile = ProfileReader(file, errors, eager).read(root);
  if (!profile) return;
  std::set<std::string> seen;
  for (const auto& existing : profiles_)
    for (const auto& r : existing.rules) seen.insert(r.id);
  for (const auto& r : profile->rules) {
    if (!r.id.empty() && !seen.insert(r.id).second)
      errors.push_back({r.defined_at, fmt::format("rule id {} is defined twice; ids are unique", r.id)});
  }
  if (errors.size() == errors_before) profiles_.push_back(std::move(*profile));
}

void ProfileSet::add_folder(const std::string& folder, const FileSystem& files) {
  std::vector<InputError> errors;
  const std::string* folder_name = intern_file_name(folder);
  if (files.kind(folder) != FileSystem::Kind::Directory) {
    throw InputFailure({{Location{folder_name, 0, 0},
                         "--profiles: not a directory; expected a folder of profile YAML files"}});
  }
  std::vector<std::string> paths;
  for (const auto& entry : files.list(folder)) {
    auto ext = std::filesystem::path(entry.name).extension().string();
    if (entry.kind == FileSystem::Kind::Regular && (ext == ".yaml" || ext == ".yml"))
      paths.push_back((std::filesystem::path(folder) / entry.name).string());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    auto read = files.read(path, ReadLimits{}.max_bytes);
    const std::string* file = intern_file_name(path);
    if (read.status != FileSystem::Status::Ok) {
      errors.push_back({Location{file, 0, 0}, fmt::format("cannot read profile: {}", describe(read.status))});
      continue;
    }
    ParseResult parsed = parse_yaml(read.contents, file);
    if (!parsed.ok()) {
      errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
      continue;
    }
    add(parsed.root, path, errors);
  }
  // A built-in product is declared once, by its built-in profile: a second section would be
  // ignored by the loader, so it is an error rather than a silent no-op.
  std::set<std::string> declared;
  for (const auto& profile : profiles_) {
    if (!profile.declares) continue;
    if (find_builtin_product(profile.declares->name))
      errors.push_back({profile.declares->defined_at,
                        fmt::format("{} is a built-in product: a --profiles profile may add rules "
                                    "and figures to it, not declare its section or roles again",
                                    profile.declares->name)});
    else if (!declared.insert(profile.declares->name).second)
      errors.push_back({profile.declares->defined_at,
                        fmt::format("{} is declared by another profile already; declare a product "
                                    "in one profile",
                                    profile.declares->name)});
  }
  if (!errors.empty()) throw InputFailure(std::move(errors));
}

ProfileSet ProfileSet::builtin() {
  ProfileSet set;
  std::vector<InputError> errors;
  for (const auto& [file, root] : embedded_profile_documents()) set.add(root, file, errors, false);
  // The model reads the same sections as builtin_products(); declared_products() is for the
  // products that --profiles adds.
  for (auto& profile : set.profiles_) profile.declares.reset();
  // Built-in profiles are checked when the binary is built; an error here is a build defect.
  if (!errors.empty()) throw InputFailure(std::move(errors));
  return set;
}

std::vector<const Rule*> ProfileSet::rules() const {
  std::vector<const Rule*> all;
  for (const auto& p : profiles_)
    for (const auto& r : p.rules) all.push_back(&r);
  std::sort(all.begin(), all.end(), [](const Rule* a, const Rule* b) { return a->id < b->id; });
  return all;
}

const Rule* ProfileSet::find_rule(std::string_view id) const {
  for (const auto& p : profiles_)
    for (const auto& r : p.rules)
      if (r.id == id) return &r;
  return nullptr;
}

std::vector<ProductSpec> ProfileSet::declared_products() const {
  std::vector<ProductSpec> products;
  for (const auto& p : profiles_)
    if (p.declares) products.push_back(*p.declares);
  return products;
}

std::vector<std::string> ProfileSet::assumption_names() const {
  std::vector<std::string> names;
  for (const auto& p : profiles_)
    for (const auto& a : p.assumptions) names.push_back(a.name);
  return names;
}

const Assumption* ProfileSet::find_assumption(std::string_view name) const {
  for (const auto& p : profiles_)
    for (const auto& a : p.assumptions)
      if (a.name == name) return &a;
  return nullptr;
}

}  // namespace deploy_advisor
