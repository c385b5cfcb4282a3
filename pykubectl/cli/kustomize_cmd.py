"""`kubectl kustomize [DIR]` and the `-k DIR` flag of the verbs that read manifests: build, then print (or hand the
built objects on as the documents of a manifest stream)."""

from __future__ import annotations

import sys
from typing import TextIO


def kustomize_output(directory: str) -> tuple[str, str, int]:
    """(stdout, stderr, exit code) of `kubectl kustomize DIR`."""
    from ..kustomize import KustomizeError, build, render

    try:
        result = build(directory)
    except KustomizeError as e:
        warnings = getattr(e, "warnings", [])
        return "", "".join(f"# Warning: {w}\n" for w in warnings) + f"error: {e}\n", 1
    logs = ""
    if result.unused_vars:
        logs = _klog("well-defined vars that were never replaced: " + ",".join(result.unused_vars))
    return render(result), "".join(f"# Warning: {w}\n" for w in result.warnings) + logs, 0


def _klog(message: str) -> str:
    """A line as kubectl's klog writes kustomize's log.Printf: level, date, time, pid, source, message."""
    import datetime
    import os

    now = datetime.datetime.now()
    return f"I{now:%m%d %H:%M:%S}.{now.microsecond:06d} {os.getpid():7d} log.go:245] {message}\n"


def run(directory: str, out: TextIO | None = None, err: TextIO | None = None) -> int:
    stdout, stderr, code = kustomize_output(directory)
    (err or sys.stderr).write(stderr)
    (out or sys.stdout).write(stdout)
    return code


def _command():
    import click

    from .. import errors
    from . import common

    @click.command("kustomize", context_settings={"help_option_names": ["-h", "--help"]})
    @click.argument("directories", nargs=-1)
    @click.option("--enable-helm", is_flag=True, hidden=True)
    def kustomize_cmd(directories: tuple[str, ...], enable_helm: bool) -> None:
        """Build a set of KRM resources using a 'kustomization.yaml' file. The DIR argument must be a path to a
        directory containing 'kustomization.yaml'. If DIR is omitted, '.' is assumed.

        \b
        Examples:
          # Build the current working directory
          pykubectl kustomize
        \b
          # Build some shared configuration directory
          pykubectl kustomize /home/config/production
        """
        env = common.env_of()
        if len(directories) > 1:
            raise errors.UsageError("error: specify one path to kustomization.yaml")
        stdout, stderr, code = kustomize_output(directories[0] if directories else ".")
        env.stderr.write(stderr)
        env.stdout.write(stdout)
        if code:
            raise errors.PykubectlError("")

    return kustomize_cmd


class _Lazy(dict):
    def __missing__(self, key: str):
        if key == "kustomize":
            self[key] = _command()
            return self[key]
        raise KeyError(key)


COMMANDS = _Lazy()
