"""pykubectl's help is kubectl 1.32's, byte for byte, for every command path both have: `PATH --help`, `PATH -h`
and `help PATH`, the root's (`--help`, no command, `help`), `options`, and `help` with an unknown topic. The
expected texts are tests/golden/help/kubectl-1.32-help.txt, recorded from real kubectl 1.32 with KUBECONFIG=/dev/null
by tools/record_help.py (which also writes the data pykubectl prints them from, pykubectl/data/help-1.32.json).
Under the name kubectl the texts are kubectl's exactly; under the name pykubectl the usage line and the example
commands name pykubectl."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
import pytest

from pykubectl.cli.main import VERBS, cli

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "help" / "kubectl-1.32-help.txt"

# pykubectl's own commands: kubectl has none of these, and they keep their own help.
PYKUBECTL_ONLY = {"cluster", "dashboard", "serve", "store", "validate"}

# Flags kubectl's command has and pykubectl's does not (its Options section lacks their entries).
MISSING_FLAGS = {
    "kustomize": ["as-current-user", "enable-alpha-plugins", "enable-helm", "env", "helm-api-versions", "helm-command",
                  "helm-debug", "helm-kube-version", "load-restrictor", "mount", "network", "network-name", "output"],
}


def _recorded() -> dict[str, str]:
    text = GOLDEN.read_text(encoding="utf-8")
    out = {}
    for block in re.split(r"^=== ", text, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        out[head] = body
    return out


RECORDED = _recorded()
HELP_PATHS = sorted(h[len("kubectl"):-len(" --help")].strip() for h in RECORDED if h.endswith(" --help"))


def _without_flags(text: str, flags: list[str]) -> str:
    for name in flags:
        text = re.sub(rf"^    (-., )?--{name}=[^\n]*:\n\t[^\n]*\n\n", "", text, flags=re.M)
    return text.replace("\nOptions:\nUsage:\n", "\nUsage:\n")


def _expected(path: str) -> str:
    return _without_flags(RECORDED[f"kubectl {path}".rstrip() + " --help"], MISSING_FLAGS.get(path, []))


@pytest.fixture
def as_kubectl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/kubectl"])


def _help(run, capsys, args: list[str]) -> tuple[str, str, int]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    res = run(args)
    captured = capsys.readouterr()  # click's own -h/--help writes to sys.stdout
    return res.out + captured.out, res.err + captured.err, res.code


@pytest.mark.parametrize("path", HELP_PATHS)
def test_help_is_kubectls(run, capsys, as_kubectl, path: str) -> None:  # type: ignore[no-untyped-def]
    words = path.split()
    expected = _expected(path)
    for args in ([*words, "--help"], [*words, "-h"], ["help", *words]):
        out, err, code = _help(run, capsys, args)
        assert (out, err, code) == (expected, "", 0), args


def test_root_help_without_a_command(run, capsys, as_kubectl) -> None:  # type: ignore[no-untyped-def]
    assert _help(run, capsys, []) == (_expected(""), "", 0)


def test_options_and_its_help(run, capsys, as_kubectl) -> None:  # type: ignore[no-untyped-def]
    options = RECORDED["kubectl options"]
    assert _help(run, capsys, ["options"])[0] == options.replace("/root/.kube/cache", str(Path.home() / ".kube/cache"))
    for args in (["options", "-h"], ["options", "--help"], ["help", "options"]):
        assert _help(run, capsys, args) == ("", "", 0), args  # kubectl prints nothing


def test_unknown_help_topic(run, capsys, as_kubectl) -> None:  # type: ignore[no-untyped-def]
    # kubectl: "Unknown help topic" and the root's usage (its help without the description) on stderr, exit 0.
    root = _expected("")
    usage = root[root.index("Basic Commands"):]
    assert _help(run, capsys, ["help", "nosuch", "x"]) == ("", "Unknown help topic [`nosuch` `x`]\n\n\n" + usage, 0)
    # A word after a command is left over, not a topic: the command's help.
    assert _help(run, capsys, ["help", "rollout", "nosuch"])[0] == _expected("rollout")


def test_pykubectl_names_itself_in_usage_and_examples(run, capsys) -> None:  # type: ignore[no-untyped-def]
    out = _help(run, capsys, ["set", "env", "--help"])[0]
    kubectl_text = _expected("set env")
    assert "\n  pykubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]\n" in out
    assert "  env | grep RAILS_ | pykubectl set env -e - deployment/registry\n" in out
    assert "  env | grep RAILS_ | kubectl set env -e - deployment/registry\n" in kubectl_text
    # Only program names change: the same text once every "pykubectl" reads "kubectl" again.
    assert out.replace("pykubectl", "kubectl") == kubectl_text
    out = _help(run, capsys, ["completion", "--help"])[0]
    assert "  source <(pykubectl completion bash)\n" in out and "## If kubectl is installed via homebrew" in out
    assert 'Use "pykubectl <command> --help"' in _help(run, capsys, ["--help"])[0]


def _command_paths() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    out: list[tuple[str, click.Command]] = []

    def walk(path: str, cmd: click.Command) -> None:
        out.append((path, cmd))
        if isinstance(cmd, click.Group):
            sub_ctx = click.Context(cmd)
            for name in cmd.list_commands(sub_ctx):
                sub = cmd.get_command(sub_ctx, name)
                if sub is not None:
                    walk(f"{path} {name}", sub)

    for verb in sorted(VERBS):
        if not verb.startswith("_"):
            walk(verb, cli.get_command(ctx, verb))  # type: ignore[arg-type]
    return out


def test_every_kubectl_command_path_is_recorded() -> None:
    """A command added later must be recorded (tools/record_help.py) unless it is pykubectl's own."""
    unrecorded = [path for path, cmd in _command_paths()
                  if path.split()[0] not in PYKUBECTL_ONLY and path.rsplit(" ", 1)[-1] == cmd.name.rsplit(" ", 1)[-1]
                  and path not in HELP_PATHS and path != "options"]
    assert unrecorded == []
