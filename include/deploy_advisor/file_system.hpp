#pragma once

#include <map>
#include <string>

namespace deploy_advisor {

/// Abstract so that loaders can be tested from memory.
class FileSystem {
 public:
  enum class Status { Ok, NotFound, IsDirectory, TooLarge, Unreadable };
  struct ReadResult {
    Status status = Status::Ok;
    std::string contents;
  };

  virtual ~FileSystem() = default;
  /// Reads a whole file, refusing anything larger than `max_bytes`. `-` is standard input.
  virtual ReadResult read(const std::string& path, std::size_t max_bytes) const = 0;
};

/// The real disk (and standard input for `-`).
class DiskFileSystem final : public FileSystem {
 public:
  ReadResult read(const std::string& path, std::size_t max_bytes) const override;
};

/// Files held in memory, for tests. A path ending in `/` is a directory.
class MemoryFileSystem final : public FileSystem {
 public:
  void add(std::string path, std::string contents) { files_[std::move(path)] = std::move(contents); }
  ReadResult read(const std::string& path, std::size_t max_bytes) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// Why a read failed, for messages ("no such file", "is a directory", ...).
const char* describe(FileSystem::Status status);

/// The folder of `path` ("" for a bare name), and `relative` resolved against a folder.
std::string parent_folder(const std::string& path);
std::string join_path(const std::string& folder, const std::string& relative);

}  // namespace deploy_advisor
