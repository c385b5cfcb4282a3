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


def test_resource_slash_name_forms(web) -> None:
    """splitResourceTypeName's refusals (seen with kubectl 1.32 through serve)."""
    more = "error: arguments in resource/name form may not have more than one slash\n"
    single = "error: arguments in resource/name form must have a single resource and name\n"
    for arg, err in (("deploy/web/x", more), ("/web", single), ("deploy,svc/web", single), ("deploy/", single),
                     (",deploy/web", single), ("deploy,/web", single)):
        res = web(["get", arg])
        assert (res.code, res.out, res.err) == (1, "", err), arg
    # one distinct word passes the split, then the mapper looks the whole word up
    res = web(["get", "deploy,deploy/web"])
    assert (res.code, res.err) == (1, 'error: the server doesn\'t have a resource type "deploy,deploy"\n')
