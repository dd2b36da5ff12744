#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "lang_test_support.hpp"

using lang_test::at;
using lang_test::constant;
using lang_test::in_topology;
using lang_test::is_error;
using lang_test::is_false;
using lang_test::is_number;
using lang_test::is_string;
using lang_test::is_true;
using lang_test::origin;
using lang_test::run;
using lang_test::Scope;
using lang_test::Value;

namespace {

/// A component as the topology loader would give it, with locations in topology.yaml.
Value api_component() {
  return Value::map(
      {
          {"name", Value::string("api", in_topology(3, 11))},
          {"role", Value::string("api", in_topology(4, 11))},
          {"replicas", Value::number(1, in_topology(5, 15))},
          {"exposure", Value::null(in_topology(6, 15))},
          {"tls", Value::boolean(false, in_topology(7, 10))},
          {"env",
           Value::map({{"MODE", Value::string("fast", in_topology(9, 13))}}, in_topology(9, 7))},
          {"ports", Value::list({Value::number(80, in_topology(11, 9)),
                                 Value::number(443, in_topology(12, 9))},
                                in_topology(11, 7))},
      },
      in_topology(3, 5));
}

Scope topology_scope() {
  Scope scope;
  scope.bind("component", api_component());
  scope.bind("components", constant("[{'name': 'api', 'role': 'api', 'replicas': 1},"
                                    " {'name': 'ui', 'role': 'gui', 'replicas': 3},"
                                    " {'name': 'db', 'role': 'store'}]"));
  scope.bind("nothing", Value::absent(in_topology(1, 1)));
  return scope;
}

}  // namespace

TEST_CASE("numbers are doubles: division is exact") {
  CHECK(is_number(run("3 / 2"), 1.5));
  CHECK(is_true(run("3 / 2 == 1.5")));
  CHECK(is_number(run("7 % 4"), 3));
  CHECK(is_number(run("-7 % 4"), -3));
  CHECK(is_number(run("7.5 % 2"), 1.5));
  CHECK(is_number(run("0.1 + 0.2 - 0.3 < 0.0001 ? 1 : 0"), 1));
  CHECK(is_number(run("2 - 5"), -3));
  CHECK(is_number(run("2 * 2.5"), 5));
}

TEST_CASE("+ concatenates strings and lists") {
  CHECK(is_string(run("'ab' + \"cd\""), "abcd"));
  Value list = run("[1] + [2, 3]");
  REQUIRE(list.is_list());
  CHECK(equal(list, constant("[1, 2, 3]")));
}

TEST_CASE("equality is structural") {
  CHECK(is_true(run("[1, [2, 'x']] == [1, [2, 'x']]")));
  CHECK(is_true(run("{'a': 1, 'b': 2} == {'b': 2, 'a': 1}")));
  CHECK(is_true(run("{'a': 1} != {'a': 2}")));
  CHECK(is_false(run("1 == '1'")));
  CHECK(is_true(run("1 != '1'")));
  CHECK(is_true(run("null == null")));
  CHECK(is_true(run("true != false")));
  CHECK(is_false(run("[1] == [1, 1]")));
}

TEST_CASE("ordering compares numbers, strings and booleans") {
  CHECK(is_true(run("1 < 2")));
  CHECK(is_true(run("2 <= 2")));
  CHECK(is_true(run("3 > 2")));
  CHECK(is_false(run("2 >= 3")));
  CHECK(is_true(run("'abc' < 'abd'")));
  CHECK(is_true(run("'b' > 'abc'")));
  CHECK(is_true(run("false < true")));
}

TEST_CASE("in tests list membership, map keys and substrings") {
  CHECK(is_true(run("2 in [1, 2, 3]")));
  CHECK(is_false(run("4 in [1, 2, 3]")));
  CHECK(is_true(run("[1] in [[1], [2]]")));
  CHECK(is_true(run("'a' in {'a': 1}")));
  CHECK(is_false(run("'b' in {'a': 1}")));
  CHECK(is_true(run("'ell' in 'hello'")));
  CHECK(is_false(run("'xyz' in 'hello'")));
  CHECK(is_false(run("'a' in []")));
  Scope scope = topology_scope();
  CHECK(is_false(scope.run("'a' in nothing")));
  CHECK(is_false(scope.run("nothing in [1]")));
  CHECK(is_false(scope.run("nothing in {'a': 1}")));
  CHECK(is_false(scope.run("component.missing in 'abc'")));
}

TEST_CASE("member access reads maps; anything else reads as absent") {
  Scope scope = topology_scope();
  CHECK(is_string(scope.run("component.name"), "api"));
  CHECK(is_string(scope.run("component.env.MODE"), "fast"));
  CHECK(scope.run("component.missing").is_absent());
  CHECK(scope.run("component.missing.deeper.still").is_absent());
  CHECK(scope.run("component.name.length").is_absent());
  CHECK(scope.run("component.exposure.level").is_absent());
  CHECK(scope.run("nothing.a").is_absent());
}

TEST_CASE("values keep their locations") {
  Scope scope = topology_scope();
  SECTION("a member carries where it is written") {
    CHECK(scope.run("component.env.MODE").location() == in_topology(9, 13));
  }
  SECTION("a missing member is located at the nearest enclosing map") {
    CHECK(scope.run("component.env.MISSING").location() == in_topology(9, 7));
    CHECK(scope.run("component.env.MISSING.deeper").location() == in_topology(9, 7));
    CHECK(scope.run("component.name.deeper").location() == in_topology(3, 11));
  }
  SECTION("arithmetic is located at its first operand") {
    CHECK(scope.run("component.replicas * 2").location() == in_topology(5, 15));
    CHECK(scope.run("2 * component.replicas").location() == origin());
    CHECK(scope.run("component.replicas < 2").location() == in_topology(5, 15));
  }
  SECTION("literals are located at the expression") {
    CHECK(scope.run("42").location() == origin());
    CHECK(scope.run("[1, 2]").location() == origin());
  }
  SECTION("errors are located at the operation that failed") {
    Value error = scope.run("component.replicas +\n  1 / 0");
    REQUIRE(error.is_error());
    CHECK(error.location() == at(11, 3));
  }
}

TEST_CASE("indexing lists and maps") {
  Scope scope = topology_scope();
  CHECK(is_number(scope.run("component.ports[0]"), 80));
  CHECK(is_number(scope.run("component.ports[1.0]"), 443));
  CHECK(scope.run("component.ports[2]").is_absent());
  CHECK(scope.run("component.ports[-1]").is_absent());
  CHECK(scope.run("component.ports[-1]").location() == in_topology(11, 7));
  CHECK(is_string(scope.run("component['env']['MODE']"), "fast"));
  CHECK(scope.run("component['nope']").is_absent());
  CHECK(scope.run("nothing[0]").is_absent());
  CHECK(scope.run("component.ports[nothing]").is_absent());
  CHECK(scope.run("component.name[0]").is_absent());
  CHECK(is_error(scope.run("component.ports['a']"), "cannot index a list with a string"));
  CHECK(is_error(scope.run("component.ports[0.5]"), "a list index must be a whole number"));
  CHECK(is_error(scope.run("component[1]"), "cannot index a map with a number"));
}

TEST_CASE("absent and null in comparisons and arithmetic") {
  Scope scope = topology_scope();
  SECTION("equality is structural: absent equals only absent") {
    CHECK(is_true(scope.run("component.missing == nothing")));
    CHECK(is_false(scope.run("component.missing == null")));
    CHECK(is_true(scope.run("component.exposure == null")));
    CHECK(is_true(scope.run("component.missing != 0")));
  }
  SECTION("ordering with an unset operand is false") {
    CHECK(is_false(scope.run("component.missing < 2")));
    CHECK(is_false(scope.run("component.missing >= 2")));
    CHECK(is_false(scope.run("2 > component.missing")));
    CHECK(is_false(scope.run("component.exposure <= 2")));
    CHECK(is_true(scope.run("!(component.missing < 2)")));
  }
  SECTION("arithmetic on an unset operand is absent") {
    CHECK(scope.run("component.missing + 1").is_absent());
    CHECK(scope.run("1 * component.missing").is_absent());
    CHECK(scope.run("component.exposure / 2").is_absent());
    CHECK(scope.run("-component.missing").is_absent());
    CHECK(scope.run("component.missing / 0").is_absent());
    CHECK(scope.run("'a' + component.missing").is_absent());
  }
  SECTION("logic on an unset operand is an error") {
    CHECK(is_error(scope.run("!component.missing"),
                   "cannot apply '!' to absent in `!component.missing`"));
    CHECK(is_error(scope.run("!component.exposure"), "cannot apply '!' to null"));
    CHECK(is_error(scope.run("component.missing && true"), "'&&' needs bool operands, got absent"));
    CHECK(is_error(scope.run("component.missing ? 1 : 2"),
                   "the condition of '?:' must be a bool, got absent in `component.missing`"));
  }
}

TEST_CASE("type mismatches are errors naming the types and the operator") {
  CHECK(is_error(run("'a' < 1"), "cannot compare string and number with '<' in `'a' < 1`"));
  CHECK(is_error(run("'a' * 2"), "cannot apply '*' to string and number in `'a' * 2`"));
  CHECK(is_error(run("'a' + 1"), "cannot apply '+' to string and number"));
  CHECK(is_error(run("[1] - [1]"), "cannot apply '-' to list and list"));
  CHECK(is_error(run("true + true"), "cannot apply '+' to bool and bool"));
  CHECK(is_error(run("[1] < [2]"), "cannot compare list and list with '<'"));
  CHECK(is_error(run("-'a'"), "cannot apply '-' to string"));
  CHECK(is_error(run("!1"), "cannot apply '!' to number"));
  CHECK(is_error(run("1 in 2"), "cannot apply 'in' to number and number"));
  CHECK(is_error(run("1 in {'a': 1}"), "cannot apply 'in' to number and map"));
  CHECK(is_error(run("1 in 'abc'"), "cannot apply 'in' to number and string"));
  CHECK(is_error(run("1 || false"), "'||' needs bool operands, got number"));
  CHECK(is_error(run("1 ? 2 : 3"), "the condition of '?:' must be a bool, got number"));
}

TEST_CASE("division by zero and non-finite results are errors") {
  CHECK(is_error(run("1 / 0"), "division by zero in `1 / 0`"));
  CHECK(is_error(run("1 % 0"), "modulo by zero in `1 % 0`"));
  CHECK(is_error(run("(2 + 3) / (1 - 1)"), "division by zero in `(2 + 3) / (1 - 1)`"));
  CHECK(is_error(run("1e308 * 10"), "result is not a finite number in `1e308 * 10`"));
  CHECK(is_error(run("-1e308 - 1e308"), "result is not a finite number"));
}

TEST_CASE("a long expression is shortened in error messages") {
  Value error = run("(1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1) / 0");
  REQUIRE(error.is_error());
  CHECK(error.as_string().starts_with("division by zero in `(1 + 1 + 1"));
  CHECK(error.as_string().ends_with(" + 1 +...`"));
}

TEST_CASE("errors propagate: the first one wins") {
  Value error = run("(1 / 0) + ('a' * 2)");
  CHECK(is_error(error, "division by zero"));
  CHECK(is_error(run("[1, 1 / 0]"), "division by zero"));
  CHECK(is_error(run("{'a': 1 % 0}"), "modulo by zero"));
  CHECK(is_error(run("-(1 / 0)"), "division by zero"));
  CHECK(is_error(run("!(1 / 0 == 1)"), "division by zero"));
  CHECK(is_error(run("(1 / 0) == (1 / 0)"), "division by zero"));
  CHECK(is_error(run("(1 / 0) < 1"), "division by zero"));
  CHECK(is_error(run("[1 / 0][0]"), "division by zero"));
  CHECK(is_error(run("{'a': 1}[1 / 0 == 1 ? 'a' : 'b']"), "division by zero"));
  CHECK(is_error(run("{'a': 1 / 0}.a"), "division by zero"));
  CHECK(is_error(run("abs(1 / 0)"), "division by zero"));
}

TEST_CASE("&& and || short-circuit and absorb errors like CEL") {
  CHECK(is_false(run("false && 1 / 0 == 1")));
  CHECK(is_false(run("1 / 0 == 1 && false")));
  CHECK(is_true(run("true || 1 / 0 == 1")));
  CHECK(is_true(run("1 / 0 == 1 || true")));
  CHECK(is_error(run("1 / 0 == 1 && true"), "division by zero"));
  CHECK(is_error(run("true && 1 / 0 == 1"), "division by zero"));
  CHECK(is_error(run("1 / 0 == 1 || false"), "division by zero"));
  CHECK(is_error(run("(1 / 0 == 1) && (1 % 0 == 1)"), "division by zero"));
  CHECK(is_false(run("'x' && false")));
  CHECK(is_true(run("true && true")));
  CHECK(is_false(run("false || false")));
  CHECK(is_error(run("true && 'x'"), "'&&' needs bool operands, got string"));
}

TEST_CASE("the conditional evaluates only the branch it takes") {
  CHECK(is_number(run("true ? 1 : 1 / 0"), 1));
  CHECK(is_number(run("false ? 1 / 0 : 2"), 2));
  CHECK(is_error(run("(1 / 0 == 1) ? 1 : 2"), "division by zero"));
}

TEST_CASE("?? replaces absent and null, and nothing else") {
  Scope scope = topology_scope();
  CHECK(is_string(scope.run("component.missing ?? 'private'"), "private"));
  CHECK(is_string(scope.run("component.exposure ?? 'private'"), "private"));
  CHECK(is_string(scope.run("component.name ?? 'x'"), "api"));
  CHECK(is_false(scope.run("component.tls ?? true")));
  CHECK(is_number(scope.run("0 ?? 5"), 0));
  CHECK(is_string(scope.run("'' ?? 'x'"), ""));
  CHECK(is_string(scope.run("component.name ?? 1 / 0"), "api"));   // the fallback is lazy
  CHECK(is_error(scope.run("(1 / 0) ?? 1"), "division by zero"));  // errors are not unset
  CHECK(is_true(scope.run("(component.env.EXPOSE_GUI_API ?? 'yes') != 'no'")));
  CHECK(is_true(scope.run("(nothing ?? nothing ?? 3) == 3")));
}

TEST_CASE("has() tells whether a member is set") {
  Scope scope = topology_scope();
  CHECK(is_true(scope.run("has(component.name)")));
  CHECK(is_true(scope.run("has(component.tls)")));        // false is a value
  CHECK(is_false(scope.run("has(component.exposure)")));  // null is not
  CHECK(is_false(scope.run("has(component.missing)")));
  CHECK(is_false(scope.run("has(component.missing.deeper)")));
  CHECK(is_false(scope.run("has(nothing.a)")));
  CHECK(is_false(scope.run("has(component.name.a)")));
  CHECK(is_true(scope.run("has(component.env['MODE'])")));
  CHECK(is_false(scope.run("has(component.ports[5])")));
  CHECK(is_false(scope.run("has({'a': 1 / 0}.a)")));  // never an error
  CHECK(is_false(scope.run("has(component.ports['x'])")));
  CHECK(is_true(scope.run("has(component.replicas) && component.replicas < 2")));
}

TEST_CASE("all() and exists() decide over lists") {
  Scope scope = topology_scope();
  CHECK(is_true(scope.run("components.all(c, has(c.name))")));
  CHECK(is_false(scope.run("components.all(c, c.role == 'api')")));
  CHECK(is_true(scope.run("components.exists(c, c.role == 'gui')")));
  CHECK(is_false(scope.run("components.exists(c, c.role == 'batch')")));
  CHECK(is_true(scope.run("[].all(x, false)")));
  CHECK(is_false(scope.run("[].exists(x, true)")));
  CHECK(is_true(scope.run("components.all(c, c.replicas >= 1) == false")));  // db: unset
}

TEST_CASE("all() and exists() let a deciding answer win over errors") {
  Scope scope = topology_scope();
  CHECK(is_false(scope.run("[0, -1].all(x, 1 / x > 0)")));
  CHECK(is_true(scope.run("[0, 1].exists(x, 1 / x > 0)")));
  CHECK(is_error(scope.run("[0, 2].all(x, 2 / x > 0)"), "division by zero"));
  CHECK(is_error(scope.run("[0, -1].exists(x, 1 / x > 0)"), "division by zero"));
  CHECK(is_error(scope.run("components.exists(c, c.tls)"),
                 "the predicate of exists() must give a bool, got absent in `c.tls`"));
  CHECK(is_true(scope.run("components.exists(c, c.tls == true) == false")));
}

TEST_CASE("exists_one() needs exactly one match") {
  CHECK(is_true(run("[1, 2, 3].exists_one(x, x == 2)")));
  CHECK(is_false(run("[1, 2, 2].exists_one(x, x == 2)")));
  CHECK(is_false(run("[1, 3].exists_one(x, x == 2)")));
  CHECK(is_error(run("[0, 1].exists_one(x, 1 / x == 1)"), "division by zero"));
  CHECK(is_error(run("[1].exists_one(x, x)"), "the predicate of exists_one() must give a bool"));
}

TEST_CASE("filter() keeps matching elements, map() transforms them") {
  Scope scope = topology_scope();
  Value apis =
      scope.run("components.filter(c, c.role == 'api' && (c.exposure ?? 'private') == 'private')");
  REQUIRE(apis.is_list());
  REQUIRE(apis.as_list().size() == 1);
  CHECK(is_string(apis.as_list()[0].get("name"), "api"));
  CHECK(equal(scope.run("components.map(c, c.name)"), constant("['api', 'ui', 'db']")));
  CHECK(equal(scope.run("components.map(c, c.replicas ?? 0)"), constant("[1, 3, 0]")));
  CHECK(equal(scope.run("components.map(c, c.replicas > 1, c.name)"), constant("['ui']")));
  CHECK(equal(run("[1, 2, 3].map(x, x * 2)"), constant("[2, 4, 6]")));
  Value with_absent = scope.run("components.map(c, c.replicas)");
  REQUIRE(with_absent.as_list().size() == 3);
  CHECK(with_absent.as_list()[2].is_absent());
  CHECK(is_error(run("[1, 0].map(x, 1 / x)"), "division by zero"));
  CHECK(is_error(run("[1, 0].filter(x, 1 / x > 0)"), "division by zero"));
  CHECK(is_error(run("[1].filter(x, 'yes')"),
                 "the predicate of filter() must give a bool, got string"));
  CHECK(is_error(run("[1].map(x, 'yes', x)"), "the predicate of map() must give a bool"));
}

TEST_CASE("macros on a map iterate its keys") {
  Scope scope = topology_scope();
  CHECK(equal(scope.run("component.env.map(k, k)"), constant("['MODE']")));
  CHECK(is_true(scope.run("component.all(k, k.size() > 2)")));
  CHECK(is_true(scope.run("component.exists(k, k == 'tls')")));
  CHECK(equal(run("{'a': 1, 'bb': 2}.filter(k, k.size() == 2)"), constant("['bb']")));
  CHECK(is_true(run("{'a': 1, 'b': 2}.exists_one(k, k == 'a')")));
}

TEST_CASE("macros on an unset receiver see an empty collection") {
  Scope scope = topology_scope();
  CHECK(is_true(scope.run("component.missing.all(x, false)")));
  CHECK(is_false(scope.run("component.missing.exists(x, true)")));
  CHECK(is_false(scope.run("component.exposure.exists_one(x, true)")));
  CHECK(equal(scope.run("component.missing.filter(x, true)"), constant("[]")));
  CHECK(equal(scope.run("nothing.map(x, x)"), constant("[]")));
  CHECK(is_error(scope.run("component.name.all(x, true)"),
                 "all() needs a list or a map, got string"));
  CHECK(is_error(run("(1 / 0).all(x, true)"), "division by zero"));
}

TEST_CASE("macros nest and see the variables around them") {
  Scope scope = topology_scope();
  CHECK(equal(run("[1, 2].map(x, [10, 20].map(y, x * y))"), constant("[[10, 20], [20, 40]]")));
  CHECK(is_true(scope.run("components.all(a, components.exists_one(b, b.name == a.name))")));
  CHECK(equal(run("[1, 2].map(x, [x].map(x, x + 1))"), constant("[[2], [3]]")));  // shadowing
  CHECK(equal(run("[[1, 2], [3]].map(l, l.map(x, x)[0] + size(l))"), constant("[3, 4]")));
  CHECK(equal(run("[1, 2].map(x, [1].map(y, x) + [1].map(z, x))"), constant("[[1, 1], [2, 2]]")));
}

TEST_CASE("a macro variable shadows an environment name") {
  Scope scope;
  scope.bind("x", Value::number(100));
  CHECK(equal(scope.run("[1, 2].map(x, x + 1)"), constant("[2, 3]")));
  CHECK(is_number(scope.run("x"), 100));
}

TEST_CASE("later environment bindings shadow earlier ones") {
  deploy_advisor::lang::Environment environment;
  environment.bind("x", Value::number(1));
  environment.bind("x", Value::number(2));
  REQUIRE(environment.lookup("x"));
  CHECK(environment.lookup("x")->as_number() == 2);
  CHECK(environment.lookup("y") == nullptr);
}

TEST_CASE("a declared name without a value is an error when evaluated") {
  auto compiled = deploy_advisor::lang::compile("late + 1", origin(), {"late"});
  REQUIRE(compiled.expression);
  Value result = deploy_advisor::lang::evaluate(*compiled.expression, {});
  CHECK(is_error(result, "'late' has no value here in `late`"));
  CHECK(result.location() == origin());
}

TEST_CASE("evaluation stops at the step limit") {
  Value::List numbers;
  for (int i = 0; i < 2000; ++i) numbers.push_back(Value::number(i));
  Scope scope;
  scope.bind("numbers", Value::list(numbers));
  SECTION("a nested map over a large list") {
    Value result = scope.run("numbers.map(x, numbers.map(y, x * y))");
    CHECK(is_error(result, "more than 1000000 steps"));
    CHECK(result.location() == origin());
  }
  SECTION("a deciding answer cannot hide an exhausted budget") {
    Value result = scope.run("numbers.exists(x, numbers.map(y, y).size() < 0) || true");
    CHECK(is_error(result, "steps"));
  }
  SECTION("a small limit") {
    CHECK(is_error(scope.run("1 + 2 + 3", {4}), "more than 4 steps"));
    CHECK(is_number(scope.run("1 + 2 + 3", {100}), 6));
    CHECK(is_error(scope.run("numbers.all(x, true)", {1000}), "steps"));
    CHECK(is_true(scope.run("numbers.all(x, true)", {10'000})));
  }
  SECTION("work on big values is charged by size") {
    CHECK(is_error(scope.run("numbers + numbers", {1000}), "steps"));
    CHECK(is_error(scope.run("sum(numbers)", {1000}), "steps"));
    CHECK(is_error(scope.run("1999 in numbers", {1000}), "steps"));
  }
  SECTION("a zero budget") { CHECK(is_error(scope.run("1", {0}), "steps")); }
}

TEST_CASE("a let evaluates its value once and keeps its location") {
  Scope scope = topology_scope();
  // Once: the value's work is charged one time however often the body reads it.
  Value::List numbers;
  for (int i = 0; i < 500; ++i) numbers.push_back(Value::number(i));
  scope.bind("numbers", Value::list(numbers));
  CHECK(is_number(scope.run("let s = sum(numbers); s + s + s + s", {1000}), 4 * 124750));
  CHECK(is_error(scope.run("sum(numbers) + sum(numbers) + sum(numbers) + sum(numbers)", {1000}),
                 "steps"));
  Value replicas = scope.run("let r = component.replicas; r");
  CHECK(is_number(replicas, 1));
  CHECK(replicas.location() == in_topology(5, 15));
  Value missing = scope.run("let tls = component.tls_mode; tls");
  CHECK(missing.is_absent());
  CHECK(missing.location() == in_topology(3, 5));
}

TEST_CASE("an error in a let's value is the let's result") {
  Scope scope = topology_scope();
  Value failed = scope.run("let x = 1 / 0; true || x > 0");
  CHECK(is_error(failed, "division by zero in `1 / 0`"));
  CHECK(failed.location() == at(10, 15));
  Value in_body = scope.run("let x = 0;\n  10 / x");
  CHECK(is_error(in_body, "division by zero in `10 / x`"));
  CHECK(in_body.location() == at(11, 3));
}

TEST_CASE("each let costs a step") {
  Scope scope;
  // The let, its value and the name read in its body: three nodes, three steps.
  CHECK(is_error(scope.run("let x = 1; x", {2}), "more than 2 steps"));
  CHECK(is_number(scope.run("let x = 1; x", {3}), 1));
  CHECK(is_error(scope.run("let x = 1; let y = 2; y", {4}), "steps"));
  CHECK(is_number(scope.run("let x = 1; let y = 2; y", {5}), 2));
}

TEST_CASE("member references see through a let of a variable") {
  auto references = [](std::string_view text) {
    auto compiled = deploy_advisor::lang::compile(text, origin(), {"sizing", "assumptions"});
    REQUIRE(compiled.expression);
    std::vector<std::string> out;
    for (const auto& reference : deploy_advisor::lang::member_references(*compiled.expression))
      out.push_back(reference.variable + "." + reference.member);
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(references("let s = sizing; s.workers + s['nodes']") ==
        std::vector<std::string>{"sizing.nodes", "sizing.workers"});
  CHECK(references("let a = assumptions; let s = a; s.x") ==
        std::vector<std::string>{"assumptions.x"});
  // A let of a computed value, a shadowing let and a macro's item are not variables.
  CHECK(references("let s = {'x': sizing.y}; s.x").size() == 1);
  CHECK(references("let sizing = {'x': 1}; sizing.x").empty());
  CHECK(references("let s = sizing; [1].map(s, s.x)").empty());
  CHECK(references("[1].map(s, s.x) + (let s = sizing; [s.z])") ==
        std::vector<std::string>{"sizing.z"});
}

TEST_CASE("one compiled expression evaluates with different environments") {
  auto compiled =
      deploy_advisor::lang::compile("(component.replicas ?? 1) < 2", origin(), {"component"});
  REQUIRE(compiled.expression);
  deploy_advisor::lang::Environment one;
  one.bind("component", constant("{'replicas': 3}"));
  deploy_advisor::lang::Environment two;
  two.bind("component", constant("{}"));
  CHECK(is_false(deploy_advisor::lang::evaluate(*compiled.expression, one)));
  CHECK(is_true(deploy_advisor::lang::evaluate(*compiled.expression, two)));
}

TEST_CASE("one compiled expression can be evaluated from several threads at once") {
  Scope scope;
  scope.bind("names", constant("['redis-1', 'api', 'redis-2', 'worker']"));
  scope.bind("pattern", Value::string("^redis-[0-9]$"));
  auto compiled = deploy_advisor::lang::compile(
      "names.filter(n, n.matches(pattern) && n.matches('-')).size()", origin(), scope.names());
  REQUIRE(compiled.expression);
  std::vector<int> matched(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < matched.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        Value count = deploy_advisor::lang::evaluate(*compiled.expression, scope.environment());
        if (count.is_number() && count.as_number() == 2) ++matched[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int count : matched) CHECK(count == 200);
}
