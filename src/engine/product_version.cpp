#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "deploy_advisor/engine/engine.hpp"

namespace deploy_advisor {

std::optional<std::vector<long>> parse_version(std::string_view text) {
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  if (auto cut = text.find_first_of("-+"); cut != std::string_view::npos) text = text.substr(0, cut);
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::vector<long> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('.', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    if (part.empty() || part.size() > 9) return std::nullopt;
    if (part == "x" || part == "X") {
      if (parts.empty()) return std::nullopt;  // "x.1" is no version
      parts.push_back(0);
    } else {
      if (!std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
      parts.push_back(std::stol(std::string(part)));
    }
    start = end + 1;
  }
  while (parts.size() < 3) parts.push_back(0);
  return parts;
}

bool version_in_range(std::string_view version, std::string_view since, std::string_view until) {
  auto v = parse_version(version);
  if (!v) return until.empty();
  if (auto s = parse_version(since); s && *v < *s) return false;
  if (auto u = parse_version(until); u && !(*v < *u)) return false;
  return true;
}

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// The tag of an image reference whose repository names the product, when it is a version.
std::optional<std::string> version_tag(const std::string& image, const std::string& product) {
  std::string::size_type slash = image.rfind('/');
  std::string::size_type colon = image.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return std::nullopt;
  std::string repository = lower(image.substr(0, colon));
  // cortexlabs/operator names Cortex only through its organisation
  if (repository.find(product) == std::string::npos) return std::nullopt;
  std::string tag = image.substr(colon + 1);
  if (auto at = tag.find('@'); at != std::string::npos) tag = tag.substr(0, at);
  if (!parse_version(tag)) return std::nullopt;
  if (tag.front() == 'v' || tag.front() == 'V') tag.erase(0, 1);
  return tag;
}

void collect_images(const Value& value, std::vector<std::string>& images, int depth) {
  if (depth > 8) return;
  if (value.is_map()) {
    for (const auto& [k, v] : value.as_map()) {
      if (v.is_string() && (k == "image" || k.starts_with("image_"))) images.push_back(v.as_string());
      else collect_images(v, images, depth + 1);
    }
  } else if (value.is_list()) {
    for (const auto& v : value.as_list()) collect_images(v, images, depth + 1);
  }
}

}  // namespace

ProductVersion product_version(const LoadedProduct& product) {
  const Value declared = product.section.get("version");
  if (declared.is_string() || declared.is_number()) {
    std::string text = declared.is_string() ? declared.as_string() : display(declared);
    if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.erase(0, 1);
    return {text, "version: " + text};
  }
  std::vector<std::string> images;
  collect_images(product.components, images, 0);
  collect_images(product.cluster, images, 0);
  for (const auto& image : images)
    if (auto tag = version_tag(image, product.name)) return {*tag, "image " + image};
  return {};
}

Value versioned_defaults(const ProfileSet& profiles, const LoadedProduct& product,
                         const ProductVersion& version) {
  Value::Map chosen;
  for (const auto& profile : profiles.profiles()) {
    if (profile.product != product.name && profile.product != "general") continue;
    for (const auto& d : profile.defaults) {
      if (!version_in_range(version.number, d.since, d.until)) continue;
      if (std::any_of(chosen.begin(), chosen.end(), [&](const auto& e) { return e.first == d.name; }))
        continue;
      chosen.emplace_back(d.name, to_value(d.value));
    }
  }
  return Value::map(std::move(chosen), product.location);
}

}  // namespace deploy_advisor
