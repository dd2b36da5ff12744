#include <fmt/format.h>

#include "import/import_context.hpp"

// Docker Compose (file formats 2 and 3, the Compose Specification, Swarm `deploy:`).

namespace deploy_advisor::import_detail {

namespace {

/// Keys that say nothing the topology records; read and left alone.
bool ignored_key(std::string_view key) {
  static constexpr std::string_view kIgnored[] = {
      "container_name", "restart", "networks", "depends_on", "healthcheck", "links",
      "ulimits", "logging", "labels", "platform", "cap_add", "cap_drop", "user",
      "working_dir", "stop_grace_period", "init", "tty", "stdin_open", "hostname",
      "extra_hosts", "dns", "privileged", "security_opt", "shm_size", "sysctls", "pull_policy",
      "image", "build", "command", "entrypoint", "environment", "ports", "expose", "deploy",
      "volumes", "mem_limit", "memswap_limit", "mem_reservation", "cpus", "scale", "profiles"};
  for (auto k : kIgnored)
    if (k == key) return true;
  return false;
}

std::vector<std::string> words_of(const Node* node) {
  std::vector<std::string> words;
  if (node == nullptr) return words;
  auto split = [&](const std::string& text) {
    std::string word;
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n') {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
      } else {
        word += c;
      }
    }
    if (!word.empty()) words.push_back(std::move(word));
  };
  if (node->is_scalar()) split(node->text());
  if (node->is_sequence())
    for (const auto& item : node->items())
      if (item.is_scalar()) words.push_back(item.text());
  return words;
}

/// name=value pairs of `environment:`, as (name, value node, name location).
struct EnvEntry {
  std::string name;
  Node value;
  Location at;
};

std::vector<EnvEntry> environment_of(const Node* env) {
  std::vector<EnvEntry> entries;
  if (env == nullptr) return entries;
  if (env->is_mapping()) {
    for (const auto& [k, v] : env->entries())
      if (k.is_scalar()) entries.push_back(EnvEntry{k.text(), v, k.location()});
  } else if (env->is_sequence()) {
    for (const auto& item : env->items()) {
      if (!item.is_scalar()) continue;
      const std::string& text = item.text();
      const auto eq = text.find('=');
      if (eq == std::string::npos) {
        entries.push_back(EnvEntry{text, Node::null(item.location()), item.location()});
      } else {
        // Values in the list form are text; a plain node lets numbers stay numbers.
        entries.push_back(EnvEntry{text.substr(0, eq),
                                   Node::scalar(text.substr(eq + 1), Node::Style::Plain, item.location()),
                                   item.location()});
      }
    }
  }
  return entries;
}

/// The most exposed of a service's published ports.
void read_ports(const Node* ports, Component& component) {
  if (ports == nullptr || !ports->is_sequence()) return;
  const Node* loopback = nullptr;
  for (const auto& port : ports->items()) {
    std::string host_ip;
    std::string text;
    if (port.is_scalar()) {
      text = port.text();
      // [host_ip:]published:target or target alone; host_ip may be [::1].
      const auto first = text.find(':');
      if (first != std::string::npos && text.find(':', first + 1) != std::string::npos)
        host_ip = text.substr(0, text.rfind(':', text.rfind(':') - 1));
    } else if (port.is_mapping()) {
      if (auto ip = text_of(port.find("host_ip"))) host_ip = *ip;
      text = text_of(port.find("published")).value_or(text_of(port.find("target")).value_or("?"));
    } else {
      continue;
    }
    if (host_ip == "127.0.0.1" || host_ip == "[::1]" || host_ip == "::1" || host_ip == "localhost") {
      loopback = &port;
      continue;
    }
    component.keys.set("exposure", string_value("public", port.location(),
                                                fmt::format("port {} published on every interface of the host", text)));
    return;
  }
  if (loopback != nullptr)
    component.keys.set("exposure", string_value("private", loopback->location(),
                                                "published on the loopback interface only"));
}

void read_resources(const Node& service, Component& component) {
  const Node* limits = at_path(service, {"deploy", "resources", "limits"});
  const Node* reservations = at_path(service, {"deploy", "resources", "reservations"});
  auto pick = [&](const char* key, const char* v2_key) -> const Node* {
    if (limits) if (const Node* n = limits->find(key)) return n;
    if (const Node* n = service.find(v2_key)) return n;
    if (reservations) if (const Node* n = reservations->find(key)) return n;
    return nullptr;
  };
  if (const Node* cpus = pick("cpus", "cpus"); cpus && cpus->is_scalar()) {
    if (auto cores = cpu_cores(cpus->text()); cores && *cores > 0)
      component.resources.set("cpu", plain_value(number_text(*cores), cpus->location()));
  }
  if (const Node* memory = pick("memory", "mem_limit"); memory && memory->is_scalar()) {
    if (auto gb = size_gb(memory->text()); gb && *gb > 0 && number_text(*gb) != "0")
      component.resources.set("memory_gb", plain_value(number_text(*gb), memory->location(), memory->text()));
  }
}

void read_deploy(ImportContext& context, const Node& service, Component& component) {
  ImportedTopology& topology = context.topology;
  if (const Node* replicas = at_path(service, {"deploy", "replicas"}))
    set_count(context, component, "replicas", replicas, "deploy.replicas");
  else if (const Node* scale = service.find("scale"))
    set_count(context, component, "replicas", scale, "scale");
  if (const Node* mode = at_path(service, {"deploy", "mode"}); mode && text_of(mode) == "global")
    topology.not_mapped(mode->location(), fmt::format("{}: deploy.mode global runs one replica per node; "
                                                      "set replicas to the node count", component.name));
  const Node* placement = at_path(service, {"deploy", "placement"});
  if (placement == nullptr) return;
  if (const Node* max = placement->find("max_replicas_per_node"); max && text_of(max) == "1")
    component.keys.set("spread", string_value("host", max->location(), "max_replicas_per_node: 1"));
  if (const Node* prefs = placement->find("preferences"); prefs && prefs->is_sequence()) {
    for (const auto& pref : prefs->items()) {
      auto label = text_of(pref.find("spread"));
      if (label && label->find("zone") != std::string::npos && component.keys.find("spread") == nullptr)
        component.keys.set("spread", string_value("zone", pref.location(), "spread over " + *label));
    }
  }
}

void read_volumes(ImportContext& context, const Node& service, const std::string& file,
                  Component& component, const std::string& product) {
  const Node* volumes = service.find("volumes");
  if (volumes == nullptr || !volumes->is_sequence()) return;
  for (const auto& volume : volumes->items()) {
    std::string source, target;
    if (volume.is_scalar()) {
      const std::string& text = volume.text();
      const auto colon = text.find(':');
      if (colon == std::string::npos) continue;
      source = text.substr(0, colon);
      target = text.substr(colon + 1);
      target = target.substr(0, target.find(':'));
    } else if (volume.is_mapping()) {
      source = text_of(volume.find("source")).value_or("");
      target = text_of(volume.find("target")).value_or("");
    }
    const bool bind = source.starts_with("./") || source.starts_with("../") || source.starts_with("/");
    const bool config_file = target.ends_with(".yml") || target.ends_with(".yaml") || target.ends_with(".json");
    if (bind && config_file && product == "metarank") {
      const std::string path = join_path(parent_folder(file), source);
      if (context.files.read(path, 16u << 20).status == FileSystem::Status::Ok) {
        context.topology.product(product).keys.set(
            "config", string_value(relative_to(path, context.options.output_folder), volume.location(),
                                   "mounted at " + target));
      } else {
        context.topology.not_mapped(volume.location(),
                                    fmt::format("{}: mounts {} as its configuration, but it cannot be read",
                                                component.name, path));
      }
      continue;
    }
    if (!bind && !source.empty() && !config_file)
      component.placeholders.push_back(fmt::format(
          "disk_gb:   # data on volume {} ({}:{}); Compose does not say its size", source,
          volume.location().file_name(), volume.location().line));
  }
}

void import_service(ImportContext& context, const std::string& name, const Node& key, const Node& service,
                    const std::string& file) {
  ImportedTopology& topology = context.topology;
  if (!service.is_mapping()) {
    topology.not_mapped(key.location(), fmt::format("service {}: not a mapping", name));
    return;
  }
  Component component;
  component.name = name;
  Container container;
  std::string image_text;
  Location at = key.location();
  if (const Node* image = service.find("image"); image && image->is_scalar()) {
    container.image = parse_image(image->text());
    image_text = "image " + container.image.repository;
    at = image->location();
    component.keys.set("image", copy_scalar(*image));
  } else if (const Node* build = service.find("build")) {
    if (build->is_scalar()) container.build = build->text();
    else if (auto dockerfile = text_of(build->find("dockerfile"))) container.build = *dockerfile;
    image_text = "built from " + container.build;
    at = build->location();
  }
  container.command = words_of(service.find("entrypoint"));
  for (auto& w : words_of(service.find("command"))) container.command.push_back(std::move(w));
  const auto env = environment_of(service.find("environment"));
  check_part_count(env.size(), key.location(), "environment variables");
  for (const auto& e : env) container.env_names.push_back(e.name);
  const Part part = recognise(container);

  if (const Node* depends = service.find("depends_on")) {
    if (depends->is_sequence())
      for (const auto& d : depends->items())
        if (d.is_scalar()) component.depends_on.push_back(copy_scalar(d, "depends_on"));
    if (depends->is_mapping())
      for (const auto& [k, v] : depends->entries()) component.depends_on.push_back(copy_scalar(k, "depends_on"));
  }
  read_deploy(context, service, component);
  read_resources(service, component);
  read_ports(service.find("ports"), component);
  read_volumes(context, service, file, component, part.product);
  const std::string env_product = part.product;
  for (const auto& e : env) add_env(component, env_product, e.name, &e.value, e.at);
  if (part.store == StoreKind::Elasticsearch)
    if (const Sourced* opts = component.env.find("ES_JAVA_OPTS")) heap_from_java_opts(component, *opts);
  if (part.store == StoreKind::Pulsar) {
    for (std::size_t i = 0; i + 1 < container.command.size(); ++i) {
      if (container.command[i].ends_with("pulsar") && container.command[i + 1] == "standalone") {
        const Node* command = service.find("command");
        const Location where = command ? command->location() : at;
        component.keys.set("brokers", plain_value("1", where, "pulsar standalone: one broker"));
        component.keys.set("bookies", plain_value("1", where, "and one bookie, in one process"));
      }
    }
  }
  if (part.product == "metarank" && part.role == "train")
    component.keys.set("run", string_value("on-demand", at, "a Compose service runs when started"));
  if (const Node* env_file = service.find("env_file"))
    topology.not_mapped(env_file->location(),
                        fmt::format("{}: env_file is not read; add the variables the rules read to env", name));
  if (const Node* secrets = service.find("secrets"))
    topology.not_mapped(secrets->location(),
                        fmt::format("{}: Docker secrets are files, not variables: not mapped", name));
  for (const auto& [k, v] : service.entries())
    if (k.is_scalar() && !ignored_key(k.text()) && k.text() != "env_file" && k.text() != "secrets" &&
        !k.text().starts_with("x-"))
      topology.not_mapped(k.location(), fmt::format("{}: {} has no place in the topology", name, k.text()));
  place_part(context, part, std::move(component), at, image_text);
}

}  // namespace

void import_compose(ImportContext& context, const Node& root, const std::string& file) {
  const Node* services = root.find("services");
  context.topology.set_platform(
      string_value("docker-compose", services ? services->location() : root.location(), "a Compose file"));
  if (services == nullptr || !services->is_mapping()) return;
  check_part_count(services->entries().size(), services->location(), "services");
  for (const auto& [key, service] : services->entries())
    if (key.is_scalar()) import_service(context, key.text(), key, service, file);
}

}  // namespace deploy_advisor::import_detail
