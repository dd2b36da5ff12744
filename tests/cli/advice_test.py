"""Advice that agrees with itself, through the real binary: one target per setting, a plan
that converges and is read the same way by YAML 1.1 tools, every figure shown, the tool
configuration honoured everywhere, and sizing that scales.

Usage: advice_test.py DEPLOY_ADVISOR SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

import yaml  # python3-yaml: a YAML 1.1 reader, as Helm and Ansible are

TOOL, SOURCE = sys.argv[1], sys.argv[2]
failures = []


def run(*args, cwd=None, stdin=None):
    return subprocess.run([TOOL, *args], cwd=cwd, input=stdin, capture_output=True, text=True)


def expect(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


TRACARDI = """version: 1
name: shop
environment: production
platform: kubernetes
traffic:
  peak_requests_per_second: 2000
products:
  tracardi:
    components:
      api:
        role: api
        replicas: 2
        exposure: public
        behind: lb
        env:
          EXPOSE_GUI_API: {gui}
          INSTALLATION_TOKEN: "${{TOKEN}}"
          LOGGING_LEVEL: WARNING
          ELASTIC_INDEX_REPLICAS: "1"
      worker:
        role: worker
        kind: storage
        replicas: 1
      lb: {{role: load_balancer, replicas: 2, exposure: public, tls: true}}
      mysql: {{role: mysql, replicas: 2, max_connections: 20}}
"""


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


with tempfile.TemporaryDirectory() as work:
    # One target for `replicas`: 2,000 req/s at 300 req/s per single-worker instance needs
    # ceil(2000 / 300) + 1 = 8; TR001 asks 5 in all, TR005 3. Every finding states 8.
    topology = write(work, "shop.yaml", TRACARDI.format(gui='"no"'))
    checked = json.loads(run("check", "--format", "json", "--fail-on", "never", topology).stdout)
    on_replicas = [f for f in checked["findings"] if f.get("target", {}).get("path", "").endswith(".api.replicas")]
    ids = sorted(f["rule_id"] for f in on_replicas)
    expect({"DA005", "TR001", "TR005"} <= set(ids), f"findings about api replicas: {ids}")
    targets = {f["target"]["value"] for f in on_replicas}
    expect(targets == {8}, f"one target for api replicas, 8: {targets}")
    for f in on_replicas:
        expect(f["target"]["path"] == "products.tracardi.components.api.replicas", f"target path {f['target']}")
        expect("one target for replicas: 8" in f["message"], f"{f['rule_id']} states the target: {f['message']}")
    plan_text = run("plan", topology).stdout
    api_row = next((line for line in plan_text.splitlines() if line.strip().startswith("api ")), "")
    expect("2 -> 8" in api_row, f"plan shows the same 8 for api: {api_row!r}")

    # MySQL connections from the recommended replicas, max_connections raised to cover them:
    # Open-source Tracardi (no edition declared) opens 2 engines x (pool 3 + overflow 2) per
    # worker process: 10 x 1 worker x 8 API replicas + 10 x 1 x 1 worker replica = 90.
    plan = json.loads(run("plan", "--format", "json", topology).stdout)
    mysql = next(c for c in plan["products"]["tracardi"]["components"] if c["name"] == "mysql")
    expect(mysql["max_connections"] == {"current": 20, "recommended": 90}, f"mysql max_connections: {mysql}")
    expect(isinstance(mysql["replicas"]["current"], int), "JSON counts are integers")
    mysql_row = next((line for line in plan_text.splitlines() if line.strip().startswith("mysql ")), "")
    expect("20 -> 90" in mysql_row, f"text plan raises max_connections: {mysql_row!r}")
    expect("MySQL connections Tracardi can open (mysql): 90 connections" in plan_text,
           "text plan shows the MySQL figure with its unit")

    # Strings a YAML 1.1 reader would take for something else stay strings.
    for text in ["no", "yes", "on", "0123", "off", "y", "1e3", ".inf", "~", "null"]:
        source = write(work, "gui.yaml", TRACARDI.format(gui=json.dumps(text)))
        out = run("plan", "--format", "yaml", source).stdout
        read = yaml.safe_load(out)
        value = read["products"]["tracardi"]["components"]["api"]["env"]["EXPOSE_GUI_API"]
        expect(value == text, f"EXPOSE_GUI_API {text!r} reads back as {value!r}")

    # .deploy-advisor.yaml: a rule disabled there is gone from plan and report too.
    project = os.path.join(work, "project")
    os.mkdir(project)
    topology = write(project, "shop.yaml", TRACARDI.format(gui='"no"'))
    todo_before = run("plan", "--format", "yaml", topology).stdout
    expect("TR006" in todo_before or "#   - " in todo_before, "the plan lists something to do")
    listed = [line.split()[2] for line in todo_before.splitlines() if line.startswith("#   - ")]
    report_before = run("report", "--date", "2026-01-01", topology).stdout
    if listed:
        disabled = listed[0]
        write(project, ".deploy-advisor.yaml", f"disable: [{disabled}]\n")
        todo_after = run("plan", "--format", "yaml", topology).stdout
        expect(f"#   - {disabled} " not in todo_after, f"plan drops {disabled} disabled in .deploy-advisor.yaml")
        report_after = run("report", "--date", "2026-01-01", topology).stdout
        expect(disabled in report_before and disabled not in report_after,
               f"report drops {disabled} disabled in .deploy-advisor.yaml")
    else:
        expect(False, "the plan of the test topology lists an error to do")

    # Every figure of the example, with its unit, in the text plan.
    example = run("plan", os.path.join(SOURCE, "examples", "acme-production.yaml")).stdout
    for figure in ["Pulsar retention size for the declared events (pulsar):",
                   "BookKeeper storage for the retained data (pulsar):",
                   "Pulsar brokers for the declared peak of events, N+1 (pulsar): 2 brokers",
                   "BookKeeper bookies for the declared write rate and retained data, with the write quorum (pulsar): 3 bookies",
                   "Redis memory for the profile cache (redis):",
                   "MySQL connections Tracardi can open (mysql):",
                   "Elasticsearch disk per node (elasticsearch):",
                   # Cortex: 500 req/s x 1.2 growth x 40 ms / target_in_flight 4 = 6 replicas;
                   # an m5.xlarge holds min(floor(3.44 / 1.1), floor(15234 / 2007)) = 3 pods: 2 nodes.
                   "replicas the Realtime and Async APIs need at the declared peak, all APIs together: 6 replicas",
                   "worker nodes the Realtime and Async APIs need at the declared peak: 2 nodes",
                   "nodes the cluster can reach (sum of the node groups' max_instances): 20 nodes",
                   "API pods the cluster can reach (sum of the APIs' max_replicas): 40 pods"]:
        expect(figure in example, f"the example's text plan shows {figure!r}")

    def finding_keys(path):
        out = run("check", "--format", "json", "--fail-on", "never", path)
        expect(out.returncode in (0, 1), f"check {path} exits {out.returncode}: {out.stderr[:300]}")
        return {(f["rule_id"], f.get("component", "")) for f in json.loads(out.stdout or '{"findings": []}')["findings"]}

    def plan_adds_nothing(path, what):
        plan_dir = os.path.join(work, "planned-" + what)
        os.makedirs(plan_dir, exist_ok=True)
        planned = os.path.join(plan_dir, "p.yaml")
        written = run("plan", "--format", "yaml", "-o", planned, path)
        expect(written.returncode == 0, f"plan of {what} exits {written.returncode}: {written.stderr[:300]}")
        added = finding_keys(planned) - finding_keys(path)
        expect(not added, f"applying the plan of {what} adds findings: {sorted(added)}")

    # Capacity that cannot be reached (CX020). `search` runs only on node group `memory`
    # (r5.xlarge, 4 vCPU, 32 GiB): 300 req/s x 200 ms / target_in_flight 4 = 15 replicas; a
    # pod of 2 + 0.1 CPU and 8 GiB + 100 MiB fits min(floor(3.44 / 2.1), floor(31618 / 8292))
    # = 1 per node: 15 nodes, and `memory` reaches 6. `ranker` may run on any group:
    # 300 x 200 / 1000 / 1 = 60 replicas of 1.1 CPU and 2148 MiB on an m5.large (cpu-spot,
    # the highest priority): min(floor(1.44 / 1.1), floor(7042 / 2148)) = 1 a node, 60 nodes;
    # the groups have 40 + max(0, 6 - 15) = 40 left.
    cortex = write(work, "cortex.yaml", """version: 1
name: serving
environment: production
traffic:
  peak_requests_per_second: 300
  request_latency_ms: 200
products:
  cortex:
    cluster:
      cluster_name: serving
      region: us-east-1
      node_groups:
        - {name: cpu-spot, instance_type: m5.large, max_instances: 40, priority: 10}
        - name: memory
          instance_type: r5.xlarge
          max_instances: 6
    apis:
      - name: search
        kind: RealtimeAPI
        node_groups: [memory]
        pod:
          max_concurrency: 4
          containers:
            - {name: api, image: search:1, compute: {cpu: 2, mem: 8Gi}}
        autoscaling: {min_replicas: 2, max_replicas: 20, target_in_flight: 4}
      - name: ranker
        kind: RealtimeAPI
        pod:
          containers:
            - {name: api, image: ranker:1, compute: {cpu: 1, mem: 2Gi}}
        autoscaling: {min_replicas: 2, max_replicas: 60}
""")
    checked = json.loads(run("check", "--format", "json", "--fail-on", "never", cortex).stdout)
    reach = sorted((f["location"]["line"], f["component"], f["message"]) for f in checked["findings"]
                   if f["rule_id"] == "CX020")
    expect([(line, component) for line, component, _ in reach] == [(13, "serving"), (16, "memory")],
           f"CX020 at node_groups (line 13) and at memory's max_instances (line 16): {reach}")
    if len(reach) == 2:
        expect("node group memory can reach 6 nodes of r5.xlarge" in reach[1][2]
               and "need 15 at the declared peak" in reach[1][2]
               and "search: 15 replicas at 1 pod(s) a node = 15" in reach[1][2], f"CX020 memory: {reach[1][2]}")
        expect("not tied to one node group need 60 nodes" in reach[0][2]
               and "can reach 40 more" in reach[0][2] and "46 in all" in reach[0][2], f"CX020 cluster: {reach[0][2]}")
    cortex_plan = run("plan", cortex).stdout
    # The figure CX020 compares is the plan's: 15 + 60 nodes.
    expect("worker nodes the Realtime and Async APIs need at the declared peak: 75 nodes" in cortex_plan,
           f"plan shows the nodes CX020 counts: {cortex_plan}")
    plan_adds_nothing(cortex, "cortex")
    raised = write(work, "cortex-raised.yaml", open(cortex).read().replace("max_instances: 6\n", "max_instances: 15\n")
                   .replace("max_instances: 40", "max_instances: 60"))
    expect(not [f for f in json.loads(run("check", "--format", "json", "--fail-on", "never", raised).stdout)["findings"]
                if f["rule_id"] == "CX020"], "no CX020 once the node groups reach the nodes")

    # A node group of an instance type outside the table: the nodes are not computed, and
    # the plan says why instead of leaving the figure out.
    unknown = write(work, "cortex-unknown.yaml", open(cortex).read().replace("r5.xlarge", "x2gd.medium"))
    unknown_plan = run("plan", unknown).stdout
    expect("worker nodes the Realtime and Async APIs need at the declared peak: not computed: "
           "the pods that fit on one node are known only for the built-in CPU instance types" in unknown_plan
           and "x2gd.medium" in unknown_plan, f"plan says why the nodes are not computed: {unknown_plan}")

    # Without a mysql component the MySQL figure is still shown, with what is missing; without
    # any retention the Elasticsearch figures say which input they lack.
    no_mysql = write(work, "no-mysql.yaml", TRACARDI.format(gui='"no"').replace(
        "      mysql: {role: mysql, replicas: 2, max_connections: 20}\n", "").replace(
        "  peak_requests_per_second: 2000\n", "  peak_requests_per_second: 2000\n  events_per_day: 1000000\n"
        "  average_event_bytes: 1000\n") + "      es: {role: elasticsearch, replicas: 3, resources: {disk_gb: 100}}\n")
    no_mysql_plan = run("plan", no_mysql).stdout
    expect("MySQL connections Tracardi can open: 90 connections" in no_mysql_plan
           and "not applied: no mysql component is declared" in no_mysql_plan,
           f"plan shows the MySQL figure without a mysql component: {no_mysql_plan}")
    expect("Elasticsearch primary data kept: not computed: neither lifecycle.delete_days" in no_mysql_plan,
           f"plan says the Elasticsearch retention is missing: {no_mysql_plan}")
    expect("Elasticsearch disk per node: not computed: needs sizing.es_total_disk_gb" in no_mysql_plan,
           f"plan says why per-node disk is missing: {no_mysql_plan}")
    plan_json = json.loads(run("plan", "--format", "json", no_mysql).stdout)["products"]["tracardi"]
    expect(any(u["name"] == "es_primary_gb" and "retention_days" in u["missing"] for u in plan_json["not_computed"]),
           f"plan JSON lists es_primary_gb as not computed: {plan_json['not_computed']}")
    expect(any(f["name"] == "mysql_connections" and f["value"] == 90 and "mysql" in f.get("not_applied", "")
               for f in plan_json["storage"]), f"plan JSON shows MySQL connections: {plan_json['storage']}")

    # 10,000 Tracardi API components: sized and checked, never an evaluation budget (exit 2).
    big = write(work, "big.yaml", subprocess.run(
        [sys.executable, os.path.join(SOURCE, "bench", "generate_topology.py"), "10000"],
        capture_output=True, text=True).stdout)
    for command in (["check"], ["plan"], ["report", "--date", "2026-01-01"]):
        result = run(*command, big)
        expect(result.returncode in (0, 1), f"{command[0]} of 10,000 API components exits {result.returncode}: "
                                            f"{result.stderr[:300]}")

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
