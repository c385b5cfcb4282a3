"""The fast loader builds exactly the objects kubectl's loader (api/manifests.py) builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pykubectl.api import manifests
from pykubectl.errors import ClientError
from pykubectl.validate import loader

ROOT = Path(__file__).resolve().parents[2]

TRICKY = """
base: &base
  a: 1
  b: [x, y]
other: &other {b: 2, c: 3}
merged:
  <<: [*base, *other]
  a: override
alias: *base
scalars: [yes, no, on, off, y, N, yy, ~, null, 0x1F, 0o17, 1_000, 1.5e3, .inf, -.Inf, .nan, 2026-01-01, "quoted", '1']
keys: {1: one, true: t, null: n, 1.5: f}
dup: {k: 1, k: 2}
binary: !!binary aGVsbG8=
str_tag: !!str 123
empty:
block: |
  line one
  line two
---
second: doc
---
---
third: [1, 2]
"""


def _same(a: object, b: object) -> bool:
    """The same JSON value once kubectl has decoded it: same keys and values, types included; a map's key order
    carries no meaning (kubectl's JSON has its keys sorted)."""
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def test_tricky_yaml_matches_manifests_loader() -> None:
    ref = [d for _, d in manifests.yaml_documents(TRICKY, "t.yaml")]
    docs, err = loader.load(TRICKY, "t.yaml")
    assert err is None
    assert [d.number for d in docs] == [1, 2, 3]
    assert [d.chunk for d in docs] == [0, 1, 3]
    assert all(_same(d.obj, r) for d, r in zip(docs, ref)) and len(docs) == len(ref)


# Merge keys as kubectl's decoder (sigs.k8s.io/yaml over go-yaml v2) resolves them: entries apply in order, a
# ``<<`` where it stands (replacing keys set before it), a list of maps from its last map to its first. Derived
# from go-yaml v2's decoder (decoder.mapping / decoder.merge), not recorded.
MERGE_CASES = [
    ("m: {<<: {a: 1, b: 1}, b: 2}", {"a": 1, "b": 2}),
    ("m: {b: 2, <<: {a: 1, b: 1}}", {"a": 1, "b": 1}),
    ("m: {<<: [{a: 1}, {a: 2, c: 2}]}", {"a": 1, "c": 2}),
    ("x: &x {a: 1, b: 1}\nm: {b: 0, <<: *x, a: 3}", {"a": 3, "b": 1}),
    ("x: &x {a: 1}\ny: &y {<<: *x, b: 2}\nm: {<<: [*y, {a: 9, c: 3}]}", {"a": 1, "b": 2, "c": 3}),
    ("m: {<<: {a: 1}, <<: {a: 2}}", {"a": 2}),
    ("m: {'<<': {a: 1}}", {"<<": {"a": 1}}),
]


@pytest.mark.parametrize("text, merged", MERGE_CASES)
def test_merge_keys_apply_where_they_stand(text: str, merged: dict) -> None:
    ref = [d for _, d in manifests.yaml_documents(text, "m.yaml")]
    docs, err = loader.load(text, "m.yaml")
    assert err is None
    assert ref[0]["m"] == merged
    assert docs[0].obj["m"] == merged


@pytest.mark.parametrize("text", ["m: {<<: 1}", "m: {<<: [{a: 1}, 2]}", "m: {<<: [[a]]}"])
def test_merging_what_is_not_a_map_is_go_yamls_error(text: str) -> None:
    message = "error: error parsing m.yaml: error converting YAML to JSON: yaml: map merge requires map or " \
              "sequence of maps as the value"
    with pytest.raises(ClientError) as e:
        list(manifests.yaml_documents(text, "m.yaml"))
    assert str(e.value) == message
    _, err = loader.load(text, "m.yaml")
    assert err is not None and "error: " + err.message == message


def test_position_names_the_entry_that_decides_a_merged_key() -> None:
    text = "x: &x {a: 1, b: 1}\nm:\n  b: 0\n  <<: *x\n  a: 3\n"
    docs, _ = loader.load(text, "f")
    node, line0 = docs[0].node, docs[0].line0
    assert loader.position(node, "m.a", line0) == (5, 3, "m.a")  # the explicit key after the merge
    assert loader.position(node, "m.b", line0) == (1, 14, "m.b")  # the merged one replaced line 3's


def _texts() -> list[Path]:
    out = []
    for p in sorted((ROOT / "fixtures").rglob("*.y*ml")):
        try:
            p.read_text()
        except UnicodeDecodeError:
            continue
        out.append(p)
    return out


@pytest.mark.parametrize("path", _texts(), ids=lambda p: str(p.relative_to(ROOT / "fixtures")))
def test_fixtures_match_manifests_loader(path: Path) -> None:
    """Every fixture of the project (hostile ones included: billion laughs, deep nesting, custom tags)."""
    text = path.read_text()
    try:
        ref = [d for _, d in manifests.yaml_documents(text, path.name)]
    except ClientError as e:
        _, err = loader.load(text, path.name)
        assert err is not None and "error: " + err.message == str(e)
        return
    docs, err = loader.load(text, path.name)
    assert err is None
    assert len(docs) == len(ref) and all(_same(d.obj, r) for d, r in zip(docs, ref))


def test_syntax_errors_carry_kubectls_text_and_stop_the_file() -> None:
    text = "a: 1\n---\nb: [1\n---\nc: 3\n"
    docs, err = loader.load(text, "f.yaml")
    assert [d.obj for d in docs] == [{"a": 1}]
    ref = None
    try:
        list(manifests.yaml_documents(text, "f.yaml"))
    except ClientError as e:
        ref = str(e)
    assert err is not None and ref == "error: " + err.message
    assert (err.line, err.column) == (3, 1)


def test_positions() -> None:
    docs, _ = loader.load("a: 1\n---\nspec:\n  list:\n  - x: 1\n    y: [1, 2]\n", "f")
    node, line0 = docs[1].node, docs[1].line0
    assert loader.position(node, "spec.list[0].y", line0) == (6, 5, "spec.list[0].y")
    assert loader.position(node, "spec.list[0].y[1]", line0) == (6, 12, "spec.list[0].y[1]")
    assert loader.position(node, "spec.missing.deeper", line0) == (3, 1, "spec")
    assert loader.split_path("metadata.labels[a.b/c].x[3]") == ["metadata", "labels", "a.b/c", "x", 3]
