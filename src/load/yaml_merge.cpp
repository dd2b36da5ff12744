#include "load/yaml_merge.hpp"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "load/yaml_json_common.hpp"

namespace deploy_advisor::load_detail {

namespace {

bool is_merge_key(const Node& key) {
  return key.is_scalar() && key.style() == Node::Style::Plain && key.tag().empty() &&
         key.text() == "<<";
}

/// Keys compare by text, as `Node::find` and duplicate detection do; a null key is its own.
std::string key_identity(const Node& key) { return key.is_null() ? std::string(1, '\0') : key.text(); }

/// Marks a merged subtree with the merge that brought it; nodes that came through an earlier
/// merge keep that one as the next link of the chain.
class MergeMarker {
 public:
  MergeMarker(Location at, std::string_view anchor) : at_(at), anchor_(anchor) {}

  void mark(Node& node) {
    Location location = node.location();
    location.via = site_for(location.via);
    node.set_location(location);
    for (Node& item : node.items()) mark(item);
    for (auto& [key, value] : node.entries()) {
      mark(key);
      mark(value);
    }
  }

 private:
  const MergeSite* site_for(const MergeSite* earlier) {
    auto it = sites_.find(earlier);
    if (it != sites_.end()) return it->second;
    const MergeSite* site = intern_merge_site(at_, anchor_, earlier);
    sites_.emplace(earlier, site);
    return site;
  }

  Location at_;
  std::string_view anchor_;
  std::unordered_map<const MergeSite*, const MergeSite*> sites_;
};

class Merger {
 public:
  explicit Merger(std::vector<InputError>& errors) : errors_(errors) {}

  void apply(Node& node) {
    for (Node& item : node.items()) apply(item);
    for (auto& entry : node.entries()) apply(entry.second);
    if (node.is_mapping()) merge_into(node);
  }

 private:
  void merge_into(Node& mapping) {
    auto& entries = mapping.entries();
    std::size_t merge_at = entries.size();
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (is_merge_key(entries[i].first)) {
        merge_at = i;
        break;  // a second `<<` is a duplicate key, reported by the reader
      }
    if (merge_at == entries.size()) return;

    Node key = std::move(entries[merge_at].first);
    Node value = std::move(entries[merge_at].second);
    std::vector<Node*> sources;
    if (value.is_mapping()) {
      sources.push_back(&value);
    } else if (value.is_sequence()) {
      for (Node& item : value.items()) {
        if (!item.is_mapping()) {
          error(item.location(), fmt::format("merge key '<<': the list holds {}; expected a list "
                                             "of mappings such as [*defaults, *tuning]",
                                             describe(item)));
          return;
        }
        sources.push_back(&item);
      }
    } else {
      error(key.location(), fmt::format("merge key '<<': found {}; expected a mapping or a list "
                                        "of mappings, such as *defaults or [*defaults, *tuning]",
                                        describe(value)));
      return;
    }

    std::unordered_set<std::string> present;
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (i != merge_at) present.insert(key_identity(entries[i].first));
    std::vector<Node::Entry> merged;
    for (Node* source : sources) {
      MergeMarker marker(key.location(), source->alias_of());
      for (auto& entry : source->entries()) {
        if (!present.insert(key_identity(entry.first)).second) continue;  // explicit or earlier wins
        marker.mark(entry.first);
        marker.mark(entry.second);
        merged.push_back(std::move(entry));
      }
    }
    std::vector<Node::Entry> result;
    result.reserve(entries.size() - 1 + merged.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (i != merge_at) {
        result.push_back(std::move(entries[i]));
        continue;
      }
      for (auto& entry : merged) result.push_back(std::move(entry));
    }
    entries = std::move(result);
  }

  void error(const Location& at, std::string message) {
    if (errors_.size() > kMaxErrors) return;
    errors_.push_back({at, errors_.size() == kMaxErrors ? too_many_errors_message()
                                                        : std::move(message)});
  }

  std::vector<InputError>& errors_;
};

}  // namespace

void apply_merge_keys(Node& root, std::vector<InputError>& errors) { Merger(errors).apply(root); }

}  // namespace deploy_advisor::load_detail
