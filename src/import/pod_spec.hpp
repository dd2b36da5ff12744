#pragma once

#include <string>
#include <vector>

#include "import/import_context.hpp"

// The parts of a Kubernetes pod spec that the topology records; shared by manifests and the
// values files whose keys are pod-spec fragments (env, resources, affinity).

namespace deploy_advisor::import_detail {

struct PodSources {
  std::vector<const Node*> config_maps;
  std::vector<const Node*> claims;
};

struct PodReading {
  Part part;
  Location at;
  std::string image_text;
};

/// Reads the pod's main container (the first one recognised) into the component.
PodReading read_pod(ImportContext& context, const Node& pod_spec, const PodSources& sources,
                    Component& component, const std::string& name);

/// A container `env:` list: values copied, secret references noted as set, ConfigMap
/// references resolved when the ConfigMap is among the inputs.
void read_env_list(ImportContext& context, const Node* env, const PodSources& sources,
                   Component& component, const std::string& product);

/// spread from required pod anti-affinity or hard topology spread constraints.
void read_placement(ImportContext& context, const Node* affinity, const Node* spread_constraints,
                    Component& component);

/// disk_gb from a StatefulSet's volumeClaimTemplates.
void read_claim_templates(const Node& statefulset, Component& component);

/// disk_gb from a storage size such as "50Gi".
void set_disk(Component& component, const Node& size, std::string why);

}  // namespace deploy_advisor::import_detail
