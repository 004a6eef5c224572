#!/usr/bin/env python3
"""ci_check.py - checks proofgate's CI outputs for tests/e2e/4x-*.sh.

  ci_check.py sarif FILE SCHEMA_DIR        SARIF 2.1.0 schema + GitHub's ingestion rules
  ci_check.py codequality FILE SCHEMA_DIR  every entry against GitLab's schema, unique fingerprints
  ci_check.py junit FILE                   parses; prints "suite classname name outcome" lines
  ci_check.py annotations FILE             decodes workflow commands as the runner does; prints JSON
  ci_check.py outputs FILE                 parses GITHUB_OUTPUT (both forms); prints JSON

Exits 1 with the reason on the first problem.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET


def fail(msg):
    print("ci_check: " + msg)
    sys.exit(1)


def load_schema(dirname, name):
    with open(os.path.join(dirname, name), encoding="utf-8") as f:
        return json.load(f)


def sarif(path, schemas):
    import jsonschema
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    jsonschema.validate(doc, load_schema(schemas, "sarif-schema-2.1.0.json"))
    if len(doc["runs"]) != 1:
        fail("want one run")
    run = doc["runs"][0]
    if not run.get("automationDetails", {}).get("id"):
        fail("no automationDetails.id")
    rules = run["tool"]["driver"]["rules"]
    for r in rules:
        for k in ("shortDescription", "fullDescription", "help"):
            if not r.get(k, {}).get("text"):
                fail("rule %s lacks %s.text" % (r.get("id"), k))
    ids = [r["id"] for r in rules]
    for res in run["results"]:
        if res["ruleId"] not in ids or ids[res["ruleIndex"]] != res["ruleId"]:
            fail("result %s: ruleIndex does not match" % res["ruleId"])
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        if not uri or uri.startswith("/") or "://" in uri:
            fail("result %s: uri %r is not relative" % (res["ruleId"], uri))
        if loc["region"]["startLine"] < 1:
            fail("result %s: no startLine" % res["ruleId"])
        if not res.get("partialFingerprints"):
            fail("result %s: no partialFingerprints" % res["ruleId"])
    print(json.dumps({"rules": ids, "results": [[r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]
                                                  ["artifactLocation"]["uri"], "suppressions" in r]
                                                 for r in run["results"]]}, ensure_ascii=False))


def codequality(path, schemas):
    import jsonschema
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if not isinstance(doc, list):
        fail("not a JSON array")
    schema = load_schema(schemas, "gitlab-codequality.json")
    seen = set()
    for e in doc:
        jsonschema.validate(e, schema)
        if e["fingerprint"] in seen:
            fail("duplicate fingerprint " + e["fingerprint"])
        seen.add(e["fingerprint"])
    print(json.dumps([[e["check_name"], e["severity"], e["location"]["path"]] for e in doc], ensure_ascii=False))


def junit(path):
    root = ET.parse(path).getroot()
    if root.tag != "testsuites":
        fail("root is " + root.tag)
    for suite in root.findall("testsuite"):
        n = {"failure": 0, "error": 0, "skipped": 0}
        cases = suite.findall("testcase")
        if int(suite.get("tests")) != len(cases):
            fail("suite %s: tests=%s but %d testcases" % (suite.get("name"), suite.get("tests"), len(cases)))
        for c in cases:
            outcome = "pass"
            for k in n:
                if c.find(k) is not None:
                    outcome = k
                    n[k] += 1
            extra = ""
            if outcome == "failure":
                extra = c.find("failure").get("message")
            elif outcome == "skipped":
                extra = c.find("skipped").get("message")
            print("%s|%s|%s|%s|%s" % (suite.get("name"), c.get("classname"), c.get("name"), outcome, extra))
        for k, attr in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            if int(suite.get(attr)) != n[k]:
                fail("suite %s: %s=%s but %d" % (suite.get("name"), attr, suite.get(attr), n[k]))


def unescape(s, prop):
    # as the runner decodes: %25 last, so that %253A stays %3A
    pairs = [("%0D", "\r"), ("%0A", "\n")]
    if prop:
        pairs += [("%3A", ":"), ("%2C", ",")]
    for a, b in pairs:
        s = s.replace(a, b)
    return s.replace("%25", "%")


def annotations(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")  # must be valid UTF-8
    out = []
    for line in text.split("\n"):
        if not line.startswith("::") or line.startswith("::group::") or line.startswith("::endgroup::"):
            continue
        if "\r" in line:
            fail("raw CR in a command line")
        cmd, _, rest = line[2:].partition(" ")
        if cmd not in ("error", "warning", "notice"):
            fail("unknown command " + cmd)
        props, sep, data = rest.partition("::")
        if not sep:
            fail("no :: in " + line)
        p = {}
        for kv in props.split(","):
            k, _, v = kv.partition("=")
            if k not in ("file", "line", "title", "col", "endLine", "endColumn"):
                fail("unknown property %r in %r (a , or : was not escaped?)" % (k, line))
            p[k] = unescape(v, True)
        p["kind"] = cmd
        p["message"] = unescape(data, False)
        out.append(p)
    print(json.dumps(out, ensure_ascii=False))


def outputs(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    res, i = {}, 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            val = []
            while lines[i] != delim:
                val.append(lines[i])
                i += 1
            i += 1
            res[name] = "\n".join(val)
        else:
            name, _, val = line.partition("=")
            res[name] = val
    print(json.dumps(res, ensure_ascii=False))


def main():
    what = sys.argv[1]
    try:
        if what == "sarif":
            sarif(sys.argv[2], sys.argv[3])
        elif what == "codequality":
            codequality(sys.argv[2], sys.argv[3])
        elif what == "junit":
            junit(sys.argv[2])
        elif what == "annotations":
            annotations(sys.argv[2])
        elif what == "outputs":
            outputs(sys.argv[2])
        else:
            fail("unknown check " + what)
    except Exception as e:  # schema errors, XML errors, bad UTF-8
        fail("%s: %s" % (type(e).__name__, str(e)[:400]))


if __name__ == "__main__":
    main()
