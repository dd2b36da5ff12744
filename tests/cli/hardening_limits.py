"""Limits, each tested just over it through the binary: exit 2 (or a bounded output) well under
a second, with bounded memory. Usage: hardening_limits.py DEPLOY_ADVISOR WORK_FOLDER"""
import json
import re
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


# CPU time (user and system) of runs that take a fraction of a second alone: the bounds leave
# room for a loaded machine without letting the seconds of amplification back in.
# Sanitizer builds (DEPLOY_ADVISOR_TEST_SANITIZED, set by CMake) run many times slower and
# use more memory for the same work: their bounds are scaled.
SANITIZED = os.environ.get("DEPLOY_ADVISOR_TEST_SANITIZED") == "1"
TIME_SCALE = 15 if SANITIZED else 1
MEMORY_SCALE = 3 if SANITIZED else 1
ALIASED_CPU_BOUND = 4.0 * TIME_SCALE
AMPLIFIED_CPU_BOUND = 2.0 * TIME_SCALE

HEAD = "version: 1\nname: shop\nenvironment: production\nplatform: kubernetes\n" \
       "traffic: {peak_requests_per_second: 100, profiles: 100000}\n"

def peak_memory_mb(args):
    """The peak resident memory of one run, measured in a child of its own (ru_maxrss of
    RUSAGE_CHILDREN is the largest child so far, so every measure needs a fresh parent)."""
    probe = ("import resource, subprocess, sys\n"
             "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
             "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
             "sys.stderr.buffer.write(r.stderr[:300])")
    p = subprocess.run([sys.executable, "-c", probe, BINARY] + args, capture_output=True, timeout=300)
    code, kb = p.stdout.split()
    return int(code), int(kb) / 1024, p.stderr


def flow_topology(name, flow_class):
    return write(name, "version: 1\nname: f\nenvironment: production\nplatform: kubernetes\n"
                 "products:\n  metaflow:\n    orchestrator: argo-workflows\n    datastore: s3\n"
                 "    metadata: service\n    components:\n      argo: {role: orchestrator, replicas: 2}\n"
                 f"      md: {{role: metadata_service, replicas: 2}}\n    flows:\n      {flow_class}: {{file: flows/{flow_class}.py}}\n")


# 0. 16 MB flow files are scanned in place, in memory linear in their size with a small
#    constant: the file once, and at most 20,000 classes, steps, decorators and imports.
CLASS = "class {}(FlowSpec):\n"
HEADER = "from metaflow import FlowSpec, step\n\n" + CLASS
SIXTEEN_MB = 16 * 1024 * 1024 - 100
# Few steps, much text: a long docstring-like body scanned to the end.
write("flows/TextFlow.py", (HEADER.format("TextFlow") + "    @step\n    def start(self):\n"
                            + "        x = 1  # " + "y" * 70 + "\n" * 1 + ("        # " + "z" * 90 + "\n") * 170_000)[:SIXTEEN_MB])
# The same step over and over (each one a redefinition), and distinct steps: both past the limit.
write("flows/BigFlow.py", (HEADER.format("BigFlow") + ("    @step\n    def s(self):\n        self.x = '" + "y" * 60 + "'\n") * 170_000)[:SIXTEEN_MB])
write("flows/ManyFlow.py", (HEADER.format("ManyFlow") + "".join(
    f"    @step\n    def s{i}(self):\n        pass\n" for i in range(700_000)))[:SIXTEEN_MB])
for flow_class, limited in [("TextFlow", False), ("BigFlow", True), ("ManyFlow", True)]:
    topo = flow_topology(f"flow-{flow_class}.yaml", flow_class)
    code, rss_mb, err = peak_memory_mb(["check", "--fail-on", "never", topo])
    check(code == (2 if limited else 0), f"16 MB flow file {flow_class}: exit {2 if limited else 0} ({code}: {err!r})")
    check(rss_mb < 100 * MEMORY_SCALE, f"16 MB flow file {flow_class}: under 100 MB of memory ({rss_mb:.0f} MB)")
    if limited:
        check(b"flows.%s.file: 'flows/%s.py' declares more than 20000" % (flow_class.encode(), flow_class.encode()) in err
              and err.startswith(b"%s:" % topo.encode()), f"{flow_class}: the limit is reported at the flow's file: key ({err!r})")

# At the limit and just over it: a class with its base (2 entries), 9,999 steps (2 each) and
# no import is 20,000 entries; one import more is over.
def steps_flow(steps, imports):
    return ("".join(f"from base import B{i}\n" for i in range(imports)) + CLASS.format("EdgeFlow")
            + "".join(f"    @step\n    def s{i}(self):\n        pass\n" for i in range(steps)))
topo = flow_topology("flow-edge.yaml", "EdgeFlow")
for imports, expected in [(0, 0), (1, 2)]:
    write("flows/EdgeFlow.py", steps_flow(9_999, imports))
    r, took = run(["check", "--fail-on", "never", topo])
    check(r.returncode == expected and took < 1.0 * TIME_SCALE,
          f"a flow of {imports + 2 + 2 * 9_999} entries: exit {expected} ({r.returncode}, {took:.2f} s, {r.stderr[:200]!r})")

# 1. The aliased topology: 1,501 components, each an alias of one map with 100 unknown keys,
#    about 25 KB of input. Each unknown key is written once, so it is one DA002 finding that
#    says how many more places it reaches; the 1,501 serve components still give the other
#    rules thousands of findings, past the run's limit.
anchor = "{role: api, mode: serve, replicas: 2, " + ", ".join(f"u{i}: 1" for i in range(100)) + "}"
lines = [HEAD, "products:\n  metarank:\n    components:\n", f"      c0: &a {anchor}\n"]
lines += [f"      c{i}: *a\n" for i in range(1, 1501)]
aliased = write("aliased.yaml", "".join(lines))
check(os.path.getsize(aliased) < 30_000, "the aliased topology is about 25 KB")
for fmt in ["text", "json", "sarif", "markdown"]:
    r, took = run(["check", "--format", fmt, "--fail-on", "never", aliased])
    check(r.returncode == 0, f"aliased topology, {fmt}: exit 0 ({r.returncode}, {r.stderr[:200]!r})")
    check(took < ALIASED_CPU_BOUND, f"aliased topology, {fmt}: bounded CPU time ({took:.2f} s)")
    check(len(r.stdout) < 2_000_000, f"aliased topology, {fmt}: bounded output ({len(r.stdout)} bytes)")
    if fmt == "json":
        doc = json.loads(r.stdout)
        check(len(doc["findings"]) <= 1000, f"JSON: at most 1,000 findings written ({len(doc['findings'])})")
        total = doc["summary"]["warning"] + doc["summary"]["error"] + doc["summary"]["info"]
        check(total > 1000 and doc["omitted"]["total"] + len(doc["findings"]) >= total,
              f"JSON: the rest counted under omitted ({total} findings, {doc['omitted']['total']} omitted)")
        unknown = [f for f in doc["findings"] if f["rule_id"] == "DA002"]
        check(len(unknown) == 100 and all("reaches 1500 more places" in f["message"] for f in unknown),
              f"JSON: one DA002 per unknown key, naming the 1,500 more uses ({len(unknown)})")
    if fmt in ("text", "markdown"):
        check(b"more findings not shown" in r.stdout, f"{fmt}: says how many more")
    if fmt == "sarif":
        check(b"more findings not shown" in r.stdout, "SARIF: a run notification says how many more")
r, took = run(["report", aliased])
check(r.returncode == 0 and took < ALIASED_CPU_BOUND and len(r.stdout) < 2_000_000,
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
example_text = open(os.path.join(os.path.dirname(__file__), "..", "..", "examples", "acme-production.yaml")).read()
example = write("acme.yaml", example_text)
r, took = run(["check", "--profiles", os.path.join(WORK, "profiles"), "--format", "json", example])
check(r.returncode == 2, f"amplifying profile: exit 2 ({r.returncode}: {r.stderr[:300]!r})")
check(took < AMPLIFIED_CPU_BOUND, f"amplifying profile: bounded CPU time ({took:.2f} s)")
check(len(r.stdout) + len(r.stderr) < 2_000_000, f"amplifying profile: bounded output ({len(r.stdout)} bytes)")
# Every error is located in the topology the user gave, never in a profile.
located = [line for line in r.stderr.splitlines() if b": error: " in line]
check(located and all(line.startswith(example.encode() + b":") for line in located),
      f"a limit is reported at the user's input ({located[:3]!r})")
check(b"profiles/tracardi.yaml:" not in r.stderr, "a limit is never reported at a built-in profile line")

# 2b. Just at and just over the limits of one evaluation, through a custom profile.
SIXTEEN = "[" + ", ".join(str(i) for i in range(16)) + "]"
TEXT_64K = f"join({SIXTEEN}.map(a, join({SIXTEEN}.map(b, join({SIXTEEN}.map(c, 'xxxxxxxxxxxxxxxx'), '')), '')), '')"
def one_rule_profile(when):
    return ("product: metarank\nrules:\n  - id: LIM001\n    name: limit-edge\n    severity: info\n"
            f"    title: At the edge of a limit.\n    when: \"{when}\"\n    message: edge\n    fix: none\n    basis: test\n")
for when, expected, what in [(f"size({TEXT_64K}) == 65536", 0, "a string of 64 KiB"),
                             (f"size({TEXT_64K} + 'x') > 0", 2, "a string one byte over 64 KiB"),
                             (f"size(flatten({TEN}.map(a, {TEN}.map(b, {TEN}.map(c, {TEN}.map(d, {TEN}.map(e, {TEN}.map(f, f)))))))) > 0", 2,
                              "an evaluation over 1,000,000 steps")]:
    write("profiles-edge/edge.yaml", one_rule_profile(when))
    r, took = run(["check", "--profiles", os.path.join(WORK, "profiles-edge"), "--fail-on", "never", "--format", "json", example])
    check(r.returncode == expected and took < 1.0 * TIME_SCALE, f"{what}: exit {expected} ({r.returncode}, {took:.2f} s, {r.stderr[:300]!r})")
    if expected == 0:
        check(b'"LIM001"' in r.stdout, f"{what}: the rule holds")
    else:
        check(r.stderr.startswith(example.encode() + b":") and b"rule LIM001" in r.stderr and b"limit" in r.stderr,
              f"{what}: an error at the user's input naming the rule and the limit")

# 2c. Findings per rule: 100 are written, the 101st is counted.
for keys, omitted in [(100, 0), (101, 1)]:
    unknown = ", ".join(f"u{i}: 1" for i in range(keys))
    topo_keys = write("keys.yaml", HEAD + f"products:\n  metarank:\n    components:\n      api: {{role: api, mode: serve, replicas: 2, {unknown}}}\n")
    r, took = run(["check", "--format", "json", "--fail-on", "never", topo_keys])
    doc = json.loads(r.stdout)
    written = sum(1 for f in doc["findings"] if f["rule_id"] == "DA002")
    check(written == 100 and doc.get("omitted", {}).get("total", 0) == omitted and took < 1.0 * TIME_SCALE,
          f"{keys} unknown keys: 100 written, {omitted} counted ({written}, {doc.get('omitted')})")

# 3. Numbers whose results would not be finite are input errors at the number.
for line, value, key in [
        ("traffic: {peak_requests_per_second: 1e308, profiles: 100000}\n", "1e308", "traffic.peak_requests_per_second"),
        ("traffic: {peak_requests_per_second: 100, profiles: 1e300}\n", "1e300", "traffic.profiles"),
        ("traffic: {peak_requests_per_second: 100, profiles: 100000, growth: 1.0e16}\n", "1.0e16", "traffic.growth")]:
    topo_big = write("big-number.yaml", HEAD.replace(HEAD.splitlines()[4] + "\n", line) +
                     "products:\n  metarank:\n    components:\n      api: {role: api, mode: serve, replicas: 2}\n")
    r, took = run(["check", "--fail-on", "never", topo_big])
    check(r.returncode == 2 and r.stderr.startswith(f"{topo_big}:5:".encode()) and key.encode() in r.stderr
          and b"larger than" in r.stderr and took < 1.0 * TIME_SCALE, f"{value} in {key}: exit 2 at the number ({r.stderr[:300]!r})")
topo_big = write("big-replicas.yaml", HEAD + "products:\n  metarank:\n    components:\n      api: {role: api, mode: serve, replicas: 1e300}\n")
r, took = run(["check", "--fail-on", "never", topo_big])
check(r.returncode == 2 and r.stderr.startswith(f"{topo_big}:9:".encode()) and b"replicas" in r.stderr,
      f"1e300 replicas: exit 2 at the number ({r.stderr[:300]!r})")
# The largest accepted number, 10^15, gives finite figures throughout.
topo_big = write("big-number.yaml", example_text.replace("peak_requests_per_second: 2400", "peak_requests_per_second: 1e15"))
r, took = run(["plan", topo_big])
check(r.returncode in (0, 1) and not re.search(rb"\binf(inity)?\b", r.stdout), f"10^15 req/s: finite figures ({r.returncode}, {r.stderr[:300]!r})")

# 4. Dates: 2023-02-31 is not a date.
topo_ok = write("small.yaml", HEAD + "products:\n  metarank:\n    components:\n      lb: {role: load_balancer, replicas: 2, exposure: public}\n")
write(".deploy-advisor.yaml", "waivers:\n  - rule: DA004\n    reason: test\n    expires: 2023-02-31\n")
r, took = run(["check", topo_ok])
check(r.returncode == 2 and b"expires" in r.stderr and took < 1.0 * TIME_SCALE, f"2023-02-31 is refused ({r.stderr[:200]!r})")
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
