"""Lists of resource types as real kubectl 1.32 printed them through pykubectl serve: without names each mapping
is visited once (the resource builder's resourceMappings is unique by group/version/kind); with names each type
word once (SplitResourceArgument); the table's kind prefix appears only when the builder returned more than one
kind — a list counts even when empty, a named object only when it was found."""

from __future__ import annotations

import pytest

DEPLOY_HEADER = "NAME   READY   UP-TO-DATE   AVAILABLE   AGE"


@pytest.fixture
def web(run):
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    assert run(["expose", "deployment", "web", "--port=80"]).code == 0
    return run


def test_a_type_twice_is_listed_once(web) -> None:
    for types in ("deploy,deploy", "deploy,deployments.apps"):
        out = web(["get", types]).out
        assert out.count("READY") == 1 and out.splitlines()[0] == DEPLOY_HEADER, types
    names = web(["get", "deploy,svc,deploy", "-o", "name"]).out.split()
    assert names == ["deployment.apps/web", "service/kubernetes", "service/web"]


def test_named_objects_repeat_per_type_word(web) -> None:
    assert web(["get", "deploy,deploy", "web"]).out.count("\nweb ") == 1
    out = web(["get", "svc,deploy,services", "web"]).out
    assert out.count("service/web ") == 2 and out.count("deployment.apps/web ") == 1


def test_kind_prefix_only_for_kinds_returned(web) -> None:
    res = web(["get", "deploy/web", "svc/nosuch"])
    assert res.code == 1 and res.out.splitlines()[0] == DEPLOY_HEADER and res.out.splitlines()[1].startswith("web ")
    assert res.err == 'Error from server (NotFound): services "nosuch" not found\n'
    # an empty list still counts as a kind returned
    out = web(["get", "deploy,pdb"]).out
    assert out.splitlines()[1].startswith("deployment.apps/web ")
