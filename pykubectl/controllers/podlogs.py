"""Container output: what ``pykubectl logs`` shows for a container.

The simulation runs no container processes; a container's output is what its command says it prints: the words of
``echo``, the formatted text of ``printf`` and the strings of ``print(...)``, found in the command and its
arguments (a shell script given with ``-c`` is read command by command). ``$NAME`` and ``${NAME}`` are expanded from
the container's literal ``env`` values. Everything else prints nothing, as a silent process does. A container that
has not started has no log (None): the caller reports why, as the API server does.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

_SHELLS = {"sh", "bash", "ash", "dash", "zsh", "ksh"}
_SEPARATORS = {";", "&&", "||", "|", "&", "\n", "(", ")"}
_PRINT = re.compile(r"""\bprint\(\s*(?:f?(['"])(.*?)\1)\s*\)""")
_VAR = re.compile(r"\$\{(\w+)\}|\$(\w+)")
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "e": "\x1b"}


def container_log(tx: Any, pod: dict, container: str, previous: bool = False) -> list[str] | None:
    """The log lines of ``container`` in ``pod``, or None when the container has not run (or, with ``previous``,
    has no earlier run)."""
    spec = next((c for group in ("containers", "initContainers", "ephemeralContainers")
                 for c in (pod.get("spec") or {}).get(group) or [] if c.get("name") == container), None)
    if spec is None:
        return None
    status = next((s for group in ("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses")
                   for s in (pod.get("status") or {}).get(group) or [] if s.get("name") == container), None)
    if status is None:
        return None
    state = status.get("lastState") if previous else status.get("state")
    if not state or not ({"running", "terminated"} & set(state)):
        return None
    return output_of(spec)


def output_of(container: dict) -> list[str]:
    """The lines a container's command prints."""
    env = {e["name"]: e.get("value", "") for e in container.get("env") or [] if "name" in e and "valueFrom" not in e}
    words = [str(w) for w in (container.get("command") or []) + (container.get("args") or [])]
    text = "".join(_run(words, env))
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _run(words: list[str], env: dict[str, str]) -> list[str]:
    if not words:
        return []
    prog = words[0].rsplit("/", 1)[-1]
    if prog in _SHELLS:
        if "-c" in words[1:]:
            i = words.index("-c", 1)
            return _script(" ".join(words[i + 1:i + 2]), env)
        return []
    if prog.startswith("python") or prog in ("perl", "ruby", "node"):
        return [m.group(2).encode().decode("unicode_escape") + "\n" for m in _PRINT.finditer(" ".join(words))]
    return _simple(words, env)


def _script(script: str, env: dict[str, str]) -> list[str]:
    lexer = shlex.shlex(script, posix=True, punctuation_chars=";&|()")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    out: list[str] = []
    command: list[str] = []
    try:
        tokens = list(lexer)
    except ValueError:  # an unterminated quote: the shell would refuse the script
        return []
    for token in tokens + [";"]:
        if token in _SEPARATORS or set(token) <= set(";&|()"):
            out.extend(_simple(command, env))
            command = []
        elif command or token not in ("do", "then", "else", "{", "}"):
            command.append(_VAR.sub(lambda m: env.get(m.group(1) or m.group(2), ""), token))
    return out


def _simple(words: list[str], env: dict[str, str]) -> list[str]:
    if not words:
        return []
    prog = words[0].rsplit("/", 1)[-1]
    if prog == "echo":
        args = words[1:]
        newline, escapes = True, False
        while args and re.fullmatch(r"-[neE]+", args[0]):
            newline = newline and "n" not in args[0]
            escapes = "e" in args[0]
            args = args[1:]
        text = " ".join(args)
        return [(_unescape(text) if escapes else text) + ("\n" if newline else "")]
    if prog == "printf" and len(words) > 1:
        return [_printf(words[1], words[2:])]
    if prog in _SHELLS or prog.startswith("python"):
        return _run(words, env)
    return []


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def _printf(fmt: str, args: list[str]) -> str:
    """printf's format applied to its arguments (the format repeats while arguments remain)."""
    out = []
    rest = list(args)
    while True:
        used = 0

        def spec(m: re.Match) -> str:
            nonlocal used
            if m.group(0) == "%%":
                return "%"
            value = rest[used] if used < len(rest) else ""
            used += 1
            if m.group(1) == "d":
                try:
                    return str(int(value or 0))
                except ValueError:
                    return "0"
            return value

        out.append(_unescape(re.sub(r"%%|%[-+ 0#]*\d*(?:\.\d+)?([sdqbcixXfeg])", spec, fmt)))
        rest = rest[used:]
        if not rest or not used:
            break
    return "".join(out)
