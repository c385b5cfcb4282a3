"""Optimistic concurrency: several processes write the same Deployment at once. Every write either lands on the
latest version (no lost update: each field ends at the last value its one writer had acknowledged) or fails with
the API server's conflict text; commands that kubectl retries on conflict retry here."""

from __future__ import annotations

import json
import os
import threading

from pykubectl.cli import main as climain
from pykubectl.apiserver import pipeline
from pykubectl.cli import objectupdate
from tests.conftest import Runner
from tests.robustness.conftest import pk

CONFLICT = ('Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "web": the object has '
            "been modified; please apply your changes to the latest version and try again\n")
WEB = ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n"
       "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
       "    spec: {containers: [{name: c, image: \"nginx:0\"}]}\n")
ROUNDS = 5


def test_concurrent_writers_never_lose_an_update(any_url: str, tmp_path: "os.PathLike[str]") -> None:
    # Each PostgreSQL command pays ~0.5 s of CPU importing SQLAlchemy: fewer rounds there.
    rounds = ROUNDS if "://" not in any_url else 2
    path = os.path.join(str(tmp_path), "web.yaml")
    with open(path, "w") as f:
        f.write(WEB)
    assert pk(any_url, ["apply", "-f", path]).returncode == 0
    acked: dict[str, list[str]] = {}
    failures: list[str] = []
    conflicts = []
    lock = threading.Lock()

    def optimistic_replacer() -> None:
        # Reads the object, changes replicas, and replaces it carrying the resourceVersion it read: lands only if
        # nobody wrote in between, else fails with the API server's conflict text.
        for k in range(1, rounds + 1):
            r = pk(any_url, ["get", "deployment", "web", "-o", "json"])
            d = json.loads(r.stdout)
            d["spec"]["replicas"] = k
            f = os.path.join(str(tmp_path), f"replace{k}.json")
            with open(f, "w") as fh:
                json.dump(d, fh)
            r = pk(any_url, ["replace", "-f", f])
            with lock:
                if r.returncode == 0:
                    acked.setdefault("replicas", []).append(str(k))
                elif r.stderr == CONFLICT.replace("(Conflict): ", f'(Conflict): error when replacing "{f}": '):
                    conflicts.append(k)
                else:
                    failures.append(f"replace: exit {r.returncode}: {r.stderr}")

    def writer(field: str, argv: list[str]) -> None:
        for k in range(1, rounds + 1):
            args = [a.replace("{k}", str(k)) for a in argv]
            r = pk(any_url, args)
            with lock:
                if r.returncode == 0:
                    acked.setdefault(field, []).append(str(k))
                else:
                    failures.append(f"{' '.join(args)}: exit {r.returncode}: {r.stderr}")

    jobs = [threading.Thread(target=optimistic_replacer),
            threading.Thread(target=writer, args=("image", ["set", "image", "deployment/web", "c=nginx:{k}"])),
            threading.Thread(target=writer, args=("env", ["set", "env", "deployment/web", "K={k}"]))]
    if "label" in climain.VERBS:
        jobs.append(threading.Thread(target=writer, args=("label", ["label", "--overwrite", "deployment/web",
                                                                    "n={k}"])))
    for t in jobs:
        t.start()
    for t in jobs:
        t.join()
    assert not failures, failures
    assert len(acked.get("replicas", [])) + len(conflicts) == rounds
    r = pk(any_url, ["get", "deployment", "web", "-o", "json"])
    d = json.loads(r.stdout)
    c = d["spec"]["template"]["spec"]["containers"][0]
    assert c["image"] == f"nginx:{acked['image'][-1]}" == f"nginx:{rounds}"
    assert c["env"] == [{"name": "K", "value": acked["env"][-1]}]
    assert "replace" in climain.VERBS
    if acked.get("replicas"):
        assert str(d["spec"]["replicas"]) == acked["replicas"][-1]
    else:
        assert d["spec"]["replicas"] == 1
    if "label" in acked:
        assert d["metadata"]["labels"]["n"] == acked["label"][-1]
    print(f"replace: {len(acked.get('replicas', []))} landed, {len(conflicts)} conflicts")
    r = pk(any_url, ["store", "check"])
    assert r.returncode == 0, r.stdout + r.stderr


def test_scale_and_set_retry_on_conflict(run: Runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A write that conflicts (another writer got in between read and write) is re-read and re-applied."""
    assert run("apply -f -", stdin=WEB).code == 0
    real = pipeline.update
    calls = []

    def conflict_once(tx, new, old, *a, **kw):  # type: ignore[no-untyped-def]
        calls.append(new["metadata"]["resourceVersion"])
        if len(calls) % 2 == 1:
            from pykubectl import errors

            raise errors.Conflict('Operation cannot be fulfilled on deployments.apps "web": the object has been '
                                  "modified; please apply your changes to the latest version and try again")
        return real(tx, new, old, *a, **kw)

    monkeypatch.setattr(pipeline, "update", conflict_once)
    r = run("scale deployment/web --replicas=3")
    assert (r.out, r.err, r.code) == ("deployment.apps/web scaled\n", "", 0)
    r = run("set image deployment/web c=nginx:2")
    assert (r.out, r.err, r.code) == ("deployment.apps/web image updated\n", "", 0)
    assert len(calls) == 4
    monkeypatch.setattr(pipeline, "update", real)
    r = run("get deployment web -o jsonpath={.spec.replicas},{.spec.template.spec.containers[0].image}")
    assert r.out == "3,nginx:2"


def test_conflicts_are_retried_a_bounded_number_of_times(run: Runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert run("apply -f -", stdin=WEB).code == 0
    calls = []

    def always(tx, new, old, *a, **kw):  # type: ignore[no-untyped-def]
        from pykubectl import errors

        calls.append(1)
        raise errors.Conflict('Operation cannot be fulfilled on deployments.apps "web": the object has been '
                              "modified; please apply your changes to the latest version and try again")

    monkeypatch.setattr(pipeline, "update", always)
    r = run("scale deployment/web --replicas=3")
    assert (r.out, r.err, r.code) == ("", CONFLICT, 1)
    assert len(calls) == objectupdate.CONFLICT_RETRIES


def test_a_stale_resource_version_precondition_fails_client_side(run: Runner) -> None:
    # kubectl validates --resource-version against the object it read (ScalePrecondition.validate).
    assert run("apply -f -", stdin=WEB).code == 0
    rv = run("get deployment web -o jsonpath={.metadata.resourceVersion}").out
    r = run("scale deployment/web --replicas=3 --resource-version=1")
    assert (r.out, r.err, r.code) == ("", f"error: Expected resource version to be 1, was {rv}\n", 1)
    assert run("get deployment web -o jsonpath={.spec.replicas}").out == "1"
