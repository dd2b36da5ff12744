#include "model/metarank_config_validation.hpp"

#include "model/native_value_checks.hpp"

namespace deploy_advisor {

namespace {

using native_checks::is_one_of;
using native_checks::is_set;
using native_checks::shown;

class MetarankConfigCheck {
 public:
  MetarankConfigCheck(const Value& config, const MetarankRelease& release)
      : config_(config), release_(release) {}

  std::vector<Finding> run() {
    check_layout();
    check_state();
    check_train();
    check_input();
    check_models();
    return std::move(findings_);
  }

 private:
  void reject(const Value& at, const std::string& reason, const std::string& fix) {
    findings_.push_back(native_checks::finding(kMetarankConfigRejected, at,
                                               "Metarank rejects this config: " + reason, fix));
  }

  [[nodiscard]] Value at(const char* block, const char* key) const {
    return config_.get(block).get(key);
  }

  // Metarank 0.5 reads `inference` as encoders that each need a type; only a release before
  // 0.5 (the profile's layout default for it) takes bootstrap: and inference.port/state.
  void check_layout() {
    const Value inference = config_.get("inference");
    const bool old_layout = is_set(config_.get("bootstrap")) || is_set(inference.get("port")) ||
                            is_set(inference.get("state"));
    if (!equal(release_.config_layout, Value::string("0.5")) || !old_layout) return;
    reject(is_set(config_.get("bootstrap")) ? config_.get("bootstrap") : inference,
           "this is Metarank's pre-0.5 layout (bootstrap:, inference: with port and state), which "
           "Metarank 0.5 and later reject: they read inference as encoders that each need a type, "
           "and refuse inference.port (checked against " + release_.label + ")",
           "Rewrite config.yaml in the 0.5+ layout: move inference.state to a top-level state "
           "block, the port to api.port, and drop bootstrap (import history with metarank "
           "import); or declare the Metarank version you run (version: 0.4.x).");
  }

  // StateStoreConfig.scala
  void check_state() {
    const Value state = config_.get("state");
    const Value type = state.get("type");
    if (is_set(state) && !is_set(type))
      reject(state, "state has no type (Metarank: missing required field state.type)",
             "Set state.type to redis (production), memory or file.");
    if (is_set(type) && !is_one_of(type, {"memory", "redis", "file"}))
      reject(type, "state store type '" + shown(type) +
                       "' is not supported (Metarank accepts memory, redis, file)",
             "Set state.type to redis (production), memory or file.");
    const bool redis = equal(type, Value::string("redis"));
    const bool file = equal(type, Value::string("file"));
    if (redis && !is_set(state.get("host")))
      reject(state, "Redis state has no host (Metarank: missing required field state.host)",
             "Add state.host: the Redis host name.");
    if (redis && !is_set(state.get("port")))
      reject(state, "Redis state has no port (Metarank: missing required field state.port)",
             "Add state.port: usually 6379.");
    if (file && !is_set(state.get("path")))
      reject(state, "file state has no path (Metarank: missing required field state.path)",
             "Add state.path, or use Redis state for production.");
    const Value format = state.get("format");
    if (is_set(format) && !is_one_of(format, {"binary", "json"}))
      reject(format, "state format '" + shown(format) +
                         "' is not supported (Metarank accepts binary, json)",
             "Use format: binary (the default) or remove the key.");
    const Value verify = state.get("tls").get("verify");
    if (is_set(verify) && !is_one_of(verify, {"full", "ca", "off"}))
      reject(verify, "verify mode '" + shown(verify) +
                         "' is not supported (Metarank accepts full, ca, off)",
             "Set state.tls.verify to full (the default), ca or off.");
    // The backend is written either as a name or as a block with a type.
    const Value backend = state.get("backend");
    const Value backend_name = is_set(backend.get("type")) ? backend.get("type") : backend;
    if (file && is_set(backend) && !is_one_of(backend_name, {"rocksdb", "mapdb"}))
      reject(backend, "file backend " + shown(backend_name) +
                          " not supported (Metarank accepts rocksdb, mapdb)",
             "Set state.backend to rocksdb (the default) or mapdb.");
  }

  // TrainConfig.scala
  void check_train() {
    const Value train = config_.get("train");
    const Value type = train.get("type");
    if (is_set(train) && !is_set(type))
      reject(train, "train has no type (Metarank: missing required field train.type)",
             "Set train.type to redis, file, s3, memory or discard.");
    if (is_set(type) && !is_one_of(type, {"redis", "memory", "file", "discard", "s3"}))
      reject(type, "train type " + shown(type) +
                       " is not yet supported (Metarank accepts redis, memory, file, discard, s3)",
             "Set train.type to redis, file, s3, memory or discard.");
    auto has_all = [&](std::initializer_list<const char*> keys) {
      for (const char* key : keys)
        if (!is_set(train.get(key))) return false;
      return true;
    };
    if (equal(type, Value::string("redis")) && !has_all({"host", "port"}))
      reject(train, "Redis train store without host or port (Metarank: missing required field "
                    "train.host / train.port)",
             "Add train.host and train.port.");
    if (equal(type, Value::string("file")) && !has_all({"path", "format"}))
      reject(train, "file train store without path or format (Metarank requires both train.path "
                    "and train.format)",
             "Add train.path and train.format (binary or json).");
    if (equal(type, Value::string("s3")) && !has_all({"bucket", "prefix", "region"}))
      reject(train, "S3 train store without bucket, prefix or region (Metarank requires all three)",
             "Add train.bucket, train.prefix and train.region.");
  }

  // InputConfig.scala; events posted to the REST API need no input block.
  void check_input() {
    const Value input = config_.get("input");
    const Value type = input.get("type");
    if (is_set(input) && !is_set(type))
      reject(input, "required field 'type' missing in input config",
             "Set input.type to file, kafka, pulsar or kinesis, or remove the input block (the "
             "REST API always takes events).");
    if (is_set(type) && !is_one_of(type, {"file", "kafka", "pulsar", "kinesis"}))
      reject(type, "input type '" + shown(type) +
                       "' is not supported (Metarank accepts file, kafka, pulsar, kinesis; events "
                       "posted to the REST API need no input block)",
             "Set input.type to file, kafka, pulsar or kinesis, or remove the input block: the "
             "REST API always takes events.");
    auto has_all = [&](std::initializer_list<const char*> keys) {
      for (const char* key : keys)
        if (!is_set(input.get(key))) return false;
      return true;
    };
    if (equal(type, Value::string("file")) && !has_all({"path"}))
      reject(input, "file input has no path (Metarank: missing required field input.path)",
             "Add input.path.");
    if (equal(type, Value::string("kafka")) && !has_all({"brokers", "topic", "groupId"}))
      reject(input, "Kafka input needs brokers, topic and groupId (Metarank: missing required "
                    "field)",
             "Add input.brokers, input.topic and input.groupId.");
    if (equal(type, Value::string("pulsar")) &&
        !has_all({"serviceUrl", "adminUrl", "topic", "subscriptionName", "subscriptionType"}))
      reject(input, "Pulsar input needs serviceUrl, adminUrl, topic, subscriptionName and "
                    "subscriptionType (Metarank: missing required field)",
             "Add the missing input keys.");
    if (equal(type, Value::string("kinesis")) && !has_all({"topic", "offset", "region"}))
      reject(input, "Kinesis input needs topic, offset and region (Metarank: missing required "
                    "field)",
             "Add input.topic, input.offset and input.region.");
  }

  // Config.scala decodes models as a map of names to models; ConfigValidations resolves
  // every feature a model names against the features defined.
  void check_models() {
    const Value models = config_.get("models");
    // `models:` written without a value is no map either (Metarank requires the models).
    if (!models.is_absent() && !models.is_string() && !models.is_map())
      reject(models, "models is not a map of model names to models",
             "Write models as a mapping: a model name, then its type and settings.");
    if (!models.is_map()) return;
    const Value features = config_.get("features");
    std::vector<Value> defined;
    // A feature list whose first item is not set defines none Metarank can resolve.
    if (features.is_list() && !features.as_list().empty() && is_set(features.as_list().front()))
      for (const auto& feature : features.as_list()) defined.push_back(feature.get("name"));
    for (const auto& [model, settings] : models.as_map()) {
      const Value named = settings.get("features");
      if (!is_set(named)) continue;
      const Value::List listed = named.is_list() ? named.as_list() : Value::List{named};
      for (const auto& name : listed) {
        bool resolved = false;
        for (const auto& d : defined) resolved = resolved || equal(name, d);
        if (resolved) continue;
        reject(name, "unresolved feature '" + shown(name) + "' in model '" + model +
                         "': no feature of that name is defined",
               "Define a feature named " + shown(name) + " under features, or remove it from model " +
                   model + ".");
      }
    }
  }

  const Value& config_;
  const MetarankRelease& release_;
  std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> validate_metarank_config(const Value& config, const MetarankRelease& release) {
  if (!is_set(config) || equal(config, Value::boolean(false))) return {};
  return MetarankConfigCheck(config, release).run();
}

}  // namespace deploy_advisor
