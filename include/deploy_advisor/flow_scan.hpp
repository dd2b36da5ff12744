#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "deploy_advisor/location.hpp"

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
};

/// Reads Metaflow FlowSpec classes out of Python source text without running it: a class
/// whose bases name `FlowSpec` (directly or as `metaflow.FlowSpec`), its class decorators and
/// the decorators of its `@step` methods. Comments, string literals (including triple-quoted
/// and f-strings), line continuations and decorator arguments spanning lines are handled;
/// several flows in one file are returned in source order. Never fails: text it cannot
/// read as Python is skipped.
std::vector<ScannedFlow> scan_flows(std::string_view source, const std::string* file);

}  // namespace deploy_advisor
