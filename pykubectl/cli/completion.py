"""completion: shell completion scripts, and the hidden ``pykubectl __complete WORD…`` entry point they call.

The scripts pass the words typed so far (the last one is the word being completed, possibly empty);
``__complete`` prints one candidate per line: verbs, subcommands, flags, resource types, object names from the
store (``get deploy <TAB>``, ``get deploy/<TAB>``), namespaces after ``-n``, contexts after ``--context``, nodes
for node verbs, pods for ``logs``/``exec``. It never fails loudly: a broken store just gives no names.
"""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}
SHELLS = ("bash", "zsh", "fish", "powershell")
def _global_flags() -> tuple[str, ...]:
    from .boundary import GLOBAL_FLAGS as table

    return tuple(f"--{name}" for name in table) + tuple(f"-{short}" for short, _, _ in table.values() if short)


GLOBAL_FLAGS = _global_flags()
VALUE_FLAGS = {"-n", "--namespace", "--context", "--kubeconfig", "--store"}

# Verbs whose first argument is TYPE (or TYPE/NAME) and later ones NAMEs of that type.
TYPE_NAME_VERBS = {"get", "describe", "delete", "edit", "label", "annotate", "patch", "scale", "autoscale",
                   "expose", "wait", "top", "replace"}
TYPE_ONLY_VERBS = {"explain"}
NODE_VERBS = {"cordon", "uncordon", "drain"}
POD_VERBS = {"logs", "exec", "attach", "port-forward"}
CONTEXT_SUBCOMMANDS = {"use-context", "use", "delete-context", "rename-context", "get-contexts", "set-context"}
# config subcommands whose argument is a cluster or a user of the kubeconfig (kubectl completes those names).
ENTRY_SUBCOMMANDS = {"delete-cluster": "clusters", "delete-user": "users"}

BASH = r"""# bash completion for pykubectl: source <(pykubectl completion bash)
_pykubectl_completion() {
    local IFS=$'\n'
    local cur="${COMP_WORDS[COMP_CWORD]}"
    COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "$cur"))
    return 0
}

complete -o default -F _pykubectl_completion pykubectl
"""

ZSH = r"""#compdef pykubectl
# zsh completion for pykubectl: source <(pykubectl completion zsh)
_pykubectl() {
    local -a candidates
    candidates=("${(@f)$(${words[1]} __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    candidates=(${candidates:#})
    if (( ${#candidates} )); then
        compadd -Q -- "${candidates[@]}"
    else
        _files
    fi
}

if [[ "$(basename -- ${(%):-%x})" != "_pykubectl" ]]; then
    compdef _pykubectl pykubectl
fi
"""

FISH = r"""# fish completion for pykubectl: pykubectl completion fish | source
function __pykubectl_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l current (commandline -ct)
    pykubectl __complete $tokens "$current" 2>/dev/null
end

complete -c pykubectl -f -a '(__pykubectl_complete)'
"""

POWERSHELL = r"""# powershell completion for pykubectl: pykubectl completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -CommandName 'pykubectl' -Native -ScriptBlock {
    param($WordToComplete, $CommandAst, $CursorPosition)
    $words = @($CommandAst.CommandElements | Select-Object -Skip 1 |
        Where-Object { $_.Extent.StartOffset -lt $CursorPosition } | ForEach-Object { $_.ToString() })
    if ($WordToComplete -eq '') { $words += '""' }
    & pykubectl __complete @words 2>$null | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH, "powershell": POWERSHELL}


def script(shell: str) -> str:
    if shell not in SCRIPTS:
        raise errors.ClientError(f'error: Unsupported shell type "{shell}".')
    return SCRIPTS[shell]


@click.command("completion", context_settings=CTX)
@click.argument("shells", nargs=-1)
def completion_cmd(shells: tuple[str, ...]) -> None:
    """Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code
    must be evaluated to provide interactive completion of pykubectl commands. It completes verbs, flags,
    resource types, object names from the store, namespaces after -n and contexts after --context.

    \b
    Examples:
      # Load completion for the current bash session
      source <(pykubectl completion bash)
    \b
      # Install it for every bash session
      pykubectl completion bash > ~/.local/share/bash-completion/completions/pykubectl
    \b
      # Load completion into the current zsh or fish session
      source <(pykubectl completion zsh)
      pykubectl completion fish | source
    \b
      # Load completion into the current PowerShell session
      pykubectl completion powershell | Out-String | Invoke-Expression
    """
    see = "\nSee 'kubectl completion -h' for help and examples"
    if not shells:
        raise errors.UsageError("error: Shell not specified." + see)
    if len(shells) > 1:
        raise errors.UsageError("error: Too many arguments. Expected only the shell type." + see)
    shell = shells[0]
    if shell not in SHELLS:
        raise errors.UsageError(f'error: Unsupported shell type "{shell}".' + see)
    common.env_of().stdout.write(script(shell))


# ---- __complete ---------------------------------------------------------------------------------------------------
def _verbs() -> list[str]:
    from .main import VERBS

    return sorted(v for v in VERBS if not v.startswith("_"))


def _command(path: list[str]) -> click.Command | None:
    from .main import cli

    ctx = click.Context(cli)
    cmd: Any = cli
    for name in path:
        if not isinstance(cmd, click.Group):
            break
        try:
            sub = cmd.get_command(ctx, name)
        except Exception:  # noqa: BLE001 - completion must not fail on an unknown verb
            return None
        if sub is None:
            return None
        cmd = sub
    return cmd


def _flags(cmd: click.Command | None) -> list[str]:
    out = set(GLOBAL_FLAGS)
    if cmd is not None:
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.hidden:
                out.update(o for o in p.opts + p.secondary_opts if o.startswith("--"))
    out.add("--help")
    return sorted(out)


def _types() -> list[str]:
    from ..api import registry

    return sorted({k.plural for k in registry.all_kinds() if "list" in k.verbs or "get" in k.verbs})


def _names(env: Any, type_str: str, all_namespaces: bool = False) -> list[str]:
    try:
        from ..api import registry
        from ..client import inprocess

        kind = registry.resolve(type_str)
        store = inprocess.connect(env, settle=False)
        with store.read() as tx:
            ns = None if all_namespaces or not kind.namespaced else common.namespace(env)
            return sorted({o["metadata"]["name"] for o in tx.list(kind.group, kind.kind, ns)})
    except Exception:  # noqa: BLE001 - no names rather than a traceback in the user's shell
        return []


def _contexts(env: Any, section: str = "contexts") -> list[str]:
    from .. import kubeconfig

    try:
        return sorted(kubeconfig.Files(env.kubeconfig).merged[section])
    except Exception:  # noqa: BLE001
        return []


def complete(words: list[str], env: Any) -> list[str]:
    """Candidates for the last of ``words`` (the words after the program name)."""
    words = list(words) or [""]
    cur = words[-1]
    before = words[:-1]
    positional: list[str] = []
    prev_takes_value: str | None = None
    for w in before:
        if prev_takes_value:
            {"-n": _set_ns, "--namespace": _set_ns}.get(prev_takes_value, _set_other)(env, prev_takes_value, w)
            prev_takes_value = None
            continue
        if w.startswith("-"):
            name, eq, value = w.partition("=")
            if name in VALUE_FLAGS:
                if eq:
                    {"-n": _set_ns, "--namespace": _set_ns}.get(name, _set_other)(env, name, value)
                else:
                    prev_takes_value = name
            continue
        positional.append(w)
    try:
        env.apply_context()
    except errors.PykubectlError:
        pass
    # The value of a flag.
    if prev_takes_value in ("-n", "--namespace"):
        return _match(_names(env, "namespaces"), cur)
    if prev_takes_value == "--context":
        return _match(_contexts(env), cur)
    if prev_takes_value:
        return []
    if cur.startswith("--") and "=" in cur:
        name, _, value = cur.partition("=")
        if name == "--namespace":
            return [f"{name}={n}" for n in _match(_names(env, "namespaces"), value)]
        if name == "--context":
            return [f"{name}={c}" for c in _match(_contexts(env), value)]
        return []
    if not positional:
        if cur.startswith("-"):
            return _match(_flags(None), cur)
        return _match(_verbs(), cur)
    verb = positional[0]
    cmd = _command(positional)
    if cur.startswith("-"):
        return _match(_flags(cmd), cur)
    args = positional[1:]
    # Groups (set, rollout, config, cluster, create): their subcommands first.
    path = [verb]
    node = _command(path)
    while isinstance(node, click.Group) and args and isinstance(node.get_command(click.Context(node), args[0]),
                                                                 click.Command):
        path.append(args[0])
        args = args[1:]
        node = _command(path)
    if isinstance(node, click.Group):
        subs = [n for n in node.list_commands(click.Context(node))
                if not getattr(node.get_command(click.Context(node), n), "hidden", False)]
        if not args:
            return _match(sorted(subs), cur)
        return []
    sub = path[1] if len(path) > 1 else ""
    if verb == "config" and sub in CONTEXT_SUBCOMMANDS:
        return _match(_contexts(env), cur) if not args else []
    if verb == "config" and sub in ENTRY_SUBCOMMANDS:
        return _match(_contexts(env, ENTRY_SUBCOMMANDS[sub]), cur) if not args else []
    if verb == "completion":
        return _match(list(SHELLS), cur) if not args else []
    if verb in NODE_VERBS:
        return _match(_names(env, "nodes"), cur)
    if verb == "taint":
        return _match(_types(), cur) if not args else (_match(_names(env, args[0]), cur) if len(args) == 1 else [])
    if verb in POD_VERBS:
        return _match(_names(env, "pods"), cur) if not args else []
    if verb in TYPE_ONLY_VERBS:
        return _match(_types(), cur) if not args else []
    if verb in TYPE_NAME_VERBS or (verb in ("rollout", "set") and len(path) > 1):
        if "/" in cur:
            t, _, prefix = cur.partition("/")
            return [f"{t}/{n}" for n in _match(_names(env, t), prefix)]
        if not args:
            return _match(_types(), cur)
        if "/" in args[0]:
            return []
        first = args[0].split(",")[0]
        return _match(_names(env, first), cur)
    return []


def _set_ns(env: Any, flag: str, value: str) -> None:
    env.namespace = value


def _set_other(env: Any, flag: str, value: str) -> None:
    if flag == "--context":
        env.context = value
    elif flag == "--kubeconfig":
        env.kubeconfig = value
    elif flag == "--store":
        env.store_url = value


def _match(cands: list[str], prefix: str) -> list[str]:
    return [c for c in cands if c.startswith(prefix)]


@click.command("__complete", hidden=True, context_settings={**CTX, "ignore_unknown_options": True,
                                                            "allow_extra_args": True, "help_option_names": []})
@click.argument("words", nargs=-1, type=click.UNPROCESSED)
def complete_cmd(words: tuple[str, ...]) -> None:
    """Print completion candidates for the words typed so far, one per line (used by the completion scripts).

    \b
    Examples:
      pykubectl __complete get deploy ""
    """
    env = common.env_of()
    env.stdout.write("".join(c + "\n" for c in complete(list(words), env)))


COMMANDS = {"completion": completion_cmd, "__complete": complete_cmd}
