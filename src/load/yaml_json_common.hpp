#pragma once

// Pieces shared by the YAML and JSON readers: checks every input must pass before parsing,
// duplicate-key detection and the wording of the messages both readers emit.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/diagnostics.hpp"
#include "deploy_advisor/common/node.hpp"
#include "deploy_advisor/load/readers.hpp"

namespace deploy_advisor::load_detail {

/// 1-based line and byte column inside the text handed to a parser.
struct TextPosition {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

/// A leading UTF-8 byte order mark is accepted and ignored by both readers. Columns on the
/// first line are counted after it, as editors show them.
std::string_view strip_bom(std::string_view text);

/// The file-level checks: size within the limit, no NUL byte, valid UTF-8.
/// `raw_size` is the size before the BOM was stripped. Returns the first problem.
std::optional<InputError> check_text(std::string_view text, std::size_t raw_size,
                                     const std::string* file, const ReadLimits& limits);

/// The position of byte `offset` of `text` (counts lines; linear, so for errors only).
TextPosition position_of(std::string_view text, std::size_t offset);

Location location_at(const std::string* file, TextPosition at);

/// `nesting deeper than 64 levels`
std::string deep_nesting_message(std::size_t max_depth);
/// `document has more than N nodes`
std::string too_many_nodes_message(std::size_t max_nodes);
/// `duplicate key 'x' (first at line N)`
std::string duplicate_key_message(const Node& key, const Node& first);
/// How errors end when a hostile file produces very many of them.
inline constexpr std::size_t kMaxErrors = 100;
std::string too_many_errors_message();

/// Finds repeated keys in one mapping as entries are appended to it. Keys compare by text
/// whatever their style, because `Node::find` looks keys up by text; null keys equal each
/// other. Holds indices into the mapping's entries rather than copies of the key text.
class DuplicateKeys {
 public:
  DuplicateKeys();
  ~DuplicateKeys();
  DuplicateKeys(DuplicateKeys&&) noexcept;
  DuplicateKeys& operator=(DuplicateKeys&&) noexcept;
  DuplicateKeys(const DuplicateKeys&) = delete;
  DuplicateKeys& operator=(const DuplicateKeys&) = delete;

  /// Checks the last entry's key against the earlier ones and remembers it. Returns the
  /// earlier equal key, or nullptr. `entries` must be the same vector on every call.
  const Node* add_last(const std::vector<Node::Entry>& entries);

 private:
  struct Index;
  std::unique_ptr<Index> index_;  // built once a mapping outgrows a linear scan
  std::optional<std::size_t> null_key_;
};

}  // namespace deploy_advisor::load_detail
