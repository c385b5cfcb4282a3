"""options: the flags every command takes (kubectl's global flags, which cli/boundary.py reads), with kubectl's
usage texts."""

from __future__ import annotations

import os
from typing import Any

import click

from . import common

CTX = {"help_option_names": ["-h", "--help"]}

# (flag, shown default, usage) in kubectl's order.
USAGES = (
    ('--as', "''",
     'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.'),
    ('--as-group', '[]',
     'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.'),
    ('--as-uid', "''",
     'UID to impersonate for the operation.'),
    ('--cache-dir', 'CACHE_DIR',
     'Default cache directory'),
    ('--certificate-authority', "''",
     'Path to a cert file for the certificate authority'),
    ('--client-certificate', "''",
     'Path to a client certificate file for TLS'),
    ('--client-key', "''",
     'Path to a client key file for TLS'),
    ('--cluster', "''",
     'The name of the kubeconfig cluster to use'),
    ('--context', "''",
     'The name of the kubeconfig context to use'),
    ('--disable-compression', 'false',
     'If true, opt-out of response compression for all requests to the server'),
    ('--insecure-skip-tls-verify', 'false',
     "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure"),
    ('--kubeconfig', "''",
     'Path to the kubeconfig file to use for CLI requests.'),
    ('--log-flush-frequency', '5s',
     'Maximum number of seconds between log flushes'),
    ('--match-server-version', 'false',
     'Require server version to match client version'),
    ('-n, --namespace', "''",
     'If present, the namespace scope for this CLI request'),
    ('--password', "''",
     'Password for basic authentication to the API server'),
    ('--profile', "'none'",
     'Name of profile to capture. One of (none|cpu|heap|goroutine|threadcreate|block|mutex)'),
    ('--profile-output', "'profile.pprof'",
     'Name of the file to write the profile to'),
    ('--request-timeout', "'0'",
     "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests."),
    ('-s, --server', "''",
     'The address and port of the Kubernetes API server'),
    ('--tls-server-name', "''",
     'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used'),
    ('--token', "''",
     'Bearer token for authentication to the API server'),
    ('--user', "''",
     'The name of the kubeconfig user to use'),
    ('--username', "''",
     'Username for basic authentication to the API server'),
    ('-v, --v', '0',
     'number for the log level verbosity'),
    ('--vmodule', '',
     'comma-separated list of pattern=N settings for file-filtered logging (only works for the default text log format)'),
    ('--warnings-as-errors', 'false',
     'Treat warnings received from the server as errors and exit with a non-zero exit code'),
)


class _Options(click.Command):
    """kubectl's options command prints nothing for -h/--help (its help function is empty), nor for `help options`."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return click.Option(["-h", "--help"], is_flag=True, expose_value=False, is_eager=True, hidden=True,
                            callback=lambda c, _p, value: c.exit() if value else None)

    def format_help(self, ctx: click.Context, formatter: Any) -> None:
        pass


@click.command("options", cls=_Options, context_settings=CTX)
@click.argument("args", nargs=-1)
def options_cmd(args: tuple[str, ...], **_: Any) -> None:
    """Print the list of flags inherited by all commands.

    \b
    Examples:
      # Print flags inherited by all commands
      pykubectl options
    """
    env = common.env_of()
    cache = "'" + os.path.join(os.path.expanduser("~"), ".kube", "cache") + "'"
    text = ["The following options can be passed to any command:\n\n"]
    for flag, default, usage in USAGES:
        text.append(f"    {flag}={cache if default == 'CACHE_DIR' else default}:\n\t{usage}\n\n")
    env.stdout.write("".join(text))


options_cmd.flag_error_hint = "Run 'kubectl options' without flags."  # type: ignore[attr-defined] - its usage text
COMMANDS = {"options": options_cmd}
