#include <string>

#include <catch2/catch.hpp>

#include "lang_test_support.hpp"

using deploy_advisor::lang::Template;
using lang_test::at;
using lang_test::constant;
using lang_test::origin;
using lang_test::Scope;
using lang_test::Value;

namespace {

Scope message_scope() {
  Scope scope;
  scope.bind("component", constant("{'name': 'gui-api', 'env': {}, 'replicas': 2880}"));
  scope.bind("ratio", Value::number(1.25));
  return scope;
}

Template compile_template(std::string_view text, const Scope& scope) {
  auto [compiled, error] = Template::compile(text, origin(), scope.names());
  INFO(text);
  if (error) FAIL("compile error: " << error->message);
  REQUIRE(compiled);
  return *compiled;
}

deploy_advisor::lang::CompileError template_error(std::string_view text, const Scope& scope) {
  auto [compiled, error] = Template::compile(text, origin(), scope.names());
  INFO(text);
  CHECK_FALSE(compiled);
  REQUIRE(error);
  return *error;
}

}  // namespace

TEST_CASE("a template interpolates its spans") {
  Scope scope = message_scope();
  Template message = compile_template(
      "{{component.name}} is public and EXPOSE_GUI_API is "
      "{{component.env.EXPOSE_GUI_API ?? 'unset (Tracardi default: yes)'}}",
      scope);
  CHECK(message.render(scope.environment()) ==
        "gui-api is public and EXPOSE_GUI_API is unset (Tracardi default: yes)");
}

TEST_CASE("spans render values as messages show them") {
  Scope scope = message_scope();
  CHECK(compile_template("{{ component.replicas }} at {{ratio}}", scope)
            .render(scope.environment()) == "2,880 at 1.25");
  CHECK(compile_template("{{ [1, 'a'] }} {{ component.missing }} {{ true }}", scope)
            .render(scope.environment()) == "[1, a] unset true");
}

TEST_CASE("text without spans renders as written") {
  Scope scope = message_scope();
  CHECK(compile_template("", scope).render(scope.environment()).empty());
  CHECK(compile_template("no spans } here {", scope).render(scope.environment()) ==
        "no spans } here {");
  CHECK(compile_template("a }} b", scope).render(scope.environment()) == "a }} b");
}

TEST_CASE("whitespace inside the braces is trimmed") {
  Scope scope = message_scope();
  CHECK(compile_template("[{{   component.name\n }}]", scope).render(scope.environment()) ==
        "[gui-api]");
  CHECK(compile_template("{{ratio}}{{ratio}}", scope).render(scope.environment()) == "1.251.25");
}

TEST_CASE("braces and quotes inside a span do not end it") {
  Scope scope = message_scope();
  CHECK(compile_template("{{ {'a': {'b': 'x'}}.a.b }}!", scope).render(scope.environment()) ==
        "x!");
  CHECK(compile_template("{{ component.missing ?? '}}' }}", scope).render(scope.environment()) ==
        "}}");
  CHECK(compile_template("{{ 'it\\'s }}' }}", scope).render(scope.environment()) == "it's }}");
}

TEST_CASE("an unclosed span is a compile error at its opening braces") {
  Scope scope = message_scope();
  auto error = template_error("name: {{ component.name", scope);
  CHECK(error.location == at(10, 13));
  CHECK(error.message == "'{{' is not closed: add '}}'");
  auto second_line = template_error("ok {{ratio}}\n  then {{ ratio", scope);
  CHECK(second_line.location == at(11, 8));
}

TEST_CASE("an empty span is a compile error") {
  Scope scope = message_scope();
  auto error = template_error("a {{   }} b", scope);
  CHECK(error.location == at(10, 9));
  CHECK(error.message == "empty '{{ }}': put an expression between the braces");
}

TEST_CASE("errors in a span point into the template") {
  Scope scope = message_scope();
  auto unknown = template_error("replicas: {{  compnent.replicas }}", scope);
  CHECK(unknown.location == at(10, 21));
  CHECK(unknown.message == "unknown name 'compnent'; did you mean 'component'?");
  auto syntax = template_error("line one\n  {{ ratio + }} and {{ ratio }}", scope);
  CHECK(syntax.location == at(11, 13));  // just past `ratio +`
}

TEST_CASE("a span that evaluates to an error renders the error and reports it") {
  Scope scope = message_scope();
  Template message = compile_template("a {{ ratio / 0 }} b {{ 'x' * 2 }} c", scope);
  std::string failure;
  std::string text = message.render(scope.environment(), &failure);
  CHECK(text ==
        "a <error: division by zero in `ratio / 0`> b "
        "<error: cannot apply '*' to string and number in `'x' * 2`> c");
  CHECK(failure == "division by zero in `ratio / 0`");
  CHECK(message.render(scope.environment()) == text);  // no failure pointer: still renders
}

TEST_CASE("a successful render leaves the failure untouched") {
  Scope scope = message_scope();
  std::string failure;
  CHECK(compile_template("{{ratio}}", scope).render(scope.environment(), &failure) == "1.25");
  CHECK(failure.empty());
}
