"""Check that a constraints file pins every dependency of setup.cfg to its declared floor.

    python tools/check_minimum_constraints.py setup.cfg .ci/constraints-minimum.txt [--installed]

Every requirement of ``install_requires`` and of the ``test`` extra must carry a ``>=`` floor, and the constraints
file must pin each one (and nothing else) with ``==`` to exactly that floor. With ``--installed`` the versions
installed in the running interpreter must equal the pins too (CI runs it in the minimum-version venv). Exit 1 and
a line per problem otherwise.
"""

from __future__ import annotations

import configparser
import re
import sys

_REQ = re.compile(r"^([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][A-Za-z0-9.]*)\s*(?:,\s*<\s*[0-9][A-Za-z0-9.]*\s*)?$")  # a floor, perhaps a cap
_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)\s*==\s*([0-9][A-Za-z0-9.]*)\s*$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def floors(setup_cfg: str) -> tuple[dict[str, str], list[str]]:
    """{name: floor} of install_requires and the test extra, and the problems found reading them."""
    cp = configparser.ConfigParser()
    cp.read(setup_cfg)
    lines = cp.get("options", "install_requires").splitlines()
    lines += cp.get("options.extras_require", "test").splitlines()
    out: dict[str, str] = {}
    problems = []
    for line in (x.strip() for x in lines):
        if not line or line.startswith("#"):
            continue
        m = _REQ.match(line)
        if not m:
            problems.append(f"{setup_cfg}: {line!r} has no plain '>=' floor")
            continue
        out[_norm(m.group(1))] = m.group(2)
    return out, problems


def pins(constraints: str) -> dict[str, str]:
    out = {}
    with open(constraints) as f:
        for line in (x.split("#", 1)[0].strip() for x in f):
            if line:
                m = _PIN.match(line)
                out[_norm(m.group(1)) if m else line] = m.group(2) if m else ""
    return out


def problems(setup_cfg: str, constraints: str, installed: bool = False) -> list[str]:
    want, out = floors(setup_cfg)
    have = pins(constraints)
    for name, floor in sorted(want.items()):
        if name not in have:
            out.append(f"{constraints}: no pin for {name} (setup.cfg's floor is {floor})")
        elif _release(have[name]) != _release(floor):
            out.append(f"{constraints}: {name}=={have[name]} but setup.cfg's floor is {floor}")
    for name in sorted(set(have) - set(want)):
        out.append(f"{constraints}: {name} is pinned but setup.cfg does not require it")
    if installed:
        from importlib import metadata

        for name, floor in sorted(want.items()):
            try:
                got = metadata.version(name)
            except metadata.PackageNotFoundError:
                out.append(f"{name} is not installed")
                continue
            if _release(got) != _release(floor):
                out.append(f"{name} {got} is installed, not the floor {floor}")
    return out


def _release(v: str) -> tuple[int, ...]:
    """'2.9' and '2.9.0' are the same release."""
    parts = [int(p) for p in re.findall(r"\d+", v)]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    found = problems(args[0], args[1], installed="--installed" in argv)
    for p in found:
        print(p, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
