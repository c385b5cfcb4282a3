"""Record real kubectl's help texts for every command path pykubectl has, as data for cli/helpfmt.py.

    KUBECONFIG=/dev/null python tools/record_help.py /path/to/kubectl.1.32

runs ``kubectl <path> --help`` for the root and for every command and subcommand of pykubectl's click tree, splits
each text into its parts (description, aliases, examples, available commands, one entry per flag of the Options
section, the usage line after the command path, whether a "<command> --help" hint closes it) and writes them to
pykubectl/data/help-1.32.json. Paths kubectl does not know (pykubectl's own commands) and aliases (kubectl prints
the aliased command's help, recorded under its own name) are left out. It also writes
tests/golden/help/kubectl-1.32-help.txt: every recorded text verbatim, the golden file tests/cli/test_help_texts.py
compares pykubectl's help with.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "pykubectl" / "data" / "help-1.32.json"
GOLDEN = ROOT / "tests" / "golden" / "help" / "kubectl-1.32-help.txt"
SECTIONS = ("Aliases:", "Examples:", "Available Commands:", "Options:", "Usage:")
FLAG_HEAD = re.compile(r"^    (-[^-], )?--[A-Za-z0-9-]+(=.*)?:$")
MORE_HINT = 'Use "kubectl{path} <command> --help" for more information about a given command.'


def command_paths() -> list[str]:
    """Every command path of pykubectl's click tree ('' is the root), aliases included."""
    sys.path.insert(0, str(ROOT))
    import click

    from pykubectl.cli.main import VERBS, cli

    out = [""]

    def walk(path: str, cmd: click.Command) -> None:
        out.append(path)
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd)
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    walk(f"{path} {name}", sub)

    ctx = click.Context(cli)
    for verb in sorted(VERBS):
        if not verb.startswith("_"):
            walk(verb, cli.get_command(ctx, verb))
    return out


def kubectl_help(kubectl: str, path: str) -> str | None:
    env = dict(os.environ, KUBECONFIG="/dev/null")
    res = subprocess.run([kubectl, *path.split(), "--help"], capture_output=True, text=True, env=env)
    if res.returncode != 0 or res.stderr or res.stdout.startswith("error: unknown command"):
        return None
    return res.stdout


def _blocks(lines: list[str]) -> dict[str, list[str]]:
    """The text's parts by section header (a header stands after a blank line); 'long' is what comes first."""
    parts: dict[str, list[str]] = {"long": []}
    current = "long"
    order = list(SECTIONS)
    for i, line in enumerate(lines):
        if line in order and (i == 0 or lines[i - 1] == ""):
            order = order[order.index(line) + 1:]
            current = line
            parts[current] = []
            continue
        parts[current].append(line)
    return parts


def _strip_blank(lines: list[str]) -> list[str]:
    while lines and lines[-1] == "":
        lines = lines[:-1]
    while lines and lines[0] == "":
        lines = lines[1:]
    return lines


def _command_rows(lines: list[str]) -> tuple[list[list[str]], int]:
    rows, pad = [], 0
    for line in lines:
        m = re.match(r"^  (\S+)( +)(.*)$", line)
        assert m, line
        rows.append([m.group(1), m.group(3)])
        pad = len(m.group(1)) + len(m.group(2)) - 1
    return rows, pad


def _root_groups(lines: list[str]) -> tuple[list[list], int]:
    """The root's command groups: [title, [[name, short], ...]] each, and the width names are padded to."""
    groups: list[list] = []
    pad = 0
    for line in lines:
        if not line:
            continue
        if not line.startswith("  "):
            groups.append([line, []])
            continue
        rows, pad = _command_rows([line])
        groups[-1][1].extend(rows)
    return groups, pad


def _options(lines: list[str]) -> dict[str, str]:
    """Each flag's entry as kubectl prints it (head line and usage, no trailing newline), by long name."""
    entries: dict[str, str] = {}
    name, body = "", []  # type: ignore[var-annotated]
    lines = _strip_blank(lines)
    for i, line in enumerate(lines):
        if FLAG_HEAD.match(line) and (i == 0 or lines[i - 1] == ""):
            if name:
                entries[name] = "\n".join(_strip_blank(body))
            name = re.search(r"--([A-Za-z0-9-]+)", line).group(1)  # type: ignore[union-attr]
            body = [line]
        else:
            body.append(line)
    if name:
        entries[name] = "\n".join(_strip_blank(body))
    return entries


def parse(path: str, text: str) -> dict | None:
    """The parts of kubectl's help for ``path``, or None when kubectl printed another command's help (an alias) or no
    help at all."""
    lines = text.rstrip("\n").split("\n")
    more = MORE_HINT.format(path=f" {path}" if path else "")
    tail = []
    while lines and lines[-1].startswith('Use "'):
        tail.insert(0, lines.pop())
    parts = _blocks(lines)
    record: dict = {"long": "\n".join(_strip_blank(parts["long"]))}
    usage = _strip_blank(parts.get("Usage:", []))
    if not usage:
        return None  # `kubectl options --help` prints the options themselves (recorded apart)
    assert len(usage) == 1, (path, usage)
    prefix = f"  kubectl{' ' + path if path else ''} "
    if not usage[0].startswith(prefix):
        return None
    record["use"] = usage[0][len(prefix):]
    if "Aliases:" in parts:
        record["aliases"] = "\n".join(_strip_blank(parts["Aliases:"]))
    if "Examples:" in parts:
        record["example"] = "\n".join(_strip_blank(parts["Examples:"]))
    if path == "":
        # The root lists its commands in groups under titles, before Usage.
        body = _strip_blank(parts["long"])
        first_group = next(i for i, ln in enumerate(body) if ln and not ln.startswith(" ") and ln.endswith(":")
                           and i > 0 and body[i - 1] == "" and i + 1 < len(body) and body[i + 1].startswith("  "))
        record["long"] = "\n".join(_strip_blank(body[:first_group]))
        record["groups"], record["pad"] = _root_groups(body[first_group:])
    if "Available Commands:" in parts:
        record["commands"], record["pad"] = _command_rows(_strip_blank(parts["Available Commands:"]))
    if "Options:" in parts:
        record["options"] = _options(parts["Options:"])
    record["more"] = more in tail
    return record


def main(argv: list[str]) -> int:
    kubectl = argv[1] if len(argv) > 1 else "kubectl"
    version = subprocess.run([kubectl, "version", "--client"], capture_output=True, text=True,
                             env=dict(os.environ, KUBECONFIG="/dev/null")).stdout.strip().split("\n")[0]
    commands: dict[str, dict] = {}
    golden: list[str] = []
    for path in command_paths():
        text = kubectl_help(kubectl, path)
        if text is None:
            continue
        record = parse(path, text)
        if record is None:
            continue
        commands[path] = record
        golden.append(f"=== kubectl {path}".rstrip() + " --help\n" + text)
    options = subprocess.run([kubectl, "options"], capture_output=True, text=True,
                             env=dict(os.environ, KUBECONFIG="/dev/null")).stdout
    golden.append("=== kubectl options\n" + options)
    data = {"recorded": f"{version}: `KUBECONFIG=/dev/null kubectl PATH --help` (tools/record_help.py)",
            "commands": commands}
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(f"# Recorded from {version} with KUBECONFIG=/dev/null by tools/record_help.py: each text after"
                      " its '=== command' line, exactly as kubectl printed it.\n" + "".join(golden))
    print(f"{len(commands)} command paths recorded to {DATA.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
