#include "model/native_files.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>

#include "deploy_advisor/load/flow_scan.hpp"
#include "deploy_advisor/model/topology.hpp"

namespace deploy_advisor {

namespace {

bool ends_with_json(const std::string& path) {
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
}

Value names_of(const std::vector<ScannedDecorator>& decorators, bool skip_step) {
  Value::List names;
  for (const auto& d : decorators)
    if (!skip_step || d.name != "step") names.push_back(Value::string(d.name, d.location));
  return Value::list(std::move(names));
}

Value use_of(const ScannedDecorator& d, const std::string& step) {
  return Value::map({{"name", Value::string(d.name, d.location)},
                     {"arguments", Value::string(d.arguments, d.location)},
                     {"step", Value::string(step, d.location)}},
                    d.location);
}

/// `name='x'` or `name="x"` out of decorator arguments, for @project.
std::string project_name(const std::string& arguments) {
  auto pos = arguments.find("name");
  while (pos != std::string::npos) {
    auto eq = arguments.find_first_not_of(' ', pos + 4);
    if (eq != std::string::npos && arguments[eq] == '=') {
      auto quote = arguments.find_first_not_of(' ', eq + 1);
      if (quote != std::string::npos && (arguments[quote] == '\'' || arguments[quote] == '"')) {
        auto end = arguments.find(arguments[quote], quote + 1);
        if (end != std::string::npos) return arguments.substr(quote + 1, end - quote - 1);
      }
    }
    pos = arguments.find("name", pos + 4);
  }
  // A positional first argument: @project('x')
  if (!arguments.empty() && (arguments[0] == '\'' || arguments[0] == '"')) {
    auto end = arguments.find(arguments[0], 1);
    if (end != std::string::npos) return arguments.substr(1, end - 1);
  }
  return {};
}

std::string folder_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

/// What a flow gets from a base class: the flow-level decorators Metaflow reads through the
/// hierarchy (unless the flow sets its own) and the steps it does not define.
void inherit_from(ScannedFlow& flow, const ScannedFlow& base) {
  for (const auto& d : base.decorators) {
    if (!is_inherited_flow_decorator(d.name)) continue;
    bool own = std::any_of(flow.decorators.begin(), flow.decorators.end(),
                           [&](const ScannedDecorator& o) { return o.name == d.name; });
    if (!own) flow.decorators.push_back(d);
  }
  // A set, not a scan per step: both flows may hold thousands (kMaxScannedEntries).
  std::unordered_set<std::string> own;
  for (const auto& step : flow.steps) own.insert(step.name);
  for (const auto& step : base.steps)
    if (own.insert(step.name).second) flow.steps.push_back(step);
}

}  // namespace

/// Follows the bases of `flow` that its own file could not resolve: classes of the same file
/// and classes imported (`from base import BaseFlow`) from sibling modules of the same folder,
/// a few levels deep. Sets *reaches_flowspec when a chain ends at FlowSpec; every base it
/// cannot read is added to *unread, as the user would name it.
void NativeFiles::follow_bases(ScannedFlow& flow, const ScannedModule& module,
                               const std::string& folder, int depth, bool* reaches_flowspec,
                               std::vector<std::string>* unread) {
  constexpr int kMaxDepth = 8;
  const std::vector<std::string> bases = flow.bases;
  for (const auto& base : bases) {
    std::string last = base.substr(base.find_last_of('.') == std::string::npos ? 0 : base.find_last_of('.') + 1);
    if (last == "FlowSpec") {
      *reaches_flowspec = true;
      continue;
    }
    if (base.find('.') == std::string::npos) {
      auto local = std::find_if(module.classes.begin(), module.classes.end(),
                                [&](const ScannedFlow& c) { return c.name == base && c.name != flow.name; });
      if (local != module.classes.end()) {
        ScannedFlow copy = *local;
        if (copy.flow_spec) *reaches_flowspec = true;
        if (depth < kMaxDepth) follow_bases(copy, module, folder, depth + 1, reaches_flowspec, unread);
        inherit_from(flow, copy);
        continue;
      }
    }
    auto imported = std::find_if(module.imports.begin(), module.imports.end(),
                                 [&](const ScannedImport& i) { return i.alias == base; });
    if (imported == module.imports.end()) {
      unread->push_back(base);
      continue;
    }
    std::string relative = imported->module;
    std::size_t dots = relative.find_first_not_of('.');
    if (dots == std::string::npos || dots > 1 || depth >= kMaxDepth || files_followed_ >= 32) {
      unread->push_back(fmt::format("{} (from {})", base, imported->module));
      continue;
    }
    relative = relative.substr(dots);
    std::replace(relative.begin(), relative.end(), '.', '/');
    std::string path = join_path(folder, relative + ".py");
    auto read = files_.read(path, limits_.max_bytes);
    if (read.status != FileSystem::Status::Ok) {
      unread->push_back(fmt::format("{} (from {}, no {} beside the flow)", base, imported->module,
                                    relative + ".py"));
      continue;
    }
    ++files_followed_;
    if (std::find(files_read_.begin(), files_read_.end(), path) == files_read_.end())
      files_read_.push_back(path);
    ScannedModule other = scan_module(read.contents, intern_file_name(path));
    if (other.over_limit) {
      unread->push_back(fmt::format("{} (from {}, whose {} declares more than {} classes, steps, "
                                    "decorators and imports, the limit)",
                                    base, imported->module, relative + ".py", kMaxScannedEntries));
      continue;
    }
    auto found = std::find_if(other.classes.begin(), other.classes.end(),
                              [&](const ScannedFlow& c) { return c.name == imported->name; });
    if (found == other.classes.end()) {
      unread->push_back(fmt::format("{} (from {}, which defines no class {})", base,
                                    imported->module, imported->name));
      continue;
    }
    ScannedFlow copy = *found;
    if (copy.flow_spec) *reaches_flowspec = true;
    follow_bases(copy, other, folder_of(path), depth + 1, reaches_flowspec, unread);
    inherit_from(flow, copy);
  }
}

bool NativeFiles::read_text(const Node& reference, const std::string& folder,
                            const std::string& key_path, std::string* resolved,
                            std::string* contents) {
  const std::string& text = reference.text();
  *resolved = join_path(folder, text);
  // Absolute paths are refused even inside the root: the topology must read the same files
  // on every checkout.
  FileSystem::ReadResult read;
  if (!text.empty() && text.front() == '/') read.status = FileSystem::Status::OutsideRoot;
  else read = files_.read_inside(root_, *resolved, limits_.max_bytes);
  if (read.status != FileSystem::Status::Ok) {
    std::string what = read.status == FileSystem::Status::TooLarge
                           ? fmt::format("larger than {} MiB", limits_.max_bytes >> 20)
                       : !text.empty() && text.front() == '/' ? std::string("an absolute path")
                                                              : describe(read.status);
    errors_.push_back({reference.location(),
                       fmt::format("{}: cannot read '{}' ({}): {}; expected a readable file, with "
                                   "a path relative to the topology file inside '{}'",
                                   key_path, quoted_excerpt(text), quoted_excerpt(*resolved), what,
                                   quoted_excerpt(root_))});
    return false;
  }
  files_read_.push_back(*resolved);
  *contents = std::move(read.contents);
  return true;
}

NativeFiles::Document NativeFiles::read_document(const Node& reference, const std::string& folder,
                                                 const std::string& key_path,
                                                 const std::string& expected) {
  if (reference.is_mapping() || reference.is_sequence()) return {true, reference};
  if (!reference.is_scalar() || scalar_type(reference) != ScalarType::String) {
    errors_.push_back({reference.location(), fmt::format("{}: found {}; expected {}", key_path,
                                                         describe(reference), expected)});
    return {};
  }
  std::string resolved, contents;
  if (!read_text(reference, folder, key_path, &resolved, &contents)) return {};
  const std::string* file = intern_file_name(resolved);
  ParseResult parsed = ends_with_json(resolved) ? parse_json(contents, file, limits_)
                                                : parse_yaml(contents, file, limits_);
  if (!ends_with_json(resolved)) {
    auto found = scan_waiver_comments(contents, file, errors_);
    waivers_.insert(waivers_.end(), found.begin(), found.end());
  }
  if (!parsed.ok()) {
    errors_.insert(errors_.end(), parsed.errors.begin(), parsed.errors.end());
    return {};
  }
  return {true, std::move(parsed.root)};
}

Value NativeFiles::load(const Node& reference, const std::string& folder,
                        const std::string& key_path, NativeKind format) {
  Document doc = read_document(reference, folder, key_path,
                               "a path to the file, or its content inline as a mapping");
  if (!doc.ok) return Value::absent(reference.location());
  if (!doc.root.is_mapping()) {
    errors_.push_back({doc.root.location(),
                       fmt::format("{}: the file holds {}; expected a mapping", key_path,
                                   describe(doc.root))});
    return Value::absent(reference.location());
  }
  check_native_keys(format, doc.root, key_path, warnings_);
  return to_value(doc.root);
}

namespace {

std::string api_name(const Node& api) {
  const Node* name = api.find("name");
  return name && name->is_scalar() ? name->text() : std::string();
}

/// An API spec as rules see it: `apis[i]` counts over every file, in order.
std::string api_path(std::size_t index, const Node& api, const std::string& reference_path) {
  std::string name = api_name(api);
  return fmt::format("apis[{}]{} (from {})", index, name.empty() ? "" : " '" + name + "'",
                     reference_path);
}

}  // namespace

Value NativeFiles::load_list(const Node& references, const std::string& folder,
                             const std::string& key_path, NativeKind format) {
  if (!references.is_sequence()) {
    errors_.push_back({references.location(),
                       fmt::format("{}: found {}; expected a list of paths or inline API specs",
                                   key_path, describe(references))});
    return Value::list({}, references.location());
  }
  Value::List items;
  for (std::size_t i = 0; i < references.items().size(); ++i) {
    const Node& reference = references.items()[i];
    std::string item_path = fmt::format("{}[{}]", key_path, i);
    Document doc = read_document(reference, folder, item_path,
                                 "a path to an API spec file, or an API spec inline");
    if (!doc.ok) continue;
    if (doc.root.is_mapping()) {
      check_native_keys(format, doc.root, api_path(items.size(), doc.root, item_path), warnings_,
                        api_name(doc.root));
      items.push_back(to_value(doc.root));
    } else if (doc.root.is_sequence()) {
      for (const auto& api : doc.root.items()) {
        if (!api.is_mapping()) {
          errors_.push_back({api.location(), fmt::format("{}: an API spec is {}; expected a mapping",
                                                         item_path, describe(api))});
          continue;
        }
        check_native_keys(format, api, api_path(items.size(), api, item_path), warnings_,
                          api_name(api));
        items.push_back(to_value(api));
      }
    } else {
      errors_.push_back({doc.root.location(),
                         fmt::format("{}: the file holds {}; expected a list of API specs",
                                     item_path, describe(doc.root))});
    }
  }
  return Value::list(std::move(items), references.location());
}

Value NativeFiles::load_flow(const std::string& product, const Node& key, const Node& node,
                             const Value& declared, const std::string& folder,
                             const std::string& key_path) {
  Value::Map flow;
  flow.emplace_back("name", Value::string(key.text(), key.location()));
  for (const auto& [k, v] : declared.as_map())
    if (k != "decorators") flow.emplace_back(k, v);
  Location at = node.location();
  const Node* file_node = node.find("file");
  if (!file_node || !file_node->is_scalar()) {
    Value decorators = declared.get("decorators");
    if (decorators.is_absent()) decorators = Value::list({}, node.location());
    Value::List uses;
    for (const auto& d : decorators.as_list())
      uses.push_back(Value::map({{"name", d}, {"arguments", Value::string("", d.location())},
                                 {"step", Value::string("", d.location())}},
                                d.location()));
    flow.emplace_back("decorators", decorators);
    flow.emplace_back("flow_decorators", decorators);
    flow.emplace_back("steps", Value::list({}, node.location()));
    flow.emplace_back("uses", Value::list(std::move(uses), node.location()));
    return Value::map(std::move(flow), at);
  }
  std::string resolved, contents;
  if (!read_text(*file_node, folder, key_path + ".file", &resolved, &contents))
    return Value::map(std::move(flow), at);
  ScannedModule module = scan_module(contents, intern_file_name(resolved));
  // What is kept of the file is in `module`: the text itself need not stay in memory.
  std::string().swap(contents);
  if (module.over_limit) {
    errors_.push_back({file_node->location(),
                       fmt::format("{}.file: '{}' declares more than {} classes, steps, decorators "
                                   "and imports (at {}), the limit (docs/security.md); expected a "
                                   "flow of a realistic size",
                                   key_path, quoted_excerpt(file_node->text()), kMaxScannedEntries,
                                   to_string(*module.over_limit))});
    return Value::map(std::move(flow), at);
  }
  std::vector<const ScannedFlow*> flows;
  for (const auto& c : module.classes)
    if (c.flow_spec) flows.push_back(&c);
  // The class named as the flow's key is read as a flow even when its bases lead elsewhere;
  // otherwise the file's only FlowSpec class.
  const ScannedFlow* named = nullptr;
  for (const auto& c : module.classes)
    if (c.name == key.text()) named = &c;
  if (!named && flows.size() == 1) named = flows.front();
  std::optional<ScannedFlow> chosen;
  if (named) chosen = *named;
  std::vector<std::string> unread;
  if (chosen) {
    bool reaches_flowspec = chosen->flow_spec;
    follow_bases(*chosen, module, folder_of(resolved), 0, &reaches_flowspec, &unread);
    if (!reaches_flowspec && unread.empty()) chosen.reset();  // a plain class, not a flow
  }
  if (!chosen) {
    std::string found;
    for (const auto* f : flows) found += (found.empty() ? "" : ", ") + f->name;
    errors_.push_back(
        {file_node->location(),
         fmt::format("{}.file: no flow class '{}' in '{}'{}; expected a class deriving from "
                     "FlowSpec named as the flow's key",
                     key_path, key.text(), file_node->text(),
                     found.empty() ? std::string(" (no FlowSpec class found)")
                                   : fmt::format(" (it defines {})", found))});
    return Value::map(std::move(flow), at);
  }
  if (!unread.empty()) {
    std::string list;
    for (const auto& u : unread) list += (list.empty() ? "" : ", ") + u;
    Finding f;
    f.rule_id = "MF041";
    f.severity = Severity::Info;
    f.product = product;
    f.component = key.text();
    f.location = chosen->location;
    f.message = fmt::format(
        "flow {} derives from {}, which could not be read (not defined in {} or a sibling "
        "module); it is judged by its own decorators and steps, so anything it inherits from "
        "there (such as @project, @schedule or @conda_base) is not seen",
        chosen->name, list, file_node->text());
    f.fix = fmt::format(
        "Declare for flow {} what its base provides (`project:`, `decorators:`), or place the "
        "base class's module beside the flow file.",
        key.text());
    warnings_.push_back(std::move(f));
  }
  at = chosen->location;
  Value::List all = names_of(chosen->decorators, false).as_list();
  Value::List uses;
  for (const auto& d : chosen->decorators) uses.push_back(use_of(d, ""));
  Value::List steps;
  for (const auto& step : chosen->steps) {
    for (const auto& d : step.decorators) {
      if (d.name == "step") continue;
      all.push_back(Value::string(d.name, d.location));
      uses.push_back(use_of(d, step.name));
    }
    steps.push_back(Value::map({{"name", Value::string(step.name, step.location)},
                                {"decorators", names_of(step.decorators, true)}},
                               step.location));
  }
  flow.emplace_back("decorators", Value::list(std::move(all), at));
  flow.emplace_back("flow_decorators", names_of(chosen->decorators, false).at(at));
  flow.emplace_back("steps", Value::list(std::move(steps), at));
  flow.emplace_back("uses", Value::list(std::move(uses), at));
  if (!declared.find("project")) {
    for (const auto& d : chosen->decorators)
      if (d.name == "project") {
        std::string name = project_name(d.arguments);
        flow.emplace_back("project", Value::string(name.empty() ? d.arguments : name, d.location));
      }
  }
  return Value::map(std::move(flow), at);
}

}  // namespace deploy_advisor
