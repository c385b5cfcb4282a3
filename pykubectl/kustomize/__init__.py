"""Kustomize as kubectl 1.32 has it built in (kustomize v5.5): build a kustomization directory into objects.

`build(path)` returns a `Build` (the objects in output order, and the warnings kustomize prints); `render(build)`
is `kubectl kustomize`'s stdout. Errors are `KustomizeError`, whose text is kubectl's after ``error: ``.
Nothing here imports click or the store: the CLI (`cli/kustomize_cmd.py`, `-k` on the verbs) calls in.
"""

from __future__ import annotations

from .errors import KustomizeError
from .build import Build, build, render

__all__ = ["Build", "KustomizeError", "build", "render"]
