"""Crashes: pykubectl killed with SIGKILL at injected fault points (PYKUBECTL_FAULT) and at random instants, during
200 applies and scales; after every kill the store passes ``store check`` and each deployment is as it was before
the command or as the command left it, never in between. Ctrl-C exits 130 with the store unchanged."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time

import pytest

from pykubectl.store import check as checkmod
from pykubectl.store import db as dbmod
from tests.robustness.conftest import PYKUBECTL, ROOT, pk, sub_env

COMMANDS = 200
NAMES = ("web", "api", "db")


def manifest(name: str, replicas: int, image: str) -> str:
    return (f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: {replicas}\n"
            f"  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n"
            f"    spec: {{containers: [{{name: c, image: \"{image}\"}}]}}\n")


def deployments(url: str) -> dict[str, tuple[str, int]]:
    """name -> (image, replicas) as stored, read in one snapshot."""
    db = dbmod.connect(url)
    try:
        rows = db.execute("SELECT name, body FROM objects WHERE kind = 'Deployment' AND namespace = 'default'")
    finally:
        db.close()
    out = {}
    for name, body in rows:
        spec = json.loads(body)["spec"]
        out[name] = (spec["template"]["spec"]["containers"][0]["image"], int(spec["replicas"]))
    return out


def assert_check(url: str, what: str) -> None:
    db = dbmod.connect(url)
    try:
        rep = checkmod.check(db)
    finally:
        db.close()
    assert rep.ok, f"{what}: store check found:\n" + "\n".join(rep.problems)


def kill_at_random(args: list[str], env: dict[str, str], rng: random.Random) -> int:
    p = subprocess.Popen([PYKUBECTL, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    time.sleep(rng.uniform(0.0, 0.15))
    p.send_signal(signal.SIGKILL)
    _, err = p.communicate(timeout=60)
    assert b"Traceback" not in err, err.decode()
    return p.returncode


def test_sigkill_during_applies_and_scales(tmp_path: "os.PathLike[str]") -> None:
    url = os.path.join(str(tmp_path), "store.db")
    rng = random.Random(20261122)
    assert pk(url, ["get", "ns"]).returncode == 0
    model: dict[str, tuple[str, int]] = {}
    kills = clean = 0
    for i in range(COMMANDS):
        name = rng.choice(NAMES)
        before = dict(model)
        after = dict(model)
        if name not in model or rng.random() < 0.5:
            replicas, image = rng.randint(0, 4), f"nginx:1.{rng.randint(0, 9)}"
            path = os.path.join(str(tmp_path), f"m{i}.yaml")
            with open(path, "w") as f:
                f.write(manifest(name, replicas, image))
            args = ["apply", "-f", path]
            after[name] = (image, replicas)
        else:
            replicas = rng.randint(0, 4)
            args = ["scale", f"deployment/{name}", f"--replicas={replicas}"]
            after[name] = (model[name][0], replicas)
        mode = rng.random()
        env = sub_env(url, PYKUBECTL_SEED=str(i))
        if mode < 0.6:
            point = rng.choice(["after-write:%d" % rng.randint(1, 40), "before-commit:%d" % rng.randint(1, 3),
                                "after-commit:%d" % rng.randint(1, 3)])
            env["PYKUBECTL_FAULT"] = point
            r = subprocess.run([PYKUBECTL, *args], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
            code = r.returncode
            assert "Traceback" not in r.stderr, r.stderr
            if code != -signal.SIGKILL:
                assert code == 0, f"{args} with {point}: exit {code}: {r.stderr}"
        else:
            code = kill_at_random(args, env, rng)
        if code == -signal.SIGKILL:
            kills += 1
        else:
            clean += 1
        assert_check(url, f"command {i} ({' '.join(args)}, exit {code})")
        got = deployments(url)
        if code == 0:
            assert got == after, f"command {i} {args} succeeded"
        else:
            assert got in (before, after), f"command {i} {args} killed: {got} is neither {before} nor {after}"
        model = got
    assert kills >= COMMANDS // 2, (kills, clean)
    # The next command finishes whatever the killed ones left, and the cluster converges.
    r = pk(url, ["get", "pods", "-o", "name"])
    assert r.returncode == 0, r.stderr
    assert_check(url, "after the final settle")
    db = dbmod.connect(url)
    try:
        assert db.execute("SELECT COUNT(*) FROM work")[0][0] == 0
    finally:
        db.close()
    for name, (_, replicas) in model.items():
        assert sum(1 for ln in r.stdout.splitlines() if ln.startswith(f"pod/{name}-")) == replicas, name


def test_fault_spec_is_validated(tmp_path: "os.PathLike[str]") -> None:
    url = os.path.join(str(tmp_path), "store.db")
    r = pk(url, ["get", "ns"], PYKUBECTL_FAULT="sometimes")
    assert r.returncode == 1
    assert r.stderr == ("error: invalid PYKUBECTL_FAULT 'sometimes': want one of after-write, before-commit, "
                        "after-commit and :N (N >= 1)\n")


def _dump_sqlite(path: str) -> list:
    conn = sqlite3.connect(path)
    try:
        return [(t, sorted(conn.execute(f"SELECT * FROM {t}").fetchall())) for t in checkmod.TABLES]
    finally:
        conn.close()


@pytest.mark.parametrize("args", [["scale", "deployment/web", "--replicas=5"],
                                  ["set", "image", "deployment/web", "c=nginx:9"],
                                  ["apply", "-f", "-"]])
def test_ctrl_c_exits_130_and_leaves_the_store_unchanged(tmp_path: "os.PathLike[str]", args: list[str]) -> None:
    url = os.path.join(str(tmp_path), "store.db")
    r = subprocess.run([PYKUBECTL, "apply", "-f", "-"], input=manifest("web", 2, "nginx:1"), env=sub_env(url),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    before = _dump_sqlite(url)
    # Another writer holds the store: the command queues for the write lock, mid-command, when Ctrl-C comes.
    holder = sqlite3.connect(url, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        p = subprocess.Popen([PYKUBECTL, *args], env=sub_env(url), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        if args[-1] == "-":
            p.stdin.write(manifest("web", 7, "nginx:7"))  # type: ignore[union-attr]
        p.stdin.close()  # type: ignore[union-attr]
        p.stdin = None
        time.sleep(1.5)  # well past start-up: it is waiting for the lock
        assert p.poll() is None, p.communicate()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=10)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert p.returncode == 130, err
    assert out == "" and "Traceback" not in err
    assert _dump_sqlite(url) == before
    assert_check(url, "after Ctrl-C")


def test_a_store_locked_too_long_is_a_clear_error(tmp_path: "os.PathLike[str]", monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import Runner

    url = os.path.join(str(tmp_path), "store.db")
    run = Runner(url)
    assert run("apply -f -", stdin=manifest("web", 1, "nginx:1")).code == 0
    before = _dump_sqlite(url)
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_S", 0.5)
    holder = sqlite3.connect(url, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = run("scale deployment/web --replicas=3")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (r.out, r.err, r.code) == ("", f"error: the store {url} stayed locked by another command for 0.5s\n", 1)
    assert _dump_sqlite(url) == before
