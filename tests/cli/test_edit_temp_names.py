"""The files edit leaves behind are named as Go's os.CreateTemp names them (kubectl 1.32 through serve printed
/tmp/kubectl-edit-3821555986.yaml: the prefix, a random unsigned 32-bit number in decimal, the suffix)."""

from __future__ import annotations

import os
import re

from pykubectl.cli.common import go_temp_file


def test_go_temp_file_names(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    fd, path = go_temp_file("kubectl-edit-", ".yaml")
    os.close(fd)
    assert re.fullmatch(re.escape(str(tmp_path)) + r"/kubectl-edit-\d{1,10}\.yaml", path)
    assert int(path.rsplit("-", 1)[1].split(".")[0]) < 2 ** 32 and os.path.isfile(path)


def test_edit_names_the_copy_it_kept(run, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setenv("EDITOR", "sed -i s/name:\\ web$/name:\\ web2/")
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    res = run(["edit", "deploy", "web"])
    assert res.code == 1
    assert re.search(r'A copy of your changes has been stored to "' + re.escape(str(tmp_path)) +
                     r'/kubectl-edit-\d+\.yaml"', res.err)
