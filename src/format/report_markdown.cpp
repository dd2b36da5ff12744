#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "deploy_advisor/format/report.hpp"
#include "format/markdown_text.hpp"

namespace deploy_advisor {

namespace {

std::string figure(std::optional<double> v) { return v ? display(Value::number(*v)) : "–"; }

/// How a figure came about, for a reader: its explanation (the inputs in words and numbers),
/// never the rule language of its formula.
std::string how(const Figure& f) {
  if (!f.explanation.empty()) return f.explanation;
  static const std::regex number(R"(\s*-?[0-9]+(\.[0-9]+)?\s*)");
  if (std::regex_match(f.formula, number)) return "a fixed minimum";
  return "computed by the profile (its figure gives no explanation; see the basis)";
}

/// The traffic keys the product's computed figures read (`volume.KEY`, `traffic.KEY`). A figure
/// built on another (`sizing.NAME`) needs no walk: that figure is in the list with its inputs.
std::set<std::string> traffic_used(const ProductSizing& s) {
  static const std::regex input(R"(\b(?:volume|traffic)\.([A-Za-z_][A-Za-z0-9_]*))");
  std::set<std::string> used;
  for (const auto& f : s.figures)
    for (std::sregex_iterator it(f.formula.begin(), f.formula.end(), input), end; it != end; ++it)
      used.insert((*it)[1].str());
  return used;
}

/// How far a finding's setting is from its target, as a share of the target (0 to 1): a
/// missing replica weighs more than a setting without a number (a log level), which weighs 0.
double gap(const Finding& f, const LoadedTopology& t) {
  if (!f.target || !f.target->value.is_number()) return 0;
  double target = f.target->value.as_number();
  if (target <= 0) return 0;
  // products.<product>.components.<name>.<key…>
  const std::string& path = f.target->path;
  std::string prefix = "products." + f.product + ".components." + f.component + ".";
  std::optional<double> current;
  if (!f.component.empty() && path.rfind(prefix, 0) == 0) {
    for (const auto& p : t.products) {
      if (p.name != f.product) continue;
      for (const auto& c : p.components.as_list()) {
        if (c.get("name").as_string() != f.component) continue;
        Value v = c;
        std::string rest = path.substr(prefix.size());
        for (std::size_t start = 0;;) {
          auto dot = rest.find('.', start);
          v = v.get(rest.substr(start, dot == std::string::npos ? dot : dot - start));
          if (dot == std::string::npos) break;
          start = dot + 1;
        }
        if (v.is_number()) current = v.as_number();
        else if (rest == "replicas") current = 1;  // topology v1 default
      }
    }
  }
  if (!current) return 1;  // unset: the whole target is missing
  return std::clamp((target - *current) / target, 0.0, 1.0);
}

/// The product's title as its profile declares it (a --profiles product too), for Markdown.
std::string product_heading(const LoadedTopology& topology, const std::string& product) {
  for (const auto& p : topology.products)
    if (p.name == product && p.spec) return markdown_cell(p.spec->title);
  return markdown_title(product);
}

void header(const ReportInput& in, std::ostream& out) {
  const LoadedTopology& t = *in.topology;
  out << fmt::format("# Deployment review: {}\n\n", markdown_cell(t.name));
  out << "| | |\n|---|---|\n";
  out << fmt::format("| environment | {} |\n", markdown_cell(t.environment));
  if (!in.date.empty()) out << fmt::format("| date | {} |\n", markdown_cell(in.date));
  out << fmt::format("| tool | deploy-advisor {} |\n", DEPLOY_ADVISOR_VERSION);
  std::string products;
  for (const auto& p : t.products) products += (products.empty() ? "" : ", ") + product_heading(t, p.name);
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
  // By severity, then by how far the setting is from its target (a missing replica before a
  // log level), then in the order of the findings (file, line, column, rule).
  std::vector<std::pair<const Finding*, double>> ranked;
  for (const auto& f : check.findings)
    if (!f.waived && !f.baseline) ranked.emplace_back(&f, gap(f, *in.topology));
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.first->severity != b.first->severity) return a.first->severity > b.first->severity;
    return a.second > b.second;
  });
  if (ranked.size() > 3) ranked.resize(3);
  std::vector<const Finding*> top;
  for (const auto& [f, g] : ranked) top.push_back(f);
  if (top.empty()) {
    out << "No findings: the topology follows every applicable recommendation.\n\n";
    return;
  }
  out << "Most important:\n\n";
  for (const Finding* f : top)
    out << fmt::format("1. **{}** [{}]({}): {}.\n", to_string(f->severity), markdown_cell(f->rule_id),
                       rule_doc_link(f->rule_id, in.rule_docs_url), markdown_cell(f->message));
  out << "\n";
}

void layout(const ReportInput& in, std::ostream& out) {
  out << "## Recommended layout\n\n";
  out << "Rows marked **▲** differ from the topology: more replicas or resources, or a component "
         "to add.\n";
  for (const auto& p : *in.plan) {
    out << fmt::format("\n### {}\n\n", product_heading(*in.topology, p.product));
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
          basis += (basis.empty() ? "" : "; ") + f->title + ": " + how(*f) + " (" + f->basis + ")";
        if (cp.to_add && !cp.added_for.empty()) basis = "added for " + cp.added_for + (basis.empty() ? "" : "; " + basis);
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
                           markdown_cell(f->unit), markdown_cell(how(*f)),
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
      out << fmt::format("| {} | {} | {}{} | {} | {} |\n", product_heading(*in.topology, s.product), markdown_code(a.name),
                         display(Value::number(a.value)), a.unit.empty() ? "" : " " + markdown_cell(a.unit),
                         a.overridden ? fmt::format("**overridden** at {}", markdown_code(to_string(a.location))) : "default",
                         markdown_cell(a.basis));
  }
  if (!any) out << "No sizing assumptions apply to these products.\n";
  out << "\n";
}

void traffic(const ReportInput& in, std::ostream& out) {
  out << "## Traffic\n\n";
  out << "The declared inputs the sizing used; `growth` multiplies the volumes before sizing.\n\n";
  bool any = false;
  for (const auto& s : *in.sizing) {
    std::set<std::string> used = traffic_used(s);
    for (const auto& [k, v] : s.traffic.as_map()) {
      // `growth` is in the "after growth" column of every row, not a row of its own.
      if (!used.count(k) || k == "growth") continue;
      if (!any) out << "| product | input | declared | after growth |\n|---|---|---|---|\n";
      any = true;
      out << fmt::format("| {} | {} | {} | {} |\n", product_heading(*in.topology, s.product), markdown_code(k), markdown_cell(display(v)),
                         display(s.volume.get(k)));
    }
  }
  if (!any) out << "No declared traffic input was used by the sizing.\n";
}

/// The products in the documented order (product_order), in every section.
template <typename T, typename Name>
std::vector<T> in_product_order(const std::vector<T>& items, Name name) {
  std::vector<T> sorted = items;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const T& a, const T& b) { return product_order(name(a), name(b)); });
  return sorted;
}

}  // namespace

void write_report(const ReportInput& input, std::ostream& out) {
  // Every section lists the products in one order, whatever order the topology wrote them in.
  LoadedTopology topology = *input.topology;
  topology.products = in_product_order(topology.products, [](const LoadedProduct& p) { return p.name; });
  std::vector<ProductSizing> sizing = in_product_order(*input.sizing, [](const ProductSizing& p) { return p.product; });
  std::vector<ProductPlan> plan = in_product_order(*input.plan, [](const ProductPlan& p) { return p.product; });
  ReportInput in = input;
  in.topology = &topology;
  in.sizing = &sizing;
  in.plan = &plan;
  header(in, out);
  verdict(in, out);
  layout(in, out);
  diagram(in, out);
  std::vector<std::pair<std::string, std::string>> titles;
  for (const auto& p : in.topology->products)
    if (p.spec) titles.emplace_back(p.name, p.spec->title);
  write_markdown_findings(*in.check, out, in.rule_docs_url, titles);
  out << "\n";
  assumptions(in, out);
  traffic(in, out);
}

}  // namespace deploy_advisor
