#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "deploy_advisor/config.hpp"

namespace deploy_advisor::cli {

ProfileSet load_profiles(const Context& context) {
  ProfileSet profiles = ProfileSet::builtin();
  if (!context.profiles_folder.empty()) profiles.add_folder(context.profiles_folder);
  return profiles;
}

LoadOptions load_options(const ProfileSet& profiles) {
  LoadOptions options;
  options.extra_products = profiles.declared_products();
  options.assumption_names = profiles.assumption_names();
  return options;
}

LoadOptions load_options(const Context& context, const ProfileSet& profiles) {
  LoadOptions options = load_options(profiles);
  options.root = context.root;
  return options;
}

AnalysisRequest analysis_request(const Context& context) {
  AnalysisRequest request;
  request.profiles_folder = context.profiles_folder;
  request.config_file = context.config_file;
  request.root = context.root;
  return request;
}

int report_input_errors(Context& context, const std::vector<InputError>& errors) {
  for (const auto& e : errors) context.err << format_input_error(e) << "\n";
  return static_cast<int>(ExitStatus::InputError);
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

/// Writes `text` to `path` through a temporary file renamed over it. Returns "" or the reason.
std::string replace_file(const std::string& path, const std::string& text) {
  std::string folder = parent_folder(path);
  std::string name = folder.empty() ? path : path.substr(folder.size() + (folder == "/" ? 0 : 1));
  std::string temporary = (folder.empty() ? std::string() : folder + (folder == "/" ? "" : "/")) + "." + name + ".XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) return std::strerror(errno);
  std::string reason;
  if (::fchmod(fd, output_mode(path)) != 0 || !write_all(fd, text) || ::fsync(fd) != 0) reason = std::strerror(errno);
  if (::close(fd) != 0 && reason.empty()) reason = std::strerror(errno);
  if (reason.empty() && ::rename(temporary.c_str(), path.c_str()) != 0) reason = std::strerror(errno);
  if (!reason.empty()) ::unlink(temporary.c_str());
  return reason;
}

}  // namespace

bool emit(Context& context, const std::string& text) {
  if (context.output_file.empty()) {
    errno = 0;
    context.out << text;
    context.out.flush();
    if (context.out) return true;
    // The reader of a pipe went away (`| head`): it has what it wanted; stop quietly, as
    // other Unix tools do. (main restores SIGPIPE's default, so this is reached only when
    // the signal is ignored.)
    if (errno == EPIPE) return true;
    int reason = errno;
    context.err << fmt::format("deploy-advisor: error: cannot write to standard output: {}\n",
                               reason != 0 ? std::strerror(reason) : "the stream failed");
    return false;
  }
  std::string reason = replace_file(context.output_file, text);
  if (reason.empty()) return true;
  context.err << fmt::format("{}: error: cannot write the output file: {}; the previous file, if any, is unchanged\n",
                             printable(context.output_file), reason);
  return false;
}

}  // namespace deploy_advisor::cli
