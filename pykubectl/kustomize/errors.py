"""The error a kustomization build fails with; its text is what kubectl prints after ``error: ``."""

from __future__ import annotations


class KustomizeError(Exception):
    """A build that cannot finish. ``file`` and ``line`` (when known) point at the resource or patch it came from."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.file = file
        self.line = line

    def wrap(self, prefix: str) -> "KustomizeError":
        """The same failure seen from an outer step, as kustomize's errors.WrapPrefixf reads."""
        return KustomizeError(f"{prefix}: {self}", self.file, self.line)
