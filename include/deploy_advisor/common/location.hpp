#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace deploy_advisor {

struct MergeSite;

/// Where a value is written: file, 1-based line and column. `file` points into the
/// process-wide table of interned file names, so copying a location is cheap and it stays
/// valid for the life of the process. A default location (no file) means "unknown".
/// `via` is set on a value that a YAML merge key (`<<: *anchor`) brought into another mapping:
/// the value is written at file:line:column, and `via` says which merge put it where it is read.
struct Location {
  const std::string* file = nullptr;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  const MergeSite* via = nullptr;

  [[nodiscard]] std::string_view file_name() const {
    return file ? std::string_view(*file) : std::string_view();
  }
  [[nodiscard]] bool known() const { return file != nullptr && line > 0; }
  /// Where the value is written; `via` is not compared.
  friend bool operator==(const Location& a, const Location& b) {
    return a.file_name() == b.file_name() && a.line == b.line && a.column == b.column;
  }
};

/// One merge key that brought a value into a mapping: the `<<` key, the anchor it named ("" for
/// an inline mapping) and, when the value had already come through a merge inside the anchor,
/// that earlier merge. Interned, so sites live as long as the process and compare by address.
struct MergeSite {
  Location at;  // the `<<` key; its own `via` is never set
  std::string anchor;
  const MergeSite* earlier = nullptr;
};

const MergeSite* intern_merge_site(const Location& at, std::string_view anchor,
                                   const MergeSite* earlier);

/// ` (through the merge '<<: *common' at file:12:3)` for a merged value, "" otherwise: appended
/// to messages so that a finding at an anchor's line says which use of the anchor it is about.
std::string merge_note(const Location& location);

/// Returns a stable pointer for `text`; the same text always gives the same pointer.
const std::string* intern_string(std::string_view text);

/// Returns a stable pointer for `name`; the same name always gives the same pointer.
const std::string* intern_file_name(std::string_view name);

/// `file:line:column` (or just `file` when the line is unknown).
std::string to_string(const Location& location);

/// Orders by file name, then line, then column.
bool location_less(const Location& a, const Location& b);

}  // namespace deploy_advisor
