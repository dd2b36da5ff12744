// GitHub Actions workflow commands: one annotation per finding and per input error.
//
// Severity mapping (also in docs/cli.md):
//   error -> ::error    warning -> ::warning    info -> ::notice
//   a waived or baselined finding -> ::notice (it never fails the run), titled as such.
#include <algorithm>

#include <fmt/format.h>

#include "deploy_advisor/format/format.hpp"
#include "format/escaping.hpp"

namespace deploy_advisor {

namespace {

const char* command_for(const Finding& finding) {
  if (finding.waived || finding.baseline) return "notice";
  switch (finding.severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "notice";
  }
  return "warning";
}

std::string escape_github(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
          out += "\xEF\xBF\xBD";
        else
          out += c;
    }
  }
  return out;
}

/// `file=…,line=…,col=…`; a location without a file gives no properties at all.
std::string position(const Location& at) {
  if (at.file == nullptr) return "";
  return fmt::format("file={},line={},col={}", escape_github_property(at.file_name()),
                     std::max<std::uint32_t>(at.line, 1), std::max<std::uint32_t>(at.column, 1));
}

std::string command(const char* name, const std::string& properties, const std::string& title,
                    const std::string& data) {
  std::string props = properties;
  if (!title.empty())
    props += (props.empty() ? "" : ",") + ("title=" + escape_github_property(title));
  return fmt::format("::{}{}{}::{}\n", name, props.empty() ? "" : " ", props,
                     escape_github_data(data));
}

}  // namespace

std::string escape_github_data(std::string_view text) { return escape_github(text, false); }
std::string escape_github_property(std::string_view text) { return escape_github(text, true); }

void write_github(const CheckReport& report, std::ostream& out) {
  for (const auto& e : report.input_errors())
    out << command("error", position(e.location), "deploy-advisor: input error", e.message);
  for (const auto& f : report.findings) {
    std::string title = fmt::format("{} {}", f.rule_id, f.rule_name);
    if (f.waived)
      title += " (waived)";
    else if (f.baseline)
      title += " (in the baseline)";
    std::string data = f.message;
    if (!f.fix.empty()) data += "\nfix: " + f.fix;
    data +=
        fmt::format("\nsee: {} (deploy-advisor explain {})", rule_doc_path(f.rule_id), f.rule_id);
    out << command(command_for(f), position(f.location), title, data);
  }
  // A plain line: the log shows it, and it holds no user text that could start a command.
  std::size_t unreadable = 0;
  for (const auto& t : report.checked) unreadable += t.errors.empty() ? 0 : 1;
  out << fmt::format("deploy-advisor: {} in {} {}: {}\n", summary_counts(report),
                     report.topologies.size(),
                     report.topologies.size() == 1 ? "topology" : "topologies",
                     unreadable > 0    ? fmt::format("{} could not be checked", unreadable)
                     : report.failed() ? "failed"
                                       : "passed");
}

}  // namespace deploy_advisor
