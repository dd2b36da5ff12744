#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "deploy_advisor/finding.hpp"
#include "deploy_advisor/profile.hpp"

namespace deploy_advisor {

/// Formats of `check`. Chosen with a switch and no default, so a new format must be handled
/// everywhere.
enum class OutputFormat { Text, Json, Sarif, Markdown };

/// Parses a --format value; false for an unknown one.
bool parse_output_format(const std::string& text, OutputFormat* out);

/// What one `check` run found, over every topology given.
struct CheckReport {
  std::vector<std::string> topologies;
  std::vector<Finding> findings;
  Severity fail_on = Severity::Error;
  bool fail_never = false;
  [[nodiscard]] bool failed() const;
  /// Findings of this severity that count: neither waived nor in the baseline.
  [[nodiscard]] int count(Severity severity) const;
  [[nodiscard]] int waived() const;
  [[nodiscard]] int in_baseline() const;
};

struct TextStyle {
  bool color = false;
  bool quiet = false;
};

void write_text(const CheckReport& report, const TextStyle& style, std::ostream& out);
void write_json(const CheckReport& report, std::ostream& out);
void write_sarif(const CheckReport& report, const ProfileSet& profiles, std::ostream& out);
void write_markdown_findings(const CheckReport& report, std::ostream& out);

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
