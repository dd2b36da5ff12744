#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace deploy_advisor {

/// Every file the tool reads, lists or writes goes through a FileSystem, so that the whole
/// command line can run against memory in tests.
///
/// Files a topology names (native files, flow sources, the tool configuration) are read with
/// `read_inside`, which keeps them inside a root folder: a pull request's topology must not
/// read `/etc/shadow`, a file behind `../..`, or a symbolic link pointing out of the
/// repository, and must not hang the run on a FIFO.
class FileSystem {
 public:
  enum class Status { Ok, NotFound, IsDirectory, TooLarge, Unreadable, NotRegular, OutsideRoot, BadPath };
  enum class Kind { Missing, Regular, Directory, Other };
  struct ReadResult {
    Status status = Status::Ok;
    std::string contents;
  };
  /// One entry of a folder: its name, what it is after following links, and whether the entry
  /// itself is a symbolic link (a folder reached through a link is not searched).
  struct Entry {
    std::string name;
    Kind kind = Kind::Missing;
    bool link = false;
  };

  virtual ~FileSystem() = default;
  /// Reads a whole file, refusing anything larger than `max_bytes`. `-` is standard input.
  virtual ReadResult read(const std::string& path, std::size_t max_bytes) const = 0;
  /// What is at `path` after following symbolic links. Never opens the file, so never blocks.
  /// Special file systems (/proc, /sys) count as Other: their sizes are not their contents.
  virtual Kind kind(const std::string& path) const = 0;
  /// `path` with every symbolic link followed and `.`, `..` resolved, or "" when some part of
  /// it does not exist.
  virtual std::string real_path(const std::string& path) const = 0;
  /// The entries of a folder, sorted by name; none when it is not a folder or cannot be read.
  virtual std::vector<Entry> list(const std::string& folder) const = 0;
  /// Replaces `path` with `contents` whole or not at all: written to a temporary file in the
  /// same folder and renamed over it, so a failure (a full disk) leaves the previous file as it
  /// was and no partial file behind. Returns "" or the system's reason.
  virtual std::string write(const std::string& path, const std::string& contents) = 0;
  /// Creates a folder and the folders above it that are missing. Returns "" or the reason.
  virtual std::string make_folders(const std::string& path) = 0;

  /// Whether anything is at `path` (after following links).
  [[nodiscard]] bool exists(const std::string& path) const { return kind(path) != Kind::Missing; }

  /// Reads `path` only if it is, after following links, a regular file inside `root`.
  /// A NUL byte in the path is BadPath; a path or link leading out of the root is OutsideRoot;
  /// a FIFO, device, socket or /proc file is NotRegular (checked before opening).
  ReadResult read_inside(const std::string& root, const std::string& path, std::size_t max_bytes) const;
  /// The same checks without reading: Ok when `read_inside` would read the file.
  Status check_inside(const std::string& root, const std::string& path) const;
};

/// The real disk (and standard input for `-`).
class DiskFileSystem final : public FileSystem {
 public:
  ReadResult read(const std::string& path, std::size_t max_bytes) const override;
  Kind kind(const std::string& path) const override;
  std::string real_path(const std::string& path) const override;
  std::vector<Entry> list(const std::string& folder) const override;
  std::string write(const std::string& path, const std::string& contents) override;
  std::string make_folders(const std::string& path) override;
};

/// Files held in memory, for tests. A path ending in `/` is a directory; `add_special` makes a
/// FIFO or device; `add_link` a symbolic link (to a path relative to the link's folder, or
/// absolute).
class MemoryFileSystem final : public FileSystem {
 public:
  void add(std::string path, std::string contents) { files_[std::move(path)] = std::move(contents); }
  void add_special(std::string path) { specials_.insert(std::move(path)); }
  void add_link(std::string path, std::string target) { links_[std::move(path)] = std::move(target); }
  ReadResult read(const std::string& path, std::size_t max_bytes) const override;
  Kind kind(const std::string& path) const override;
  std::string real_path(const std::string& path) const override;
  std::vector<Entry> list(const std::string& folder) const override;
  std::string write(const std::string& path, const std::string& contents) override;
  std::string make_folders(const std::string& path) override;
  /// What a file holds (after following links), or nullopt when it is not a regular file.
  [[nodiscard]] std::optional<std::string> contents(const std::string& path) const;

 private:
  std::map<std::string, std::string> files_;
  std::set<std::string> specials_;
  std::map<std::string, std::string> links_;
};

/// Why a read failed, for messages ("no such file", "is a directory", ...).
const char* describe(FileSystem::Status status);

/// The folder of `path` ("" for a bare name), and `relative` resolved against a folder.
std::string parent_folder(const std::string& path);
std::string join_path(const std::string& folder, const std::string& relative);

/// The root that reads for the topology at `topology_path` are confined to: the nearest folder
/// at or above the topology's holding `.git` (its repository), else the topology's folder.
/// `-` (standard input) starts from the working folder.
std::string find_root(const FileSystem& files, const std::string& topology_path);

/// Whether `path` is `root` or lies under it, comparing normalised absolute paths.
bool is_inside(const std::string& root, const std::string& path);

}  // namespace deploy_advisor
