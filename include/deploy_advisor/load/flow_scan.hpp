#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/common/location.hpp"

namespace deploy_advisor {

/// One decorator as written in a FlowSpec source: `@retry(times=3)` gives name "retry" and
/// arguments "times=3" (the text between the parentheses, whitespace collapsed; empty when
/// there are none). A dotted use (`@metaflow.retry`) gives its last part.
struct ScannedDecorator {
  std::string name;
  std::string arguments;
  Location location;  // of the `@`
};

struct ScannedStep {
  std::string name;                          // the method name
  Location location;                         // of `def`
  std::vector<ScannedDecorator> decorators;  // including `step` itself
};

struct ScannedFlow {
  std::string name;                          // the class name
  Location location;                         // of `class`
  std::vector<ScannedDecorator> decorators;  // flow-level (on the class)
  std::vector<ScannedStep> steps;            // methods decorated with @step
  /// The bases as written (`FlowSpec`, `metaflow.FlowSpec`, `BaseFlow`), plain dotted names only.
  std::vector<std::string> bases;
  /// It derives from FlowSpec within this file (directly or through a flow of the file).
  bool flow_spec = true;
};

/// `from module import name as alias` at the top level of a module (`module` keeps its
/// leading dots: `.base` is a sibling module in a package).
struct ScannedImport {
  std::string module;
  std::string name;
  std::string alias;  // the name the module uses; `name` when there is no `as`
};

/// Every top-level class of a module (flows or not) and its `from … import …` statements, so
/// that a flow whose base is defined elsewhere can be followed there.
struct ScannedModule {
  std::vector<ScannedFlow> classes;  // flow_spec says which derive from FlowSpec here
  std::vector<ScannedImport> imports;
  /// Set when the module declares more than kMaxScannedEntries classes, steps, decorators and
  /// imports (inherited steps included): the rest were not kept, and the caller must refuse the
  /// file rather than judge part of it. Holds the place of the first entry left out.
  std::optional<Location> over_limit;
};

/// What one module may declare, in classes, steps, decorators, imports and inherited steps
/// together: real flows have tens; the bound keeps the memory of a 16 MiB file small (the
/// scan itself reads the text in place, without copies).
inline constexpr std::size_t kMaxScannedEntries = 20000;

/// The flow-level decorators a subclass inherits from its base flow (Metaflow reads them
/// through the class hierarchy): @conda_base, @pypi_base, @project, @schedule, @trigger,
/// @trigger_on_finish.
bool is_inherited_flow_decorator(std::string_view name);

ScannedModule scan_module(std::string_view source, const std::string* file);

/// Reads Metaflow FlowSpec classes out of Python source text without running it: a class
/// whose bases name `FlowSpec` (directly or as `metaflow.FlowSpec`), its class decorators and
/// the decorators of its `@step` methods. Comments, string literals (including triple-quoted
/// and f-strings), line continuations and decorator arguments spanning lines are handled;
/// several flows in one file are returned in source order. Never fails: text it cannot
/// read as Python is skipped.
std::vector<ScannedFlow> scan_flows(std::string_view source, const std::string* file);

}  // namespace deploy_advisor
