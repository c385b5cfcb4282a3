"""setup.cfg names every package of the tree and ships the dashboard's page: CI installs pykubectl non-editable
(pip install '.[test]'), where a package or data file setup.cfg leaves out is simply missing."""

from __future__ import annotations

import configparser
import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup() -> configparser.ConfigParser:
    cp = configparser.ConfigParser()
    cp.read(ROOT / "setup.cfg")
    return cp


def test_every_package_in_the_tree_is_listed() -> None:
    listed = set(_setup().get("options", "packages").split())
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "pykubectl").rglob("__init__.py")}
    assert found - listed == set()


def test_the_dashboards_static_files_are_package_data() -> None:
    patterns = [p.strip() for p in _setup().get("options.package_data", "pykubectl.dashboard").split(",")]
    static = ROOT / "pykubectl" / "dashboard"
    files = [str(p.relative_to(static)) for p in (static / "static").rglob("*") if p.is_file()]
    assert {"static/index.html", "static/app.js", "static/app.css"} <= set(files)
    assert [f for f in files if not any(fnmatch.fnmatch(f, pat) for pat in patterns)] == []
