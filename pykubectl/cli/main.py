"""Entry point: global flags, lazy verb loading, and the one place errors are caught, printed and exited on."""

from __future__ import annotations

import os
import sys

import click

from .. import errors
from ..env import Env

# Verb -> module in pykubectl.cli: imported only when that verb runs, so each command pays for its own imports.
VERBS = {
    "apply": "apply",
    "create": "apply",
    "get": "get",
    "describe": "describe",
    "delete": "delete",
    "scale": "workload",
    "set": "workload",
    "rollout": "workload",
    "api-resources": "misc",
    "api-versions": "misc",
    "version": "misc",
    "cluster": "cluster",
    "cluster-info": "misc",
    "completion": "completion",
    # -- create subcommands, run, expose, autoscale (helper H1) --
    # -- label, annotate, patch, replace, edit, diff (helper H2) --
    # -- explain, config, cordon, uncordon, drain, taint, logs, exec (helper H3) --
    # -- top (helper H5) --
    # -- validate (helper H6) --
    # -- store (helper H7) --
    # -- wait (helper H8) --
}

GLOBAL_WITH_VALUE = {"-n": "namespace", "--namespace": "namespace", "--store": "store", "--context": "context",
                     "--kubeconfig": "kubeconfig"}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(VERBS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        mod = VERBS.get(name)
        if mod is None:
            return None
        import importlib

        m = importlib.import_module(f"pykubectl.cli.{mod}")
        return getattr(m, "COMMANDS")[name]

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[override]
        name = args[0] if args else ""
        if name and name not in VERBS and not name.startswith("-"):
            raise errors.UsageError(f'error: unknown command "{name}" for "kubectl"')
        return super().resolve_command(ctx, args)


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 120}


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
def cli() -> None:
    """pykubectl controls a simulated Kubernetes cluster kept in one SQLite file.

    Find more information at: https://kubernetes.io/docs/reference/kubectl/
    """


def split_globals(argv: list[str], env: Env) -> list[str]:
    """Global flags may stand anywhere on the line, as with kubectl."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            out.extend(argv[i:])
            break
        name, value = a, None
        if a.startswith("--") and "=" in a:
            name, value = a.split("=", 1)
        elif a.startswith("-n") and len(a) > 2 and not a.startswith("--"):
            name, value = "-n", a[2:].lstrip("=")
        if name in GLOBAL_WITH_VALUE:
            if value is None:
                if i + 1 >= len(argv):
                    raise errors.UsageError(f"error: flag needs an argument: {name}")
                value = argv[i + 1]
                i += 1
            setattr(env, {"store": "store_url"}.get(GLOBAL_WITH_VALUE[name], GLOBAL_WITH_VALUE[name]), value)
            i += 1
            continue
        out.append(a)
        i += 1
    return out


def _usage_message(e: click.exceptions.UsageError) -> str:
    """Usage errors in cobra's words (kubectl prints these with a capital 'Error:')."""
    if isinstance(e, click.exceptions.NoSuchOption):
        opt = e.option_name
        if opt.startswith("--"):
            return f"Error: unknown flag: {opt.split('=', 1)[0]}"
        return f"Error: unknown shorthand flag: '{opt.lstrip('-')[:1]}' in {opt}"
    msg = e.format_message()
    if isinstance(e, click.exceptions.BadOptionUsage) and "requires an argument" in msg:
        return f"Error: flag needs an argument: {e.option_name}"
    if isinstance(e, click.exceptions.BadParameter) and e.param is not None and e.param.opts:
        import re

        m = re.search(r"'([^']*)' is not a valid (integer|float)", msg)
        flag = e.param.opts[-1]
        if m:
            parse = "ParseInt" if m.group(2) == "integer" else "ParseFloat"
            return (f'Error: invalid argument "{m.group(1)}" for "{flag}" flag: strconv.{parse}: parsing '
                    f'"{m.group(1)}": invalid syntax')
        return f'Error: invalid argument for "{flag}" flag: {msg}'

    return "error: " + msg[0].lower() + msg[1:] if msg else "error: invalid arguments"


def main(argv: list[str] | None = None, env: Env | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    env = env or Env.from_environ()
    code = 0
    try:
        args = split_globals(argv, env)
        try:
            cli.main(args=args, prog_name="pykubectl", standalone_mode=False, obj=env)
        except click.exceptions.NoSuchOption as e:
            raise errors.UsageError(_usage_message(e) + _see_help(args)) from None
        except click.exceptions.UsageError as e:
            raise errors.UsageError(_usage_message(e) + _see_help(args)) from None
        except click.exceptions.Abort:
            raise errors.Interrupted("") from None
        except click.exceptions.Exit as e:
            code = e.exit_code
    except errors.PykubectlError as e:
        partial = getattr(e, "stdout", None)
        if partial:
            # Template printers write what they rendered before the failure, as kubectl does.
            env.stdout.write(partial)
        _flush(env)
        msg = str(e)
        if msg:
            env.stderr.write(msg if msg.endswith("\n") else msg + "\n")
        code = e.exit_code
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = 0
    except Exception as e:  # noqa: BLE001 - the one boundary: no traceback unless asked for
        if os.environ.get("PYKUBECTL_TRACEBACK") == "1":
            raise
        _flush(env)
        print(f"error: internal error: {type(e).__name__}: {e} (set PYKUBECTL_TRACEBACK=1 for details)",
              file=env.stderr)
        code = 1
    _flush(env)
    return code


def _see_help(args: list[str]) -> str:
    verb = next((a for a in args if not a.startswith("-")), "")
    return f"\nSee 'kubectl {verb} --help' for usage." if verb else ""


def _flush(env: Env) -> None:
    try:
        env.stdout.flush()
    except Exception:  # noqa: BLE001
        pass


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
