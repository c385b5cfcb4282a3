"""`validate` and `apply --dry-run=server` over the real-world manifests, file by file, in one fresh cluster.

    python tools/realworld_verdicts.py [DIR] [--with-crds]

DIR defaults to ../shared/realworld-manifests/manifests. With --with-crds the files' CustomResourceDefinitions are
created first (create, not apply: the largest exceed the last-applied annotation's limit, as with kubectl apply).
Prints how many files each command accepts and rejects, the commonest first lines of the refusals, and every
internal error (there must be none)."""

from __future__ import annotations

import collections
import io
import re
import sys
import tempfile
from pathlib import Path

from pykubectl.cli.main import main
from pykubectl.env import Env


def run(store: str, args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, Env(store_url=store, stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def verdicts(folder: Path, with_crds: bool) -> None:
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
    store = str(Path(tempfile.mkdtemp()) / "store.db")
    if with_crds:
        for f in files:
            if "kind: CustomResourceDefinition" in f.read_text(errors="replace"):
                run(store, ["create", "-f", str(f)])
    counts: collections.Counter = collections.Counter()
    refusals: collections.Counter = collections.Counter()
    internal = []
    for f in files:
        for verb, args in (("validate", ["validate", str(f)]), ("apply --dry-run=server",
                                                                 ["apply", "--dry-run=server", "-f", str(f)])):
            code, out, err = run(store, args)
            counts[(verb, "accepted" if code == 0 else "rejected")] += 1
            if "internal error" in out + err:
                internal.append(f"{verb} {f.name}: {(out + err).strip()[-300:]}")
            elif code and verb != "validate":
                first = (err.strip().splitlines() or [""])[0]
                refusals[re.sub(r'"[^"]*"', '"…"', first)[:110]] += 1
    print(f"{len(files)} files{' (their CRDs created first)' if with_crds else ''}")
    for (verb, what), n in sorted(counts.items()):
        print(f"  {verb}: {n} {what}")
    print("apply --dry-run=server refusals, commonest first:")
    for text, n in refusals.most_common(8):
        print(f"  {n:3d}  {text}")
    print(f"internal errors: {len(internal)}")
    for line in internal:
        print("  " + line)


if __name__ == "__main__":
    argv = [a for a in sys.argv[1:] if a != "--with-crds"]
    default = Path(__file__).resolve().parents[2] / "shared" / "realworld-manifests" / "manifests"
    verdicts(Path(argv[0]) if argv else default, "--with-crds" in sys.argv[1:])
