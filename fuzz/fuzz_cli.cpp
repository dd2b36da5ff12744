// The whole command line in-process, across commands and formats. The first byte picks the
// command line; the rest is the topology (also offered as the configuration, the baseline and
// a file to import). Oracle, the contract of docs/cli.md and docs/security.md:
// - the exit status is 0, 1 or 2 (validate: 0 or 2), and an exit 2 says why on standard error;
// - no output carries a raw control character (terminal escapes, CR, NUL...) but newline and tab;
// - JSON, SARIF and GitLab output is valid JSON;
// - the same input gives the same bytes twice.
// The sanitizers watch memory and undefined behaviour.
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "deploy_advisor/cli/cli.hpp"
#include "fuzz_support.hpp"

namespace {

struct CommandLine {
  std::vector<std::string> arguments;
  bool json_output = false;
};

const std::vector<CommandLine>& command_lines() {
  static const std::vector<CommandLine> lines = {
      {{"check", "t.yaml"}},
      {{"check", "--format", "json", "t.yaml"}, true},
      {{"check", "--format", "sarif", "t.yaml"}, true},
      {{"check", "--format", "markdown", "--fail-on", "info", "t.yaml"}},
      {{"check", "--config", "c.yaml", "t.yaml"}},
      {{"validate", "t.yaml"}},
      {{"plan", "t.yaml"}},
      {{"plan", "--format", "json", "t.yaml"}, true},
      {{"plan", "--format", "yaml", "t.yaml"}},
      {{"report", "--date", "2026-01-01", "t.yaml"}},
      {{"check", "--format", "junit", "t.yaml"}},
      {{"check", "--format", "github", "--fail-on", "warning", "t.yaml"}},
      {{"check", "--format", "gitlab", "t.yaml"}, true},
      {{"check", "--format", "checkstyle", "t.yaml"}},
      {{"check", "--baseline", "c.yaml", "t.yaml"}},
      {{"import", "t.yaml"}},
  };
  return lines;
}

[[noreturn]] void fail(const char* why, int status, const std::string& out,
                       const std::string& err) {
  std::fprintf(stderr, "oracle: %s (exit %d)\n--- stdout ---\n%s\n--- stderr ---\n%s\n", why,
               status, out.c_str(), err.c_str());
  std::abort();
}

/// A raw control character a terminal or CI log would interpret: C0 but newline and tab, DEL.
bool has_raw_control(std::string_view text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return true;
  return false;
}

struct Run {
  int status;
  std::string out, err;
};

Run run(const CommandLine& line, const std::string& input) {
  using namespace deploy_advisor;
  MemoryFileSystem files;
  files.add("t.yaml", input);
  files.add("c.yaml", input);
  std::vector<const char*> argv{"deploy-advisor"};
  for (const auto& a : line.arguments) argv.push_back(a.c_str());
  std::ostringstream out, err;
  int status = run_cli(static_cast<int>(argv.size()), argv.data(), out, err, files, false);
  return {status, out.str(), err.str()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const CommandLine& line = command_lines()[data[0] % command_lines().size()];
  const std::string input(deploy_advisor::fuzz::bytes(data + 1, size - 1));
  const Run first = run(line, input);
  if (first.status < 0 || first.status > 2)
    fail("exit status outside 0, 1, 2", first.status, first.out, first.err);
  if (line.arguments.front() == "validate" && first.status == 1)
    fail("validate exits 0 or 2", first.status, first.out, first.err);
  if (first.status == 2 && first.err.empty())
    fail("exit 2 without a reason", first.status, first.out, first.err);
  if (has_raw_control(first.out))
    fail("raw control character on standard output", first.status, first.out, first.err);
  if (has_raw_control(first.err))
    fail("raw control character on standard error", first.status, first.out, first.err);
  if (line.json_output && first.status != 2 && !nlohmann::json::accept(first.out))
    fail("output is not valid JSON", first.status, first.out, first.err);
  const Run second = run(line, input);
  if (second.status != first.status || second.out != first.out || second.err != first.err)
    fail("two runs on the same input differ", second.status, second.out, second.err);
  return 0;
}
