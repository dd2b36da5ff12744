#include "deploy_advisor/file_system.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <system_error>

namespace deploy_advisor {

namespace {

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

}  // namespace

FileSystem::ReadResult DiskFileSystem::read(const std::string& path, std::size_t max_bytes) const {
  if (path == "-") return read_stream(std::cin, max_bytes);
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return {Status::NotFound, {}};
  if (std::filesystem::is_directory(status)) return {Status::IsDirectory, {}};
  if (std::filesystem::is_regular_file(status)) {
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes) return {Status::TooLarge, {}};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return {Status::Unreadable, {}};
  return read_stream(in, max_bytes);
}

FileSystem::ReadResult MemoryFileSystem::read(const std::string& path, std::size_t max_bytes) const {
  if (files_.count(path + "/") || (!path.empty() && path.back() == '/')) return {Status::IsDirectory, {}};
  auto it = files_.find(path);
  if (it == files_.end()) return {Status::NotFound, {}};
  if (it->second.size() > max_bytes) return {Status::TooLarge, {}};
  return {Status::Ok, it->second};
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
  }
  return "cannot be read";
}

std::string parent_folder(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string join_path(const std::string& folder, const std::string& relative) {
  if (relative.empty() || relative.front() == '/' || folder.empty()) return relative;
  std::string joined = folder + "/" + relative;
  return std::filesystem::path(joined).lexically_normal().string();
}

}  // namespace deploy_advisor
