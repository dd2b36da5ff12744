#pragma once

namespace deploy_advisor::test {

/// A small production Metarank topology the configuration and pipeline tests share: one
/// public load balancer without TLS gives DA004 (warning), and no event archive MR003.
inline constexpr const char* kMetarankShop = R"(version: 1
name: shop
environment: production
platform: kubernetes
traffic: {peak_requests_per_second: 100, profiles: 100000}
products:
  metarank:
    components:
      ranker: {role: api, mode: serve, replicas: 2, behind: lb}
      lb: {role: load_balancer, replicas: 2, exposure: public}
      state: {role: state, type: redis, backup: {kind: rdb}, resources: {memory_gb: 4}}
      training: {role: train, run: on-demand}
)";

}  // namespace deploy_advisor::test
