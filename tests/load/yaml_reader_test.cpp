#include "support/sanitized.hpp"
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "deploy_advisor/load/readers.hpp"

namespace da = deploy_advisor;

namespace {

const std::string* const kFile = da::intern_file_name("topology.yaml");

da::ParseResult parse(std::string_view text, const da::ReadLimits& limits = {}) {
  return da::parse_yaml(text, kFile, limits);
}

std::string describe_errors(const da::ParseResult& result) {
  std::string out;
  for (const auto& error : result.errors) out += da::format_input_error(error) + "\n";
  return out;
}

da::Node parse_ok(std::string_view text) {
  da::ParseResult result = parse(text);
  INFO(describe_errors(result));
  REQUIRE(result.ok());
  return std::move(result.root);
}

da::InputError only_error(std::string_view text, const da::ReadLimits& limits = {}) {
  da::ParseResult result = parse(text, limits);
  INFO(describe_errors(result));
  REQUIRE(result.errors.size() == 1);
  return result.errors.front();
}

void check_location(const da::Node& node, std::uint32_t line, std::uint32_t column) {
  CHECK(node.location().file == kFile);
  CHECK(node.location().line == line);
  CHECK(node.location().column == column);
}

void check_error(const da::InputError& error, std::uint32_t line, std::uint32_t column,
                 const std::string& message) {
  CHECK(error.location.file == kFile);
  CHECK(error.location.line == line);
  CHECK(error.location.column == column);
  CHECK(error.message == message);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// `levels` flow sequences nested around one scalar.
std::string nested_flow(std::size_t levels) {
  return std::string(levels, '[') + "1" + std::string(levels, ']') + "\n";
}

}  // namespace

TEST_CASE("yaml: scalars keep their text, style and position", "[yaml]") {
  const da::Node root = parse_ok(
      "name: web\n"
      "port: 8080\n"
      "quoted: \"8080\"\n"
      "single: 'it''s'\n"
      "literal: |\n"
      "  line one\n"
      "  line two\n"
      "folded: >-\n"
      "  a\n"
      "  b\n"
      "enabled: true\n"
      "ratio: 0.5\n"
      "hex: 0x1F\n"
      "tilde: ~\n"
      "word: yes\n");
  REQUIRE(root.is_mapping());
  check_location(root, 1, 1);
  REQUIRE(root.entries().size() == 11);

  const da::Node& name = *root.find("name");
  CHECK(name.text() == "web");
  CHECK(name.style() == da::Node::Style::Plain);
  check_location(name, 1, 7);
  check_location(*root.find_key("name"), 1, 1);

  CHECK(da::scalar_type(*root.find("port")) == da::ScalarType::Integer);
  CHECK(da::scalar_number(*root.find("port")) == 8080);
  check_location(*root.find("port"), 2, 7);

  const da::Node& quoted = *root.find("quoted");
  CHECK(quoted.text() == "8080");
  CHECK(quoted.style() == da::Node::Style::Quoted);
  CHECK(da::scalar_type(quoted) == da::ScalarType::String);
  check_location(quoted, 3, 9);

  CHECK(root.find("single")->text() == "it's");
  CHECK(root.find("single")->style() == da::Node::Style::Quoted);

  const da::Node& literal = *root.find("literal");
  CHECK(literal.text() == "line one\nline two\n");
  CHECK(literal.style() == da::Node::Style::Quoted);
  check_location(literal, 5, 10);
  CHECK(root.find("folded")->text() == "a b");
  CHECK(root.find("folded")->style() == da::Node::Style::Quoted);

  CHECK(da::scalar_type(*root.find("enabled")) == da::ScalarType::Bool);
  CHECK(da::scalar_bool(*root.find("enabled")));
  CHECK(da::scalar_type(*root.find("ratio")) == da::ScalarType::Float);
  CHECK(da::scalar_type(*root.find("hex")) == da::ScalarType::Integer);
  CHECK(da::scalar_number(*root.find("hex")) == 31);
  // The core schema, not YAML 1.1: `yes` is a string.
  CHECK(da::scalar_type(*root.find("word")) == da::ScalarType::String);

  const da::Node& tilde = *root.find("tilde");
  CHECK(tilde.is_null());
  check_location(tilde, 14, 8);
}

TEST_CASE("yaml: an empty value is null and points at its key", "[yaml]") {
  const da::Node root = parse_ok("empty:\nnext: 1\nlast:\n");
  const da::Node& empty = *root.find("empty");
  CHECK(empty.is_null());
  CHECK(da::scalar_type(empty) == da::ScalarType::Null);
  check_location(empty, 1, 1);
  check_location(*root.find("last"), 3, 1);
}

TEST_CASE("yaml: lone carriage returns break lines, as YAML says, and keep their positions", "[yaml]") {
  // Files saved by classic Mac editors end lines with CR alone; CRLF is read as one break.
  const da::Node root = parse_ok("name: n\rlist:\r  - a\r  - b\rcrlf: 1\r\nlast: x");
  CHECK(root.find("name")->text() == "n");
  check_location(*root.find("list"), 3, 3);
  REQUIRE(root.find("list")->items().size() == 2);
  check_location(*root.find("crlf"), 5, 7);
  check_location(*root.find("last"), 6, 7);
  da::InputError error = only_error("a: 1\rb: [\r");
  CHECK(error.location.line >= 2);
}

TEST_CASE("yaml: collections are located where they start", "[yaml]") {
  const da::Node root = parse_ok(
      "services:\n"
      "  web:\n"
      "    ports: [80, 443]\n"
      "    env:\n"
      "      - A=1\n"
      "      - B=2\n"
      "    labels: {tier: front}\n"
      "list:\n"
      "- x\n"
      "- y: 1\n"
      "  z: 2\n");
  const da::Node& web = *root.find("services")->find("web");
  check_location(*root.find("services"), 2, 3);
  check_location(web, 3, 5);

  const da::Node& ports = *web.find("ports");
  REQUIRE(ports.is_sequence());
  check_location(ports, 3, 12);
  REQUIRE(ports.items().size() == 2);
  check_location(ports.items()[0], 3, 13);
  check_location(ports.items()[1], 3, 17);

  const da::Node& env = *web.find("env");
  REQUIRE(env.is_sequence());
  check_location(env, 5, 7);
  check_location(env.items()[1], 6, 9);
  CHECK(env.items()[1].text() == "B=2");

  const da::Node& labels = *web.find("labels");
  REQUIRE(labels.is_mapping());
  check_location(labels, 7, 13);
  check_location(*labels.find_key("tier"), 7, 14);
  check_location(*labels.find("tier"), 7, 20);

  // A sequence written at its key's indentation.
  const da::Node& list = *root.find("list");
  REQUIRE(list.is_sequence());
  check_location(list, 9, 1);
  REQUIRE(list.items().size() == 2);
  const da::Node& item = list.items()[1];
  REQUIRE(item.is_mapping());
  check_location(item, 10, 3);
  check_location(*item.find_key("z"), 11, 3);
}

TEST_CASE("yaml: a scalar root, a sequence root, keys of every style", "[yaml]") {
  const da::Node scalar = parse_ok("just text\n");
  CHECK(scalar.is_scalar());
  CHECK(scalar.text() == "just text");

  const da::Node sequence = parse_ok("- 1\n- two\n");
  REQUIRE(sequence.is_sequence());
  check_location(sequence, 1, 1);
  check_location(sequence.items()[1], 2, 3);

  const da::Node keys = parse_ok("\"quoted key\": 1\n'single': 2\nplain: 3\n");
  check_location(*keys.find_key("quoted key"), 1, 1);
  CHECK(keys.find_key("quoted key")->style() == da::Node::Style::Quoted);
  check_location(*keys.find_key("single"), 2, 1);
}

TEST_CASE("yaml: explicit tags keep the text as written", "[yaml]") {
  const da::Node root = parse_ok(
      "ref: !Ref MyBucket\n"
      "sub: !Sub \"arn:${AWS::Partition}:s3\"\n"
      "block: !Sub |\n"
      "  text\n"
      "attr: !GetAtt [Bucket, Arn]\n"
      "str: !!str 123\n"
      "int: !!int \"7\"\n"
      "bang: ! 12\n"
      "empty: !Ref\n"
      "next: 1\n");
  const da::Node& ref = *root.find("ref");
  CHECK(ref.text() == "MyBucket");
  CHECK(ref.style() == da::Node::Style::Plain);
  check_location(ref, 1, 6);
  CHECK(root.find("sub")->text() == "arn:${AWS::Partition}:s3");
  CHECK(root.find("sub")->style() == da::Node::Style::Quoted);
  CHECK(root.find("block")->style() == da::Node::Style::Quoted);
  REQUIRE(root.find("attr")->is_sequence());
  CHECK(root.find("attr")->items().size() == 2);
  CHECK(da::scalar_type(*root.find("str")) == da::ScalarType::String);
  CHECK(root.find("int")->style() == da::Node::Style::Quoted);
  CHECK(da::scalar_type(*root.find("bang")) == da::ScalarType::String);
  CHECK(root.find("empty")->text().empty());
  CHECK(root.find("next")->text() == "1");
}

TEST_CASE("yaml: aliases expand to copies located at the anchor", "[yaml]") {
  const da::Node root = parse_ok(
      "base: &base\n"
      "  image: nginx\n"
      "  ports: [80]\n"
      "web: *base\n"
      "name: &n web\n"
      "names: [*n, *n]\n"
      "svc:\n"
      "  <<: *base\n"
      "  image: httpd\n");
  const da::Node& web = *root.find("web");
  REQUIRE(web.is_mapping());
  CHECK(web.find("image")->text() == "nginx");
  check_location(web, 1, 7);  // a node with an anchor or tag starts there
  check_location(*web.find("image"), 2, 10);
  check_location(web.find("ports")->items()[0], 3, 11);

  const da::Node& names = *root.find("names");
  REQUIRE(names.items().size() == 2);
  CHECK(names.items()[1].text() == "web");
  check_location(names.items()[1], 5, 7);

  // `<<` merges: the explicit key wins, the merged one keeps the anchor's location.
  const da::Node& svc = *root.find("svc");
  CHECK(svc.find("<<") == nullptr);
  CHECK(svc.find("image")->text() == "httpd");
  CHECK(svc.find("image")->location().via == nullptr);
  REQUIRE(svc.find("ports") != nullptr);
  check_location(*svc.find("ports"), 3, 10);
  REQUIRE(svc.find("ports")->location().via != nullptr);
  CHECK(svc.find("ports")->location().via->anchor == "base");
  CHECK(svc.find("ports")->location().via->at.line == 8);
}

TEST_CASE("yaml: merge keys follow YAML 1.1 (explicit keys win, earlier maps win)", "[yaml]") {
  const da::Node root = parse_ok(
      "a: &a {x: 1, y: 1, z: 1}\n"
      "b: &b {x: 2, y: 2, w: 2}\n"
      "m:\n"
      "  x: 0\n"
      "  <<: [*a, *b]\n"
      "  v: 0\n"
      "quoted:\n"
      "  \"<<\": *a\n");
  const da::Node& m = *root.find("m");
  std::vector<std::string> keys;
  for (const auto& [k, v] : m.entries()) keys.push_back(k.text() + "=" + v.text());
  // Merged keys sit where `<<` is written; x is explicit, y and z come from a, w from b.
  CHECK(keys == std::vector<std::string>{"x=0", "y=1", "z=1", "w=2", "v=0"});
  check_location(*m.find("w"), 2, 23);
  CHECK(da::merge_note(m.find("w")->location()) == " (merged by '<<: *b' at line 5)");
  CHECK(da::merge_note(m.find("x")->location()).empty());
  // A quoted "<<" is an ordinary key.
  CHECK(root.find("quoted")->find("<<") != nullptr);
}

TEST_CASE("yaml: a merge inside an anchor is remembered when that anchor is merged", "[yaml]") {
  const da::Node root = parse_ok(
      "base: &base {cpu: 1}\n"
      "web: &web\n"
      "  <<: *base\n"
      "  port: 80\n"
      "api:\n"
      "  <<: *web\n");
  const da::Node& cpu = *root.find("api")->find("cpu");
  check_location(cpu, 1, 19);
  CHECK(da::merge_note(cpu.location()) ==
        " (merged by '<<: *web' at line 6, which took it from '<<: *base' at line 3)");
}

TEST_CASE("yaml: a merge key must name mappings", "[yaml]") {
  check_error(only_error("a: &a 1\nm:\n  <<: *a\n"), 3, 3,
              "merge key '<<': found the number 1; expected a mapping or a list of mappings, such "
              "as *defaults or [*defaults, *tuning]");
  check_error(only_error("a: &a {x: 1}\nm:\n  <<: [*a, 2]\n"), 3, 12,
              "merge key '<<': the list holds the number 2; expected a list of mappings such as "
              "[*defaults, *tuning]");
}

TEST_CASE("yaml: merge keys count toward the alias expansion limit", "[yaml]") {
  // Each level merges the level below twice over: the copies are counted as aliases are.
  std::string text = "l0: &l0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n";
  for (int i = 1; i < 12; ++i) {
    const std::string level = "l" + std::to_string(i), below = "*l" + std::to_string(i - 1);
    text += level + ": &" + level + " {<<: [" + below + ", " + below + "], x: [" + below + ", " +
            below + ", " + below + "]}\n";
  }
  da::ReadLimits limits;
  limits.max_nodes = 100'000;
  const auto started = std::chrono::steady_clock::now();
  const da::ParseResult result = parse(text, limits);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2) * deploy_advisor::test::kTimeScale);
  REQUIRE_FALSE(result.ok());
  CHECK(result.errors.back().message ==
        "alias expansion exceeds 100000 nodes (a \"billion laughs\" document?)");
}

TEST_CASE("yaml: an anchor redefined later is used from there on", "[yaml]") {
  const da::Node root = parse_ok("a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: &n\nf: *n\n");
  CHECK(root.find("b")->text() == "1");
  CHECK(root.find("d")->text() == "2");
  CHECK(root.find("f")->is_null());
}

TEST_CASE("yaml: Windows line ends", "[yaml]") {
  const da::Node root = parse_ok("a: 1\r\nb:\r\n  - x\r\n");
  check_location(*root.find("a"), 1, 4);
  check_location(root.find("b")->items()[0], 3, 5);
  CHECK(root.find("b")->items()[0].text() == "x");
}

TEST_CASE("yaml: alias errors", "[yaml]") {
  check_error(only_error("a: *nope\n"), 1, 4,
              "YAML syntax error: the referenced anchor is not defined");
  check_error(only_error("a: &x [1, *x]\n"), 1, 11,
              "alias *x is inside the node it refers to (a recursive structure)");
  da::ReadLimits few_nodes;
  few_nodes.max_nodes = 12;  // the root, a, [1, 2, 3], b, its copy and c make 12
  check_error(only_error("a: &a [1, 2, 3]\nb: *a\nc: *a\n", few_nodes), 3, 4,
              "alias expansion exceeds 12 nodes (a \"billion laughs\" document?)");
  da::ReadLimits shallow;
  shallow.max_depth = 3;
  check_error(only_error("a: &a [[1]]\nb: [*a]\n", shallow), 2, 5,
              "nesting deeper than 3 levels once alias *a is expanded");
  da::ReadLimits few_bytes;
  few_bytes.max_bytes = 100;
  check_error(only_error("a: &a " + std::string(40, 'x') + "\nb: [*a, *a, *a]\n", few_bytes), 2, 13,
              "alias expansion exceeds 100 bytes of text (a \"billion laughs\" document?)");
}

TEST_CASE("yaml: a billion laughs fails fast", "[yaml]") {
  // Nine levels of nine aliases: 10^9 nodes if expanded.
  std::string text =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  const std::string names = "abcdefghi";
  for (std::size_t level = 1; level < names.size(); ++level) {
    std::string previous = "*" + names.substr(level - 1, 1);
    text += names.substr(level, 1) + ": &" + names.substr(level, 1) + " [" + previous;
    for (int i = 1; i < 9; ++i) text += ", " + previous;
    text += "]\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const da::ParseResult result = parse(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(result.errors.size() == 1);
  // Levels a..f build 672,610 nodes; the first *f on line 7 would pass 1,000,000.
  check_error(result.errors.front(), 7, 8,
              "alias expansion exceeds 1000000 nodes (a \"billion laughs\" document?)");
  CHECK(elapsed < std::chrono::seconds(1) * deploy_advisor::test::kTimeScale);  // a sanity bound, not a benchmark
}

TEST_CASE("yaml: nesting is bounded before yaml-cpp recurses", "[yaml]") {
  const std::string deep = "nesting deeper than 64 levels";
  CHECK(parse(nested_flow(64)).ok());
  check_error(only_error(nested_flow(65)), 1, 65, deep);
  std::string block;
  for (std::size_t i = 0; i < 64; ++i) block += std::string(2 * i, ' ') + "a:\n";
  CHECK(parse(block + std::string(128, ' ') + "- x\n").errors.size() == 1);
  CHECK(parse(block + std::string(128, ' ') + "x\n").ok());
  CHECK(parse(repeat("- ", 64) + "x\n").ok());

  SECTION("100,000 nested flow sequences") {
    check_error(only_error(std::string(100'000, '[')), 1, 65, deep);
  }
  SECTION("100,000 nested flow mappings") {
    check_error(only_error(repeat("{\"a\": ", 100'000)), 1, 64 * 6 + 1, deep);
  }
  SECTION("nested block mappings by indentation") {
    // 100,000 levels would take 5 GB of indentation; 5,000 make 12.5 MB, under the size limit.
    std::string text;
    for (std::size_t i = 0; i < 5'000; ++i) text += std::string(i, ' ') + "a:\n";
    check_error(only_error(text), 65, 65, deep);
  }
  SECTION("100,000 nested block mappings as explicit keys") {
    check_error(only_error(repeat("? ", 100'000) + "x\n"), 1, 64 * 2 + 1, deep);
  }
  SECTION("100,000 nested block sequences on one line") {
    check_error(only_error(repeat("- ", 100'000) + "x\n"), 1, 64 * 2 + 1, deep);
  }
  SECTION("implicit pairs in flow sequences nest twice per bracket") {
    check_error(only_error(repeat("[a: ", 40) + "b" + std::string(40, ']')), 1, 32 * 4 + 1, deep);
  }
  SECTION("block scalars and quotes hide brackets") {
    std::string text = "script: |\n  " + std::string(200, '[') + "\n  - - - - x\nre: \"" +
                       std::string(200, '{') + "\"\nok: '[[[[[['\n";
    CHECK(parse(text).ok());
  }
  SECTION("the tree builder enforces the limit too") {
    // Unclosed brackets make yaml-cpp open a mapping and a sequence per bracket, more than
    // the scan counts: the builder stops at the 65th collection.
    const da::ParseResult result = parse(std::string(40, '['));
    REQUIRE_FALSE(result.ok());
    check_error(result.errors.back(), 1, 33, deep);
  }
  SECTION("a smaller limit") {
    da::ReadLimits limits;
    limits.max_depth = 2;
    CHECK(parse("a:\n  b: [1]\n", limits).errors.size() == 1);
    CHECK(parse("a:\n  b: 1\n", limits).ok());
  }
}

TEST_CASE("yaml: empty streams", "[yaml]") {
  for (std::string_view text : {"", "\n\n", "# only a comment\n", "---\n", "\xEF\xBB\xBF"}) {
    INFO(text);
    const da::Node root = parse_ok(text);
    CHECK(root.is_null());
    CHECK(root.location().line >= 1);
  }
}

TEST_CASE("yaml: exactly one document", "[yaml]") {
  const std::string message = "expected one YAML document, found another";
  check_error(only_error("a: 1\n---\nb: 2\n"), 2, 1, message);
  check_error(only_error("--- a\n--- b\n"), 2, 1, message);
  check_error(only_error("a: 1\n...\nb: 2\n"), 3, 1, message);
  CHECK(parse("---\na: 1\n...\n").ok());
}

TEST_CASE("yaml: duplicate keys are all reported", "[yaml]") {
  const da::ParseResult result = parse("a: 1\nb: 2\na: 3\n\"b\": 4\nc:\n  a: 5\n");
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], 3, 1, "duplicate key 'a' (first at line 1)");
  check_error(result.errors[1], 4, 1, "duplicate key 'b' (first at line 2)");

  std::string big;
  for (int i = 0; i < 100; ++i) big += "key" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  big += "key42: again\n";
  check_error(only_error(big), 101, 1, "duplicate key 'key42' (first at line 43)");

  check_error(only_error("{a: 1, a: 2}"), 1, 8, "duplicate key 'a' (first at line 1)");
  check_error(only_error("a: 1\n<<: {}\n<<: {}\n"), 3, 1, "duplicate key '<<' (first at line 2)");
}

TEST_CASE("yaml: hostile files stop after many errors", "[yaml]") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "a: 1\n";
  const da::ParseResult result = parse(text);
  CHECK(result.errors.size() == 101);
  CHECK(result.errors.back().message == "too many errors (100); stopped reading this file");
}

TEST_CASE("yaml: mapping keys must be scalars", "[yaml]") {
  check_error(only_error("? [a, b]\n: c\n"), 1, 3, "mapping keys must be scalars");
  check_error(only_error("[a]: b\n"), 1, 1, "mapping keys must be scalars");
  // An alias used as a key: the error points at the alias, not at the anchor.
  check_error(only_error("x: &m {a: 1}\n? *m\n: 2\n"), 2, 3, "mapping keys must be scalars");
}

TEST_CASE("yaml: syntax errors carry yaml-cpp's message and position", "[yaml]") {
  check_error(only_error("a:\n\tb: 1\n"), 2, 3,
              "YAML syntax error: illegal map value (line 2 is indented with a tab; YAML "
              "allows only spaces)");
  check_error(only_error("a: [1, 2\n"), 2, 1, "YAML syntax error: end of sequence flow not found");
  check_error(only_error("a: b: c\n"), 1, 5, "YAML syntax error: illegal map value");
  check_error(only_error("a: 1\n b: 2\n"), 2, 3, "YAML syntax error: illegal map value");
  check_error(only_error("a: &x &y 1\n"), 1, 7,
              "YAML syntax error: cannot assign multiple anchors to the same node");
}

TEST_CASE("yaml: a quoted string left open at the end of the file", "[yaml]") {
  // yaml-cpp 0.7 accepts these, and the rest of the file would become one string.
  const std::string message = "quoted string is not closed before the end of the file";
  check_error(only_error("a: 'x\nb: 1\n"), 1, 4, message);
  check_error(only_error("a: 1\nb: !Sub \"x\\\"\n"), 2, 9, message);
  CHECK(parse("a: 'it''s'\nb: \"q\\\"\"\n").ok());
}

TEST_CASE("yaml: file-level checks", "[yaml]") {
  check_error(only_error(std::string("a: 1\nb: x\0y\n", 12)), 2, 5,
              "file contains a NUL byte (binary data?)");
  check_error(only_error("a: 1\nb: caf\xC3\n"), 2, 7, "file is not valid UTF-8 (byte 0xC3)");
  check_error(only_error("a: \xC0\x80\n"), 1, 4, "file is not valid UTF-8 (byte 0xC0)");
  check_error(only_error("a: \xED\xA0\x80\n"), 1, 4, "file is not valid UTF-8 (byte 0xED)");
  check_error(only_error("a: \xF4\x90\x80\x80\n"), 1, 4, "file is not valid UTF-8 (byte 0xF4)");
  CHECK(parse("name: caf\xC3\xA9 \xF0\x9F\x98\x80\n").ok());

  da::ReadLimits small;
  small.max_bytes = 10;
  check_error(only_error("a: 12345678", small), 1, 1,
              "file is 11 bytes, more than the limit of 10 bytes");
  da::ReadLimits few_nodes;
  few_nodes.max_nodes = 4;
  check_error(only_error("[1, 2, 3, 4]\n", few_nodes), 1, 11, "document has more than 4 nodes");
}

TEST_CASE("yaml: a huge flow collection is refused before yaml-cpp reads it ahead", "[yaml]") {
  // yaml-cpp would hold every token of the collection in memory before its first event.
  da::ReadLimits few_nodes;
  few_nodes.max_nodes = 5;
  // The sequence and the entries before the first five commas make six.
  check_error(only_error("[1, 2, 3, 4, 5, 6, 7]\n", few_nodes), 1, 15,
              "document has more than 5 nodes");
  check_error(only_error("{a: 1, b: 2, c: 3, d: 4}\n", few_nodes), 1, 18,
              "document has more than 5 nodes");
  const auto start = std::chrono::steady_clock::now();
  check_error(only_error("x: [" + repeat("a,", 1'000'000) + "]\n"), 1, 4 + 2 * 1'000'000,
              "document has more than 1000000 nodes");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1) * deploy_advisor::test::kTimeScale);
}

TEST_CASE("yaml: a byte order mark is skipped", "[yaml]") {
  const da::Node root = parse_ok("\xEF\xBB\xBFkey: value\n");
  check_location(*root.find_key("key"), 1, 1);
  CHECK(root.find("key")->text() == "value");
}

TEST_CASE("yaml: binary garbage is an error, not a crash", "[yaml]") {
  std::mt19937 random(20240611);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string blob(64 * 1024, '\0');
  for (char& c : blob) c = static_cast<char>(byte(random));
  const da::ParseResult result = parse(blob);
  REQUIRE_FALSE(result.ok());
  CHECK(result.errors.front().location.line >= 1);
}

TEST_CASE("yaml: random YAML-like text never crashes", "[yaml]") {
  // Short documents built from YAML's indicators, to walk odd corners of yaml-cpp and of the
  // nesting scan. Whatever they are, each must parse or give located errors.
  const std::string alphabet = "[]{}:-?,'\"&*!|>#% \t\n\nab1~";
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(0, 60);
  for (int i = 0; i < 5000; ++i) {
    std::string text(length(random), ' ');
    for (char& c : text) c = alphabet[pick(random)];
    const da::ParseResult result = parse(text);
    for (const auto& error : result.errors) {
      INFO(text);
      REQUIRE(error.location.line >= 1);
      REQUIRE(error.location.column >= 1);
    }
  }
}

TEST_CASE("yaml: every real configuration file loads", "[yaml][real][shared]") {
  const std::filesystem::path folder = std::filesystem::path(DA_SHARED_DIR) / "real-configs";
  INFO("missing test data: " << folder.string());
  REQUIRE(std::filesystem::is_directory(folder));
  // Kubernetes manifests holding two documents: the one-document rule rejects them, and
  // nothing else may be wrong with them.
  const std::set<std::string> multi_document = {
      "helm__elastic_standalone_es-standalone.yaml",
      "helm__pulsar_standalone_pulsar-standalone.yaml",
      "helm__redis_standalone_redis-standalone.yaml",
  };
  std::size_t loaded = 0;
  std::set<std::string> rejected_for_documents;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    const auto extension = entry.path().extension();
    if (!entry.is_regular_file() || (extension != ".yaml" && extension != ".yml")) continue;
    const std::string name = entry.path().filename().string();
    const da::ParseResult result =
        da::parse_yaml(read_file(entry.path()), da::intern_file_name(entry.path().string()));
    INFO(describe_errors(result));
    if (multi_document.count(name) != 0) {
      REQUIRE(result.errors.size() == 1);
      CHECK(result.errors.front().message == "expected one YAML document, found another");
      rejected_for_documents.insert(name);
      continue;
    }
    CHECK(result.ok());
    ++loaded;
  }
  CHECK(rejected_for_documents == multi_document);
  CHECK(loaded >= 80);
}
