#include <algorithm>

#include <fmt/format.h>

#include "deploy_advisor/report.hpp"
#include "format/markdown_text.hpp"

namespace deploy_advisor {

namespace {

std::string figure(std::optional<double> v) { return v ? display(Value::number(*v)) : "–"; }

void header(const ReportInput& in, std::ostream& out) {
  const LoadedTopology& t = *in.topology;
  out << fmt::format("# Deployment review: {}\n\n", markdown_cell(t.name));
  out << "| | |\n|---|---|\n";
  out << fmt::format("| environment | {} |\n", markdown_cell(t.environment));
  if (!in.date.empty()) out << fmt::format("| date | {} |\n", markdown_cell(in.date));
  out << fmt::format("| tool | deploy-advisor {} |\n", DEPLOY_ADVISOR_VERSION);
  std::string products;
  for (const auto& p : t.products) products += (products.empty() ? "" : ", ") + markdown_title(p.name);
  out << fmt::format("| products | {} |\n", products);
  std::string files;
  for (const auto& f : t.input_files) files += (files.empty() ? "" : "<br>") + markdown_code(f);
  out << fmt::format("| input files | {} |\n\n", files);
}

void verdict(const ReportInput& in, std::ostream& out) {
  const CheckReport& check = *in.check;
  out << "## Verdict\n\n";
  out << fmt::format("**{}** under `--fail-on {}`: {}.\n\n", check.failed() ? "Fail" : "Pass",
                     check.fail_never ? "never" : std::string(to_string(check.fail_on)),
                     summary_counts(check));
  std::vector<const Finding*> top;
  for (const auto& f : check.findings) top.push_back(&f);
  std::stable_sort(top.begin(), top.end(),
                   [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
  if (top.size() > 3) top.resize(3);
  if (top.empty()) {
    out << "No findings: the topology follows every applicable recommendation.\n\n";
    return;
  }
  out << "Most important:\n\n";
  for (const Finding* f : top)
    out << fmt::format("1. **{}** [{}]({}): {}.\n", to_string(f->severity), markdown_cell(f->rule_id),
                       rule_doc_path(f->rule_id), markdown_cell(f->message));
  out << "\n";
}

void layout(const ReportInput& in, std::ostream& out) {
  out << "## Recommended layout\n\n";
  out << "Rows marked **▲** differ from the topology: more replicas or resources, or a component "
         "to add.\n";
  for (const auto& p : *in.plan) {
    out << fmt::format("\n### {}\n\n", markdown_title(p.product));
    if (p.components.empty() && p.capacity.empty()) {
      out << "No components declared.\n";
      continue;
    }
    if (!p.components.empty()) {
      out << "| | component | role | replicas now | recommended | resources (cpu / memory GB / disk GB) | basis |\n";
      out << "|---|---|---|---|---|---|---|\n";
      for (const auto& cp : p.components) {
        const auto* r = cp.setting("replicas");
        std::string resources;
        for (const char* key : {"cpu", "memory_gb", "disk_gb"}) {
          const auto* s = cp.setting(key);
          std::string v = !s ? "–"
                          : (s->recommended && (!s->current || *s->recommended > *s->current))
                              ? figure(s->current) + " → **" + figure(s->recommended) + "**"
                              : figure(s->current);
          resources += (resources.empty() ? "" : " / ") + v;
        }
        std::string basis;
        for (const Figure* f : cp.figures)
          basis += (basis.empty() ? "" : "; ") + f->title + (f->explanation.empty() ? "" : " " + f->explanation) +
                   " (" + f->basis + ")";
        std::string recommended =
            r && r->recommended ? figure(std::max(r->recommended.value_or(0), r->current.value_or(0))) : "–";
        out << fmt::format("| {} | {}{} | {} | {} | {} | {} | {} |\n", cp.changed() ? "**▲**" : "",
                           markdown_cell(cp.name), cp.to_add ? " *(add)*" : "", markdown_cell(cp.role),
                           cp.to_add ? "–" : figure(r ? r->current : std::nullopt), recommended, resources,
                           markdown_cell(basis.empty() ? "–" : basis));
      }
    }
    if (!p.capacity.empty()) {
      out << "\n| storage and capacity | value | how | basis |\n|---|---|---|---|\n";
      for (const Figure* f : p.capacity)
        out << fmt::format("| {} | {} {} | {} | {} |\n", markdown_cell(f->title), display(Value::number(f->value)),
                           markdown_cell(f->unit), markdown_cell(f->explanation.empty() ? f->formula : f->explanation),
                           markdown_cell(f->basis));
    }
    if (!p.missing_inputs.empty()) {
      std::string keys;
      for (const auto& k : p.missing_inputs) keys += (keys.empty() ? "" : ", ") + markdown_code(k);
      out << fmt::format("\nNot sized: the traffic inputs {} are not declared.\n", keys);
    }
  }
  out << "\n";
}

void diagram(const ReportInput& in, std::ostream& out) {
  out << "## Layout diagram\n\n";
  out << "Components with a warning or an error are marked ⚠ and outlined in red.\n\n";
  out << "```mermaid\n" << layout_flowchart(*in.topology, in.check->findings) << "```\n\n";
}

void assumptions(const ReportInput& in, std::ostream& out) {
  out << "## Assumptions\n\n";
  bool any = false;
  for (const auto& s : *in.sizing) {
    if (s.assumptions.empty()) continue;
    if (!any) out << "| product | assumption | value | | source |\n|---|---|---|---|---|\n";
    any = true;
    for (const auto& a : s.assumptions)
      out << fmt::format("| {} | {} | {}{} | {} | {} |\n", markdown_title(s.product), markdown_code(a.name),
                         display(Value::number(a.value)), a.unit.empty() ? "" : " " + markdown_cell(a.unit),
                         a.overridden ? fmt::format("**overridden** at {}", markdown_code(to_string(a.location))) : "default",
                         markdown_cell(a.basis));
  }
  if (!any) out << "No sizing assumptions apply to these products.\n";
  out << "\n";
}

void traffic(const ReportInput& in, std::ostream& out) {
  out << "## Traffic\n\n";
  bool any = false;
  for (const auto& s : *in.sizing) {
    if (s.traffic.as_map().empty()) continue;
    if (!any) out << "| product | input | declared | after growth |\n|---|---|---|---|\n";
    any = true;
    for (const auto& [k, v] : s.traffic.as_map())
      out << fmt::format("| {} | {} | {} | {} |\n", markdown_title(s.product), markdown_code(k), markdown_cell(display(v)),
                         display(s.volume.get(k)));
  }
  if (!any) out << "No traffic declared.\n";
}

}  // namespace

void write_report(const ReportInput& in, std::ostream& out) {
  header(in, out);
  verdict(in, out);
  layout(in, out);
  diagram(in, out);
  write_markdown_findings(*in.check, out);
  out << "\n";
  assumptions(in, out);
  traffic(in, out);
}

}  // namespace deploy_advisor
