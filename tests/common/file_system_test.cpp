#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "deploy_advisor/common/file_system.hpp"

using deploy_advisor::DiskFileSystem;
using deploy_advisor::FileSystem;
using deploy_advisor::MemoryFileSystem;

namespace {

std::vector<std::string> names(const std::vector<FileSystem::Entry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.name);
  return out;
}

// Each test case has its own folder: ctest runs them in parallel.
struct Folder {
  std::filesystem::path path;
  explicit Folder(const std::string& name)
      : path(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~Folder() { std::filesystem::remove_all(path); }
  [[nodiscard]] std::string at(const std::string& name) const { return (path / name).string(); }
};

std::string read_disk(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a memory file system lists a folder's entries sorted, with their kinds and links") {
  MemoryFileSystem files;
  files.add("repo/b.yaml", "b");
  files.add("repo/a.yaml", "a");
  files.add("repo/sub/c.yaml", "c");
  files.add("repo/empty/", "");
  files.add_special("repo/fifo");
  files.add_link("repo/linked", "sub");
  auto entries = files.list("repo");
  CHECK(names(entries) == std::vector<std::string>{"a.yaml", "b.yaml", "empty", "fifo", "linked", "sub"});
  CHECK(entries[0].kind == FileSystem::Kind::Regular);
  CHECK(entries[2].kind == FileSystem::Kind::Directory);
  CHECK(entries[3].kind == FileSystem::Kind::Other);
  CHECK(entries[4].kind == FileSystem::Kind::Directory);
  CHECK(entries[4].link);
  CHECK_FALSE(entries[5].link);
  CHECK(names(files.list("repo/linked")) == std::vector<std::string>{"c.yaml"});
  CHECK(files.list("repo/a.yaml").empty());
  CHECK(files.list("nowhere").empty());
  CHECK(files.exists("repo/sub"));
  CHECK_FALSE(files.exists("repo/none"));
}

TEST_CASE("a memory file system takes writes into existing folders only") {
  MemoryFileSystem files;
  files.add("out/", "");
  CHECK(files.write("out/report.md", "one").empty());
  CHECK(files.write("out/report.md", "two").empty());
  CHECK(files.contents("out/report.md") == std::optional<std::string>("two"));
  CHECK_FALSE(files.write("missing/report.md", "x").empty());
  CHECK_FALSE(files.write("out", "x").empty());  // a folder
  CHECK(files.make_folders("docs/rules").empty());
  CHECK(files.write("docs/rules/README.md", "index").empty());
  CHECK(names(files.list("docs/rules")) == std::vector<std::string>{"README.md"});
}

TEST_CASE("the disk file system replaces a file whole and lists a folder sorted") {
  Folder folder("da-file-system-test");
  DiskFileSystem disk;
  CHECK(disk.write(folder.at("out.txt"), "first").empty());
  CHECK(disk.write(folder.at("out.txt"), "second").empty());
  CHECK(read_disk(folder.at("out.txt")) == "second");
  CHECK(disk.make_folders(folder.at("a/b")).empty());
  std::filesystem::create_symlink(folder.at("a"), folder.at("link"));
  auto entries = disk.list(folder.path.string());
  // No temporary file is left behind.
  CHECK(names(entries) == std::vector<std::string>{"a", "link", "out.txt"});
  CHECK(entries[1].link);
  CHECK(entries[1].kind == FileSystem::Kind::Directory);
  CHECK(entries[2].kind == FileSystem::Kind::Regular);
  // A folder that does not exist cannot be written into; the reason is the system's.
  CHECK(disk.write(folder.at("none/out.txt"), "x") == "No such file or directory");
  CHECK(disk.list(folder.at("out.txt")).empty());
}
