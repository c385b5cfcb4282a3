"""completion: print the shell completion script (the same scripts are kept in completions/)."""

from __future__ import annotations

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}
SHELLS = ("bash", "zsh", "fish")


def script(shell: str) -> str:
    from click.shell_completion import get_completion_class

    from .main import cli

    cls = get_completion_class(shell)
    if cls is None:
        raise errors.ClientError(f'error: Unsupported shell type "{shell}".')
    return cls(cli, {}, "pykubectl", "_PYKUBECTL_COMPLETE").source() + "\n"


@click.command("completion", context_settings=CTX)
@click.argument("shell")
def completion_cmd(shell: str) -> None:
    """Output shell completion code for the specified shell (bash, zsh, fish).

    \b
    Examples:
      # Load completion for the current bash session
      source <(pykubectl completion bash)
    \b
      # Install it for every session
      pykubectl completion bash > ~/.local/share/bash-completion/completions/pykubectl
    """
    if shell not in SHELLS:
        raise errors.ClientError(f'error: Unsupported shell type "{shell}".')
    common.env_of().stdout.write(script(shell))


COMMANDS = {"completion": completion_cmd}
