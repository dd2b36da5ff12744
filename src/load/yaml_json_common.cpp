#include "load/yaml_json_common.hpp"

#include <algorithm>
#include <functional>
#include <unordered_set>

#include <fmt/format.h>

namespace deploy_advisor::load_detail {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is not one. Rejects
/// overlong forms, surrogates and code points past U+10FFFF, as RFC 3629 requires.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}

bool same_key(const Node& a, const Node& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return a.is_scalar() && b.is_scalar() && a.text() == b.text();
}

std::string shown_key(const Node& key) {
  if (key.is_null()) return "null";
  constexpr std::size_t kShown = 60;  // a key can be megabytes long in a hostile file
  if (key.text().size() <= kShown) return key.text();
  return key.text().substr(0, kShown - 3) + "...";
}

}  // namespace

std::string_view strip_bom(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  return text;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::string_view before = text.substr(0, offset);
  std::size_t line_start = before.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  auto lines = std::count(before.begin(), before.end(), '\n');
  return {static_cast<std::uint32_t>(lines + 1),
          static_cast<std::uint32_t>(offset - line_start + 1)};
}

Location location_at(const std::string* file, TextPosition at) {
  return Location{file, at.line, at.column};
}

std::optional<InputError> check_text(std::string_view text, std::size_t raw_size,
                                     const std::string* file, const ReadLimits& limits) {
  if (raw_size > limits.max_bytes)
    return InputError{location_at(file, {}),
                      fmt::format("file is {} bytes, more than the limit of {} bytes", raw_size,
                                  limits.max_bytes)};
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0')
      return InputError{location_at(file, position_of(text, i)),
                        "file contains a NUL byte (binary data?)"};
    std::size_t length = utf8_sequence_length(text, i);
    if (length == 0)
      return InputError{location_at(file, position_of(text, i)),
                        fmt::format("file is not valid UTF-8 (byte 0x{:02X})",
                                    static_cast<unsigned char>(text[i]))};
    i += length;
  }
  return std::nullopt;
}

std::string deep_nesting_message(std::size_t max_depth) {
  return fmt::format("nesting deeper than {} levels", max_depth);
}

std::string too_many_nodes_message(std::size_t max_nodes) {
  return fmt::format("document has more than {} nodes", max_nodes);
}

std::string duplicate_key_message(const Node& key, const Node& first) {
  return fmt::format("duplicate key '{}' (first at line {})", shown_key(key),
                     first.location().line);
}

std::string too_many_errors_message() {
  return fmt::format("too many errors ({}); stopped reading this file", kMaxErrors);
}

// Hashes entry indices by their key's text, so the index never copies a key.
struct DuplicateKeys::Index {
  struct Hash {
    const std::vector<Node::Entry>* entries;
    std::size_t operator()(std::size_t i) const {
      return std::hash<std::string_view>{}((*entries)[i].first.text());
    }
  };
  struct Equal {
    const std::vector<Node::Entry>* entries;
    bool operator()(std::size_t a, std::size_t b) const {
      return (*entries)[a].first.text() == (*entries)[b].first.text();
    }
  };
  explicit Index(const std::vector<Node::Entry>& entries)
      : set(16, Hash{&entries}, Equal{&entries}) {}
  std::unordered_set<std::size_t, Hash, Equal> set;
};

DuplicateKeys::DuplicateKeys() = default;
DuplicateKeys::~DuplicateKeys() = default;
DuplicateKeys::DuplicateKeys(DuplicateKeys&&) noexcept = default;
DuplicateKeys& DuplicateKeys::operator=(DuplicateKeys&&) noexcept = default;

const Node* DuplicateKeys::add_last(const std::vector<Node::Entry>& entries) {
  // Small mappings are the common case: a scan beats hashing there.
  constexpr std::size_t kLinearLimit = 16;
  const std::size_t last = entries.size() - 1;
  const Node& key = entries[last].first;
  if (key.is_null()) {
    if (null_key_) return &entries[*null_key_].first;
    null_key_ = last;
    return nullptr;
  }
  if (!key.is_scalar()) return nullptr;
  if (!index_ && entries.size() <= kLinearLimit) {
    for (std::size_t i = 0; i < last; ++i)
      if (same_key(entries[i].first, key)) return &entries[i].first;
    return nullptr;
  }
  if (!index_) {
    index_ = std::make_unique<Index>(entries);
    for (std::size_t i = 0; i < last; ++i)
      if (entries[i].first.is_scalar()) index_->set.insert(i);
  }
  auto [it, inserted] = index_->set.insert(last);
  return inserted ? nullptr : &entries[*it].first;
}

}  // namespace deploy_advisor::load_detail
