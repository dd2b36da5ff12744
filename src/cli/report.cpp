#include "cli/commands.hpp"

namespace deploy_advisor::cli {

int run_report(Context& context, const ReportOptions&) {
  context.err << "deploy-advisor: error: report is not available in this build\n";
  return static_cast<int>(ExitStatus::InputError);
}

}  // namespace deploy_advisor::cli
