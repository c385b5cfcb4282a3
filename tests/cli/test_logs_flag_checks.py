"""logs' Complete and Validate in kubectl 1.32's order and words (seen through pykubectl serve): --since-time
parsed as Go's time.Parse(RFC3339) parses it, then one of --since/--since-time, --all-containers with a container,
-c with an inline container, --limit-bytes, --since and --tail ranges; a selector with a POD name."""

from __future__ import annotations

import pytest

POD = """apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: p}}
spec:
  containers: [{name: c, image: busybox, command: [echo, hi]}]
"""
LAYOUT = "2006-01-02T15:04:05Z07:00"


@pytest.mark.parametrize("flags, err", [
    (["--since=1h", "--since-time=2024-01-01T00:00:00Z"],
     "error: at most one of `sinceTime` or `sinceSeconds` may be specified\n"),
    (["--since=-1h"], "error: --since must be greater than 0\n"),
    (["--since=abc"], 'error: invalid argument "abc" for "--since" flag: time: invalid duration "abc"\n'
                      "See 'kubectl logs --help' for usage.\n"),
    (["--tail=-5"], "error: --tail must be greater than or equal to -1\n"),
    (["--limit-bytes=-1"], "error: --limit-bytes must be greater than 0\n"),
    (["--since-time=yesterday"], f'error: parsing time "yesterday" as "{LAYOUT}": cannot parse "yesterday" as '
                                 '"2006"\n'),
    (["--since-time=2024-01-01"], f'error: parsing time "2024-01-01" as "{LAYOUT}": cannot parse "" as "T"\n'),
    (["--since-time=2024-1-01T00:00:00Z"], f'error: parsing time "2024-1-01T00:00:00Z" as "{LAYOUT}": cannot parse '
                                           '"1-01T00:00:00Z" as "01"\n'),
    (["--since-time=2024-01-01T00:00:00+0100"], f'error: parsing time "2024-01-01T00:00:00+0100" as "{LAYOUT}": '
                                                'cannot parse "+0100" as "Z07:00"\n'),
    (["--since-time=2024-13-01T00:00:00Z"], 'error: parsing time "2024-13-01T00:00:00Z": month out of range\n'),
    (["--since-time=2024-02-30T00:00:00Z"], 'error: parsing time "2024-02-30T00:00:00Z": day out of range\n'),
    (["--since-time=2024-01-01T00:61:00Z"], 'error: parsing time "2024-01-01T00:61:00Z": minute out of range\n'),
    (["c", "--all-containers"], "error: --all-containers=true should not be specified with container name c\n"),
    (["-c", "c", "--all-containers"], "error: --all-containers=true should not be specified with container name c\n"),
    (["c", "-c", "c"], "error: only one of -c or an inline [CONTAINER] arg is allowed\n"),
])
def test_refused(run, flags: list[str], err: str) -> None:
    assert run(["apply", "-f", "-"], stdin=POD).code == 0
    res = run(["logs", "p", *flags])
    assert (res.code, res.out, res.err) == (1, "", err)


def test_selector_with_a_name(run) -> None:
    res = run(["logs", "-l", "app=p", "p"])
    assert (res.code, res.err) == (1, "error: only a selector (-l) or a POD name is allowed\n"
                                      "See 'kubectl logs -h' for help and examples\n")


def test_accepted_forms(run) -> None:
    assert run(["apply", "-f", "-"], stdin=POD).code == 0
    for flags in (["--since=0s"], ["--since-time=2024-01-01T00:00:00.123+01:00"], ["--since-time=2024-01-01T00:00:00Z",
                                                                                   "--since=0s"]):
        assert run(["logs", "p", *flags]).code == 0, flags
