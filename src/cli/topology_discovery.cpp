#include "cli/topology_discovery.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

#include <fmt/format.h>

namespace deploy_advisor::cli {

namespace {

namespace fs = std::filesystem;

// A generous bound on the entries one argument may make us look at, so that a pattern such as
// `/**` ends with a message instead of walking the whole disk.
constexpr std::size_t kMaxEntries = 200'000;
// Files larger than this are not topologies (the loader refuses them too).
constexpr std::uintmax_t kMaxTopologyBytes = 16u << 20;

bool skipped_folder(const std::string& name) {
  return name.starts_with(".") || name == "node_modules" || name == "vendor" || name == "build" ||
         name == "_build" || name.starts_with("cmake-build-") || name == "dist" || name == "target";
}

bool has_wildcard(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

std::string display(const fs::path& path) {
  std::string text = path.lexically_normal().generic_string();
  return text.empty() ? "." : text;
}

struct Walk {
  std::size_t entries = 0;
  bool too_many() { return ++entries > kMaxEntries; }
};

void find_in_folder(const fs::path& folder, Walk& walk, std::set<std::string>& found) {
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec),
      end;
  for (; !ec && it != end; it.increment(ec)) {
    if (walk.too_many()) return;
    const fs::directory_entry& entry = *it;
    std::error_code type_error;
    if (entry.is_directory(type_error) && !entry.is_symlink(type_error)) {
      if (skipped_folder(entry.path().filename().string())) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_regular_file(type_error) && is_topology_file(entry.path().string()))
      found.insert(display(entry.path()));
  }
}

std::vector<std::string> split_segments(const std::string& pattern) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= pattern.size()) {
    std::size_t slash = pattern.find('/', start);
    if (slash == std::string::npos) slash = pattern.size();
    if (slash > start) segments.push_back(pattern.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

/// Matches segments[i..] below `at`; what matches goes to `matched`.
void match_segments(const fs::path& at, const std::vector<std::string>& segments, std::size_t i,
                    Walk& walk, std::set<std::string>& matched) {
  if (walk.too_many()) return;
  std::error_code ec;
  if (i == segments.size()) {
    if (fs::exists(at, ec)) matched.insert(display(at));
    return;
  }
  const std::string& segment = segments[i];
  if (segment == "**") {
    match_segments(at, segments, i + 1, walk, matched);  // no folder at all
    for (fs::directory_iterator it(at, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      std::error_code type_error;
      if (it->is_directory(type_error) && !it->is_symlink(type_error) &&
          !it->path().filename().string().starts_with("."))
        match_segments(it->path(), segments, i, walk, matched);
    }
    return;
  }
  if (!has_wildcard(segment)) {
    if (fs::exists(at / segment, ec)) match_segments(at / segment, segments, i + 1, walk, matched);
    return;
  }
  for (fs::directory_iterator it(at, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    // As in the shell, a wildcard does not match a leading dot.
    if (name.starts_with(".") && !segment.starts_with(".")) continue;
    if (matches_pattern(segment, name)) match_segments(it->path(), segments, i + 1, walk, matched);
  }
}

ExpandedArgument expand_one(const std::string& argument) {
  ExpandedArgument result{argument, {}, {}};
  const Location at{intern_file_name(argument), 0, 0};
  std::error_code ec;
  Walk walk;
  std::set<std::string> found;
  if (argument != "-" && fs::is_directory(argument, ec)) {
    find_in_folder(argument, walk, found);
    if (found.empty())
      result.errors.push_back(
          {at,
           "no topology found in this folder (a topology is a .yaml or .yml file with "
           "the top-level keys `version: 1` and `products:`)"});
  } else if (argument != "-" && !fs::exists(argument, ec) && has_wildcard(argument)) {
    std::vector<std::string> segments = split_segments(argument);
    fs::path base = argument.starts_with("/") ? fs::path("/") : fs::path(".");
    std::set<std::string> matched;
    match_segments(base, segments, 0, walk, matched);
    for (const auto& path : matched) {
      if (fs::is_directory(path, ec))
        find_in_folder(path, walk, found);
      else
        found.insert(path);
    }
    if (matched.empty())
      result.errors.push_back({at, "no file matches this pattern"});
    else if (found.empty())
      result.errors.push_back({at, "the folders this pattern matches hold no topology"});
  } else {
    found.insert(argument);
  }
  if (walk.entries > kMaxEntries)
    result.errors.push_back(
        {at, fmt::format("stopped after looking at {} files and folders; name a smaller "
                         "folder or a narrower pattern",
                         kMaxEntries)});
  result.topologies.assign(found.begin(), found.end());
  return result;
}

}  // namespace

bool matches_pattern(std::string_view pattern, std::string_view name) {
  // Iterative with one backtrack point: linear in practice, never exponential.
  std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n]) && pattern[p] != '*') {
      ++p, ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool is_topology_file(const std::string& path) {
  fs::path p(path);
  std::string extension = p.extension().string();
  if (extension != ".yaml" && extension != ".yml") return false;
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  if (ec || size > kMaxTopologyBytes) return false;
  std::ifstream in(p, std::ios::binary);
  std::string line;
  bool version = false, products = false;
  for (bool first = true; std::getline(in, line) && !(version && products); first = false) {
    if (first && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("products:")) products = true;
    if (line.starts_with("version:")) {
      std::string_view value = std::string_view(line).substr(8);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
      version = value.starts_with("1") &&
                (value.size() == 1 || value[1] == ' ' || value[1] == '\t' || value[1] == '#');
    }
  }
  return version && products;
}

std::vector<ExpandedArgument> expand_topology_arguments(const std::vector<std::string>& arguments) {
  std::vector<ExpandedArgument> expanded;
  for (const auto& argument : arguments) expanded.push_back(expand_one(argument));
  return expanded;
}

}  // namespace deploy_advisor::cli
