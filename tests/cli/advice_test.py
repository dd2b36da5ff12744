"""Advice that agrees with itself, through the real binary: one target per setting, a plan
that converges and is read the same way by YAML 1.1 tools, every figure shown, the tool
configuration honoured everywhere, and sizing that scales.

Usage: advice_test.py DEPLOY_ADVISOR SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml  # python3-yaml: a YAML 1.1 reader, as Helm and Ansible are

TOOL, SOURCE = sys.argv[1], sys.argv[2]
COMPONENTS = 1000 if os.environ.get("DEPLOY_ADVISOR_TEST_SANITIZED") == "1" else 10000
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

    # 10,000 Tracardi components (API clusters, GUIs, load balancers, workers, stores): sized
    # and checked, never an evaluation budget (exit 2).
    # Sanitizer builds (DEPLOY_ADVISOR_TEST_SANITIZED, set by CMake) run tens of times slower:
    # there 1,000 components check the same code paths.
    big = write(work, "big.yaml", subprocess.run(
        [sys.executable, os.path.join(SOURCE, "bench", "generate.py"), "--mix", "tracardi",
         "--components", str(COMPONENTS)], capture_output=True, text=True).stdout)
    for command in (["check"], ["plan"], ["report", "--date", "2026-01-01"]):
        result = run(*command, big)
        expect(result.returncode in (0, 1), f"{command[0]} of {COMPONENTS:,} components exits {result.returncode}: "
                                            f"{result.stderr[:300]}")
    # Every cell that breaks a rule is found, however many there are: the generator sets
    # LOGGING_LEVEL: DEBUG on the public API of every third cell of six components.
    report = json.loads(run("check", "--format", "json", big).stdout)
    verbose = sum(1 for f in report["findings"] if f["rule_id"] == "TR025")
    verbose += report.get("omitted", {}).get("by_rule", {}).get("TR025", 0)
    cells = round(COMPONENTS / 6)
    expect(verbose == sum(1 for i in range(cells) if i % 3 == 1),
           f"TR025 found on every DEBUG API of {cells:,} cells: {verbose}")
    # One dangling `behind:` among thousands of load balancers is a finding whose fix names a
    # few of them, not an evaluation that runs out of budget (exit 2).
    with open(big, encoding="utf-8") as f:
        dangling = write(work, "dangling.yaml", f.read().replace("behind: lb-public-1\n", "behind: lb-missing\n", 1))
    result = run("check", "--format", "json", dangling)
    expect(result.returncode == 1, f"check of a dangling reference among {COMPONENTS:,} components exits 1: "
                                   f"{result.returncode} {result.stderr[:300]}")
    if result.returncode == 1:
        da003 = [f for f in json.loads(result.stdout)["findings"] if f["rule_id"] == "DA003"]
        expect(len(da003) == 1 and "such as lb-public-0" in da003[0]["fix"],
               f"DA003 names an example load balancer: {da003}")


def findings(path, *options):
    result = run("check", *options, "--format", "json", "--fail-on", "never", path)
    return json.loads(result.stdout)["findings"] if result.returncode == 0 else None


def todo_of(plan_text):
    return [line for line in plan_text.splitlines() if line.startswith("#   - ")]


with tempfile.TemporaryDirectory() as work:
    # The plan adds the components a fix needs: a load balancer (MR006), a Redis state store
    # (MR001), a weekly training job (MR008) and an event archive (MR003), whose location only
    # the user can choose and which therefore stays to do.
    bare = write(work, "metarank.yaml", """version: 1
name: shop
environment: production
platform: kubernetes
traffic:
  peak_requests_per_second: 500
  profiles: 1000000
products:
  metarank:
    components:
      ranker: {role: api, mode: serve, replicas: 2}
""")
    before = {f["rule_id"] for f in findings(bare)}
    expect({"MR001", "MR003", "MR006", "MR008"} <= before, f"the bare Metarank topology's findings: {before}")
    other = os.path.join(work, "other")
    os.mkdir(other)
    planned = os.path.join(other, "p.yaml")
    run("plan", "--format", "yaml", "-o", planned, bare)
    text = open(planned, encoding="utf-8").read()
    components = yaml.safe_load(text)["products"]["metarank"]["components"]
    roles = {c["role"] for c in components.values()}
    expect({"state", "event_archive", "train", "load_balancer"} <= roles, f"components the plan adds: {roles}")
    state = next(c for c in components.values() if c["role"] == "state")
    expect(state.get("type") == "redis" and "backup" in state, f"the added state store: {state}")
    after = findings(planned)
    expect(after is not None, "check of the plan with added components loads")
    ids = {f["rule_id"] for f in after or []}
    expect(not ids & {"MR001", "MR006", "MR008", "MR040"}, f"the plan's components answer their rules: {ids}")
    archive = [f for f in after or [] if f["rule_id"] == "MR003"]
    expect(all("without a location" in f["message"] for f in archive), f"MR003 asks only for the location: {archive}")
    expect(all(any(line.startswith(f"#   - MR003 ") for line in todo_of(text)) for f in archive),
           "the archive's location is listed to do")
    plan_text = run("plan", bare).stdout
    expect("added for MR003" in plan_text, f"the text plan marks the added archive with its rule: {plan_text}")

    # A Redis named only in Metarank's config.yaml becomes the state component (MR040).
    write(work, "config.yaml", "state:\n  type: redis\n  host: redis.internal\n  port: 6379\n")
    declared = write(work, "declared.yaml", """version: 1
name: shop
environment: production
platform: kubernetes
products:
  metarank:
    config: config.yaml
    components:
      ranker: {role: api, mode: serve, replicas: 2, behind: lb}
      lb: {role: load_balancer, replicas: 2}
""")
    expect("MR040" in {f["rule_id"] for f in findings(declared)}, "MR040 on a Redis named only in config.yaml")
    run("plan", "--format", "yaml", "-o", planned, declared)
    expect("MR040" not in {f["rule_id"] for f in findings(planned) or []}, "the plan declares the state component")

    # Applying the plan adds no finding of any severity the original lacked, except those it
    # lists to do (about the components it added). A finding about a component the plan added
    # counts as the product's finding it answers.
    sources = []
    for folder in ("examples", os.path.join("tests", "data")):
        for root, _, files in os.walk(os.path.join(SOURCE, folder)):
            for name in sorted(files):
                path = os.path.join(root, name)
                if name.endswith(".yaml") and "\nproducts:" in open(path, encoding="utf-8").read():
                    sources.append(path)
    checked = 0
    for source in sorted(sources):
        if run("validate", "-q", source).returncode != 0:
            continue
        original = findings(source)
        if original is None or run("plan", "--format", "yaml", "-o", planned, source).returncode != 0:
            expect(False, f"{source}: plan fails")
            continue
        # The plan is written outside the repository, so the native files it names lie
        # outside its root: reading it back needs --root over both.
        revised = findings(planned, "--root", "/")
        if revised is None:
            expect(False, f"{source}: check of its plan exits 2")
            continue
        text = open(planned, encoding="utf-8").read()
        loaded = yaml.safe_load(text)
        names = {(p, c) for p, body in (loaded.get("products") or {}).items()
                 for c in ((body or {}).get("components") or {})}
        def key(f):
            return (f["rule_id"], f["component"] if f["component"] in {c for _, c in names} else f["product"])
        def original_key(f):
            return (f["rule_id"], f["component"] or f["product"])
        had = {original_key(f) for f in original} | {(f["rule_id"], f["product"]) for f in original}
        todo = "\n".join(todo_of(text))
        for f in revised:
            if key(f) in had or (f["rule_id"], f["component"]) in had:
                continue
            expect(f"#   - {f['rule_id']} " in todo and f["message"] in todo,
                   f"{os.path.relpath(source, SOURCE)}: the plan adds {f['rule_id']} {f['component']}: {f['message'][:160]}")
        checked += 1
    expect(checked > 10, f"topologies planned and checked: {checked}")

    # The report reads as a reviewer's page.
    acme = os.path.join(SOURCE, "examples", "acme-production.yaml")
    report = run("report", acme).stdout
    rule_language = re.compile(r"\b(volume|sizing|traffic|components)\.(?!md\b)[a-z_]+|assumptions\[|\?\? | \? ")
    for line in report.splitlines():
        if line.startswith("|"):
            found = rule_language.search(line)
            expect(not found, f"the report shows rule language {found and found.group(0)!r}: {line[:160]}")
    expect("req/s" in report, "the how column gives the numbers with their units")

    # Only the traffic inputs the products use: Tracardi's figures never read `items`.
    traffic_topology = write(work, "traffic.yaml", TRACARDI.format(gui='"no"').replace(
        "  peak_requests_per_second: 2000\n", "  peak_requests_per_second: 2000\n  items: 1000\n"))
    report = run("report", traffic_topology).stdout
    traffic_section = report.split("## Traffic", 1)[1]
    expect("`peak_requests_per_second`" in traffic_section, "the traffic table lists the peak")
    expect("`items`" not in traffic_section, "the traffic table leaves out inputs no figure uses")

    # Most important: by severity, then by the gap to the target. TR004 (no number) comes first
    # in the file, yet the replicas 2 of 8 rank before it.
    # (TR004 and TR006 have no number; the API's replicas, 2 of 8, and MySQL's max_connections,
    # 20 of 90, do.)
    ranked = write(work, "ranked.yaml", TRACARDI.format(gui='"yes"').replace(
        "        replicas: 2\n        exposure: public\n", "        exposure: public\n").replace(
        '          ELASTIC_INDEX_REPLICAS: "1"\n', '          ELASTIC_INDEX_REPLICAS: "1"\n        replicas: 2\n'))
    expect({"TR004", "TR006"} <= {f["rule_id"] for f in findings(ranked) or []}, "the ranked topology has TR004, TR006")
    report = run("report", ranked).stdout
    verdict = report.split("Most important:", 1)[-1].split("##", 1)[0]
    items = [line for line in verdict.splitlines() if line.startswith("1. ")]
    expect(len(items) == 3, f"three most important findings: {items}")
    expect(not any("[TR004]" in line or "[TR006]" in line for line in items),
           f"the largest gaps before findings without a number: {items}")
    severities = [line.split("**")[1] for line in items]
    order = {"error": 0, "warning": 1, "info": 2}
    expect(severities == sorted(severities, key=order.get), f"ranked by severity: {severities}")

    # Products in one documented order in every section, whatever the file's order.
    mixed = write(work, "mixed.yaml", TRACARDI.format(gui='"no"') + """  metarank:
    components:
      ranker: {role: api, mode: serve, replicas: 1}
""")
    report = run("report", mixed).stdout
    sections = [part for part in report.split("\n## ")
                if part.startswith(("Recommended layout", "Findings", "Assumptions", "Traffic"))]
    sections.append(report.split("\n## ")[0])  # the header's list of products
    expect(len(sections) == 5, f"the report's sections: {[part.splitlines()[0] for part in sections]}")
    for section in sections:
        at_metarank, at_tracardi = section.find("Metarank"), section.find("Tracardi")
        if at_metarank >= 0 and at_tracardi >= 0:
            expect(at_metarank < at_tracardi, f"Metarank before Tracardi in {section.splitlines()[0]!r}")

    # Links to rule pages: relative by default, absolute on request.
    expect("](docs/rules/" in report, "relative rule links by default")
    absolute = run("report", "--rule-docs-url", "https://docs.example/rules/", mixed).stdout
    expect("](https://docs.example/rules/DA005.md)" in absolute and "](docs/rules/" not in absolute,
           "--rule-docs-url links every rule page under the given base")
    built = run("report", "--absolute-links", mixed).stdout
    expect("](docs/rules/" not in built and "](http" in built, "--absolute-links uses the built-in base")

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
