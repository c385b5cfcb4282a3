"""Several objects, some missing or refused: which objects kubectl changes and how it reports the errors, as real
kubectl 1.32 did through `pykubectl serve`. kubectl's ContinueOnError visit reports the errors after the last
object; an aggregate of one prints as "error: <text>" (or the server's form), several a line each with the
error's own text. The set commands (but set selector) read every object first and change nothing if one is
missing."""

from __future__ import annotations

import json

NF = 'Error from server (NotFound): deployments.apps "{}" not found\n'


def _deploy(run) -> None:  # type: ignore[no-untyped-def]
    assert run("create deployment web --image=nginx:1.27").code == 0


def test_set_image_changes_nothing_when_one_object_is_missing(run) -> None:  # type: ignore[no-untyped-def]
    _deploy(run)
    res = run("set image deploy/web deploy/nosuch2 web=nginx:1.29")
    assert (res.out, res.err, res.code) == ("", NF.format("nosuch2"), 1)
    res = run("set env deploy/nosuch1 deploy/web deploy/nosuch3 A=1")
    assert (res.out, res.err, res.code) == ("", NF.format("nosuch1") + NF.format("nosuch3"), 1)
    obj = json.loads(run("get deploy web -o json").out)
    container = obj["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == "nginx:1.27" and "env" not in container


def test_set_selector_changes_what_it_finds_and_reports_the_rest(run) -> None:  # type: ignore[no-untyped-def]
    assert run("create service clusterip web --tcp=80:80").code == 0
    res = run("set selector svc/nosuch1 svc/web svc/nosuch3 a=b")
    assert res.out == "service/web selector updated\n"
    assert res.err == ('Error from server (NotFound): services "nosuch1" not found\n'
                       'Error from server (NotFound): services "nosuch3" not found\n')
    assert res.code == 1


def test_rollout_history_prints_what_it_finds_then_every_error(run) -> None:  # type: ignore[no-untyped-def]
    _deploy(run)
    res = run("rollout history deploy/nosuch1 deploy/web svc/kubernetes deploy/nosuch2")
    assert res.out == "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n"
    assert res.err == (NF.format("nosuch1")
                       + 'error retrieving history for "Service", no visitor method exists for { Service}\n'
                       + NF.format("nosuch2"))
    assert res.code == 1
    res = run("rollout history deploy/web --revision=7")
    assert (res.err, res.code) == ("error: unable to find the specified revision\n", 1)


def test_wait_reports_missing_objects_with_the_others(run) -> None:  # type: ignore[no-untyped-def]
    _deploy(run)
    res = run("wait --for=condition=Available deploy/nosuch1 deploy/web deploy/nosuch2 --timeout=2s")
    assert res.out == "deployment.apps/web condition met\n"
    assert (res.err, res.code) == (NF.format("nosuch1") + NF.format("nosuch2"), 1)
    res = run("wait --for=condition=Nope deploy/web deploy/nosuch2 --timeout=0")
    assert (res.err, res.code) == ("condition not met for deployments/web\n" + NF.format("nosuch2"), 1)
