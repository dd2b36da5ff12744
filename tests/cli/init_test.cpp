// `init PRODUCT…` writes a starter topology that loads cleanly.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"

namespace {

CliRun init_and(const std::vector<std::string>& products, const std::string& command, std::string* starter) {
  std::vector<std::string> args{"init"};
  args.insert(args.end(), products.begin(), products.end());
  auto init = run_cli(args);
  INFO(init.err);
  REQUIRE(init.status == 0);
  *starter = init.out;
  deploy_advisor::MemoryFileSystem files;
  files.add("starter.yaml", init.out);
  files.add("empty.yaml", "{}\n");
  if (command == "validate") return run_cli({"validate", "starter.yaml"}, files);
  return run_cli({"check", "--format", "json", "--fail-on", "never", "--config", "empty.yaml", "starter.yaml"}, files);
}

}  // namespace

TEST_CASE("the starter of each product, and of all four together, passes validate") {
  for (const auto& products : std::vector<std::vector<std::string>>{
           {"tracardi"}, {"metarank"}, {"metaflow"}, {"cortex"}, {"tracardi", "metarank", "metaflow", "cortex"}}) {
    std::string starter;
    auto r = init_and(products, "validate", &starter);
    INFO(starter << r.err);
    CHECK(r.status == 0);
    for (const auto& product : products) CHECK(starter.find("\n  " + product + ":\n") != std::string::npos);
  }
}

TEST_CASE("the starter's only errors are the traffic placeholders it asks to fill in") {
  std::string starter;
  auto r = init_and({"tracardi", "metarank", "metaflow", "cortex"}, "check", &starter);
  INFO(starter << r.err << r.out);
  REQUIRE(r.status == 0);
  auto json = nlohmann::json::parse(r.out);
  for (const auto& f : json["findings"])
    if (f["severity"] == "error") CHECK(f["rule_id"] == "DA001");
  // Every traffic input DA001 asks for is a placeholder in the file.
  for (const auto& f : json["findings"])
    if (f["rule_id"] == "DA001") {
      std::string message = f["message"];
      for (const char* key : {"peak_requests_per_second", "events_per_day", "profiles", "items", "request_latency_ms"})
        if (message.find(key) != std::string::npos) CHECK(starter.find(std::string("# ") + key + ": <number>") != std::string::npos);
    }
}

TEST_CASE("init names an unknown product and the known ones") {
  auto r = run_cli({"init", "tracardy"});
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown product 'tracardy' (did you mean 'tracardi'?)") != std::string::npos);
}
