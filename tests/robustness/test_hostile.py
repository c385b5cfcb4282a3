"""Hostile input: every file of fixtures/hostile/ (written by gen_hostile.py), fed to apply, create, and to
validate and patch where those verbs exist, is refused with a kubectl-style message: exit 1, no traceback, the store
unchanged, within a time and memory bound. Plus a Hypothesis fuzz of mangled manifests, and checks that Secret
values are never printed."""

from __future__ import annotations

import base64
import os
import stat
import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pykubectl.cli import main as climain
from tests.conftest import Runner
from tests.robustness.conftest import ROOT
from tests.store.conftest import TABLES

CORPUS = os.path.join(ROOT, "fixtures", "hostile")
FILES = sorted(f for f in os.listdir(CORPUS) if f != "README.md")
TIME_BOUND_S = 30.0  # against runaways (an alias bomb expanded takes hours), not a speed test: the machine is shared
MEMORY_BOUND = 64 * 1024 * 1024  # peak Python allocations of one command
SECRET_VALUE = "s3cr3t-value"
SECRET_B64 = base64.b64encode(SECRET_VALUE.encode()).decode()

# Files `validate` accepts, and why (validate checks documents, it does not run the request path):
VALIDATE_ACCEPTS = {
    "only-bom.yaml": "no documents: nothing invalid",
    "only-comments.yaml": "no documents: nothing invalid",
    "only-separators.yaml": "no documents: nothing invalid",
    "secret-stringdata-bad-key.yaml": "the API server merges stringData into data before validating; validate does "
                                      "not (reported to the validate owner)",
}

TARGET = ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: b}\n---\n"
          "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n"
          "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
          "    spec: {containers: [{name: c, image: nginx}]}\n")


def verbs() -> list[str]:
    out = ["apply", "create"]
    out += [v for v in ("validate", "patch") if v in climain.VERBS]
    return out


def command(verb: str, path: str) -> list[str]:
    return {"apply": ["apply", "-f", path], "create": ["create", "-f", path], "validate": ["validate", path],
            "patch": ["patch", "deployment", "web", "--type", "merge", "--patch-file", path]}[verb]


def dump(run: Runner) -> list:
    import sqlite3

    conn = sqlite3.connect(run.store)
    try:
        return [(t, sorted(conn.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    run = Runner(str(tmp_path_factory.mktemp("hostile") / "store.db"))
    r = run("apply -f -", stdin=TARGET)
    assert r.code == 0, r.err
    return run


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The two cases too big to keep in the repository."""
    d = tmp_path_factory.mktemp("big")
    over_request = d / "over-request-limit.yaml"
    with open(over_request, "w") as f:
        f.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: ")
        f.write("x" * (3 * 1024 * 1024))
        f.write("\n")
    over_data = d / "configmap-over-1mib.yaml"
    with open(over_data, "w") as f:
        f.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n")
        f.write(f"  a: {'x' * (512 * 1024)}\n  b: {'y' * (512 * 1024 + 1)}\n")
    over_secret = d / "secret-over-1mib.yaml"
    with open(over_secret, "w") as f:
        f.write("apiVersion: v1\nkind: Secret\nmetadata: {name: big}\nstringData:\n")
        f.write(f"  a: {'x' * (1024 * 1024 + 1)}\n")
    return {"over-request-limit.yaml": str(over_request), "configmap-over-1mib.yaml": str(over_data),
            "secret-over-1mib.yaml": str(over_secret)}


def run_bounded(run: Runner, args: list[str]) -> tuple:
    tracemalloc.start()
    t0 = time.monotonic()
    try:
        r = run(args)
    finally:
        elapsed = time.monotonic() - t0
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return r, elapsed, peak


def check_refused(target: Runner, verb: str, path: str) -> None:
    before = dump(target)
    r, elapsed, peak = run_bounded(target, command(verb, path))
    what = f"{verb} {os.path.basename(path)}: exit {r.code}\nstdout: {r.out[:300]}\nstderr: {r.err[:600]}"
    assert "Traceback" not in r.err and "internal error" not in r.err, what
    assert elapsed < TIME_BOUND_S, f"{what}\ntook {elapsed:.1f}s"
    assert peak < MEMORY_BOUND, f"{what}\npeak memory {peak / 1e6:.0f} MB"
    assert SECRET_VALUE not in r.err + r.out and SECRET_B64 not in r.err + r.out, what
    if verb == "validate" and os.path.basename(path) in VALIDATE_ACCEPTS:
        assert r.code in (0, 1) and dump(target) == before, what
        return
    if verb == "patch" and r.code == 0:
        # A few files are well-formed merge patches of something else entirely: the patch may apply. Put the
        # object back so the next case starts from the same store.
        target("delete deployment web")
        target("apply -f -", stdin=TARGET)
        return
    assert r.code == 1, what
    if verb == "validate":  # a report on stdout: file:line:column: document N: message
        assert r.out.strip() or r.err.strip(), what
    else:
        lines = [ln for ln in r.err.splitlines() if ln.strip()]
        assert lines and lines[0].startswith(("error: ", "Error from server (", "The ")), what
    assert dump(target) == before, f"{what}\nthe store changed"


def test_the_corpus_is_large_enough() -> None:
    assert len(FILES) >= 100


@pytest.mark.parametrize("verb", ["apply", "create", "validate", "patch"])
@pytest.mark.parametrize("name", FILES)
def test_hostile_file_is_refused(target: Runner, verb: str, name: str) -> None:
    if verb not in verbs():
        pytest.skip(f"no `{verb}` verb yet")
    check_refused(target, verb, os.path.join(CORPUS, name))


@pytest.mark.parametrize("verb", ["apply", "create"])
@pytest.mark.parametrize("name", ["over-request-limit.yaml", "configmap-over-1mib.yaml", "secret-over-1mib.yaml"])
def test_size_limits(target: Runner, generated: dict[str, str], verb: str, name: str) -> None:
    check_refused(target, verb, generated[name])
    r = target(command(verb, generated[name]))
    if name == "over-request-limit.yaml":
        assert "larger than the API server's request limit of 3145728 bytes" in r.err
    elif verb == "apply":
        # apply also writes the whole object into the last-applied annotation, which is capped first (as kubectl
        # apply of a large ConfigMap fails on a real cluster).
        assert "metadata.annotations: Too long: may not be more than 262144 bytes" in r.err
    else:
        assert "Too long: may not be more than 1048576 bytes" in r.err


def test_manifests_never_execute_code(target: Runner) -> None:
    assert target(["apply", "-f", os.path.join(CORPUS, "python-tag.yaml")]).code == 1
    assert not os.path.exists("/tmp/pwned-by-pykubectl")


def test_store_is_private(tmp_path: "os.PathLike[str]") -> None:
    path = os.path.join(str(tmp_path), "new", "dir", "store.db")
    assert Runner(path)("get ns").code == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700


def test_secret_values_are_never_printed(tmp_path: "os.PathLike[str]") -> None:
    run = Runner(os.path.join(str(tmp_path), "store.db"))
    secret = (f"apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\ndata: {{password: {SECRET_B64}}}\n"
              f"stringData: {{token: {SECRET_VALUE}-2}}\n")
    r = run("apply -f -", stdin=secret)
    assert r.code == 0, r.err
    pod = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n"
           "    env: [{name: P, valueFrom: {secretKeyRef: {name: s, key: password}}}]\n")
    assert run("apply -f -", stdin=pod).code == 0
    outputs = [run(c) for c in ("describe secret s", "describe pod p", "get events -A", "get secret s",
                                "describe secrets", "get events -A -o yaml")]
    # A failing update and a failing create of the Secret: the errors name keys, never values.
    outputs.append(run("apply -f -", stdin=secret.replace("password:", "'bad key!':")))
    outputs.append(run("create -f -", stdin=secret))
    outputs.append(run("apply -f -", stdin=secret.replace("name: s}", "name: S}")))
    for r in outputs:
        for v in (SECRET_VALUE, SECRET_B64, base64.b64encode(f"{SECRET_VALUE}-2".encode()).decode()):
            assert v not in r.out and v not in r.err, (r.out, r.err)
    d = run("describe secret s").out
    assert "password:  12 bytes" in d and "token:" in d


# ---- fuzz -----------------------------------------------------------------------------------------------------
SEEDS = [open(os.path.join(ROOT, "fixtures", "seed", f), "rb").read()
         for f in sorted(os.listdir(os.path.join(ROOT, "fixtures", "seed")))] + [TARGET.encode()]

mangle = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(0, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.sampled_from(
        [ord(c) for c in "\t\x00:-[]{}&*!|>'\"#%@`\n ?,"])),
    st.tuples(st.just("dup"), st.integers(0, 10**6), st.integers(1, 40)),
)


def apply_mangles(data: bytes, ops: list) -> bytes:
    b = bytearray(data)
    for op, pos, arg in ops:
        if not b:
            break
        i = pos % len(b)
        if op == "flip":
            b[i] = arg
        elif op == "cut":
            del b[i:]
        elif op == "insert":
            b.insert(i, arg)
        else:
            b[i:i] = b[i:i + arg]
    return bytes(b)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), ops=st.lists(mangle, min_size=1, max_size=6),
       verb=st.sampled_from(["apply", "create"]))
def test_fuzz_mangled_manifests(tmp_path_factory: pytest.TempPathFactory, seed: bytes, ops: list, verb: str) -> None:
    d = tmp_path_factory.mktemp("fuzz")
    path = str(d / "m.yaml")
    with open(path, "wb") as f:
        f.write(apply_mangles(seed, ops))
    run = Runner(str(d / "store.db"))
    r, elapsed, peak = run_bounded(run, command(verb, path))
    what = f"exit {r.code}\nstderr: {r.err[:800]}"
    assert r.code in (0, 1), what
    assert "Traceback" not in r.err and "internal error" not in r.err, what
    assert elapsed < TIME_BOUND_S and peak < MEMORY_BOUND, what
    if r.code == 1:
        assert r.err.strip(), what
    assert run("store check").code == 0
