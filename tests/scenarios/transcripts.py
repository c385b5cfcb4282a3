"""Replay the scenario transcripts recorded from a real v1.32 cluster (tests/golden/k8s-scenarios/) against
pykubectl, and normalise both sides before comparing them.

The recordings and the rules for comparing them come from ../shared/k8s-recordings (its README, section
"Scenarios"): one shell line per step, run with `bash -c` in a copy of the scenario folder with `kubectl` first on
PATH; what the two sides may differ in (generated names, IPs, ages, timestamps, column widths, row order) is
masked here as that README lists it. Everything else must be equal, byte for byte.

Run by hand: `python -m tests.scenarios.transcripts [-k NAME] [-v]` replays every scenario and prints the steps
that differ (what test_recorded_scenarios.py checks)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "tests" / "golden" / "k8s-scenarios"
KNOWN_FAILING = SCENARIOS / "known-failing.txt"
PARTS = ("exit", "stdout", "stderr")

# The reference cluster's shape (nodes node-1..3 in zones zone-1..3, no control-plane node, 8Gi nodes, its node
# strings, no default StorageClass, no ingress controller, no metrics server): a cluster config, as the recordings'
# README describes that cluster.
REFERENCE_CLUSTER = ROOT / "fixtures" / "clusters" / "k8s-reference.yaml"
SHAPE_CLUSTER = f"kubectl cluster create --config '{REFERENCE_CLUSTER}' >/dev/null\n"

# What the recorder's cleanup removes from namespace `default` before and after each scenario (the recordings'
# README, "Recording cleans namespace default ..."), by the resource names kubectl steps use for them.
RECORDER_CLEANS = {"deployment", "deployments", "deploy", "replicaset", "replicasets", "rs", "statefulset",
                   "statefulsets", "sts", "daemonset", "daemonsets", "ds", "job", "jobs", "cronjob", "cronjobs",
                   "cj", "hpa", "horizontalpodautoscaler", "ingress", "ingresses", "ing", "pvc",
                   "persistentvolumeclaim", "secret", "secrets", "pod", "pods", "po", "service", "services", "svc",
                   "configmap", "configmaps", "cm", "event", "events", "ev", "namespace", "namespaces", "ns"}
_ALIASES = {"sa": "serviceaccount", "serviceaccounts": "serviceaccount", "pdb": "poddisruptionbudget",
            "quota": "resourcequota", "roles": "role", "rolebindings": "rolebinding"}
_CREATE = re.compile(r"^kubectl create (?P<kind>[a-z]+) (?P<name>[a-z0-9][a-z0-9.-]*)(?:\s|$)")
_DELETE = re.compile(r"^kubectl delete (?P<kind>[a-z]+) (?P<names>[a-z0-9][a-z0-9. -]*?)(?:\s+-|$)")


def earlier_recording_leftovers(folder: Path) -> list[str]:
    """The steps whose objects an earlier recording of the same scenario left in the reference cluster: each
    `kubectl create KIND NAME` (no dry run) of a kind the recorder's cleanup skips (ServiceAccounts, Roles, ...)
    that no later step of the scenario deletes. The recordings show them: the final recording's create of such an
    object answers AlreadyExists (06-set-commands step 14, 28-ingress-netpol-rbac step 10)."""
    steps = [cmd.strip() for cmd, _ in read_steps(folder)]
    out = []
    for i, cmd in enumerate(steps):
        m = _CREATE.match(cmd)
        if not m or "--dry-run" in cmd or m["kind"] in RECORDER_CLEANS:
            continue
        kind = _ALIASES.get(m["kind"], m["kind"])
        deleted = any(d and _ALIASES.get(d["kind"], d["kind"]) == kind and m["name"] in d["names"].split()
                      for d in (_DELETE.match(later) for later in steps[i + 1:]))
        if not deleted:
            out.append(cmd)
    return out


def leftovers_script(folder: Path) -> str:
    """The steps earlier_recording_leftovers names, as a script (errors ignored: a step that failed then fails
    now)."""
    return "".join(f"{cmd} >/dev/null 2>&1 || true\n" for cmd in earlier_recording_leftovers(folder))


def prelude(folder: Path) -> str:
    """What runs before a scenario's steps on a new store: the reference cluster's shape, then what an earlier
    recording of the scenario left behind."""
    return SHAPE_CLUSTER + leftovers_script(folder)


@dataclass
class Step:
    cmd: str
    compare: tuple[str, ...] = PARTS
    stdout: str = ""
    stderr: str = ""
    exit: int = 0


def read_steps(folder: Path) -> list[tuple[str, tuple[str, ...]]]:
    """The command lines of `steps`, each with the parts of its output to compare."""
    out = []
    compare: tuple[str, ...] | None = None
    for line in (folder / "steps").read_text().splitlines():
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("@compare "):
            compare = tuple(text.split(None, 1)[1].split(","))
            continue
        if text.startswith("@"):
            continue  # @settle / @sleep: waits against the real cluster; pykubectl settles after each command
        out.append((line, compare or PARTS))
        compare = None
    return out


def recorded(folder: Path) -> list[Step]:
    return [Step(e["cmd"], tuple(e.get("compare") or PARTS), e["stdout"], e["stderr"], e["exit"])
            for e in json.loads((folder / "expected.json").read_text())]


def kubectl_shim(bindir: Path) -> None:
    """`kubectl` on PATH runs this checkout's pykubectl."""
    bindir.mkdir(parents=True, exist_ok=True)
    exe = shutil.which("pykubectl", path=str(Path(sys.executable).parent))
    cmd = exe if exe else f"{sys.executable} -m pykubectl.cli.main"
    shim = bindir / "kubectl"
    shim.write_text(f'#!/bin/sh\nexec {cmd} "$@"\n')
    shim.chmod(0o755)


def environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{work / 'bin'}{os.pathsep}{env['PATH']}"
    env["PYKUBECTL_STORE"] = str(work / "store.db")
    env["PYTHONPATH"] = str(ROOT)
    env["KUBECONFIG"] = str(work / "kubeconfig")
    env.pop("PYKUBECTL_NOW", None)
    env.pop("PYKUBECTL_SEED", None)
    # Every step is a new process: let it keep compiled modules (outside the tree) instead of recompiling them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(os.environ.get("TMPDIR", "/tmp")) / "pykubectl-scenario-pycache"))
    return env


def replay(folder: Path, work: Path) -> list[Step]:
    """Run every step of one scenario against a fresh pykubectl cluster shaped like the reference one."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(folder, work / "scenario", ignore=shutil.ignore_patterns("expected.json", "steps"))
    kubectl_shim(work / "bin")
    env = environment(work)
    subprocess.run(["bash", "-c", prelude(folder)], cwd=work / "scenario", env=env, check=True,
                   capture_output=True, timeout=120)
    got = []
    for cmd, compare in read_steps(folder):
        proc = subprocess.run(["bash", "-c", cmd], cwd=work / "scenario", env=env, capture_output=True,
                              text=True, timeout=120)
        got.append(Step(cmd, compare, proc.stdout, proc.stderr, proc.returncode))
    return got


# ---------------------------------------------------------------------------------------------------------------
# Normalisation

_UID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
_RFC3339 = re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
_DESCRIBE_TIME = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d\d:\d\d:\d\d [+-]\d{4}")
_GO_TIME = re.compile(r"\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4}(?: [A-Z]{3,4})?")
_RV = re.compile(r'(resourceVersion"?:\s*)"?\d+"?')
_DIFF_DIR = re.compile(r"/tmp/(LIVE|MERGED)-\d+/")
_CRONJOB_JOB = re.compile(r"\b([a-z0-9][a-z0-9.-]*?)-\d{8}\b")
_KLOG = re.compile(r"\b([IWEF])\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ ([\w.-]+\.go:\d+)\]")
_CONTAINER_ID = re.compile(r"\b(?:containerd|docker|cri-o)://[0-9a-f]+")
_DIGEST = re.compile(r"@sha256:[0-9a-f]{64}")
_NODEPORT_SLASH = re.compile(r"\b(3[0-2]\d{3})(?=/(?:TCP|UDP|SCTP)\b)")
_NODEPORT_KEY = re.compile(r'(nodePort"?:\s*)(\d+)')
_NODE_NAME = re.compile(r"\bnode-\d+\b")
_NODE_IP = re.compile(r"(Node:\s+<node>/)[\d.]+")
_HOST_IP = re.compile(r'((?:hostIP|"hostIP")"?:\s*"?)[\d.]+')
_AGE_CELL = re.compile(r"(?:\d+[smhdy])+|<invalid>|(?:\d+[smhdy])+ \(x\d+ over (?:\d+[smhdy])+\)")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_SAFE = "bcdfghjklmnpqrstvwxz2456789"  # the alphabet of Kubernetes' generated names (rand.SafeEncodeString)
_HASH = re.compile(rf"(?:(?<=-)|(?<=-hash=)|(?<=-hash: )|(?<=-hash\": \"))([{_SAFE}]{{5,10}})(?![A-Za-z0-9])")
# A node's own words in an error the API server passes on: the reference cluster's kubelet runs no containers and
# says so in its words (k8s-recordings README), pykubectl's simulated kubelet in its own
# (api/podutil.KUBELET_RUNS_NO_CONTAINERS); the text around them is the server's and kubectl's, compared as is.
_KUBELET_SAYS = re.compile(r"the (?:fake kubelet of k8s-reference|simulated kubelet of pykubectl) does not run "
                           r"containers")
_SPACES = re.compile(r" {2,}|\t+")
_HEADER = re.compile(r"^\s*[A-Z][A-Z0-9()-]*(?: [A-Z][A-Z0-9()-]*)*(?: {2,}|\t)")


def _drop_managed_fields(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    skip_indent: int | None = None
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        if skip_indent is not None:
            stripped = line.strip()
            if not stripped:
                continue
            # YAML: the block's items are indented deeper (or are '- ' at the same depth); JSON: up to the bracket.
            if skip_indent < 0:
                if stripped.startswith("]") and indent == -skip_indent - 1:
                    skip_indent = None
                continue
            if indent > skip_indent or (indent == skip_indent and stripped.startswith("- ")):
                continue
            skip_indent = None
        stripped = line.strip()
        if stripped.startswith("managedFields:"):
            skip_indent = indent
            continue
        if stripped.startswith('"managedFields": ['):
            if stripped.endswith("],") or stripped.endswith("]"):
                continue
            skip_indent = -indent - 1
            continue
        out.append(line)
    return "\n".join(out)


def _mask_load_balancers(text: str) -> str:
    out = []
    header: list[int] | None = None
    for line in text.split("\n"):
        if "EXTERNAL-IP" in line and line.lstrip().startswith(("NAME", "NAMESPACE")):
            header = [m.start() for m in re.finditer(r"\S+", line)]
            names = line.split()
            col = names.index("EXTERNAL-IP")
        elif header is not None and line.strip() and "LoadBalancer" in line:
            cells = _SPACES.split(line.strip())
            if len(cells) == len(header):
                cells[col] = "<lb>"
                line = "   ".join(cells)
        elif not line.strip():
            header = None
        line = re.sub(r"^(\s*LoadBalancer Ingress:\s+).*$", r"\1<lb>", line)
        out.append(line)
    text = "\n".join(out)
    # status.loadBalancer in YAML and JSON
    text = re.sub(r"(?m)^(\s*)loadBalancer:\n(?:\1\s+.*\n)*", r"\1loadBalancer: <lb>\n", text)
    text = re.sub(r'(?s)("loadBalancer": )\{.*?\n(\s*)\}', r"\1<lb>", text)
    return text


def _sort_data_blocks(text: str) -> str:
    """The `key: value` lines of a describe Data block: kubectl prints them in Go map order."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) - 1:
        if lines[i].strip() in ("Data", "BinaryData") and lines[i + 1].strip().startswith("===="):
            j = i + 2
            while j < len(lines) and re.match(r"^\S[^:]*:\s+\S.*$", lines[j]) and not lines[j].endswith(":"):
                j += 1
            lines[i + 2:j] = sorted(lines[i + 2:j])
            i = j
        else:
            i += 1
    return "\n".join(lines)


def _mask_node_column(text: str) -> str:
    out = []
    col: int | None = None
    for line in text.split("\n"):
        if _HEADER.match(line):
            names = _SPACES.split(line.strip())
            col = names.index("NODE") if "NODE" in names else None
            ncols = len(names)
        elif not line.strip():
            col = None
        elif col is not None:
            cells = _SPACES.split(line.strip())
            if len(cells) == ncols:
                cells[col] = "<node>"
                line = "   ".join(cells)
        out.append(line)
    return "\n".join(out)


def deterministic(text: str) -> str:
    text = _UID.sub("<uid>", text)
    text = _RFC3339.sub("<ts>", text)
    text = _DESCRIBE_TIME.sub("<ts>", text)
    text = _GO_TIME.sub("<ts>", text)
    text = _RV.sub(r'\1"<rv>"', text)
    text = _DIFF_DIR.sub(r"/tmp/\1-<n>/", text)
    text = _CRONJOB_JOB.sub(r"\1-<sched>", text)
    text = _KLOG.sub(r"\1<klog> \2]", text)
    text = _CONTAINER_ID.sub("<containerid>", text)
    text = _DIGEST.sub("@sha256:<digest>", text)
    text = _NODEPORT_SLASH.sub(lambda m: "<nodeport>" if 30000 <= int(m.group(1)) <= 32767 else m.group(1), text)
    text = _NODEPORT_KEY.sub(lambda m: m.group(1) + ("<nodeport>" if 30000 <= int(m.group(2)) <= 32767
                                                     else m.group(2)), text)
    text = _NODE_NAME.sub("<node>", text)
    text = _mask_node_column(text)
    text = _NODE_IP.sub(r"\1<nodeip>", text)
    text = _HOST_IP.sub(r"\1<nodeip>", text)
    text = _drop_managed_fields(text)
    text = _mask_load_balancers(text)
    text = _sort_data_blocks(text)
    text = _KUBELET_SAYS.sub("<the kubelet> does not run containers", text)
    return _mask_host_ip_lists(text)


def _mask_host_ip_lists(text: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip().startswith(("hostIPs:", '"hostIPs": [')):
            indent = len(line) - len(line.lstrip())
            j = i + 1
            while j < len(lines) and (len(lines[j]) - len(lines[j].lstrip()) > indent
                                      or lines[j].lstrip().startswith("- ")):
                lines[j] = _IPV4.sub("<nodeip>", lines[j])
                j += 1
    return "\n".join(lines)


def ages(text: str) -> str:
    out = []
    for line in text.split("\n"):
        indent = line[:len(line) - len(line.lstrip())]
        body = line[len(indent):]
        if not body:
            out.append(line)
            continue
        seps = _SPACES.findall(body)
        cells = _SPACES.split(body)
        if len(cells) == 1 and ":" not in body:
            out.append(line)
            continue
        cells = ["<age>" if _AGE_CELL.fullmatch(c) else c for c in cells]
        # `Age:  5m` in describe output, `Last Schedule Time` style cells are timestamps (masked already)
        rebuilt = cells[0]
        for sep, cell in zip(seps, cells[1:]):
            rebuilt += sep + cell
        out.append(indent + rebuilt)
    return "\n".join(out)


class Numbering:
    """Generated tokens numbered by first appearance over one transcript."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], str] = {}
        self.counts: dict[str, int] = {}

    def name(self, kind: str, token: str) -> str:
        key = (kind, token)
        if key not in self.seen:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.seen[key] = f"<{kind}{self.counts[kind]}>"
        return self.seen[key]

    def _tokens(self, line: str) -> list[tuple[int, int, str, str]]:
        found = []
        for m in _HASH.finditer(line):
            found.append((m.start(1), m.end(1), "sfx" if len(m.group(1)) == 5 else "hash", m.group(1)))
        for m in _IPV4.finditer(line):
            found.append((m.start(), m.end(), "ip", m.group(0)))
        found.sort()
        return found

    def apply_line(self, line: str) -> str:
        out, pos = [], 0
        for start, end, kind, token in self._tokens(line):
            if start < pos:
                continue
            out.append(line[pos:start])
            out.append(self.name(kind, token))
            pos = end
        out.append(line[pos:])
        return "".join(out)

    def masked(self, line: str) -> str:
        out, pos = [], 0
        for start, end, kind, token in self._tokens(line):
            if start < pos:
                continue
            out.append(line[pos:start])
            out.append(self.seen.get((kind, token), f"<{kind}>"))
            pos = end
        out.append(line[pos:])
        return "".join(out)

    def text(self, text: str, no_headers: bool) -> str:
        lines = text.split("\n")
        blocks = table_blocks(lines, no_headers)
        in_block = {}
        for start, end in blocks:
            for i in range(start, end):
                in_block[i] = (start, end)
        i = 0
        result = list(lines)
        while i < len(lines):
            if i in in_block:
                start, end = in_block[i]
                rows = list(range(start, end))
                while rows:
                    best = min(rows, key=lambda r: self.masked(lines[r]))
                    result[best] = self.apply_line(lines[best])
                    rows.remove(best)
                i = end
            else:
                result[i] = self.apply_line(lines[i])
                i += 1
        return "\n".join(result)


def table_blocks(lines: list[str], no_headers: bool) -> list[tuple[int, int]]:
    """(first row, end) of each table's rows: after an upper-case header line, or after a describe header over
    a `----` line; with --no-headers the whole output."""
    if no_headers:
        end = len(lines)
        while end and not lines[end - 1].strip():
            end -= 1
        return [(0, end)] if end else []
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i]
        start = None
        if i + 1 < len(lines) and re.match(r"^\s*-{2,}(?:\s+-{2,})*\s*$", lines[i + 1]) and line.strip():
            start = i + 2
        elif _HEADER.match(line):
            start = i + 1
        if start is None:
            i += 1
            continue
        indent = len(line) - len(line.lstrip())
        end = start
        while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) >= indent \
                and not _HEADER.match(lines[end]):
            end += 1
        if end > start:
            blocks.append((start, end))
        i = max(end, i + 1)
    return blocks


def spacing(text: str) -> str:
    out = []
    for line in text.split("\n"):
        indent = line[:len(line) - len(line.lstrip(" "))]
        body = line[len(indent):]
        if _SPACES.search(body.rstrip()):
            body = "\t".join(_SPACES.split(body.rstrip()))
        out.append(indent + body)
    return "\n".join(out)


def sort_rows(text: str, no_headers: bool) -> str:
    lines = text.split("\n")
    for start, end in table_blocks(lines, no_headers):
        lines[start:end] = sorted(lines[start:end])
    return "\n".join(lines)


def _sorted_ip_lists(text: str) -> str:
    return re.sub(r"<ip\d+>(?:,<ip\d+>)+",
                  lambda m: ",".join(sorted(m.group(0).split(","), key=lambda s: int(s[3:-1]))), text)


def normalise(steps: list[Step]) -> list[Step]:
    """Both sides of a comparison go through this, one whole transcript at a time."""
    numbering = Numbering()
    out = []
    for step in steps:
        no_headers = "--no-headers" in step.cmd
        parts = {}
        for part in ("stdout", "stderr"):
            text = deterministic(getattr(step, part))
            text = ages(text)
            text = numbering.text(text, no_headers)
            text = _sorted_ip_lists(text)
            text = spacing(text)
            text = sort_rows(text, no_headers)
            parts[part] = text
        out.append(Step(step.cmd, step.compare, parts["stdout"], parts["stderr"], step.exit))
    return out


def view(step: Step, part: str) -> str:
    if part == "exit":
        return str(step.exit)
    if part.endswith("-first-line"):
        return getattr(step, part[:-len("-first-line")]).split("\n", 1)[0]
    return getattr(step, part)


def differences(expected: Step, got: Step) -> list[str]:
    """The parts (exit/stdout/stderr…) of one normalised step that differ."""
    return [part for part in expected.compare if view(expected, part) != view(got, part)]


@dataclass
class Outcome:
    scenario: str
    steps: list[tuple[int, Step, Step, list[str]]] = field(default_factory=list)  # (number, expected, got, diffs)

    @property
    def failing(self) -> list[int]:
        return [n for n, _, _, diffs in self.steps if diffs]


def check(folder: Path, work: Path) -> Outcome:
    expected = recorded(folder)
    got = replay(folder, work)
    assert [s.cmd for s in got] == [s.cmd.rstrip() for s in expected] or len(got) == len(expected), folder
    exp_n, got_n = normalise(expected), normalise(got)
    outcome = Outcome(folder.name)
    for n, (e, g) in enumerate(zip(exp_n, got_n), 1):
        outcome.steps.append((n, e, g, differences(e, g)))
    return outcome


def load_known_failing() -> dict[str, str]:
    """`NN-name step K: reason` lines: steps pykubectl does not match yet."""
    known = {}
    if KNOWN_FAILING.exists():
        for line in KNOWN_FAILING.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, _, reason = line.partition(":")
                known[key.strip()] = reason.strip()
    return known


def describe(n: int, exp: Step, got: Step, diffs: list[str]) -> str:
    import difflib

    text = [f"step {n}: {exp.cmd}"]
    for part in diffs:
        text.extend(difflib.unified_diff(view(exp, part).split("\n"), view(got, part).split("\n"),
                                         f"expected/{part}", f"got/{part}", lineterm=""))
    return "\n".join(text)


def main(argv: list[str]) -> int:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m tests.scenarios.transcripts")
    parser.add_argument("-k", default="", help="only scenarios whose name contains this")
    parser.add_argument("-v", action="store_true", help="print each mismatch")
    parser.add_argument("--write-known-failing", action="store_true",
                        help="rewrite known-failing.txt from this run (keeps existing reasons)")
    args = parser.parse_args(argv)
    known = load_known_failing()
    total = matched = 0
    failing: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for folder in sorted(p for p in SCENARIOS.iterdir() if p.is_dir() and args.k in p.name):
            outcome = check(folder, Path(tmp) / folder.name)
            for n, exp, got, diffs in outcome.steps:
                total += 1
                key = f"{folder.name} step {n}"
                if diffs:
                    failing[key] = known.get(key, "")
                    if args.v:
                        print(f"--- {folder.name} " + describe(n, exp, got, diffs))
                else:
                    matched += 1
            print(f"{folder.name}: {len(outcome.steps) - len(outcome.failing)}/{len(outcome.steps)} steps match",
                  flush=True)
    print(f"conformance: {matched}/{total} steps match ({100.0 * matched / max(total, 1):.1f}%)")
    if args.write_known_failing:
        keep = {k: v for k, v in known.items() if args.k not in k.split(" ")[0]}
        keep.update(failing)
        header = [line for line in KNOWN_FAILING.read_text().splitlines() if line.startswith("#")] \
            if KNOWN_FAILING.exists() else []
        KNOWN_FAILING.write_text("\n".join(header + [f"{k}: {v}" if v else f"{k}:" for k, v in
                                                     sorted(keep.items(), key=_step_order)]) + "\n")
    return 0


def _step_order(item: tuple[str, str]) -> tuple[str, int]:
    name, _, n = item[0].partition(" step ")
    return name, int(n)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
