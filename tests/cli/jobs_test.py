"""`check --jobs N` gives the same bytes as a serial run, through the real binary.

Many topologies in one run: generated ones of all four products (with findings), the shipped
examples, every topology the tests keep, one with an inline waiver, one that cannot be read
and one with a schema error. Every output format, with --jobs 1, 2 and 8, must be identical,
and so must the exit status and the baseline written.

Usage: jobs_test.py DEPLOY_ADVISOR SOURCE_DIR
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

TOOL, SOURCE = sys.argv[1], sys.argv[2]
failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def run(*args, cwd):
    return subprocess.run([TOOL, *args], cwd=cwd, capture_output=True)


def main():
    with tempfile.TemporaryDirectory() as work:
        os.mkdir(os.path.join(work, ".git"))  # the folder is the repository root
        generated = os.path.join(work, "generated")
        for mix in ("mixed", "tracardi", "metarank", "metaflow", "cortex"):
            subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "generate.py"), "--mix", mix,
                            "--components", "40", "--files", "6", "--out", os.path.join(generated, mix)],
                           check=True)
        kept = os.path.join(work, "kept")
        os.mkdir(kept)
        for path in sorted(glob.glob(os.path.join(SOURCE, "examples", "*.yaml"))):
            shutil.copy(path, kept)
        with open(os.path.join(kept, "waived.yaml"), "w", encoding="utf-8") as f:
            f.write("""version: 1
name: waived
environment: production
products:
  tracardi:
    components:
      api:
        role: api
        replicas: 1  # deploy-advisor: ignore=TR005 reason="a pilot" until=2099-01-01
""")
        with open(os.path.join(kept, "broken.yaml"), "w", encoding="utf-8") as f:
            f.write("version: 1\nname: broken\nenvironment: production\nproducts:\n  tracardi:\n    components:\n      api: {role: apii}\n")
        with open(os.path.join(kept, "unreadable.yaml"), "w", encoding="utf-8") as f:
            f.write("version: 1\nname: [unclosed\n")
        targets = ["generated", "kept"]
        formats = ["text", "json", "sarif", "markdown", "junit", "github", "gitlab", "checkstyle"]
        for fmt in formats:
            outputs = {}
            for jobs in ("1", "2", "8"):
                baseline = os.path.join(work, f"baseline-{fmt}-{jobs}.json")
                result = run("check", "--jobs", jobs, "--format", fmt, "--write-baseline", baseline,
                             *targets, cwd=work)
                with open(baseline, "rb") as f:
                    outputs[jobs] = (result.returncode, result.stdout, result.stderr, f.read())
            expect(outputs["1"][0] == 2, f"{fmt}: the run with an unreadable topology exits 2, not {outputs['1'][0]}")
            expect(len(outputs["1"][1]) > 1000, f"{fmt}: the serial run prints the findings")
            for jobs in ("2", "8"):
                for part, name in enumerate(("exit status", "standard output", "standard error", "baseline")):
                    expect(outputs[jobs][part] == outputs["1"][part],
                           f"{fmt}: --jobs {jobs} gives the same {name} as --jobs 1")
        bad = run("check", "--jobs", "0", "kept", cwd=work)
        expect(bad.returncode == 2 and b"--jobs" in bad.stderr, f"--jobs 0 is a usage error: {bad.stderr!r}")
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print("check --jobs 1, 2 and 8 agree byte for byte")


main()
