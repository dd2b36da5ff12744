#include "support/sanitized.hpp"
#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "lang_test_support.hpp"

using lang_test::at;
using lang_test::constant;
using lang_test::is_error;
using lang_test::is_false;
using lang_test::is_number;
using lang_test::is_true;
using lang_test::run;
using lang_test::Scope;
using lang_test::Value;

namespace {

Scope rule_scope() {
  Scope scope;
  scope.bind("component", constant("{'name': 'api', 'replicas': 2, 'env': {'MODE': 'fast'}}"));
  scope.bind("components", constant("[{'name': 'api'}, {'name': 'worker'}]"));
  scope.bind("replicas", Value::number(3));
  return scope;
}

std::string repeated(std::string_view piece, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("operators bind as in CEL") {
  CHECK(is_number(run("1 + 2 * 3"), 7));
  CHECK(is_number(run("(1 + 2) * 3"), 9));
  CHECK(is_number(run("10 - 4 - 3"), 3));  // left to right
  CHECK(is_number(run("12 / 2 / 3"), 2));
  CHECK(is_number(run("7 % 4 * 2"), 6));
  CHECK(is_number(run("-2 * 3"), -6));
  CHECK(is_number(run("- - 2"), 2));
  CHECK(is_true(run("1 + 1 == 2")));
  CHECK(is_true(run("1 < 2 == true")));
  CHECK(is_true(run("!false == true")));
  CHECK(is_true(run("!!true")));
  CHECK(is_true(run("true || false && false")));  // && binds tighter than ||
  CHECK(is_false(run("(true || false) && false")));
  CHECK(is_true(run("1 < 2 && 2 < 3")));
  CHECK(is_true(run("'a' in ['a'] && true")));
  CHECK(is_true(run("1 + 1 in [2]")));
}

TEST_CASE("the conditional operator is lowest and groups to the right") {
  CHECK(is_number(run("true ? 1 : 2"), 1));
  CHECK(is_number(run("false ? 1 : 2"), 2));
  CHECK(is_number(run("false ? 1 : true ? 2 : 3"), 2));
  CHECK(is_number(run("false ? 1 : false ? 2 : 3"), 3));
  CHECK(is_number(run("1 < 2 || false ? 10 + 1 : 20"), 11));
  CHECK(is_number(run("null ?? true ? 1 : 2"), 1));  // `??` binds tighter than `?:`
}

TEST_CASE("?? binds more loosely than || and more tightly than ?:") {
  Scope scope = rule_scope();
  CHECK(is_number(scope.run("component.missing ?? 1 + 2"), 3));  // a ?? (1 + 2)
  CHECK(is_number(scope.run("component.replicas ?? 1 + 2"), 2));
  CHECK(is_number(scope.run("(component.missing ?? 1) + 2"), 3));
  CHECK(is_number(scope.run("null ?? null ?? 5"), 5));
  CHECK(is_true(scope.run("(component.env.EXPOSE ?? 'yes') != 'no'")));
  CHECK(is_false(scope.run("component.missing ?? (1 == 2)")));
}

TEST_CASE("?? next to a comparison or a logical operator must be parenthesised") {
  Scope scope = rule_scope();
  auto comparison = scope.compile_error("component.env.EXPOSE ?? 'yes' != 'no'");
  CHECK(comparison.location == at(10, 28));
  CHECK(comparison.message ==
        "'\?\?' binds more loosely than '!=': add parentheses, as in '(a ?? b) != c' or "
        "'a ?? (b != c)'");
  auto left_or = scope.compile_error("true || false ?? true");
  CHECK(left_or.location == at(10, 21));
  CHECK(left_or.message.find("'||'") != std::string::npos);
  auto right_and = scope.compile_error("component.a ?? true && false");
  CHECK(right_and.message.find("'&&'") != std::string::npos);
  auto membership = scope.compile_error("component.a ?? 'x' in ['x']");
  CHECK(membership.message.find("'in'") != std::string::npos);
}

TEST_CASE("literals: numbers, strings, booleans, null, lists and maps") {
  CHECK(is_number(run("2.5"), 2.5));
  CHECK(lang_test::is_string(run("'single'"), "single"));
  CHECK(lang_test::is_string(run("\"double\""), "double"));
  CHECK(is_true(run("true")));
  CHECK(is_false(run("false")));
  CHECK(run("null").is_null());
  Value list = run("[1, 'two', [3], ]");
  REQUIRE(list.is_list());
  CHECK(list.as_list().size() == 3);
  CHECK(run("[]").as_list().empty());
  Value map = run("{'a': 1, \"b\": {'c': true},}");
  REQUIRE(map.is_map());
  CHECK(is_number(map.get("a"), 1));
  CHECK(is_true(map.get("b").get("c")));
  CHECK(run("{}").as_map().empty());
}

TEST_CASE("member access, indexing and calls chain left to right") {
  Scope scope = rule_scope();
  CHECK(lang_test::is_string(scope.run("components[1].name"), "worker"));
  CHECK(lang_test::is_string(scope.run("component['env'].MODE"), "fast"));
  CHECK(is_number(scope.run("components.map(c, c.name)[0].size()"), 3));
  CHECK(is_true(scope.run("{'in': 1, 'true': 2}.in == 1")));  // keywords as member names
}

TEST_CASE("syntax errors point at the offending character") {
  Scope scope = rule_scope();
  struct Case {
    std::string_view text;
    deploy_advisor::Location location;
    std::string_view message;
  };
  for (const Case& c : std::vector<Case>{
           {"", at(10, 7), "empty expression"},
           {"   ", at(10, 10), "empty expression"},
           {"replicas +", at(10, 17), "expected a value, found the end of the expression"},
           {"replicas replicas", at(10, 16),
            "unexpected 'replicas'; expected an operator or the end of the expression"},
           {"(replicas + 1", at(10, 20),
            "expected ')' to close the '(' at 10:7, found the end of the expression"},
           {"[1, 2", at(10, 12),
            "expected ']' to close the '[' at 10:7, found the end of the "
            "expression"},
           {"components[0", at(10, 19),
            "expected ']' to close the '[' at 10:17, found the end "
            "of the expression"},
           {"size(components", at(10, 22),
            "expected ')' to close the '(' at 10:11, found the end "
            "of the expression"},
           {"component.", at(10, 17),
            "expected a member name after '.', found the end of the "
            "expression"},
           {"component.1", at(10, 17), "expected a member name after '.', found '1'"},
           {"true ? 1", at(10, 15),
            "expected ':' after the '?' at 10:12, found the end of the "
            "expression"},
           {"* 2", at(10, 7), "expected a value, found '*'"},
           {"{'a' 1}", at(10, 12), "expected ':' after a map key, found '1'"},
           {"{a: 1}", at(10, 8),
            "map keys must be quoted strings, as in {'replicas': 2}; found "
            "'a'"},
           {"{'a': 1, 'a': 2}", at(10, 16), "duplicate map key 'a'"},
           {"{'a': 1", at(10, 14),
            "expected '}' to close the '{' at 10:7, found the end of the "
            "expression"},
           {"replicas = 2", at(10, 16), "unexpected '='; did you mean '=='?"},
           {"[replicas = 2]", at(10, 17), "unexpected '='; did you mean '=='?"},
           {"let = 2; 1", at(10, 11),
            "expected a name after 'let', as in let total = a + b; total * 2; found '='"},
           {"let x == 2; x", at(10, 13),
            "expected '=' after the name in 'let x', found '=='"},
           {"let x = 2 x", at(10, 17),
            "expected ';' to end the value of 'let x' at 10:7, found 'x'"},
           {"let x = 2;", at(10, 17), "expected a value, found the end of the expression"},
           {"1 + let x = 2; x", at(10, 11),
            "a 'let' here needs parentheses, as in 1 + (let x = 2; x * x): its body runs to the "
            "end of the expression"},
       }) {
    INFO(c.text);
    auto error = scope.compile_error(c.text);
    CHECK(error.location == c.location);
    CHECK(error.message == c.message);
  }
}

TEST_CASE("errors in multi-line text count lines and restart columns") {
  Scope scope = rule_scope();
  auto error = scope.compile_error("replicas > 1 &&\n  replicas < 5 &&\n    )");
  CHECK(error.location == at(12, 5));
  auto unknown = scope.compile_error("replicas > 1 &&\n\n replicsa < 5");
  CHECK(unknown.location == at(12, 2));
}

TEST_CASE("unknown names are compile errors with a suggestion") {
  Scope scope = rule_scope();
  auto typo = scope.compile_error("componnet.name == 'api'");
  CHECK(typo.location == at(10, 7));
  CHECK(typo.message == "unknown name 'componnet'; did you mean 'component'?");
  auto far = scope.compile_error("1 + zzzzzz");
  CHECK(far.location == at(10, 11));
  CHECK(far.message == "unknown name 'zzzzzz'");
  auto function_as_name = scope.compile_error("size + 1");
  CHECK(function_as_name.message == "'size' is a function: call it, as in size(x) or x.size()");
}

TEST_CASE("macro variables are in scope inside their macro only") {
  Scope scope = rule_scope();
  CHECK(is_true(scope.run("components.all(c, c.name != '')")));
  auto outside = scope.compile_error("components.all(c, true) && c.name == 'x'");
  CHECK(outside.location == at(10, 34));
  CHECK(outside.message.starts_with("unknown name 'c'"));
  auto in_receiver = scope.compile_error("c.all(c, true)");
  CHECK(in_receiver.location == at(10, 7));
  auto suggestion = scope.compile_error("components.all(comp, compp.name == 'x')");
  CHECK(suggestion.message == "unknown name 'compp'; did you mean 'comp'?");
}

TEST_CASE("let binds a name for the rest of the expression and is the loosest form") {
  Scope scope = rule_scope();
  CHECK(is_number(scope.run("let x = 2; x * x"), 4));
  CHECK(is_number(scope.run("let x = 1 + 1; let y = x * 10; x + y"), 22));  // lets chain
  CHECK(is_true(scope.run("let x = replicas; x > 2 && x < 5 ? true : false")));
  CHECK(is_number(scope.run("let x = true ? 1 : 2; x"), 1));  // the value runs to the ';'
  CHECK(is_number(scope.run("(let x = 2; x) + 1"), 3));
  CHECK(is_number(scope.run("[let x = 2; x, 5][0]"), 2));  // the body ends at a ','
  CHECK(is_number(scope.run("size(let x = [1, 2]; x)"), 2));
  CHECK(is_number(scope.run("false ? 0 : let x = 3; x"), 3));  // an else branch may be a let
  CHECK(is_number(scope.run("{'a': let x = 4; x}.a"), 4));
  CHECK(is_number(scope.run("let x = let y = 2; y + 1; x"), 3));
  CHECK(is_number(scope.run("let x = 1; // why x\n  x + 1"), 2));
  CHECK(is_number(scope.run("{'let': 5}.let"), 5));  // a keyword is fine as a member name
}

TEST_CASE("a let's name is in scope inside its body only") {
  Scope scope = rule_scope();
  auto after = scope.compile_error("(let x = 1; x) + x");
  CHECK(after.location == at(10, 24));
  CHECK(after.message == "unknown name 'x'");
  auto in_value = scope.compile_error("let x = x + 1; x");
  CHECK(in_value.location == at(10, 15));
  CHECK(in_value.message == "unknown name 'x'");
  auto typo = scope.compile_error("let total = 1;\n  totl + 1");
  CHECK(typo.location == at(11, 3));
  CHECK(typo.message == "unknown name 'totl'; did you mean 'total'?");
  auto sibling = scope.compile_error("[let a = 1; a, a]");
  CHECK(sibling.location == at(10, 22));
  CHECK(sibling.message.starts_with("unknown name 'a'"));
}

TEST_CASE("a let's name shadows an outer name inside its body only") {
  Scope scope = rule_scope();
  CHECK(is_number(scope.run("let replicas = replicas * 10; replicas"), 30));
  CHECK(is_number(scope.run("(let replicas = 0; replicas) + replicas"), 3));
  CHECK(is_number(scope.run("let x = 1; let x = x + 1; x"), 2));
  CHECK(is_number(scope.run("let x = 5; [1, 2].map(x, x * 2)[1] + x"), 9));
  CHECK(is_number(scope.run("[1, 2].map(x, let x = x * 100; x)[1]"), 200));
  CHECK(lang_test::is_string(scope.run("let component = components[1]; component.name"),
                             "worker"));
}

TEST_CASE("unknown functions and wrong calls are compile errors") {
  Scope scope = rule_scope();
  struct Case {
    std::string_view text;
    deploy_advisor::Location location;
    std::string_view message;
  };
  for (const Case& c : std::vector<Case>{
           {"sise(components)", at(10, 7), "unknown function 'sise'; did you mean 'size'?"},
           {"component.name.lowercase()", at(10, 7), "unknown function 'lowercase'"},
           {"component.name.startswith('a')", at(10, 7),
            "unknown function 'startswith'; did you mean 'startsWith'?"},
           {"ceil(1, 2)", at(10, 7), "ceil() takes 1 argument, got 2: write ceil(x)"},
           {"ceil()", at(10, 7), "ceil() takes 1 argument, got 0: write ceil(x)"},
           {"min()", at(10, 7),
            "min() takes at least 1 argument, got 0: write min(a, b, ...) or min(list)"},
           {"join()", at(10, 7),
            "join() takes 1 to 2 arguments, got 0: write join(list, separator)"},
           {"'a'.startsWith()", at(10, 7),
            "startsWith() takes 1 argument, got 0: write text.startsWith(prefix)"},
           {"startsWith('a', 'b')", at(10, 7),
            "startsWith() is a method: write text.startsWith(prefix)"},
           {"components.flatten()", at(10, 7),
            "flatten() is not a method: write flatten(list_of_lists)"},
           {"has(component)", at(10, 7), "has() takes one member access, as in has(component.tls)"},
           {"has(component.a, 1)", at(10, 7),
            "has() takes one member access, as in has(component.tls)"},
           {"component.has(x)", at(10, 7),
            "has() is not a method: write has(component.tls), for example"},
           {"all(components, c, true)", at(10, 7),
            "all() is a method: write list.all(x, predicate)"},
           {"components.all(c)", at(10, 7),
            "all() takes 2 arguments, got 1: write list.all(x, predicate)"},
           {"components.map(c, c, c, c)", at(10, 7),
            "map() takes 2 or 3 arguments, got 4: write list.map(x, expression) or "
            "list.map(x, predicate, expression)"},
           {"components.exists(c.name, true)", at(10, 25),
            "the first argument of exists() must be a variable name, as in "
            "list.exists(x, predicate)"},
           {"components.filter((c), true)", at(10, 25),
            "the first argument of filter() must be a variable name, as in "
            "list.filter(x, predicate)"},
       }) {
    INFO(c.text);
    auto error = scope.compile_error(c.text);
    CHECK(error.location == c.location);
    CHECK(error.message == c.message);
  }
}

TEST_CASE("an invalid literal pattern is a compile error at the pattern") {
  Scope scope = rule_scope();
  auto error = scope.compile_error("component.name.matches('a(b')");
  CHECK(error.location == at(10, 30));
  CHECK(error.message.starts_with("invalid regular expression 'a(b': "));
  auto global = scope.compile_error("matches(component.name, '[z-a]')");
  CHECK(global.location == at(10, 31));
}

TEST_CASE("text over 64 KiB is a compile error") {
  std::string text = "1" + repeated(" + 1", 16 * 1024);
  REQUIRE(text.size() > 64 * 1024);
  auto error = Scope().compile_error(text);
  CHECK(error.location == at(10, 7));
  CHECK(error.message.find("64 KiB") != std::string::npos);
}

TEST_CASE("a long flat expression compiles and evaluates in reasonable time") {
  std::string text = "size([1" + repeated(", 1", 20'000) + "])";
  REQUIRE(text.size() < 64 * 1024);
  auto start = std::chrono::steady_clock::now();
  CHECK(is_number(run(text), 20'001));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5) * deploy_advisor::test::kTimeScale);
}

TEST_CASE("nesting is bounded, so hostile input cannot exhaust the stack") {
  Scope scope = rule_scope();
  SECTION("10,000 parentheses") {
    std::string text = repeated("(", 10'000) + "1" + repeated(")", 10'000);
    auto error = scope.compile_error(text);
    CHECK(error.message.find("nests more than 100 levels") != std::string::npos);
    CHECK(error.location == at(10, 107));  // the 101st parenthesis
  }
  SECTION("10,000 unary operators") {
    auto error = scope.compile_error(repeated("!", 10'000) + "true");
    CHECK(error.message.find("nests more than 100 levels") != std::string::npos);
  }
  SECTION("a long operator chain") {
    auto error = scope.compile_error("1" + repeated(" + 1", 5'000));
    CHECK(error.message.find("nests more than 100 levels") != std::string::npos);
  }
  SECTION("a long member chain") {
    auto error = scope.compile_error("component" + repeated(".a", 5'000));
    CHECK(error.message.find("nests more than 100 levels") != std::string::npos);
  }
  SECTION("nested lists, maps and calls") {
    CHECK(scope.compile_error(repeated("[", 5'000)).message.find("nests") != std::string::npos);
    CHECK(scope.compile_error(repeated("{'a': ", 5'000)).message.find("nests") !=
          std::string::npos);
    CHECK(scope.compile_error(repeated("abs(", 5'000)).message.find("nests") != std::string::npos);
  }
  SECTION("moderate nesting is fine") {
    std::string text = repeated("(", 50) + "1" + repeated(")", 50);
    CHECK(is_number(scope.run(text), 1));
    CHECK(is_number(scope.run("1" + repeated(" + 1", 60)), 61));
  }
}

TEST_CASE("source_text returns the expression as written") {
  auto compiled = deploy_advisor::lang::compile("1 +  2", lang_test::origin(), {});
  REQUIRE(compiled.expression);
  CHECK(deploy_advisor::lang::source_text(*compiled.expression) == "1 +  2");
}

TEST_CASE("a compiled expression can be evaluated many times") {
  Scope scope;
  scope.bind("x", Value::number(2));
  auto compiled = deploy_advisor::lang::compile("x * 2", lang_test::origin(), scope.names());
  REQUIRE(compiled.expression);
  for (int i = 0; i < 3; ++i)
    CHECK(is_number(deploy_advisor::lang::evaluate(*compiled.expression, scope.environment()), 4));
}

TEST_CASE("errors in evaluation are values, not compile errors") { CHECK(is_error(run("1 / 0"))); }
