#include "model/native_keys.hpp"

namespace deploy_advisor {

namespace {

KeyTree leaf(std::string name) { return KeyTree{std::move(name), {}, false, false}; }

KeyTree block(std::string name, std::vector<KeyTree> children) {
  return KeyTree{std::move(name), std::move(children), false, false};
}

/// A block whose keys are the user's own names (features, models, options).
KeyTree open_block(std::string name) { return KeyTree{std::move(name), {}, true, false}; }

/// Options shared by the Redis state store and the Redis train store (StateStoreConfig.scala:
/// RedisStateConfig, RedisCredentials, RedisTLS, RedisTimeouts).
std::vector<KeyTree> redis_options() {
  return {
      leaf("host"),
      leaf("port"),
      leaf("format"),
      block("cache", {leaf("maxSize"), leaf("ttl"), leaf("clientTracking")}),
      block("pipeline", {leaf("maxSize"), leaf("flushPeriod"), leaf("enabled")}),
      block("auth", {leaf("user"), leaf("password")}),
      block("tls", {leaf("enabled"), leaf("ca"), leaf("verify")}),
      block("timeout", {leaf("connect"), leaf("socket"), leaf("command")}),
  };
}

KeyTree state_block() {
  std::vector<KeyTree> keys = {leaf("type")};
  for (auto& k : redis_options()) keys.push_back(std::move(k));
  // Redis: databases per data kind. File: path and backend (a name, or a map with a type).
  keys.push_back(block("db", {leaf("state"), leaf("values"), leaf("rankings"), leaf("models")}));
  keys.push_back(leaf("path"));
  keys.push_back(block("backend", {leaf("type"), leaf("lruCacheSize"), leaf("blockSize"),
                                   leaf("mmap"), leaf("maxNodeSize")}));
  return block("state", std::move(keys));
}

KeyTree train_block() {
  std::vector<KeyTree> keys = {leaf("type")};
  for (auto& k : redis_options()) keys.push_back(std::move(k));
  // Redis (db is one number here, ttl of click-throughs), file, s3 (TrainConfig.scala).
  for (const char* k : {"db", "ttl", "path", "bucket", "prefix", "region", "compress", "key", "secret",
                        "batchSizeBytes", "batchSizeEvents", "partInterval", "endpoint", "deduplicate"})
    keys.push_back(leaf(k));
  return block("train", std::move(keys));
}

KeyTree input_block() {
  // The union of the file, kafka, pulsar and kinesis inputs (InputConfig.scala).
  std::vector<KeyTree> keys;
  for (const char* k : {"type", "path", "offset", "format", "sort", "brokers", "topic", "groupId",
                        "serviceUrl", "adminUrl", "subscriptionName", "subscriptionType", "region",
                        "endpoint", "skipCertVerification", "getRecordsPeriod", "sleepOnEmptyPeriod"})
    keys.push_back(leaf(k));
  keys.push_back(open_block("options"));
  return block("input", std::move(keys));
}

}  // namespace

// Filled from Metarank's config classes (src/main/scala/ai/metarank/config/*.scala): Config,
// CoreConfig, ApiConfig, StateStoreConfig, TrainConfig, InputConfig. Features, models and
// inference encoders are keyed by the user's own names and are not checked.
const KeyTree& metarank_config_keys() {
  static const KeyTree tree{
      "",
      {
          block("core",
                {block("tracking", {leaf("analytics"), leaf("errors")}),
                 block("clickthrough", {leaf("maxSessionLength"), leaf("maxParallelSessions")}),
                 block("import", {block("cache", {leaf("enabled"), leaf("size")})})}),
          block("api", {leaf("host"), leaf("port"), leaf("timeout")}),
          state_block(),
          train_block(),
          input_block(),
          open_block("features"),
          open_block("models"),
          open_block("inference"),
      },
      false,
      false};
  return tree;
}

// Keys that Metarank's documentation uses but its code does not read.
const std::vector<KeyAlias>& metarank_config_aliases() {
  static const std::vector<KeyAlias> aliases = {
      {"source", "input",
       "Metarank's docs (sample-config.yml) call the event source block 'source'; its config "
       "decoder ignores that name"},
      {"state.pipelineSize", "state.pipeline.maxSize",
       "the Redis write buffer size is not a key of the state block itself"},
      {"state.backend.lruCacheSizeMb", "state.backend.lruCacheSize",
       "Metarank's docs call the RocksDB cache size 'lruCacheSizeMb'; its code ignores that name "
       "and takes the size in bytes"},
      {"train.awsKey", "train.key",
       "Metarank's docs call the S3 access key 'awsKey'; its code ignores that name"},
      {"train.awsKeySecret", "train.secret",
       "Metarank's docs call the S3 secret key 'awsKeySecret'; its code ignores that name"},
      {"train.partSizeBytes", "train.batchSizeBytes",
       "Metarank's docs call the S3 part size 'partSizeBytes'; its code ignores that name "
       "(default 1 MiB)"},
      {"train.partSizeEvents", "train.batchSizeEvents",
       "Metarank's docs call the S3 part event count 'partSizeEvents'; its code ignores that "
       "name (default 1024)"},
  };
  return aliases;
}

}  // namespace deploy_advisor
