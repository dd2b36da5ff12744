// A table of inputs the tool cannot use. Each must exit 2 with a located message:
// `file:line:column: error: <key path>: <what is wrong>; expected <what>`.
#include <catch2/catch.hpp>

#include <random>

#include "cli/cli_runner.hpp"

namespace {

struct Case {
  const char* name;
  std::string topology;
  std::vector<std::pair<std::string, std::string>> files;  // beside the topology
  std::string where;                                        // "line:column" of the error
  std::string says;                                         // part of the message
};

const std::string kHead = "version: 1\nname: shop\nenvironment: staging\nproducts:\n";
const std::string kMetarank = kHead + "  metarank:\n    components:\n";
const std::string kTracardi = kHead + "  tracardi:\n    components:\n";

std::string billion_laughs() {
  std::string text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n";
  const char* names = "abcdefghi";
  for (int i = 1; i < 9; ++i) {
    text += std::string(1, names[i]) + ": &" + names[i] + " [";
    for (int j = 0; j < 9; ++j) text += std::string(j ? ", " : "") + "*" + names[i - 1];
    text += "]\n";
  }
  return text;
}

// The same growth through merge keys: every level merges the one below nine times over.
std::string merge_bomb() {
  std::string text = "a: &a {x: lol, y: lol, z: lol}\n";
  const char* names = "abcdefghi";
  for (int i = 1; i < 9; ++i) {
    text += std::string(1, names[i]) + ": &" + names[i] + " {<<: [";
    for (int j = 0; j < 9; ++j) text += std::string(j ? ", " : "") + "*" + names[i - 1];
    text += "]}\n";
  }
  return text;
}

std::string garbage() {
  std::mt19937 random(42);
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes.push_back(static_cast<char>(random() & 0xff));
  return bytes;
}

std::vector<Case> cases() {
  return {
      {"empty file", "", {}, "1:1", "the topology is nothing (null); expected a mapping"},
      {"only a comment", "# nothing yet\n", {}, "1:1", "expected a mapping with version, name"},
      {"a list at the top", "- a\n- b\n", {}, "1:1", "the topology is a list"},
      {"unclosed flow list", "version: 1\nzones: [a, b\n", {}, "3:1", "YAML syntax error"},
      {"tab indentation", "version: 1\nname: x\n\tenvironment: staging\n", {}, "3:1", "tab"},
      {"duplicate key", kHead + "  metarank: {}\nname: again\n", {}, "6:1", "duplicate key 'name'"},
      {"second document", kHead + "  metarank: {}\n---\nversion: 1\n", {}, "6:1", "one YAML document"},
      {"NUL byte", std::string("version: 1\nname: sh\0p\n", 22), {}, "2:9", "NUL byte"},
      {"binary garbage", garbage(), {}, "1:2", "file is not valid UTF-8"},
      {"deep nesting", "a: " + std::string(200, '[') + std::string(200, ']') + "\n", {}, "1:67",
       "nesting deeper than 64 levels"},
      {"alias bomb", billion_laughs(), {}, "7:8", "alias expansion exceeds"},
      {"missing version", "name: x\nenvironment: staging\nproducts:\n  metarank: {}\n", {}, "1:1",
       "version: required key is missing"},
      {"version 2", "version: 2\nname: x\nenvironment: staging\nproducts:\n  metarank: {}\n", {}, "1:10",
       "version: 2 is not supported; expected 1"},
      {"version as text", "version: one\nname: x\nenvironment: staging\nproducts:\n  metarank: {}\n", {},
       "1:10", "version: found the string \"one\"; expected 1"},
      {"misspelt environment key", "version: 1\nname: x\nenviroment: staging\nproducts:\n  metarank: {}\n",
       {}, "3:1", "'enviroment' is not a key; did you mean 'environment'? (required; expected one of "
       "production, staging, development)"},
      {"missing environment", "version: 1\nname: x\nproducts:\n  metarank: {}\n", {}, "1:1",
       "environment: required key is missing; expected one of production, staging, development"},
      {"merge key names a scalar", "x-n: &n 3\n" + kMetarank + "      ranker: {<<: *n, role: api}\n", {},
       "8:16", "merge key '<<': found the number 3; expected a mapping or a list of mappings"},
      {"merged value out of range", "x-a: &a {role: api, replicas: -2}\n" + kTracardi + "      api: {<<: *a}\n",
       {}, "1:31",
       "replicas: -2 is out of range; expected an integer >= 0 (merged by '<<: *a' at line 8)"},
      {"merge-key alias bomb", merge_bomb(), {}, "7:17", "alias expansion exceeds"},
      {"extends cycle", "extends: base.yaml\n", {{"base.yaml", "extends: topology.yaml\n"}},
       "base.yaml:1:10", "extends: 'topology.yaml' is already in the chain"},
      {"extends out of the folder", "extends: ../base.yaml\n", {}, "1:10",
       "extends: '../base.yaml' leaves the folder of in/topology.yaml"},
      {"extends a missing base", "extends: base.yaml\n", {}, "1:10",
       "extends: cannot read 'base.yaml' (in/base.yaml): no such file"},
      {"missing name", "version: 1\nenvironment: staging\nproducts:\n  metarank: {}\n", {}, "1:1",
       "name: required key is missing"},
      {"misspelt environment", "version: 1\nname: x\nenvironment: prodution\nproducts:\n  metarank: {}\n",
       {}, "3:14", "'prodution' is not allowed (did you mean 'production'?); expected one of production"},
      {"unknown platform", kHead + "  metarank: {}\nplatform: k8s\n", {}, "6:11",
       "platform: 'k8s' is not allowed; expected one of kubernetes"},
      {"missing products", "version: 1\nname: x\nenvironment: staging\n", {}, "1:1",
       "products: required key is missing"},
      {"no product", kHead + "  {}\n", {}, "5:3", "products: no product; expected at least one product section"},
      {"unknown product", kHead + "  tracard: {}\n", {}, "5:3",
       "unknown product 'tracard' (did you mean 'tracardi'?)"},
      {"product section is a list", kHead + "  metarank: [a]\n", {}, "5:13",
       "products.metarank: found a list; expected a mapping"},
      {"component without role", kMetarank + "      ranker: {mode: serve}\n", {}, "7:15",
       "products.metarank.components.ranker.role: required key is missing; expected one of api, "
       "train, state, event_archive, load_balancer"},
      {"unknown role", kMetarank + "      ranker: {role: apii, mode: serve}\n", {}, "7:22",
       "unknown role 'apii' for metarank (did you mean 'api'?); expected one of api, train"},
      {"negative replicas", kMetarank + "      ranker: {role: api, mode: serve, replicas: -1}\n", {},
       "7:50", "replicas: -1 is out of range; expected an integer >= 0"},
      {"fractional replicas", kMetarank + "      ranker: {role: api, mode: serve, replicas: 1.5}\n", {},
       "7:50", "replicas: found the number 1.5; expected an integer >= 0"},
      {"replicas as words", kMetarank + "      ranker: {role: api, mode: serve, replicas: three}\n", {},
       "7:50", "found the string \"three\"; expected an integer"},
      {"zero cpu", kMetarank + "      ranker: {role: api, mode: serve, resources: {cpu: 0}}\n", {},
       "7:57", "resources.cpu: 0 is out of range; expected a number > 0"},
      {"unknown exposure", kMetarank + "      ranker: {role: api, mode: serve, exposure: open}\n", {},
       "7:50", "exposure: 'open' is not allowed; expected one of public, internal, private"},
      {"CIDR prefix too long", kMetarank + "      ranker: {role: api, mode: serve, allowed_cidrs: [10.0.0.0/33]}\n",
       {}, "7:56", "allowed_cidrs[0]: '10.0.0.0/33' is not a valid CIDR"},
      {"CIDR that is not one", kMetarank + "      ranker: {role: api, mode: serve, allowed_cidrs: [office]}\n",
       {}, "7:56", "'office' is not a valid CIDR"},
      {"CIDRs not in a list", kMetarank + "      ranker: {role: api, mode: serve, allowed_cidrs: 10.0.0.0/8}\n",
       {}, "7:55", "allowed_cidrs: found the string \"10.0.0.0/8\"; expected a list"},
      {"tls as a word", kMetarank + "      ranker: {role: api, mode: serve, tls: yes}\n", {}, "7:45",
       "tls: found the string \"yes\"; expected true or false"},
      {"env as a list", kTracardi + "      api: {role: api, env: [A=1]}\n", {}, "7:29",
       "env: found a list; expected a mapping of variable names"},
      {"env value a mapping", kTracardi + "      api: {role: api, env: {A: {b: 1}}}\n", {}, "7:33",
       "env.A: found a mapping; expected a string, number or boolean"},
      {"negative peak", kHead + "  metarank: {}\ntraffic: {peak_requests_per_second: -5}\n", {}, "6:37",
       "traffic.peak_requests_per_second: -5 is out of range; expected a number >= 0"},
      {"zero event size", kHead + "  metarank: {}\ntraffic: {average_event_bytes: 0}\n", {}, "6:32",
       "average_event_bytes: 0 is out of range; expected a number > 0"},
      {"growth below 1", kHead + "  metarank: {}\ntraffic: {growth: 0.5}\n", {}, "6:19",
       "traffic.growth: 0.5 is out of range; expected a number >= 1"},
      {"unknown assumption", kHead + "  metarank: {}\nassumptions: {metarank.serve_rps_per_instanse: 900}\n",
       {}, "6:15", "unknown assumption 'metarank.serve_rps_per_instanse'"},
      {"serve mode missing", kMetarank + "      ranker: {role: api}\n", {}, "7:15",
       "products.metarank.components.ranker.mode: required key is missing; expected one of serve, "
       "standalone"},
      {"unknown mode", kMetarank + "      ranker: {role: api, mode: server}\n", {}, "7:33",
       "'server' is not allowed (did you mean 'serve'?); expected one of serve, standalone"},
      {"pulsar without brokers", kTracardi + "      pulsar: {role: pulsar, brokers: 0}\n", {}, "7:39",
       "brokers: 0 is out of range; expected an integer >= 1"},
      {"negative lifecycle", kTracardi + "      es: {role: elasticsearch, lifecycle: {hot_days: -1}}\n", {},
       "7:55", "lifecycle.hot_days: -1 is out of range"},
      {"unknown backup kind", kTracardi + "      es: {role: elasticsearch, backup: {kind: tape}}\n", {}, "7:48",
       "backup.kind: 'tape' is not allowed; expected one of snapshot, rdb"},
      {"missing native config", kMetarank + "      ranker: {role: api, mode: serve}\n    config: metarank.yaml\n",
       {}, "8:13", "products.metarank.config: cannot read 'metarank.yaml'"},
      {"native config is a directory",
       kMetarank + "      ranker: {role: api, mode: serve}\n    config: conf\n", {{"conf/", ""}}, "8:13",
       "is a directory"},
      {"YAML error in a native config", kMetarank + "      ranker: {role: api, mode: serve}\n    config: m.yaml\n",
       {{"m.yaml", "state:\n  type: [redis\n"}}, "m.yaml:3:1", "YAML syntax error"},
      {"JSON error in a native config", kHead + "  metaflow:\n    config: config.json\n",
       {{"config.json", "{\"METAFLOW_DEFAULT_DATASTORE\": \"s3\",\n \"x\": }\n"}}, "config.json:2:7",
       "JSON syntax error"},
      {"native config is a list", kHead + "  metaflow:\n    config: config.json\n", {{"config.json", "[1, 2]\n"}},
       "config.json:1:1", "the file holds a list; expected a mapping"},
      {"Cortex API file holds a number", kHead + "  cortex:\n    apis: [apis.yaml]\n", {{"apis.yaml", "42\n"}},
       "apis.yaml:1:1", "expected a list of API specs"},
      {"missing flow file", kHead + "  metaflow:\n    flows:\n      Train: {file: train.py}\n", {}, "7:21",
       "products.metaflow.flows.Train.file: cannot read 'train.py'"},
      {"flow class not in the file", kHead + "  metaflow:\n    flows:\n      Train: {file: train.py}\n",
       {{"train.py", "class Other:\n    pass\n"}}, "7:21", "no flow class 'Train' in 'train.py'"},
  };
}

}  // namespace

TEST_CASE("malformed inputs exit 2 with a located message") {
  for (const auto& c : cases()) {
    SECTION(c.name) {
      deploy_advisor::MemoryFileSystem files;
      files.add("in/topology.yaml", c.topology);
      for (const auto& [path, content] : c.files) files.add("in/" + path, content);
      auto r = run_cli({"validate", "in/topology.yaml"}, files);
      INFO(r.err);
      CHECK(r.status == 2);
      CHECK(r.out.empty());
      std::string where = c.where.find(".") != std::string::npos ? "in/" + c.where : "in/topology.yaml:" + c.where;
      CHECK(r.err.find(where) == 0);
      CHECK(r.err.find(c.says) != std::string::npos);
      CHECK(r.err.find(": error: ") != std::string::npos);
    }
  }
}

TEST_CASE("a topology that is a directory, or missing, exits 2") {
  deploy_advisor::MemoryFileSystem files;
  files.add("folder/", "");
  // A folder is searched for topologies (on disk or in memory alike), and this one has none.
  auto dir = run_cli({"check", "folder"}, files);
  CHECK(dir.status == 2);
  CHECK(dir.err ==
        "folder: error: no topology found in this folder (a topology is a .yaml or .yml file with the top-level "
        "keys `version: 1` and `products:`)\n");
  auto missing = run_cli({"check", "nowhere.yaml"}, files);
  CHECK(missing.status == 2);
  CHECK(missing.err == "nowhere.yaml:1:1: error: cannot read topology: no such file\n");
}

TEST_CASE("every error of every file is reported in one run") {
  deploy_advisor::MemoryFileSystem files;
  files.add("a.yaml", kMetarank + "      ranker: {role: api, mode: serve, replicas: -1, exposure: open}\n");
  files.add("b.yaml", "version: 3\nname: x\nenvironment: staging\nproducts:\n  metarank: {}\n");
  auto r = run_cli({"check", "a.yaml", "b.yaml"}, files);
  CHECK(r.status == 2);
  CHECK(r.err.find("a.yaml:7:50: error:") != std::string::npos);
  CHECK(r.err.find("a.yaml:7:64: error:") != std::string::npos);
  CHECK(r.err.find("b.yaml:1:10: error:") != std::string::npos);
}

TEST_CASE("a sizing formula that divides by zero is a located error naming the input") {
  deploy_advisor::MemoryFileSystem files;
  files.add("t.yaml", R"(version: 1
name: shop
environment: production
platform: kubernetes
traffic: {peak_requests_per_second: 900}
assumptions:
  tracardi.api_rps_per_worker: 0
products:
  tracardi:
    components:
      api: {role: api, replicas: 3, exposure: internal}
)");
  for (const char* command : {"check", "plan", "report"}) {
    auto r = run_cli({command, "t.yaml"}, files);
    INFO(command << ": " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.rfind("t.yaml:7:32: error: sizing figure tracardi.", 0) == 0);
    CHECK(r.err.find("division by zero") != std::string::npos);
    CHECK(r.err.find("assumption tracardi.api_rps_per_worker = 0 (t.yaml:7:32)") != std::string::npos);
    CHECK(r.err.find("nan") == std::string::npos);
    CHECK(r.err.find("inf") == std::string::npos);
  }
}
