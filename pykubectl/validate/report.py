"""Report formats for ``pykubectl validate``: text, json, junit, tap, sarif, github.

Every format carries, for each error: the file, the document number (1-based among the file's documents), the
1-based line and column of the offending field, the field path and the message.
"""

from __future__ import annotations

import json
from typing import Any

from .core import DocResult, Finding

FORMATS = ("text", "json", "junit", "tap", "sarif", "github")


def summary_counts(results: list[DocResult]) -> dict[str, int]:
    docs = len(results)
    skipped = sum(1 for r in results if r.status == "skipped")
    invalid = sum(1 for r in results if r.status in ("invalid", "error"))
    errors = sum(len(r.findings) for r in results)
    return {"documents": docs, "valid": docs - skipped - invalid, "invalid": invalid, "errors": errors,
            "skipped": skipped}


def summary_line(results: list[DocResult]) -> str:
    c = summary_counts(results)
    return (f"Summary: {c['documents']} documents, {c['valid']} valid, {c['invalid']} invalid, {c['errors']} errors, "
            f"{c['skipped']} skipped")


def _findings(results: list[DocResult]) -> list[Finding]:
    return [f for r in results for f in r.findings]


def _where(f: Finding) -> str:
    return f"{f.file}:{f.line}:{f.column}"


def text(results: list[DocResult], summary: bool) -> str:
    lines = []
    for f in _findings(results):
        path = f" {f.path}:" if f.path else ""
        lines.append(f"{_where(f)}: document {f.document}:{path} {f.message}")
    if summary:
        lines.append(summary_line(results))
    return "".join(line + "\n" for line in lines)


def to_json(results: list[DocResult], summary: bool) -> str:
    out: dict[str, Any] = {
        "documents": [
            {"file": r.file, "document": r.document, "line": r.line, "apiVersion": r.api_version, "kind": r.kind,
             "name": r.name, "status": r.status,
             "errors": [{"line": f.line, "column": f.column, "path": f.path, "rule": f.rule, "message": f.message}
                        for f in r.findings]}
            for r in results
        ],
    }
    out["summary"] = summary_counts(results)
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def junit(results: list[DocResult], summary: bool) -> str:
    from xml.etree import ElementTree as ET

    counts = summary_counts(results)
    suites = ET.Element("testsuites", name="pykubectl validate", tests=str(counts["documents"]),
                        failures=str(counts["invalid"]), errors="0", skipped=str(counts["skipped"]))
    by_file: dict[str, list[DocResult]] = {}
    for r in results:
        by_file.setdefault(r.file, []).append(r)
    for file, rs in by_file.items():
        fails = sum(1 for r in rs if r.status in ("invalid", "error"))
        skips = sum(1 for r in rs if r.status == "skipped")
        suite = ET.SubElement(suites, "testsuite", name=file, tests=str(len(rs)), failures=str(fails), errors="0",
                              skipped=str(skips))
        for r in rs:
            label = f"{r.kind}/{r.name}" if r.kind else "document"
            case = ET.SubElement(suite, "testcase", name=f"{label} (document {r.document})", classname=file,
                                 file=file, line=str(r.line))
            if r.status == "skipped":
                ET.SubElement(case, "skipped")
            for f in r.findings:
                fail = ET.SubElement(case, "failure", type=f.rule,
                                     message=f"{_where(f)}: {f.path + ': ' if f.path else ''}{f.message}")
                fail.text = f"{_where(f)}: document {f.document}: {f.path + ': ' if f.path else ''}{f.message}"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def tap(results: list[DocResult], summary: bool) -> str:
    lines = ["TAP version 13", f"1..{len(results)}"]
    for i, r in enumerate(results, 1):
        label = f"{r.file} document {r.document}" + (f" {r.kind}/{r.name}" if r.kind else "")
        if r.status == "skipped":
            lines.append(f"ok {i} - {label} # SKIP")
        elif r.findings:
            lines.append(f"not ok {i} - {label}")
            lines.append("  ---")
            lines.append("  errors:")
            for f in r.findings:
                lines.append(f"    - message: {json.dumps(f.message, ensure_ascii=False)}")
                lines.append(f"      path: {json.dumps(f.path)}")
                lines.append(f"      line: {f.line}")
                lines.append(f"      column: {f.column}")
            lines.append("  ...")
        else:
            lines.append(f"ok {i} - {label}")
    if summary:
        lines.append("# " + summary_line(results))
    return "\n".join(lines) + "\n"


def sarif(results: list[DocResult], summary: bool) -> str:
    from .. import __version__

    rules = sorted({f.rule for f in _findings(results)})
    out = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pykubectl validate",
                "version": __version__,
                "informationUri": "https://kubernetes.io/docs/reference/kubectl/",
                "rules": [{"id": r, "shortDescription": {"text": _RULE_TEXT.get(r, r)}} for r in rules],
            }},
            "results": [
                {
                    "ruleId": f.rule,
                    "level": "error",
                    "message": {"text": (f"{f.path}: " if f.path else "") + f.message},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": f.file},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }}],
                    "properties": {"document": f.document, "path": f.path, "kind": f.kind, "name": f.name},
                }
                for f in _findings(results)
            ],
        }],
    }
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


_RULE_TEXT = {
    "parse": "YAML or JSON that cannot be read",
    "client": "apiVersion or kind missing (kubectl's client-side check)",
    "no-match": "apiVersion/kind not served by this Kubernetes version",
    "rejected": "kind rejected with --reject",
    "decode": "a field of the wrong type (the API server's decoder)",
    "unknown-field": "a field the schema does not declare (strict decoding)",
    "invalid": "the API server's semantic validation",
    "crd": "a custom resource against its CustomResourceDefinition",
    "simulate": "would not become ready on the simulated cluster",
}


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def github(results: list[DocResult], summary: bool) -> str:
    lines = []
    for f in _findings(results):
        msg = (f"document {f.document}: {f.path}: " if f.path else f"document {f.document}: ") + f.message
        lines.append(f"::error file={_gh_escape(f.file, True)},line={f.line},col={f.column},"
                     f"title={_gh_escape(f.rule, True)}::{_gh_escape(msg)}")
    if summary:
        lines.append(summary_line(results))
    return "".join(line + "\n" for line in lines)


def render(fmt: str, results: list[DocResult], summary: bool) -> str:
    return {"text": text, "json": to_json, "junit": junit, "tap": tap, "sarif": sarif, "github": github}[fmt](
        results, summary)
