#include "lang/source_map.hpp"

#include <algorithm>
#include <cstdint>

namespace deploy_advisor::lang {

namespace {

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

}  // namespace

SourceMap::SourceMap(std::string_view text, Location origin) : text_(text), origin_(origin) {
  line_starts_.push_back(0);
  characters_before_.reserve(text.size() + 1);
  std::uint32_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    characters_before_.push_back(characters);
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
      characters = 0;
    } else if (!is_utf8_continuation(text[i])) {
      ++characters;
    }
  }
  characters_before_.push_back(characters);
}

Location SourceMap::locate(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line_index = static_cast<std::size_t>(after - line_starts_.begin()) - 1;
  Location location = origin_;
  location.line = origin_.line + static_cast<std::uint32_t>(line_index);
  location.column = (line_index == 0 ? origin_.column : 1) + characters_before_[offset];
  return location;
}

}  // namespace deploy_advisor::lang
