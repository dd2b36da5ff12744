#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace deploy_advisor {

/// Where a value is written: file, 1-based line and column. `file` points into the
/// process-wide table of interned file names, so copying a location is cheap and it stays
/// valid for the life of the process. A default location (no file) means "unknown".
struct Location {
  const std::string* file = nullptr;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  [[nodiscard]] std::string_view file_name() const {
    return file ? std::string_view(*file) : std::string_view();
  }
  [[nodiscard]] bool known() const { return file != nullptr && line > 0; }
  friend bool operator==(const Location& a, const Location& b) {
    return a.file_name() == b.file_name() && a.line == b.line && a.column == b.column;
  }
};

/// Returns a stable pointer for `name`; the same name always gives the same pointer.
const std::string* intern_file_name(std::string_view name);

/// `file:line:column` (or just `file` when the line is unknown).
std::string to_string(const Location& location);

/// Orders by file name, then line, then column.
bool location_less(const Location& a, const Location& b);

}  // namespace deploy_advisor
