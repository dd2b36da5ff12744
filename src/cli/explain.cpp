#include <fmt/format.h>

#include "cli/commands.hpp"
#include "deploy_advisor/format/rule_docs.hpp"

namespace deploy_advisor::cli {

int run_explain(Context& context, const std::string& id) {
  ProfileSet profiles = load_profiles(context);
  std::string wanted = id;
  for (auto& c : wanted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const Rule* rule = profiles.find_rule(wanted);
  if (!rule) {
    std::vector<std::string> ids, names;
    for (const Rule* r : profiles.rules()) {
      ids.push_back(r->id);
      names.push_back(r->name);
      if (r->name == id) rule = r;
    }
    if (!rule) {
      std::string suggestion = did_you_mean(wanted, ids);
      if (suggestion.empty()) suggestion = did_you_mean(id, names);
      context.err << fmt::format("deploy-advisor: error: no rule '{}'{}; 'deploy-advisor rules' lists them\n",
                                 id, suggestion.empty() ? "" : fmt::format(" (did you mean {}?)", suggestion));
      return static_cast<int>(ExitStatus::InputError);
    }
  }
  context.out << rule_explanation(*rule);
  return 0;
}

}  // namespace deploy_advisor::cli
