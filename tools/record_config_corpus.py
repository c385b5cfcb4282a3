#!/usr/bin/env python3
"""Record what real kubectl 1.32 prints, and the kubeconfig it leaves, for the config command corpus
(tests/data/config/lines.txt).

Each line is ``START | ARGS``: START names a file of tests/data/config/start/ copied to a fresh directory as ``kc``
(with ``ca.crt`` beside it), or ``none`` for no file, or two such names joined by ``+`` (the second copied as
``kc2``); ARGS are kubectl's words, in which ``{kc}``, ``{kc2}`` and ``{dir}`` stand for the copies and their
directory; ARGS starting with ``KUBECONFIG={kc}`` run with that variable set. The recorder runs each line with HOME set to an empty directory and KUBECONFIG
unset, and writes stdout, stderr, the exit code and the file afterwards (null when absent) to
tests/data/config/recorded.json, with the directory written back as ``{dir}``. tests/cli/test_config_corpus.py replays
every line through pykubectl and compares all four exactly. The help texts of the config commands and of auth
reconcile go to tests/data/config/help.json.

Usage: python tools/record_config_corpus.py [--kubectl PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "config"


def read_cases(path: Path = DATA / "lines.txt") -> list[tuple[str, str]]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            start, _, args = line.partition("|")
            out.append((start.strip(), args.strip()))
    return out


def prepare(start: str, directory: Path) -> Path:
    """The start file(s) copied to ``directory/kc`` (and ``kc2``), ca.crt beside them; the path of ``kc``."""
    shutil.copy(DATA / "start" / "ca.crt", directory / "ca.crt")
    for name, target in zip(start.split("+"), ("kc", "kc2")):
        if name != "none":
            shutil.copy(DATA / "start" / f"{name}.yaml", directory / target)
    return directory / "kc"


def words(args: str, directory: Path) -> list[str]:
    """The line's words (without a leading KUBECONFIG=… assignment)."""
    out = [w.replace("{kc}", str(directory / "kc")).replace("{kc2}", str(directory / "kc2"))
           .replace("{dir}", str(directory)) for w in shlex.split(args)]
    return out[1:] if out and out[0].startswith("KUBECONFIG=") else out


def kubeconfig_env(args: str, directory: Path) -> str | None:
    """The KUBECONFIG a line sets, if any."""
    first = shlex.split(args)[0]
    if not first.startswith("KUBECONFIG="):
        return None
    return first.partition("=")[2].replace("{kc}", str(directory / "kc")).replace("{kc2}", str(directory / "kc2"))


def default_kubectl() -> str:
    found = shutil.which("kubectl")
    if found:
        beside = Path(os.path.realpath(found)).parent / "kubectl.1.32"
        if beside.exists():
            return str(beside)
    return "kubectl"


def record(kubectl: str) -> list[dict]:
    out = []
    for start, args in read_cases():
        with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as home:
            d = Path(tmp)
            kc = prepare(start, d)
            env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "LANG": "C.UTF-8"}
            if kubeconfig_env(args, d):
                env["KUBECONFIG"] = kubeconfig_env(args, d) or ""
            p = subprocess.run([kubectl, *words(args, d)], cwd=d, env=env, capture_output=True, text=True,
                               timeout=60, stdin=subprocess.DEVNULL)
            after = kc.read_text(encoding="utf-8") if kc.exists() else None
            case = {"start": start, "args": args, "stdout": p.stdout.replace(tmp, "{dir}"),
                    "stderr": p.stderr.replace(tmp, "{dir}"), "exit": p.returncode,
                    "file": after.replace(tmp, "{dir}") if after is not None else None}
            if "+" in start:
                kc2 = d / "kc2"
                case["file2"] = kc2.read_text(encoding="utf-8").replace(tmp, "{dir}") if kc2.exists() else None
            out.append(case)
    return out


HELP_COMMANDS = ["config", *(f"config {c}" for c in (
    "current-context", "delete-cluster", "delete-context", "delete-user", "get-clusters", "get-contexts", "get-users",
    "rename-context", "set", "set-cluster", "set-context", "set-credentials", "unset", "use-context", "use", "view")),
    "auth reconcile"]


def record_help(kubectl: str) -> dict[str, str]:
    """`kubectl COMMAND --help` for the config commands and auth reconcile."""
    env = {"PATH": os.environ.get("PATH", ""), "KUBECONFIG": "/dev/null", "LANG": "C.UTF-8"}
    return {c: subprocess.run([kubectl, *c.split(), "--help"], env=env, capture_output=True, text=True,
                              timeout=60).stdout for c in HELP_COMMANDS}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kubectl", default=default_kubectl())
    a = ap.parse_args()
    recorded = record(a.kubectl)
    (DATA / "recorded.json").write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (DATA / "help.json").write_text(json.dumps(record_help(a.kubectl), indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    print(f"{len(recorded)} lines recorded, {len(HELP_COMMANDS)} help texts")


if __name__ == "__main__":
    main()
