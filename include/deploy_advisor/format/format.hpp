#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/finding.hpp"
#include "deploy_advisor/engine/profile.hpp"

namespace deploy_advisor {

/// Formats of `check`. Chosen with a switch and no default, so a new format must be handled
/// everywhere.
enum class OutputFormat { Text, Json, Sarif, Markdown, Junit, Github, Gitlab, Checkstyle };

/// Parses a --format value; false for an unknown one.
bool parse_output_format(const std::string& text, OutputFormat* out);
/// The --format names, in the order help and docs list them.
const std::vector<std::string>& output_format_names();

/// One topology given to `check` (or found under a folder) and what became of it.
struct CheckedTopology {
  std::string path;
  std::vector<std::string> files;           // the files read: the topology, then its native files
  std::vector<std::string> rules_evaluated;  // rule ids, sorted
  /// Rules of the topology's products that did not run (id, why); rules of other products
  /// are only counted.
  std::vector<std::pair<std::string, std::string>> rules_skipped;
  std::size_t rules_of_other_products = 0;
  std::vector<InputError> errors;           // why it could not be checked; empty when it was
};

/// What one `check` run found, over every topology given.
/// At most this many findings of one rule, and of one run, are written; the rest are counted
/// ("… and N more"). A topology of many aliased components cannot make a 90 MB report.
inline constexpr std::size_t kMaxFindingsPerRule = 100;
inline constexpr std::size_t kMaxFindingsPerRun = 1000;

struct CheckReport {
  std::vector<std::string> topologies;  // those checked (without input errors)
  std::vector<CheckedTopology> checked;  // every topology, checked or not, in argument order
  std::vector<Finding> findings;
  Severity fail_on = Severity::Error;
  bool fail_never = false;
  /// Findings limit_findings left out: how many per rule, in rule order, and per severity
  /// (all, and those neither waived nor in the baseline), so counts and the verdict stay whole.
  std::vector<std::pair<std::string, std::size_t>> omitted;
  int omitted_by_severity[3] = {0, 0, 0};
  int omitted_active_by_severity[3] = {0, 0, 0};
  [[nodiscard]] bool failed() const;
  /// Findings of this severity that count: neither waived nor in the baseline.
  [[nodiscard]] int count(Severity severity) const;
  [[nodiscard]] int waived() const;
  [[nodiscard]] int in_baseline() const;
  /// Whether a finding makes the run fail: at or above --fail-on, neither waived nor known.
  [[nodiscard]] bool fails(const Finding& finding) const;
  /// Every input error of every topology, in argument order.
  [[nodiscard]] std::vector<InputError> input_errors() const;
  /// The index in `checked` of the topology a finding belongs to (the one that read its file).
  [[nodiscard]] std::size_t topology_of(const Finding& finding) const;
  [[nodiscard]] std::size_t omitted_total() const;
};

/// Keeps the first kMaxFindingsPerRule findings of each rule and kMaxFindingsPerRun in all
/// (findings already sorted), counting the rest in `omitted`.
void limit_findings(CheckReport& report, std::size_t per_rule = kMaxFindingsPerRule,
                    std::size_t per_run = kMaxFindingsPerRun);
/// "… and 150000 more findings not shown (at most 100 per rule and 1000 per run): DA002 150000",
/// or "" when nothing was left out.
std::string omitted_note(const CheckReport& report);

struct TextStyle {
  bool color = false;
  bool quiet = false;
};

void write_text(const CheckReport& report, const TextStyle& style, std::ostream& out);
void write_json(const CheckReport& report, std::ostream& out);
void write_sarif(const CheckReport& report, const ProfileSet& profiles, std::ostream& out);
/// Links to rule pages are `docs/rules/ID.md`, relative to the repository, or
/// `<rule_docs_url>/ID.md` when a base is given.
/// `titles` gives a product's heading (name, title) where its profile declares one beside the
/// built-in products, as the report knows from the topology.
void write_markdown_findings(const CheckReport& report, std::ostream& out, const std::string& rule_docs_url = "",
                             const std::vector<std::pair<std::string, std::string>>& titles = {});
/// The base of absolute links to rule pages this binary was built with (the CMake option
/// DEPLOY_ADVISOR_RULE_DOCS_URL), as SARIF's helpUri uses it.
std::string built_rule_docs_url();
/// The link to a rule's page: relative when `rule_docs_url` is empty, else under it.
std::string rule_doc_link(std::string_view id, const std::string& rule_docs_url);
/// Product sections in the order every Markdown output uses: findings about the topology as
/// a whole ("general") first, then the products by name.
bool product_order(std::string_view a, std::string_view b);
void write_junit(const CheckReport& report, const ProfileSet& profiles, std::ostream& out);
void write_github(const CheckReport& report, std::ostream& out);
void write_gitlab(const CheckReport& report, std::ostream& out);
void write_checkstyle(const CheckReport& report, std::ostream& out);

/// Writes `report` in `format`: the one place that chooses a writer.
void write_check_report(OutputFormat format, const CheckReport& report, const ProfileSet& profiles,
                        const TextStyle& style, std::ostream& out);

/// "3 errors, 1 warning, no info", then ", 2 waived" and ", 1 in the baseline" when there are any.
std::string summary_counts(const CheckReport& report);

}  // namespace deploy_advisor

namespace deploy_advisor {

struct ProductPlan;
struct ProductSizing;

/// `plan --format text`: one aligned table per product, then the capacity figures.
void write_plan_text(const std::vector<ProductPlan>& plan, std::ostream& out);
/// `plan --format json`, as docs/cli.md shows.
void write_plan_json(const std::vector<ProductPlan>& plan, const std::vector<ProductSizing>& sizing,
                     std::ostream& out);

}  // namespace deploy_advisor
