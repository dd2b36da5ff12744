#include <fmt/format.h>

#include "import/import_context.hpp"
#include "import/pod_spec.hpp"

// Values files of the products' public charts, read with each chart's known keys; templates
// are not rendered (docs/import.md lists the charts and versions).

namespace deploy_advisor::import_detail {

namespace {

const PodSources kNoSources;

bool disabled(const Node& part) { return is_false(part.find("enabled")); }

/// `image: {repository, tag}` as a reference, located at the tag (or the repository).
struct ValuesImage {
  std::string reference;
  ImageRef ref;
  Location at;
};

ValuesImage image_of(const Node* image, const std::string& default_repository = {}) {
  ValuesImage v;
  if (image == nullptr) return v;
  const Node* repo = image->find("repository");
  if (repo == nullptr) repo = image->find("name");
  const Node* tag = image->find("tag");
  std::string repository = text_of(repo).value_or(default_repository);
  std::string tag_text = text_of(tag).value_or("");
  v.reference = tag_text.empty() ? repository : repository + ":" + tag_text;
  v.ref = parse_image(v.reference);
  v.at = (tag && !tag_text.empty()) ? tag->location() : repo ? repo->location() : image->location();
  return v;
}

void set_image(Component& c, const ValuesImage& image) {
  if (!image.ref.repository.empty()) c.keys.set("image", string_value(image.reference, image.at));
}

void replicas_of(ImportContext& context, const Node& part, Component& c, const char* key = "replicas") {
  if (const Node* autoscaling = part.find("autoscaling"); autoscaling && is_true(autoscaling->find("enabled"))) {
    if (const Node* min = autoscaling->find("minReplicas")) {
      set_count(context, c, "replicas", min, "autoscaling.minReplicas");
      return;
    }
  }
  set_count(context, c, "replicas", part.find(key), key);
}

/// service.type / service.loadBalancer / ingress.enabled, as the charts' templates use them.
void exposure_of(const Node& part, Component& c) {
  if (const Node* ingress = part.find("ingress"); ingress && is_true(ingress->find("enabled"))) {
    c.keys.set("exposure", string_value("public", ingress->find("enabled")->location(), "ingress enabled"));
    return;
  }
  const Node* service = part.find("service");
  if (service == nullptr) return;
  if (const Node* lb = service->find("loadBalancer"); lb && is_true(lb)) {
    c.keys.set("exposure", string_value("public", lb->location(), "a LoadBalancer Service"));
    return;
  }
  if (const Node* type = service->find("type"); type && type->is_scalar()) {
    const std::string& t = type->text();
    c.keys.set("exposure", string_value(t == "LoadBalancer" ? "public" : t == "NodePort" ? "internal" : "private",
                                        type->location(), "Service type " + t));
    return;
  }
  if (const Node* lb = service->find("loadBalancer"); lb && is_false(lb))
    c.keys.set("exposure", string_value("private", lb->location(), "a cluster-internal Service"));
}

void pod_fragments(ImportContext& context, const Node& part, Component& c, const std::string& product) {
  read_k8s_resources(part.find("resources"), c);
  read_env_list(context, part.find("env"), kNoSources, c, product);
  const Node* spread = at_path(part, {"spread", "rules", "topologySpreadConstraints"});
  if (spread == nullptr) spread = part.find("topologySpreadConstraints");
  read_placement(context, part.find("affinity"), spread, c);
}

// ---------------------------------------------------------------- Tracardi

struct TracardiSetting {
  std::string_view key;
  std::string_view env;
};
constexpr TracardiSetting kTracardiConfig[] = {
    {"enableGuiApi", "EXPOSE_GUI_API"},     {"eventPartitioning", "EVENT_PARTITIONING"},
    {"loggingLevel", "LOGGING_LEVEL"},      {"serverLoggingLevel", "SERVER_LOGGING_LEVEL"},
    {"saveLogs", "SAVE_LOGS"},              {"apiDocs", "API_DOCS"},
    {"asyncProcessing", "ASYNC_PROCESSING"}, {"enableWorkflow", "ENABLE_WORKFLOW"},
    {"enableEventDestinations", "ENABLE_EVENT_DESTINATIONS"},
    {"enableProfileDestinations", "ENABLE_PROFILE_DESTINATIONS"},
};

void tracardi_config(ImportContext& context, const Node* config, Component& c) {
  if (config == nullptr || !config->is_mapping()) return;
  for (const auto& [k, v] : config->entries()) {
    bool mapped = false;
    for (const auto& s : kTracardiConfig)
      if (k.text() == s.key && v.is_scalar()) {
        c.env.set(std::string(s.env), copy_scalar(v, "config." + k.text()));
        mapped = true;
      }
    if (!mapped && v.is_scalar())
      context.topology.not_mapped(k.location(), fmt::format("{}: config.{}: the variable it sets is not known to import",
                                                            c.name, k.text()));
  }
}

/// Settings that the chart gives every API: pool sizes, index layout, cache, installation token.
void tracardi_shared_env(const Node& root, Component& c) {
  struct Shared {
    std::initializer_list<std::string_view> path;
    const char* env;
  };
  const Shared shared[] = {
      {{"mysql", "pool", "size"}, "MYSQL_POOL_SIZE"},
      {{"mysql", "pool", "maxOverflow"}, "MYSQL_POOL_MAX_OVERFLOW"},
      {{"elastic", "index", "shards"}, "ELASTIC_INDEX_SHARDS"},
      {{"elastic", "index", "replicas"}, "ELASTIC_INDEX_REPLICAS"},
      {{"config", "cache", "keepProfileInCacheFor"}, "KEEP_PROFILE_IN_CACHE_FOR"},
  };
  for (const auto& s : shared)
    if (const Node* v = at_path(root, s.path); v && v->is_scalar()) c.env.set(s.env, copy_scalar(*v));
  const Node* from_secret = at_path(root, {"secrets", "installation", "valueFrom", "token", "name"});
  if (from_secret && !text_of(from_secret).value_or("").empty()) {
    c.env.set("INSTALLATION_TOKEN", string_value("${INSTALLATION_TOKEN}", from_secret->location(),
                                                 "from Secret " + from_secret->text()));
  } else if (const Node* token = at_path(root, {"secrets", "installation", "token"}); token && token->is_scalar()) {
    add_env(c, "tracardi", "INSTALLATION_TOKEN", token, token->location());
  } else if (const Node* old = at_path(root, {"secrets", "installationToken"}); old && old->is_scalar()) {
    add_env(c, "tracardi", "INSTALLATION_TOKEN", old, old->location());
  }
}

/// The image a worker group of the chart runs when the values do not name it (an override file).
std::string tracardi_worker_repository(const std::string& group) {
  if (group == "background" || group == "collector" || group == "workflow") return "tracardi/background-worker";
  if (group == "apm") return "tracardi/apm";
  if (group == "upgrade") return "tracardi/update-worker";
  return "";
}

void tracardi_values(ImportContext& context, const Node& root) {
  ImportedTopology& topology = context.topology;
  topology.product("tracardi");
  if (const Node* api = root.find("api"); api && api->is_mapping()) {
    const ValuesImage image = image_of(api->find("image"), "tracardi/com-tracardi-api");
    for (const auto& [k, part] : api->entries()) {
      if (k.text() == "image" || !part.is_mapping() || disabled(part)) continue;
      Component c;
      c.name = "api-" + k.text();
      set_image(c, image);
      replicas_of(context, part, c);
      exposure_of(part, c);
      pod_fragments(context, part, c, "tracardi");
      tracardi_config(context, part.find("config"), c);
      tracardi_shared_env(root, c);
      Container container;
      container.image = image.ref;
      place_part(context, recognise(container), std::move(c), k.location(), "api." + k.text() + " of the Tracardi chart");
    }
  }
  if (const Node* console = at_path(root, {"gui", "console"}); console && console->is_mapping() && !disabled(*console)) {
    Component c;
    c.name = "gui";
    const ValuesImage image = image_of(at_path(root, {"gui", "image"}), "tracardi/tracardi-gui");
    set_image(c, image);
    replicas_of(context, *console, c);
    exposure_of(*console, c);
    Container container;
    container.image = image.ref.repository.empty() ? parse_image("tracardi/tracardi-gui") : image.ref;
    place_part(context, recognise(container), std::move(c), root.find_key("gui")->location(),
               "gui.console of the Tracardi chart");
  }
  if (const Node* workers = root.find("worker"); workers && workers->is_mapping()) {
    for (const auto& [group_key, group] : workers->entries()) {
      if (!group.is_mapping()) continue;
      const ValuesImage image = image_of(group.find("image"), tracardi_worker_repository(group_key.text()));
      Container container;
      container.image = image.ref;
      const Part part = recognise(container);
      // group_key is captured by an init-capture: clang 14 cannot capture a structured binding.
      auto place = [&, &group_name = group_key](const std::string& name, const Node& instance,
                                                const Location& at) {
        if (disabled(instance)) return;
        Component c;
        c.name = name;
        set_image(c, image);
        replicas_of(context, instance, c);
        pod_fragments(context, instance, c, "tracardi");
        if (const Node* nested = at_path(instance, {"docker"})) pod_fragments(context, *nested, c, "tracardi");
        place_part(context, part, std::move(c), at, "worker." + group_name.text() + " of the Tracardi chart");
      };
      if (group.find("enabled") || group.find("replicas")) {
        place("worker-" + group_key.text(), group, group_key.location());
        continue;
      }
      for (const auto& [k, instance] : group.entries())
        if (k.text() != "image" && instance.is_mapping() && (instance.find("enabled") || instance.find("replicas")))
          place("worker-" + group_key.text() + "-" + k.text(), instance, k.location());
    }
  }
  for (const char* store : {"elastic", "redis", "pulsar", "mysql"})
    if (const Node* s = root.find(store); s && s->is_mapping() && s->find("host"))
      topology.not_mapped(root.find_key(store)->location(),
                          fmt::format("{}: the chart connects to {} at {}; it runs outside the chart: describe it as a "
                                      "component to have it checked",
                                      store, store, text_of(s->find("host")).value_or("?")));
  for (const auto& [k, v] : root.entries()) {
    const std::string& key = k.text();
    if (key == "api" || key == "gui" || key == "worker" || key == "elastic" || key == "redis" || key == "pulsar" ||
        key == "mysql" || key == "secrets" || key == "config" || key == "digitalOcean" || key == "tmsApi")
      continue;
    topology.not_mapped(k.location(), fmt::format("{}: a Tracardi chart part with no role in topology v1", key));
  }
  if (root.find("secrets") && !root.find("api"))
    topology.not_mapped(root.find_key("secrets")->location(),
                        "secrets: secret values for the chart's APIs and stores are never copied");
}

// ---------------------------------------------------------------- Metarank

void metarank_values(ImportContext& context, const Node& root) {
  const ValuesImage image = image_of(root.find("image"), "metarank/metarank");
  Component serve;
  serve.name = "metarank";
  set_image(serve, image);
  replicas_of(context, root, serve, "replicaCount");
  exposure_of(root, serve);
  pod_fragments(context, root, serve, "metarank");
  Part part;
  part.product = "metarank";
  part.role = "api";
  part.mode = "serve";
  part.what = "the chart's Deployment runs serve";
  const Location at = image.at.known() ? image.at : root.location();
  place_part(context, part, std::move(serve), at, "the Metarank chart's Deployment runs serve");
  const Node* train = root.find("train");
  if (train && train->is_mapping() && !disabled(*train)) {
    Component job;
    job.name = "metarank-train";
    set_image(job, image);
    if (const Node* schedule = train->find("schedule"); schedule && schedule->is_scalar()) {
      std::string cron = schedule->text();
      // The chart pastes the value into its CronJob unquoted, so it is written with quotes inside.
      if (cron.size() >= 2 && cron.front() == '"' && cron.back() == '"') cron = cron.substr(1, cron.size() - 2);
      job.keys.set("schedule", string_value(cron, schedule->location(), "train.schedule"));
      job.keys.set("run", string_value("scheduled", schedule->location(), "a CronJob"));
    }
    read_k8s_resources(train->find("resources"), job);
    Part train_part;
    train_part.product = "metarank";
    train_part.role = "train";
    place_part(context, train_part, std::move(job), context.topology.product("metarank").components.empty()
                                                        ? train->location()
                                                        : root.find_key("train")->location(),
               "the Metarank chart's train CronJob");
  }
}

// ---------------------------------------------------------------- Metaflow

void metaflow_service_values(ImportContext& context, const Node& root, const Location& at) {
  Component c;
  c.name = "metaflow-service";
  set_image(c, image_of(root.find("image")));
  replicas_of(context, root, c, "replicaCount");
  exposure_of(root, c);
  pod_fragments(context, root, c, "metaflow");
  Part part;
  part.product = "metaflow";
  part.role = "metadata_service";
  place_part(context, part, std::move(c), at, "the metaflow-service chart");
}

void metaflow_ui_values(ImportContext& context, const Node& root, const Location& at) {
  for (const char* key : {"uiBackend", "uiStatic"}) {
    const Node* part_node = root.find(key);
    if (part_node == nullptr || !part_node->is_mapping()) continue;
    Component c;
    c.name = std::string("metaflow-ui-") + (std::string_view(key) == "uiBackend" ? "backend" : "static");
    set_image(c, image_of(part_node->find("image")));
    replicas_of(context, *part_node, c, "replicaCount");
    exposure_of(*part_node, c);
    if (const Node* ingress = root.find("ingress"); ingress && is_true(ingress->find("enabled")))
      c.keys.set("exposure", string_value("public", ingress->find("enabled")->location(), "the UI chart's ingress"));
    pod_fragments(context, *part_node, c, "metaflow");
    if (const Node* ds = part_node->find("metaflowDefaultDatastore"); ds && ds->is_scalar() && !ds->text().empty())
      context.topology.product("metaflow").keys.set("datastore", copy_scalar(*ds, "metaflowDefaultDatastore"));
    Part part;
    part.product = "metaflow";
    part.role = "ui";
    place_part(context, part, std::move(c), root.find_key(key)->location(), "the metaflow-ui chart");
  }
  if (!root.find("uiBackend") && !root.find("uiStatic")) {
    Component c;
    c.name = "metaflow-ui";
    if (const Node* ingress = root.find("ingress"); ingress && is_true(ingress->find("enabled")))
      c.keys.set("exposure", string_value("public", ingress->find("enabled")->location(), "the UI chart's ingress"));
    Part part;
    part.product = "metaflow";
    part.role = "ui";
    place_part(context, part, std::move(c), at, "the metaflow-ui chart");
  }
}

// ---------------------------------------------------------------- stores' charts

void pulsar_values(ImportContext& context, const Node& root) {
  Component c;
  c.name = "pulsar";
  const Node* components = root.find("components");
  auto count = [&](const char* part, const char* key) {
    if (components && is_false(components->find(part))) return;
    set_count(context, c, key, at_path(root, {part, "replicaCount"}), std::string(part) + ".replicaCount");
  };
  count("broker", "brokers");
  count("bookkeeper", "bookies");
  if (const Node* anti = at_path(root, {"affinity", "anti_affinity"}); anti && is_true(anti))
    c.keys.set("spread", string_value("host", anti->location(), "affinity.anti_affinity"));
  context.topology.add_store(Store{StoreKind::Pulsar, std::move(c), root.location()});
}

void elastic_values(ImportContext& context, const Node& root) {
  Component c;
  c.name = "elasticsearch";
  set_count(context, c, "replicas", at_path(root, {"data", "replicas"}), "data nodes");
  exposure_of(root, c);
  if (const Node* size = at_path(root, {"data", "storage", "size"})) set_disk(c, *size, "data.storage.size");
  if (const Node* master = at_path(root, {"master", "replicas"}))
    context.topology.not_mapped(master->location(), "elasticsearch: dedicated master nodes are not counted in replicas");
  context.topology.add_store(Store{StoreKind::Elasticsearch, std::move(c), root.location()});
}

void redis_values(ImportContext& context, const Node& root) {
  Component c;
  c.name = "redis";
  const Node* arch = root.find("architecture");
  const Node* replica_count = at_path(root, {"replica", "replicaCount"});
  if (arch && text_of(arch) == "standalone") {
    c.keys.set("replicas", plain_value("1", arch->location(), "architecture standalone"));
  } else if (auto n = count_value(replica_count)) {
    c.keys.set("replicas", plain_value(number_text(std::stod(n->text) + 1), replica_count->location(),
                                       "a master and replica.replicaCount replicas"));
  }
  read_k8s_resources(at_path(root, {"master", "resources"}), c);
  if (const Node* size = at_path(root, {"master", "persistence", "size"})) set_disk(c, *size, "master.persistence.size");
  context.topology.add_store(Store{StoreKind::Redis, std::move(c), root.location()});
}

bool repository_is(const Node& root, std::string_view name) {
  auto repo = text_of(at_path(root, {"image", "repository"}));
  return repo && parse_image(*repo).name == name;
}

}  // namespace

bool import_values(ImportContext& context, const Node& root, const std::string& /*file*/) {
  ImportedTopology& topology = context.topology;
  // Chart.yaml: the chart's appVersion is the image tag its values default to.
  if (root.find("apiVersion") && root.find("name") && root.find("version") && !root.find("kind")) {
    const std::string name = text_of(root.find("name")).value_or("");
    const Node* app = root.find("appVersion");
    if (name == "metaflow") {
      topology.product(name);
      topology.not_mapped(root.location(), "Chart.yaml of chart metaflow: its appVersion is the metadata service's "
                                           "release, not Metaflow's: version left unset");
      return true;
    }
    if ((name == "metarank" || name == "tracardi") && app && app->is_scalar()) {
      std::string version = app->text();
      topology.product(name).chart_version = string_value(version, app->location(), "the chart's appVersion");
      return true;
    }
    topology.not_mapped(root.location(), fmt::format("Chart.yaml of chart {}: not a chart import knows", name));
    return true;
  }
  const bool tracardi_keys = (root.find("api") && (root.find("gui") || root.find("worker"))) ||
                             at_path(root, {"secrets", "installationToken"}) ||
                             at_path(root, {"secrets", "installation"});
  if (tracardi_keys) {
    topology.set_platform(string_value("kubernetes", root.location(), "Helm values"));
    tracardi_values(context, root);
    return true;
  }
  if (repository_is(root, "metarank")) {
    topology.set_platform(string_value("kubernetes", root.location(), "Helm values"));
    metarank_values(context, root);
    return true;
  }
  if (root.find("metaflow-service") || root.find("metaflow-ui")) {
    topology.set_platform(string_value("kubernetes", root.location(), "Helm values"));
    if (const Node* service = root.find("metaflow-service"); service && service->is_mapping() && !disabled(*service))
      metaflow_service_values(context, *service, root.find_key("metaflow-service")->location());
    if (const Node* ui = root.find("metaflow-ui"); ui && ui->is_mapping() && !disabled(*ui))
      metaflow_ui_values(context, *ui, root.find_key("metaflow-ui")->location());
    if (const Node* pg = root.find("postgresql"); pg && is_true(pg->find("enabled")))
      topology.not_mapped(root.find_key("postgresql")->location(),
                          "postgresql: the metadata service's database has no role in topology v1");
    return true;
  }
  if (repository_is(root, "metaflow_metadata_service") && root.find("metadatadb")) {
    topology.set_platform(string_value("kubernetes", root.location(), "Helm values"));
    metaflow_service_values(context, root, root.location());
    return true;
  }
  if (root.find("uiBackend") || root.find("uiStatic")) {
    topology.set_platform(string_value("kubernetes", root.location(), "Helm values"));
    metaflow_ui_values(context, root, root.location());
    return true;
  }
  if (root.find("broker") && root.find("bookkeeper")) {
    topology.set_platform(string_value("kubernetes", root.location(), "Helm values"));
    pulsar_values(context, root);
    return true;
  }
  if (at_path(root, {"data", "replicas"}) && root.find("master")) {
    topology.set_platform(string_value("kubernetes", root.location(), "Helm values"));
    elastic_values(context, root);
    return true;
  }
  if (root.find("master") && root.find("replica")) {
    topology.set_platform(string_value("kubernetes", root.location(), "Helm values"));
    redis_values(context, root);
    return true;
  }
  return false;
}

}  // namespace deploy_advisor::import_detail
