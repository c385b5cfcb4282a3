"""Flags of the reading verbs kubectl 1.32 has: describe -k/-R/--chunk-size (and --show-events=false with no Events
section), logs --insecure-skip-tls-verify-backend, top pod --sum, events --watch. Compared with real kubectl 1.32
through pykubectl serve, except top pod --sum (serve has no metrics API): that layout is derived from kubectl's
metricsutil printer."""

from __future__ import annotations


def test_describe_kustomize_recursive_chunk_size(run, kz, tmp_path) -> None:
    assert run(["apply", "-k", str(kz)]).code == 0
    out = run(["describe", "-k", str(kz), "--chunk-size=0"]).out
    assert [ln.split()[1] for ln in out.splitlines() if ln.startswith("Name:")] == ["kz-websvc", "kz-web"]
    sub = tmp_path / "tree" / "sub"
    sub.mkdir(parents=True)
    (sub / "dep.yaml").write_text((kz / "dep.yaml").read_text())
    assert run(["apply", "-f", str(sub / "dep.yaml")]).code == 0
    out = run(["describe", "-f", str(tmp_path / "tree"), "-R", "--show-events=false"]).out
    assert [ln.split()[1] for ln in out.splitlines() if ln.startswith("Name:")] == ["web"]
    assert "Events:" not in out and out.endswith(" replicas created)\n")


def test_logs_takes_the_backend_tls_flag(run) -> None:
    assert run(["run", "p", "--image=busybox", "--", "echo", "hi"]).code == 0
    with_flag = run(["logs", "p", "--insecure-skip-tls-verify-backend"])
    without = run(["logs", "p"])
    assert (with_flag.code, with_flag.out, with_flag.err) == (without.code, without.out, without.err)


def test_top_pod_sum(run) -> None:
    for name in ("a", "b"):
        assert run(["run", name, "--image=nginx"]).code == 0
    lines = run(["top", "pod", "--sum"]).out.splitlines()
    assert lines[0].split() == ["NAME", "CPU(cores)", "MEMORY(bytes)"]
    cpu = sum(int(ln.split()[1].rstrip("m")) for ln in lines[1:3])
    assert lines[3].split() == ["________", "________"] and lines[3].startswith(" " * 6)
    assert lines[4].split()[0] == f"{cpu}m" and lines[4].index(lines[4].split()[0]) == lines[0].index("CPU(cores)")
    # With --containers the POD column comes first: two empty cells before the underscores.
    lines = run(["top", "pod", "--sum", "--containers"]).out.splitlines()
    assert lines[-2].index("________") == lines[0].index("CPU(cores)")


def test_events_watch_prints_the_existing_events_in_list_order(run) -> None:
    assert run(["run", "b", "--image=nginx"]).code == 0
    assert run(["run", "a", "--image=nginx"]).code == 0
    res = run(["events", "--watch"])
    assert res.code == 0 and res.err == ""
    objects = [ln.split()[3] for ln in res.out.splitlines()[1:]]
    assert objects.index("Pod/a") < objects.index("Pod/b")  # by name, not by time
    names = run(["events", "--watch", "-o", "name"]).out.split()
    assert names == sorted(names) and all(n.startswith("event/") for n in names)
    assert run(["events", "--watch", "-o", "yaml"]).out.count("\n---\n") == len(names) - 1


def test_events_watch_widens_columns_only(run) -> None:
    from pykubectl.cli.events import _remembered_widths_table

    rows = [["LAST SEEN", "TYPE", "MESSAGE"], ["1m", "Normal", "x"], ["1m", "Warning", "y"], ["1m", "Normal", "z"]]
    assert _remembered_widths_table(rows, 2) == ("LAST SEEN   TYPE     MESSAGE\n1m          Normal   x\n"
                                                 "1m          Warning   y\n1m          Normal    z\n")
