// Checkstyle XML, for Jenkins (Warnings Next Generation) and other tools that read it.
//
// Severity mapping (also in docs/cli.md):
//   error -> error    warning -> warning    info -> info
//   a waived or baselined finding -> ignore (it never fails the run)
//   an input error -> error, source deploy-advisor.input
// One <file> per file with findings or errors, in file-name order; inside, by line and column.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "deploy_advisor/format/format.hpp"
#include "format/escaping.hpp"

namespace deploy_advisor {

namespace {

struct Entry {
  Location at;
  std::string severity;
  std::string message;
  std::string source;
};

std::string checkstyle_severity(const Finding& finding) {
  if (finding.waived || finding.baseline) return "ignore";
  switch (finding.severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "warning";
}

}  // namespace

void write_checkstyle(const CheckReport& report, std::ostream& out) {
  std::map<std::string, std::vector<Entry>> files;
  for (const auto& e : report.input_errors())
    files[std::string(e.location.file_name())].push_back(
        {e.location, "error", e.message, "deploy-advisor.input"});
  for (const auto& f : report.findings) {
    std::string message = fmt::format("{} [{} {}]", f.message, f.rule_id, f.rule_name);
    if (f.waived)
      message += " (waived)";
    else if (f.baseline)
      message += " (in the baseline)";
    files[std::string(f.location.file_name())].push_back(
        {f.location, checkstyle_severity(f), message, "deploy-advisor." + f.rule_id});
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (auto& [name, entries] : files) {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return location_less(a.at, b.at); });
    out << fmt::format("  <file name=\"{}\">\n", escape_xml(name));
    for (const auto& e : entries)
      out << fmt::format(
          "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
          std::max<std::uint32_t>(e.at.line, 1), std::max<std::uint32_t>(e.at.column, 1),
          e.severity, escape_xml(e.message), escape_xml(e.source));
    out << "  </file>\n";
  }
  out << "</checkstyle>\n";
}

}  // namespace deploy_advisor
