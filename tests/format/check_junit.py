"""Checks a JUnit report against the JSON report of the same run.

usage: check_junit.py JUNIT_XML JSON FAIL_ON [CHECKSTYLE_XML]

Both XML files must parse (python3's xml.etree). The JUnit counts must add up (tests,
failures, errors, skipped on every suite and on <testsuites>) and agree with the JSON
summary: the findings per severity, whether the run failed, one failing test case per rule and
component with a failing finding, and one error per topology that could not be checked.
"""
import json
import sys
import xml.etree.ElementTree as ElementTree

RANK = {"info": 0, "warning": 1, "error": 2}


def fail(message):
    sys.exit(f"{sys.argv[1]}: {message}")


junit = ElementTree.parse(sys.argv[1]).getroot()
report = json.load(open(sys.argv[2], encoding="utf-8"))
fail_on = sys.argv[3]
if len(sys.argv) > 4:
    ElementTree.parse(sys.argv[4])  # raises on malformed XML

if junit.tag != "testsuites":
    fail(f"the root is <{junit.tag}>, expected <testsuites>")
totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
findings = {"error": 0, "warning": 0, "info": 0}
for suite in junit.findall("testsuite"):
    cases = suite.findall("testcase")
    counted = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }
    for key, value in counted.items():
        if int(suite.get(key)) != value:
            fail(f"suite {suite.get('name')}: {key}={suite.get(key)} but {value} test cases say so")
        totals[key] += value
    for prop in suite.find("properties").findall("property"):
        name = prop.get("name")
        if name.startswith("findings."):
            findings[name[len("findings."):]] += int(prop.get("value"))
for key, value in totals.items():
    if int(junit.get(key)) != value:
        fail(f"<testsuites> {key}={junit.get(key)}, the suites add up to {value}")

summary = report["summary"]
for severity in ("error", "warning", "info"):
    if findings[severity] != summary[severity]:
        fail(f"{findings[severity]} {severity} findings, the JSON summary says {summary[severity]}")


def fails(f):
    return (fail_on != "never" and not f["waived"] and not f["baseline"]
            and RANK[f["severity"]] >= RANK[fail_on])


failing_cases = {(f["rule_id"], f["component"]) for f in report["findings"] if fails(f)}
if totals["failures"] != len(failing_cases):
    fail(f"{totals['failures']} failures, the JSON report has {len(failing_cases)} failing rule/component pairs")
if (totals["failures"] > 0) != summary["failed"]:
    fail(f"{totals['failures']} failures but the JSON summary says failed={summary['failed']}")
error_files = {e["location"]["file"] for e in report["errors"] if "location" in e}
if totals["errors"] != len(error_files):
    fail(f"{totals['errors']} errors, the JSON report has errors in {len(error_files)} files")
print(f"{totals['tests']} test cases, {totals['failures']} failures, {totals['errors']} errors agree with the JSON summary")
