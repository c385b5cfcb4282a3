"""docs/LEARN.md, the "learn Kubernetes" walkthrough, replayed: every command it shows runs, and prints what it shows.

The walkthrough is one story told against one cluster, so every ```console block is replayed in order against one
fresh store, with the clock frozen at tests/conftest.py's FROZEN_NOW and generated names seeded per command (the
Runner), exactly as a reader who types the commands in order would see them (apart from names and addresses, which
the seed fixes).

Format of a console block:

    ```console
    $ pykubectl ARGS…          shell-like quoting, run in the repository root
    output lines…              stdout followed by stderr, exactly as printed
    <blank line>               separates two commands of one block (dropped); other blank lines are output
    $ pykubectl ARGS…
    …
    ```

A command must exit 0 unless it prints on stderr (an error the walkthrough shows on purpose, e.g. a stalled
rollout); stderr with exit 0 is fine (kubectl's `No resources found …`). Every console command is a `pykubectl` command: the doc uses pykubectl alone.

`pytest tests/docs --update-golden` rewrites the outputs in docs/LEARN.md from the actual ones (read the diff).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import Runner

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "LEARN.md"
PROMPT = "$ pykubectl"
SEED = "learn"
FENCE_OPEN = "```console"
FENCE_CLOSE = "```"


@dataclass
class Command:
    args: str  # everything after "$ pykubectl"
    line: int  # 1-based line of the command in the doc
    shown: list[str] = field(default_factory=list)

    def expected(self) -> str:
        return "".join(x + "\n" for x in self.shown)


@dataclass
class Block:
    start: int  # index of the ```console line
    end: int  # index of the closing ``` line
    commands: list[Command]


def parse(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != FENCE_OPEN:
            i += 1
            continue
        start = i
        cmds: list[Command] = []
        i += 1
        while i < len(lines) and lines[i] != FENCE_CLOSE:
            ln = lines[i]
            if ln.startswith(PROMPT + " ") or ln == PROMPT:
                if cmds and cmds[-1].shown and cmds[-1].shown[-1] == "":
                    cmds[-1].shown.pop()  # the separator between two commands
                cmds.append(Command(ln[len(PROMPT):].strip(), i + 1))
            elif ln.startswith("$ "):
                raise ValueError(f"docs/LEARN.md:{i + 1}: a console command that is not pykubectl: {ln!r}")
            elif not cmds:
                raise ValueError(f"docs/LEARN.md:{i + 1}: console block does not start with a command: {ln!r}")
            else:
                cmds[-1].shown.append(ln)
            i += 1
        if i == len(lines):
            raise ValueError(f"docs/LEARN.md:{start + 1}: console block never closed")
        if not cmds:
            raise ValueError(f"docs/LEARN.md:{start + 1}: empty console block")
        blocks.append(Block(start, i, cmds))
        i += 1
    return blocks


def render(block: Block, outputs: list[str]) -> list[str]:
    out: list[str] = [FENCE_OPEN]
    for n, (cmd, text) in enumerate(zip(block.commands, outputs)):
        if n:
            out.append("")
        out.append(f"{PROMPT} {cmd.args}")
        if text:
            out.extend(text[:-1].split("\n") if text.endswith("\n") else text.split("\n"))
    out.append(FENCE_CLOSE)
    return out


def test_learn_walkthrough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("PYKUBECTL_TRACEBACK", raising=False)
    text = DOC.read_text()
    blocks = parse(text)
    assert len(blocks) >= 10, "docs/LEARN.md: the walkthrough lost its console blocks"
    run = Runner(str(tmp_path / "store.db"), seed=SEED)
    update = request.config.getoption("--update-golden")
    failures: list[str] = []
    rendered: list[tuple[Block, list[str]]] = []
    for block in blocks:
        outputs = []
        for cmd in block.commands:
            res = run(shlex.split(cmd.args))
            got = res.out + res.err
            outputs.append(got)
            if not res.err and res.code != 0:
                failures.append(f"docs/LEARN.md:{cmd.line}: $ pykubectl {cmd.args}: exit {res.code}, no stderr")
            if got and not got.endswith("\n"):
                failures.append(f"docs/LEARN.md:{cmd.line}: $ pykubectl {cmd.args}: output must end with a newline")
            if not update and got != cmd.expected():
                failures.append(f"docs/LEARN.md:{cmd.line}: $ pykubectl {cmd.args}\n" + _diff(cmd.expected(), got))
        rendered.append((block, outputs))
    if update:
        lines = text.split("\n")
        for block, outputs in reversed(rendered):
            lines[block.start:block.end + 1] = render(block, outputs)
        new = "\n".join(lines)
        if new != text:
            DOC.write_text(new)
    assert not failures, "\n".join(failures)


def _diff(want: str, got: str) -> str:
    import difflib

    d = difflib.unified_diff(want.splitlines(keepends=True), got.splitlines(keepends=True), "shown", "actual")
    return "".join(x if x.endswith("\n") else x + "\\ no newline\n" for x in d)


def test_fixtures_named_in_the_doc_exist_and_are_all_used() -> None:
    text = DOC.read_text()
    named = set(re.findall(r"fixtures/learn/[\w.-]+", text))
    on_disk = {f"fixtures/learn/{p.name}" for p in (ROOT / "fixtures" / "learn").iterdir()}
    assert named == on_disk


def test_manifests_shown_are_the_fixtures() -> None:
    """A ```yaml block shows the fixture named last before it, as the file is apart from its leading comments."""
    text = DOC.read_text()
    shown = 0
    for m in re.finditer(r"^```yaml\n(.*?)^```$", text, re.S | re.M):
        names = re.findall(r"fixtures/learn/[\w.-]+", text[:m.start()])
        assert names, f"a yaml block at offset {m.start()} names no fixture before it"
        lines = (ROOT / names[-1]).read_text().split("\n")
        while lines and lines[0].startswith("#"):
            lines.pop(0)
        assert m.group(1) == "\n".join(lines), f"the yaml shown for {names[-1]} is not the file"
        shown += 1
    assert shown >= 5


def test_parser_separators_and_trailing_blank_output() -> None:
    doc = "\n".join([
        "text", FENCE_OPEN, f"{PROMPT} a", "x", "", "", f"{PROMPT} b 'c d'", "y", "", FENCE_CLOSE, "more",
    ])
    (block,) = parse(doc)
    assert [c.args for c in block.commands] == ["a", "b 'c d'"]
    assert block.commands[0].expected() == "x\n\n"  # one blank line is the separator, the other is output
    assert block.commands[1].expected() == "y\n\n"  # no separator at the end of a block
    assert render(block, ["x\n\n", "y\n\n"]) == doc.split("\n")[1:-1]
    with pytest.raises(ValueError, match="not pykubectl"):
        parse(f"{FENCE_OPEN}\n$ kubectl get pods\n{FENCE_CLOSE}\n")
