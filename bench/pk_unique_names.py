"""Run pykubectl with generated-name suffixes that never repeat within one process.

A benchmark aid, not a fix: at the time of writing, the ReplicaSet controller draws 5-character pod-name suffixes
(27^5 = 14.3 M names) and a collision aborts the reconcile with `Error from server (AlreadyExists): pods ...`. At 10,000
pods a collision is almost certain (birthday bound, ~97%), at 1,000 it is ~3.5%. Kubernetes 1.32's API server
retries generateName collisions (KEP-4420, RetryGenerateName, GA in 1.32); until pykubectl does the same, the scale
benchmarks run through this wrapper so they measure the reconcile and not the bug. Cost: one set lookup per name.

    python bench/pk_unique_names.py scale deploy/web --replicas=10000
"""

import sys

import pykubectl.env as _env

_orig = _env.Env.suffix
_seen: set[str] = set()


def _suffix(self, n: int = 5) -> str:
    while True:
        s = _orig(self, n)
        if s not in _seen:
            _seen.add(s)
            return s


_env.Env.suffix = _suffix  # type: ignore[method-assign]

if __name__ == "__main__":
    from pykubectl.cli.main import run

    sys.argv[0] = "pykubectl"
    run()
