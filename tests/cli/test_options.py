"""`options` prints kubectl's global flags as kubectl 1.32 does (tests/data/options/kubectl-options.txt: recorded
with HOME=/root, `KUBECONFIG=/dev/null kubectl.1.32 options`); its usage error is in the grammar corpus."""

from __future__ import annotations

from pathlib import Path

from pykubectl.cli.boundary import GLOBAL_FLAGS
from tests.conftest import Runner

RECORDED = Path(__file__).resolve().parents[1] / "data" / "options" / "kubectl-options.txt"


def test_options_prints_what_kubectl_printed(run: Runner, monkeypatch) -> None:
    monkeypatch.setenv("HOME", "/root")
    for line in ("options", "options extra"):
        r = run(line)
        assert (r.out, r.err, r.code) == (RECORDED.read_text(), "", 0)


def test_every_flag_options_lists_is_read_as_a_global_flag() -> None:
    listed = {line.split("=")[0].split("--")[-1] for line in RECORDED.read_text().splitlines()
              if line.startswith("    -")}
    assert listed == set(GLOBAL_FLAGS) - {"store"}
