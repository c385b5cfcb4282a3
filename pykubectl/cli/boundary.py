"""What every command goes through, with or without click: the global flags (anywhere on the line, as with
kubectl) and the one place errors are caught, printed and turned into exit codes."""

from __future__ import annotations

import os
from typing import Callable

from .. import errors
from ..env import Env

# kubectl's global flags (`kubectl options`), plus pykubectl's --store: long name -> (shorthand, kind, Env attribute).
# Kinds: string, stringArray (repeatable), bool, int, duration. Connection flags (server, certificates, token, user,
# cluster, …) are accepted and have nothing to connect to: the cluster is the store.
GLOBAL_FLAGS = {
    "as": ("", "string", "as_user"), "as-group": ("", "stringArray", "as_groups"), "as-uid": ("", "string", "as_uid"),
    "cache-dir": ("", "string", "cache_dir"), "certificate-authority": ("", "string", ""),
    "client-certificate": ("", "string", ""), "client-key": ("", "string", ""), "cluster": ("", "string", ""),
    "context": ("", "string", "context"), "disable-compression": ("", "bool", ""),
    "insecure-skip-tls-verify": ("", "bool", ""), "kubeconfig": ("", "string", "kubeconfig"),
    "log-flush-frequency": ("", "duration", ""), "match-server-version": ("", "bool", ""),
    "namespace": ("n", "string", "namespace"), "password": ("", "string", ""), "profile": ("", "string", "profile"),
    "profile-output": ("", "string", ""), "request-timeout": ("", "string", "request_timeout"),
    "server": ("s", "string", ""), "tls-server-name": ("", "string", ""), "token": ("", "string", ""),
    "user": ("", "string", ""), "username": ("", "string", ""), "v": ("v", "int", "verbosity"),
    "vmodule": ("", "string", ""), "warnings-as-errors": ("", "bool", "warnings_as_errors"),
    "store": ("", "string", "store_url"),
}
_BY_SHORTHAND = {short: name for name, (short, _, _) in GLOBAL_FLAGS.items() if short}
# The names the line may spell them with (`-n`, `--namespace`, …) that take a value; kept for callers that only
# need to know which words are global.
GLOBAL_WITH_VALUE = {**{f"--{n}": n for n, (_, kind, _) in GLOBAL_FLAGS.items() if kind != "bool"},
                     **{f"-{s}": n for s, n in _BY_SHORTHAND.items()}}
# Commands that build no client, so kubectl never reads the connection flags' values for them.
_NO_CLIENT = frozenset(("config", "completion", "kustomize", "plugin", "options", "help", ""))
_PROFILES = ("none", "cpu", "heap", "goroutine", "threadcreate", "block", "mutex")
_TIMEOUT_TEXT = ("error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed "
                 "by a corresponding time unit (e.g. 1s | 2m | 3h)")


def _words(argv: list[str]) -> list[str]:
    """The line's words that are not flags nor a global flag's value (`--store PATH debug …`: debug first)."""
    out: list[str] = []
    skip = False
    for a in argv:
        if skip:
            skip = False
        elif a == "--":
            break
        elif a.startswith("-"):
            skip = "=" not in a and a in GLOBAL_WITH_VALUE
        else:
            out.append(a)
    return out


# The config subcommands whose own flags have the names of global ones (kubectl's local flags win).
_CONFIG_SHADOWED = {
    "set-context": ("cluster", "user", "namespace"),
    "set-cluster": ("server", "certificate-authority", "insecure-skip-tls-verify", "tls-server-name"),
    "set-credentials": ("client-certificate", "client-key", "token", "username", "password"),
}


def _config_subcommand(argv: list[str]) -> str:
    """The subcommand of a `config` line (its second word that is no flag nor a global flag's value), else ""."""
    words: list[str] = []
    i = 0
    while i < len(argv) and len(words) < 2:
        a = argv[i]
        if a == "--":
            break
        if a.startswith("-"):
            name = a[2:] if a.startswith("--") else _BY_SHORTHAND.get(a[1:2], "") if len(a) == 2 else ""
            if "=" not in a and GLOBAL_FLAGS.get(name, ("", "bool"))[1] != "bool":
                i += 1  # the global flag's value
        else:
            words.append(a)
        i += 1
    return words[1] if len(words) == 2 and words[0] == "config" else ""


def split_globals(argv: list[str], env: Env) -> list[str]:
    """Take kubectl's global flags out of the line (they may stand anywhere, as with kubectl) into ``env``; the
    rest of the line is returned. Values are checked as kubectl checks them."""
    if argv[:1] == ["__complete"]:
        return argv  # the words being completed are read as typed (completion.py applies the globals)
    out: list[str] = []
    given: dict[str, list[str]] = {}
    pending: list[tuple[str, str]] = []  # pflag's argument errors, reported once the verb is known
    # A command's own flag of a global's name shadows it (cobra): pykubectl's serve and dashboard have a -v
    # (--verbose), `create rolebinding|clusterrolebinding` and `set subject` a --user, `config set-context`
    # --cluster and --user, debug a --profile.
    words = _words(argv)
    shadowed = set(_CONFIG_SHADOWED.get(_config_subcommand(argv), ()))
    if words[:1] == ["debug"]:
        shadowed.add("profile")  # debug's own --profile (legacy, general, ...), not the profiling global
    if any(words[k:k + 2] in (["create", "rolebinding"], ["create", "clusterrolebinding"], ["set", "subject"])
           for k in range(len(words))):
        shadowed.add("user")
    shorthands = {k: v for k, v in _BY_SHORTHAND.items()
                  if k != "v" or not any(w in ("serve", "dashboard") for w in argv)}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            out.extend(argv[i:])
            break
        name, value, spelled = "", None, a
        if a.startswith("--"):
            name, eq, rest = a[2:].partition("=")
            name = name.replace("_", "-")
            value = rest if eq else None
        elif a.startswith("-") and len(a) > 1 and a[1] in shorthands:
            name, spelled = shorthands[a[1]], a[:2]
            value = a[2:] if len(a) > 2 else None
            if value is not None and value.startswith("="):
                value = value[1:]
        if name not in GLOBAL_FLAGS or name in shadowed:
            out.append(a)
            i += 1
            continue
        kind = GLOBAL_FLAGS[name][1]
        if value is None:
            if kind == "bool":
                value = "true"
            elif i + 1 < len(argv):
                i += 1
                value = argv[i]
            else:
                pending.append(("needs", f"'{spelled[1:]}' in {spelled}" if not spelled.startswith("--")
                                else f"--{name}"))
                i += 1
                continue
        given.setdefault(name, []).append(value)
        i += 1
    verb = next((a for a in out if not a.startswith("-")), "")
    hint = f"\nSee 'kubectl {_command_path(out)} --help' for usage." if verb else "\nSee 'kubectl --help' for usage."
    for what, text in pending:
        raise errors.UsageError(f"error: flag needs an argument: {text}{hint}")
    env.namespace_flag = "namespace" in given  # type: ignore[attr-defined] - the resource builder enforces it
    for name, values in given.items():
        _, kind, attr = GLOBAL_FLAGS[name]
        value = values[-1]
        if kind == "bool":
            from .pflag import BOOL_FALSE, BOOL_TRUE

            if value not in BOOL_TRUE and value not in BOOL_FALSE:
                raise errors.UsageError(f'error: invalid argument "{value}" for "--{name}" flag: '
                                        f'strconv.ParseBool: parsing "{value}": invalid syntax{hint}')
            parsed: object = value in BOOL_TRUE
        elif kind == "int":
            try:
                parsed = int(value, 0) if value.strip() == value else int("x")
            except ValueError:
                raise errors.UsageError(f'error: invalid argument "{value}" for "-v, --v" flag: '
                                        f'strconv.ParseInt: parsing "{value}": invalid syntax{hint}') from None
        elif kind == "duration":
            from .wait import parse_duration

            try:
                parsed = parse_duration(value)
            except ValueError:
                raise errors.UsageError(f'error: invalid argument "{value}" for "--{name}" flag: '
                                        f"parse error{hint}") from None
        elif kind == "stringArray":
            parsed = tuple(values)
        else:
            parsed = value
        if attr:
            setattr(env, attr, parsed)
        if name == "store":
            env.store_from_flag = True
    if getattr(env, "profile", "none") not in _PROFILES:
        raise errors.UsageError(f"error: unknown profile '{env.profile}'")
    client_verb = verb not in _NO_CLIENT and not (verb == "version" and _client_only(out))
    if client_verb:
        if getattr(env, "request_timeout", None) is not None:
            env.request_timeout = _request_timeout(env.request_timeout)
        if (getattr(env, "as_groups", ()) or getattr(env, "as_uid", "")) and not getattr(env, "as_user", ""):
            raise errors.ClientError("error: requesting uid, groups or user-extra for  without impersonating a user")
    # `config` edits the contexts themselves: there --namespace/--context are its own arguments.
    if verb not in ("config", "completion", "") and not any(a in ("-h", "--help") for a in out):
        env.apply_context()
    return out


# kubectl's commands that have subcommands (and pykubectl's own).
_GROUPS = frozenset(("create", "set", "rollout", "config", "auth", "certificate", "top", "apply", "plugin",
                     "cluster-info", "cluster", "store"))


def _command_path(args: list[str]) -> str:
    """The command a line names, as pflag's hint spells it (`create deployment`), read without the command tree:
    a group's first word after it that looks like a subcommand."""
    words = [a for a in args if not a.startswith("-")]
    if len(words) > 1 and words[0] in _GROUPS and words[1].replace("-", "").isalpha():
        return " ".join(words[:2])
    return words[0]


def _client_only(args: list[str]) -> bool:
    from .pflag import BOOL_TRUE

    return any(a == "--client" or (a.startswith("--client=") and a[9:] in BOOL_TRUE) for a in args)


def _request_timeout(value: str) -> float:
    """--request-timeout: whole seconds, or a Go duration; negative is invalid (client-go's clientcmd)."""
    from .wait import parse_duration

    try:
        seconds = float(int(value)) if value.lstrip("-").isdigit() else parse_duration(value)
    except ValueError:
        seconds = -1.0
    if seconds < 0:
        raise errors.ClientError(_TIMEOUT_TEXT)
    return seconds


def guarded(env: Env, fn: Callable[[], int]) -> int:
    """Run a command: kubectl-style messages on stderr and exit codes, never a traceback (unless
    PYKUBECTL_TRACEBACK=1)."""
    code = 0
    try:
        _serve_custom_resources(env)
        code = fn()
        warned = len(env.__dict__.get("server_warnings", ()))
        if code == 0 and warned and env.warnings_as_errors:
            raise errors.PykubectlError(f"error: {warned} warning{'s' if warned > 1 else ''} received")
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
    from ..client import discoverycache

    discoverycache.use(env)
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
