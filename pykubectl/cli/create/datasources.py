"""The data a configmap or secret is made of: --from-file, --from-literal, --from-env-file, and the name hash of --append-hash."""

from __future__ import annotations

import hashlib
import json
import os
import re
from typing import Any, Iterator


from ... import errors
from . import go_compact_json


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise errors.ClientError(f"error: error reading {path}: no such file or directory") from None
    except IsADirectoryError:
        raise errors.ClientError(f"error: error reading {path}: is a directory") from None
    except OSError as e:
        raise errors.ClientError(f"error: error reading {path}: {e.strerror.lower() if e.strerror else e}") from None


def _file_sources(sources: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    """--from-file=[key=]path; a directory contributes each regular file in it, named by its file name."""
    for src in sources:
        key, path = "", src
        if "=" in src:
            key, _, path = src.partition("=")
            if not key or not path:
                raise errors.ClientError(f"error: key names or file paths cannot contain '='")
        if not os.path.exists(path):
            raise errors.ClientError(f"error: error reading {path}: no such file or directory")
        if os.path.isdir(path):
            if key:
                raise errors.ClientError("error: cannot give a key name for a directory path")
            for entry in sorted(os.listdir(path)):
                full = os.path.join(path, entry)
                if os.path.isfile(full):
                    yield entry, _read_file(full)
        else:
            yield key or os.path.basename(path), _read_file(path)


def _literal_sources(sources: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for src in sources:
        k, sep, v = src.partition("=")
        if not sep or not k:
            raise errors.ClientError(f"error: invalid literal source {src}, expected key=value")
        yield k, v


_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*\Z")


def _env_file_sources(paths: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for path in paths:
        data = _read_file(path)
        for i, raw in enumerate(data.split(b"\n")):
            if i == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise errors.ClientError(
                    f"error: env file {path} contains invalid utf8 bytes at line {i + 1}: {list(raw)}") from None
            line = line.rstrip("\r").lstrip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            if not _ENV_NAME.match(key):
                raise errors.ClientError(
                    f'error: "{key}" is not a valid key name: a valid environment variable name must consist of '
                    "alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. "
                    "'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is "
                    "'[-._a-zA-Z][-._a-zA-Z0-9]*')")
            yield key, value if sep else os.environ.get(key, "")


def data_sources(from_file: tuple[str, ...], from_literal: tuple[str, ...],
                 from_env_file: tuple[str, ...]) -> Iterator[tuple[str, str | bytes]]:
    """A generator's keys and values from --from-file, --from-literal and --from-env-file, in the order kubectl adds
    them (files, then literals, then env files), one at a time: kubectl reads a source and checks its key before it
    reads the next, so the first error in that order is the one reported. --from-env-file goes with neither of the
    others."""
    if from_env_file and (from_file or from_literal):
        raise errors.ClientError("error: from-env-file cannot be combined with from-file or from-literal")
    yield from _file_sources(from_file)
    yield from _literal_sources(from_literal)
    yield from _env_file_sources(from_env_file)


def check_key(key: str, kind: str) -> None:
    """kubectl's check of a generated key (validation.IsConfigMapKey), worded as its Secret and ConfigMap
    generators word it (recorded from kubectl 1.32)."""
    from ...api.validation import is_config_map_key

    errs = is_config_map_key(key)
    if not errs:
        return
    if kind == "Secret":
        raise errors.ClientError(f'error: "{key}" is not valid key name for a Secret {";".join(errs)}')
    raise errors.ClientError(f'error: "{key}" is not a valid key name for a ConfigMap: {",".join(errs)}')


def _hash_suffix(encoded: str) -> str:
    """kubectl's hash suffix: the first ten hex digits of the SHA-256, with 0,1,3,a,e swapped out."""
    hexd = hashlib.sha256(encoded.encode()).hexdigest()[:10]
    return hexd.translate(str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"}))


def _go_sorted_json(obj: Any) -> str:
    """json.Marshal of maps: keys sorted, compact, HTML escaped."""
    return go_compact_json(json.loads(json.dumps(obj, sort_keys=True)))
