#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deploy_advisor/common/location.hpp"

namespace deploy_advisor {

/// A YAML or JSON document as written: every node keeps its source location. Scalars keep
/// their text untouched; how a plain scalar is typed (null, bool, number, string) is decided
/// by the reader of the value, following the YAML 1.2 core schema (`scalar_type`).
class Node {
 public:
  enum class Kind { Null, Scalar, Sequence, Mapping };
  /// Quoted and block scalars are always strings; plain scalars are typed by their text.
  enum class Style { Plain, Quoted };
  using Entry = std::pair<Node, Node>;

  Node() = default;
  static Node null(Location at) {
    Node n;
    n.location_ = at;
    return n;
  }
  static Node scalar(std::string text, Style style, Location at) {
    Node n;
    n.kind_ = Kind::Scalar;
    n.text_ = std::move(text);
    n.style_ = style;
    n.location_ = at;
    return n;
  }
  static Node sequence(Location at) {
    Node n;
    n.kind_ = Kind::Sequence;
    n.location_ = at;
    return n;
  }
  static Node mapping(Location at) {
    Node n;
    n.kind_ = Kind::Mapping;
    n.location_ = at;
    return n;
  }

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool is_null() const { return kind_ == Kind::Null; }
  [[nodiscard]] bool is_scalar() const { return kind_ == Kind::Scalar; }
  [[nodiscard]] bool is_sequence() const { return kind_ == Kind::Sequence; }
  [[nodiscard]] bool is_mapping() const { return kind_ == Kind::Mapping; }
  [[nodiscard]] const Location& location() const { return location_; }
  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] Style style() const { return style_; }
  /// The explicit tag written on the node (`!reset`, `!Ref`), or "" for none.
  [[nodiscard]] std::string_view tag() const {
    return tag_ ? std::string_view(*tag_) : std::string_view();
  }
  /// For a copy made by an alias, the anchor's name; "" otherwise.
  [[nodiscard]] std::string_view alias_of() const {
    return alias_of_ ? std::string_view(*alias_of_) : std::string_view();
  }
  void set_tag(std::string_view tag) { tag_ = tag.empty() ? nullptr : intern_string(tag); }
  void set_alias_of(std::string_view anchor) {
    alias_of_ = anchor.empty() ? nullptr : intern_string(anchor);
  }
  void set_location(Location at) { location_ = at; }
  [[nodiscard]] const std::vector<Node>& items() const { return items_; }
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Node>& items() { return items_; }
  std::vector<Entry>& entries() { return entries_; }

  /// The value under a scalar key of a mapping, or nullptr (also for non-mappings).
  [[nodiscard]] const Node* find(std::string_view key) const;
  /// The key node itself, for pointing at a key rather than its value.
  [[nodiscard]] const Node* find_key(std::string_view key) const;

 private:
  Kind kind_ = Kind::Null;
  Style style_ = Style::Plain;
  Location location_;
  const std::string* tag_ = nullptr;       // interned
  const std::string* alias_of_ = nullptr;  // interned
  std::string text_;
  std::vector<Node> items_;
  std::vector<Entry> entries_;
};

/// How a scalar reads under the YAML 1.2 core schema.
enum class ScalarType { Null, Bool, Integer, Float, String };
ScalarType scalar_type(const Node& scalar);
/// Meaningful only when scalar_type is Bool / Integer or Float.
bool scalar_bool(const Node& scalar);
double scalar_number(const Node& scalar);

/// A short human name for what a node is ("a mapping", "a list", "the string \"x\"", ...),
/// used in "expected X, found Y" messages.
std::string describe(const Node& node);

}  // namespace deploy_advisor
