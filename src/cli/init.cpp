#include <algorithm>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/starter_topology.hpp"

namespace deploy_advisor::cli {

int run_init(Context& context, const std::vector<std::string>& products) {
  const auto& known = starter_products();
  std::vector<std::string> chosen;
  for (const auto& product : products) {
    if (std::find(known.begin(), known.end(), product) == known.end()) {
      std::string suggestion = did_you_mean(product, known);
      context.err << fmt::format("deploy-advisor: error: init: unknown product '{}'{}; expected {}\n", product,
                                 suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion),
                                 fmt::join(known, ", "));
      return static_cast<int>(ExitStatus::InputError);
    }
    if (std::find(chosen.begin(), chosen.end(), product) == chosen.end()) chosen.push_back(product);
  }
  // Sections come in one fixed order, whatever the order on the command line.
  std::vector<std::string> ordered;
  for (const auto& product : known)
    if (std::find(chosen.begin(), chosen.end(), product) != chosen.end()) ordered.push_back(product);
  if (!emit(context, starter_topology(ordered))) return static_cast<int>(ExitStatus::InputError);
  return static_cast<int>(ExitStatus::Ok);
}

}  // namespace deploy_advisor::cli
