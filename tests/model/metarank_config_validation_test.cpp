#include <catch2/catch.hpp>

#include "model/metarank_config_validation.hpp"
#include "native_check_support.hpp"

using namespace deploy_advisor;
using native_check_test::describe;
using native_check_test::read_yaml;

namespace {

const MetarankRelease kCurrent{"the latest Metarank release, as no version is declared",
                               Value::string("0.5")};

std::vector<Finding> check(const std::string& yaml, const MetarankRelease& release = kCurrent) {
  return validate_metarank_config(read_yaml(yaml), release);
}

/// One value Metarank rejects: a config with it, the finding (line:column, id, message) and
/// fix, and the same config with an accepted value, which gets no finding.
struct Rejection {
  std::string name;
  std::string rejected;
  std::string finding;
  std::string fix;
  std::string accepted;
};

void check_each(const std::vector<Rejection>& rejections) {
  for (const auto& r : rejections) {
    DYNAMIC_SECTION(r.name) {
      auto findings = check(r.rejected);
      REQUIRE(describe(findings) == std::vector<std::string>{r.finding});
      CHECK(findings[0].fix == r.fix);
      CHECK(findings[0].rule_id == "MR015");
      CHECK(check(r.accepted).empty());
    }
  }
}

const std::string kRedisState = "state: {type: redis, host: redis, port: 6379}\n";

}  // namespace

TEST_CASE("MR015: the pre-0.5 layout is rejected by the releases whose layout default is 0.5") {
  const std::string old_layout = "bootstrap:\n  source: s3://events\ninference:\n  port: 8080\n";
  SECTION("bootstrap, named with the release checked against") {
    auto findings = check(old_layout, {"Metarank 0.5.2", Value::string("0.5")});
    REQUIRE(describe(findings) ==
            std::vector<std::string>{
                "2:3 MR015 Metarank rejects this config: this is Metarank's pre-0.5 layout "
                "(bootstrap:, inference: with port and state), which Metarank 0.5 and later "
                "reject: they read inference as encoders that each need a type, and refuse "
                "inference.port (checked against Metarank 0.5.2)"});
    CHECK(findings[0].fix.starts_with("Rewrite config.yaml in the 0.5+ layout"));
  }
  SECTION("inference.state without bootstrap is located at inference") {
    auto findings = check("inference:\n  state: {type: redis}\n");
    REQUIRE(findings.size() == 1);
    CHECK(describe(findings[0]).starts_with("2:3 MR015 Metarank rejects this config: this is Metarank's pre-0.5"));
  }
  SECTION("accepted by a release before 0.5") {
    CHECK(check(old_layout, {"Metarank 0.4.2", Value::string("pre-0.5")}).empty());
  }
  SECTION("inference as 0.5 encoders is accepted") {
    CHECK(check(kRedisState + "inference:\n  msmarco: {type: bert, model: metarank/all-MiniLM-L6-v2}\n").empty());
  }
}

TEST_CASE("MR015: state store values Metarank rejects") {
  check_each({
      {"no type", "state:\n  host: redis\n",
       "2:3 MR015 Metarank rejects this config: state has no type (Metarank: missing required field state.type)",
       "Set state.type to redis (production), memory or file.", "state:\n  type: memory\n"},
      {"unsupported type", "state:\n  type: cassandra\n",
       "2:9 MR015 Metarank rejects this config: state store type 'cassandra' is not supported (Metarank accepts memory, redis, file)",
       "Set state.type to redis (production), memory or file.", "state:\n  type: memory\n"},
      {"a number as type", "state:\n  type: 5\n",
       "2:9 MR015 Metarank rejects this config: state store type '5' is not supported (Metarank accepts memory, redis, file)",
       "Set state.type to redis (production), memory or file.", "state:\n  type: memory\n"},
      {"Redis without host", "state:\n  type: redis\n  port: 6379\n",
       "2:3 MR015 Metarank rejects this config: Redis state has no host (Metarank: missing required field state.host)",
       "Add state.host: the Redis host name.", kRedisState},
      {"Redis without port", "state:\n  type: redis\n  host: redis\n",
       "2:3 MR015 Metarank rejects this config: Redis state has no port (Metarank: missing required field state.port)",
       "Add state.port: usually 6379.", kRedisState},
      {"file state without path", "state:\n  type: file\n",
       "2:3 MR015 Metarank rejects this config: file state has no path (Metarank: missing required field state.path)",
       "Add state.path, or use Redis state for production.", "state:\n  type: file\n  path: /data\n"},
      {"unsupported format", "state:\n  type: redis\n  host: redis\n  port: 6379\n  format: avro\n",
       "5:11 MR015 Metarank rejects this config: state format 'avro' is not supported (Metarank accepts binary, json)",
       "Use format: binary (the default) or remove the key.",
       "state:\n  type: redis\n  host: redis\n  port: 6379\n  format: json\n"},
      {"unsupported TLS verify mode", "state:\n  type: redis\n  host: redis\n  port: 6379\n  tls:\n    verify: none\n",
       "6:13 MR015 Metarank rejects this config: verify mode 'none' is not supported (Metarank accepts full, ca, off)",
       "Set state.tls.verify to full (the default), ca or off.",
       "state:\n  type: redis\n  host: redis\n  port: 6379\n  tls:\n    verify: ca\n"},
      {"unsupported file backend by name", "state:\n  type: file\n  path: /data\n  backend: leveldb\n",
       "4:12 MR015 Metarank rejects this config: file backend leveldb not supported (Metarank accepts rocksdb, mapdb)",
       "Set state.backend to rocksdb (the default) or mapdb.",
       "state:\n  type: file\n  path: /data\n  backend: mapdb\n"},
      {"unsupported file backend as a block", "state:\n  type: file\n  path: /data\n  backend:\n    type: leveldb\n",
       "5:5 MR015 Metarank rejects this config: file backend leveldb not supported (Metarank accepts rocksdb, mapdb)",
       "Set state.backend to rocksdb (the default) or mapdb.",
       "state:\n  type: file\n  path: /data\n  backend:\n    type: rocksdb\n"},
  });
}

TEST_CASE("MR015: train store values Metarank rejects") {
  check_each({
      {"no type", kRedisState + "train:\n  path: /data\n",
       "3:3 MR015 Metarank rejects this config: train has no type (Metarank: missing required field train.type)",
       "Set train.type to redis, file, s3, memory or discard.", kRedisState + "train:\n  type: discard\n"},
      {"unsupported type", kRedisState + "train:\n  type: hdfs\n",
       "3:9 MR015 Metarank rejects this config: train type hdfs is not yet supported (Metarank accepts redis, memory, file, discard, s3)",
       "Set train.type to redis, file, s3, memory or discard.", kRedisState + "train:\n  type: memory\n"},
      {"Redis without port", kRedisState + "train:\n  type: redis\n  host: redis\n",
       "3:3 MR015 Metarank rejects this config: Redis train store without host or port (Metarank: missing required field train.host / train.port)",
       "Add train.host and train.port.", kRedisState + "train:\n  type: redis\n  host: redis\n  port: 6379\n"},
      {"file without format", kRedisState + "train:\n  type: file\n  path: /data\n",
       "3:3 MR015 Metarank rejects this config: file train store without path or format (Metarank requires both train.path and train.format)",
       "Add train.path and train.format (binary or json).",
       kRedisState + "train:\n  type: file\n  path: /data\n  format: binary\n"},
      {"S3 without region", kRedisState + "train:\n  type: s3\n  bucket: b\n  prefix: p\n",
       "3:3 MR015 Metarank rejects this config: S3 train store without bucket, prefix or region (Metarank requires all three)",
       "Add train.bucket, train.prefix and train.region.",
       kRedisState + "train:\n  type: s3\n  bucket: b\n  prefix: p\n  region: us-east-1\n"},
  });
}

TEST_CASE("MR015: input values Metarank rejects") {
  const std::string kafka = "input:\n  type: kafka\n  brokers: [k:9092]\n  topic: events\n  groupId: metarank\n";
  check_each({
      {"no type", "input:\n  path: /events\n",
       "2:3 MR015 Metarank rejects this config: required field 'type' missing in input config",
       "Set input.type to file, kafka, pulsar or kinesis, or remove the input block (the REST API always takes events).",
       "input:\n  type: file\n  path: /events\n"},
      {"api, which current releases removed", "input:\n  type: api\n",
       "2:9 MR015 Metarank rejects this config: input type 'api' is not supported (Metarank accepts file, kafka, pulsar, kinesis; events posted to the REST API need no input block)",
       "Set input.type to file, kafka, pulsar or kinesis, or remove the input block: the REST API always takes events.",
       kafka},
      {"file without path", "input:\n  type: file\n",
       "2:3 MR015 Metarank rejects this config: file input has no path (Metarank: missing required field input.path)",
       "Add input.path.", "input:\n  type: file\n  path: /events\n"},
      {"Kafka without groupId", "input:\n  type: kafka\n  brokers: [k:9092]\n  topic: events\n",
       "2:3 MR015 Metarank rejects this config: Kafka input needs brokers, topic and groupId (Metarank: missing required field)",
       "Add input.brokers, input.topic and input.groupId.", kafka},
      {"Pulsar without subscriptionType",
       "input:\n  type: pulsar\n  serviceUrl: pulsar://p:6650\n  adminUrl: http://p:8080\n  topic: events\n  subscriptionName: metarank\n",
       "2:3 MR015 Metarank rejects this config: Pulsar input needs serviceUrl, adminUrl, topic, subscriptionName and subscriptionType (Metarank: missing required field)",
       "Add the missing input keys.",
       "input:\n  type: pulsar\n  serviceUrl: pulsar://p:6650\n  adminUrl: http://p:8080\n  topic: events\n  subscriptionName: metarank\n  subscriptionType: exclusive\n"},
      {"Kinesis without region", "input:\n  type: kinesis\n  topic: events\n  offset: latest\n",
       "2:3 MR015 Metarank rejects this config: Kinesis input needs topic, offset and region (Metarank: missing required field)",
       "Add input.topic, input.offset and input.region.",
       "input:\n  type: kinesis\n  topic: events\n  offset: latest\n  region: us-east-1\n"},
  });
}

TEST_CASE("MR015: models Metarank cannot decode or resolve") {
  const std::string features = "features:\n  - name: price\n    type: number\n  - name: ctr\n    type: rate\n";
  check_each({
      {"models as a list", "models:\n  - xgboost\n",
       "2:3 MR015 Metarank rejects this config: models is not a map of model names to models",
       "Write models as a mapping: a model name, then its type and settings.",
       "models:\n  xgboost:\n    type: lambdamart\n"},
      {"models written without a value", "models:\nstate: {type: memory}\n",
       "1:1 MR015 Metarank rejects this config: models is not a map of model names to models",
       "Write models as a mapping: a model name, then its type and settings.",
       "models: {}\nstate: {type: memory}\n"},
      {"a feature no feature defines", features + "models:\n  main:\n    type: lambdamart\n    features: [price, rating]\n",
       "9:23 MR015 Metarank rejects this config: unresolved feature 'rating' in model 'main': no feature of that name is defined",
       "Define a feature named rating under features, or remove it from model main.",
       features + "models:\n  main:\n    type: lambdamart\n    features: [price, ctr]\n"},
      {"a single feature written as a scalar", "models:\n  main:\n    type: lambdamart\n    features: price\n",
       "4:15 MR015 Metarank rejects this config: unresolved feature 'price' in model 'main': no feature of that name is defined",
       "Define a feature named price under features, or remove it from model main.",
       features + "models:\n  main:\n    type: lambdamart\n    features: price\n"},
  });
}

TEST_CASE("MR015: every rejected value of one config is reported, in the decoders' order") {
  auto findings = check("input:\n  type: api\nstate:\n  type: redis\nmodels: 3\n");
  REQUIRE(findings.size() == 4);
  CHECK(describe(findings[0]).starts_with("4:3 MR015 Metarank rejects this config: Redis state has no host"));
  CHECK(describe(findings[1]).starts_with("4:3 MR015 Metarank rejects this config: Redis state has no port"));
  CHECK(describe(findings[2]).starts_with("2:9 MR015 Metarank rejects this config: input type 'api'"));
  CHECK(describe(findings[3]).starts_with("5:9 MR015 Metarank rejects this config: models is not a map"));
}

TEST_CASE("MR015: no config, or a config that is not a mapping, has nothing to check") {
  CHECK(validate_metarank_config(Value::absent(), kCurrent).empty());
  CHECK(validate_metarank_config(Value::boolean(false), kCurrent).empty());
  CHECK(check("just text\n").empty());
}
