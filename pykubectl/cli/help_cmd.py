"""help: cobra's help command. `help [path to command]` prints that command's help on stdout (the root's without
one); a first word that names no command prints "Unknown help topic" and the root's usage on stderr (exit 0), as
kubectl 1.32 does. Words after the deepest command found are ignored, as cobra's Find leaves them."""

from __future__ import annotations

from typing import Any

import click

from . import common

CTX = {"help_option_names": ["-h", "--help"]}


def _find(words: tuple[str, ...]) -> click.Context | None:
    """The help context of the deepest command the words name (the root's for none), or None when the first word
    names no command."""
    from .main import APPLY_SUBCOMMANDS, cli
    from .helpfmt import program_name

    ctx = click.Context(cli, info_name=program_name())
    cmd: click.Command = cli
    for i, word in enumerate(words):
        if cmd.name == "apply" and word in APPLY_SUBCOMMANDS:
            word = f"apply {word}"  # apply's subcommands are verbs of their own
            sub = cli.get_command(ctx.parent or ctx, word)
        else:
            sub = cmd.get_command(ctx, word) if isinstance(cmd, click.Group) and not word.startswith("-") else None
        if sub is None:
            if i == 0:
                return None
            break
        ctx = click.Context(sub, info_name=word, parent=ctx.parent if cmd.name == "apply" else ctx)
        cmd = sub
    return ctx


@click.command("help", context_settings=CTX)
@click.argument("words", nargs=-1)
def help_cmd(words: tuple[str, ...], **_: Any) -> None:
    """Help provides help for any command in the application.

    \b
    Examples:
      # The help of a command
      pykubectl help rollout status
    """
    env = common.env_of()
    ctx = _find(words)
    if ctx is None:
        from .helpfmt import root_usage

        topic = " ".join(f"`{w}`" for w in words)
        env.stderr.write(f"Unknown help topic [{topic}]\n{root_usage()}")
        return
    common.echo(env, ctx.get_help())


COMMANDS = {"help": help_cmd}
