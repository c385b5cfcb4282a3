"""Validation of manifests as the API server would judge them, with each error placed in its file.

For each document: client-side checks (apiVersion/kind set, as kubectl), kind resolution (served kinds of the
chosen Kubernetes version, then CRDs), the decoder's checks (``pykubectl.api.schema``: wrong types, and unknown
fields when strict), then defaults and the semantic rules (``pykubectl.api.validation``), exactly as ``apply``
runs them. The fast path costs one schema walk and one semantic pass; field positions are only looked up for
documents that failed, from the node tree the loader kept.
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterable

from ..api import registry, schema
from ..apiserver import pipeline
from ..records import Record
from . import fastload
from .fastcheck import CLEAN_NULL_FREE, decodes_cleanly
from .fastrules import metadata_certainly_valid, raw_certainly_valid, spec_certainly_valid


class Finding(Record):
    _fields = ("file", "document", "line", "column", "path", "message", "rule", "kind", "name")

    def __init__(self, file: str, document: int, line: int, column: int, path: str, message: str, rule: str,
                 kind: str = "", name: str = ""):
        self.file = file
        self.document = document  # 1-based among the file's documents (0: the file itself, e.g. unreadable)
        self.line = line
        self.column = column
        self.path = path  # field path, "" for the whole document
        self.message = message
        # parse, client, no-match, rejected, missing-schema, decode, unknown-field, invalid, crd, simulate
        self.rule = rule
        self.kind = kind
        self.name = name


class DocResult(Record):
    _fields = ("file", "document", "kind", "name", "api_version", "status", "findings", "line")

    def __init__(self, file: str, document: int, kind: str, name: str, api_version: str, status: str,
                 findings: list[Finding] | None = None, line: int = 1):
        self.file = file
        self.document = document
        self.kind = kind
        self.name = name
        self.api_version = api_version
        self.status = status  # valid, invalid, skipped, error
        self.findings = [] if findings is None else findings
        self.line = line


class Options(Record):
    _fields = ("strict", "skip", "reject", "ignore_missing_schemas", "kubernetes_version", "crds")

    def __init__(self, strict: bool = True, skip: frozenset[str] = frozenset(), reject: frozenset[str] = frozenset(),
                 ignore_missing_schemas: bool = False, kubernetes_version: str = "v1.32", crds: Any = None):
        self.strict = strict
        self.skip = skip
        self.reject = reject
        self.ignore_missing_schemas = ignore_missing_schemas
        self.kubernetes_version = kubernetes_version
        self.crds = crds  # crd.CRDSet or None


def normalize_version(v: str) -> str:
    """``1.32``, ``v1.32``, ``1.32.6`` -> ``v1.32``; ``ClientError`` for a version without schemas."""
    from ..api import schema
    from ..errors import UsageError

    m = re.fullmatch(r"v?(\d+)\.(\d+)(?:\.\d+)?", v.strip())
    if m is None:
        raise UsageError(f'error: invalid Kubernetes version "{v}": expected MAJOR.MINOR[.PATCH], e.g. 1.32')
    norm = f"v{m.group(1)}.{m.group(2)}"
    available = schema.available_versions()
    if norm not in available:
        raise UsageError(f'error: no schemas for Kubernetes version "{v}"; available: ' + ", ".join(available))
    return norm


def use_version(version: str) -> None:
    """Check against that version's schemas and served kinds (before any worker is forked)."""
    from ..api import registry, schema

    if version != schema.SCHEMA_VERSION_DIR:
        schema.use_version(version)
        registry.use_version(version)  # after schema.use_version: it reads that version's kinds.json


# ------------------------------------------------------------------------------------------------ decoding

def _tracking_decoder(strict: bool) -> Any:
    from ..api import schema

    class Tracking(schema._Decoder):
        __slots__ = ("cur", "err_path")

        def __init__(self, strict: bool):
            super().__init__(strict)
            self.cur = ""
            self.err_path = ""

        def walk(self, v: Any, node: tuple, struct: str, stack: list[str], spath: str) -> None:
            self.cur = spath
            super().walk(v, node, struct, stack, spath)

        def type_err(self, value_desc: str, go_type: str, struct: str, stack: list[str]) -> None:
            if self.type_error is None:
                self.err_path = self.cur
            super().type_err(value_desc, go_type, struct, stack)

    return Tracking(strict)


_UNKNOWN_RE = re.compile(r'^unknown field "(.*)"$')


def decode_errors(obj: dict, kind: Any, strict: bool) -> list[tuple[str, str, str]]:
    """[(rule, path, message)] of the decoder, one per unknown field; [] when it decodes."""
    if decodes_cleanly(obj, kind, strict) or not schema.check(obj, kind, strict):
        return []
    defname, version = schema._definition_for(obj, kind)
    d = _tracking_decoder(strict)
    head = f"{kind.kind} in version {schema.go_quote(version)} cannot be handled as a {kind.kind}: "
    try:
        d.walk_struct(obj, defname, [], "")
    except schema._Abort as abort:
        return [("decode", d.cur, head + str(abort))]
    if d.type_error is not None:
        return [("decode", d.err_path, head + d.type_error)]
    out = []
    for u in d.unknown:
        m = _UNKNOWN_RE.match(u)
        path = _unquote(m.group(1)) if m else ""
        out.append(("unknown-field", path, head + "strict decoding error: " + u))
    return out


def _unquote(s: str) -> str:
    """The text inside Go's %q (the field path of an unknown field)."""
    import json

    try:
        return str(json.loads('"' + s + '"'))
    except ValueError:
        return s


def semantic_errors(obj: dict, kind: Any, null_free: bool = False, spec_prechecked: bool = False) -> list[Any]:
    """FieldErrors the API server's create path reports, after defaults (in place on ``obj``): the pipeline's own
    create path without a cluster (apiserver.pipeline.create_errors_offline), so the verdict is the server's.
    ``null_free``: no value in ``obj`` is None (the schema check walked them all). ``spec_prechecked``:
    ``fastrules.raw_certainly_valid(obj)`` said yes (only the metadata rules are left)."""
    return pipeline.create_errors_offline(obj, kind, spec_certainly_valid, null_free, spec_prechecked)


def _position_path(obj: dict, path: str, string_data_keys: set[str]) -> str:
    """Where in the file a server-side path points: ``data[k]`` of a key written under stringData is there; a CRD's
    hoisted fields (the server names them spec.validation, spec.additionalPrinterColumns ... when every version
    shares them) were written under the first version."""
    if obj.get("kind") == "CustomResourceDefinition":
        for hoisted, written in (("spec.validation.", "spec.versions[0].schema."),
                                 ("spec.additionalPrinterColumns", "spec.versions[0].additionalPrinterColumns"),
                                 ("spec.subresources", "spec.versions[0].subresources"),
                                 ("spec.selectableFields", "spec.versions[0].selectableFields")):
            if path.startswith(hoisted):
                return written + path[len(hoisted):]
    if string_data_keys and path.startswith("data[") and "]" in path:
        key = path[5:path.index("]")]
        if key in string_data_keys:
            return "stringData" + path[4:]
    return path


def served_hint(kind_name: str) -> str:
    from ..api import registry

    served = [k.api_version for k in registry.all_kinds() if k.kind == kind_name]
    if not served:
        return ""
    return f'; the served version is "{served[0]}"' if len(served) == 1 else \
        "; served versions: " + ", ".join(f'"{s}"' for s in served)


# ------------------------------------------------------------------------------------------------ documents

def _name_of(obj: dict) -> str:
    md = obj.get("metadata")
    return str(md.get("name") or md.get("generateName") or "") if isinstance(md, dict) else ""


def validate_object(obj: Any, node: Any, line0: int, file: str, number: int, opts: Options,
                    prefix: str = "") -> list[DocResult]:
    """Results for one document (several for a List)."""
    def find(path: str, message: str, rule: str, kind: str = "", name: str = "") -> Finding:
        full = prefix + ("." + path if prefix and path else path)
        if node is not None:
            from . import loader  # PyYAML: imported only when a file takes the exact path

            line, col, _ = loader.position(node, full, line0)
        else:
            line, col = line0 + 1, 1
        return Finding(file, number, line, col, full, message, rule, kind, name)

    def result(status: str, kind: str, name: str, api_version: str, findings: list[Finding]) -> DocResult:
        if node is not None and not prefix:
            line = line0 + node.start_mark.line + 1
        else:
            line = find("", "", "").line
        return DocResult(file, number, kind, name, api_version, status, findings, line)

    client_tail = "; if you choose to ignore these errors, turn validation off with --validate=false"
    if not isinstance(obj, dict):
        msg = f'error validating "{file}": error validating data: invalid object to validate{client_tail}'
        return [result("invalid", "", "", "", [find("", msg, "client")])]
    if not obj.get("apiVersion") or not obj.get("kind"):
        missing = [f for f in ("apiVersion", "kind") if not obj.get(f)]
        what = missing[0] + " not set" if len(missing) == 1 else "[" + ", ".join(m + " not set" for m in missing) + "]"
        msg = f'error validating "{file}": error validating data: {what}{client_tail}'
        return [result("invalid", str(obj.get("kind") or ""), _name_of(obj), str(obj.get("apiVersion") or ""),
                       [find(missing[0] if len(missing) == 1 else "", msg, "client")])]
    api_version, kind_name = obj["apiVersion"], obj["kind"]
    if not isinstance(api_version, str) or not isinstance(kind_name, str):
        msg = f'error validating "{file}": error validating data: invalid object to validate{client_tail}'
        return [result("invalid", "", "", "", [find("", msg, "client")])]
    if kind_name.endswith("List") and isinstance(obj.get("items"), list):
        out: list[DocResult] = []
        for i, item in enumerate(obj["items"]):
            out.extend(validate_object(item, node, line0, file, number, opts,
                                       f"{prefix + '.' if prefix else ''}items[{i}]"))
        return out
    name = _name_of(obj)
    if kind_name in opts.skip:
        return [result("skipped", kind_name, name, api_version, [])]
    if kind_name in opts.reject:
        return [result("invalid", kind_name, name, api_version,
                       [find("kind", f"prohibited resource kind {kind_name}", "rejected", kind_name, name)])]
    try:
        # custom kinds come from opts.crds (the inputs, --crd files and the store), not from the cluster's registry
        kind = registry.by_api_version_kind(api_version, kind_name, custom=False)
    except registry.NoKindMatchError as e:
        crds = opts.crds
        if crds is not None:
            crd = crds.lookup(api_version, kind_name)
            if crd is not None:
                errs = crd.validate(obj, opts.strict)
                findings = [find(path, msg, "crd", kind_name, name) for path, msg in errs]
                return [result("invalid" if findings else "valid", kind_name, name, api_version, findings)]
        if opts.ignore_missing_schemas:
            return [result("skipped", kind_name, name, api_version, [])]
        hint = served_hint(kind_name)
        msg = e.detail + (hint or "; ensure CRDs are installed first")
        return [result("invalid", kind_name, name, api_version,
                       [find("apiVersion", msg, "no-match", kind_name, name)])]
    if raw_certainly_valid(obj):  # decodes cleanly, and only the metadata rules can find anything
        if metadata_certainly_valid(obj, kind.namespaced):
            return [result("valid", kind_name, name, api_version, [])]
        ferrs = semantic_errors(obj, kind, True, True)
        sd_keys: set[str] = set()
    else:
        clean = decodes_cleanly(obj, kind, opts.strict)
        dec = decode_errors(obj, kind, opts.strict) if not clean else []
        if dec:
            return [result("invalid", kind_name, name, api_version,
                           [find(path, msg, rule, kind_name, name) for rule, path, msg in dec])]
        sd = obj.get("stringData") if kind_name == "Secret" else None
        sd_keys = set(sd) if isinstance(sd, dict) else set()
        ferrs = semantic_errors(obj, kind, clean == CLEAN_NULL_FREE)
    if ferrs:
        head = f'The {kind_name} "{_name_of(obj)}" is invalid: '
        return [result("invalid", kind_name, name, api_version,
                       [_at(find(_position_path(obj, fe.path, sd_keys), head + str(fe), "invalid", kind_name, name),
                            prefix + ("." if prefix else "") + fe.path) for fe in ferrs])]
    return [result("valid", kind_name, name, api_version, [])]


def _at(f: Finding, path: str) -> Finding:
    """The finding with the server's field path (its position may come from where the field was written)."""
    f.path = path
    return f


def _validate_fast(text: str, file: str, opts: Options) -> list[DocResult] | None:
    """The results when the compiled loader reads the file as ``loader.load`` would and every document is valid (or
    skipped); ``None`` otherwise, and the exact path then reads and judges the file again (findings, their lines
    and columns come only from there)."""
    docs = fastload.load(text)
    if docs is None:
        return None
    out: list[DocResult] = []
    for number, (_, line, obj) in enumerate(docs, 1):
        if obj.__class__ is not dict:
            return None
        kind = obj.get("kind")
        if kind.__class__ is str and kind.endswith("List"):
            return None  # items are placed by their own nodes
        try:
            results = validate_object(obj, fastload._Root(line), 0, file, number, opts)
        except RecursionError:
            return None
        for r in results:
            if r.status != "valid" and r.status != "skipped":
                return None
        out.extend(results)
    return out


def validate_text(text: str, file: str, opts: Options) -> list[DocResult]:
    fast = _validate_fast(text, file, opts)
    if fast is not None:
        return fast
    from . import loader  # PyYAML: imported only when a file takes the exact path

    docs, err = loader.load(text, file)
    out: list[DocResult] = []
    for d in docs:
        try:
            out.extend(validate_object(d.obj, d.node, d.line0, file, d.number, opts))
        except RecursionError:  # nesting deeper than the checks can follow: refused as kubectl's loader does
            msg = f"error parsing {file}: error converting YAML to JSON: yaml: exceeded max depth"
            out.append(DocResult(file, d.number, "", "", "", "error",
                                 [Finding(file, d.number, d.line0 + 1, 1, "", msg, "parse")], d.line0 + 1))
    if err is not None:
        n = len(docs) + 1
        out.append(DocResult(file, n, "", "", "", "error",
                             [Finding(file, n, err.line, err.column, "", err.message, "parse")], err.line))
    return out


def read_file(path: str) -> tuple[str, str | None, str | None]:
    """(display name, text, error message)."""
    import sys

    from ..api.manifests import MAX_FILE_BYTES

    name = "STDIN" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            data = _read_bytes(path)
    except OSError as e:
        return name, None, f"error reading {name}: {e.strerror}"
    if len(data) > MAX_FILE_BYTES:
        return name, None, (f"error reading {name}: the file is larger than the API server's request limit of "
                            f"{MAX_FILE_BYTES} bytes")
    try:
        return name, data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return name, None, (f"error parsing {name}: error converting YAML to JSON: yaml: invalid leading UTF-8 "
                            f"octet at byte {e.start}")


def _read_bytes(path: str) -> bytes:
    """The file's bytes with plain system calls (half the cost of a buffered file object, for thousands of small
    files); OSError as ``open`` and ``read`` raise it (a directory: "Is a directory")."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        parts = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            parts.append(chunk)
    finally:
        os.close(fd)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def validate_files(paths: Iterable[str], opts: Options, texts: dict[str, str] | None = None) -> list[DocResult]:
    out: list[DocResult] = []
    for p in paths:
        if texts is not None and p in texts:
            name, text, err = ("STDIN" if p == "-" else p), texts[p], None
        else:
            name, text, err = read_file(p)
        if text is None:
            out.append(DocResult(name, 0, "", "", "", "error", [Finding(name, 0, 1, 1, "", err or "", "parse")]))
            continue
        out.extend(validate_text(text, name, opts))
    return out


def expand(paths: list[str], recursive: bool) -> list[str]:
    """Files to read: kubectl's rules (directories list .json/.yaml/.yml files, -R descends)."""
    from ..api.manifests import expand_paths

    return expand_paths(paths, recursive)


def validate_parallel(files: list[str], opts: Options, jobs: int, texts: dict[str, str] | None = None
                      ) -> list[DocResult]:
    """Files split into ``jobs`` contiguous slices of similar size; forked workers take all but the first, which
    this process validates meanwhile. Results come back in file order."""
    if jobs <= 1 or len(files) < 2 or not hasattr(os, "fork"):
        return validate_files(files, opts, texts)
    import pickle

    sizes = []
    for f in files:
        try:
            sizes.append(os.path.getsize(f) if f != "-" else 0)
        except OSError:
            sizes.append(0)
    total = sum(sizes) or 1
    bounds = [0]
    acc = 0
    for i, s in enumerate(sizes):
        acc += s
        if len(bounds) < jobs and acc >= total * len(bounds) / jobs and i + 1 < len(files):
            bounds.append(i + 1)
    bounds.append(len(files))
    slices = [files[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]
    children = []
    for sl in slices[1:]:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(r)
            code = 0
            try:
                data = pickle.dumps(validate_files(sl, opts, texts), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(w, "wb") as fh:
                    fh.write(data)
            except BaseException:  # noqa: BLE001 - a worker must never return into the parent's code
                code = 1
            os._exit(code)
        os.close(w)
        children.append((pid, r))
    results = validate_files(slices[0], opts, texts)
    for pid, r in children:
        with os.fdopen(r, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            raise RuntimeError("a validation worker failed")
        results.extend(pickle.loads(data))
    return results
