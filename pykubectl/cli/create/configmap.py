"""create configmap: the object kubectl's generator builds from flags."""

from __future__ import annotations

import base64
from typing import Any

import click

from ... import errors
from .. import common
from . import CTX, common_options, emit, meta, one_name
from .datasources import _go_sorted_json, _hash_suffix, check_key, data_sources


def register(create: click.Group) -> None:
    """Add configmap to the create group."""
    @create.command("configmap", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--from-file", "from_file", multiple=True, help="Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.")
    @click.option("--from-literal", "from_literal", multiple=True, help="Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)")
    @click.option("--from-env-file", "from_env_file", multiple=True, help="Specify the path to a file to read lines of key=val pairs to create a configmap.")
    @click.option("--append-hash", is_flag=True, help="Append a hash of the configmap to its name.")
    @common_options
    def create_configmap(names: tuple[str, ...], from_file: tuple[str, ...], from_literal: tuple[str, ...],
                         from_env_file: tuple[str, ...], append_hash: bool, dry_run: str | None,
                         output: str | None, save_config: bool, **_: Any) -> None:
        """Create a config map based on a file, directory, or specified literal value.

        \b
        Examples:
          # Create a new config map named my-config based on folder bar
          pykubectl create configmap my-config --from-file=path/to/bar
        \b
          # Create a new config map named my-config with specified keys instead of file basenames on disk
          pykubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt
        \b
          # Create a new config map named my-config with key1=config1 and key2=config2
          pykubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2
        \b
          # Create a new config map named my-config from an env file
          pykubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env
        """
        name = one_name(names)
        env = common.env_of()
        data: dict = {}
        binary: dict = {}

        def add(k: str, v: str | bytes) -> None:
            check_key(k, "ConfigMap")
            if k in data or k in binary:
                raise errors.ClientError(f'error: cannot add key "{k}", another key by that name already exists in '
                                         f'Data for ConfigMap "{name}"')
            if isinstance(v, bytes):
                try:
                    data[k] = v.decode("utf-8")
                except UnicodeDecodeError:
                    binary[k] = base64.b64encode(v).decode()
            else:
                data[k] = v

        for k, v in data_sources(from_file, from_literal, from_env_file):
            add(k, v)
        if append_hash:
            h = {"kind": "ConfigMap", "name": name, "data": data or None}
            if binary:
                h["binaryData"] = binary
            name = f"{name}-{_hash_suffix(_go_sorted_json(h))}"
        obj: dict = {"kind": "ConfigMap", "apiVersion": "v1", "metadata": meta(name, env)}
        if data:
            obj["data"] = dict(sorted(data.items()))
        if binary:
            obj["binaryData"] = dict(sorted(binary.items()))
        emit(env, obj, dry_run, output, save_config)
