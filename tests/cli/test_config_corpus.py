"""The config commands against real kubectl 1.32, byte for byte: every line of tests/data/config/lines.txt was run
by kubectl on a copy of a start kubeconfig (tools/record_config_corpus.py); pykubectl runs it on the same copy and
must print the same stdout and stderr, exit the same, and leave the same file.

Two things kubectl leaves to chance are compared without it: `get-clusters` walks a Go map (pykubectl prints the names
sorted, one of kubectl's orders), and `config set` of a map prints Go pointers. Help texts name pykubectl where
kubectl's name a command, and a pykubectl config (first line `# pykubectl config`) keeps that line when written.
"""

from __future__ import annotations

import io
import json
import random
import re
import sys
from pathlib import Path

import pytest

from pykubectl.cli.main import main
from pykubectl.env import Env, parse_time

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import record_config_corpus as corpus  # noqa: E402

RECORDED = json.loads((ROOT / "tests" / "data" / "config" / "recorded.json").read_text(encoding="utf-8"))


def _pykubectl_named(text: str) -> str:
    """kubectl's help as pykubectl prints it: pykubectl named on the command lines it shows."""
    text = re.sub(r"(?m)^(  )kubectl ", r"\1pykubectl ", text)
    return text.replace('Use "kubectl config <command>', 'Use "pykubectl config <command>')


def _expected_stdout(case: dict) -> str:
    text = _pykubectl_named(case["stdout"])
    if " get-clusters " in f" {case['args']} " and text.startswith("NAME\n"):
        text = "NAME\n" + "".join(sorted(text[5:].splitlines(keepends=True)))
    return text


def _go_pointers(text: str) -> str:
    return re.sub(r"0xc[0-9a-f]+", "0xc…", text)


@pytest.mark.parametrize("case", RECORDED, ids=[f"{c['start']}: {c['args']}" for c in RECORDED])
def test_config_line_matches_kubectl(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    kc = corpus.prepare(case["start"], tmp_path)
    if corpus.kubeconfig_env(case["args"], tmp_path):
        monkeypatch.setenv("KUBECONFIG", corpus.kubeconfig_env(case["args"], tmp_path) or "")
    monkeypatch.chdir(tmp_path)  # relative paths on the line are the working directory's, as for kubectl
    out, err = io.StringIO(), io.StringIO()
    env = Env(frozen_now=parse_time("2026-11-22T10:00:00Z"), rand=random.Random(1), stdout=out, stderr=err)
    code = main(corpus.words(case["args"], tmp_path), env)
    stdout = out.getvalue() + capsys.readouterr().out  # click writes help to sys.stdout
    here = str(tmp_path)
    assert stdout.replace(here, "{dir}") == _expected_stdout(case)
    assert _go_pointers(err.getvalue().replace(here, "{dir}")) == _go_pointers(_pykubectl_named(case["stderr"]))
    assert code == case["exit"]
    files = [(kc, "file")] + ([(tmp_path / "kc2", "file2")] if "+" in case["start"] else [])
    for (path, field), start_name in zip(files, case["start"].split("+")):
        after = path.read_text(encoding="utf-8").replace(here, "{dir}") if path.exists() else None
        want = case[field]
        start = (ROOT / "tests" / "data" / "config" / "start" / f"{start_name}.yaml")
        if start_name.startswith("pykubectl") and want is not None and want != start.read_text(encoding="utf-8"):
            want = "# pykubectl config\n" + want  # kubectl rewrote the file without its first line; pykubectl keeps it
        assert after == want, field


def test_pykubectl_config_keeps_its_first_line_and_kubectl_reads_the_rest(tmp_path: Path) -> None:
    kc = corpus.prepare("pykubectl", tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--kubeconfig", str(kc), "config", "set-cluster", "c1", "--server=https://1.2.3.4"],
                Env(stdout=out, stderr=err)) == 0
    text = kc.read_text(encoding="utf-8")
    assert text.startswith("# pykubectl config\napiVersion: v1\nclusters:\n- cluster:\n    server: https://1.2.3.4\n")
    assert "    extensions:\n    - extension:\n        store: /tmp/staging.db\n      name: pykubectl\n" in text


def test_an_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    kc = corpus.prepare("handwritten", tmp_path)
    before = kc.read_text(encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--kubeconfig", str(kc), "config", "use-context", "b"], Env(stdout=out, stderr=err)) == 0
    assert out.getvalue() == 'Switched to context "b".\n'
    assert kc.read_text(encoding="utf-8") == before  # kubectl's ModifyConfig writes only what changed


def test_completion_offers_the_kubeconfig_clusters_users_and_contexts(tmp_path: Path) -> None:
    # What real kubectl 1.32 completes (`KUBECONFIG=full.yaml kubectl __complete config delete-cluster ""`, …),
    # in sorted order.
    kc = corpus.prepare("full", tmp_path)
    for words, want in ((["config", "delete-cluster", ""], "kind\nprod\n"),
                        (["config", "delete-user", ""], "admin\ndev\n"),
                        (["config", "set-context", ""], "bare\nkind-admin\nprod-dev\n")):
        out, err = io.StringIO(), io.StringIO()
        assert main(["__complete", "--kubeconfig", str(kc), *words], Env(stdout=out, stderr=err)) == 0
        assert out.getvalue().startswith(want), words


HELP = json.loads((ROOT / "tests" / "data" / "config" / "help.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", sorted(HELP))
def test_help_is_kubectls(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """kubectl's help text, with pykubectl named where a command line is shown (examples, usage, the
    `<command> --help` hint) as in pykubectl's other help texts."""
    out, err = io.StringIO(), io.StringIO()
    assert main([*command.split(), "--help"], Env(stdout=out, stderr=err)) == 0
    got = out.getvalue() + capsys.readouterr().out
    assert got == _pykubectl_named(HELP[command])
