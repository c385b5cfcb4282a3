"""auth reconcile against real kubectl 1.32: the steps of tests/data/auth_reconcile/steps.txt were run in order by
real kubectl through `pykubectl serve` on a fresh store (tools/record_auth_reconcile.py); pykubectl runs the same
steps in order on a fresh store of its own and must print the same stdout and stderr and exit the same at every step.
The steps create roles and bindings with their namespace, add missing rules and subjects, remove extra ones when
asked, re-create a binding whose roleRef changed, leave an opted-out object alone, pass over non-RBAC objects, and
make kubectl's errors (v1beta1 objects, no namespace, a namespace other than -n's, arguments, --dry-run=server)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from pykubectl.cli import auth_reconcile

DATA = Path(__file__).resolve().parents[1] / "data" / "auth_reconcile"
RECORDED = json.loads((DATA / "recorded.json").read_text(encoding="utf-8"))


def _mask_klog(text: str) -> str:
    """klog's header carries the wall clock and the process id."""
    return re.sub(r"^([IWE])\d{4} [0-9:.]+ +\d+ ", r"\1 ", text, flags=re.M)


def test_steps_match_kubectl_in_order(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(DATA)
    for step in RECORDED:
        res = run(shlex.split(step["line"]))
        got = (res.out, _mask_klog(res.err), res.code)
        assert got == (step["stdout"], _mask_klog(step["stderr"]), step["exit"]), step["line"]


def test_covers_breaks_rules_down_and_honours_wildcards() -> None:
    owner = [{"apiGroups": ["*"], "resources": ["*/status"], "verbs": ["get"]},
             {"nonResourceURLs": ["/logs/*"], "verbs": ["*"]}]
    wanted = [{"apiGroups": ["apps"], "resources": ["deployments/status", "deployments"], "verbs": ["get"]},
              {"nonResourceURLs": ["/logs/x", "/healthz"], "verbs": ["get"]}]
    missing = auth_reconcile.uncovered(owner, wanted)
    assert [auth_reconcile.go_rule(r) for r in missing] == [
        "{Verbs:[get] APIGroups:[apps] Resources:[deployments] ResourceNames:[] NonResourceURLs:[]}",
        "{Verbs:[get] APIGroups:[] Resources:[] ResourceNames:[] NonResourceURLs:[/healthz]}"]
