#pragma once

#include <memory>
#include <string>
#include <utility>

#include "deploy_advisor/lang/lang.hpp"
#include "lang/ast.hpp"

namespace deploy_advisor::lang {

/// A checked syntax tree with the text it was parsed from. Immutable once built, so one
/// Expression can be evaluated from several threads at once.
class Expression {
 public:
  Expression(std::string text, Location origin, std::unique_ptr<const SyntaxNode> root)
      : text_(std::move(text)), origin_(origin), root_(std::move(root)) {}

  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] const Location& origin() const { return origin_; }
  [[nodiscard]] const SyntaxNode& root() const { return *root_; }

 private:
  std::string text_;
  Location origin_;
  std::unique_ptr<const SyntaxNode> root_;
};

}  // namespace deploy_advisor::lang
