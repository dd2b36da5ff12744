#include "load/yaml_nesting_scan.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace deploy_advisor::load_detail {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

/// Walks the text line by line. Within a line, positions are byte offsets into the text and
/// columns are byte offsets from the line start (0-based until reported).
class NestingScan {
 public:
  NestingScan(std::string_view text, const ReadLimits& limits) : text_(text), limits_(limits) {}

  std::optional<ScanFinding> run() {
    for (std::size_t pos = 0; !found_;) {
      begin_ = pos;
      end_ = std::min(text_.find('\n', pos), text_.size());
      ++line_;
      scan_line();
      if (end_ == text_.size()) break;
      pos = end_ + 1;
    }
    return found_;
  }

 private:
  // One open block collection: the column of its indicator or first key, and how many
  // collections enclose it, itself included.
  struct BlockLevel {
    std::size_t column;
    std::size_t depth;
    bool sequence;
  };
  // One open flow collection; `pair` marks an implicit one-pair mapping inside a sequence
  // (`[a: b]`), which yaml-cpp nests as a level of its own.
  struct FlowLevel {
    bool sequence;
    bool pair;
  };

  void scan_line() {
    if (quote_ != 0) {
      std::size_t p = skip_quoted(begin_, quote_);
      if (quote_ != 0) return;
      continue_after_node(p, quote_node_column_);
      return;
    }
    if (in_block_scalar_ && block_scalar_owns_line()) return;
    if (!flows_.empty()) {
      continue_after_node(begin_, flow_node_column_);
      return;
    }
    scan_block_line();
  }

  // Resumes after a quoted scalar or flow collection that spanned lines.
  void continue_after_node(std::size_t p, std::size_t node_column) {
    if (!flows_.empty()) {
      p = scan_flow(p);
      if (!flows_.empty() || quote_ != 0 || found_) return;
    }
    scan_block_from(p, node_column, true);
  }

  // Block scalar content is text: it may hold brackets and dashes of any depth.
  bool block_scalar_owns_line() {
    std::size_t indent = count_spaces(begin_);
    if (skip_blanks(begin_ + indent) == end_) return true;  // blank lines belong to it
    if (indent == 0 && at_document_marker()) {
      in_block_scalar_ = false;
      return false;
    }
    if (!block_scalar_indent_ && indent >= block_scalar_min_indent_) block_scalar_indent_ = indent;
    if (block_scalar_indent_ && indent >= *block_scalar_indent_) return true;
    in_block_scalar_ = false;
    return false;
  }

  void scan_block_line() {
    std::size_t indent = count_spaces(begin_);
    std::size_t p = skip_blanks(begin_ + indent);
    if (p == end_) return;  // blank lines do not end a multi-line plain scalar
    if (text_[p] == '#') {
      plain_open_ = false;
      return;
    }
    if (p == begin_ && at_document_marker()) {
      blocks_.clear();
      plain_open_ = false;
      std::size_t q = skip_blanks(p + 3);
      if (text_[p] == '-') scan_block_from(q, q - begin_, false);
      return;
    }
    if (p == begin_ && text_[p] == '%' && blocks_.empty()) return;  // a directive
    std::size_t column = p - begin_;
    // A more indented line may continue the plain scalar above (`key: some\n  'text`), where
    // a quote or `|` is just text. The line is still scanned for structure: if it is not a
    // continuation after all, that can only count too many levels, never hide any.
    bool continuation = false;
    if (plain_open_) {
      continuation = column >= (blocks_.empty() ? 0 : blocks_.back().column + 1);
      plain_open_ = false;
    }
    while (!blocks_.empty() && blocks_.back().column > column) blocks_.pop_back();
    scan_block_from(p, column, false, continuation);
  }

  // Scans block context from `p` to the end of the line. `after_node` means a complete node
  // (quoted, alias, flow) ends just before `p`, so a `:` there makes it a key. On a
  // `continuation` line, quotes and block scalar indicators do not hide what follows.
  void scan_block_from(std::size_t p, std::size_t node_column, bool after_node,
                       bool continuation = false) {
    while (p < end_ && !found_) {
      if (after_node) {
        p = skip_blanks(p);
        if (p == end_ || text_[p] != ':' || !blank_or_end(p + 1)) return;
        if (!open_block(node_column, false)) return;
        p = skip_blanks(p + 1);
        node_column = p - begin_;
        after_node = false;
        continue;
      }
      char c = text_[p];
      std::size_t column = p - begin_;
      if (c == '#') return;
      if ((c == '-' || c == '?' || c == ':') && blank_or_end(p + 1)) {
        if (!open_block(column, c == '-')) return;
        p = skip_blanks(p + 1);
        node_column = p - begin_;
        continue;
      }
      if (c == '&' || c == '!') {
        p = skip_blanks(skip_property(p, false));
        continue;
      }
      const bool hides_text = c == '|' || c == '>' || c == '"' || c == '\'';
      if (hides_text && continuation) {
        p = scan_block_plain(p);
        if (p == kNone || !open_block(node_column, false)) return;
        node_column = p - begin_;
        continue;
      }
      if (c == '|' || c == '>') {
        start_block_scalar(p);
        return;
      }
      if (c == '[' || c == '{') {
        flow_base_ = current_depth();
        flow_node_column_ = node_column;
        p = scan_flow(p);
        if (!flows_.empty() || quote_ != 0) return;
        after_node = true;
        continue;
      }
      if (c == '"' || c == '\'') {
        quote_node_column_ = node_column;
        p = skip_quoted(p + 1, c);
        if (quote_ != 0) return;
        after_node = true;
        continue;
      }
      if (c == '*') {
        p = skip_property(p, false);
        after_node = true;
        continue;
      }
      p = scan_block_plain(p);
      if (p == kNone || !open_block(node_column, false)) return;
      node_column = p - begin_;
    }
  }

  // A plain scalar runs to the end of the line unless `: ` makes it a key (returns where
  // the value starts) or ` #` starts a comment.
  std::size_t scan_block_plain(std::size_t p) {
    for (std::size_t q = p; q < end_; ++q) {
      if (text_[q] == ':' && blank_or_end(q + 1)) return skip_blanks(q + 1);
      if (text_[q] == '#' && q > p && is_blank(text_[q - 1])) {
        plain_open_ = false;
        return kNone;
      }
    }
    plain_open_ = true;
    return kNone;
  }

  // A block collection whose entries start at `column`: the innermost one at that column
  // continues, or a new level opens. A sequence may sit at its parent key's column
  // (`key:\n- item`); a key at that column then closes the sequence.
  bool open_block(std::size_t column, bool sequence) {
    while (!blocks_.empty() && blocks_.back().column > column) blocks_.pop_back();
    if (!sequence && !blocks_.empty() && blocks_.back().column == column && blocks_.back().sequence)
      blocks_.pop_back();
    if (!blocks_.empty() && blocks_.back().column == column && blocks_.back().sequence == sequence)
      return true;
    std::size_t depth = current_depth() + 1;
    if (depth > limits_.max_depth) {
      report(begin_ + column, deep_nesting_message(limits_.max_depth));
      return false;
    }
    blocks_.push_back({column, depth, sequence});
    return true;
  }

  void start_block_scalar(std::size_t p) {
    in_block_scalar_ = true;
    std::size_t parent = blocks_.empty() ? 0 : blocks_.back().column;
    block_scalar_min_indent_ = blocks_.empty() ? 0 : parent + 1;
    block_scalar_indent_.reset();
    // An explicit indentation indicator (`|2`, `>-1`) fixes the content's indentation.
    for (std::size_t q = p + 1; q < end_ && q < p + 3; ++q)
      if (text_[q] >= '1' && text_[q] <= '9')
        block_scalar_indent_ =
            std::max(block_scalar_min_indent_, parent + static_cast<std::size_t>(text_[q] - '0'));
  }

  // Scans flow context from `p` until the outermost flow collection closes (returns the
  // position after it) or the line ends.
  std::size_t scan_flow(std::size_t p) {
    while (p < end_ && !found_) {
      char c = text_[p];
      if (is_blank(c)) {
        ++p;
        continue;
      }
      if (c == '#' && (p == begin_ || is_blank(text_[p - 1]))) {
        flow_plain_ = false;
        return end_;
      }
      if (flow_plain_) {
        // Inside a plain scalar only a flow indicator or `: ` ends it: `[it's]` holds no quote.
        bool value_colon = c == ':' && (blank_or_end(p + 1) || is_flow_indicator(text_[p + 1]));
        if (!value_colon && !is_flow_indicator(c)) {
          ++p;
          continue;
        }
        flow_plain_ = false;
      }
      switch (c) {
        case '[':
        case '{':
          if (!open_flow(c == '[', p)) return end_;
          ++p;
          break;
        case ']':
        case '}':
          close_flow();
          ++p;
          if (flows_.empty()) return p;
          break;
        case ',':
          // A mapping entry is a key and a value, even when one of them is left empty.
          if (!count_flow_nodes(p, flows_.empty() || flows_.back().sequence ? 1 : 2)) return end_;
          close_pair();
          ++p;
          break;
        case '?':
        case ':':
          if (c == '?' && !blank_or_end(p + 1)) {
            flow_plain_ = true;
          } else if (!open_pair(p)) {
            return end_;
          }
          ++p;
          break;
        case '"':
        case '\'':
          p = skip_quoted(p + 1, c);
          if (quote_ != 0) return end_;
          break;
        case '&':
        case '!':
        case '*':
          p = skip_property(p, true);
          break;
        default:
          flow_plain_ = true;
          ++p;
      }
    }
    return end_;
  }

  bool open_flow(bool sequence, std::size_t p) {
    flows_.push_back({sequence, false});
    ++flow_depth_;
    return check_flow_depth(p) && count_flow_nodes(p, 1);
  }

  // Counts nodes that flow collections hold at least: each collection and each entry before
  // a `,`.
  bool count_flow_nodes(std::size_t p, std::size_t nodes) {
    flow_nodes_ += nodes;
    if (flow_nodes_ <= limits_.max_nodes) return true;
    report(p, too_many_nodes_message(limits_.max_nodes));
    return false;
  }

  void close_flow() {
    if (flows_.empty()) return;  // a stray bracket: yaml-cpp reports it
    close_pair();
    flows_.pop_back();
    --flow_depth_;
  }

  bool open_pair(std::size_t p) {
    if (flows_.empty() || !flows_.back().sequence || flows_.back().pair) return true;
    flows_.back().pair = true;
    ++flow_depth_;
    return check_flow_depth(p);
  }

  void close_pair() {
    if (flows_.empty() || !flows_.back().pair) return;
    flows_.back().pair = false;
    --flow_depth_;
  }

  bool check_flow_depth(std::size_t p) {
    if (flow_base_ + flow_depth_ <= limits_.max_depth) return true;
    report(p, deep_nesting_message(limits_.max_depth));
    return false;
  }

  // Skips the rest of a quoted scalar starting at `p` (after the opening quote). Returns the
  // position after the closing quote, or the line end with `quote_` left open.
  std::size_t skip_quoted(std::size_t p, char quote) {
    for (; p < end_; ++p) {
      if (quote == '"' && text_[p] == '\\') {
        ++p;
        continue;
      }
      if (text_[p] != quote) continue;
      if (quote == '\'' && p + 1 < end_ && text_[p + 1] == '\'') {
        ++p;  // '' is an escaped quote
        continue;
      }
      quote_ = 0;
      return p + 1;
    }
    quote_ = quote;
    return end_;
  }

  // Tags, anchors and aliases end at a blank, or in flow context at a flow indicator. A
  // verbatim tag `!<tag:example.com,2002:x>` ends at its `>`.
  std::size_t skip_property(std::size_t p, bool flow) const {
    if (text_.substr(p, end_ - p).starts_with("!<")) {
      std::size_t close = text_.find('>', p);
      return close < end_ ? close + 1 : end_;
    }
    while (p < end_ && !is_blank(text_[p]) && !(flow && is_flow_indicator(text_[p]))) ++p;
    return p;
  }

  std::size_t skip_blanks(std::size_t p) const {
    while (p < end_ && is_blank(text_[p])) ++p;
    return p;
  }

  std::size_t count_spaces(std::size_t p) const {
    std::size_t n = 0;
    while (p + n < end_ && text_[p + n] == ' ') ++n;
    return n;
  }

  bool blank_or_end(std::size_t p) const { return p >= end_ || is_blank(text_[p]); }

  bool at_document_marker() const {
    std::string_view line = text_.substr(begin_, end_ - begin_);
    return (line.starts_with("---") || line.starts_with("...")) &&
           (line.size() == 3 || is_blank(line[3]));
  }

  std::size_t current_depth() const { return blocks_.empty() ? 0 : blocks_.back().depth; }

  void report(std::size_t p, std::string message) {
    found_ = ScanFinding{{line_, static_cast<std::uint32_t>(p - begin_ + 1)}, std::move(message)};
  }

  std::string_view text_;
  const ReadLimits& limits_;
  std::size_t begin_ = 0;  // the current line is [begin_, end_)
  std::size_t end_ = 0;
  std::uint32_t line_ = 0;
  std::optional<ScanFinding> found_;

  std::vector<BlockLevel> blocks_;
  std::vector<FlowLevel> flows_;
  std::size_t flow_base_ = 0;   // block depth around the outermost flow collection
  std::size_t flow_depth_ = 0;  // flow levels open, implicit pairs included
  std::size_t flow_node_column_ = 0;
  std::size_t flow_nodes_ = 0;  // a lower bound of the nodes in flow collections so far
  bool flow_plain_ = false;

  char quote_ = 0;  // the quote of a scalar still open at the end of the line
  std::size_t quote_node_column_ = 0;
  bool plain_open_ = false;  // a block plain scalar may continue on the next line

  bool in_block_scalar_ = false;
  std::size_t block_scalar_min_indent_ = 0;
  std::optional<std::size_t> block_scalar_indent_;
};

}  // namespace

std::optional<ScanFinding> prescan_yaml(std::string_view text, const ReadLimits& limits) {
  return NestingScan(text, limits).run();
}

}  // namespace deploy_advisor::load_detail
