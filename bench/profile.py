"""cProfile one run of the installed pykubectl, writing the stats to a file.

    PYKUBECTL_STORE=/tmp/copy.db /tmp/pykbench-venv/bin/python bench/profile.py OUT.prof scale deployment web --replicas=5000
    python3 -c "import pstats; pstats.Stats('OUT.prof').sort_stats('tottime').print_stats(30)"

`python -m cProfile … pykubectl` writes nothing: the console script leaves with os._exit (pykubectl/lifetime.py)
before cProfile dumps its stats. An exit callback registered here makes lifetime.end() exit normally, and dumps them.
"""

from __future__ import annotations

import atexit
import cProfile
import sys


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out = sys.argv[1]
    sys.argv = ["pykubectl", *sys.argv[2:]]
    from pykubectl.cli.entry import run

    prof = cProfile.Profile()

    def dump() -> None:
        prof.disable()
        prof.dump_stats(out)

    atexit.register(dump)
    prof.enable()
    sys.exit(run())


if __name__ == "__main__":
    main()
