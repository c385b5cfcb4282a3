"""delete --field-selector, -i/--interactive and --raw, as real kubectl 1.32 behaved through pykubectl serve (the
texts below are what it printed)."""

from __future__ import annotations

import json


def _pods(run) -> list[str]:
    return run(["get", "pods", "-o", "name"]).out.split()


def test_field_selector_deletes_what_matches(run) -> None:
    run(["run", "a1", "--image=nginx"])
    run(["run", "a2", "--image=nginx"])
    res = run(["delete", "pods", "--field-selector=metadata.name=a1"])
    assert (res.code, res.out) == (0, 'pod "a1" deleted\n')
    assert _pods(run) == ["pod/a2"]
    res = run(["delete", "pods", "--field-selector=metadata.name=zz"])
    assert (res.code, res.out, res.err) == (0, "No resources found\n", "")


def test_field_selector_errors(run) -> None:
    run(["run", "a2", "--image=nginx"])
    res = run(["delete", "pods", "a2", "--field-selector=metadata.name=zz"])
    assert (res.code, res.err) == (1, "error: name cannot be provided when a selector is specified\n")
    res = run(["delete", "pods", "a2", "-l", "app=b"])
    assert (res.code, res.err) == (1, "error: name cannot be provided when a selector is specified\n")
    res = run(["delete", "pods", "--field-selector=spec.bogus=1"])
    assert (res.code, res.err) == (1, 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match '
                                      'label selector "", field selector "spec.bogus=1": field label not supported: '
                                      "spec.bogus\n")
    res = run(["delete", "pods", "--all", "--field-selector=metadata.name=a2"])
    assert (res.code, res.err) == (1, "error: setting 'all' parameter but found a non empty selector. \n")
    assert _pods(run) == ["pod/a2"]


PROMPT = "You are about to delete the following {n} resource(s):\n{lines}Do you want to continue? (y/n): "


def test_interactive_asks_and_only_y_goes_on(run) -> None:
    run(["run", "a2", "--image=nginx"])
    run(["run", "a3", "--image=nginx"])
    res = run(["delete", "pod", "a3", "a2", "-i"], stdin="n\n")
    assert (res.code, res.out) == (0, PROMPT.format(n=2, lines="pod/a3\npod/a2\n") + "deletion is cancelled\n")
    res = run(["delete", "pod", "a3", "-i"], stdin="yes\n")
    assert res.out.endswith("deletion is cancelled\n")
    res = run(["delete", "pod", "a2", "-i"], stdin="")
    assert (res.code, res.out) == (0, PROMPT.format(n=1, lines="pod/a2\n") + "deletion is cancelled\n")
    res = run(["delete", "pod", "a2", "-i", "--dry-run=client"], stdin="y\n")
    assert res.out == PROMPT.format(n=1, lines="pod/a2\n") + 'pod "a2" deleted (dry run)\n'
    assert _pods(run) == ["pod/a2", "pod/a3"]
    res = run(["delete", "pod", "a3", "-i"], stdin="Y\n")
    assert (res.code, res.out) == (0, PROMPT.format(n=1, lines="pod/a3\n") + 'pod "a3" deleted\n')
    res = run(["delete", "pods", "--all", "-i", "-o", "name"], stdin="y\n")
    assert res.out == PROMPT.format(n=1, lines="pod/a2\n") + "pod/a2\n"
    assert _pods(run) == []


def test_interactive_lists_named_objects_unread_and_nothing_when_none_match(run) -> None:
    """Named objects are listed as named (the builder reads them only to delete): a missing one is an error after
    the answer; a selector that matches nothing says so without asking."""
    run(["run", "a2", "--image=nginx"])
    res = run(["delete", "pod", "zz", "a2", "-i", "--dry-run=server"], stdin="y\n")
    assert (res.code, res.out, res.err) == (
        1, PROMPT.format(n=2, lines="pod/zz\npod/a2\n") + 'pod "a2" deleted (server dry run)\n',
        'Error from server (NotFound): pods "zz" not found\n')
    res = run(["delete", "pods", "-l", "app=nomatch", "-i"], stdin="y\n")
    assert (res.code, res.out) == (0, "No resources found\n")


def test_raw_deletes_the_uri_and_prints_the_answer(run) -> None:
    run(["run", "r1", "--image=nginx"])
    res = run(["delete", "--raw", "/api/v1/namespaces/default/pods/r1"])
    assert res.code == 0
    assert json.loads(res.out) == {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
                                   "details": {"name": "r1", "kind": "pods", "uid": ""}}
    assert res.out.startswith('{"kind":"Status","apiVersion":"v1",') and res.out.endswith("}\n")
    res = run(["delete", "--raw", "/api/v1/namespaces/default/pods/r1"])
    assert (res.code, res.err) == (1, 'Error from server (NotFound): pods "r1" not found\n')
    # Arguments play no part with --raw.
    res = run(["delete", "--raw", "/api/v1/namespaces/default/pods/zz", "pod", "x"])
    assert (res.code, res.err) == (1, 'Error from server (NotFound): pods "zz" not found\n')


def test_raw_usage_errors(run) -> None:
    cases = [
        (["--raw=x"], 'error: --raw must be a valid URL path: parse "x": invalid URI for request\n'),
        (["--raw=/x", "-f", "missing.yaml"], "error: open missing.yaml: no such file or directory\n"),
        (["--raw=/x", "-i"], "error: --interactive can not be used with --raw\n"),
        (["--raw=/x", "-f", "a", "-f", "b"], "error: --raw can only use a single local file or stdin\n"),
        (["--raw=/x", "-o", "name"], "error: --raw and --output are mutually exclusive\n"),
    ]
    for flags, err in cases:
        res = run(["delete", *flags])
        assert (res.code, res.err) == (1, err), flags
