#include "support/sanitized.hpp"
#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "lang_test_support.hpp"

using lang_test::constant;
using lang_test::in_topology;
using lang_test::is_error;
using lang_test::is_false;
using lang_test::is_number;
using lang_test::is_string;
using lang_test::is_true;
using lang_test::run;
using lang_test::Scope;
using lang_test::Value;

namespace {

Scope data_scope() {
  Scope scope;
  scope.bind("service", Value::map({{"name", Value::string("Ranker-API", in_topology(2, 9))},
                                    {"replicas", Value::number(4, in_topology(3, 13))},
                                    {"note", Value::null(in_topology(4, 9))}},
                                   in_topology(2, 3)));
  scope.bind("missing", Value::absent(in_topology(1, 1)));
  scope.bind("traffic", constant("{'peak_requests_per_second': 900}"));
  scope.bind("growth", Value::number(1.5));
  scope.bind("instance_rps", Value::number(200));
  return scope;
}

}  // namespace

TEST_CASE("size() counts list elements, map entries and string characters") {
  Scope scope = data_scope();
  CHECK(is_number(run("size([1, 2, 3])"), 3));
  CHECK(is_number(run("[1, 2].size()"), 2));
  CHECK(is_number(run("size({'a': 1})"), 1));
  CHECK(is_number(run("size('abc')"), 3));
  CHECK(is_number(run("'caf\xC3\xA9'.size()"), 4));
  CHECK(is_number(scope.run("size(missing)"), 0));
  CHECK(is_number(scope.run("service.note.size()"), 0));
  CHECK(is_error(run("size(1)"), "size() needs a list, map or string, got number"));
  CHECK(is_error(run("true.size()"), "size() needs a list, map or string, got bool"));
}

TEST_CASE("ceil(), floor(), round() and abs()") {
  Scope scope = data_scope();
  CHECK(is_number(run("ceil(1.2)"), 2));
  CHECK(is_number(run("ceil(-1.2)"), -1));
  CHECK(is_number(run("floor(1.8)"), 1));
  CHECK(is_number(run("floor(-1.2)"), -2));
  CHECK(is_number(run("round(2.5)"), 3));
  CHECK(is_number(run("round(-2.5)"), -3));
  CHECK(is_number(run("round(2.4)"), 2));
  CHECK(is_number(run("abs(-3)"), 3));
  CHECK(scope.run("ceil(missing)").is_absent());
  CHECK(scope.run("abs(service.note)").is_absent());
  CHECK(is_error(run("floor('1')"), "floor() needs a number, got string"));
  CHECK(scope.run("abs(service.replicas)").location() == in_topology(3, 13));
}

TEST_CASE("a sizing formula") {
  Scope scope = data_scope();
  CHECK(is_number(scope.run("ceil(traffic.peak_requests_per_second * growth / instance_rps) + 1"),
                  8));
}

TEST_CASE("min() and max() take several numbers or one list") {
  Scope scope = data_scope();
  CHECK(is_number(run("min(3, 1, 2)"), 1));
  CHECK(is_number(run("max(3, 1, 2)"), 3));
  CHECK(is_number(run("min([4, 5])"), 4));
  CHECK(is_number(run("max([4, 5])"), 5));
  CHECK(is_number(run("max(7)"), 7));
  CHECK(run("max([])").is_absent());
  CHECK(scope.run("min(missing)").is_absent());
  CHECK(scope.run("max(1, missing)").is_absent());
  CHECK(scope.run("max([1, service.note])").is_absent());
  CHECK(is_error(run("max(1, 'a')"), "max() needs numbers, got string"));
  CHECK(is_error(run("min([[1]])"), "min() needs numbers, got list"));
  // The answer is the value itself, still located where it is written.
  CHECK(scope.run("max(1, service.replicas)").location() == in_topology(3, 13));
}

TEST_CASE("sum() adds a list of numbers") {
  Scope scope = data_scope();
  CHECK(is_number(run("sum([1, 2, 3.5])"), 6.5));
  CHECK(is_number(run("sum([])"), 0));
  CHECK(is_number(scope.run("sum(missing)"), 0));
  CHECK(scope.run("sum([1, missing])").is_absent());
  CHECK(is_error(run("sum(['a'])"), "sum() needs a list of numbers, got string"));
  CHECK(is_error(run("sum(3)"), "sum() needs a list of numbers, got number"));
  CHECK(is_error(run("sum([1e308, 1e308])"), "sum() result is not a finite number"));
}

TEST_CASE("int(), double() and num() convert numbers and numeric strings") {
  Scope scope = data_scope();
  CHECK(is_number(run("int(2.7)"), 2));
  CHECK(is_number(run("int(-2.7)"), -2));
  CHECK(is_number(run("int('42')"), 42));
  CHECK(is_number(run("int(' 3.9 ')"), 3));
  CHECK(is_number(run("double('2.5')"), 2.5));
  CHECK(is_number(run("double('-1e3')"), -1000));
  CHECK(is_number(run("num('+7')"), 7));
  CHECK(is_number(run("num(8)"), 8));
  for (const char* text : {"num('abc')", "num('')", "num('12abc')", "num('0x10')", "num('inf')",
                           "num('nan')", "num('1e999')", "int('x')", "double('-')"}) {
    INFO(text);
    CHECK(run(text).is_absent());
  }
  CHECK(scope.run("num(missing)").is_absent());
  CHECK(is_error(run("int(true)"), "int() needs a number or a numeric string, got bool"));
  CHECK(is_error(run("double([1])"), "double() needs a number or a numeric string, got list"));
}

TEST_CASE("string() and format_number() render as messages do") {
  Scope scope = data_scope();
  CHECK(is_string(run("string(2880)"), "2,880"));
  CHECK(is_string(run("string(1.25)"), "1.25"));
  CHECK(is_string(run("string('x')"), "x"));
  CHECK(is_string(run("string(true)"), "true"));
  CHECK(is_string(run("string([1, 'a'])"), "[1, a]"));
  CHECK(scope.run("string(missing)").is_absent());
  CHECK(is_string(run("format_number(1234567.891)"), "1,234,567.89"));
  CHECK(is_string(scope.run("format_number(missing)"), "unset"));
  CHECK(is_string(run("'n=' + string(3)"), "n=3"));
}

TEST_CASE("startsWith(), endsWith() and contains()") {
  Scope scope = data_scope();
  CHECK(is_true(run("'redis://x'.startsWith('redis://')")));
  CHECK(is_false(run("'http://x'.startsWith('redis://')")));
  CHECK(is_true(run("'a.yaml'.endsWith('.yaml')")));
  CHECK(is_false(run("'a.yml'.endsWith('.yaml')")));
  CHECK(is_true(run("'abc'.contains('b')")));
  CHECK(is_true(run("'abc'.contains('')")));
  CHECK(is_false(run("'abc'.contains('d')")));
  CHECK(scope.run("missing.startsWith('a')").is_absent());
  CHECK(scope.run("'a'.endsWith(missing)").is_absent());
  CHECK(is_error(run("(1).contains('a')"), "contains() needs a string, got number"));
  CHECK(is_error(run("'a'.contains(1)"), "contains() needs a string argument, got number"));
}

TEST_CASE("lower() and upper() change ASCII letters") {
  Scope scope = data_scope();
  CHECK(is_string(scope.run("service.name.lower()"), "ranker-api"));
  CHECK(is_string(scope.run("service.name.upper()"), "RANKER-API"));
  CHECK(is_string(run("'caf\xC3\xA9'.upper()"), "CAF\xC3\xA9"));
  CHECK(scope.run("missing.lower()").is_absent());
  CHECK(is_error(run("[1].upper()"), "upper() needs a string, got list"));
}

TEST_CASE("matches() searches with RE2") {
  Scope scope = data_scope();
  CHECK(is_true(run("'redis-main'.matches('^redis')")));
  CHECK(is_true(run("'a1b'.matches('[0-9]')")));  // not anchored
  CHECK(is_false(run("'a1b'.matches('^[0-9]+$')")));
  CHECK(is_true(run("matches('v1.2.3', '^v\\\\d+\\\\.\\\\d+')")));
  CHECK(scope.run("missing.matches('x')").is_absent());
  CHECK(is_error(run("(1).matches('x')"), "matches() needs a string, got number"));
}

TEST_CASE("matches() with a computed pattern compiles it at run time") {
  Scope scope = data_scope();
  scope.bind("pattern", Value::string("^Ranker"));
  scope.bind("broken", Value::string("(unclosed"));
  CHECK(is_true(scope.run("service.name.matches(pattern)")));
  CHECK(is_true(scope.run("service.name.matches(pattern)")));  // the second use is cached
  CHECK(is_true(scope.run("service.name.matches('^' + 'Ranker')")));
  CHECK(is_error(scope.run("service.name.matches(broken)"),
                 "matches() got an invalid regular expression '(unclosed': "));
  CHECK(is_error(scope.run("service.name.matches(broken)"), "invalid regular expression"));
}

TEST_CASE("matches() cannot be made to backtrack catastrophically") {
  Scope scope;
  scope.bind("text", Value::string(std::string(100'000, 'a') + "b"));
  auto start = std::chrono::steady_clock::now();
  CHECK(is_false(scope.run("text.matches('(a+)+$') && false")));
  CHECK(is_false(scope.run("text.matches('^(a+)+$')")));
  CHECK(is_false(scope.run("text.matches('^(a|aa)+$')")));
  CHECK(is_true(scope.run("text.matches('(a+)+b$')")));
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(5) * deploy_advisor::test::kTimeScale);
}

TEST_CASE("split() and join()") {
  Scope scope = data_scope();
  CHECK(equal(run("'a,b,,c'.split(',')"), constant("['a', 'b', '', 'c']")));
  CHECK(equal(run("'abc'.split(',')"), constant("['abc']")));
  CHECK(equal(run("'a::b'.split('::')"), constant("['a', 'b']")));
  CHECK(equal(run("''.split(',')"), constant("['']")));
  CHECK(is_error(run("'a'.split('')"), "split() needs a non-empty separator"));
  CHECK(scope.run("missing.split(',')").is_absent());
  CHECK(is_string(run("join(['a', 'b'], ', ')"), "a, b"));
  CHECK(is_string(run("join(['a', 'b'])"), "ab"));
  CHECK(is_string(run("join([1, 2500, true], '/')"), "1/2,500/true"));
  CHECK(is_string(run("join([], ',')"), ""));
  CHECK(is_string(scope.run("join(missing, ',')"), ""));
  CHECK(scope.run("join(['a'], missing)").is_absent());
  CHECK(is_error(run("join('ab', ',')"), "join() needs a list, got string"));
  CHECK(is_error(run("join(['a'], 1)"), "join() needs a string separator, got number"));
}

TEST_CASE("flatten(), keys() and values()") {
  Scope scope = data_scope();
  CHECK(equal(run("flatten([[1, 2], [], [3], 4])"), constant("[1, 2, 3, 4]")));
  CHECK(equal(run("flatten([[[1]]])"), constant("[[1]]")));  // one level only
  CHECK(equal(scope.run("flatten(missing)"), constant("[]")));
  CHECK(is_error(run("flatten(1)"), "flatten() needs a list, got number"));
  CHECK(equal(run("keys({'b': 1, 'a': 2})"), constant("['b', 'a']")));  // as written
  CHECK(equal(run("values({'b': 1, 'a': 2})"), constant("[1, 2]")));
  CHECK(equal(scope.run("keys(missing)"), constant("[]")));
  CHECK(equal(scope.run("values(service.note)"), constant("[]")));
  CHECK(is_error(run("keys([1])"), "keys() needs a map, got list"));
  CHECK(is_error(run("values('a')"), "values() needs a map, got string"));
}

TEST_CASE("default() is ?? written as a function") {
  Scope scope = data_scope();
  CHECK(is_number(scope.run("default(missing, 3)"), 3));
  CHECK(is_number(scope.run("default(service.note, 3)"), 3));
  CHECK(is_number(scope.run("default(service.replicas, 3)"), 4));
  CHECK(is_number(scope.run("default(service.replicas, 1 / 0)"), 4));  // lazy, as ??
  CHECK(is_error(scope.run("default(1 / 0, 3)"), "division by zero"));
}

TEST_CASE("type() names the kind of every value") {
  Scope scope = data_scope();
  CHECK(is_string(scope.run("type(1.5)"), "number"));
  CHECK(is_string(scope.run("type(service.replicas)"), "number"));
  CHECK(is_string(scope.run("type('12')"), "string"));
  CHECK(is_string(scope.run("type(false)"), "bool"));
  CHECK(is_string(scope.run("type(null)"), "null"));
  CHECK(is_string(scope.run("type(service.note)"), "null"));
  CHECK(is_string(scope.run("type(missing)"), "absent"));
  CHECK(is_string(scope.run("type(service.port)"), "absent"));
  CHECK(is_string(scope.run("type([])"), "list"));
  CHECK(is_string(scope.run("type({})"), "map"));
  CHECK(is_string(scope.run("type(service)"), "map"));
  CHECK(is_string(scope.run("type(type(1))"), "string"));
  // A finding about the type points at the value tested.
  CHECK(scope.run("type(service.replicas)").location() == in_topology(3, 13));
}

TEST_CASE("type() of an error is that error, never a kind") {
  Scope scope = data_scope();
  CHECK(is_error(scope.run("type(1 / 0)"), "division by zero"));
  CHECK(is_error(scope.run("type(service.name / 2) == 'number'"), "'/'"));
  CHECK(is_false(scope.run("type(service.replicas) == 'number' && type(1 / 0) == 'x' && false")));
  auto wrong = scope.compile_error("type(1, 2)");
  CHECK(wrong.message == "type() takes 1 argument, got 2: write type(x)");
  auto method = scope.compile_error("service.type()");
  CHECK(method.message == "type() is not a method: write type(x)");
}

TEST_CASE("functions propagate an error argument") {
  CHECK(is_error(run("size([1][1 / 0])"), "division by zero"));
  CHECK(is_error(run("join([1 / 0], ',')"), "division by zero"));
  CHECK(is_error(run("'a'.startsWith(string(1 % 0))"), "modulo by zero"));
}
