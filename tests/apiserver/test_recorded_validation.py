"""The validation corpus recorded from a real v1.32 control plane with kubectl 1.32, replayed against pykubectl.

tests/golden/k8s-validation/ holds the recording as it was made (README there): 928 cases, each a manifest
in cases/, its setup files and verb in order.json, and in expected.json the exact stdout, stderr and exit of
`kubectl <verb> --dry-run=server`, `kubectl create --dry-run=server` and `kubectl <verb>`, run with cwd = cases/
in a namespace `vcorpus` that is empty at the start of every case.

Per case: a copy of one template store (bootstrapped once per session: nodes node-1..3 as in the reference
cluster, namespace vcorpus created), the setup applies, the three commands through the CLI in-process; both
sides masked as the recording's README says (UIDs, resourceVersions, RFC 3339 times, Go pointers, U+00A0 in
go-cmp diffs, the 5-character suffix of generated names, cluster IPs the allocator drew); exit, stdout and stderr compared exactly, `* ` bullets as a set where the case is flagged
`unordered_bullets`. Then `pykubectl validate` of the case file (CRDs from the store, so a CR case sees its CRD
setup) must give the verdict of the recorded `--dry-run=server` (valid or invalid), except where the verdict
depends on what validate does not look at (an old object of an update pair, quota/LimitRange/PriorityClass/
ServiceAccount/namespace-label admission setups) or on what validate does not model: admission plugins (a
Forbidden answer) and kubectl's -n check.

known-failing.txt lists the cases pykubectl does not reproduce yet (`case reason`): they are expected
failures, and a listed case that passes fails the test, so the list only shrinks.
`pytest tests/apiserver/test_recorded_validation.py --update-known-failing` rewrites the list from the actual
results (keeping the reasons of cases still failing; new ones get `unclassified`): read the diff.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Runner

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "golden" / "k8s-validation"
CASES = CORPUS / "cases"
KNOWN_FAILING = CORPUS / "known-failing.txt"
NAMESPACE = "vcorpus"
COMMANDS = ("dry_run_server", "create_dry_run_server", "apply")

ORDER = json.loads((CORPUS / "order.json").read_text())["cases"]
EXPECTED = json.loads((CORPUS / "expected.json").read_text())

_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")
_PTR = re.compile(r"\(0xc[0-9a-f]+\)")
_RV = re.compile(r"(resourceVersion\\*\"?\s*[:=]\s*\\*\"?)\d+")
# A generated name printed as kind/name: the 5 characters the server appends to generateName.
_GENERATED = re.compile(r"(/[a-z0-9.-]*-)[bcdfghjklmnpqrstvwxz2456789]{5}(?= )")


def mask(text: str) -> str:
    """The README's masking: what legitimately differs between two runs of the same case."""
    text = _UID.sub("<uid>", text)
    text = _TS.sub("<ts>", text)
    text = _PTR.sub("(0xc<ptr>)", text)
    text = _RV.sub(r"\1<rv>", text)
    text = _GENERATED.sub(r"\1<sfx>", text)
    return text.replace("\u00a0", " ")


_SERVICE_IP = re.compile(r"\b10\.(?:9[6-9]|10[0-9]|11[01])\.\d{1,3}\.\d{1,3}\b")


def mask_allocated_ips(text: str, named: set[str]) -> str:
    """A Service's cluster IP that no manifest of the case names was drawn at random by the allocator (from the
    reference cluster's 10.96.0.0/12): it differs between two runs as a UID does."""
    return _SERVICE_IP.sub(lambda m: m.group(0) if m.group(0) in named else "<allocated-ip>", text)


def _named_ips(entry: dict) -> set[str]:
    return {ip for f in (entry["case"], *entry["setup"]) for ip in _SERVICE_IP.findall((CASES / f).read_text())}


def comparable(text: str, unordered: bool, named: set[str] | None = None) -> object:
    text = mask(text)
    if named is not None:
        text = mask_allocated_ips(text, named)
    if not unordered:
        return text
    lines = text.split("\n")
    bullets = sorted(ln for ln in lines if ln.lstrip().startswith("* "))
    return [ln for ln in lines if not ln.lstrip().startswith("* ")], bullets


def _setup_kinds(setup: list[str]) -> set[str]:
    kinds = set()
    for name in setup:
        for m in re.finditer(r"^kind:\s*(\S+)", (CASES / name).read_text(), re.M):
            kinds.add(m.group(1))
    return kinds


def validate_applies(entry: dict) -> bool:
    """Whether `pykubectl validate` can judge this case as the server did: only CRDs are context validate reads
    (from the store); a case whose setup is an old object (an update pair's -base file) or an admission object is
    judged against state validate does not model."""
    base = entry["case"].removesuffix(".yaml") + "-base.yaml"
    if base in entry["setup"] or not _setup_kinds(entry["setup"]) <= {"CustomResourceDefinition"}:
        return False
    # validate checks what the API server's decoding and validation say, not admission plugins (which read the
    # cluster: ServiceAccounts, PriorityClasses, quotas) nor kubectl's own -n check.
    stderr = EXPECTED[entry["case"]]["dry_run_server"]["stderr"]
    return not stderr.startswith(("Error from server (Forbidden)", "error: the namespace from the provided object"))


def load_known_failing() -> dict[str, str]:
    known: dict[str, str] = {}
    if KNOWN_FAILING.exists():
        for ln in KNOWN_FAILING.read_text().splitlines():
            if ln.strip() and not ln.startswith("#"):
                case, _, reason = ln.partition(" ")
                known[case] = reason.strip()
    return known


KNOWN = load_known_failing()
_RESULTS: dict[str, bool] = {}


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cluster shaped like the reference one: nodes node-1..3, no control-plane node, no StorageClass, namespace
    vcorpus."""
    path = tmp_path_factory.mktemp("vcorpus") / "template.db"
    run = Runner(str(path), seed="vcorpus")
    for i in (1, 2, 3):
        res = run(["cluster", "nodes", "add", f"node-{i}"])
        assert res.code == 0, res.err
    for old in ("pykubectl-control-plane", "pykubectl-worker", "pykubectl-worker2"):
        res = run(["cluster", "nodes", "remove", old])
        assert res.code == 0, res.err
    # The reference cluster had no default StorageClass (a claim made there without one keeps
    # `StorageClassName: nil`: case 880's diff), so the DefaultStorageClass admission plugin sets none.
    res = run(["delete", "storageclass", "--all"])
    assert res.code == 0, res.err
    res = run(["create", "namespace", NAMESPACE])
    assert res.code == 0, res.err
    res = run(["get", "nodes", "-o", "name"])
    assert res.out == "node/node-1\nnode/node-2\nnode/node-3\n", res.out
    # The store runs in WAL mode and the in-process runs may keep it open: SQLite's backup makes one
    # self-contained file that a plain copy can clone.
    clean = path.with_name("clean.db")
    src, dst = sqlite3.connect(path), sqlite3.connect(clean)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return clean


def replay(entry: dict, store: Path) -> list[str]:
    """Run one case against `store`; the differences from the recording, empty when it matches."""
    case = entry["case"]
    expected = EXPECTED[case]
    unordered = bool(entry.get("unordered_bullets"))
    named = _named_ips(entry)
    run = Runner(str(store), seed=case)
    problems: list[str] = []
    for setup_name, rec in zip(entry["setup"], expected["setup"]):
        res = run(["apply", "-n", NAMESPACE, "-f", setup_name])
        if res.code != rec["exit"]:
            problems.append(f"setup {setup_name}: exit {res.code}, recorded {rec['exit']}: {res.err.strip()}")
    for what in COMMANDS:
        rec = expected[what]
        args = rec["argv"][1:]
        res = run(args)
        if res.code != rec["exit"]:
            problems.append(f"{what}: exit {res.code}, recorded {rec['exit']}")
        for stream, got in (("stdout", res.out), ("stderr", res.err)):
            if comparable(got, unordered, named) != comparable(rec[stream], unordered, named):
                problems.append(f"{what} {stream}:\n  recorded: {mask(rec[stream])!r}\n  actual:   {mask(got)!r}")
    if validate_applies(entry):
        res = run(["validate", case])
        want_valid = expected["dry_run_server"]["exit"] == 0
        if (res.code == 0) != want_valid or res.code not in (0, 1):
            problems.append(f"validate: exit {res.code}, but the recorded --dry-run=server "
                            f"{'accepted' if want_valid else 'rejected'} it: {(res.out + res.err).strip()[:600]}")
    return problems


@pytest.mark.parametrize("entry", ORDER, ids=[e["case"].removesuffix(".yaml") for e in ORDER])
def test_recorded_case(entry: dict, template_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    monkeypatch.delenv("PYKUBECTL_TRACEBACK", raising=False)
    store = tmp_path / "store.db"
    shutil.copyfile(template_store, store)
    problems = replay(entry, store)
    case = entry["case"]
    _RESULTS[case] = not problems
    if case in KNOWN:
        if problems:
            pytest.xfail(KNOWN[case])
        pytest.fail(f"{case} now matches the recording: remove it from {KNOWN_FAILING.name}")
    assert not problems, f"{case} ({entry['class']}):\n" + "\n".join(problems)


def test_known_failing_names_real_cases() -> None:
    names = {e["case"] for e in ORDER}
    assert not set(KNOWN) - names, f"{KNOWN_FAILING.name} lists unknown cases: {sorted(set(KNOWN) - names)}"
    assert all(KNOWN.values()), "every known-failing case needs a reason class"


def test_corpus_is_complete() -> None:
    assert len(ORDER) == 928
    assert {e["case"] for e in ORDER} == set(EXPECTED)
    for e in ORDER:
        for f in (e["case"], *e["setup"]):
            assert (CASES / f).is_file(), f


def test_masking_keeps_what_matters() -> None:
    a = 'Labels:{"controller-uid":"e5d7124c-1530-4f5b-a3e9-da472d48c9e3"} (*int64)(0xc00ca14db8)\u00a0x'
    b = 'Labels:{"controller-uid":"00000000-1111-2222-3333-444444444444"} (*int64)(0xc000001234) x'
    assert mask(a) == mask(b)
    assert mask('\\"resourceVersion\\":\\"12\\"') == mask('\\"resourceVersion\\":\\"1\\"')
    assert mask("pod/r-pmt6n created\n") == mask("pod/r-x2x4k created\n") != mask("pod/r-pmt6n-x created\n")
    assert mask("spec.replicas: Invalid value: -1") != mask("spec.replicas: Invalid value: -2")
    assert comparable('"10.101.154.170": x', False, set()) == comparable('"10.98.137.214": x', False, set())
    assert comparable('"10.96.0.10": x', False, {"10.96.0.10"}) != comparable('"10.96.0.11": x', False, {"10.96.0.10"})
    assert comparable('"192.168.1.1": x', False, set()) != comparable('"192.168.1.2": x', False, set())
    assert comparable("x\n* a\n* b\n", True) == comparable("x\n* b\n* a\n", True)
    assert comparable("x\n* a\n* b\n", False) != comparable("x\n* b\n* a\n", False)


def update_known_failing() -> None:
    """Rewrite known-failing.txt from this run's results (tests/apiserver/conftest.py calls it at the end of a
    session run with --update-known-failing that replayed every case)."""
    if len(_RESULTS) != len(ORDER):
        return
    lines = []
    for e in ORDER:
        case = e["case"]
        if not _RESULTS[case]:
            lines.append(f"{case} {KNOWN.get(case, 'unclassified')}")
    header = [ln for ln in (KNOWN_FAILING.read_text().splitlines() if KNOWN_FAILING.exists() else [])
              if ln.startswith("#")]
    KNOWN_FAILING.write_text("\n".join(header + lines) + "\n")
