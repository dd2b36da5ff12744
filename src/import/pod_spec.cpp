#include "import/pod_spec.hpp"

#include <fmt/format.h>

namespace deploy_advisor::import_detail {

namespace {

Container container_of(const Node& container) {
  Container c;
  if (auto image = text_of(container.find("image"))) c.image = parse_image(*image);
  for (const char* key : {"command", "args"})
    if (const Node* words = container.find(key); words && words->is_sequence())
      for (const auto& w : words->items())
        if (w.is_scalar()) c.command.push_back(w.text());
  if (const Node* env = container.find("env"); env && env->is_sequence())
    for (const auto& e : env->items())
      if (auto name = text_of(e.find("name"))) c.env_names.push_back(*name);
  return c;
}

const Node* config_map_value(const PodSources& sources, const std::string& map, const std::string& key) {
  for (const Node* cm : sources.config_maps)
    if (text_of(at_path(*cm, {"metadata", "name"})) == map)
      if (const Node* v = at_path(*cm, {"data", key})) return v;
  return nullptr;
}

void read_volumes(const Node& pod_spec, const PodSources& sources, Component& component) {
  const Node* volumes = pod_spec.find("volumes");
  if (volumes == nullptr || !volumes->is_sequence()) return;
  for (const auto& volume : volumes->items()) {
    auto claim = text_of(at_path(volume, {"persistentVolumeClaim", "claimName"}));
    if (!claim) continue;
    for (const Node* pvc : sources.claims)
      if (text_of(at_path(*pvc, {"metadata", "name"})) == *claim)
        if (const Node* size = at_path(*pvc, {"spec", "resources", "requests", "storage"}))
          set_disk(component, *size, "PersistentVolumeClaim " + *claim);
  }
}

}  // namespace

void set_disk(Component& component, const Node& size, std::string why) {
  if (!size.is_scalar()) return;
  auto gb = size_gb(size.text());
  if (!gb || *gb <= 0 || number_text(*gb) == "0") return;
  component.resources.set("disk_gb", plain_value(number_text(*gb), size.location(), why + " " + size.text()));
}

PodReading read_pod(ImportContext& context, const Node& pod_spec, const PodSources& sources,
                    Component& component, const std::string& name) {
  PodReading reading;
  const Node* containers = pod_spec.find("containers");
  if (containers == nullptr || !containers->is_sequence() || containers->items().empty()) {
    context.topology.not_mapped(pod_spec.location(), fmt::format("{}: no containers", name));
    return reading;
  }
  const Node* chosen = &containers->items().front();
  for (const auto& c : containers->items()) {
    Part part = recognise(container_of(c));
    if (!part.product.empty() || part.store) {
      chosen = &c;
      break;
    }
  }
  const Container container = container_of(*chosen);
  reading.part = recognise(container);
  if (const Node* image = chosen->find("image"); image && image->is_scalar()) {
    component.keys.set("image", copy_scalar(*image));
    reading.at = image->location();
    reading.image_text = "image " + container.image.repository;
  }
  read_k8s_resources(chosen->find("resources"), component);
  read_env_list(context, chosen->find("env"), sources, component, reading.part.product);
  if (const Node* env_from = chosen->find("envFrom"); env_from && env_from->is_sequence())
    for (const auto& from : env_from->items()) {
      if (auto secret = text_of(at_path(from, {"secretRef", "name"})))
        context.topology.not_mapped(from.location(),
                                    fmt::format("{}: variables from Secret {} are not listed in the sources", name, *secret));
      if (auto map = text_of(at_path(from, {"configMapRef", "name"}))) {
        bool found = false;
        for (const Node* cm : sources.config_maps)
          if (text_of(at_path(*cm, {"metadata", "name"})) == *map)
            if (const Node* data = cm->find("data"); data && data->is_mapping()) {
              found = true;
              for (const auto& [k, v] : data->entries()) add_env(component, reading.part.product, k.text(), &v, k.location());
            }
        if (!found)
          context.topology.not_mapped(from.location(),
                                      fmt::format("{}: ConfigMap {} is not in the inputs", name, *map));
      }
    }
  if (reading.part.store == StoreKind::Elasticsearch)
    if (const Sourced* opts = component.env.find("ES_JAVA_OPTS")) heap_from_java_opts(component, *opts);
  read_placement(context, pod_spec.find("affinity"), pod_spec.find("topologySpreadConstraints"), component);
  read_volumes(pod_spec, sources, component);
  return reading;
}

void read_env_list(ImportContext& context, const Node* env, const PodSources& sources,
                   Component& component, const std::string& product) {
  if (env == nullptr || !env->is_sequence()) return;
  check_part_count(env->items().size(), env->location(), "environment variables");
  for (const auto& e : env->items()) {
    const Node* name_node = e.find("name");
    auto name = text_of(name_node);
    if (!name) continue;
    if (const Node* value = e.find("value")) {
      add_env(component, product, *name, value, name_node->location());
      continue;
    }
    const Node* from = e.find("valueFrom");
    if (from == nullptr) {
      component.env.set(*name, string_value("", name_node->location(), "no value"));
      continue;
    }
    if (const Node* secret = from->find("secretKeyRef")) {
      const std::string secret_name = text_of(secret->find("name")).value_or("?");
      const std::string key = text_of(secret->find("key")).value_or("?");
      component.env.set(*name, string_value("${" + *name + "}", secret->location(),
                                            fmt::format("from Secret {} key {}", secret_name, key)));
    } else if (const Node* map = from->find("configMapKeyRef")) {
      const std::string map_name = text_of(map->find("name")).value_or("?");
      const std::string key = text_of(map->find("key")).value_or("?");
      if (const Node* value = config_map_value(sources, map_name, key))
        add_env(component, product, *name, value, name_node->location());
      else
        context.topology.not_mapped(map->location(), fmt::format("{}: {} comes from ConfigMap {} key {}, not in the inputs",
                                                                 component.name, *name, map_name, key));
    } else {
      context.topology.not_mapped(from->location(),
                                  fmt::format("{}: {} is set from the pod's own fields: not mapped", component.name, *name));
    }
  }
}

void read_placement(ImportContext& context, const Node* affinity, const Node* spread_constraints,
                    Component& component) {
  auto spread_of = [](const std::string& key) -> std::string {
    if (key == "kubernetes.io/hostname") return "host";
    if (key == "topology.kubernetes.io/zone" || key == "failure-domain.beta.kubernetes.io/zone") return "zone";
    return "";
  };
  if (affinity) {
    if (const Node* hard = at_path(*affinity, {"podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution"});
        hard && hard->is_sequence())
      for (const auto& term : hard->items())
        if (const Node* key = term.find("topologyKey")) {
          std::string spread = spread_of(text_of(key).value_or(""));
          if (!spread.empty() && (component.keys.find("spread") == nullptr || spread == "zone"))
            component.keys.set("spread", string_value(spread, key->location(), "required pod anti-affinity"));
        }
    if (const Node* soft = at_path(*affinity, {"podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution"}))
      if (component.keys.find("spread") == nullptr)
        context.topology.not_mapped(soft->location(),
                                    fmt::format("{}: preferred pod anti-affinity is not a guarantee: spread left unset",
                                                component.name));
  }
  if (spread_constraints && spread_constraints->is_sequence()) {
    for (const auto& c : spread_constraints->items()) {
      const Node* key = c.find("topologyKey");
      const std::string spread = spread_of(text_of(key).value_or(""));
      if (key == nullptr || spread.empty()) continue;
      if (text_of(c.find("whenUnsatisfiable")).value_or("DoNotSchedule") != "DoNotSchedule") {
        if (component.keys.find("spread") == nullptr)
          context.topology.not_mapped(c.location(), fmt::format("{}: topology spread over {} with ScheduleAnyway is not "
                                                                "a guarantee: spread left unset",
                                                                component.name, text_of(key).value_or("")));
        continue;
      }
      if (component.keys.find("spread") == nullptr || spread == "zone")
        component.keys.set("spread", string_value(spread, key->location(), "topology spread, DoNotSchedule"));
    }
  }
}

void read_claim_templates(const Node& statefulset, Component& component) {
  const Node* templates = at_path(statefulset, {"spec", "volumeClaimTemplates"});
  if (templates == nullptr || !templates->is_sequence()) return;
  for (const auto& t : templates->items())
    if (const Node* size = at_path(t, {"spec", "resources", "requests", "storage"}))
      set_disk(component, *size, "volumeClaimTemplates " + text_of(at_path(t, {"metadata", "name"})).value_or(""));
}

}  // namespace deploy_advisor::import_detail
