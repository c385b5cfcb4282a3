#!/usr/bin/env python3
"""Derive the `enum` data of the v1.32 OpenAPI spec from the Kubernetes API types (k8s.io/api v0.32.0).

The shared OpenAPI dump (../shared/k8s-openapi/v1.32) has no `enum` values and no "Possible enum values" paragraphs,
but a real v1.32 API server publishes both, and `kubectl explain` prints them (`ENUM:` lines, `enum: a, b` in field
lists, the paragraph in descriptions). They come from the Go types, read here as facts:

- an enum type is a named string type whose doc comment carries the `+enum` tag;
- its values are the typed string constants of that type (a constant's doc comment, with the constant's own name
  trimmed from its start and runs of whitespace made one space, describes the value; for two constants with the same
  value the longer comment is kept);
- a struct field whose type is an enum type (or a pointer to one) gets `enum` (the values as Go-quoted strings,
  sorted) and its description gains a paragraph "Possible enum values:" followed by one line per value,
  `` - `"Value"` comment``, sorted; the description is rebuilt from the field's comment lines by the same rules the
  OpenAPI generator uses (a `---` line ends it, `+tag` and `TODO` lines are dropped, indented lines keep their own
  line, an empty line starts a paragraph), and the rebuilt text without the enum paragraph must equal the spec's
  description, else the field keeps the spec's text with the paragraph appended (counted in the summary);
- a slice or map whose elements are an enum type gets `enum` on `items` / `additionalProperties` only.

Output: schemas/v1.32/enums.json, {"derived": how it was made, "definitions": {definition: {property: {"enum": [...],
"description": "...", "items_enum": [...], "additional_enum": [...]}}}} for the definitions present in
schemas/v1.32/. pykubectl/api/schema.py overlays it where the spec's text is read for `explain`.

Usage: python tools/gen_enums.py [API_GIT_DIR] [TAG]
  API_GIT_DIR  a clone (bare is fine) of github.com/kubernetes/api (default /work/.mirror/kubernetes+api/repo)
  TAG          default v0.32.0
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "schemas" / "v1.32" / "enums.json"
SPACES = re.compile(r"\s+")


def git(gitdir: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True, capture_output=True, text=True).stdout


def comment_text(lines: list[str]) -> list[str]:
    """go/ast CommentGroup.Text() of `//` lines, split into lines: markers and one space removed, trailing spaces
    trimmed, leading/trailing empty lines dropped, runs of empty lines made one."""
    out: list[str] = []
    for raw in lines:
        s = raw.strip()[2:]
        if re.match(r"^(line |extern |export |[a-z0-9]+:[a-z0-9])", s):
            continue  # a directive, not text
        if s.startswith(" "):
            s = s[1:]
        s = s.rstrip()
        if s == "" and (not out or out[-1] == ""):
            continue
        out.append(s)
    while out and out[-1] == "":
        out.pop()
    return out


def openapi_description(lines: list[str]) -> str:
    """The OpenAPI generator's description from comment lines (kube-openapi generateDescription)."""
    buf = ""
    for line in lines:
        if line == "---":
            break
        line = line.rstrip(" ")
        leading = line.lstrip(" ")
        if line == "":
            buf = buf[:-1] + "\n\n"
        elif leading.startswith("TODO") or leading.startswith("+"):
            continue
        elif line.startswith((" ", "\t")):
            buf = buf[:-1] + "\n" + line + "\n"
        else:
            buf += line + " "
    return buf.strip()


class Package:
    def __init__(self, path: str):
        self.path = path  # core/v1
        self.enums: dict[str, dict[str, tuple[str, str]]] = {}  # type -> value -> (const name, comment)
        self.consts: list[tuple[str, str, str, str]] = []  # (type expr, name, value, comment)
        self.structs: dict[str, list[tuple[str, str, list[str]]]] = {}  # struct -> [(json name, type, comments)]
        self.imports: dict[str, str] = {}  # alias -> package path under k8s.io/api


def parse_file(pkg: Package, text: str) -> None:
    comments: list[str] = []
    block = ""  # "const", "struct:<Name>", "import", ""
    depth = 0
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("//"):
            comments.append(raw)
            continue
        doc = comment_text(comments)
        comments = []
        if not line:
            continue
        if block == "import":
            if line == ")":
                block = ""
            else:
                _import(pkg, line)
            continue
        if block == "const":
            if line == ")":
                block = ""
                continue
            _const(pkg, line, doc)
            continue
        if block.startswith("struct:"):
            depth += line.count("{") - line.count("}")
            if depth <= 0:
                block = ""
                continue
            if depth == 1 and "{" not in line:
                _field(pkg, block[7:], line, doc)
            continue
        if line.startswith("import ("):
            block = "import"
        elif line.startswith("import "):
            _import(pkg, line[7:])
        elif line == "const (":
            block = "const"
        elif line.startswith("const "):
            _const(pkg, line[6:], doc)
        m = re.match(r"^type (\w+) string\b", line)
        if m and any(d.strip() == "+enum" or d.strip().startswith("+enum ") for d in doc):
            pkg.enums.setdefault(m.group(1), {})
        m = re.match(r"^type (\w+) struct \{\s*$", line)
        if m:
            block, depth = "struct:" + m.group(1), 1
            pkg.structs.setdefault(m.group(1), [])


def _import(pkg: Package, line: str) -> None:
    m = re.match(r'^(?:(\w+)\s+)?"k8s\.io/api/([^"]+)"', line)
    if m:
        path = m.group(2)
        pkg.imports[m.group(1) or path.rsplit("/", 1)[-1]] = path


def _const(pkg: Package, line: str, doc: list[str]) -> None:
    m = re.match(r'^(\w+)\s+([\w.]+)\s*=\s*"((?:[^"\\]|\\.)*)"', line)
    if m:
        pkg.consts.append((m.group(2), m.group(1), json.loads('"' + m.group(3) + '"'), " ".join(doc)))


def _field(pkg: Package, struct: str, line: str, doc: list[str]) -> None:
    m = re.match(r'^\*?(\w+)\s+`[^`]*json:",inline"', line)
    if m:
        pkg.structs[struct].append(("", m.group(1), doc))  # embedded inline: its fields are this struct's
        return
    m = re.match(r"^(\w+)\s+([\w.*\[\]]+)\s+`([^`]*)`", line)
    if not m:
        return
    tag = re.search(r'json:"([^"]*)"', m.group(3))
    if not tag:
        return
    parts = tag.group(1).split(",")
    if parts[0] in ("", "-") or "string" in parts[1:]:
        return
    pkg.structs[struct].append((parts[0], m.group(2), doc))


def load(gitdir: str, tag: str) -> dict[str, Package]:
    files = [f for f in git(gitdir, "ls-tree", "-r", "--name-only", tag).splitlines()
             if f.endswith(".go") and not f.endswith("_test.go") and "generated" not in f and f.count("/") == 2]
    pkgs: dict[str, Package] = {}
    for f in files:
        path = f.rsplit("/", 1)[0]
        pkg = pkgs.setdefault(path, Package(path))
        parse_file(pkg, git(gitdir, "show", f"{tag}:{f}"))
    for pkg in pkgs.values():
        for typ, name, value, comment in pkg.consts:
            owner, tname = (pkg.imports.get(typ.split(".")[0], ""), typ.split(".")[1]) if "." in typ else (pkg.path, typ)
            values = pkgs[owner].enums.get(tname) if owner in pkgs else None
            if values is None:
                continue
            old = values.get(value)
            if old is None or len(old[1]) < len(comment) or (len(old[1]) == len(comment) and old[1] > comment):
                values[value] = (name, comment)
    return pkgs


def inline_fields(pkg: Package, fields: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """A struct's fields with those of structs it embeds inline (same package) in their place."""
    out = []
    for jname, typ, doc in fields:
        if jname == "" and typ in pkg.structs:
            out.extend(inline_fields(pkg, pkg.structs[typ]))
        elif jname:
            out.append((jname, typ, doc))
    return out


def go_quote(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def enum_lines(values: dict[str, tuple[str, str]]) -> list[str]:
    lines = []
    for value, (name, comment) in values.items():
        c = comment.strip()
        if c.startswith(name):
            c = c[len(name):]
        c = SPACES.sub(" ", c.strip())
        lines.append(f" - `{go_quote(value)}` {c}")
    return sorted(lines)


def main() -> int:
    gitdir = sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror/kubernetes+api/repo"
    tag = sys.argv[2] if len(sys.argv) > 2 else "v0.32.0"
    pkgs = load(gitdir, tag)
    sys.path.insert(0, str(REPO))
    from pykubectl.api import schema as sch

    out: dict[str, dict[str, dict]] = {}
    fallback = 0
    for pkg in sorted(pkgs.values(), key=lambda p: p.path):
        for struct, fields in pkg.structs.items():
            defname = "io.k8s.api." + pkg.path.replace("/", ".") + "." + struct
            try:
                definition = sch.load_definition(defname)
            except (KeyError, FileNotFoundError):
                continue
            props = definition.get("properties") or {}
            for jname, typ, doc in inline_fields(pkg, fields):
                if jname not in props:
                    continue
                base = typ.lstrip("*")
                shape = ""
                if base.startswith("[]"):
                    shape, base = "items_enum", base[2:].lstrip("*")
                elif base.startswith("map[string]"):
                    shape, base = "additional_enum", base[11:].lstrip("*")
                owner, tname = ((pkg.imports.get(base.split(".")[0], ""), base.split(".")[1]) if "." in base
                                else (pkg.path, base))
                values = pkgs[owner].enums.get(tname) if owner in pkgs else None
                if not values:
                    continue
                quoted = sorted(go_quote(v) for v in values)
                enum = [json.loads(q) for q in quoted]
                entry: dict = {}
                if shape:
                    entry[shape] = enum
                else:
                    entry["enum"] = enum
                    plain = openapi_description(doc)
                    spec_text = props[jname].get("description", "")
                    lines = doc + ["", "Possible enum values:"] + enum_lines(values)
                    if plain == spec_text:
                        entry["description"] = openapi_description(lines)
                    else:
                        fallback += 1
                        entry["description"] = openapi_description(
                            [spec_text, "", "Possible enum values:"] + enum_lines(values))
                out.setdefault(defname, {})[jname] = entry
    doc = {
        "derived": (f"from the Go API types of k8s.io/api {tag} (+enum string types, their typed constants and the "
                    "struct fields of those types) by tools/gen_enums.py; the real v1.32 server's OpenAPI carries "
                    "the same enum values and 'Possible enum values' paragraphs, which the shared dump lacks"),
        "definitions": dict(sorted(out.items())),
    }
    OUT.write_text(json.dumps(doc, indent=1, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    n = sum(len(v) for v in out.values())
    print(f"{OUT.relative_to(REPO)}: {n} properties in {len(out)} definitions ({fallback} kept the spec's text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
