#include "deploy_advisor/location.hpp"

#include <deque>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

namespace deploy_advisor {

const std::string* intern_file_name(std::string_view name) {
  static std::mutex mutex;
  static std::deque<std::string> storage;  // deque: element addresses never move
  static std::unordered_map<std::string_view, const std::string*> index;
  std::lock_guard lock(mutex);
  if (auto it = index.find(name); it != index.end()) return it->second;
  const std::string& stored = storage.emplace_back(name);
  index.emplace(stored, &stored);
  return &stored;
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
