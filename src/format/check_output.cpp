#include "deploy_advisor/format/format.hpp"

namespace deploy_advisor {

void write_check_report(OutputFormat format, const CheckReport& report, const ProfileSet& profiles,
                        const TextStyle& style, std::ostream& out) {
  switch (format) {
    case OutputFormat::Text:
      write_text(report, style, out);
      return;
    case OutputFormat::Json:
      write_json(report, out);
      return;
    case OutputFormat::Sarif:
      write_sarif(report, profiles, out);
      return;
    case OutputFormat::Markdown:
      write_markdown_findings(report, out);
      return;
    case OutputFormat::Junit:
      write_junit(report, profiles, out);
      return;
    case OutputFormat::Github:
      write_github(report, out);
      return;
    case OutputFormat::Gitlab:
      write_gitlab(report, out);
      return;
    case OutputFormat::Checkstyle:
      write_checkstyle(report, out);
      return;
  }
}

}  // namespace deploy_advisor
