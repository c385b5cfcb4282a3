"""kubectl's printer flags (genericclioptions.PrintFlags) on the commands that print objects: ``--template``,
``--allow-missing-template-keys`` and ``--show-managed-fields`` beside ``-o``, with kubectl's usage texts.

``printer_options`` declares them on a click command and folds them before the command runs: a template given
alone means ``-o go-template``; with ``-o go-template|jsonpath|…`` (no ``=``) it is that format's template; with
``-o FORMAT=…`` too, kubectl finds no printer. The other two flags are kept on the environment, where
``common.render_objects`` / ``render_data`` read them. Template errors kubectl's ToPrinter reports before the
command does anything (no template given, a template file that cannot be read) are raised here too.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from .. import errors

ALLOW_MISSING_HELP = ("If true, ignore any errors in templates when a field or map key is missing in the template. "
                      "Only applies to golang and jsonpath output formats.")
SHOW_MANAGED_HELP = "If true, keep the managedFields when printing objects in JSON or YAML format."
TEMPLATE_HELP = ("Template string or path to template file to use when -o=go-template, -o=go-template-file. The "
                 "template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].")
TEMPLATE_FORMATS = ("go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-file",
                    "jsonpath-as-json")
PRINTER_FORMATS = ("go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,"
                   "templatefile,yaml")
_OWN = ("template_flag", "allow_missing_template_keys", "show_managed_fields")


def no_printer(output: str, allowed: str = PRINTER_FORMATS) -> errors.ClientError:
    return errors.ClientError(f'error: unable to match a printer suitable for the output format "{output}", '
                              f"allowed formats are: {allowed}")


def fold_template(output: str | None, template: str, template_alone: bool = True) -> str | None:
    """The -o value kubectl's PrintFlags.ToPrinter settles on, given --template. ``template_alone`` False: the
    command prints objects only when -o is given (create token, auth whoami), so a template alone changes
    nothing."""
    if not template:
        return output
    if not output:
        return f"go-template={template}" if template_alone else output
    fmt, eq, _ = output.partition("=")
    if fmt in TEMPLATE_FORMATS:
        if eq:
            raise no_printer(output)  # the template flag wins, and "FORMAT=…" is no format of its own
        return f"{fmt}={template}"
    return output


def read_template_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        raise errors.ClientError(f"error: error reading --template {path}, open {path}: no such file or "
                                 "directory") from None
    except IsADirectoryError:
        raise errors.ClientError(f"error: error reading --template {path}, read {path}: is a directory") from None
    except OSError as e:
        raise errors.ClientError(f"error: error reading --template {path}, open {path}: "
                                 f"{(e.strerror or '').lower()}") from None


def check_output(output: str | None) -> None:
    """What ToPrinter refuses before the command runs: a template format without a template, an unreadable
    template file."""
    if not output:
        return
    fmt, _, arg = output.partition("=")
    if fmt in TEMPLATE_FORMATS:
        if not arg:
            raise errors.ClientError("error: template format specified but no template given")
        if fmt.endswith("-file") or fmt == "templatefile":
            read_template_file(arg)


def set_printing(env: Any, allow_missing_template_keys: bool = True, show_managed_fields: bool = False) -> None:
    env.__dict__["print_allow_missing_keys"] = allow_missing_template_keys
    env.__dict__["print_show_managed_fields"] = show_managed_fields


def printer_options(f: Callable[..., Any] | None = None, *, template_alone: bool = True) -> Any:
    """Declare the three printer flags on a click command (beside its own -o) and fold them before it runs. A
    callback that names one of them among its parameters still receives it."""
    import inspect  # here, not at import: the fast path of apply (cli/fastapply.py) never declares a command

    import click

    if f is None:
        return functools.partial(printer_options, template_alone=template_alone)
    takes = set(inspect.signature(f).parameters)

    @functools.wraps(f)
    def wrapper(*args: Any, **kw: Any) -> Any:
        from . import common

        if not any(name in kw for name in _OWN):
            return f(*args, **kw)  # called again from inside the command (expose -f): already folded
        template = kw.get("template_flag") or ""
        allow = kw.get("allow_missing_template_keys", True)
        show = bool(kw.get("show_managed_fields", False))
        for name in _OWN:
            if name not in takes:
                kw.pop(name, None)
        if "output" in kw:
            common.env_of().__dict__["output_flag"] = kw["output"]  # -o as given (label --list checks only it)
            kw["output"] = fold_template(kw["output"], template, template_alone)
            check_output(kw["output"])
        set_printing(common.env_of(), True if allow is None else bool(allow), show)
        return f(*args, **kw)

    for opt in (
        click.option("--template", "template_flag", default="", help=TEMPLATE_HELP),
        click.option("--show-managed-fields", type=click.BOOL, default=False, help=SHOW_MANAGED_HELP),
        click.option("--allow-missing-template-keys", type=click.BOOL, default=True, help=ALLOW_MISSING_HELP),
    ):
        wrapper = opt(wrapper)
    return wrapper


def kustomize_option(f: Callable[..., Any] | None = None, *,
                     usage: str = "Process the kustomization directory. This flag can't be used together with -f "
                                  "or -R.") -> Any:
    """-k/--kustomize on a command whose objects come from ``files`` (the resource builder's FilenameOptions): the
    kustomization's output is read as one more manifest, so the command sees it as it sees -f."""
    import click

    if f is None:
        return functools.partial(kustomize_option, usage=usage)

    @functools.wraps(f)
    def wrapper(*args: Any, **kw: Any) -> Any:
        from . import common

        kustomize = kw.pop("kustomize", None)
        if kustomize is not None:
            kw["files"] = tuple(common.manifest_paths(common.env_of(), kw.get("files") or (), kustomize))
        return f(*args, **kw)

    return click.option("-k", "--kustomize", "kustomize", default=None, show_default="''", help=usage)(wrapper)
