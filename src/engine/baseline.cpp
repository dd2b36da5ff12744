#include "deploy_advisor/engine/baseline.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include <fmt/format.h>

#include "deploy_advisor/common/quoting.hpp"
#include "deploy_advisor/load/readers.hpp"

namespace deploy_advisor {

namespace {

constexpr std::string_view kFormatKey = "deploy_advisor_baseline";

/// FNV-1a, 64 bits: stable across platforms and runs, unlike std::hash.
std::string fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

std::string join_key(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

/// Finds the key path of what a finding points at: a value or a key written exactly there,
/// else the first one on the same line.
class KeyPathFinder {
 public:
  explicit KeyPathFinder(const Location& at) : at_(at) {}

  void walk(const Node& node, const std::string& path) {
    if (exact_) return;
    if (consider(node.location(), path, node.is_scalar() ? node.text() : std::string())) return;
    if (node.is_mapping()) {
      for (const auto& [key, value] : node.entries()) {
        std::string child = join_key(path, key.text());
        if (consider(key.location(), child, value.is_scalar() ? value.text() : std::string())) return;
        walk(value, child);
        if (exact_) return;
      }
    } else if (node.is_sequence()) {
      for (std::size_t i = 0; i < node.items().size(); ++i) {
        const Node& item = node.items()[i];
        const Node* name = item.find("name");
        walk(item, path + "[" + (name && name->is_scalar() ? name->text() : std::to_string(i)) + "]");
        if (exact_) return;
      }
    }
  }

  void walk(const Value& value, const std::string& path) {
    if (exact_) return;
    bool scalar = !value.is_list() && !value.is_map();
    if (consider(value.location(), path, scalar ? display(value) : std::string())) return;
    if (value.is_map()) {
      for (const auto& [key, child] : value.as_map()) {
        walk(child, join_key(path, key));
        if (exact_) return;
      }
    } else if (value.is_list()) {
      for (std::size_t i = 0; i < value.as_list().size(); ++i) {
        const Value& item = value.as_list()[i];
        const Value* name = item.is_map() ? item.find("name") : nullptr;
        walk(item, path + "[" + (name && name->is_string() ? name->as_string() : std::to_string(i)) + "]");
        if (exact_) return;
      }
    }
  }

  [[nodiscard]] bool found() const { return exact_ || same_line_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& value() const { return value_; }

 private:
  bool consider(const Location& where, const std::string& path, const std::string& value) {
    if (where.file_name() != at_.file_name() || where.line != at_.line) return false;
    if (where.column == at_.column) {
      exact_ = true;
      path_ = path;
      value_ = value;
      return true;
    }
    if (!same_line_) {
      same_line_ = true;
      path_ = path;
      value_ = value;
    }
    return false;
  }

  Location at_;
  bool exact_ = false;
  bool same_line_ = false;
  std::string path_;
  std::string value_;
};

std::string json_string(std::string_view text) {
  return double_quoted(text, ControlEscape::Json);
}

}  // namespace

BaselineEntry baseline_entry(const LoadedTopology& topology, const Finding& finding) {
  BaselineEntry entry;
  entry.rule_id = finding.rule_id;
  entry.file = std::string(finding.location.file_name());
  entry.component = finding.product.empty() || finding.component.empty()
                        ? std::string() : finding.product + "/" + finding.component;
  KeyPathFinder finder(finding.location);
  finder.walk(topology.source, "");
  for (const auto& product : topology.products) {
    std::string prefix = "products." + product.name + ".";
    finder.walk(product.config, prefix + "config");
    finder.walk(product.cluster, prefix + "cluster");
    finder.walk(product.apis, prefix + "apis");
    finder.walk(product.flows, prefix + "flows");
  }
  if (finder.found()) {
    entry.key_path = finder.path();
    entry.fingerprint = fnv1a(entry.key_path + '\0' + finder.value());
  } else {
    entry.fingerprint = fnv1a(finding.message);
  }
  return entry;
}

std::vector<BaselineEntry> load_baseline(const std::string& path, const FileSystem& files) {
  const std::string* file = intern_file_name(path);
  auto read = files.read(path, ReadLimits{}.max_bytes);
  if (read.status != FileSystem::Status::Ok)
    throw InputFailure({{Location{file, 1, 1}, fmt::format("cannot read the baseline: {}", describe(read.status))}});
  ParseResult parsed = parse_json(read.contents, file);
  if (!parsed.ok()) throw InputFailure(std::move(parsed.errors));
  std::vector<InputError> errors;
  auto fail = [&](const Node& at, const std::string& what) { errors.push_back({at.location(), what}); };
  const Node& root = parsed.root;
  const Node* version = root.find(kFormatKey);
  if (!root.is_mapping() || !version || version->text() != "1") {
    fail(version ? *version : root,
         fmt::format("not a deploy-advisor baseline; expected an object with \"{}\": 1 and \"findings\", "
                     "as --write-baseline writes it", kFormatKey));
    throw InputFailure(std::move(errors));
  }
  std::vector<BaselineEntry> entries;
  const Node* findings = root.find("findings");
  if (!findings || !findings->is_sequence()) {
    fail(findings ? *findings : root, "findings: expected a list of recorded findings");
    throw InputFailure(std::move(errors));
  }
  for (const auto& item : findings->items()) {
    BaselineEntry entry;
    entry.location = item.location();
    auto field = [&](const char* name, std::string& out, bool required) {
      const Node* value = item.find(name);
      if (!value) {
        if (required) fail(item, fmt::format("findings[]: \"{}\" is missing; expected a string", name));
        return;
      }
      if (!value->is_scalar() || value->style() == Node::Style::Plain)
        fail(*value, fmt::format("findings[].{}: found {}; expected a string", name, describe(*value)));
      else
        out = value->text();
    };
    if (!item.is_mapping()) {
      fail(item, fmt::format("findings[]: found {}; expected an object", describe(item)));
      continue;
    }
    field("rule_id", entry.rule_id, true);
    field("file", entry.file, true);
    field("component", entry.component, false);
    field("key_path", entry.key_path, false);
    field("fingerprint", entry.fingerprint, true);
    entries.push_back(std::move(entry));
  }
  if (!errors.empty()) throw InputFailure(std::move(errors));
  return entries;
}

std::string baseline_json(std::vector<BaselineEntry> entries) {
  auto key = [](const BaselineEntry& e) {
    return std::tie(e.file, e.rule_id, e.component, e.key_path, e.fingerprint);
  };
  std::sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  std::string out = fmt::format("{{\n  \"{}\": 1,\n  \"findings\": [", kFormatKey);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    out += fmt::format("{}\n    {{\"rule_id\": {}, \"file\": {}, \"component\": {}, \"key_path\": {}, \"fingerprint\": {}}}",
                       i ? "," : "", json_string(e.rule_id), json_string(e.file), json_string(e.component),
                       json_string(e.key_path), json_string(e.fingerprint));
  }
  out += entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace deploy_advisor
