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
                   "Elasticsearch disk per node (elasticsearch):"]:
        expect(figure in example, f"the example's text plan shows {figure!r}")

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
