#include "deploy_advisor/load/readers.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <istream>
#include <new>
#include <optional>
#include <streambuf>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "load/yaml_json_common.hpp"
#include "load/yaml_merge.hpp"
#include "load/yaml_nesting_scan.hpp"

// The tree is built from yaml-cpp's event parser, never from a YAML::Node tree: events cost a
// fraction of the memory, and they carry the position of every node.
//
// Merge keys (`<<: *defaults`) are applied once the whole document is built (yaml_merge.cpp):
// the `<<` entry holds the expanded alias until then, already counted against the node limit.

namespace deploy_advisor {

namespace {

using load_detail::DuplicateKeys;

constexpr std::string_view kStringTag = "tag:yaml.org,2002:str";

/// Thrown by the event handler after a fatal error: unwinds yaml-cpp's recursion at once.
struct StopParsing {};

/// Lets yaml-cpp read the caller's text in place rather than from a stringstream's copy.
class TextStreamBuf : public std::streambuf {
 public:
  explicit TextStreamBuf(std::string_view text) {
    // A get area is only ever read, so handing out the const text is safe.
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

enum class Slot : std::uint8_t { Item, Key, Value };

/// Where a node sits in its parent. Nodes are built in place, so a list of steps from the
/// root finds a node again however the vectors around it have grown since.
struct Step {
  std::uint32_t index = 0;
  Slot slot = Slot::Item;
};

struct AnchorInfo {
  std::string name;
  std::vector<Step> path;
  std::size_t nodes = 0;   // nodes an alias to it creates
  std::size_t bytes = 0;   // scalar text an alias to it copies
  std::size_t height = 0;  // collection levels inside it, itself included
  bool complete = false;   // false while its own events are still arriving
  bool defined = false;
};

/// A collection whose events are still arriving.
struct Frame {
  Node* node;
  Step step;
  std::size_t nodes_before;
  std::size_t bytes_before;
  YAML::anchor_t anchor;
  std::size_t height = 1;
  bool want_key = true;  // mapping events alternate key, value
  DuplicateKeys keys;
};

/// yaml-cpp reports untagged nodes with the non-specific tags "?" (plain) and "!" (quoted).
bool is_explicit(const std::string& tag) { return !tag.empty() && tag != "?" && tag != "!"; }

bool is_plain_end(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' ||
         c == '#';
}

class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, const std::string* file, const ReadLimits& limits, Node& root,
              std::vector<InputError>& errors, std::vector<Node>* documents = nullptr)
      : text_(text),
        file_(file),
        limits_(limits),
        root_(root),
        errors_(errors),
        documents_out_(documents) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++documents_;
    if (!documents_out_ && documents_ > 1) fatal(mark, "expected one YAML document, found another");
    // Anchors belong to their document; the node budget stays shared by the whole stream.
    if (documents_out_) {
      anchors_.clear();
      root_ = Node::null(location(mark));
    }
  }
  void OnDocumentEnd() override {
    if (documents_out_) documents_out_->push_back(std::move(root_));
  }

  void OnAnchor(const YAML::Mark& /*mark*/, const std::string& name) override {
    pending_anchor_name_ = name;
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count_nodes(1, mark);
    Step step = place(Node::null(null_location(mark)), 0);
    if (anchor != YAML::NullAnchor) define_anchor(anchor, path_to(step), true, 1, 0, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count_nodes(1, mark);
    bytes_ += value.size();
    if (tag != "?") note_quote(mark);
    Node scalar = Node::scalar(value, style_of(tag, mark), location(mark));
    if (is_explicit(tag)) scalar.set_tag(tag);
    Step step = place(std::move(scalar), 0);
    if (anchor != YAML::NullAnchor) define_anchor(anchor, path_to(step), true, 1, value.size(), 0);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const AnchorInfo& info = anchor_for_alias(mark, anchor);
    nodes_ += info.nodes;
    bytes_ += info.bytes;
    expanded_bytes_ += info.bytes;
    // The copy keeps the original's locations: findings point at what was written. An error
    // about the copy as a key points at the alias.
    const Location alias_at = location(mark);
    Node copy(*resolve(info.path));
    copy.set_alias_of(info.name);
    place(std::move(copy), info.height, &alias_at);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    Node sequence = Node::sequence(location(mark));
    if (is_explicit(tag)) sequence.set_tag(tag);
    begin_collection(std::move(sequence), mark, anchor);
  }
  void OnSequenceEnd() override { end_collection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    Node mapping = Node::mapping(location(mark));
    if (is_explicit(tag)) mapping.set_tag(tag);
    begin_collection(std::move(mapping), mark, anchor);
  }
  void OnMapEnd() override { end_collection(); }

  // yaml-cpp 0.7 accepts a quoted scalar left open at the end of the file, which silently
  // turns the rest of the file into one string. Only the last quoted scalar can be open.
  void check_last_quote_closed() {
    if (!last_quote_ || quote_closed(*last_quote_)) return;
    error(load_detail::location_at(file_, load_detail::position_of(text_, *last_quote_)),
          "quoted string is not closed before the end of the file");
  }

  [[nodiscard]] Location location(const YAML::Mark& mark) const {
    return Location{file_, static_cast<std::uint32_t>(std::max(mark.line, 0) + 1),
                    static_cast<std::uint32_t>(std::max(mark.column, 0) + 1)};
  }

 private:
  void begin_collection(Node node, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (frames_.size() >= limits_.max_depth)
      fatal(mark, load_detail::deep_nesting_message(limits_.max_depth));
    const std::size_t nodes_before = nodes_;
    count_nodes(1, mark);
    Step step = place(std::move(node), 0);
    if (anchor != YAML::NullAnchor) define_anchor(anchor, path_to(step), false, 0, 0, 0);
    Node* placed = frames_.empty() ? &root_ : child_at(*frames_.back().node, step);
    frames_.push_back(Frame{placed, step, nodes_before, bytes_, anchor, 1, true, {}});
  }

  void end_collection() {
    if (frames_.empty()) return;  // yaml-cpp pairs its events; this only guards the index
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    if (!frames_.empty()) frames_.back().height = std::max(frames_.back().height, frame.height + 1);
    if (frame.anchor == YAML::NullAnchor || frame.anchor >= anchors_.size()) return;
    AnchorInfo& info = anchors_[frame.anchor];
    info.nodes = nodes_ - frame.nodes_before;
    info.bytes = bytes_ - frame.bytes_before;
    info.height = frame.height;
    info.complete = true;
  }

  // Moves `node` into the open collection (or makes it the root); returns where it went.
  Step place(Node&& node, std::size_t height, const Location* written_at = nullptr) {
    if (frames_.empty()) {
      root_ = std::move(node);
      return {};
    }
    Frame& top = frames_.back();
    top.height = std::max(top.height, height + 1);
    Node& parent = *top.node;
    if (parent.is_sequence()) {
      parent.items().push_back(std::move(node));
      return {index_of(parent.items().size() - 1), Slot::Item};
    }
    auto& entries = parent.entries();
    const std::uint32_t index = index_of(top.want_key ? entries.size() : entries.size() - 1);
    if (top.want_key) {
      top.want_key = false;
      entries.emplace_back(std::move(node), Node());
      check_key(top, written_at ? *written_at : entries.back().first.location());
      return {index, Slot::Key};
    }
    top.want_key = true;
    entries.back().second = std::move(node);
    return {index, Slot::Value};
  }

  void check_key(Frame& top, const Location& written_at) {
    const auto& entries = top.node->entries();
    const Node& key = entries.back().first;
    if (key.is_sequence() || key.is_mapping()) {
      error(written_at, "mapping keys must be scalars");
      return;
    }
    if (const Node* first = top.keys.add_last(entries))
      error(written_at, load_detail::duplicate_key_message(key, *first));
  }

  static std::uint32_t index_of(std::size_t i) { return static_cast<std::uint32_t>(i); }

  static Node* child_at(Node& parent, Step step) {
    switch (step.slot) {
      case Slot::Item:
        return &parent.items()[step.index];
      case Slot::Key:
        return &parent.entries()[step.index].first;
      case Slot::Value:
        return &parent.entries()[step.index].second;
    }
    return nullptr;
  }

  std::vector<Step> path_to(Step last) const {
    std::vector<Step> path;
    if (frames_.empty()) return path;  // the root itself
    path.reserve(frames_.size());
    for (std::size_t i = 1; i < frames_.size(); ++i) path.push_back(frames_[i].step);
    path.push_back(last);
    return path;
  }

  const Node* resolve(const std::vector<Step>& path) const {
    Node* node = &root_;
    for (Step step : path) node = child_at(*node, step);
    return node;
  }

  void define_anchor(YAML::anchor_t anchor, std::vector<Step> path, bool complete,
                     std::size_t nodes, std::size_t bytes, std::size_t height) {
    // yaml-cpp numbers anchors 1, 2, 3... in document order, a redefinition included.
    if (anchor >= anchors_.size()) anchors_.resize(anchor + 1);
    anchors_[anchor] = AnchorInfo{
        std::move(pending_anchor_name_), std::move(path), nodes, bytes, height, complete, true};
    pending_anchor_name_.clear();
  }

  // Every check runs before anything is copied: a "billion laughs" stops at the first alias
  // that would pass the budget, and the memory it used stays within the budget.
  const AnchorInfo& anchor_for_alias(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor == YAML::NullAnchor || anchor >= anchors_.size() || !anchors_[anchor].defined)
      fatal(mark, "alias to an unknown anchor");
    const AnchorInfo& info = anchors_[anchor];
    if (!info.complete)
      fatal(mark, fmt::format("alias *{} is inside the node it refers to (a recursive structure)",
                              info.name));
    if (info.nodes > limits_.max_nodes - std::min(nodes_, limits_.max_nodes))
      fatal(mark, fmt::format("alias expansion exceeds {} nodes (a \"billion laughs\" document?)",
                              limits_.max_nodes));
    if (info.bytes > limits_.max_bytes - std::min(expanded_bytes_, limits_.max_bytes))
      fatal(mark, fmt::format("alias expansion exceeds {} bytes of text (a \"billion laughs\" "
                              "document?)",
                              limits_.max_bytes));
    if (frames_.size() + info.height > limits_.max_depth)
      fatal(mark, fmt::format("{} once alias *{} is expanded",
                              load_detail::deep_nesting_message(limits_.max_depth), info.name));
    return info;
  }

  void count_nodes(std::size_t count, const YAML::Mark& mark) {
    if (count > limits_.max_nodes - std::min(nodes_, limits_.max_nodes))
      fatal(mark, load_detail::too_many_nodes_message(limits_.max_nodes));
    nodes_ += count;
  }

  // yaml-cpp reports plain and quoted scalars by their non-specific tags "?" and "!". With an
  // explicit tag (`!Ref x`, CloudFormation style) the event no longer says how the text was
  // written, so look at the source. `!!str` always means a string.
  Node::Style style_of(const std::string& tag, const YAML::Mark& mark) const {
    if (tag == "?") return Node::Style::Plain;
    if (tag == "!" || tag == kStringTag) return Node::Style::Quoted;
    std::size_t p = value_start(mark);
    bool quoted = p < text_.size() &&
                  (text_[p] == '"' || text_[p] == '\'' || text_[p] == '|' || text_[p] == '>');
    return quoted ? Node::Style::Quoted : Node::Style::Plain;
  }

  void note_quote(const YAML::Mark& mark) {
    std::size_t p = value_start(mark);
    if (p < text_.size() && (text_[p] == '"' || text_[p] == '\'')) last_quote_ = p;
  }

  bool quote_closed(std::size_t open) const {
    const char quote = text_[open];
    for (std::size_t p = open + 1; p < text_.size(); ++p) {
      if (quote == '"' && text_[p] == '\\') {
        ++p;
        continue;
      }
      if (text_[p] != quote) continue;
      if (quote == '\'' && p + 1 < text_.size() && text_[p + 1] == '\'') {
        ++p;  // '' is an escaped quote
        continue;
      }
      return true;
    }
    return false;
  }

  // The first character of a node's content, after the tag, anchor and blanks that the
  // event's mark points at.
  std::size_t value_start(const YAML::Mark& mark) const {
    std::size_t p = static_cast<std::size_t>(std::max(mark.pos, 0));
    while (p < text_.size()) {
      char c = text_[p];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++p;
      } else if (c == '!' || c == '&') {
        while (p < text_.size() && !is_plain_end(text_[p]) && text_[p] != '[' && text_[p] != '{')
          ++p;
      } else if (c == '#') {
        while (p < text_.size() && text_[p] != '\n') ++p;
      } else {
        break;
      }
    }
    return p;
  }

  // yaml-cpp places an empty value (`key:` and nothing) at the next token, often the next
  // line's key. Point at the key instead, which is what a reader of the message looks for.
  Location null_location(const YAML::Mark& mark) const {
    if (frames_.empty() || written_null_at(mark)) return location(mark);
    const Frame& top = frames_.back();
    if (!top.node->is_mapping() || top.want_key) return location(mark);
    return top.node->entries().back().first.location();
  }

  bool written_null_at(const YAML::Mark& mark) const {
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return false;
    std::string_view rest = text_.substr(static_cast<std::size_t>(mark.pos));
    if (rest[0] == '~' || rest[0] == '!' || rest[0] == '&') return true;
    for (std::string_view word : {"null", "Null", "NULL"})
      if (rest.starts_with(word) && (rest.size() == 4 || is_plain_end(rest[4]))) return true;
    return false;
  }

  void error(const Location& at, std::string message) {
    if (errors_.size() >= load_detail::kMaxErrors) {
      errors_.push_back(InputError{at, load_detail::too_many_errors_message()});
      throw StopParsing{};
    }
    errors_.push_back(InputError{at, std::move(message)});
  }

  [[noreturn]] void fatal(const YAML::Mark& mark, std::string message) {
    error(location(mark), std::move(message));
    throw StopParsing{};
  }

  std::string_view text_;
  const std::string* file_;
  const ReadLimits& limits_;
  Node& root_;
  std::vector<InputError>& errors_;
  std::vector<Node>* documents_out_;  // set when a stream of documents is allowed

  std::vector<Frame> frames_;
  std::vector<AnchorInfo> anchors_;  // indexed by yaml-cpp's anchor number
  std::string pending_anchor_name_;
  std::size_t documents_ = 0;
  std::size_t nodes_ = 0;
  std::size_t bytes_ = 0;                  // scalar text built, copies included
  std::size_t expanded_bytes_ = 0;         // scalar text copied by aliases
  std::optional<std::size_t> last_quote_;  // offset of the last quoted scalar's opening quote
};

// yaml-cpp's messages do not name the usual cause of a broken layout: a tab in the
// indentation of the line it stopped on.
std::string tab_hint(std::string_view text, const YAML::Mark& mark) {
  if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) > text.size()) return {};
  std::size_t p = text.rfind('\n', mark.pos == 0 ? 0 : static_cast<std::size_t>(mark.pos) - 1);
  p = (p == std::string_view::npos || mark.pos == 0) ? 0 : p + 1;
  for (; p < text.size() && (text[p] == ' ' || text[p] == '\t'); ++p)
    if (text[p] == '\t')
      return fmt::format(" (line {} is indented with a tab; YAML allows only spaces)",
                         mark.line + 1);
  return {};
}

// YAML takes a lone CR as a line break (as files saved by classic Mac editors have them);
// yaml-cpp does not, and reads such a file as one long line. The same length keeps every
// offset, so locations stay those of the file.
std::string lone_carriage_returns_as_newlines(std::string_view text) {
  std::string copy(text);
  for (std::size_t i = 0; i < copy.size(); ++i)
    if (copy[i] == '\r' && (i + 1 == copy.size() || copy[i + 1] != '\n')) copy[i] = '\n';
  return copy;
}

bool has_lone_carriage_return(std::string_view text) {
  for (std::size_t i = text.find('\r'); i != std::string_view::npos; i = text.find('\r', i + 1))
    if (i + 1 == text.size() || text[i + 1] != '\n') return true;
  return false;
}

void run_event_parser(std::string_view text, const std::string* file, const ReadLimits& limits,
                      ParseResult& result, std::vector<Node>* documents = nullptr) {
  std::string normalised;
  if (has_lone_carriage_return(text)) {
    normalised = lone_carriage_returns_as_newlines(text);
    text = normalised;
  }
  TextStreamBuf buffer(text);
  std::istream in(&buffer);
  TreeBuilder builder(text, file, limits, result.root, result.errors, documents);
  auto fail = [&](const YAML::Mark& mark, std::string message) {
    result.errors.push_back(InputError{builder.location(mark), std::move(message)});
  };
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
    builder.check_last_quote_closed();
  } catch (const StopParsing&) {
    // The builder has recorded why.
  } catch (const YAML::DeepRecursion& e) {
    fail(e.mark, load_detail::deep_nesting_message(static_cast<std::size_t>(e.depth() - 1)));
  } catch (const YAML::ParserException& e) {
    fail(e.mark, "YAML syntax error: " + e.msg + tab_hint(text, e.mark));
  } catch (const YAML::Exception& e) {
    fail(e.mark, "YAML error: " + e.msg);
  } catch (const std::bad_alloc&) {
    fail(YAML::Mark(), "out of memory while reading this file");
  } catch (const std::exception& e) {
    fail(YAML::Mark(), std::string("cannot read this YAML file: ") + e.what());
  } catch (...) {
    fail(YAML::Mark(), "cannot read this YAML file: unknown error");
  }
}

}  // namespace

namespace {

void parse_stream(std::string_view text, const std::string* file, const ReadLimits& limits,
                  ParseResult& result, std::vector<Node>* documents) {
  result.root = Node::null(load_detail::location_at(file, {}));  // an empty stream
  const std::size_t raw_size = text.size();
  text = load_detail::strip_bom(text);
  if (auto problem = load_detail::check_text(text, raw_size, file, limits)) {
    result.errors.push_back(std::move(*problem));
    return;
  }
  // Before yaml-cpp sees the text: its parser recurses per level of nesting, and it reads
  // flow collections whole before reporting them.
  if (auto finding = load_detail::prescan_yaml(text, limits)) {
    result.errors.push_back(
        InputError{load_detail::location_at(file, finding->at), std::move(finding->message)});
    return;
  }
  run_event_parser(text, file, limits, result, documents);
}

}  // namespace

ParseResult parse_yaml(std::string_view text, const std::string* file, const ReadLimits& limits) {
  ParseResult result;
  parse_stream(text, file, limits, result, nullptr);
  if (result.ok()) load_detail::apply_merge_keys(result.root, result.errors);
  return result;
}

DocumentsResult parse_yaml_documents(std::string_view text, const std::string* file,
                                     const ReadLimits& limits) {
  ParseResult stream;
  DocumentsResult result;
  parse_stream(text, file, limits, stream, &result.documents);
  result.errors = std::move(stream.errors);
  if (result.errors.empty())
    for (auto& document : result.documents) load_detail::apply_merge_keys(document, result.errors);
  return result;
}

}  // namespace deploy_advisor
