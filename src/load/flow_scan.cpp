#include "deploy_advisor/load/flow_scan.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "load/flow_scan_lexer.hpp"

namespace deploy_advisor {

namespace {

using flow_scan_internal::Lexer;
using flow_scan_internal::Token;
using flow_scan_internal::TokenKind;

struct BaseName {
  std::string last;     // `FlowSpec` for `metaflow.FlowSpec`
  bool dotted = false;  // names something in another module
  std::string written;  // `metaflow.FlowSpec`
};

// One logical line, reduced to what the flow rules need.
struct Line {
  enum class Kind { Other, Decorator, Class, Def, Import };
  Kind kind = Kind::Other;
  std::uint32_t indent = 0;
  ScannedDecorator decorator;   // Decorator; no name unless it is `@a.b.name` or a call of one
  std::string name;             // Class, Def
  Location location;            // Class, Def, Import: the keyword
  std::vector<BaseName> bases;  // Class
  std::vector<ScannedImport> imports;  // Import
};

bool is_identifier(const Token& token, std::string_view source) {
  return token.kind == TokenKind::Word &&
         std::isdigit(static_cast<unsigned char>(source[token.begin])) == 0;
}

bool ends_line(const Token& token) {
  return token.kind == TokenKind::Newline || token.kind == TokenKind::End;
}

// Collects the bases of a class statement that are plain dotted names; calls, subscripts,
// keywords (`metaclass=...`) and starred bases are skipped.
class BaseListReader {
 public:
  explicit BaseListReader(std::uint32_t depth) : depth_(depth) {}

  void add(const Token& token, std::string_view source) {
    if (token.depth == depth_ && token.is_op(',')) {
      end_base();
    } else if (token.depth == depth_ && expect_name_ && is_identifier(token, source)) {
      last_ = source.substr(token.begin, token.end - token.begin);
      written_ += last_;
      expect_name_ = false;
    } else if (token.depth == depth_ && !expect_name_ && token.is_op('.')) {
      expect_name_ = true;
      dotted_ = true;
      written_ += '.';
    } else {
      valid_ = false;
    }
  }

  std::vector<BaseName> finish() {
    end_base();
    return std::move(bases_);
  }

 private:
  void end_base() {
    // One past the limit is enough for the collector to refuse the module.
    if (valid_ && !expect_name_ && !last_.empty() && bases_.size() <= kMaxScannedEntries) {
      bases_.push_back(BaseName{std::string(last_), dotted_, written_});
    }
    last_ = {};
    written_.clear();
    expect_name_ = true;
    dotted_ = false;
    valid_ = true;
  }

  std::uint32_t depth_;  // of the tokens directly inside the parentheses
  std::vector<BaseName> bases_;
  std::string_view last_;
  std::string written_;
  bool expect_name_ = true;
  bool dotted_ = false;
  bool valid_ = true;
};

class LineReader {
 public:
  LineReader(std::string_view source, const std::string* file)
      : source_(source), file_(file), lexer_(source) {}

  std::optional<Line> next() {
    const Token first = lexer_.next();
    if (first.kind == TokenKind::End) return std::nullopt;
    Line line;
    line.indent = first.indent;
    Token last = first;
    if (first.is_op('@')) {
      last = read_decorator(line, first);
    } else if (first.is_word(source_, "class")) {
      last = read_class(line, first);
    } else if (first.is_word(source_, "def")) {
      last = read_def(line, first);
    } else if (first.is_word(source_, "from") && first.indent == 0) {
      line.location = where(first);
      last = read_import(line);
    } else if (first.is_word(source_, "async")) {
      last = lexer_.next();
      if (last.is_word(source_, "def")) last = read_def(line, last);
    }
    while (!ends_line(last)) last = lexer_.next();
    return line;
  }

 private:
  [[nodiscard]] Location where(const Token& token) const {
    return Location{file_, token.line, token.column};
  }

  [[nodiscard]] std::string_view text(const Token& token) const {
    return source_.substr(token.begin, token.end - token.begin);
  }

  // Returns the first token that is not part of what was read. Only `@name`, `@a.b.name`
  // and their calls are named: `@a[0].b` or `@f(x).g` decorate with something else.
  Token read_decorator(Line& line, const Token& at) {
    line.kind = Line::Kind::Decorator;
    line.decorator.location = where(at);
    Token token = lexer_.next();
    std::string_view name;
    bool expect_name = true;
    for (;; token = lexer_.next()) {
      if (expect_name && is_identifier(token, source_)) {
        name = text(token);
        expect_name = false;
      } else if (!expect_name && token.is_op('.')) {
        expect_name = true;
      } else {
        break;
      }
    }
    if (name.empty() || expect_name) return token;
    if (token.is_op('(')) {
      token = read_arguments(line.decorator, token);
      if (!ends_line(token)) token = lexer_.next();  // past the `)`; unclosed calls count
    }
    if (!ends_line(token)) {
      line.decorator.arguments.clear();
      return token;
    }
    line.decorator.name = std::string(name);
    return token;
  }

  // Reads up to the parenthesis matching `open` and returns it (or the end of the line).
  Token read_arguments(ScannedDecorator& decorator, const Token& open) {
    Token token = lexer_.next();
    while (!ends_line(token) && !(token.depth == open.depth && token.is_closer())) {
      token = lexer_.next();
    }
    decorator.arguments = flow_scan_internal::collapse_arguments(source_, open.end, token.begin);
    return token;
  }

  Token read_class(Line& line, const Token& keyword) {
    Token token = lexer_.next();
    if (!is_identifier(token, source_)) return token;
    line.kind = Line::Kind::Class;
    line.name = std::string(text(token));
    line.location = where(keyword);
    token = lexer_.next();
    if (!token.is_op('(')) return token;
    const std::uint32_t outside = token.depth;
    BaseListReader bases(outside + 1);
    for (token = lexer_.next(); !ends_line(token); token = lexer_.next()) {
      if (token.depth == outside && token.is_closer()) break;
      bases.add(token, source_);
    }
    line.bases = bases.finish();
    return token;
  }

  // `from .a.b import C, D as E` or with the names in parentheses; `import *` names nothing.
  Token read_import(Line& line) {
    std::string module;
    Token token = lexer_.next();
    for (; !ends_line(token); token = lexer_.next()) {
      if (token.is_word(source_, "import")) break;
      if (token.is_op('.') || is_identifier(token, source_)) module += text(token);
      else return token;
    }
    if (!token.is_word(source_, "import") || module.empty()) return token;
    std::string name;
    bool alias_next = false;
    for (token = lexer_.next(); !ends_line(token); token = lexer_.next()) {
      if (token.is_op('(') || (token.is_closer() && !token.is_op(','))) continue;
      if (token.is_op(',')) {
        name.clear();
        continue;
      }
      if (token.is_word(source_, "as")) {
        alias_next = true;
        continue;
      }
      if (!is_identifier(token, source_)) continue;
      if (alias_next && !line.imports.empty()) {
        line.imports.back().alias = std::string(text(token));
        alias_next = false;
        continue;
      }
      name = std::string(text(token));
      // One past the limit is enough for the collector to refuse the module.
      if (line.imports.size() <= kMaxScannedEntries) line.imports.push_back(ScannedImport{module, name, name});
    }
    if (!line.imports.empty()) line.kind = Line::Kind::Import;
    return token;
  }

  Token read_def(Line& line, const Token& keyword) {
    Token token = lexer_.next();
    if (!is_identifier(token, source_)) return token;
    line.kind = Line::Kind::Def;
    line.name = std::string(text(token));
    line.location = where(keyword);
    return lexer_.next();
  }

  std::string_view source_;
  const std::string* file_;
  Lexer lexer_;
};

bool has_step_decorator(const std::vector<ScannedDecorator>& decorators) {
  return std::any_of(decorators.begin(), decorators.end(),
                     [](const ScannedDecorator& d) { return d.name == "step"; });
}

// Turns logical lines into flows. Python's block structure is read from indentation only:
// a class body is every line indented deeper than the `class` line, and its methods sit at
// the indentation of the body's first line.
class FlowCollector {
 public:
  void add(Line line) {
    if (over_limit_) return;  // the caller refuses the module: nothing more is worth keeping
    if (open_ && line.indent <= open_->class_indent) close_flow();
    if (open_ && !open_->body_indent) open_->body_indent = line.indent;
    switch (line.kind) {
      case Line::Kind::Decorator:
        add_decorator(std::move(line));
        return;  // a decorator keeps the chain open for the next line
      case Line::Kind::Class:
        add_class(line);
        break;
      case Line::Kind::Def:
        add_def(line);
        break;
      case Line::Kind::Import:
        for (auto& i : line.imports) {
          if (!keep(line.location)) break;
          imports_.push_back(std::move(i));
        }
        break;
      case Line::Kind::Other:
        break;
    }
    pending_.clear();
    has_pending_ = false;
  }

  ScannedModule finish() {
    if (open_) close_flow();
    return ScannedModule{std::move(flows_), std::move(imports_), over_limit_};
  }

 private:
  struct OpenFlow {
    ScannedFlow flow;
    std::uint32_t class_indent = 0;
    std::optional<std::uint32_t> body_indent;
    std::vector<std::size_t> flow_bases;      // indexes into flows_
    std::unordered_set<std::string> methods;  // every def of the body, step or not
  };

  /// Counts `entries` more kept; false (and the module marked) past kMaxScannedEntries.
  bool keep(const Location& at, std::size_t entries = 1) {
    if (kept_ + entries <= kMaxScannedEntries) {
      kept_ += entries;
      return true;
    }
    if (!over_limit_) over_limit_ = at;
    return false;
  }

  void add_decorator(Line line) {
    if (has_pending_ && pending_indent_ != line.indent) pending_.clear();
    has_pending_ = true;
    pending_indent_ = line.indent;
    if (!line.decorator.name.empty() && keep(line.decorator.location))
      pending_.push_back(std::move(line.decorator));
  }

  std::vector<ScannedDecorator> take_decorators(std::uint32_t indent) {
    if (!has_pending_ || pending_indent_ != indent) return {};
    return std::move(pending_);
  }

  void add_class(Line& line) {
    if (open_) return;  // a class nested in a flow's body is not a flow of its own
    if (!keep(line.location, 1 + line.bases.size())) return;
    std::vector<std::size_t> flow_bases;
    bool flow = false;
    for (const BaseName& base : line.bases) {
      if (base.last == "FlowSpec") flow = true;
      if (base.dotted) continue;
      if (auto it = by_name_.find(base.last); it != by_name_.end()) {
        flow_bases.push_back(it->second);
        flow = flow || flows_[it->second].flow_spec;
      }
    }
    // Not emplace(): clang checks OpenFlow's default constructor before the enclosing class,
    // and so its member initialisers, is complete.
    open_.emplace(OpenFlow{});
    open_->flow.flow_spec = flow;
    for (const BaseName& base : line.bases) open_->flow.bases.push_back(base.written);
    open_->flow.name = std::move(line.name);
    open_->flow.location = line.location;
    open_->flow.decorators = take_decorators(line.indent);
    open_->class_indent = line.indent;
    open_->flow_bases = std::move(flow_bases);
  }

  void add_def(Line& line) {
    if (!open_ || line.indent != open_->body_indent) return;
    std::vector<ScannedDecorator> decorators = take_decorators(line.indent);
    // A def is one entry: a method name kept, or a step (a redefined plain method is free).
    const bool fresh = open_->methods.count(line.name) == 0;
    const bool step = has_step_decorator(decorators);
    if ((fresh || step) && !keep(line.location)) return;
    if (fresh) open_->methods.insert(line.name);
    if (!step) return;
    open_->flow.steps.push_back(
        ScannedStep{std::move(line.name), line.location, std::move(decorators)});
  }

  // Steps a subclass does not redefine come from its bases of this file, first base first,
  // as Python's attribute lookup would find them; so do the flow-level decorators Metaflow
  // reads through the class hierarchy, unless the subclass sets its own.
  void inherit_steps(OpenFlow& open) {
    for (const std::size_t base : open.flow_bases) {
      for (const ScannedDecorator& d : flows_[base].decorators) {
        if (!is_inherited_flow_decorator(d.name)) continue;
        bool own = std::any_of(open.flow.decorators.begin(), open.flow.decorators.end(),
                               [&](const ScannedDecorator& o) { return o.name == d.name; });
        if (!own && keep(open.flow.location)) open.flow.decorators.push_back(d);
      }
      for (const ScannedStep& step : flows_[base].steps) {
        if (open.methods.count(step.name) != 0) continue;
        if (!keep(open.flow.location, 1 + step.decorators.size())) return;
        open.methods.insert(step.name);
        open.flow.steps.push_back(step);
      }
    }
  }

  void close_flow() {
    inherit_steps(*open_);
    by_name_[open_->flow.name] = flows_.size();
    flows_.push_back(std::move(open_->flow));
    open_.reset();
  }

  std::vector<ScannedFlow> flows_;
  std::vector<ScannedImport> imports_;
  std::unordered_map<std::string, std::size_t> by_name_;  // the latest flow of each name
  std::optional<OpenFlow> open_;
  std::vector<ScannedDecorator> pending_;
  std::uint32_t pending_indent_ = 0;
  bool has_pending_ = false;  // also true after decorators that give no name
  std::size_t kept_ = 0;      // entries kept, against kMaxScannedEntries
  std::optional<Location> over_limit_;
};

}  // namespace

bool is_inherited_flow_decorator(std::string_view name) {
  return name == "conda_base" || name == "pypi_base" || name == "project" || name == "schedule" ||
         name == "trigger" || name == "trigger_on_finish";
}

ScannedModule scan_module(std::string_view source, const std::string* file) {
  LineReader reader(source, file);
  FlowCollector collector;
  while (std::optional<Line> line = reader.next()) collector.add(std::move(*line));
  return collector.finish();
}

std::vector<ScannedFlow> scan_flows(std::string_view source, const std::string* file) {
  std::vector<ScannedFlow> flows;
  for (auto& c : scan_module(source, file).classes)
    if (c.flow_spec) flows.push_back(std::move(c));
  return flows;
}

}  // namespace deploy_advisor
