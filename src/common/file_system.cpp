#include "deploy_advisor/common/file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <iostream>
#include <system_error>

namespace deploy_advisor {

namespace {

// Magic numbers of file systems whose files are not data (statfs(2)): a "regular" file there
// has a size of 0 or 4096 whatever it holds, and reading some of them has effects.
constexpr long kProcMagic = 0x9fa0;
constexpr long kSysfsMagic = 0x62656572;
constexpr long kDebugfsMagic = 0x64626720;

FileSystem::ReadResult read_stream(std::istream& in, std::size_t max_bytes) {
  FileSystem::ReadResult result;
  char buffer[65536];
  while (in) {
    in.read(buffer, sizeof buffer);
    std::streamsize got = in.gcount();
    if (got <= 0) break;
    if (result.contents.size() + static_cast<std::size_t>(got) > max_bytes) {
      result.status = FileSystem::Status::TooLarge;
      result.contents.clear();
      return result;
    }
    result.contents.append(buffer, static_cast<std::size_t>(got));
  }
  if (in.bad()) result.status = FileSystem::Status::Unreadable;
  return result;
}

/// `expected_bytes`, the size the file had when it was opened, is reserved at once: growing
/// the string by doubling would hold up to three times a 16 MiB file at its peak.
FileSystem::ReadResult read_descriptor(int fd, std::size_t max_bytes, std::size_t expected_bytes) {
  FileSystem::ReadResult result;
  result.contents.reserve(std::min(expected_bytes, max_bytes) + 1);
  char buffer[65536];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return {FileSystem::Status::Unreadable, {}};
    if (got == 0) break;
    if (result.contents.size() + static_cast<std::size_t>(got) > max_bytes) return {FileSystem::Status::TooLarge, {}};
    result.contents.append(buffer, static_cast<std::size_t>(got));
  }
  return result;
}

std::filesystem::path absolute_normal(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::absolute(path.empty() ? std::string(".") : path, ec);
  if (ec) p = std::filesystem::path(path);
  p = p.lexically_normal();
  // "a/b/" normalises to "a/b/" with an empty last part; drop it so prefixes compare by parts.
  if (!p.empty() && !p.has_filename() && p != p.root_path()) p = p.parent_path();
  return p;
}

}  // namespace

bool is_inside(const std::string& root, const std::string& path) {
  auto r = absolute_normal(root);
  auto p = absolute_normal(path);
  auto ri = r.begin(), pi = p.begin();
  for (; ri != r.end(); ++ri, ++pi) {
    if (ri->empty()) continue;  // a trailing separator
    if (pi == p.end() || *ri != *pi) return false;
  }
  return true;
}

FileSystem::Status FileSystem::check_inside(const std::string& root, const std::string& path) const {
  if (path.find('\0') != std::string::npos || root.find('\0') != std::string::npos) return Status::BadPath;
  if (path.empty()) return Status::NotFound;
  // Lexically first, so `../../etc/shadow` is refused even when it does not exist.
  if (!is_inside(root, path)) return Status::OutsideRoot;
  std::string real = real_path(path);
  if (real.empty()) return Status::NotFound;
  std::string real_root = real_path(root);
  if (real_root.empty() || !is_inside(real_root, real)) return Status::OutsideRoot;
  switch (kind(real)) {
    case Kind::Missing:
      return Status::NotFound;
    case Kind::Directory:
      return Status::IsDirectory;
    case Kind::Other:
      return Status::NotRegular;
    case Kind::Regular:
      return Status::Ok;
  }
  return Status::Unreadable;
}

FileSystem::ReadResult FileSystem::read_inside(const std::string& root, const std::string& path,
                                               std::size_t max_bytes) const {
  Status status = check_inside(root, path);
  if (status != Status::Ok) return {status, {}};
  return read(real_path(path), max_bytes);
}

FileSystem::ReadResult DiskFileSystem::read(const std::string& path, std::size_t max_bytes) const {
  if (path == "-") return read_stream(std::cin, max_bytes);
  if (path.find('\0') != std::string::npos) return {Status::BadPath, {}};
  // Opened without blocking, so a FIFO cannot stall the open; the descriptor is then checked
  // for what it really is (no race between a stat and the open).
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return {errno == ENOENT || errno == ENOTDIR ? Status::NotFound : Status::Unreadable, {}};
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    ::close(fd);
    return {Status::Unreadable, {}};
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return {Status::IsDirectory, {}};
  }
  if (S_ISREG(info.st_mode) && static_cast<unsigned long long>(info.st_size) > max_bytes) {
    ::close(fd);
    return {Status::TooLarge, {}};
  }
  // A topology named on the command line may be a pipe (`check <(generate)`): the user asked
  // for it, so it is read as a stream, waiting for the writer.
  int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  ReadResult result = read_descriptor(
      fd, max_bytes, S_ISREG(info.st_mode) ? static_cast<std::size_t>(info.st_size) : 0);
  ::close(fd);
  return result;
}

FileSystem::Kind DiskFileSystem::kind(const std::string& path) const {
  if (path.find('\0') != std::string::npos) return Kind::Missing;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return Kind::Missing;
  if (S_ISDIR(info.st_mode)) return Kind::Directory;
  if (!S_ISREG(info.st_mode)) return Kind::Other;
  struct statfs fs {};
  if (::statfs(path.c_str(), &fs) == 0) {
    long magic = static_cast<long>(fs.f_type);
    if (magic == kProcMagic || magic == kSysfsMagic || magic == kDebugfsMagic) return Kind::Other;
  }
  return Kind::Regular;
}

std::string DiskFileSystem::real_path(const std::string& path) const {
  if (path.find('\0') != std::string::npos) return {};
  std::error_code ec;
  auto real = std::filesystem::canonical(path.empty() ? std::string(".") : path, ec);
  return ec ? std::string() : real.string();
}

namespace {

bool write_all(int fd, const std::string& text) {
  const char* at = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    ssize_t wrote = ::write(fd, at, left);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    at += wrote;
    left -= static_cast<std::size_t>(wrote);
  }
  return true;
}

/// The mode a new file gets (0666 less the umask), or the mode of the file being replaced.
mode_t output_mode(const std::string& path) {
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) return existing.st_mode & 07777;
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

std::vector<FileSystem::Entry> DiskFileSystem::list(const std::string& folder) const {
  std::vector<Entry> entries;
  if (folder.find('\0') != std::string::npos) return entries;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder.empty() ? std::string(".") : folder,
                                              std::filesystem::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    std::error_code type_error;
    entries.push_back({it->path().filename().string(), kind(it->path().string()), it->is_symlink(type_error)});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return entries;
}

std::string DiskFileSystem::write(const std::string& path, const std::string& contents) {
  if (path.find('\0') != std::string::npos) return describe(Status::BadPath);
  std::string folder = parent_folder(path);
  std::string name = folder.empty() ? path : path.substr(folder.size() + (folder == "/" ? 0 : 1));
  std::string temporary = (folder.empty() ? std::string() : folder + (folder == "/" ? "" : "/")) + "." + name + ".XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) return std::strerror(errno);
  std::string reason;
  if (::fchmod(fd, output_mode(path)) != 0 || !write_all(fd, contents) || ::fsync(fd) != 0) reason = std::strerror(errno);
  if (::close(fd) != 0 && reason.empty()) reason = std::strerror(errno);
  if (reason.empty() && ::rename(temporary.c_str(), path.c_str()) != 0) reason = std::strerror(errno);
  if (!reason.empty()) ::unlink(temporary.c_str());
  return reason;
}

std::string DiskFileSystem::make_folders(const std::string& path) {
  if (path.find('\0') != std::string::npos) return describe(Status::BadPath);
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  return ec ? ec.message() : std::string();
}

namespace {

/// A memory path as stored: normalised, without a trailing separator.
std::string memory_key(const std::string& path) {
  std::string p = std::filesystem::path(path).lexically_normal().string();
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

}  // namespace

std::vector<FileSystem::Entry> MemoryFileSystem::list(const std::string& folder) const {
  std::vector<Entry> entries;
  std::string real = real_path(folder);
  if (real.empty() || kind(real) != Kind::Directory) return entries;
  std::string prefix = real == "." ? std::string() : real == "/" ? real : real + "/";
  std::set<std::string> names;
  auto take = [&](const std::string& key) {
    if (key.size() <= prefix.size() || key.compare(0, prefix.size(), prefix) != 0) return;
    std::string rest = key.substr(prefix.size());
    std::string name = rest.substr(0, rest.find('/'));
    if (!name.empty() && name != ".") names.insert(name);
  };
  for (const auto& [key, text] : files_) take(key);
  for (const auto& key : specials_) take(key);
  for (const auto& [key, target] : links_) take(key);
  for (const auto& name : names) {
    std::string full = prefix + name;
    std::string target = real_path(full);
    entries.push_back({name, target.empty() ? Kind::Missing : kind(target), links_.count(full) > 0});
  }
  return entries;
}

std::string MemoryFileSystem::write(const std::string& path, const std::string& contents) {
  if (path.find('\0') != std::string::npos) return describe(Status::BadPath);
  std::string key = memory_key(path);
  if (kind(key) == Kind::Directory) return "Is a directory";
  if (kind(key) == Kind::Other) return "not a regular file";
  std::string folder = parent_folder(key);
  if (!folder.empty() && kind(folder) != Kind::Directory) return "No such file or directory";
  files_[key] = contents;
  return {};
}

std::string MemoryFileSystem::make_folders(const std::string& path) {
  std::string key = memory_key(path);
  if (kind(key) == Kind::Regular || kind(key) == Kind::Other) return "File exists";
  if (kind(key) == Kind::Missing) files_[key + "/"] = "";
  return {};
}

std::optional<std::string> MemoryFileSystem::contents(const std::string& path) const {
  auto read_result = read(path, static_cast<std::size_t>(-1));
  if (read_result.status != Status::Ok) return std::nullopt;
  return read_result.contents;
}

FileSystem::ReadResult MemoryFileSystem::read(const std::string& path, std::size_t max_bytes) const {
  if (path.find('\0') != std::string::npos) return {Status::BadPath, {}};
  std::string real = real_path(path);
  if (real.empty()) return {Status::NotFound, {}};
  switch (kind(real)) {
    case Kind::Missing:
      return {Status::NotFound, {}};
    case Kind::Directory:
      return {Status::IsDirectory, {}};
    case Kind::Other:
      return {Status::NotRegular, {}};
    case Kind::Regular:
      break;
  }
  auto it = files_.find(real);
  if (it->second.size() > max_bytes) return {Status::TooLarge, {}};
  return {Status::Ok, it->second};
}

FileSystem::Kind MemoryFileSystem::kind(const std::string& path) const {
  std::string p = std::filesystem::path(path).lexically_normal().string();
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.empty() || p == ".") return Kind::Directory;
  if (specials_.count(p)) return Kind::Other;
  if (files_.count(p + "/")) return Kind::Directory;
  if (files_.count(p)) return Kind::Regular;
  // A folder exists when some file lies under it.
  auto it = files_.lower_bound(p + "/");
  if (it != files_.end() && it->first.compare(0, p.size() + 1, p + "/") == 0) return Kind::Directory;
  return Kind::Missing;
}

std::string MemoryFileSystem::real_path(const std::string& path) const {
  std::filesystem::path p = std::filesystem::path(path.empty() ? std::string(".") : path).lexically_normal();
  // Follows links part by part; 40 links at most, as Linux allows.
  for (int hops = 0; hops < 40; ++hops) {
    std::filesystem::path done;
    bool followed = false;
    for (auto part = p.begin(); part != p.end(); ++part) {
      if (part->empty()) continue;
      std::filesystem::path next = done / *part;
      auto link = links_.find(next.string());
      if (link != links_.end()) {
        std::filesystem::path target(link->second);
        std::filesystem::path rest;
        for (auto after = std::next(part); after != p.end(); ++after) rest /= *after;
        p = (target.is_absolute() ? target : done / target) / rest;
        p = p.lexically_normal();
        followed = true;
        break;
      }
      done = next;
    }
    if (!followed) {
      std::string out = p.string();
      while (out.size() > 1 && out.back() == '/') out.pop_back();
      if (out.empty()) out = ".";
      return kind(out) == Kind::Missing ? std::string() : out;
    }
  }
  return {};
}

const char* describe(FileSystem::Status status) {
  switch (status) {
    case FileSystem::Status::Ok:
      return "readable";
    case FileSystem::Status::NotFound:
      return "no such file";
    case FileSystem::Status::IsDirectory:
      return "is a directory, not a file";
    case FileSystem::Status::TooLarge:
      return "file is larger than the limit";
    case FileSystem::Status::Unreadable:
      return "cannot be read";
    case FileSystem::Status::NotRegular:
      return "not a regular file (a FIFO, device, socket or special file system)";
    case FileSystem::Status::OutsideRoot:
      return "outside the repository (the folder holding .git above the topology, or --root)";
    case FileSystem::Status::BadPath:
      return "the path holds a NUL byte";
  }
  return "cannot be read";
}

std::string parent_folder(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == 0) return "/";
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string join_path(const std::string& folder, const std::string& relative) {
  if (relative.empty() || relative.front() == '/' || folder.empty()) return relative;
  std::string joined = folder + "/" + relative;
  return std::filesystem::path(joined).lexically_normal().string();
}

std::string find_root(const FileSystem& files, const std::string& topology_path) {
  std::string folder = topology_path == "-" ? std::string(".") : parent_folder(topology_path);
  if (folder.empty()) folder = ".";
  auto holds_git = [&](const std::filesystem::path& p) {
    return files.kind((p / ".git").string()) != FileSystem::Kind::Missing;
  };
  std::filesystem::path relative = std::filesystem::path(folder).lexically_normal();
  bool climbs = false;
  for (const auto& part : relative) climbs = climbs || part == "..";
  // A relative folder is walked in its own spelling first (the memory file system holds
  // relative paths), then above the working folder; the root keeps a relative spelling.
  if (relative.is_relative() && !climbs) {
    for (std::filesystem::path p = relative; !p.empty() && p != "."; p = p.parent_path()) {
      if (holds_git(p)) return p.string();
      if (!p.has_parent_path()) break;
    }
    if (holds_git(".")) return ".";
  }
  std::filesystem::path at = absolute_normal(folder);
  std::error_code ec;
  auto cwd = std::filesystem::current_path(ec);
  // Bounded by the path's depth: each step removes one part.
  for (std::filesystem::path p = at;; p = p.parent_path()) {
    if (holds_git(p)) {
      if (relative.is_relative() && !ec) {
        auto r = p.lexically_relative(cwd);
        if (!r.empty()) return r.string();
      }
      return p.string();
    }
    if (!p.has_parent_path() || p.parent_path() == p) break;
  }
  return relative.is_relative() ? relative.string() : at.string();
}

}  // namespace deploy_advisor
