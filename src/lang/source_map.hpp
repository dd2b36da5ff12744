#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/location.hpp"

namespace deploy_advisor::lang {

/// Turns byte offsets in an expression's text into locations in the file the text came from.
/// The text's first character is at `origin`; each newline advances the line and restarts the
/// column at 1. Columns count characters (UTF-8 code points), as an editor shows them.
class SourceMap {
 public:
  SourceMap(std::string_view text, Location origin);

  /// `offset` may be text.size(), the position just past the last character.
  [[nodiscard]] Location locate(std::size_t offset) const;

 private:
  std::string_view text_;
  Location origin_;
  std::vector<std::size_t> line_starts_;  // offset of the first character of each line
  // Characters between the start of the line and each offset, so locating every node of a
  // long one-line expression stays linear.
  std::vector<std::uint32_t> characters_before_;
};

}  // namespace deploy_advisor::lang
