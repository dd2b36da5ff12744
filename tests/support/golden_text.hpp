#pragma once

// Reading golden files and comparing text outputs with them after normalising whitespace,
// shared by the golden tests of `check` and of the CI formats.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace deploy_advisor::test {

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Each line with its runs of whitespace made one space and trimmed.
inline std::string normalise_whitespace(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string word, joined;
    while (words >> word) joined += (joined.empty() ? "" : " ") + word;
    out += joined + "\n";
  }
  return out;
}

}  // namespace deploy_advisor::test
