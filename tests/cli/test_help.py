"""Every command's -h has kubectl's shape: description, an Examples: block with at least one example command,
Options: (when it has flags), Usage:, in that order (a command whose kubectl help has no examples, such as
`config`, `auth` or `top`, carries kubectl's recorded text and has none either; tests/cli/test_help_texts.py
compares those texts with kubectl's). Commands are discovered from the VERBS map (so verbs added
later are covered too) and from each group's subcommands."""

from __future__ import annotations

import click
import pytest

from pykubectl.cli.helpfmt import recorded_help
from pykubectl.cli.main import VERBS, cli


def _commands() -> list[tuple[str, ...]]:
    ctx = click.Context(cli)
    out: list[tuple[str, ...]] = []

    def walk(path: tuple[str, ...], cmd: click.Command) -> None:
        out.append(path)
        if isinstance(cmd, click.Group):
            sub_ctx = click.Context(cmd)
            for name in cmd.list_commands(sub_ctx):
                sub = cmd.get_command(sub_ctx, name)
                if sub is not None and not sub.hidden:
                    walk(path + (name,), sub)

    for verb in sorted(VERBS):
        if verb.startswith("_") or verb == "options":
            continue  # kubectl's options prints no help (test_help_texts.py)
        cmd = cli.get_command(ctx, verb)
        assert cmd is not None, verb
        walk((verb,), cmd)
    return out


COMMANDS = _commands()


def _recorded_at(path: tuple[str, ...]) -> dict | None:
    """kubectl's recorded help of the command at ``path`` (found by the commands' own names, not aliases)."""
    cmd: click.Command = cli
    names = []
    for name in path:
        assert isinstance(cmd, click.Group)
        found = cmd.get_command(click.Context(cmd), name)
        assert found is not None, path
        cmd = found
        names.append(cmd.name or name)
    return recorded_help(" ".join(names))


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_help_has_kubectl_shape(run, capsys, path: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    res = run([*path, "-h"])
    assert res.code == 0, res.err
    text = res.out + capsys.readouterr().out  # click writes help to sys.stdout
    lines = text.split("\n")
    assert lines[0].strip() and not lines[0].startswith(("Usage", "Examples", "Options")), "no description first"
    recorded = _recorded_at(path)
    if recorded is not None and not recorded.get("example"):
        assert "\nExamples:\n" not in text and "\nUsage:\n  pykubectl " in text
        return
    assert "\nExamples:\n" in text, "no Examples: block"
    examples = text.split("\nExamples:\n", 1)[1].split("\n\n", 1)[0]
    assert any(ln.strip().startswith("pykubectl ") or ln.strip().startswith("source <(pykubectl")
               for ln in examples.split("\n")), "Examples: has no example command"
    usage_at = text.index("\nUsage:\n  pykubectl ")
    assert text.index("\nExamples:\n") < usage_at
    if "\nOptions:\n" in text:
        assert text.index("\nExamples:\n") < text.index("\nOptions:\n") < usage_at
    assert text.rstrip("\n").endswith("(applies to all commands).")
