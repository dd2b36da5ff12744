// A product declared by one YAML profile and no C++: tests/data/toy-product/profiles/toy.yaml.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"

namespace {

const std::string kToy = std::string(DA_SOURCE_DIR) + "/tests/data/toy-product";
const std::string kToyProfiles = kToy + "/profiles";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A folder holding the toy profile with one piece of its text replaced.
struct AlteredProfile {
  std::filesystem::path folder;
  AlteredProfile(const std::string& from, const std::string& to) {
    folder = std::filesystem::temp_directory_path() /
             ("da-toy-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(folder);
    std::string text = read_text(kToyProfiles + "/toy.yaml");
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
    std::ofstream(folder / "toy.yaml") << text;
  }
  ~AlteredProfile() { std::filesystem::remove_all(folder); }
  AlteredProfile(const AlteredProfile&) = delete;
  AlteredProfile& operator=(const AlteredProfile&) = delete;
  [[nodiscard]] std::string file() const { return (folder / "toy.yaml").string(); }
};

}  // namespace

TEST_CASE("a product declared by a profile: its rule fires at the line of the value") {
  auto r = run_cli({"check", "--profiles", kToyProfiles, kToy + "/topology.yaml"});
  INFO(r.out << r.err);
  CHECK(r.status == 1);  // the sizing figure's DA005 is an error
  CHECK(r.out.find(kToy + "/topology.yaml:13:21: warning: broker-a has 1 partition(s); at least 3 "
                          "spread the load [TOY001 toy-broker-partitions]") != std::string::npos);
}

TEST_CASE("a product declared by a profile: an unknown role is an input error with a suggestion") {
  auto r = run_cli({"check", "--profiles", kToyProfiles, kToy + "/unknown-role.yaml"});
  CHECK(r.status == 2);
  CHECK(r.err.find(kToy + "/unknown-role.yaml:7:24: error: products.toy.components.broker-a.role: "
                          "unknown role 'brokr' for toy (did you mean 'broker'?); expected one of "
                          "broker, producer, gateway") != std::string::npos);
}

TEST_CASE("a product declared by a profile: keys are checked against their declared types") {
  auto r = run_cli({"check", "--profiles", kToyProfiles, kToy + "/wrong-type.yaml"});
  CHECK(r.status == 2);
  CHECK(r.err.find(kToy + "/wrong-type.yaml:8:41: error: products.toy.components.producer.batch: "
                          "found the string \"many\"; expected an integer >= 1") != std::string::npos);
  CHECK(r.err.find(kToy + "/wrong-type.yaml:6:11: error: products.toy.tier: 'gold' is not allowed; "
                          "expected one of free, paid") != std::string::npos);
}

TEST_CASE("a product declared by a profile: a key of another role and a near env name are DA002") {
  auto r = run_cli({"check", "--profiles", kToyProfiles, kToy + "/near-names.yaml"});
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("near-names.yaml:9:9: warning: unknown key 'partitions' in "
                   "products.toy.components.producer ('partitions' is a key of role broker, not "
                   "producer) [DA002") != std::string::npos);
  CHECK(r.out.find("near-names.yaml:10:15: warning: unknown key 'TOY_LOG_LEVL' in "
                   "products.toy.components.producer.env; did you mean 'TOY_LOG_LEVEL'?") !=
        std::string::npos);
}

TEST_CASE("a product declared by a profile: plan and report show its figure and its title") {
  auto plan = run_cli({"plan", "--profiles", kToyProfiles, kToy + "/topology.yaml"});
  INFO(plan.out << plan.err);
  CHECK(plan.status == 0);
  CHECK(plan.out.rfind("Toy Queue\n", 0) == 0);
  CHECK(plan.out.find("broker-a   broker    2 -> 4") != std::string::npos);
  CHECK(plan.out.find("brokers for the peak message rate (broker-a): 4 replicas") != std::string::npos);

  auto report = run_cli({"report", "--profiles", kToyProfiles, kToy + "/topology.yaml"});
  INFO(report.out << report.err);
  CHECK(report.out.find("| products | Toy Queue |") != std::string::npos);
  CHECK(report.out.find("### Toy Queue\n") != std::string::npos);
  CHECK(report.out.find("| **▲** | broker-a | broker | 2 | 4 |") != std::string::npos);
  // The profile's diagram roles: the producer (a client) points at the broker (a store).
  CHECK(report.out.find("toy_broker_a[(\"⚠ broker-a<br/>Toy Queue broker × 2\")]") != std::string::npos);
  CHECK(report.out.find("  toy_producer --> toy_broker_a\n") != std::string::npos);
  CHECK(report.out.find("toy_gateway -->") == std::string::npos);
}

TEST_CASE("a product declared by a profile: schema describes its keys and roles") {
  auto r = run_cli({"schema", "--profiles", kToyProfiles});
  REQUIRE(r.status == 0);
  auto schema = nlohmann::json::parse(r.out);
  const auto& defs = schema["$defs"];
  REQUIRE(defs.contains("toy"));
  CHECK(schema["$defs"]["topology"]["properties"]["products"]["properties"].contains("toy"));
  CHECK(defs["toy"]["description"] == "Toy Queue section");
  CHECK(defs["toy"]["properties"]["tier"]["enum"] == nlohmann::json::array({"free", "paid"}));
  CHECK(defs["toy"]["properties"]["version"]["description"].get<std::string>().find("release") !=
        std::string::npos);
  CHECK(defs["toy"]["additionalProperties"] == false);
  const auto& component = defs["toy_component"];
  CHECK(component["properties"]["role"]["enum"] ==
        nlohmann::json::array({"broker", "producer", "gateway"}));
  CHECK(component["properties"]["partitions"]["type"] == "integer");
  CHECK(component["properties"]["partitions"]["minimum"] == 1);
  CHECK(component["properties"]["disk_fraction"]["exclusiveMinimum"] == 0);
  CHECK(component["properties"]["networks"]["items"]["pattern"].is_string());
}

TEST_CASE("a product declaration with a mistake is an input error at its line in the profile") {
  AlteredProfile bad_type("partitions: {type: integer,", "partitions: {type: integr,");
  auto r = run_cli({"check", "--profiles", bad_type.folder.string(), kToy + "/topology.yaml"});
  CHECK(r.status == 2);
  CHECK(r.err.find(bad_type.file() + ":14:28: error: section.roles.broker.keys.partitions.type: "
                                     "'integr' is not a key type (did you mean 'integer'?)") !=
        std::string::npos);

  AlteredProfile no_description("tier: {one_of: [free, paid], description: \"service tier (default free)\"}",
                                "tier: {one_of: [free, paid]}");
  r = run_cli({"schema", "--profiles", no_description.folder.string()});
  CHECK(r.status == 2);
  CHECK(r.err.find(no_description.file() + ":8:11: error: section.keys.tier: a key needs a description") !=
        std::string::npos);

  AlteredProfile bad_diagram("      diagram: store", "      diagram: database");
  r = run_cli({"rules", "--profiles", bad_diagram.folder.string()});
  CHECK(r.status == 2);
  CHECK(r.err.find(bad_diagram.file() + ":12:16: error: section.roles.broker.diagram: 'database' is "
                                        "not a diagram role; expected store, client or none") !=
        std::string::npos);
}

TEST_CASE("a --profiles profile cannot declare a built-in product again") {
  std::filesystem::path folder = std::filesystem::temp_directory_path() / "da-toy-redeclared";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "tracardi.yaml")
      << "product: tracardi\ntitle: Tracardi\nsection:\n  roles:\n    api: {}\n";
  auto r = run_cli({"check", "--profiles", folder.string(), kExample});
  std::filesystem::remove_all(folder);
  CHECK(r.status == 2);
  CHECK(r.err.find("tracardi.yaml:4:3: error: tracardi is a built-in product") != std::string::npos);
}
