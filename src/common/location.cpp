#include "deploy_advisor/common/location.hpp"

#include <deque>
#include <map>
#include <tuple>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

namespace deploy_advisor {

const std::string* intern_string(std::string_view text) {
  static std::mutex mutex;
  static std::deque<std::string> storage;  // deque: element addresses never move
  static std::unordered_map<std::string_view, const std::string*> index;
  std::lock_guard lock(mutex);
  if (auto it = index.find(text); it != index.end()) return it->second;
  const std::string& stored = storage.emplace_back(text);
  index.emplace(stored, &stored);
  return &stored;
}

const std::string* intern_file_name(std::string_view name) { return intern_string(name); }

const MergeSite* intern_merge_site(const Location& at, std::string_view anchor,
                                   const MergeSite* earlier) {
  // Keyed by what makes a site: the `<<` key's position, the anchor and the earlier site.
  using Key = std::tuple<const std::string*, std::uint32_t, std::uint32_t, const std::string*,
                         const MergeSite*>;
  static std::mutex mutex;
  static std::deque<MergeSite> storage;
  static std::map<Key, const MergeSite*> index;
  const std::string* name = intern_string(anchor);
  Key key{intern_string(at.file_name()), at.line, at.column, name, earlier};
  std::lock_guard lock(mutex);
  if (auto it = index.find(key); it != index.end()) return it->second;
  Location plain{at.file, at.line, at.column};
  const MergeSite& stored = storage.emplace_back(MergeSite{plain, *name, earlier});
  index.emplace(key, &stored);
  return &stored;
}

namespace {

std::string site_text(const MergeSite& site, const Location& value) {
  std::string merge = site.anchor.empty() ? "'<<'" : fmt::format("'<<: *{}'", site.anchor);
  std::string where = site.at.file_name() == value.file_name()
                          ? fmt::format("line {}", site.at.line)
                          : to_string(site.at);
  return merge + " at " + where;
}

}  // namespace

std::string merge_note(const Location& location) {
  if (!location.via) return {};
  // A chain is as long as merges nest inside anchors; a few steps say enough.
  constexpr int kShown = 3;
  std::string note = " (merged by " + site_text(*location.via, location);
  int shown = 1;
  for (const MergeSite* s = location.via->earlier; s; s = s->earlier) {
    if (shown++ == kShown) {
      note += ", and earlier merges";
      break;
    }
    note += ", which took it from " + site_text(*s, location);
  }
  return note + ")";
}

std::string to_string(const Location& location) {
  if (location.line == 0) return std::string(location.file_name());
  return fmt::format("{}:{}:{}", location.file_name(), location.line, location.column);
}

bool location_less(const Location& a, const Location& b) {
  if (int c = a.file_name().compare(b.file_name()); c != 0) return c < 0;
  if (a.line != b.line) return a.line < b.line;
  return a.column < b.column;
}

}  // namespace deploy_advisor
