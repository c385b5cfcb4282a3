"""get --sort-by over server tables, as real kubectl 1.32 printed it through pykubectl serve (get.go and sorter.go):
a table of more than one row whose rows all lack the field (or a path that does not parse) prints nothing and
the command says "No resources found" and succeeds (get ignores the SortingPrinter's error); a single row is
printed unsorted; with more than one table (several types, or several named objects) the Table objects
themselves are sorted, so a field no Table has is an error; --server-print=false sorts every object together and
starts a new table where the kind changes."""

from __future__ import annotations

import pytest

NOT_FOUND = 'error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n'


@pytest.fixture
def two(run):
    for name in ("b", "a"):
        assert run(["create", "deployment", name, "--image=nginx"]).code == 0
    return run


def test_missing_field_on_a_list_prints_nothing(two) -> None:
    res = two(["get", "deploy", "--sort-by=.metadata.nope"])
    assert (res.code, res.out, res.err) == (0, "", "No resources found in default namespace.\n")
    res = two(["get", "deploy", "--sort-by={.metadata.name"])
    assert (res.code, res.out, res.err) == (0, "", "No resources found in default namespace.\n")


def test_one_row_is_printed_unsorted(two) -> None:
    res = two(["get", "deploy", "-l", "app=a", "--sort-by=.metadata.nope"])
    assert res.code == 0 and res.out.splitlines()[1].startswith("a ")
    res = two(["get", "deploy", "a", "--sort-by=.metadata.nope"])
    assert res.code == 0 and res.out.splitlines()[1].startswith("a ")


def test_several_tables_sort_the_tables(two) -> None:
    for args in (["deploy,rs"], ["deploy", "a", "b"]):
        res = two(["get", *args, "--sort-by=.metadata.name"])
        assert (res.code, res.out, res.err) == (1, "", NOT_FOUND), args
    res = two(["get", "deploy,rs", "--sort-by=.kind"])
    assert res.code == 0 and res.out.count("NAME") == 2


def test_without_server_tables_all_objects_sort_together(two) -> None:
    out = two(["get", "deploy,rs", "--sort-by=.metadata.name", "--server-print=false", "--no-headers"]).out
    names = [ln.split()[0] for ln in out.splitlines()]
    assert names[0] == "deployment.apps/a" and names[1].startswith("replicaset.apps/a-")
    assert names[2] == "deployment.apps/b" and names[3].startswith("replicaset.apps/b-")
    out = two(["get", "deploy,rs", "--sort-by=.metadata.name", "--server-print=false"]).out
    assert out.count("NAME") == 4
