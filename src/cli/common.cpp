#include <fstream>

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

void apply_configuration(const Context& context, const std::string& topology, const ProfileSet& profiles,
                         std::vector<Finding>& findings) {
  std::string path = context.config_file;
  if (path.empty()) path = find_tool_config(topology == "-" ? std::string(".") : parent_folder(topology));
  if (path.empty()) return;
  ToolConfig config = load_tool_config(path, context.files, profiles);
  apply_tool_config(config, today_utc(), findings);
}

int report_input_errors(Context& context, const std::vector<InputError>& errors) {
  for (const auto& e : errors) context.err << format_input_error(e) << "\n";
  return static_cast<int>(ExitStatus::InputError);
}

bool emit(Context& context, const std::string& text) {
  if (context.output_file.empty()) {
    context.out << text;
    return true;
  }
  std::ofstream file(context.output_file, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    context.err << fmt::format("{}: error: cannot write the output file\n", context.output_file);
    return false;
  }
  return true;
}

}  // namespace deploy_advisor::cli
