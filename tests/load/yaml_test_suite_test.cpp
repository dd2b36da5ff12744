#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "deploy_advisor/load/readers.hpp"

// Runs every case of the YAML Test Suite (data-2022-01-17, see SOURCE.md next to the files)
// through parse_yaml. The suite tests YAML 1.2 conformance, which neither yaml-cpp 0.7 nor our
// stricter rules aim at, so the numbers below are floors measured with yaml-cpp 0.7.0
// (Debian 12), not targets:
//   valid (308):  257 parse. 20 more parse but hold several documents, which our
//                 one-document rule rejects. The other 31: 16 break our own rules (mappings
//                 or sequences used as keys, two empty keys in one mapping) and 15 hit
//                 yaml-cpp gaps (a flow mapping key spanning lines or with its `:` on the
//                 next line, `?` starting a flow scalar, a line holding only a tab).
//   invalid (94): 73 rejected. yaml-cpp accepts the other 21: it reads a line without `:`
//                 as a key with no value, allows trailing `,` and comments without a space,
//                 and so on. We add the check for a quoted scalar left open at the end of
//                 the file (CQ3W), which yaml-cpp accepts.
// A drop below a floor is a regression in the reader; a rise means the floor can go up.

namespace da = deploy_advisor;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::filesystem::path> cases_in(const std::filesystem::path& folder) {
  INFO("missing test data: " << folder.string());
  REQUIRE(std::filesystem::is_directory(folder));
  std::vector<std::filesystem::path> cases;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  return cases;
}

bool only_multiple_documents(const da::ParseResult& result) {
  return result.errors.size() == 1 &&
         result.errors.front().message == "expected one YAML document, found another";
}

// Parses one case; it may fail, but only with located errors, and must never throw.
da::ParseResult run_case(const std::filesystem::path& path) {
  const std::string* file = da::intern_file_name(path.string());
  da::ParseResult result;
  REQUIRE_NOTHROW(result = da::parse_yaml(read_file(path), file));
  for (const auto& error : result.errors) {
    INFO(da::format_input_error(error));
    CHECK(error.location.file == file);
    CHECK(error.location.line >= 1);
    CHECK(error.location.column >= 1);
    CHECK_FALSE(error.message.empty());
  }
  return result;
}

}  // namespace

TEST_CASE("yaml test suite: valid and invalid cases", "[yaml][suite][shared]") {
  const std::filesystem::path root =
      std::filesystem::path(DA_SHARED_DIR) / "corpora" / "yaml-test-suite";
  const auto valid = cases_in(root / "valid");
  const auto invalid = cases_in(root / "invalid");
  CHECK(valid.size() == 308);
  CHECK(invalid.size() == 94);

  std::size_t valid_parsed = 0, valid_multi_document = 0, valid_syntax_error = 0;
  for (const auto& path : valid) {
    const da::ParseResult result = run_case(path);
    if (result.ok()) ++valid_parsed;
    if (only_multiple_documents(result)) ++valid_multi_document;
    if (!result.ok() && result.errors.back().message.starts_with("YAML syntax error: "))
      ++valid_syntax_error;
  }
  std::size_t invalid_rejected = 0;
  for (const auto& path : invalid)
    if (!run_case(path).ok()) ++invalid_rejected;

  WARN("yaml-test-suite: " << valid_parsed << " of " << valid.size() << " valid cases parse, "
                           << valid_multi_document
                           << " more are rejected only for holding several documents, "
                           << valid_syntax_error << " for a yaml-cpp syntax error; "
                           << invalid_rejected << " of " << invalid.size()
                           << " invalid cases are rejected");
  CHECK(valid_parsed >= 257);
  CHECK(valid_multi_document >= 20);
  CHECK(invalid_rejected >= 73);
}
