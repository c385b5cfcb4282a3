"""Golden transcripts: tests/golden/*.txt replayed against a fresh store, frozen clock and fixed seed.

Format of a golden file (one store per file; commands run in order and see what earlier ones did):

    # comment lines: what the case checks and how the expected text was verified
    $ pykubectl ARGS…            shell-like quoting; `< FILE` at the end feeds FILE on stdin
    expected stdout lines…
    \\ no newline at end          (only when stdout does not end with a newline)
    ! exit N                     (only when the exit code is not 0)
    stderr: expected stderr line (one per line)
    <blank line>                 separates cases

A case's body runs until the next `$ pykubectl` line, or a `#` line right after a blank line; one trailing blank
line (the separator) is dropped, so blank lines inside stdout are kept. Paths are relative to the repository root.

`pytest --update-golden` rewrites the files from the actual output, keeping comments and commands: read the diff.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import Runner

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
PROMPT = "$ pykubectl"
NO_EOL = "\\ no newline at end"
SEED = "golden"


@dataclass
class Case:
    comments: list[str]
    command: str  # everything after "$ pykubectl"
    body: list[str] = field(default_factory=list)
    line: int = 0

    def expected(self) -> tuple[str, int, str]:
        out: list[str] = []
        err: list[str] = []
        code = 0
        no_eol = False
        for ln in self.body:
            if ln.startswith("stderr:"):
                err.append(ln[len("stderr:"):].removeprefix(" "))
            elif ln.startswith("! exit "):
                code = int(ln[len("! exit "):])
            elif ln == NO_EOL:
                no_eol = True
            else:
                out.append(ln)
        stdout = "".join(x + "\n" for x in out)
        if no_eol:
            stdout = stdout[:-1]
        return stdout, code, "".join(x + "\n" for x in err)


def parse(text: str) -> tuple[list[Case], list[str]]:
    """The cases of a golden file, and comment lines after the last case."""
    cases: list[Case] = []
    pending: list[str] = []
    cur: Case | None = None
    prev_blank = True
    for i, ln in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
        if ln.startswith(PROMPT + " ") or ln == PROMPT:
            if cur is not None:
                _close(cur)
            cur = Case(pending, ln[len(PROMPT):].strip(), line=i)
            cases.append(cur)
            pending = []
        elif cur is not None and not (ln.startswith("#") and prev_blank):
            cur.body.append(ln)
        elif ln.startswith("#") or ln == "":
            if cur is not None:
                _close(cur)
                cur = None
            pending.append(ln)
        else:
            raise ValueError(f"line {i}: text outside a case: {ln!r}")
        prev_blank = ln == ""
    if cur is not None:
        _close(cur)
    return cases, pending


def _close(case: Case) -> None:
    if case.body and case.body[-1] == "":
        case.body.pop()


def split_command(command: str) -> tuple[list[str], str | None]:
    args = shlex.split(command)
    stdin = None
    if len(args) >= 2 and args[-2] == "<":
        stdin = (ROOT / args[-1]).read_text()
        args = args[:-2]
    return args, stdin


def render(case: Case, out: str, code: int, err: str) -> list[str]:
    lines = [*case.comments, f"{PROMPT} {case.command}"]
    if out:
        lines.extend(out[:-1].split("\n") if out.endswith("\n") else out.split("\n"))
        if not out.endswith("\n"):
            lines.append(NO_EOL)
    if code:
        lines.append(f"! exit {code}")
    if err:
        lines.extend(("stderr: " + x) if x else "stderr:" for x in (err[:-1] if err.endswith("\n") else err).split("\n"))
    lines.append("")
    return lines


FILES = sorted(GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_golden(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("PYKUBECTL_TRACEBACK", raising=False)
    run = Runner(str(tmp_path / "store.db"), seed=SEED)
    cases, trailer = parse(path.read_text())
    assert cases, f"{path.name}: no cases"
    update = request.config.getoption("--update-golden")
    new_lines: list[str] = []
    failures: list[str] = []
    for case in cases:
        args, stdin = split_command(case.command)
        res = run(args, stdin=stdin)
        if update:
            new_lines.extend(render(case, res.out, res.code, res.err))
            continue
        want_out, want_code, want_err = case.expected()
        if (res.out, res.code, res.err) != (want_out, want_code, want_err):
            failures.append(
                f"{path.name}:{case.line}: $ pykubectl {case.command}\n"
                + _diff("stdout", want_out, res.out) + _diff("stderr", want_err, res.err)
                + (f"exit: want {want_code}, got {res.code}\n" if want_code != res.code else "")
            )
    if update:
        # Every case ends with its separator blank line, the last one too, so blank stdout lines at the end of
        # the last case survive a round trip.
        while trailer and trailer[0] == "":
            trailer = trailer[1:]
        while trailer and trailer[-1] == "":
            trailer = trailer[:-1]
        text = "\n".join(new_lines + trailer + ([""] if trailer else [])) + "\n"
        if text != path.read_text():
            path.write_text(text)
        return
    assert not failures, "\n".join(failures)


def _diff(what: str, want: str, got: str) -> str:
    if want == got:
        return ""
    import difflib

    d = difflib.unified_diff(want.splitlines(keepends=True), got.splitlines(keepends=True), "expected", "actual")
    return f"{what} differs:\n" + "".join(x if x.endswith("\n") else x + "\\ no newline\n" for x in d)


def test_parser_round_trips_blank_lines_and_missing_newline() -> None:
    case = Case(["# c"], "rollout history deploy/x")
    lines = render(case, "a\n\n", 1, "boom\n")
    parsed, _ = parse("\n".join(lines) + "\n")
    assert parsed[0].expected() == ("a\n\n", 1, "boom\n")
    parsed, _ = parse("\n".join(render(case, "x", 0, "")) + "\n")
    assert parsed[0].expected() == ("x", 0, "")
