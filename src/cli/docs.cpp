#include <fmt/format.h>

#include "cli/commands.hpp"
#include "deploy_advisor/format/rule_docs.hpp"

namespace deploy_advisor::cli {

int run_docs(Context& context, const std::string& folder) {
  ProfileSet profiles = load_profiles(context);
  std::string reason = context.files.make_folders(folder);
  auto write = [&](const std::string& name, const std::string& text) {
    if (reason.empty()) reason = context.files.write(folder + "/" + name, text);
    return reason.empty();
  };
  auto rules = profiles.rules();
  bool ok = write("README.md", rules_index(rules));
  for (const Rule* r : rules) ok = write(r->id + ".md", rule_page(*r)) && ok;
  if (!ok) {
    context.err << fmt::format("{}: error: cannot write the rule pages: {}\n", folder, reason);
    return static_cast<int>(ExitStatus::InputError);
  }
  if (!context.quiet) context.out << fmt::format("wrote {} rule pages and the index to {}\n", rules.size(), folder);
  return 0;
}

}  // namespace deploy_advisor::cli
