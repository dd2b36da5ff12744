#include "cli/topology_discovery.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <set>

#include <fmt/format.h>

namespace deploy_advisor::cli {

namespace {

namespace fs = std::filesystem;

// A generous bound on the entries one argument may make us look at, so that a pattern such as
// `/**` ends with a message instead of walking the whole disk.
constexpr std::size_t kMaxEntries = 200'000;
// Files larger than this are not topologies (the loader refuses them too).
constexpr std::size_t kMaxTopologyBytes = 16u << 20;

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

/// Every topology below `folder`, depth first; folders reached through a link are not searched.
void find_in_folder(const FileSystem& files, const fs::path& folder, Walk& walk, std::set<std::string>& found) {
  for (const auto& entry : files.list(folder.string())) {
    if (walk.too_many()) return;
    fs::path path = folder / entry.name;
    if (entry.kind == FileSystem::Kind::Directory) {
      if (!entry.link && !skipped_folder(entry.name)) find_in_folder(files, path, walk, found);
      continue;
    }
    if (entry.kind == FileSystem::Kind::Regular && is_topology_file(files, path.string())) found.insert(display(path));
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
void match_segments(const FileSystem& files, const fs::path& at, const std::vector<std::string>& segments,
                    std::size_t i, Walk& walk, std::set<std::string>& matched) {
  if (walk.too_many()) return;
  if (i == segments.size()) {
    if (files.exists(at.string())) matched.insert(display(at));
    return;
  }
  const std::string& segment = segments[i];
  if (segment == "**") {
    match_segments(files, at, segments, i + 1, walk, matched);  // no folder at all
    for (const auto& entry : files.list(at.string()))
      if (entry.kind == FileSystem::Kind::Directory && !entry.link && !entry.name.starts_with("."))
        match_segments(files, at / entry.name, segments, i, walk, matched);
    return;
  }
  if (!has_wildcard(segment)) {
    if (files.exists((at / segment).string())) match_segments(files, at / segment, segments, i + 1, walk, matched);
    return;
  }
  for (const auto& entry : files.list(at.string())) {
    // As in the shell, a wildcard does not match a leading dot.
    if (entry.name.starts_with(".") && !segment.starts_with(".")) continue;
    if (matches_pattern(segment, entry.name)) match_segments(files, at / entry.name, segments, i + 1, walk, matched);
  }
}

ExpandedArgument expand_one(const FileSystem& files, const std::string& argument) {
  ExpandedArgument result{argument, {}, {}};
  const Location at{intern_file_name(argument), 0, 0};
  Walk walk;
  std::set<std::string> found;
  if (argument != "-" && files.kind(argument) == FileSystem::Kind::Directory) {
    find_in_folder(files, argument, walk, found);
    if (found.empty())
      result.errors.push_back(
          {at,
           "no topology found in this folder (a topology is a .yaml or .yml file with "
           "the top-level keys `version: 1` and `products:`)"});
  } else if (argument != "-" && !files.exists(argument) && has_wildcard(argument)) {
    std::vector<std::string> segments = split_segments(argument);
    fs::path base = argument.starts_with("/") ? fs::path("/") : fs::path(".");
    std::set<std::string> matched;
    match_segments(files, base, segments, 0, walk, matched);
    for (const auto& path : matched) {
      if (files.kind(path) == FileSystem::Kind::Directory)
        find_in_folder(files, path, walk, found);
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

bool is_topology_file(const FileSystem& files, const std::string& path) {
  fs::path p(path);
  std::string extension = p.extension().string();
  if (extension != ".yaml" && extension != ".yml") return false;
  // Only a regular file is opened: a FIFO in a searched folder must not stall the search.
  if (files.kind(path) != FileSystem::Kind::Regular) return false;
  auto read = files.read(path, kMaxTopologyBytes);
  if (read.status != FileSystem::Status::Ok) return false;
  std::istringstream in(read.contents);
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

std::vector<ExpandedArgument> expand_topology_arguments(const FileSystem& files,
                                                       const std::vector<std::string>& arguments) {
  std::vector<ExpandedArgument> expanded;
  for (const auto& argument : arguments) expanded.push_back(expand_one(files, argument));
  return expanded;
}

}  // namespace deploy_advisor::cli
