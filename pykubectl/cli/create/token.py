"""create token: a ServiceAccount token, as the API server's TokenRequest makes it (apiserver/authn.py), so that
`pykubectl serve` on the same store, and programs it serves, accept it."""

from __future__ import annotations

import re
from typing import Any

import click

from ... import errors
from .. import common
from ..printflags import printer_options
from . import CTX
_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}


def go_duration_seconds(text: str) -> float:
    """time.ParseDuration: a sequence of decimal numbers each with a unit (300ms, 1.5h, 2h45m)."""
    if text in ("0", ""):
        return 0.0
    parts = re.findall(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)", text)
    if not parts or "".join(n + u for n, u in parts) != text.lstrip("+"):
        raise errors.UsageError(f'error: invalid argument "{text}" for "--duration" flag: time: invalid duration '
                                f'"{text}"')
    return sum(float(n) * _UNITS[u] for n, u in parts)


def register(create: click.Group) -> None:
    """Add token to the create group."""
    create.add_command(token_cmd)


@click.command("token", context_settings=CTX)
@click.argument("names", nargs=-1, metavar="SERVICE_ACCOUNT_NAME")
@click.option("--audience", "audiences", multiple=True,
              help="Audience of the requested token. If unset, defaults to requesting a token for use with the "
                   "Kubernetes API server. May be repeated to request a token valid for multiple audiences.")
@click.option("--bound-object-kind", default="",
              help="Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, "
                   "--bound-object-name must be provided.")
@click.option("--bound-object-name", default="",
              help="Name of an object to bind the token to. The token will expire when the object is deleted. "
                   "Requires --bound-object-kind.")
@click.option("--bound-object-uid", default="",
              help="UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. "
                   "If unset, the UID of the existing object is used.")
@click.option("--duration", default="0s", show_default="0s",
              help="Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be "
                   "determined by the server automatically. The server may return a token with a longer or shorter "
                   "lifetime.")
@click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)
@printer_options(template_alone=False)
def token_cmd(names: tuple[str, ...], audiences: tuple[str, ...], bound_object_kind: str, bound_object_name: str,
              bound_object_uid: str, duration: str, output: str | None) -> None:
    """Request a service account token.

    \b
    Examples:
      # Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace
      pykubectl create token myapp
    \b
      # Request a token with a custom expiration
      pykubectl create token myapp --duration 10m
    """
    from ...client import auth as client_auth

    if len(names) != 1:
        raise errors.UsageError("error: requires exactly one argument: SERVICE_ACCOUNT_NAME")  # derived
    env = common.env_of()
    seconds = go_duration_seconds(duration)
    if seconds < 0:
        raise errors.UsageError("error: --duration must be greater than or equal to 0")  # derived
    spec: dict[str, Any] = {"audiences": list(audiences)}
    if seconds:
        spec["expirationSeconds"] = int(seconds)
    if bound_object_kind:
        spec["boundObjectRef"] = {"kind": bound_object_kind, "apiVersion": "v1", "name": bound_object_name,
                                  "uid": bound_object_uid}
    store = common.open_store(env)
    try:
        with store.transaction() as tx:
            review = client_auth.token_request(tx, common.namespace(env), names[0], spec)
    except errors.ServerError as e:
        raise errors.ClientError(f"error: failed to create token: {e.detail}") from None
    finally:
        store.close()
    if output:
        env.stdout.write(common.render_objects(env, [review], output, True))
        return
    env.stdout.write(review["status"]["token"])
