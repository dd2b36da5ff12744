#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "deploy_advisor/engine/config.hpp"

namespace deploy_advisor::cli {

ProfileSet load_profiles(const Context& context) {
  ProfileSet profiles = ProfileSet::builtin();
  if (!context.profiles_folder.empty()) profiles.add_folder(context.profiles_folder, context.files);
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
  std::string reason = context.files.write(context.output_file, text);
  if (reason.empty()) return true;
  context.err << fmt::format("{}: error: cannot write the output file: {}; the previous file, if any, is unchanged\n",
                             printable(context.output_file), reason);
  return false;
}

}  // namespace deploy_advisor::cli
