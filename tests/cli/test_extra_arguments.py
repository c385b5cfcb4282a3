"""Extra and missing arguments as real kubectl 1.32 handled them through pykubectl serve: cobra commands without an
argument check ignore extra words (auth whoami, events, plugin list, replace, cluster-info dump); others refuse
them with their own texts; set's builders and Validate speak in kubectl's order."""

from __future__ import annotations

import pytest

NEED_RESOURCES = ("error: You must provide one or more resources by argument or filename.\nExample resource "
                  "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
                  "   '<resource>'\n")


@pytest.mark.parametrize("args, code, err", [
    (["api-versions", "x"], 1, "error: unexpected arguments: [x]\nSee 'kubectl api-versions -h' for help and "
                               "examples\n"),
    (["api-resources", "a", "b"], 1, "error: unexpected arguments: [a b]\nSee 'kubectl api-resources -h' for help "
                                     "and examples\n"),
    (["version", "x", "y"], 1, "error: extra arguments: [x y]\n"),
    (["diff", "x"], 2, "error: Unexpected args: [x]\nSee 'kubectl diff -h' for help and examples\n"),
    (["completion", "bash", "x"], 1, "error: Too many arguments. Expected only the shell type.\nSee 'kubectl "
                                     "completion -h' for help and examples\n"),
    (["completion", "nosh"], 1, "error: Unsupported shell type \"nosh\".\nSee 'kubectl completion -h' for help and "
                                "examples\n"),
    (["top", "pod", "a", "b"], 1, "error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n"),
    (["top", "node", "a", "b"], 1, "error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and "
                                   "examples\n"),
    (["top", "pod", "a", "-l", "x=y"], 1, "error: only one of NAME or selector can be provided\n"),
    (["top", "node", "a", "-l", "x=y"], 1, "error: only one of NAME or --selector can be provided\n"),
    (["set", "env"], 1, "error: one or more resources must be specified as <resource> <name> or "
                        "<resource>/<name>\n"),
    (["set", "env", "--list", "-o", "yaml"], 1, "error: one or more resources must be specified as <resource> "
                                                "<name> or <resource>/<name>\n"),
    (["set", "resources"], 1, NEED_RESOURCES),
    (["set", "subject"], 1, NEED_RESOURCES),
    (["set", "image"], 1, NEED_RESOURCES),
])
def test_refused(run, args: list[str], code: int, err: str) -> None:
    res = run(args)
    assert (res.code, res.out, res.err) == (code, "", err)


def test_ignored(run, tmp_path) -> None:
    assert run(["version", "--client", "x"]).code == 0
    assert run(["auth", "whoami", "x"]).out == run(["auth", "whoami"]).out
    assert run(["events", "x", "y"]).code == 0
    res = run(["replace", "x"])
    assert (res.code, res.err) == (1, "error: must specify one of -f and -k\n")
    res = run(["cluster-info", "dump", "x", f"--output-directory={tmp_path / 'dump'}"])
    assert res.code == 0 and res.out == f"Cluster info dumped to {tmp_path / 'dump'}\n"
