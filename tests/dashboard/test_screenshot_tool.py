"""tools/screenshot_dashboard.py, which makes the README's and LEARN.md's pictures, still runs: it builds its demo
cluster, photographs every view it names and writes them as PNG files (the browser tests' skip rules apply)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_screenshot_tool_writes_a_png_of_each_view(driver, tmp_path):
    p = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshot_dashboard.py"), "--out", str(tmp_path)],
                       capture_output=True, text=True, cwd=str(ROOT), timeout=300)
    assert p.returncode == 0, p.stderr
    written = sorted(f.name for f in tmp_path.iterdir())
    assert written == sorted(f.name for f in (ROOT / "docs").glob("dashboard-*.png"))  # the ones docs/ shows
    for name in written:
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
