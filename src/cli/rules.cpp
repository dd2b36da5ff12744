#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace deploy_advisor::cli {

int run_rules(Context& context, const std::string& format) {
  ProfileSet profiles = load_profiles(context);
  auto rules = profiles.rules();
  std::string text;
  if (format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Rule* r : rules)
      list.push_back({{"id", r->id},
                      {"name", r->name},
                      {"severity", to_string(r->severity)},
                      {"product", r->product},
                      {"production_only", r->production_only},
                      {"title", r->title},
                      {"doc", rule_doc_path(r->id)}});
    text = nlohmann::ordered_json{{"rules", list}}.dump(2) + "\n";
  } else {
    std::size_t name_width = 4;
    for (const Rule* r : rules) name_width = std::max(name_width, r->name.size());
    text += fmt::format("{:<6} {:<{}} {:<8} {:<9} {}\n", "ID", "NAME", name_width, "SEVERITY",
                        "PRODUCT", "TITLE");
    for (const Rule* r : rules)
      text += fmt::format("{:<6} {:<{}} {:<8} {:<9} {}\n", r->id, r->name, name_width,
                          to_string(r->severity), r->product, r->title);
  }
  return emit(context, text) ? 0 : static_cast<int>(ExitStatus::InputError);
}

}  // namespace deploy_advisor::cli
