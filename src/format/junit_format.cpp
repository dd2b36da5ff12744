// JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).
//
// One <testsuite> per topology; in it one <testcase> per rule and component:
//   - a rule with findings gives one test case per component it found something in;
//   - an evaluated rule with no finding gives one passing test case;
//   - a rule that runs only in production, on a topology that is not, is a <skipped> case.
// Severity mapping (also in docs/cli.md): a test case fails (<failure>) when one of its
// findings is at or above --fail-on and is neither waived nor in the baseline; findings below
// that, waived or baselined pass and are listed in <system-out>. A topology that could not be
// read or checked has one test case with an <error> holding its located input errors.
#include <map>

#include <fmt/format.h>

#include "deploy_advisor/format/format.hpp"
#include "format/escaping.hpp"

namespace deploy_advisor {

namespace {

struct TestCase {
  std::string name;
  std::vector<const Finding*> findings;
  std::string skipped;  // the reason, or "" when it ran
  std::string error;    // input errors, or ""
};

struct Suite {
  std::string name;
  std::vector<TestCase> cases;
  int counts[3] = {0, 0, 0};  // findings by Severity
};

std::string finding_line(const Finding& f) {
  std::string line =
      fmt::format("{}: {}: {}", to_string(f.location), to_string(f.severity), f.message);
  if (f.waived)
    line += " (waived)";
  else if (f.baseline)
    line += " (in the baseline)";
  if (!f.fix.empty()) line += "\n  fix: " + f.fix;
  line +=
      fmt::format("\n  see: {} (deploy-advisor explain {})", rule_doc_path(f.rule_id), f.rule_id);
  return line;
}

Suite build_suite(const CheckReport& report, std::size_t index, const ProfileSet& profiles) {
  const CheckedTopology& topology = report.checked[index];
  Suite suite{topology.path, {}, {}};
  if (!topology.errors.empty()) {
    TestCase input{"read and check the topology", {}, {}, {}};
    for (const auto& e : topology.errors) input.error += format_input_error(e) + "\n";
    suite.cases.push_back(std::move(input));
    return suite;
  }
  // Keyed by rule id, then component, so the cases come out in a stable order.
  std::map<std::string, std::map<std::string, std::vector<const Finding*>>> found;
  for (const auto& f : report.findings) {
    if (report.topology_of(f) != index) continue;
    found[f.rule_id][f.component].push_back(&f);
    ++suite.counts[static_cast<int>(f.severity)];
  }
  for (const auto& id : topology.rules_evaluated) found.try_emplace(id);
  for (const auto& [id, components] : found) {
    const Rule* rule = profiles.find_rule(id);
    std::string title = rule ? fmt::format("{} {}", id, rule->name) : id;
    if (components.empty()) suite.cases.push_back({title, {}, {}, {}});
    for (const auto& [component, findings] : components)
      suite.cases.push_back(
          {component.empty() ? title : fmt::format("{} ({})", title, component), findings, {}, {}});
  }
  for (const auto& [id, why] : topology.rules_skipped) {
    const Rule* rule = profiles.find_rule(id);
    suite.cases.push_back({rule ? fmt::format("{} {}", id, rule->name) : id, {}, why, {}});
  }
  return suite;
}

}  // namespace

void write_junit(const CheckReport& report, const ProfileSet& profiles, std::ostream& out) {
  std::vector<Suite> suites;
  for (std::size_t i = 0; i < report.checked.size(); ++i)
    suites.push_back(build_suite(report, i, profiles));

  auto fails = [&](const TestCase& c) {
    for (const Finding* f : c.findings)
      if (report.fails(*f)) return true;
    return false;
  };
  struct Totals {
    std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  };
  auto totals_of = [&](const Suite& s) {
    Totals t;
    for (const auto& c : s.cases) {
      ++t.tests;
      if (!c.error.empty())
        ++t.errors;
      else if (!c.skipped.empty())
        ++t.skipped;
      else if (fails(c))
        ++t.failures;
    }
    return t;
  };
  Totals all;
  for (const auto& s : suites) {
    Totals t = totals_of(s);
    all.tests += t.tests, all.failures += t.failures, all.errors += t.errors,
        all.skipped += t.skipped;
  }

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format(
      "<testsuites name=\"deploy-advisor\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
      "skipped=\"{}\">\n",
      all.tests, all.failures, all.errors, all.skipped);
  for (const auto& s : suites) {
    Totals t = totals_of(s);
    std::string name = escape_xml(s.name);
    out << fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
        name, t.tests, t.failures, t.errors, t.skipped);
    out << "    <properties>\n";
    out << fmt::format("      <property name=\"fail-on\" value=\"{}\"/>\n",
                       report.fail_never ? "never" : std::string(to_string(report.fail_on)));
    for (Severity severity : {Severity::Error, Severity::Warning, Severity::Info})
      out << fmt::format("      <property name=\"findings.{}\" value=\"{}\"/>\n",
                         to_string(severity), s.counts[static_cast<int>(severity)]);
    out << "    </properties>\n";
    for (const auto& c : s.cases) {
      out << fmt::format("    <testcase name=\"{}\" classname=\"{}\"", escape_xml(c.name), name);
      if (!c.findings.empty())
        out << fmt::format(" file=\"{}\" line=\"{}\"",
                           escape_xml(c.findings.front()->location.file_name()),
                           c.findings.front()->location.line);
      if (c.findings.empty() && c.skipped.empty() && c.error.empty()) {
        out << "/>\n";
        continue;
      }
      out << ">\n";
      if (!c.error.empty()) {
        out << fmt::format("      <error type=\"input\" message=\"{}\">{}</error>\n",
                           escape_xml(c.error.substr(0, c.error.find('\n'))), escape_xml(c.error));
      } else if (!c.skipped.empty()) {
        out << fmt::format("      <skipped message=\"{}\"/>\n", escape_xml(c.skipped));
      } else {
        std::string lines;
        for (const Finding* f : c.findings) lines += finding_line(*f) + "\n";
        if (fails(c)) {
          const Finding& first = *c.findings.front();
          out << fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                             to_string(first.severity), escape_xml(first.message),
                             escape_xml(lines));
        } else {
          out << fmt::format("      <system-out>{}</system-out>\n", escape_xml(lines));
        }
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace deploy_advisor
