"""pykubectl validate: positions, report formats, flags, CRDs, parallel workers."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "fixtures" / "validate"


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip("\n"))
    return str(p)


# ------------------------------------------------------------------------------------------------ positions

def test_text_report_names_file_document_line_column_and_path(run, at_root) -> None:
    r = run("validate fixtures/validate/positions.yaml")
    assert r.code == 1
    assert r.out.splitlines() == [
        "fixtures/validate/positions.yaml:29:11: document 2: spec.template.spec.containers[1].ports[0].containerPort: "
        'The Deployment "web" is invalid: spec.template.spec.containers[1].ports[0].containerPort: Invalid value: '
        "70000: must be between 1 and 65535, inclusive",
        "fixtures/validate/positions.yaml:30:9: document 2: spec.template.spec.containers[1].imagePullPolicy: "
        'The Deployment "web" is invalid: spec.template.spec.containers[1].imagePullPolicy: Unsupported value: '
        '"Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]


def test_every_corpus_error_points_at_its_field(run, at_root) -> None:
    """Each reported line/column holds the key the field path ends with (or, for a missing field, its parent)."""
    r = run("validate -o json fixtures/validate/")
    report = json.loads(r.out)
    checked = 0
    for d in report["documents"]:
        lines = Path(d["file"]).read_text().splitlines()
        for e in d["errors"]:
            path = e["path"]
            if not path:
                continue
            last = re.split(r"[.\[]", path)[-1].rstrip("]")
            text = lines[e["line"] - 1][e["column"] - 1:]
            if "Required value" in e["message"] or "not set" in e["message"] or "cannot unmarshal" in e["message"] and "data" == path:
                continue
            assert text.lstrip("- ").startswith(last) or text.startswith(last), (d["file"], e, text)
            checked += 1
    assert checked > 40


def test_positions_in_later_documents_count_from_the_file_start(run, tmp_path: Path) -> None:
    f = _write(tmp_path, "multi.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: one
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: two
        spec:
          ports:
          - port: 80
            tragetPort: 8080
        """)
    r = run(["validate", "-o", "json", f])
    doc = json.loads(r.out)["documents"][1]
    assert doc["document"] == 2 and doc["line"] == 6
    assert doc["errors"] == [{
        "line": 13, "column": 5, "path": "spec.ports[0].tragetPort", "rule": "unknown-field",
        "message": 'Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field '
                   '"spec.ports[0].tragetPort"'}]


def test_yaml_syntax_error_is_placed_and_reported_like_kubectl(run, tmp_path: Path) -> None:
    f = _write(tmp_path, "bad.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
        data:
          k: [1
        """)
    r = run(["validate", f])
    assert r.code == 1
    assert r.out == (f"{f}:6:1: document 1: error parsing {f}: error converting YAML to JSON: yaml: line 6: did not "
                     "find expected ',' or ']'\n")


# ------------------------------------------------------------------------------------------------ formats

def test_json_report_and_summary(run, at_root) -> None:
    r = run("validate -o json fixtures/validate/corpus-invalid-01.yaml")
    rep = json.loads(r.out)
    assert rep["summary"] == {"documents": 20, "valid": 0, "invalid": 20, "errors": 20, "skipped": 0}
    first = rep["documents"][0]
    assert first["kind"] == "Deployment" and first["status"] == "invalid"
    assert first["errors"][0]["path"] == "spec.replicas" and first["errors"][0]["rule"] == "decode"


def test_junit_parses_and_carries_the_failures(run, at_root) -> None:
    r = run("validate -o junit fixtures/validate/positions.yaml fixtures/validate/corpus-valid-pods.yaml")
    assert r.code == 1
    root = ET.fromstring(r.out)
    assert root.tag == "testsuites" and root.get("tests") == "10" and root.get("failures") == "1"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["fixtures/validate/positions.yaml",
                                               "fixtures/validate/corpus-valid-pods.yaml"]
    failures = root.findall(".//failure")
    assert len(failures) == 2
    assert failures[0].get("type") == "invalid"
    assert failures[0].get("message").startswith("fixtures/validate/positions.yaml:29:11: ")
    assert "Invalid value: 70000" in failures[0].text
    cases = suites[0].findall("testcase")
    assert cases[0].find("failure") is None and cases[1].get("name") == "Deployment/web (document 2)"


def test_sarif_parses_and_carries_the_failures(run, at_root) -> None:
    r = run("validate -o sarif fixtures/validate/positions.yaml")
    rep = json.loads(r.out)
    assert rep["version"] == "2.1.0"
    results = rep["runs"][0]["results"]
    assert [(x["locations"][0]["physicalLocation"]["region"]["startLine"],
             x["locations"][0]["physicalLocation"]["region"]["startColumn"]) for x in results] == [(29, 11), (30, 9)]
    assert all(x["ruleId"] == "invalid" and x["level"] == "error" for x in results)
    assert results[1]["message"]["text"].endswith('supported values: "Always", "IfNotPresent", "Never"')
    assert {r_["id"] for r_ in rep["runs"][0]["tool"]["driver"]["rules"]} == {"invalid"}


def test_tap_report(run, at_root) -> None:
    r = run("validate -o tap --summary fixtures/validate/positions.yaml")
    lines = r.out.splitlines()
    assert lines[:4] == ["TAP version 13", "1..2", "ok 1 - fixtures/validate/positions.yaml document 1 ConfigMap/fine",
                         "not ok 2 - fixtures/validate/positions.yaml document 2 Deployment/web"]
    assert "      line: 29" in lines and "      column: 11" in lines
    assert lines[-1] == "# Summary: 2 documents, 1 valid, 1 invalid, 2 errors, 0 skipped"


def test_github_annotations(run, at_root) -> None:
    r = run("validate -o github fixtures/validate/positions.yaml")
    lines = r.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=fixtures/validate/positions.yaml,line=29,col=11,title=invalid::document 2: "
                               "spec.template.spec.containers[1].ports[0].containerPort: The Deployment")


def test_summary_and_exit_zero_when_all_valid(run, at_root) -> None:
    r = run("validate --summary fixtures/validate/corpus-valid-services.yaml fixtures/validate/corpus-valid-pods.yaml")
    assert (r.code, r.out, r.err) == (0, "Summary: 33 documents, 33 valid, 0 invalid, 0 errors, 0 skipped\n", "")


def test_unknown_output_format(run, at_root) -> None:
    r = run("validate -o xml fixtures/validate/positions.yaml")
    assert r.code == 1 and "allowed formats are: text,json,junit,tap,sarif,github" in r.err


# ------------------------------------------------------------------------------------------------ flags

UNKNOWN_FIELD = """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: a
    data:
      k: v
    extra: field
    """


def test_strict_is_the_default_and_can_be_turned_off(run, tmp_path: Path) -> None:
    f = _write(tmp_path, "cm.yaml", UNKNOWN_FIELD)
    r = run(["validate", f])
    assert r.code == 1 and r.out.endswith('strict decoding error: unknown field "extra"\n')
    assert run(["validate", "--strict=false", f]).code == 0
    assert run(["validate", "--strict=true", f]).code == 1


def test_skip_reject_and_kubernetes_version(run, tmp_path: Path) -> None:
    f = _write(tmp_path, "cm.yaml", UNKNOWN_FIELD)
    r = run(["validate", "--summary", "--skip", "Secret,ConfigMap", f])
    assert (r.code, r.out) == (0, "Summary: 1 documents, 0 valid, 0 invalid, 0 errors, 1 skipped\n")
    r = run(["validate", "--strict=false", "--reject", "ConfigMap", f])
    assert r.code == 1 and r.out == f"{f}:2:1: document 1: kind: prohibited resource kind ConfigMap\n"
    assert run(["validate", "--strict=false", "--kubernetes-version", "v1.32.6", f]).code == 0
    r = run(["validate", "--kubernetes-version", "1.29", f])
    assert (r.code, r.err) == (1, 'error: no schemas for Kubernetes version "1.29"; available: v1.32\n')


def test_stdin_and_recursive_directories(run, tmp_path: Path) -> None:
    r = run(["validate", "-"], stdin=textwrap.dedent(UNKNOWN_FIELD).lstrip())
    assert r.code == 1 and r.out.startswith("STDIN:7:1: document 1: extra: ")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    _write(sub, "cm.yaml", UNKNOWN_FIELD)
    assert run(["validate", "--summary", str(tmp_path / "a")]).out.startswith("Summary: 0 documents")
    r = run(["validate", "--summary", "-R", str(tmp_path / "a")])
    assert r.out.endswith("Summary: 1 documents, 0 valid, 1 invalid, 1 errors, 0 skipped\n")


def test_unserved_version_names_the_served_one(run, tmp_path: Path) -> None:
    f = _write(tmp_path, "d.yaml", """
        apiVersion: extensions/v1beta1
        kind: Deployment
        metadata:
          name: old
        """)
    r = run(["validate", f])
    assert r.out == (f'{f}:1:1: document 1: apiVersion: no matches for kind "Deployment" in version '
                     '"extensions/v1beta1"; the served version is "apps/v1"\n')


def test_jobs_give_the_same_report(run, at_root) -> None:
    one = run("validate -o json fixtures/validate/")
    two = run("validate -o json --jobs 2 fixtures/validate/")
    assert one.code == two.code == 1
    assert one.out == two.out


# ------------------------------------------------------------------------------------------------ CRDs

def test_custom_resources_validate_against_their_crd(run, at_root) -> None:
    r = run("validate fixtures/validate/crd/widgets.yaml")
    assert r.code == 1
    assert r.out.splitlines() == [
        'fixtures/validate/crd/widgets.yaml:42:3: document 2: spec.mode: The Widget "w1" is invalid: spec.mode: '
        'Unsupported value: "medium": supported values: "fast", "slow"',
        'fixtures/validate/crd/widgets.yaml:43:3: document 2: spec.port: The Widget "w1" is invalid: spec.port: '
        'Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
        'fixtures/validate/crd/widgets.yaml:41:3: document 2: spec.size: The Widget "w1" is invalid: spec.size: '
        'Invalid value: "string": spec.size in body must be of type integer: "string"',
        'fixtures/validate/crd/widgets.yaml:52:3: document 3: spec.colour: Widget in version "v1" cannot be handled '
        'as a Widget: strict decoding error: unknown field "spec.colour"',
        'fixtures/validate/crd/widgets.yaml:59:3: document 4: spec.size: The Widget "w3" is invalid: spec.size: '
        "Invalid value: 0: spec.size in body should be greater than or equal to 1",
        'fixtures/validate/crd/widgets.yaml:61:1: document 5: apiVersion: no matches for kind "Gadget" in version '
        '"example.com/v1"; ensure CRDs are installed first',
        'fixtures/validate/crd/widgets.yaml:66:1: document 6: apiVersion: no matches for kind "Deployment" in version '
        '"extensions/v1beta1"; the served version is "apps/v1"',
    ]


WIDGET_OK = """
    apiVersion: example.com/v1
    kind: Widget
    metadata:
      name: ok
    spec:
      size: 3
      port: "8080"
      extra:
        free: [form, data]
    """


def test_crd_from_flag_store_or_missing(run, tmp_path: Path, at_root) -> None:
    f = _write(tmp_path, "w.yaml", WIDGET_OK)
    r = run(["validate", f])
    assert r.code == 1 and 'no matches for kind "Widget"' in r.out
    assert run(["validate", "--ignore-missing-schemas", "--summary", f]).out.endswith("0 invalid, 0 errors, 1 skipped\n")
    assert run(["validate", "--crd", "fixtures/validate/crd/widgets.yaml", f]).code == 0
    # int-or-string takes numbers too; preserve-unknown-fields keeps anything below it
    g = _write(tmp_path, "w2.yaml", WIDGET_OK.replace('"8080"', "8080").replace("free:", "free: 1\n        more:"))
    assert run(["validate", "--crd", "fixtures/validate/crd/widgets.yaml", g]).code == 0
    # a CRD applied to the store counts as well
    crd_only = tmp_path / "crd.yaml"
    crd_only.write_text((FIX / "crd" / "widgets.yaml").read_text().split("\n---\n")[0] + "\n")
    assert run(["apply", "-f", str(crd_only)]).code == 0
    assert run(["validate", f]).code == 0


def test_crd_structural_schema_rules(run, tmp_path: Path) -> None:
    f = _write(tmp_path, "crd.yaml", """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: things.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Thing, plural: things, singular: thing}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    properties:
                      size: {type: integer}
        """)
    r = run(["validate", f])
    assert r.out == (f"{f}:17:11: document 1: spec.validation.openAPIV3Schema.properties[spec].type: The "
                     'CustomResourceDefinition "things.example.com" is invalid: '
                     "spec.validation.openAPIV3Schema.properties[spec].type: Required value: must not be "
                     "empty for specified object fields\n")


# ------------------------------------------------------------------------------------------------ fast path

def test_fast_check_never_accepts_what_the_decoder_rejects() -> None:
    """The hot path may only say "clean" when the exact decoder agrees, across the corpus and mutations of it."""
    import copy

    from pykubectl.api import registry, schema
    from pykubectl.validate import fastcheck, loader

    mutations = ["x", 1, 1.5, True, None, [], {}, [1], {"a": 1}, "1Gi", "08:00", "-1", 2**40, "YWJj", "a=b"]
    agree = 0
    for path in sorted(FIX.glob("corpus-*.yaml")):
        docs, _ = loader.load(path.read_text(), str(path))
        for d in docs:
            obj = d.obj
            try:
                kind = registry.by_api_version_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
            except Exception:  # noqa: BLE001 - unserved kinds are not the decoder's business
                continue
            leaves: list[tuple[object, object]] = []

            def collect(o: object) -> None:
                items = o.items() if isinstance(o, dict) else enumerate(o) if isinstance(o, list) else []
                for k, v in items:
                    leaves.append((o, k))
                    collect(v)

            collect(obj)
            for i, (parent, key) in enumerate(leaves):
                value = mutations[i % len(mutations)]
                m = copy.deepcopy(obj)
                # find the same place in the copy
                target = _same_place(obj, m, parent, key)
                if target is None:
                    continue
                target[key] = value  # type: ignore[index]
                for strict in (True, False):
                    if fastcheck.decodes_cleanly(m, kind, strict):
                        assert schema.check(m, kind, strict) == [], (path.name, key, value)
                        agree += 1
    assert agree > 500


def _same_place(orig: object, copy_: object, parent: object, key: object) -> object | None:
    if orig is parent:
        return copy_
    items = orig.items() if isinstance(orig, dict) else enumerate(orig) if isinstance(orig, list) else []
    for k, v in items:
        if isinstance(v, (dict, list)):
            got = _same_place(v, copy_[k], parent, key)  # type: ignore[index]
            if got is not None:
                return got
    return None


def test_lists_json_and_non_objects(run, tmp_path: Path) -> None:
    lst = _write(tmp_path, "list.yaml", """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata:
            name: ok
        - apiVersion: v1
          kind: ConfigMap
          metadata:
            name: bad
          dta: {}
        """)
    r = run(["validate", "-o", "json", lst])
    docs = json.loads(r.out)["documents"]
    assert [(d["document"], d["name"], d["status"]) for d in docs] == [(1, "ok", "valid"), (1, "bad", "invalid")]
    assert docs[1]["errors"][0]["path"] == "items[1].dta"
    assert (docs[1]["errors"][0]["line"], docs[1]["errors"][0]["column"]) == (12, 3)
    js = tmp_path / "svc.json"
    js.write_text('{\n  "apiVersion": "v1",\n  "kind": "Service",\n  "metadata": {"name": "s"},\n'
                  '  "spec": {"ports": [{"port": "http"}]}\n}\n')
    r = run(["validate", str(js)])
    assert r.out.startswith(f"{js}:5:23: document 1: spec.ports[0].port: Service in version \"v1\" cannot be handled")
    scalar = _write(tmp_path, "scalar.yaml", "just a string\n")
    r = run(["validate", scalar])
    assert r.out == (f'{scalar}:1:1: document 1: error validating "{scalar}": error validating data: invalid object '
                     "to validate; if you choose to ignore these errors, turn validation off with --validate=false\n")


def test_custom_resource_metadata_is_validated_as_objectmeta(run, tmp_path: Path, at_root) -> None:
    f = _write(tmp_path, "w.yaml", WIDGET_OK.replace("name: ok", "name: Not_OK"))
    r = run(["validate", "--crd", "fixtures/validate/crd/widgets.yaml", f])
    assert r.out == (f'{f}:4:3: document 1: metadata.name: The Widget "Not_OK" is invalid: metadata.name: Invalid '
                     'value: "Not_OK": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric '
                     "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
                     "'example.com', regex used for validation is "
                     "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n")


def test_bare_strict_flag_does_not_eat_the_path(run, tmp_path: Path) -> None:
    f = _write(tmp_path, "cm.yaml", UNKNOWN_FIELD)
    r = run(["validate", "--strict", f])
    assert r.code == 1 and r.out.startswith(f"{f}:7:1: document 1: extra: ")
    r = run(["validate", "--strict=maybe", f])
    assert r.code == 1 and 'invalid argument "maybe" for "--strict" flag' in r.err


def test_secret_string_data_is_validated_as_data(run, tmp_path: Path) -> None:
    """The API server merges stringData into data before validating: its keys are checked as data keys, and the
    error is placed where the key was written."""
    f = _write(tmp_path, "s.yaml", """
        apiVersion: v1
        kind: Secret
        metadata:
          name: s
        data:
          ok: b2s=
        stringData:
          'bad key!': value
        """)
    r = run(["validate", "-o", "json", f])
    err = json.loads(r.out)["documents"][0]["errors"][0]
    assert (err["line"], err["column"], err["path"]) == (8, 3, "data[bad key!]")
    assert err["message"].startswith('The Secret "s" is invalid: data[bad key!]: Invalid value: "bad key!": a valid '
                                     "config key must consist of alphanumeric characters")
    assert "value" not in r.out.replace("Invalid value", "")
