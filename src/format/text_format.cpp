#include <fmt/format.h>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/format/format.hpp"

namespace deploy_advisor {

namespace {

std::string paint(const std::string& text, const char* code, bool color) {
  return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
}

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Error:
      return "1;31";
    case Severity::Warning:
      return "1;33";
    case Severity::Info:
      return "1;36";
  }
  return "0";
}

}  // namespace

void write_text(const CheckReport& report, const TextStyle& style, std::ostream& out) {
  std::string_view current_file;
  bool first = true;
  for (const auto& f : report.findings) {
    if (!first && f.location.file_name() != current_file && !style.quiet) out << "\n";
    first = false;
    current_file = f.location.file_name();
    // An accepted finding does not say `error:`, so that nothing scanning for it fails the build.
    // Every value from the input goes through printable: a component name cannot move the
    // cursor, retitle the terminal or start a line of its own (`::error file=…::`).
    std::string label = f.waived ? paint("waived", "1;32", style.color)
                        : f.baseline ? paint("baseline", "1;32", style.color)
                                     : paint(std::string(to_string(f.severity)), severity_color(f.severity), style.color);
    out << paint(printable(to_string(f.location)), "1", style.color) << ": " << label << ": "
        << printable(f.message) << " [" << printable(f.rule_id) << " " << printable(f.rule_name) << "]\n";
    if (style.quiet) continue;
    if (f.waived)
      out << fmt::format("  waived ({} {}{}): {}\n", to_string(f.severity),
                         f.waiver.source == WaiverNote::Source::Inline ? "by a comment" : "in the configuration",
                         f.waiver.until.empty() ? "" : ", until " + printable(f.waiver.until), printable(f.waiver.reason));
    else if (f.baseline)
      out << fmt::format("  known ({}): recorded in the baseline\n", to_string(f.severity));
    if (!f.fix.empty()) out << "  fix: " << printable(f.fix) << "\n";
    out << "  see: " << rule_doc_path(f.rule_id) << " (deploy-advisor explain " << f.rule_id << ")\n";
  }
  if (!report.omitted.empty()) out << (style.quiet ? "" : "\n") << omitted_note(report) << "\n";
  if (style.quiet) return;
  if (!report.findings.empty()) out << "\n";
  std::size_t files = report.topologies.size();
  std::size_t unchecked = 0;
  for (const auto& t : report.checked) unchecked += t.errors.empty() ? 0 : 1;
  std::string verdict = unchecked > 0  ? paint(fmt::format("{} could not be checked (see the errors)", unchecked),
                                               "1;31", style.color)
                        : report.failed() ? paint("failed", "1;31", style.color)
                                          : paint("passed", "1;32", style.color);
  out << fmt::format("{} in {} {}: {}\n", summary_counts(report), files,
                     files == 1 ? "topology" : "topologies", verdict);
}

}  // namespace deploy_advisor
