"""Limits, each tested just over it through the binary: exit 2 (or a bounded output) well under
a second, with bounded memory. Usage: hardening_limits.py DEPLOY_ADVISOR WORK_FOLDER"""
import json
import os
import resource
import subprocess
import sys
import time

BINARY, WORK = sys.argv[1], sys.argv[2]
os.makedirs(WORK, exist_ok=True)
os.makedirs(os.path.join(WORK, ".git"), exist_ok=True)  # the root of what the tests write
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def write(name, text):
    path = os.path.join(WORK, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w" if isinstance(text, str) else "wb") as f:
        f.write(text)
    return path


def run(args, **kwargs):
    """Runs the binary; the time is its CPU time (user and system), which a busy machine does
    not inflate the way it does wall-clock time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run([BINARY] + args, capture_output=True, timeout=300, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


HEAD = "version: 1\nname: shop\nenvironment: production\nplatform: kubernetes\n" \
       "traffic: {peak_requests_per_second: 100, profiles: 100000}\n"

# 0. A 16 MB flow file is scanned in little memory (first: ru_maxrss is the largest child so far).
flow = "from metaflow import FlowSpec, step\n\nclass BigFlow(FlowSpec):\n" + \
       "    # " + "x" * 70 + "\n" * 1
body = ("    @step\n    def s(self):\n        self.x = '" + "y" * 60 + "'\n") * 170_000
write("flows/big.py", (flow + body)[: 16 * 1024 * 1024 - 100])
topo = write("flow-topology.yaml", "version: 1\nname: f\nenvironment: production\nplatform: kubernetes\n"
             "products:\n  metaflow:\n    orchestrator: argo-workflows\n    datastore: s3\n"
             "    metadata: service\n    components:\n      argo: {role: orchestrator, replicas: 2}\n"
             "      md: {role: metadata_service, replicas: 2}\n    flows:\n      BigFlow: {file: flows/big.py}\n")
r, took = run(["check", "--fail-on", "never", topo])
rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
check(r.returncode in (0, 2), f"16 MB flow file: exit 0 or 2 ({r.returncode}: {r.stderr[:200]!r})")
# Linear with a small constant: the file itself, the scanned steps and their values.
check(rss_mb < 200, f"16 MB flow file: under 200 MB of memory ({rss_mb:.0f} MB)")

# 1. The aliased topology: 1,501 components, each an alias of one map with 100 unknown keys:
#    150,100 DA002 findings, about 25 KB of input.
anchor = "{role: api, mode: serve, replicas: 2, " + ", ".join(f"u{i}: 1" for i in range(100)) + "}"
lines = [HEAD, "products:\n  metarank:\n    components:\n", f"      c0: &a {anchor}\n"]
lines += [f"      c{i}: *a\n" for i in range(1, 1501)]
aliased = write("aliased.yaml", "".join(lines))
check(os.path.getsize(aliased) < 30_000, "the aliased topology is about 25 KB")
for fmt in ["text", "json", "sarif", "markdown"]:
    r, took = run(["check", "--format", fmt, "--fail-on", "never", aliased])
    check(r.returncode == 0, f"aliased topology, {fmt}: exit 0 ({r.returncode}, {r.stderr[:200]!r})")
    # About 1.5 s of CPU alone; the bound leaves room for a busy machine (was 50 s and 1 GB).
    check(took < 4.0, f"aliased topology, {fmt}: bounded CPU time ({took:.2f} s)")
    check(len(r.stdout) < 2_000_000, f"aliased topology, {fmt}: bounded output ({len(r.stdout)} bytes)")
    if fmt == "json":
        doc = json.loads(r.stdout)
        check(len(doc["findings"]) <= 1000, f"JSON: at most 1,000 findings written ({len(doc['findings'])})")
        check(doc["omitted"]["total"] + 1000 >= 150_100, "JSON: the rest counted under omitted")
        check(doc["summary"]["warning"] + doc["summary"]["error"] + doc["summary"]["info"] >= 150_100,
              "JSON: the summary counts every finding")
    if fmt in ("text", "markdown"):
        check(b"more findings not shown" in r.stdout, f"{fmt}: says how many more")
    if fmt == "sarif":
        check(b"more findings not shown" in r.stdout, "SARIF: a run notification says how many more")
r, took = run(["report", aliased])
check(r.returncode == 0 and took < 4.0 and len(r.stdout) < 2_000_000,
      f"aliased topology, report: bounded ({took:.2f} s, {len(r.stdout)} bytes)")

# 2. The amplifying custom profile: three rules, each amplifying text or lists.
TEN = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
TEXT = "'xxxxxxxxxxxxxxxx'"
for v in "abcde":
    TEXT = f"join({TEN}.map({v}, {TEXT}), '')"
# Lists of 10**5 and 10**4 items: nested maps, flattened.
def nested(depth, leaf):
    expression = leaf
    for v in "abcde"[:depth]:
        expression = f"{TEN}.map({v}, {expression})"
    for _ in range(depth - 1):
        expression = f"flatten({expression})"
    return expression
LIST5 = nested(5, TEN)
LIST4 = nested(4, "d")
profile = f"""product: metarank
rules:
  - id: AMP001
    name: amplify-text
    severity: warning
    title: Text amplification.
    when: "true"
    message: "{{{{ {TEXT} }}}}"
    fix: none
    basis: test
  - id: AMP002
    name: amplify-list
    severity: warning
    title: List amplification.
    each: "{LIST5}"
    as: x
    when: "true"
    message: "{{{{ {TEN}.map(a, {TEN}.map(b, {TEN}.map(c, {TEN}.map(d, a)))) }}}}"
    fix: none
    basis: test
  - id: AMP003
    name: amplify-each
    severity: warning
    title: Findings amplification.
    each: "{LIST4}"
    as: y
    when: "true"
    message: "{{{{ [y, y, y, y].map(a, [a, a, a, a]) }}}}"
    fix: none
    basis: test
"""
prof = write("profiles/amp.yaml", profile)
check(os.path.getsize(prof) < 1_600, f"the amplifying profile is small ({os.path.getsize(prof)} bytes)")
example = write("acme.yaml", open(os.path.join(os.path.dirname(__file__), "..", "..", "examples",
                                               "acme-production.yaml")).read())
r, took = run(["check", "--profiles", os.path.join(WORK, "profiles"), "--format", "json", example])
check(r.returncode in (1, 2), f"amplifying profile: exit 1 or 2 ({r.returncode}: {r.stderr[:300]!r})")
check(took < 2.0, f"amplifying profile: bounded CPU time ({took:.2f} s; under a second alone)")
check(len(r.stdout) + len(r.stderr) < 2_000_000, f"amplifying profile: bounded output ({len(r.stdout)} bytes)")
check(b"profiles/tracardi.yaml" not in r.stderr, "a limit is never reported at a built-in profile line")

# 4. Dates: 2023-02-31 is not a date.
topo_ok = write("small.yaml", HEAD + "products:\n  metarank:\n    components:\n      lb: {role: load_balancer, replicas: 2, exposure: public}\n")
write(".deploy-advisor.yaml", "waivers:\n  - rule: DA004\n    reason: test\n    expires: 2023-02-31\n")
r, took = run(["check", topo_ok])
check(r.returncode == 2 and b"expires" in r.stderr and took < 1.0, f"2023-02-31 is refused ({r.stderr[:200]!r})")
os.remove(os.path.join(WORK, ".deploy-advisor.yaml"))

# 5. Standard output on a full device: exit 2 with the reason.
with open("/dev/full", "wb") as full:
    r = subprocess.run([BINARY, "check", "--fail-on", "never", example], stdout=full, stderr=subprocess.PIPE)
check(r.returncode == 2 and b"No space left on device" in r.stderr, f"/dev/full: exit 2 with the reason ({r.stderr!r})")

# 6. -o onto a full device keeps the old file: a file size limit (RLIMIT_FSIZE, with SIGXFSZ
#    ignored) makes every write past 512 bytes fail with EFBIG, as a full disk would.
out = write("out.json", '{"previous": true}\n')
def limited():
    import signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))
r = subprocess.run([BINARY, "check", "--format", "json", "--fail-on", "never", "-o", out, example],
                   capture_output=True, preexec_fn=limited)
check(r.returncode == 2 and b"cannot write the output file" in r.stderr, f"-o on a full device: exit 2 ({r.stderr!r})")
check(open(out).read() == '{"previous": true}\n', "-o on a full device: the previous file is intact")
check(not [f for f in os.listdir(WORK) if f.startswith(".out.json.")], "-o on a full device: no partial file left")
r = subprocess.run([BINARY, "check", "--format", "json", "--fail-on", "never", "-o", out, example], capture_output=True)
check(r.returncode == 0 and json.load(open(out))["tool"]["name"] == "deploy-advisor", "-o replaces the file when it can")

# 7. A closed pipe ends the run quietly.
r = subprocess.run(f"'{BINARY}' check --format json --fail-on never '{aliased}' | head -c 10 >/dev/null",
                   shell=True, capture_output=True)
check(r.stderr == b"", f"| head: nothing on standard error ({r.stderr!r})")

sys.exit(1 if failures else 0)
