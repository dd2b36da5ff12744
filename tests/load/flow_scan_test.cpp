#include "support/sanitized.hpp"
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deploy_advisor/common/file_system.hpp"
#include "deploy_advisor/load/flow_scan.hpp"

using deploy_advisor::Location;
using deploy_advisor::scan_flows;
using deploy_advisor::ScannedDecorator;
using deploy_advisor::ScannedFlow;
using deploy_advisor::ScannedStep;

namespace {

std::string read_fixture(const std::string& name) {
  const std::string path = std::string(DA_SOURCE_DIR) + "/tests/data/flows/" + name;
  auto result = deploy_advisor::DiskFileSystem().read(path, 1U << 20);
  REQUIRE(result.status == deploy_advisor::FileSystem::Status::Ok);
  return std::move(result.contents);
}

std::vector<ScannedFlow> scan_fixture(const std::string& name) {
  return scan_flows(read_fixture(name), deploy_advisor::intern_file_name(name));
}

std::vector<ScannedFlow> scan_text(std::string_view text) { return scan_flows(text, nullptr); }

std::vector<std::string> names(const std::vector<ScannedDecorator>& decorators) {
  std::vector<std::string> out;
  for (const ScannedDecorator& decorator : decorators) out.push_back(decorator.name);
  return out;
}

std::vector<std::string> arguments(const std::vector<ScannedDecorator>& decorators) {
  std::vector<std::string> out;
  for (const ScannedDecorator& decorator : decorators) out.push_back(decorator.arguments);
  return out;
}

std::vector<std::string> flow_names(const std::vector<ScannedFlow>& flows) {
  std::vector<std::string> out;
  for (const ScannedFlow& flow : flows) out.push_back(flow.name);
  return out;
}

std::vector<std::string> step_names(const ScannedFlow& flow) {
  std::vector<std::string> out;
  for (const ScannedStep& step : flow.steps) out.push_back(step.name);
  return out;
}

const ScannedStep& step_named(const ScannedFlow& flow, std::string_view name) {
  for (const ScannedStep& step : flow.steps) {
    if (step.name == name) return step;
  }
  FAIL("no step " << name << " in " << flow.name);
  throw std::logic_error("unreachable");
}

std::string at(const Location& location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

using Strings = std::vector<std::string>;

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

}  // namespace

TEST_CASE("flow-level decorators are read in order, with arguments and locations") {
  const auto flows = scan_fixture("flow_decorators.py");
  REQUIRE(flow_names(flows) == Strings{"PypiFlow", "CondaFlow"});
  const ScannedFlow& pypi = flows[0];
  CHECK(pypi.location.file_name() == "flow_decorators.py");
  CHECK(at(pypi.location) == "27:1");
  // A blank line and a comment between decorators do not break the chain.
  CHECK(names(pypi.decorators) == Strings{"project", "schedule", "pypi_base"});
  CHECK(arguments(pypi.decorators) ==
        Strings{"name='x'", "weekly=True", "packages={'pandas': '2.1.0'}"});
  CHECK(at(pypi.decorators[0].location) == "22:1");
  CHECK(at(pypi.decorators[1].location) == "23:1");
  CHECK(at(pypi.decorators[2].location) == "26:1");
  CHECK(pypi.decorators[2].location.file_name() == "flow_decorators.py");

  const ScannedFlow& conda = flows[1];
  CHECK(at(conda.location) == "52:1");
  CHECK(names(conda.decorators) == Strings{"trigger", "conda_base"});
  CHECK(arguments(conda.decorators) ==
        Strings{"event='foo'", "python='3.10.4', libraries={'numpy': '1.26.0'}"});
  CHECK(at(conda.decorators[0].location) == "50:1");
}

TEST_CASE("step-level decorators are read in order, step itself included") {
  const auto flows = scan_fixture("flow_decorators.py");
  REQUIRE(flows.size() == 2);
  const ScannedFlow& pypi = flows[0];
  REQUIRE(step_names(pypi) == Strings{"start", "train", "end"});

  const ScannedStep& start = pypi.steps[0];
  CHECK(at(start.location) == "32:5");
  CHECK(names(start.decorators) == Strings{"retry", "step"});
  CHECK(arguments(start.decorators) == Strings{"", ""});
  CHECK(at(start.decorators[0].location) == "30:5");
  CHECK(at(start.decorators[1].location) == "31:5");

  const ScannedStep& train = pypi.steps[1];
  CHECK(at(train.location) == "41:5");
  CHECK(names(train.decorators) ==
        Strings{"catch", "timeout", "card", "resources", "kubernetes", "step"});
  CHECK(arguments(train.decorators) == Strings{"var='e'", "minutes=5", "", "memory=8000", "", ""});
  CHECK(at(train.decorators[3].location) == "38:5");

  const ScannedStep& end = pypi.steps[2];
  CHECK(names(end.decorators) == Strings{"pypi", "step"});
  CHECK(end.decorators[0].arguments == "packages={'scikit-learn': '1.3.2'}");

  const ScannedFlow& conda = flows[1];
  REQUIRE(step_names(conda) == Strings{"start", "end"});
  CHECK(names(conda.steps[0].decorators) == Strings{"batch", "conda", "step"});
  CHECK(conda.steps[0].decorators[1].arguments == "libraries={'scipy': '1.11.4'}");
  CHECK(at(conda.steps[0].decorators[0].location) == "53:5");
  CHECK(at(conda.steps[1].location) == "60:5");
}

TEST_CASE("arguments over several lines lose comments and extra whitespace, not string text") {
  const auto flows = scan_fixture("tricky_text.py");
  // The `class Hidden(FlowSpec)` inside the docstring is not a flow.
  REQUIRE(flow_names(flows) == Strings{"TrickyFlow"});
  const ScannedFlow& flow = flows[0];
  CHECK(at(flow.location) == "10:1");
  REQUIRE(names(flow.decorators) == Strings{"environment"});
  CHECK(flow.decorators[0].arguments ==
        R"py(vars={ "GREETING": "hello (world)", 'HANDLE': '@retry', },)py");
  CHECK(at(flow.decorators[0].location) == "4:1");

  // Neither the docstring's `@retry`, the string's `@catch` nor `# @retry` is a decorator.
  REQUIRE(step_names(flow) == Strings{"start", "end"});
  CHECK(names(flow.steps[0].decorators) == Strings{"step"});
  CHECK(at(flow.steps[0].decorators[0].location) == "22:5");

  const ScannedStep& end = flow.steps[1];
  CHECK(at(end.location) == "34:5");
  REQUIRE(names(end.decorators) == Strings{"catch", "retry", "card", "step"});
  CHECK(arguments(end.decorators) ==
        Strings{R"(var="error", print_exception=False)", "times=3, minutes_between_retries=1",
                R"py(type='blank', id="a)b", options={"x": "(", 'y': '#not a comment'})py", ""});
  CHECK(at(end.decorators[0].location) == "27:5");
  CHECK(at(end.decorators[1].location) == "29:5");
  CHECK(at(end.decorators[2].location) == "32:5");
  CHECK(at(end.decorators[3].location) == "33:5");
}

TEST_CASE("the decorator of the brief's example") {
  const auto flows = scan_text(
      "class F(FlowSpec):\n"
      "    @retry(\n"
      "        times=3,  # flaky\n"
      "        minutes_between_retries=1)\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n");
  REQUIRE(flows.size() == 1);
  REQUIRE(flows[0].steps.size() == 1);
  CHECK(arguments(flows[0].steps[0].decorators) ==
        Strings{"times=3, minutes_between_retries=1", ""});
}

TEST_CASE("`from metaflow import` and `import metaflow` styles are both recognised") {
  const auto flows = scan_fixture("import_styles.py");
  REQUIRE(flow_names(flows) == Strings{"ModuleFlow", "AliasFlow"});

  const ScannedFlow& module = flows[0];
  CHECK(at(module.location) == "6:1");
  CHECK(names(module.decorators) == Strings{"project"});
  CHECK(module.decorators[0].arguments == R"(name="plain_import")");
  REQUIRE(step_names(module) == Strings{"start", "end"});
  CHECK(names(module.steps[0].decorators) == Strings{"retry", "step"});
  CHECK(module.steps[0].decorators[0].arguments == "times=2");
  CHECK(at(module.steps[0].decorators[0].location) == "7:5");
  CHECK(names(module.steps[1].decorators) == Strings{"step"});
  CHECK(module.steps[1].decorators[0].arguments.empty());  // `@metaflow.step()`

  const ScannedFlow& alias = flows[1];
  CHECK(at(alias.location) == "17:1");
  REQUIRE(step_names(alias) == Strings{"start", "end"});
  CHECK(at(alias.steps[0].location) == "19:11");  // `def` of `async def`
}

TEST_CASE("classes that are not flows, nested functions and nested classes are ignored") {
  const auto flows = scan_fixture("not_flows.py");
  // Helper, FlowSpecMixin(object) and Configured(metaclass=FlowSpec) are not flows.
  REQUIRE(flow_names(flows) == Strings{"BaseFlow", "ChildFlow"});

  const ScannedFlow& base = flows[0];
  REQUIRE(step_names(base) == Strings{"start", "end"});
  CHECK(names(base.steps[0].decorators) == Strings{"retry", "step"});

  // ChildFlow is a flow through BaseFlow. It redefines `start` without @step, so only
  // `end` is inherited; `nested` and `Inner.inner` live inside a step and are not steps.
  const ScannedFlow& child = flows[1];
  CHECK(at(child.location) == "38:1");
  CHECK(child.decorators.empty());
  REQUIRE(step_names(child) == Strings{"extra", "end"});
  CHECK(at(child.steps[0].location) == "43:5");
  CHECK(at(child.steps[1].location) == "34:5");  // where BaseFlow defines it
}

TEST_CASE("a syntax error does not hide the flows before it") {
  const auto flows = scan_fixture("syntax_error.py");
  REQUIRE(flow_names(flows) == Strings{"GoodFlow", "BrokenFlow", "AfterFlow"});
  CHECK(names(flows[0].decorators) == Strings{"retry"});
  CHECK(step_names(flows[0]) == Strings{"start", "end"});

  // `compute(1, 2` is never closed; the `@retry` line at the method indentation ends it.
  const ScannedFlow& broken = flows[1];
  REQUIRE(step_names(broken) == Strings{"start", "end"});
  CHECK(names(broken.steps[1].decorators) == Strings{"retry", "step"});
  CHECK(at(broken.steps[1].decorators[0].location) == "21:5");

  // An unterminated triple-quoted string runs to the end of the file.
  CHECK(step_names(flows[2]) == Strings{"start"});
}

TEST_CASE("a missing parenthesis before a class still finds the class") {
  const auto flows = scan_text(
      "x = foo(1,\n"
      "class A(FlowSpec):\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n");
  REQUIRE(flow_names(flows) == Strings{"A"});
  CHECK(at(flows[0].location) == "2:1");
  CHECK(step_names(flows[0]) == Strings{"start"});
}

TEST_CASE("tabs advance indentation to the next multiple of 8 and count as one column") {
  const auto flows = scan_fixture("tabs.py");
  REQUIRE(flow_names(flows) == Strings{"TabFlow"});
  const ScannedFlow& flow = flows[0];
  // `    \t@step` and `        def` are as deep as `\tdef`, so `middle` is a step.
  REQUIRE(step_names(flow) == Strings{"start", "middle", "end"});
  CHECK(at(flow.steps[0].location) == "8:2");
  CHECK(names(flow.steps[0].decorators) == Strings{"retry", "step"});
  CHECK(flow.steps[0].decorators[0].arguments == "times=2, minutes_between_retries=0");
  CHECK(at(flow.steps[0].decorators[0].location) == "5:2");
  CHECK(at(flow.steps[1].decorators[0].location) == "13:6");
  CHECK(at(flow.steps[1].location) == "14:9");
  CHECK(at(flow.steps[2].location) == "18:2");
  CHECK(names(flow.steps[2].decorators) == Strings{"step"});
}

TEST_CASE("CRLF and lone CR line endings give the same flows and locations") {
  const std::string lf = read_fixture("flow_decorators.py");
  for (const std::string_view ending : {"\r\n", "\r"}) {
    CAPTURE(ending.size());
    const auto expected = scan_text(lf);
    const auto flows = scan_text(replace_all(lf, "\n", ending));
    REQUIRE(flow_names(flows) == flow_names(expected));
    for (std::size_t f = 0; f < flows.size(); ++f) {
      CHECK(at(flows[f].location) == at(expected[f].location));
      CHECK(names(flows[f].decorators) == names(expected[f].decorators));
      CHECK(arguments(flows[f].decorators) == arguments(expected[f].decorators));
      REQUIRE(step_names(flows[f]) == step_names(expected[f]));
      for (std::size_t s = 0; s < flows[f].steps.size(); ++s) {
        CHECK(at(flows[f].steps[s].location) == at(expected[f].steps[s].location));
        CHECK(arguments(flows[f].steps[s].decorators) ==
              arguments(expected[f].steps[s].decorators));
      }
    }
  }
  const auto multi = scan_text(
      "class A(FlowSpec):\r\n"
      "    @retry(times=1,\r\n"
      "           minutes_between_retries=2)\r\n"
      "    @step\r\n"
      "    def start(self):\r\n"
      "        pass\r\n");
  REQUIRE(multi.size() == 1);
  REQUIRE(multi[0].steps.size() == 1);
  CHECK(multi[0].steps[0].decorators[0].arguments == "times=1, minutes_between_retries=2");
  CHECK(at(multi[0].steps[0].location) == "5:5");
}

TEST_CASE("string literals of every form hide what they contain") {
  const auto flows = scan_text(
      "a = r'\\' @retry'\n"
      "b = Rb\"\"\"\n"
      "@retry\n"
      "class Fake(FlowSpec):\n"
      "\"\"\"\n"
      "c = BR'''x''' + bR\"\\\"\" + rB'''\"''' + U'@u'\n"
      "d = f\"{'@x'} {{class}}\" + F'{x[\"class B(FlowSpec):\"]}' + fR\"\\d{x}\" + Rf'''{x}'''\n"
      "e = 'line one \\\n"
      "class C(FlowSpec): still the string'\n"
      "f = \"\"\"\n"
      "    class D(FlowSpec):\n"
      "\"\"\"  # class E(FlowSpec):\n"
      "class Real(FlowSpec):\n"
      "    label = f\"{d[\"(\"]}\" + f'{x:{width}}(' + f\"{'}' + \"(\"}\"\n"
      "    @card(options=f\"{d[\"(\"]}\", title=f'''{\"\"\"(\"\"\"}''',\n"
      "          brace=f'{{', raw=rf\"\\{d[\"(\"]}\")\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n");
  REQUIRE(flow_names(flows) == Strings{"Real"});
  CHECK(at(flows[0].location) == "13:1");
  REQUIRE(step_names(flows[0]) == Strings{"start"});
  CHECK(
      flows[0].steps[0].decorators[0].arguments ==
      "options=f\"{d[\"(\"]}\", title=f'''{\"\"\"(\"\"\"}''', brace=f'{{', raw=rf\"\\{d[\"(\"]}\"");
  CHECK(at(flows[0].steps[0].location) == "18:5");
}

TEST_CASE("an unterminated single-quoted string ends at its end of line") {
  const auto flows = scan_text(
      "class A(FlowSpec):\n"
      "    @card(id='open (\n"
      "    )\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n");
  REQUIRE(flows.size() == 1);
  REQUIRE(step_names(flows[0]) == Strings{"start"});
  CHECK(arguments(flows[0].steps[0].decorators) == Strings{"id='open (", ""});
}

TEST_CASE("backslash continuations join lines") {
  const auto flows = scan_text(
      "class A \\\n"
      "        (FlowSpec):\n"
      "    x = 1 + \\\n"
      "2\n"
      "    @retry \\\n"
      "      (times=4)\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n");
  // `2` sits in column 1 but continues the line above, so it does not end the class.
  REQUIRE(flow_names(flows) == Strings{"A"});
  REQUIRE(step_names(flows[0]) == Strings{"start"});
  CHECK(names(flows[0].steps[0].decorators) == Strings{"retry", "step"});
  CHECK(flows[0].steps[0].decorators[0].arguments == "times=4");
  CHECK(at(flows[0].steps[0].location) == "8:5");
}

TEST_CASE("decorator names are the last part of a dotted name; arguments are text") {
  const auto flows = scan_text(
      "@schedule(cron='0 * * * *')\n"
      "@trigger_on_finish(flow='TrainFlow')\n"
      "class Nightly(FlowSpec):\n"
      "    @ metaflow . kubernetes ( memory = 4000 )\n"
      "    @(lambda f: f)\n"
      "    @card(type='blank')\n"
      "    @step()\n"
      "    def start(self):\n"
      "        pass\n"
      "\n"
      "    @retry\n"
      "    def helper(self):\n"
      "        pass\n");
  REQUIRE(flows.size() == 1);
  CHECK(names(flows[0].decorators) == Strings{"schedule", "trigger_on_finish"});
  CHECK(arguments(flows[0].decorators) == Strings{"cron='0 * * * *'", "flow='TrainFlow'"});
  // `@(lambda f: f)` has no name to report but does not break the chain; `helper` has no
  // @step so it is not a step.
  REQUIRE(step_names(flows[0]) == Strings{"start"});
  CHECK(names(flows[0].steps[0].decorators) == Strings{"kubernetes", "card", "step"});
  CHECK(arguments(flows[0].steps[0].decorators) == Strings{"memory = 4000", "type='blank'", ""});
}

TEST_CASE("decorators that are not a name or a call of one keep the chain but give no name") {
  const auto flows = scan_text(
      "class A(FlowSpec):\n"
      "    @registry[0]\n"
      "    @retry(times=3).with_jitter\n"
      "    @make()(x)\n"
      "    @timeout.\n"
      "    @catch  # a comment after a decorator is fine\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n");
  REQUIRE(flows.size() == 1);
  REQUIRE(step_names(flows[0]) == Strings{"start"});
  CHECK(names(flows[0].steps[0].decorators) == Strings{"catch", "step"});
}

TEST_CASE("a decorator call left open keeps its name and the arguments on its line") {
  const auto flows = scan_text(
      "class A(FlowSpec):\n"
      "    @retry(times=3,\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n");
  REQUIRE(flows.size() == 1);
  REQUIRE(step_names(flows[0]) == Strings{"start"});
  CHECK(names(flows[0].steps[0].decorators) == Strings{"retry", "step"});
  CHECK(flows[0].steps[0].decorators[0].arguments == "times=3,");
}

TEST_CASE("only decorators at the class's own indentation belong to it") {
  const auto flows = scan_text(
      "if True:\n"
      "    @project(name='inner')\n"
      "class A(FlowSpec):\n"
      "    pass\n"
      "@retry\n"
      "x = 1\n"
      "class B(FlowSpec): pass\n"
      "if True:\n"
      "    @retry\n"
      "@schedule(daily=True)\n"
      "class C(FlowSpec): pass\n");
  REQUIRE(flow_names(flows) == Strings{"A", "B", "C"});
  CHECK(flows[0].decorators.empty());
  CHECK(flows[1].decorators.empty());
  CHECK(names(flows[2].decorators) == Strings{"schedule"});
}

TEST_CASE("a class body ends at the first line indented no deeper than the class") {
  const auto flows = scan_text(
      "class A(FlowSpec):\n"
      "    @step\n"
      "    def start(self):\n"
      "        text = '''\n"
      "@step\n"
      "def in_a_string(self):\n"
      "'''\n"
      "# a comment in column 1 does not end the body\n"
      "\n"
      "    @step\n"
      "    def end(self):\n"
      "        pass\n"
      "@step\n"
      "def outside(self):\n"
      "    pass\n"
      "    class Nested(FlowSpec):\n"
      "        @step\n"
      "        def start(self):\n"
      "            pass\n");
  REQUIRE(flow_names(flows) == Strings{"A", "Nested"});
  CHECK(step_names(flows[0]) == Strings{"start", "end"});
  CHECK(at(flows[1].location) == "16:5");
  CHECK(step_names(flows[1]) == Strings{"start"});
}

TEST_CASE("inheritance within the file") {
  const auto flows = scan_text(
      "class Base(FlowSpec):\n"
      "    @retry\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n"
      "    @step\n"
      "    def end(self):\n"
      "        pass\n"
      "@project(name='p')\n"
      "class Child(Base):\n"
      "    @step\n"
      "    def end(self):\n"
      "        pass\n"
      "class Grandchild(Child):\n"
      "    pass\n"
      "class Elsewhere(other.Base):\n"
      "    pass\n");
  REQUIRE(flow_names(flows) == Strings{"Base", "Child", "Grandchild"});
  // Steps not redefined are inherited, after the own ones; so are the flow-level decorators
  // Metaflow reads through the class hierarchy (@project here, as written on Child).
  CHECK(names(flows[1].decorators) == Strings{"project"});
  REQUIRE(step_names(flows[1]) == Strings{"end", "start"});
  CHECK(at(flows[1].steps[0].location) == "12:5");
  CHECK(names(flows[1].steps[1].decorators) == Strings{"retry", "step"});
  REQUIRE(names(flows[2].decorators) == Strings{"project"});
  CHECK(at(flows[2].decorators[0].location) == "9:1");
  CHECK(step_names(flows[2]) == Strings{"end", "start"});
}

TEST_CASE("a byte order mark and a form feed do not shift anything") {
  const auto flows = scan_text(
      "\xEF\xBB\xBF@project(name='bom')\n"
      "class A(FlowSpec):\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n"
      "\f\n"
      "    \fclass B(FlowSpec):\n"
      "    @step\n"
      "    def start(self):\n"
      "        pass\n");
  REQUIRE(flow_names(flows) == Strings{"A", "B"});
  CHECK(at(flows[0].decorators[0].location) == "1:1");
  CHECK(at(flows[1].location) == "7:6");  // the form feed resets the indentation to 0
  CHECK(step_names(flows[1]) == Strings{"start"});
}

TEST_CASE("realistic flows") {
  SECTION("a linear hello-world flow") {
    const auto flows = scan_fixture("hello_flow.py");
    REQUIRE(flow_names(flows) == Strings{"GreetingFlow"});
    CHECK(at(flows[0].location) == "4:1");
    CHECK(flows[0].decorators.empty());
    REQUIRE(step_names(flows[0]) == Strings{"start", "greet", "end"});
    CHECK(at(flows[0].steps[0].location) == "12:5");
    CHECK(at(flows[0].steps[1].location) == "18:5");
    CHECK(at(flows[0].steps[2].location) == "24:5");
    for (const ScannedStep& step : flows[0].steps) CHECK(names(step.decorators) == Strings{"step"});
  }
  SECTION("@catch and @retry on one step; a helper method is not a step") {
    const auto flows = scan_fixture("recover_flow.py");
    REQUIRE(flow_names(flows) == Strings{"RecoverFlow"});
    CHECK(names(flows[0].decorators) == Strings{"project"});
    CHECK(flows[0].decorators[0].arguments == R"(name="recover_flow")");
    REQUIRE(step_names(flows[0]) == Strings{"start", "risky", "end"});
    const ScannedStep& risky = flows[0].steps[1];
    CHECK(at(risky.location) == "15:5");
    CHECK(names(risky.decorators) == Strings{"catch", "retry", "step"});
    CHECK(arguments(risky.decorators) == Strings{R"(var="failure")", "times=1", ""});
  }
  SECTION("a foreach flow with parameters, resources and a timeout") {
    const auto flows = scan_fixture("genre_stats.py");
    REQUIRE(flow_names(flows) == Strings{"GenreStatsFlow"});
    CHECK(at(flows[0].location) == "14:1");
    REQUIRE(step_names(flows[0]) == Strings{"start", "per_genre", "join", "end"});
    const ScannedStep& per_genre = step_named(flows[0], "per_genre");
    CHECK(at(per_genre.location) == "47:5");
    CHECK(names(per_genre.decorators) == Strings{"resources", "timeout", "step"});
    CHECK(arguments(per_genre.decorators) == Strings{"memory=16000, cpu=4", "hours=1", ""});
    CHECK(at(step_named(flows[0], "end").location) == "64:5");
  }
}

TEST_CASE("empty and comment-only input give no flows") {
  CHECK(scan_text("").empty());
  CHECK(scan_text("\n\n   \n\t\n").empty());
  CHECK(scan_text("# class A(FlowSpec):\n#   @step\n").empty());
  CHECK(scan_text("@").empty());
  CHECK(scan_text("class").empty());
  CHECK(scan_text("class A(").empty());
  CHECK(scan_text("class A(FlowSpec").size() == 1);  // no `)`: the bases so far still count
}

TEST_CASE("binary garbage and NUL bytes never stop the scan") {
  std::uint32_t state = 12345;
  std::string garbage;
  for (int i = 0; i < 1 << 20; ++i) {
    state = state * 1103515245U + 12345U;
    garbage += static_cast<char>(state >> 24);
  }
  (void)scan_text(garbage);
  for (const char* tail : {"'", "\"\"\"", "f'{", "(", "\\", "@"}) {
    (void)scan_text(garbage.substr(0, 4096) + tail);
  }

  // Garbage without quotes or brackets does not hide a flow after it.
  const char raw_line[] = "\x01\x00\xFF\xFE\x80 class\x00 @\x00";
  const std::string nul_line(raw_line, sizeof raw_line - 1);
  const auto flows =
      scan_text(nul_line + "\nclass A(FlowSpec):\n    @step\n    def start(self): pass\n");
  REQUIRE(flow_names(flows) == Strings{"A"});
  CHECK(at(flows[0].location) == "2:1");
  CHECK(step_names(flows[0]) == Strings{"start"});
}

TEST_CASE("mutated fixtures never crash and every location stays inside the text") {
  std::uint32_t state = 7;
  auto random = [&state](std::uint32_t bound) {
    state = state * 1664525U + 1013904223U;
    return (state >> 8) % bound;
  };
  static const char kBytes[] = "'\"\\()[]{}#@\t\r\n\f\0 fbr:=.";
  const std::string_view alphabet(kBytes, sizeof kBytes - 1);
  for (const char* name : {"flow_decorators.py", "tricky_text.py", "tabs.py", "genre_stats.py"}) {
    const std::string original = read_fixture(name);
    for (int round = 0; round < 300; ++round) {
      std::string text = original;
      for (std::uint32_t edits = 1 + random(4); edits > 0; --edits) {
        const std::size_t pos = random(static_cast<std::uint32_t>(text.size()));
        if (random(3) == 0) {
          text.erase(pos, 1 + random(8));
        } else {
          text.insert(pos, 1, alphabet[random(static_cast<std::uint32_t>(alphabet.size()))]);
        }
      }
      const auto lines = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n') +
                                                    std::count(text.begin(), text.end(), '\r') + 1);
      for (const ScannedFlow& flow : scan_text(text)) {
        CHECK(flow.location.line >= 1);
        CHECK(flow.location.line <= lines);
        CHECK(flow.location.column >= 1);
        for (const ScannedStep& step : flow.steps) {
          CHECK(step.location.line <= lines);
          for (const ScannedDecorator& decorator : step.decorators) {
            CHECK(!decorator.name.empty());
            CHECK(decorator.location.line <= step.location.line);
          }
        }
      }
    }
  }
}

TEST_CASE("pathological input is scanned without recursion or blow-up") {
  const std::size_t five_mb = 5U << 20;
  CHECK(scan_text(std::string(five_mb, '(')).empty());
  CHECK(scan_text("@retry" + std::string(five_mb, '[')).empty());
  CHECK(scan_text(std::string(five_mb, '\n')).empty());

  std::string nested_fstrings;
  for (int i = 0; i < 200000; ++i) nested_fstrings += "f'{";
  CHECK(scan_text(nested_fstrings).empty());

  // Runaway brackets end at a `class` line, so the flow after them is still found.
  const auto flows = scan_text(std::string(five_mb, '{') +
                               "\nclass A(FlowSpec):\n    @step\n    def start(self): pass\n");
  REQUIRE(flow_names(flows) == Strings{"A"});
  CHECK(step_names(flows[0]) == Strings{"start"});

  const std::string long_line = "x = '" + std::string(4U << 20, 'a') + "'\n";
  const auto after_long = scan_text(long_line + "@retry(times=" + std::string(100000, '1') +
                                    ")\nclass B(FlowSpec):\n    pass\n");
  REQUIRE(flow_names(after_long) == Strings{"B"});
  CHECK(after_long[0].decorators[0].arguments.size() == 100006);
}

TEST_CASE("a 1 MB flow file scans quickly") {
  const std::string one = read_fixture("genre_stats.py");
  std::string big;
  int copies = 0;
  while (big.size() < (1U << 20)) {
    big += replace_all(one, "GenreStatsFlow", "GenreStatsFlow" + std::to_string(copies++));
  }
  const auto start = std::chrono::steady_clock::now();
  const auto flows = scan_text(big);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(flows.size() == static_cast<std::size_t>(copies));
  CHECK(flows.back().steps.size() == 4);
  const auto budget = std::chrono::milliseconds(100) * deploy_advisor::test::kTimeScale;
  CHECK(elapsed < budget);
}

TEST_CASE("a module declaring more than the scanner keeps is marked at the first entry left out") {
  using deploy_advisor::kMaxScannedEntries;
  // Entries: one per import, two for the class and its base, two per step (`@step`, `def`).
  auto module_of = [](std::size_t imports, std::size_t steps) {
    std::string text;
    for (std::size_t i = 0; i < imports; ++i) text += "from base import B" + std::to_string(i) + "\n";
    text += "class A(FlowSpec):\n";
    for (std::size_t i = 0; i < steps; ++i)
      text += "    @step\n    def s" + std::to_string(i) + "(self): pass\n";
    return text;
  };
  const std::size_t steps = (kMaxScannedEntries - 2) / 2 - 1;
  const std::size_t imports = kMaxScannedEntries - 2 - 2 * steps;

  const auto at_limit = deploy_advisor::scan_module(module_of(imports, steps), nullptr);
  CHECK_FALSE(at_limit.over_limit);
  REQUIRE(at_limit.classes.size() == 1);
  CHECK(at_limit.classes[0].steps.size() == steps);

  const auto over = deploy_advisor::scan_module(module_of(imports + 1, steps), nullptr);
  REQUIRE(over.over_limit);
  // The last step's `def` is the one entry too many.
  CHECK(over.over_limit->line == imports + 1 + 1 + 2 * steps);
  CHECK(over.classes.size() <= 1);

  // Inherited steps count too: a subclass copying the steps of a large flow.
  const auto inherited = deploy_advisor::scan_module(
      module_of(0, kMaxScannedEntries / 4) + "class B(A):\n    pass\n", nullptr);
  CHECK(inherited.over_limit);
}
