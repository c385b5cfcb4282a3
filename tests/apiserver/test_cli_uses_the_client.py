"""kubectl's side (cli/) reaches the API server only through the client interface (pykubectl/client/).

An import check over cli/*.py: no module of the server side -- the request pipeline (apiserver/), the store
(store/), the controllers (controllers/) -- is imported from cli/ except through client/. ALLOWED lists the
imports not converted yet, each with why; it may only shrink: an entry a module no longer needs fails the test."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "pykubectl" / "cli"
SERVER_SIDE = ("pykubectl.apiserver", "pykubectl.store", "pykubectl.controllers")

# cli module -> server-side modules it still imports directly. Remaining work: move these behind client/.
ALLOWED: dict[str, set[str]] = {
    # pykubectl's own cluster administration, not kubectl requests: they operate on the store and the simulated
    # nodes themselves (cluster nodes add, store migrate/check, serve).
    "cluster.py": {"pykubectl.controllers", "pykubectl.store.db", "pykubectl.store.store"},
    "storecmd.py": {"pykubectl.store", "pykubectl.store.store"},
    "serve.py": {"pykubectl.store"},
    # Not converted yet: the metrics `top` reads (no request for them yet).
    "top.py": {"pykubectl.controllers", "pykubectl.controllers.node"},
}


def _server_imports(path: Path) -> set[str]:
    """The server-side modules a cli module imports (``from ..store import db`` names pykubectl.store; relative
    imports are resolved against pykubectl.cli)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            package = ["pykubectl", "cli"][: max(0, 3 - node.level)] if node.level else []
            base = ".".join(package + ([node.module] if node.module else []))
            modules = [base] if node.module else [f"{base}.{a.name}" for a in node.names]
        found.update(m for m in modules if m in SERVER_SIDE or m.startswith(tuple(p + "." for p in SERVER_SIDE)))
    return found


def test_cli_imports_the_server_only_through_the_client() -> None:
    problems = []
    for path in sorted(CLI.glob("*.py")):
        got = _server_imports(path)
        allowed = ALLOWED.get(path.name, set())
        if got - allowed:
            problems.append(f"cli/{path.name} imports {sorted(got - allowed)}: go through pykubectl.client")
        if allowed - got:
            problems.append(f"cli/{path.name} no longer imports {sorted(allowed - got)}: remove it from ALLOWED")
    assert not problems, "\n".join(problems)


def test_the_check_sees_relative_and_absolute_imports(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text("from ..store import db\nfrom ..apiserver.pipeline import create\nimport pykubectl.controllers.gc\n"
                 "from .. import controllers\nfrom ..client import rest\nfrom . import common\nfrom ..api import schema\n")
    assert _server_imports(f) == {"pykubectl.store", "pykubectl.apiserver.pipeline", "pykubectl.controllers.gc",
                                  "pykubectl.controllers"}
