"""Files relative to a kustomization's root, with kustomize's texts for paths that cannot be read and its
load restriction (files must lie in or below the root)."""

from __future__ import annotations

import os

from .errors import KustomizeError


def evalsymlink_error(shown: str, absolute: str) -> KustomizeError:
    """Go's EvalSymlinks fails at the first part of the path that does not exist: lstat names that part."""
    missing = absolute
    parent = os.path.dirname(missing)
    while parent != missing and not os.path.lexists(parent):
        missing, parent = parent, os.path.dirname(parent)
    return KustomizeError(f"evalsymlink failure on '{shown}' : lstat {missing}: no such file or directory")


def is_remote(path: str) -> bool:
    return ("://" in path or path.startswith(("github.com/", "gitlab.com/", "bitbucket.org/", "git@"))
            or "?ref=" in path)


class Loader:
    def __init__(self, root: str, kustomization: str = ""):
        self.root = root
        self.kustomization = kustomization  # the file inline patches are written in

    def abspath(self, rel: str) -> str:
        return os.path.normpath(os.path.join(self.root, rel))

    def _checked(self, rel: str) -> str:
        path = self.abspath(rel)
        if not os.path.lexists(path):
            raise evalsymlink_error(path, path)
        real = os.path.realpath(path)
        root = os.path.realpath(self.root)
        if real != root and not real.startswith(root.rstrip("/") + "/"):
            raise KustomizeError(f"security; file '{real}' is not in or below '{root}'")
        if os.path.isdir(real):
            raise KustomizeError(f"read {real}: is a directory")
        return real

    def read_bytes(self, rel: str) -> bytes:
        with open(self._checked(rel), "rb") as f:
            return f.read()

    def read_text(self, rel: str) -> str:
        return self.read_bytes(rel).decode("utf-8", "surrogateescape")
