"""Writes synthetic topologies for the benchmark.

    python3 bench/generate.py --mix mixed --components 1000 > /tmp/t.yaml
    python3 bench/generate.py --mix tracardi --components 10 --files 100 --out /tmp/many

A topology is built from cells: a Tracardi cell is a public and an internal API cluster with
their load balancers, a GUI and a storage worker; a Metarank cell a ranker with its load
balancer; a Metaflow cell a metadata
service and a flow; a Cortex cell one API spec. Each
product's stores (Elasticsearch, Redis, MySQL, Pulsar, Metarank state) are written once.
Cells repeat until the topology holds the requested number of components. Some cells
deliberately break a rule (every third logs at DEBUG, every fifth public API exposes the GUI
endpoints, and so on), so that the rules find something at every size and a peer linter can
be compared on the same findings. Output depends only on the arguments.
"""
import argparse
import os
import sys

MIXES = ("mixed", "tracardi", "metarank", "metaflow", "cortex")
TRACARDI_CELL = 6
METARANK_CELL = 2
METAFLOW_CELL = 2  # a metadata service and a flow
CORTEX_CELL = 1


def header(name):
    return f"""version: 1
name: {name}
environment: production
platform: kubernetes
region: eu-west-1
zones: [eu-west-1a, eu-west-1b, eu-west-1c]
traffic:
  peak_requests_per_second: 2400
  peak_events_per_second: 1800
  events_per_day: 20000000
  average_event_bytes: 1500
  retention_days: 90
  profiles: 20000000
  active_profiles_per_hour: 500000
  items: 250000
  request_latency_ms: 40
  growth: 1.2
products:
"""


def tracardi(cells):
    out = ["  tracardi:\n    edition: commercial\n    components:\n"]
    for i in range(cells):
        logging = "DEBUG" if i % 3 == 1 else "WARNING"
        gui_api = '"yes"' if i % 5 == 2 else '"no"'
        lb_replicas = 1 if i % 4 == 3 else 2
        sticky = "true" if i % 7 == 4 else "false"
        tls = "false" if i % 6 == 5 else "true"
        spread = "none" if i % 8 == 6 else "host"
        batch = 20000 if i % 9 == 7 else 500
        out.append(f"""      api-public-{i}:
        role: api
        replicas: 6
        workers: 25
        exposure: public
        behind: lb-public-{i}
        spread: {spread}
        env:
          EXPOSE_GUI_API: {gui_api}
          ELASTIC_INDEX_REPLICAS: 1
          ELASTIC_INDEX_SHARDS: 30
          MYSQL_POOL_SIZE: 2
          MYSQL_POOL_MAX_OVERFLOW: 1
          EVENT_PARTITIONING: month
          INSTALLATION_TOKEN: "${{TRACARDI_INSTALLATION_TOKEN_{i}}}"
          AUTO_PROFILE_MERGING: "${{TRACARDI_AUTO_PROFILE_MERGING}}"
          LOGGING_LEVEL: {logging}
      api-internal-{i}:
        role: api
        replicas: 2
        exposure: internal
        allowed_cidrs: [10.0.0.0/8]
        behind: lb-internal-{i}
        spread: host
        env:
          EXPOSE_GUI_API: "yes"
          ELASTIC_INDEX_REPLICAS: 1
          ELASTIC_INDEX_SHARDS: 30
          MYSQL_POOL_SIZE: 2
          MYSQL_POOL_MAX_OVERFLOW: 1
          EVENT_PARTITIONING: month
          INSTALLATION_TOKEN: "${{TRACARDI_INSTALLATION_TOKEN_INTERNAL_{i}}}"
          AUTO_PROFILE_MERGING: "${{TRACARDI_AUTO_PROFILE_MERGING}}"
          LOGGING_LEVEL: WARNING
      gui-{i}:
        role: gui
        replicas: 2
        exposure: internal
        allowed_cidrs: [10.0.0.0/8]
        behind: lb-internal-{i}
        api: api-internal-{i}
      lb-public-{i}:
        role: load_balancer
        replicas: {lb_replicas}
        exposure: public
        tls: {tls}
        sticky_sessions: {sticky}
      lb-internal-{i}:
        role: load_balancer
        replicas: 2
        exposure: internal
        tls: true
      storage-workers-{i}:
        role: worker
        kind: storage
        replicas: 6
        batch_size: {batch}
        env:
          AUTO_PROFILE_MERGING: "${{TRACARDI_AUTO_PROFILE_MERGING}}"
""")
    out.append("""      elasticsearch:
        role: elasticsearch
        replicas: 3
        heap_gb: 16
        resources: {cpu: 8, memory_gb: 32, disk_gb: 3000}
        spread: zone
        backup: {kind: snapshot, target: "s3://bench-es-snapshots", schedule: "@daily"}
        lifecycle: {hot_days: 7, warm_days: 30, cold_days: 60, delete_days: 90}
      redis:
        role: redis
        replicas: 2
        resources: {memory_gb: 8}
        backup: {kind: rdb}
      mysql:
        role: mysql
        replicas: 2
        max_connections: 100000
      pulsar:
        role: pulsar
        brokers: 3
        bookies: 3
        retention_days: 7
        retention_size_gb: 300
        offload: "s3://bench-pulsar-offload"
""")
    return "".join(out)


def metarank(cells):
    out = ["""  metarank:
    traffic:
      peak_requests_per_second: 800
      events_per_day: 1000000
    config:
      state: {type: redis, host: state, port: 6379}
      train: {type: s3, bucket: bench-metarank-clickthroughs, prefix: train, region: eu-west-1}
    components:
"""]
    for i in range(cells):
        mode = "standalone" if i % 4 == 3 else "serve"
        out.append(f"""      ranker-{i}:
        role: api
        mode: {mode}
        replicas: 3
        behind: ranker-lb-{i}
        resources: {{cpu: 2, memory_gb: 4}}
      ranker-lb-{i}:
        role: load_balancer
        replicas: 2
        exposure: internal
        tls: true
""")
    out.append("""      state:
        role: state
        type: redis
        resources: {memory_gb: 48}
        backup: {kind: rdb+aof}
      events:
        role: event_archive
        location: "s3://bench-metarank-events"
      training:
        role: train
        run: scheduled
        schedule: "@weekly"
        resources: {cpu: 16, memory_gb: 96}
""")
    return "".join(out)


def metaflow(cells):
    out = ["""  metaflow:
    orchestrator: argo-workflows
    datastore: s3
    metadata: service
    components:
      argo-controller: {role: orchestrator, replicas: 2}
"""]
    for i in range(cells):
        out.append(f"      metadata-service-{i}: {{role: metadata_service, replicas: 2}}\n")
    out.append("    flows:\n")
    for i in range(cells):
        retry = "" if i % 3 == 2 else "retry, "
        out.append(f"""      Flow{i}:
        decorators: [schedule, {retry}catch, pypi, card, project]
        project: ranking
        branch: prod
        tags: [model-v{i}]
""")
    return "".join(out)


def cortex(cells):
    out = ["""  cortex:
    traffic:
      peak_requests_per_second: 500
      burst_seconds: 300
    custom_domain: api.bench.example
    external_egress: true
    cluster:
      cluster_name: bench-serving
      region: eu-west-1
      subnet_visibility: private
      nat_gateway: highly_available
      api_load_balancer_scheme: internal
      api_load_balancer_cidr_white_list: [10.0.0.0/8]
      operator_load_balancer_scheme: internal
      operator_load_balancer_cidr_white_list: [10.0.0.0/8]
      prometheus_instance_type: t3.medium
      node_groups:
        - name: cpu-on-demand
          instance_type: m5.xlarge
          min_instances: 1
          max_instances: 10
    apis:
"""]
    for i in range(cells):
        queue = "" if i % 5 == 3 else "\n          max_queue_length: 16"
        probe = "" if i % 3 == 1 else "\n              readiness_probe:\n                http_get: {path: /healthz, port: 8080}"
        out.append(f"""      - name: model-{i}
        kind: RealtimeAPI
        pod:
          port: 8080
          max_concurrency: 4{queue}
          containers:
            - name: api
              image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/model-{i}:1.4.2{probe}
              compute: {{cpu: 1, mem: 2G}}
        autoscaling:
          min_replicas: 2
          max_replicas: 40
          target_in_flight: 4
""")
    return "".join(out)


def topology(mix, components, name):
    """Cells of each product in the mix until `components` are reached (at least one cell)."""
    if mix == "mixed":
        # Each round of one cell per product adds 11 components.
        rounds = max(1, round(components / (TRACARDI_CELL + METARANK_CELL + METAFLOW_CELL + CORTEX_CELL)))
        parts = [tracardi(rounds), metarank(rounds), metaflow(rounds), cortex(rounds)]
    else:
        size = {"tracardi": TRACARDI_CELL, "metarank": METARANK_CELL, "metaflow": METAFLOW_CELL,
                "cortex": CORTEX_CELL}[mix]
        cells = max(1, round(components / size))
        parts = [globals()[mix](cells)]
    return header(name) + "".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mix", choices=MIXES, default="mixed")
    parser.add_argument("--components", type=int, default=100)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--out", help="folder for the files (required with --files above 1)")
    args = parser.parse_args()
    if args.files == 1 and not args.out:
        sys.stdout.write(topology(args.mix, args.components, f"bench-{args.mix}"))
        return
    if not args.out:
        parser.error("--out is required with --files above 1")
    os.makedirs(args.out, exist_ok=True)
    for k in range(args.files):
        path = os.path.join(args.out, f"topology-{k:04d}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(topology(args.mix, args.components, f"bench-{args.mix}-{k}"))


if __name__ == "__main__":
    main()
