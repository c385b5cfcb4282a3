"""What every command goes through, with or without click: the global flags (anywhere on the line, as with
kubectl) and the one place errors are caught, printed and turned into exit codes."""

from __future__ import annotations

import os
from typing import Callable

from .. import errors
from ..env import Env

GLOBAL_WITH_VALUE = {"-n": "namespace", "--namespace": "namespace", "--store": "store", "--context": "context",
                     "--kubeconfig": "kubeconfig"}


def split_globals(argv: list[str], env: Env) -> list[str]:
    """Global flags may stand anywhere on the line, as with kubectl."""
    if argv[:1] == ["__complete"]:
        return argv  # the words being completed are read as typed (completion.py applies the globals)
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
            if name == "--store":
                env.store_from_flag = True
            i += 1
            continue
        out.append(a)
        i += 1
    # `config` edits the contexts themselves: there --namespace/--context are its own arguments.
    verb = next((a for a in out if not a.startswith("-")), "")
    if verb not in ("config", "completion", "") and not any(a in ("-h", "--help") for a in out):
        env.apply_context()
    return out


def guarded(env: Env, fn: Callable[[], int]) -> int:
    """Run a command: kubectl-style messages on stderr and exit codes, never a traceback (unless
    PYKUBECTL_TRACEBACK=1)."""
    code = 0
    try:
        _serve_custom_resources(env)
        code = fn()
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
    finally:
        _serve_custom_resources(None)
    _flush(env)
    return code


def _serve_custom_resources(env: Env | None) -> None:
    """The kinds registry learns custom kinds from the cluster this command talks to (read only when a lookup
    misses the built-in kinds); None once the command is over."""
    from ..api import registry

    if env is None:
        registry.serve_custom_resources(None)
        return

    def definitions() -> list[dict]:
        from ..client import discovery

        return discovery.custom_resource_definitions(env)

    registry.serve_custom_resources(definitions)


def _flush(env: Env) -> None:
    try:
        env.stdout.flush()
    except Exception:  # noqa: BLE001
        pass
