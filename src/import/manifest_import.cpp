#include <fmt/format.h>

#include "import/import_context.hpp"
#include "import/pod_spec.hpp"

// Kubernetes manifests: one or more YAML documents, `helm template` output included.

namespace deploy_advisor::import_detail {

namespace {

struct Workload {
  const Node* document = nullptr;
  std::string kind;
  std::string name;
  const Node* pod_spec = nullptr;
  const Node* labels = nullptr;
  Component component;
  Part part;
  Location at;
  std::string image_text;
};

std::string name_of(const Node& document) {
  return text_of(at_path(document, {"metadata", "name"})).value_or("");
}

bool selects(const Node* selector, const Node* labels) {
  if (selector == nullptr || !selector->is_mapping() || selector->entries().empty() || labels == nullptr)
    return false;
  for (const auto& [k, v] : selector->entries()) {
    const Node* label = labels->find(k.text());
    if (label == nullptr || !v.is_scalar() || !label->is_scalar() || label->text() != v.text()) return false;
  }
  return true;
}

int rank(std::string_view exposure) {
  if (exposure == "public") return 2;
  if (exposure == "internal") return 1;
  return 0;
}

void expose(Component& component, std::string_view exposure, const Location& at, std::string why) {
  const Sourced* current = component.keys.find("exposure");
  if (current && rank(current->text) >= rank(exposure)) return;
  component.keys.set("exposure", string_value(std::string(exposure), at, std::move(why)));
}

bool internal_load_balancer(const Node& service) {
  const Node* annotations = at_path(service, {"metadata", "annotations"});
  if (annotations == nullptr || !annotations->is_mapping()) return false;
  for (const auto& [k, v] : annotations->entries()) {
    const std::string& key = k.text();
    const std::string value = text_of(&v).value_or("");
    if (key == "service.beta.kubernetes.io/aws-load-balancer-scheme" && value == "internal") return true;
    if (key == "service.beta.kubernetes.io/aws-load-balancer-internal" && value != "false") return true;
    if (key == "service.beta.kubernetes.io/azure-load-balancer-internal" && value == "true") return true;
    if ((key == "networking.gke.io/load-balancer-type" || key == "cloud.google.com/load-balancer-type") &&
        value == "Internal")
      return true;
  }
  return false;
}

void apply_service(const Node& service, Workload& workload) {
  const Node* type = at_path(service, {"spec", "type"});
  const std::string kind = text_of(type).value_or("ClusterIP");
  const Location at = type ? type->location() : service.location();
  const std::string name = name_of(service);
  if (kind == "LoadBalancer") {
    const bool internal = internal_load_balancer(service);
    expose(workload.component, internal ? "internal" : "public", at,
           fmt::format("Service {} of type LoadBalancer{}", name, internal ? ", internal scheme" : ""));
    if (const Node* ranges = at_path(service, {"spec", "loadBalancerSourceRanges"}); ranges && ranges->is_sequence())
      for (const auto& r : ranges->items())
        if (r.is_scalar()) workload.component.allowed_cidrs.push_back(copy_scalar(r, "loadBalancerSourceRanges"));
  } else if (kind == "NodePort") {
    expose(workload.component, "internal", at, fmt::format("Service {} of type NodePort", name));
  } else {
    expose(workload.component, "private", at, fmt::format("Service {} of type {}", name, kind));
  }
}

std::vector<std::string> ingress_backends(const Node& ingress) {
  std::vector<std::string> names;
  auto add = [&](const Node* backend) {
    if (backend == nullptr) return;
    if (auto n = text_of(at_path(*backend, {"service", "name"}))) names.push_back(*n);
    if (auto n = text_of(backend->find("serviceName"))) names.push_back(*n);
  };
  add(at_path(ingress, {"spec", "defaultBackend"}));
  add(at_path(ingress, {"spec", "backend"}));
  if (const Node* rules = at_path(ingress, {"spec", "rules"}); rules && rules->is_sequence())
    for (const auto& rule : rules->items())
      if (const Node* paths = at_path(rule, {"http", "paths"}); paths && paths->is_sequence())
        for (const auto& path : paths->items()) add(path.find("backend"));
  return names;
}

void apply_ingress(const Node& ingress, Workload& workload) {
  const std::string name = name_of(ingress);
  expose(workload.component, "public", ingress.location(), fmt::format("Ingress {}", name));
  if (const Node* tls = at_path(ingress, {"spec", "tls"}); tls && tls->is_sequence() && !tls->items().empty())
    workload.component.keys.set("tls", plain_value("true", tls->location(), "Ingress " + name + " terminates TLS"));
  if (const Node* annotations = at_path(ingress, {"metadata", "annotations"}); annotations && annotations->is_mapping())
    for (const auto& [k, v] : annotations->entries())
      if ((k.text().ends_with("/whitelist-source-range") || k.text().ends_with("/allowlist-source-range")) &&
          v.is_scalar()) {
        std::string list = v.text();
        std::size_t start = 0;
        while (start <= list.size()) {
          std::size_t end = list.find(',', start);
          if (end == std::string::npos) end = list.size();
          std::string cidr = list.substr(start, end - start);
          while (!cidr.empty() && cidr.front() == ' ') cidr.erase(cidr.begin());
          while (!cidr.empty() && cidr.back() == ' ') cidr.pop_back();
          if (!cidr.empty()) workload.component.allowed_cidrs.push_back(string_value(cidr, v.location(), k.text()));
          start = end + 1;
        }
      }
}

}  // namespace

void import_manifests(ImportContext& context, const std::vector<Node>& documents, const std::string& /*file*/) {
  ImportedTopology& topology = context.topology;
  check_part_count(documents.size(), documents.front().location(), "documents");
  std::vector<Workload> workloads;
  std::vector<const Node*> services, ingresses, autoscalers;
  PodSources sources;
  for (const auto& document : documents) {
    if (!document.is_mapping()) continue;
    const std::string kind = text_of(document.find("kind")).value_or("");
    if (kind == "ConfigMap") sources.config_maps.push_back(&document);
    else if (kind == "PersistentVolumeClaim") sources.claims.push_back(&document);
  }
  for (const auto& document : documents) {
    if (!document.is_mapping()) continue;
    const Node* kind_node = document.find("kind");
    const std::string kind = text_of(kind_node).value_or("");
    const std::string name = name_of(document);
    const Location at = kind_node ? kind_node->location() : document.location();
    if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "CronJob" ||
        kind == "Job" || kind == "ReplicaSet") {
      Workload w;
      w.document = &document;
      w.kind = kind;
      w.name = name;
      const Node* pod = kind == "CronJob" ? at_path(document, {"spec", "jobTemplate", "spec", "template"})
                                          : at_path(document, {"spec", "template"});
      if (pod == nullptr) {
        topology.not_mapped(at, fmt::format("{} {}: no pod template", kind, name));
        continue;
      }
      w.labels = at_path(*pod, {"metadata", "labels"});
      w.pod_spec = pod->find("spec");
      w.component.name = name;
      if (w.pod_spec == nullptr) {
        topology.not_mapped(at, fmt::format("{} {}: no pod spec", kind, name));
        continue;
      }
      PodReading reading = read_pod(context, *w.pod_spec, sources, w.component, name);
      w.part = reading.part;
      w.at = reading.at.known() ? reading.at : at;
      w.image_text = reading.image_text;
      set_count(context, w.component, "replicas", at_path(document, {"spec", "replicas"}), kind + " spec.replicas");
      if (kind == "DaemonSet")
        topology.not_mapped(at, fmt::format("DaemonSet {}: one replica per node; set replicas to the node count", name));
      if (kind == "StatefulSet") read_claim_templates(document, w.component);
      if (kind == "CronJob") {
        if (const Node* schedule = at_path(document, {"spec", "schedule"}); schedule && schedule->is_scalar()) {
          w.component.keys.set("schedule", copy_scalar(*schedule, "CronJob schedule"));
          if (w.part.product == "metarank" && w.part.role == "train") w.part.run = "scheduled";
        }
      }
      workloads.push_back(std::move(w));
    } else if (kind == "Service") {
      services.push_back(&document);
    } else if (kind == "Ingress") {
      ingresses.push_back(&document);
    } else if (kind == "HorizontalPodAutoscaler") {
      autoscalers.push_back(&document);
    } else if (kind == "PodDisruptionBudget") {
      topology.not_mapped(at, fmt::format("PodDisruptionBudget {}: topology v1 has no key for it", name));
    } else if (kind == "ConfigMap" || kind == "Secret" || kind == "PersistentVolumeClaim") {
      // Read where a workload refers to them (a Secret's name only, never its data).
    } else {
      topology.not_mapped(at, fmt::format("{} {}: not a kind import reads", kind.empty() ? "?" : kind, name));
    }
  }
  for (const Node* service : services) {
    const Node* selector = at_path(*service, {"spec", "selector"});
    for (auto& w : workloads)
      if (selects(selector, w.labels)) apply_service(*service, w);
  }
  for (const Node* ingress : ingresses) {
    for (const auto& backend : ingress_backends(*ingress)) {
      bool found = false;
      for (const Node* service : services) {
        if (name_of(*service) != backend) continue;
        const Node* selector = at_path(*service, {"spec", "selector"});
        for (auto& w : workloads)
          if (selects(selector, w.labels)) {
            apply_ingress(*ingress, w);
            found = true;
          }
      }
      if (!found)
        topology.not_mapped(ingress->location(),
                            fmt::format("Ingress {}: its backend Service {} is not in the inputs", name_of(*ingress), backend));
    }
  }
  for (const Node* hpa : autoscalers) {
    const std::string target = text_of(at_path(*hpa, {"spec", "scaleTargetRef", "name"})).value_or("");
    const Node* min = at_path(*hpa, {"spec", "minReplicas"});
    const std::string max = text_of(at_path(*hpa, {"spec", "maxReplicas"})).value_or("?");
    bool found = false;
    for (auto& w : workloads) {
      if (w.name != target) continue;
      found = true;
      if (min)
        set_count(context, w.component, "replicas", min, "HorizontalPodAutoscaler minReplicas; at most " + max);
      else
        w.component.keys.set("replicas", plain_value("1", hpa->location(), "HorizontalPodAutoscaler default minReplicas"));
    }
    if (!found)
      topology.not_mapped(hpa->location(), fmt::format("HorizontalPodAutoscaler {}: its target {} is not in the inputs",
                                                       name_of(*hpa), target));
  }
  if (!workloads.empty())
    topology.set_platform(string_value("kubernetes", workloads.front().document->location(), "Kubernetes manifests"));
  for (auto& w : workloads) {
    if (w.part.product == "metarank" && w.part.role == "train" && w.part.run.empty()) w.part.run = "on-demand";
    place_part(context, w.part, std::move(w.component), w.at, w.image_text);
  }
}

}  // namespace deploy_advisor::import_detail
