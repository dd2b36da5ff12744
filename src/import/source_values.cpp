#include "import/source_values.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

namespace deploy_advisor::import_detail {

const Node* at_path(const Node& root, std::initializer_list<std::string_view> keys) {
  const Node* node = &root;
  for (std::string_view key : keys) {
    node = node->find(key);
    if (node == nullptr) return nullptr;
  }
  return node;
}

std::optional<std::string> text_of(const Node* node) {
  if (node == nullptr || !node->is_scalar()) return std::nullopt;
  return node->text();
}

bool is_true(const Node* node) {
  auto text = text_of(node);
  return text && (*text == "true" || *text == "True" || *text == "TRUE" || *text == "yes" ||
                  *text == "Yes" || *text == "on");
}

bool is_false(const Node* node) {
  auto text = text_of(node);
  return text && (*text == "false" || *text == "False" || *text == "FALSE" || *text == "no" ||
                  *text == "No" || *text == "off");
}

namespace {

std::optional<double> leading_number(std::string_view text, std::string_view& rest) {
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || !std::isfinite(value) || value < 0) return std::nullopt;
  rest = text.substr(static_cast<std::size_t>(ptr - begin));
  return value;
}

}  // namespace

std::optional<double> cpu_cores(std::string_view text) {
  std::string_view unit;
  auto value = leading_number(text, unit);
  if (!value) return std::nullopt;
  if (unit.empty()) return value;
  if (unit == "m") return *value / 1000.0;
  return std::nullopt;
}

std::optional<double> size_gb(std::string_view text) {
  std::string_view unit;
  auto value = leading_number(text, unit);
  if (!value) return std::nullopt;
  struct Unit {
    std::string_view suffix;
    double gb;
  };
  static constexpr std::array<Unit, 22> kUnits{{
      {"", 1.0 / (1u << 30)}, {"b", 1.0 / (1u << 30)},
      {"Ki", 1.0 / (1u << 20)}, {"Mi", 1.0 / (1u << 10)}, {"Gi", 1.0}, {"Ti", 1024.0},
      {"K", 1e3 / (1u << 30)}, {"M", 1e6 / (1u << 30)}, {"G", 1e9 / (1u << 30)}, {"T", 1e12 / (1u << 30)},
      {"k", 1.0 / (1u << 20)}, {"kb", 1.0 / (1u << 20)}, {"m", 1.0 / (1u << 10)}, {"mb", 1.0 / (1u << 10)},
      {"g", 1.0}, {"gb", 1.0}, {"KB", 1.0 / (1u << 20)}, {"MB", 1.0 / (1u << 10)}, {"GB", 1.0},
      {"Gb", 1.0}, {"Mb", 1.0 / (1u << 10)}, {"TB", 1024.0},
  }};
  for (const auto& u : kUnits)
    if (unit == u.suffix) return *value * u.gb;
  return std::nullopt;
}

std::string number_text(double value) {
  std::string text = fmt::format("{:.3f}", value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

ImageRef parse_image(std::string_view reference) {
  ImageRef image;
  std::string_view ref = reference;
  if (auto at = ref.find('@'); at != std::string_view::npos) ref = ref.substr(0, at);
  std::string_view path = ref;
  // The tag follows the last ':' after the last '/' (a registry may have a port).
  const auto slash = ref.rfind('/');
  const auto colon = ref.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    path = ref.substr(0, colon);
    std::string_view tag = ref.substr(colon + 1);
    if (tag.find('$') == std::string_view::npos) image.tag = std::string(tag);
  }
  // A first segment with '.' or ':' (or localhost) names a registry.
  if (auto first = path.find('/'); first != std::string_view::npos) {
    std::string_view head = path.substr(0, first);
    if (head.find('.') != std::string_view::npos || head.find(':') != std::string_view::npos ||
        head == "localhost")
      path = path.substr(first + 1);
  }
  if (path.starts_with("library/")) path.remove_prefix(8);
  image.repository = std::string(path);
  const auto last = path.rfind('/');
  image.name = std::string(last == std::string_view::npos ? path : path.substr(last + 1));
  return image;
}

std::string relative_to(const std::string& path, const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path base = folder.empty() ? fs::path(".") : fs::path(folder);
  fs::path rel = fs::proximate(fs::path(path), base, ec);
  if (ec) return path;
  return rel.generic_string();
}

bool is_secret_name(std::string_view product, std::string_view name) {
  static constexpr std::array<std::string_view, 9> kParts{
      "PASSWORD", "PASSWD", "PSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "LICENSE", "CREDENTIAL"};
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (auto part : kParts)
    if (upper.find(part) != std::string::npos) return true;
  // Tracardi's profile-merging key signs merge requests.
  return product == "tracardi" && upper == "AUTO_PROFILE_MERGING";
}

bool may_copy_secret_value(std::string_view product, std::string_view name, std::string_view value) {
  if (value.empty() || value.starts_with("${") || (value.starts_with("$") && value.size() > 1))
    return true;
  return product == "tracardi" && name == "INSTALLATION_TOKEN" && value == "tracardi";
}

std::optional<Sourced> count_value(const Node* node, std::string why) {
  if (node == nullptr || !node->is_scalar() || scalar_type(*node) != ScalarType::Integer) return std::nullopt;
  const double value = scalar_number(*node);
  if (!(value >= 0 && value <= 1e6)) return std::nullopt;
  return plain_value(number_text(value), node->location(), std::move(why));
}

void read_k8s_resources(const Node* resources, Component& component) {
  if (resources == nullptr || !resources->is_mapping()) return;
  for (const char* key : {"cpu", "memory"}) {
    const Node* value = at_path(*resources, {"limits", key});
    std::string from = std::string("limits.") + key;
    if (value == nullptr) {
      value = at_path(*resources, {"requests", key});
      from = std::string("requests.") + key;
    }
    auto text = text_of(value);
    if (!text) continue;
    const bool is_cpu = std::string_view(key) == "cpu";
    auto amount = is_cpu ? cpu_cores(*text) : size_gb(*text);
    if (!amount || *amount <= 0) continue;
    component.resources.set(is_cpu ? "cpu" : "memory_gb",
                            plain_value(number_text(*amount), value->location(), from + " " + *text));
  }
}

}  // namespace deploy_advisor::import_detail
