"""create secret generic|tls|docker-registry: the object kubectl's generator builds from flags."""

from __future__ import annotations

import base64
from typing import Any

import click

from ... import errors
from .. import common
from . import CTX, _AliasGroup, _help_without_subcommand, common_options, emit, go_compact_json, meta, one_name
from .datasources import _file_sources, _go_sorted_json, _hash_suffix, check_key, data_sources


def register(create: click.Group) -> None:
    """Add secret to the create group."""
    @create.group("secret", cls=_AliasGroup, invoke_without_command=True, context_settings=CTX)
    @click.pass_context
    def create_secret(ctx: click.Context) -> None:
        """Create a secret with specified type.

        \b
        Examples:
          # Create a new secret named my-secret with keys for each file in folder bar
          pykubectl create secret generic my-secret --from-file=path/to/bar
        """
        _help_without_subcommand(ctx)

    def _secret_obj(name: str, env: Any, stype: str, data: dict, append_hash: bool) -> dict:
        if append_hash:
            h = {"kind": "Secret", "type": stype, "name": name, "data": data or None}
            name = f"{name}-{_hash_suffix(_go_sorted_json(h))}"
        obj: dict = {"kind": "Secret", "apiVersion": "v1", "metadata": meta(name, env)}
        if data:
            obj["data"] = dict(sorted(data.items()))
        if stype:
            obj["type"] = stype
        return obj

    def _read_pem(path: str) -> bytes:
        """The tls generator's own reading: "Cannot read file PATH, " and Go's *PathError text."""
        try:
            with open(path, "rb") as fh:
                return fh.read()
        except OSError as e:
            reason = {2: "no such file or directory", 21: "is a directory", 13: "permission denied"}.get(
                e.errno or 0, (e.strerror or str(e)).lower())
            op = "read" if e.errno == 21 else "open"  # Go opens a directory, then fails to read it
            raise errors.ClientError(f"error: Cannot read file {path}, {op} {path}: {reason}") from None

    def _b64(b: bytes | str) -> str:
        return base64.b64encode(b if isinstance(b, bytes) else b.encode()).decode()

    @create_secret.command("generic", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--from-file", "from_file", multiple=True, help="Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.")
    @click.option("--from-literal", "from_literal", multiple=True, help="Specify a key and literal value to insert in secret (i.e. mykey=somevalue)")
    @click.option("--from-env-file", "from_env_file", multiple=True, help="Specify the path to a file to read lines of key=val pairs to create a secret.")
    @click.option("--type", "stype", default="", help="The type of secret to create")
    @click.option("--append-hash", is_flag=True, help="Append a hash of the secret to its name.")
    @common_options
    def secret_generic(names: tuple[str, ...], from_file: tuple[str, ...], from_literal: tuple[str, ...],
                       from_env_file: tuple[str, ...], stype: str, append_hash: bool, dry_run: str | None,
                       output: str | None, save_config: bool, **_: Any) -> None:
        """Create a secret based on a file, directory, or specified literal value.

        \b
        Examples:
          # Create a new secret named my-secret with keys for each file in folder bar
          pykubectl create secret generic my-secret --from-file=path/to/bar
        \b
          # Create a new secret named my-secret with key1=supersecret and key2=topsecret
          pykubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret
        """
        name = one_name(names)
        env = common.env_of()
        data: dict = {}

        def add(k: str, v: str | bytes) -> None:
            check_key(k, "Secret")
            if k in data:
                raise errors.ClientError(f"error: cannot add key {k}, another key by that name already exists")
            data[k] = _b64(v)

        for k, v in data_sources(from_file, from_literal, from_env_file):
            add(k, v)
        emit(env, _secret_obj(name, env, stype, data, append_hash), dry_run, output, save_config)

    @create_secret.command("tls", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--cert", default="", help="Path to PEM encoded public key certificate.")
    @click.option("--key", default="", help="Path to private key associated with given certificate.")
    @click.option("--append-hash", is_flag=True, help="Append a hash of the secret to its name.")
    @common_options
    def secret_tls(names: tuple[str, ...], cert: str, key: str, append_hash: bool, dry_run: str | None,
                   output: str | None, save_config: bool, **_: Any) -> None:
        """Create a TLS secret from the given public/private key pair.

        \b
        Examples:
          # Create a new TLS secret named tls-secret with the given key pair
          pykubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key
        """
        name = one_name(names)
        env = common.env_of()
        if not cert or not key:
            raise errors.ClientError("error: key and cert must be specified")
        c, k = _read_pem(cert), _read_pem(key)
        if b"-----BEGIN" not in c:
            raise errors.ClientError("error: tls: failed to find any PEM data in certificate input")
        if b"-----BEGIN" not in k:
            raise errors.ClientError("error: tls: failed to find any PEM data in key input")
        data = {"tls.crt": _b64(c), "tls.key": _b64(k)}
        emit(env, _secret_obj(name, env, "kubernetes.io/tls", data, append_hash), dry_run, output, save_config)

    @create_secret.command("docker-registry", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--docker-username", default="", help="Username for Docker registry authentication")
    @click.option("--docker-password", default="", help="Password for Docker registry authentication")
    @click.option("--docker-email", default="", help="Email for Docker registry")
    @click.option("--docker-server", default="https://index.docker.io/v1/", help="Server location for Docker registry")
    @click.option("--from-file", "from_file", multiple=True, help="Key files can be specified using their file path.")
    @click.option("--append-hash", is_flag=True, help="Append a hash of the secret to its name.")
    @common_options
    def secret_docker(names: tuple[str, ...], docker_username: str, docker_password: str, docker_email: str,
                      docker_server: str, from_file: tuple[str, ...], append_hash: bool, dry_run: str | None,
                      output: str | None, save_config: bool, **_: Any) -> None:
        """Create a new secret for use with Docker registries.

        \b
        Examples:
          # If you do not already have a .dockercfg file, create a dockercfg secret directly
          pykubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL
        """
        name = one_name(names)
        env = common.env_of()
        if not from_file and not (docker_username and docker_password and docker_server):
            raise errors.ClientError("error: either --from-file or the combination of --docker-username, "
                                     "--docker-password and --docker-server is required")
        data: dict = {}
        if from_file:
            # a source without a key name is the .dockerconfigjson key (kubectl's Complete)
            sources = tuple(f if "=" in f else ".dockerconfigjson=" + f for f in from_file)
            for k, b in _file_sources(sources):
                check_key(k, "Secret")
                if k in data:
                    raise errors.ClientError(f"error: cannot add key {k}, another key by that name already exists")
                data[k] = _b64(b)
        else:
            entry: dict = {"username": docker_username, "password": docker_password}
            if docker_email:
                entry["email"] = docker_email
            entry["auth"] = _b64(f"{docker_username}:{docker_password}")
            data[".dockerconfigjson"] = _b64(go_compact_json({"auths": {docker_server: entry}}))
        emit(env, _secret_obj(name, env, "kubernetes.io/dockerconfigjson", data, append_hash), dry_run, output,
             save_config)
