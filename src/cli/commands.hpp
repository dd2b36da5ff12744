#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/engine/analyze.hpp"
#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/engine/profile.hpp"
#include "deploy_advisor/model/topology.hpp"

namespace deploy_advisor::cli {

/// What every command gets from the command line.
struct Context {
  std::ostream& out;
  std::ostream& err;
  FileSystem& files;
  bool color = false;
  bool quiet = false;
  bool verbose = false;
  std::string profiles_folder;
  std::string output_file;
  std::string config_file;  // --config; "" means look for .deploy-advisor.yaml upward
  std::string root;         // --root; "" means the topology's repository (see find_root)
};

struct CheckOptions {
  std::vector<std::string> topologies;
  std::string format = "text";
  std::string fail_on = "error";
  bool no_waivers = false;     // ignore waiver comments and configuration waivers
  std::string baseline;        // --baseline FILE: findings recorded there are known
  std::string write_baseline;  // --write-baseline FILE: record the current findings there
  std::vector<std::string> extra_outputs;  // --write FORMAT=FILE, repeatable
  unsigned jobs = 0;                       // --jobs N; 0: the number of cores
};

struct PlanOptions {
  std::string topology;
  std::string format = "text";
};

struct ReportOptions {
  std::string topology;
  std::string date;
  std::string fail_on = "error";
  bool absolute_links = false;  // links to rule pages under the built-in base URL
  std::string rule_docs_url;    // links to rule pages under this base URL
};

struct ImportCommandOptions {
  std::vector<std::string> inputs;
  std::string name;
  std::string environment = "production";
  std::string product;
};

int run_check(Context& context, const CheckOptions& options);
int run_validate(Context& context, const std::vector<std::string>& topologies);
int run_schema(Context& context);
int run_rules(Context& context, const std::string& format);
int run_explain(Context& context, const std::string& id);
int run_plan(Context& context, const PlanOptions& options);
int run_report(Context& context, const ReportOptions& options);
int run_docs(Context& context, const std::string& folder);
int run_init(Context& context, const std::vector<std::string>& products);
int run_import(Context& context, const ImportCommandOptions& options);

/// The profiles in use: built-in plus --profiles. Throws InputFailure.
ProfileSet load_profiles(const Context& context);
LoadOptions load_options(const ProfileSet& profiles);
LoadOptions load_options(const Context& context, const ProfileSet& profiles);

/// What every analysing command takes from the common flags: --profiles, --config, --root.
AnalysisRequest analysis_request(const Context& context);
/// The analyses `check`, `plan` and `report` ask for (their topologies still to add for check).
AnalysisRequest check_request(const Context& context, const CheckOptions& options);
AnalysisRequest plan_request(const Context& context, const PlanOptions& options);
AnalysisRequest report_request(const Context& context, const ReportOptions& options);

/// Prints input errors to stderr; returns the input-error exit status.
int report_input_errors(Context& context, const std::vector<InputError>& errors);

/// Writes to -o FILE when given, else to standard output. Returns false (and reports why,
/// with the system's reason) when the output cannot be written. -o FILE is written to a
/// temporary file in the same folder and renamed over FILE, so a failure (a full disk) leaves
/// the previous FILE as it was and no partial file behind. A closed pipe (`| head`) is not an
/// error: the reader has all it wanted.
bool emit(Context& context, const std::string& text);

}  // namespace deploy_advisor::cli
