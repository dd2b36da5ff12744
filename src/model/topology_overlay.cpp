#include "model/topology_overlay.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "deploy_advisor/common/diagnostics.hpp"

namespace deploy_advisor {

namespace {

constexpr std::string_view kExtends = "extends";
constexpr std::string_view kResetTag = "!reset";
// Environments layer a few files deep; a longer chain is a mistake or a hostile input.
constexpr std::size_t kMaxChain = 16;

/// `a/./b/../c` as `a/c`; a leading `..` that climbs out of the start is kept, so the caller
/// can see the path leaves its root.
std::string normalize(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else parts.push_back(part);
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct ChainFile {
  std::string path;      // as read
  std::string relative;  // to the root folder, normalized
  Node root;
};

class ChainReader {
 public:
  ChainReader(const std::string& path, const FileSystem& files, const ReadLimits& limits)
      : path_(path), files_(files), limits_(limits) {
    root_folder_ = path == "-" ? std::string() : parent_folder(path);
  }

  OverlaidTopology read() {
    std::vector<ChainFile> chain;
    chain.push_back(read_first());
    while (const Node* extends = extends_of(chain.back().root)) {
      chain.push_back(read_base(*extends, chain));
    }
    OverlaidTopology result;
    result.waivers = std::move(waivers_);
    result.waiver_errors = std::move(waiver_errors_);
    for (std::size_t i = 1; i < chain.size(); ++i) result.bases.push_back(chain[i].path);
    Node merged = std::move(chain.back().root);
    for (std::size_t i = chain.size() - 1; i-- > 0;) merged = overlay(std::move(merged), std::move(chain[i].root));
    drop_extends(merged);
    drop_reset(merged);
    result.root = std::move(merged);
    return result;
  }

 private:
  ChainFile read_first() {
    const std::string* file = intern_file_name(path_);
    auto read = files_.read(path_, limits_.max_bytes);
    if (read.status != FileSystem::Status::Ok) {
      std::string what = read.status == FileSystem::Status::TooLarge
                             ? fmt::format("file is larger than {} MiB", limits_.max_bytes >> 20)
                             : describe(read.status);
      // Line 1, column 1: editors and CI annotations expect a position even for a whole file.
      throw InputFailure({{Location{file, 1, 1}, fmt::format("cannot read topology: {}", what)}});
    }
    ParseResult parsed = parse_yaml(read.contents, file, limits_);
    if (!parsed.ok()) throw InputFailure(std::move(parsed.errors));
    collect_waivers(read.contents, file);
    std::string relative = path_ == "-" ? path_ : normalize(base_name(path_));
    return {path_, relative, std::move(parsed.root)};
  }

  static std::string base_name(const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
  }

  static const Node* extends_of(const Node& root) {
    return root.is_mapping() ? root.find(kExtends) : nullptr;
  }

  [[noreturn]] static void fail(const Node& at, const std::string& message) {
    throw InputFailure({{at.location(), "extends: " + message}});
  }

  ChainFile read_base(const Node& extends, const std::vector<ChainFile>& chain) {
    if (!extends.is_scalar() || scalar_type(extends) != ScalarType::String || extends.text().empty())
      fail(extends, fmt::format("found {}; expected the path of the base topology, relative to "
                                "this file, such as base.yaml",
                                describe(extends)));
    const std::string& written = extends.text();
    if (written.front() == '/')
      fail(extends, fmt::format("'{}' is an absolute path; expected a path relative to this file, "
                                "inside the folder of {}",
                                written, path_));
    const std::string& from = chain.back().relative;
    std::string from_folder = from == "-" ? std::string() : parent_folder(from);
    std::string relative = normalize(from_folder.empty() ? written : from_folder + "/" + written);
    if (relative.empty() || relative == ".." || relative.starts_with("../"))
      fail(extends, fmt::format("'{}' leaves the folder of {}; expected a base topology inside it",
                                written, path_));
    std::string resolved = join_path(root_folder_, relative);
    std::string shown;
    for (const auto& f : chain) shown += f.path + " -> ";
    shown += resolved;
    for (const auto& f : chain)
      if (f.relative == relative)
        fail(extends, fmt::format("'{}' is already in the chain ({}); a topology cannot extend "
                                  "itself, directly or through its bases",
                                  written, shown));
    if (chain.size() >= kMaxChain)
      fail(extends, fmt::format("the chain is longer than {} files ({}); expected a shorter one",
                                kMaxChain, shown));
    const std::string* file = intern_file_name(resolved);
    auto read = files_.read(resolved, limits_.max_bytes);
    if (read.status != FileSystem::Status::Ok) {
      std::string what = read.status == FileSystem::Status::TooLarge
                             ? fmt::format("larger than {} MiB", limits_.max_bytes >> 20)
                             : describe(read.status);
      fail(extends, fmt::format("cannot read '{}' ({}): {}; expected a readable topology, with a "
                                "path relative to this file",
                                written, resolved, what));
    }
    ParseResult parsed = parse_yaml(read.contents, file, limits_);
    if (!parsed.ok()) throw InputFailure(std::move(parsed.errors));
    collect_waivers(read.contents, file);
    if (!parsed.root.is_mapping())
      fail(extends, fmt::format("'{}' holds {}; expected a topology (a mapping)", written,
                                describe(parsed.root)));
    return {resolved, relative, std::move(parsed.root)};
  }

  // Waiver comments are read from the bytes already in memory, once per file of the chain.
  void collect_waivers(std::string_view contents, const std::string* file) {
    auto found = scan_waiver_comments(contents, file, waiver_errors_);
    waivers_.insert(waivers_.end(), found.begin(), found.end());
  }

  static bool is_reset(const Node& node) { return node.tag() == kResetTag; }

  // Mappings merge key by key; anything else in the overlay replaces what the base has. A
  // mapping that both files write keeps the base's location: the base is where it is defined.
  static Node overlay(Node base, Node over) {
    if (!base.is_mapping() || !over.is_mapping() || is_reset(base) || is_reset(over)) return over;
    auto& entries = base.entries();
    std::unordered_map<std::string, std::size_t> index;  // scalar keys of the base
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (entries[i].first.is_scalar()) index.emplace(entries[i].first.text(), i);
    for (auto& [key, value] : over.entries()) {
      auto it = key.is_scalar() ? index.find(key.text()) : index.end();
      if (it == index.end()) {
        if (key.is_scalar()) index.emplace(key.text(), entries.size());
        entries.emplace_back(std::move(key), std::move(value));
        continue;
      }
      Node::Entry& existing = entries[it->second];
      if (existing.second.is_mapping() && value.is_mapping())
        existing.second = overlay(std::move(existing.second), std::move(value));
      else
        existing = Node::Entry(std::move(key), std::move(value));
    }
    return base;
  }

  static void drop_extends(Node& root) {
    if (!root.is_mapping()) return;
    auto& entries = root.entries();
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [](const Node::Entry& e) {
                                   return e.first.is_scalar() && e.first.text() == kExtends;
                                 }),
                  entries.end());
  }

  // `key: !reset` deletes the key, in an overlay and anywhere else: the reader of the file
  // sees it as never written.
  static void drop_reset(Node& node) {
    auto& entries = node.entries();
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [](const Node::Entry& e) { return is_reset(e.second); }),
                  entries.end());
    for (auto& entry : entries) drop_reset(entry.second);
    for (auto& item : node.items()) drop_reset(item);
  }

  const std::string& path_;
  const FileSystem& files_;
  const ReadLimits& limits_;
  std::string root_folder_;
  std::vector<InlineWaiver> waivers_;
  std::vector<InputError> waiver_errors_;
};

}  // namespace

OverlaidTopology read_overlaid_topology(const std::string& path, const FileSystem& files,
                                        const ReadLimits& limits) {
  return ChainReader(path, files, limits).read();
}

}  // namespace deploy_advisor
