#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "deploy_advisor/load/readers.hpp"

namespace da = deploy_advisor;

namespace {

const std::string* const kFile = da::intern_file_name("config.json");

da::ParseResult parse(std::string_view text, const da::ReadLimits& limits = {}) {
  return da::parse_json(text, kFile, limits);
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

void check_syntax_error(std::string_view text, std::uint32_t line, std::uint32_t column,
                        const std::string& what) {
  INFO(text);
  check_error(only_error(text), line, column, "JSON syntax error: " + what);
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

}  // namespace

TEST_CASE("json: values keep their text, style and position", "[json]") {
  const da::Node root = parse_ok(
      "{\n"
      "  \"name\": \"web\",\n"
      "  \"port\": 8080,\n"
      "  \"ratio\": -1.5e+3,\n"
      "  \"on\": true,\n"
      "  \"off\": false,\n"
      "  \"none\": null,\n"
      "  \"text\": \"123\",\n"
      "  \"list\": [1, \"two\", {\"k\": \"v\"}, []]\n"
      "}\n");
  REQUIRE(root.is_mapping());
  check_location(root, 1, 1);
  REQUIRE(root.entries().size() == 8);

  const da::Node& key = *root.find_key("name");
  CHECK(key.style() == da::Node::Style::Quoted);
  check_location(key, 2, 3);
  const da::Node& name = *root.find("name");
  CHECK(name.text() == "web");
  CHECK(name.style() == da::Node::Style::Quoted);
  check_location(name, 2, 11);

  const da::Node& port = *root.find("port");
  CHECK(port.style() == da::Node::Style::Plain);
  CHECK(da::scalar_type(port) == da::ScalarType::Integer);
  check_location(port, 3, 11);
  const da::Node& ratio = *root.find("ratio");
  CHECK(ratio.text() == "-1.5e+3");
  CHECK(da::scalar_type(ratio) == da::ScalarType::Float);
  CHECK(da::scalar_number(ratio) == -1500.0);

  CHECK(da::scalar_type(*root.find("on")) == da::ScalarType::Bool);
  CHECK(da::scalar_bool(*root.find("on")));
  CHECK_FALSE(da::scalar_bool(*root.find("off")));
  CHECK(root.find("none")->is_null());
  check_location(*root.find("none"), 7, 11);
  // A string that looks like a number stays a string.
  CHECK(da::scalar_type(*root.find("text")) == da::ScalarType::String);

  const da::Node& list = *root.find("list");
  REQUIRE(list.is_sequence());
  check_location(list, 9, 11);
  REQUIRE(list.items().size() == 4);
  check_location(list.items()[0], 9, 12);
  check_location(list.items()[1], 9, 15);
  check_location(list.items()[2], 9, 22);
  check_location(*list.items()[2].find_key("k"), 9, 23);
  check_location(*list.items()[2].find("k"), 9, 28);
  CHECK(list.items()[3].is_sequence());
  CHECK(list.items()[3].items().empty());
}

TEST_CASE("json: scalar roots and empty containers", "[json]") {
  CHECK(parse_ok("42").text() == "42");
  CHECK(parse_ok(" \"s\" ").text() == "s");
  CHECK(parse_ok("null").is_null());
  CHECK(parse_ok("{}").is_mapping());
  CHECK(parse_ok("[]").is_sequence());
  CHECK(parse_ok("-0").text() == "-0");
  CHECK(parse_ok("0.25E-2").text() == "0.25E-2");
}

TEST_CASE("json: escapes are decoded", "[json]") {
  const da::Node root = parse_ok(R"(["\"\\\/\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00", "caf)"
                                 "\xC3\xA9"
                                 R"("])");
  REQUIRE(root.items().size() == 4);
  CHECK(root.items()[0].text() == "\"\\/\b\f\n\r\t");
  CHECK(root.items()[1].text() == "\xC3\xA9\xE2\x82\xAC");
  CHECK(root.items()[2].text() == "\xF0\x9F\x98\x80");
  CHECK(root.items()[3].text() == "caf\xC3\xA9");
}

TEST_CASE("json: syntax errors point at the offending character", "[json]") {
  check_syntax_error("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after an object member");
  check_syntax_error("[1 2]", 1, 4, "expected ',' or ']' after an array element");
  check_syntax_error("{\"a\" 1}", 1, 6, "expected ':' after an object key");
  check_syntax_error("{a: 1}", 1, 2, "expected a string key or '}'");
  check_syntax_error("{\"a\": 1, b: 2}", 1, 10, "expected a string key (in double quotes)");
  check_syntax_error("[1,]", 1, 4,
                     "expected a value after ',' (JSON allows no trailing comma before ']')");
  check_syntax_error("{\"a\": 1,\n}", 2, 1,
                     "expected a value after ',' (JSON allows no trailing comma before '}')");
  check_syntax_error("[01]", 1, 3, "JSON numbers cannot have leading zeros");
  check_syntax_error("[1.]", 1, 4, "expected a digit after the decimal point");
  check_syntax_error("[1e+]", 1, 5, "expected a digit in the exponent");
  check_syntax_error("[-]", 1, 3, "expected a digit in the number");
  check_syntax_error("[+1]", 1, 2, "expected a value, found '+'");
  check_syntax_error("[.5]", 1, 2, "expected a value, found '.'");
  check_syntax_error("[tru]", 1, 2, "invalid word (expected true, false or null)");
  check_syntax_error("[True]", 1, 2, "true, false and null are lowercase in JSON");
  check_syntax_error("['a']", 1, 2, "strings must be in double quotes in JSON");
  check_syntax_error("// note\n{}", 1, 1, "JSON does not allow comments");
  check_syntax_error("[1, 2", 1, 6, "expected ',' or ']' after an array element");
  check_syntax_error("{\"a\":", 1, 6, "expected a value, found the end of the file");
  check_syntax_error("{\"a\": 1} x", 1, 10, "unexpected content after the JSON value");
  check_syntax_error("{}{}", 1, 3, "unexpected content after the JSON value");
  check_syntax_error("{\r\n  \"a\": x}", 2, 8, "expected a value, found 'x'");
}

TEST_CASE("json: string errors", "[json]") {
  check_syntax_error(R"(["a\x"])", 1, 4, "invalid escape \\x in a string");
  check_syntax_error(R"(["\u12G4"])", 1, 3, "\\u must be followed by four hex digits");
  check_syntax_error(R"(["\ud800"])", 1, 3,
                     "\\u escape is a high surrogate without a low surrogate after it");
  check_syntax_error(R"(["\udc00"])", 1, 3,
                     "\\u escape is a low surrogate without a high surrogate before it");
  check_syntax_error(R"(["\ud800\u0041"])", 1, 9,
                     "\\u escape after a high surrogate is not a low surrogate");
  check_syntax_error("[\"abc", 1, 2, "string not closed before the end of the file");
  check_syntax_error("[\"a\nb\"]", 1, 4, "line break inside a string (missing closing quote?)");
  check_syntax_error("[\"a\tb\"]", 1, 4, "control character inside a string (escape it)");
  check_error(only_error(R"({"k": "a\u0000b"})"), 1, 9,
              "string contains \\u0000 (a NUL character)");
}

TEST_CASE("json: empty documents", "[json]") {
  check_error(only_error(""), 1, 1, "empty JSON document");
  check_error(only_error("  \n\t\r\n"), 1, 1, "empty JSON document");
  check_error(only_error("\xEF\xBB\xBF"), 1, 1, "empty JSON document");
}

TEST_CASE("json: duplicate keys are all reported", "[json]") {
  const da::ParseResult result = parse("{\"a\": 1,\n \"b\": 2,\n \"a\": 3,\n \"b\": {\"a\": 4}}");
  REQUIRE(result.errors.size() == 2);
  check_error(result.errors[0], 3, 2, "duplicate key 'a' (first at line 1)");
  check_error(result.errors[1], 4, 2, "duplicate key 'b' (first at line 2)");

  std::string big = "{";
  for (int i = 0; i < 100; ++i)
    big += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",\n";
  big += "\"k7\": 0}";
  check_error(only_error(big), 101, 1, "duplicate key 'k7' (first at line 8)");
}

TEST_CASE("json: nesting and size limits", "[json]") {
  const std::string deep = "nesting deeper than 64 levels";
  CHECK(parse(std::string(64, '[') + std::string(64, ']')).ok());
  check_error(only_error(std::string(65, '[') + std::string(65, ']')), 1, 65, deep);

  SECTION("100,000 nested arrays") {
    check_error(only_error(std::string(100'000, '[')), 1, 65, deep);
  }
  SECTION("100,000 nested objects") {
    check_error(only_error(repeat("{\"a\":", 100'000)), 1, 64 * 5 + 1, deep);
  }
  SECTION("a limit on nodes") {
    da::ReadLimits limits;
    limits.max_nodes = 5;
    check_error(only_error("[1, 2, 3, 4, 5]", limits), 1, 14, "document has more than 5 nodes");
    CHECK(parse("[1, 2, 3, 4]", limits).ok());
  }
  SECTION("a limit on size") {
    da::ReadLimits limits;
    limits.max_bytes = 4;
    check_error(only_error("[1, 2]", limits), 1, 1,
                "file is 6 bytes, more than the limit of 4 bytes");
  }
}

TEST_CASE("json: file-level checks", "[json]") {
  check_error(only_error(std::string("{\"a\":\n \"x\0\"}", 12)), 2, 4,
              "file contains a NUL byte (binary data?)");
  check_error(only_error("[\"\xFF\"]"), 1, 3, "file is not valid UTF-8 (byte 0xFF)");
  const da::Node root = parse_ok("\xEF\xBB\xBF{\"a\": 1}");
  check_location(root, 1, 1);
  check_location(*root.find("a"), 1, 7);
}

TEST_CASE("json: binary garbage is an error, not a crash", "[json]") {
  std::mt19937 random(20240611);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string blob(64 * 1024, '\0');
  for (char& c : blob) c = static_cast<char>(byte(random));
  const da::ParseResult result = parse(blob);
  REQUIRE_FALSE(result.ok());
  CHECK(result.errors.front().location.line >= 1);

  const std::string alphabet = "[]{}:,\"\\u0123456789.eE+-tfn \n";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  for (int i = 0; i < 5000; ++i) {
    std::string text(40, ' ');
    for (char& c : text) c = alphabet[pick(random)];
    for (const auto& error : parse(text).errors) {
      INFO(text);
      REQUIRE(error.location.line >= 1);
      REQUIRE(error.location.column >= 1);
    }
  }
}

TEST_CASE("json: every real configuration file loads", "[json][real][shared]") {
  const std::filesystem::path folder = std::filesystem::path(DA_SHARED_DIR) / "real-configs";
  INFO("missing test data: " << folder.string());
  REQUIRE(std::filesystem::is_directory(folder));
  std::size_t loaded = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    const da::ParseResult result =
        da::parse_json(read_file(entry.path()), da::intern_file_name(entry.path().string()));
    INFO(describe_errors(result));
    CHECK(result.ok());
    CHECK(result.root.is_mapping());
    ++loaded;
  }
  CHECK(loaded >= 4);
}
