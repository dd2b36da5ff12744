#include "cli/commands.hpp"

namespace deploy_advisor::cli {

int run_plan(Context& context, const PlanOptions&) {
  context.err << "deploy-advisor: error: plan is not available in this build\n";
  return static_cast<int>(ExitStatus::InputError);
}

}  // namespace deploy_advisor::cli
