"""The compiled fast path (validate/fastload.py) reads a text only when it builds exactly what the exact loader
(validate/loader.py) builds: same documents, same objects (types included, so ``yes`` stays a boolean and
``0777`` an octal number), same lines; every other text is handed back (``None``)."""

from __future__ import annotations

import itertools
import math
import random
import subprocess
import sys
from pathlib import Path

import pytest

from pykubectl.validate import core, fastload, loader

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

pytestmark = pytest.mark.skipif(not fastload._parser(), reason="yaml-rs is not installed")


def _same(a: object, b: object) -> bool:
    """Equal, types included (True is not 1), keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))  # type: ignore[arg-type]
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)  # type: ignore[arg-type]
    return a == b


def _agrees(text: str) -> str:
    """'fallback' when the fast path hands the text back, 'ok' when it reads what the exact loader reads; else the
    difference."""
    fast = fastload.load(text)
    if fast is None:
        return "fallback"
    docs, err = loader.load(text, "f.yaml")
    if err is not None:
        return f"the exact loader refuses it ({err.message}), the fast path read it"
    if len(docs) != len(fast):
        return f"{len(docs)} documents, the fast path read {len(fast)}"
    for d, (chunk, line, obj) in zip(docs, fast):
        if (d.chunk, d.line0 + d.node.start_mark.line) != (chunk, line):
            return f"document {d.number}: chunk/line {(d.chunk, d.line0 + d.node.start_mark.line)} vs {(chunk, line)}"
        if not _same(d.obj, obj):
            return f"document {d.number}: {d.obj!r} vs {obj!r}"
    return "ok"


# Plain scalars of every kind either schema knows (YAML 1.1 as go-yaml v2 resolves them, YAML 1.2 core), and
# look-alikes that are strings in both.
SCALARS = [
    "y", "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "yEs", "oN",
    "true", "True", "TRUE", "false", "False", "FALSE", "tRUE", "null", "Null", "NULL", "nUll", "~", "=", "",
    "0", "-0", "+0", "00", "007", "0777", "08", "0o17", "0O17", "0x1F", "0X1f", "0x_1", "0b101", "0B11", "1_000",
    "1__0", "+12", "-12", "12", "123456789012345678901234567890", "1:20", "190:20:30", "1:20.5", "10:30", "1.5",
    "-1.5", "+1.5", "0.5", "1.", "-0.0", ".5", "+.5", "-.5", "1e3", "1E3", "1e+3", "1.5e-3", "1.0e5", ".5e3",
    ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "inf", "nan", "NaN", "Infinity", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
    "1.1.1", "25%", "100m", "128Mi", "0.0.0.0", "v1", "a1", "-", "--x", "-c", "1-2", "0x", "0o", "1e", "1_", "_1",
    # yaml-rs drops underscores anywhere in a number, reads .inf/.nan in any case, and ints of any length
    "_0", "__1", "-_1", "+_1", "._5", "_.5", "1e1_", "1e_1", "0x1_", "_0x1", "1_m", ".inF", ".NaN", ".nAn", "-.iNf",
    "9" * 99, "9" * 100, "9" * 101, "1" * 5000, "-" + "9" * 120, "0." + "9" * 400, "_a", "a_1", "x_", "1.2.3_rc",
]


@pytest.mark.parametrize("form", ["v: {}\n", "{}: v\n", "- {}\n", "v: [{}, x]\n", "v: {{k: {}}}\n", "v: {{{}}}\n",
                                  "v:\n  {}\n", "v: x\n  {}\n"])
def test_scalars_in_every_position(form: str) -> None:
    bad = {}
    for s in SCALARS:
        text = form.format(s)
        got = _agrees(text)
        if got not in ("ok", "fallback"):
            bad[text] = got
    assert bad == {}


def test_generated_number_like_scalars() -> None:
    """Every short string over the characters numbers are written with, as a value and as a key."""
    bad = {}
    for n in (1, 2, 3):
        for chars in itertools.product("0179._:+-eEoxbB", repeat=n):
            s = "".join(chars)
            for text in (f"v: {s}\n", f"{s}: v\n", f"v: [{s}]\n"):
                got = _agrees(text)
                if got not in ("ok", "fallback"):
                    bad[text] = got
    assert bad == {}


STRUCTURES = [
    "a: |\n  x\n  y\n", "a: |-\n  x\n", "a: |+\n  x\n\n", "a: >\n  x\n  y\n\n  z\n", "a: >-\n  x\n", "a: |2\n   x\n",
    "a: |\n  x", "a: >\n  x", "a: x\n  y\n", "a: 'x\n  y'\n", "a: \"x\n\n  y\"\n", "a: 'it''s'\n", "a: \"q\\\"\"\n",
    "a: [1, 2,\n  3]\n", "a: {b: 1,\n  c: 2}\n", "a: {b}\n", "a: {1}\n", "a: {true}\n", "a: {: 1}\n", "a: [b: 1]\n",
    "x: &a {b: 1}\ny: *a\n", "x: &a [1]\ny: [*a, *a]\n", "x: &a\n  b: 1\ny: *a\n", "x: *a\n", "x: &a [*a]\n",
    "x: &a.b 1\n", "x: &a: 1\n", "x: *a.b\n", "a: 1\na: 2\n", "a:\n", "a: ~\n", "? a\n: b\n", "a: !!str 1\n",
    "a: <<\n", "<<: {a: 1}\n", "a: b: c\n", "a:\n- b\n- c\n", "- a\n- b\n", "x\n", "1\n", "'a'\n", "~\n", "",
    "# only\n", "---\na: 1\n---\nb: 2\n", "---\n---\na: 1\n", "a: 1\n...\n", "--- a: 1\n", "%YAML 1.1\n---\na: 1\n",
    "a: @x\n", "a: `x\n", "a: %x\n", "a: ,x\n", "a: ]x\n", "a: }\n", "a: {|}\n", "a: [>]\n", "a: |x\n", "a:\tb\n",
    "a:\n\tb: 1\n", "a: b\r\n", "a: b\x85c\n", "a: \"\\x41\"\n", "\ufeffa: 1\n", "a: #c\n", "a: b #c\nd: e\n",
    "a:\n  - b: 1\n    c: 2\n", "a: [\n  1\n]\n", "a: -1\n", "a: - 1\n", "a: 'yes'\n", "a: \"0777\"\n",
    "a: | \n  x\n", "a: |  # c\n  x\n", "a: >- # c\n  x\n  y\n", "a: b!c\n", "a: !b\n", "a: [a, ]\n", "a: {}\n",
    "a: []\n", "a: [}\n", "a: {]\n", "a: x # no\n", "# on\na: 1\n", "a: {k: \"x #y\", b: yes}\n",
    "\"a #b\": yes\n", "a: {k: \"l1\n  #x\", b: yes}\n", "a: 'l1\n  # x', b: on\n", "a: * b\n", "a: [*]\n", "a: *\n",
    "a: \"*/5 * * * *\"\n", "a: < b\n", "a: b <c\n", "x: &a 1\ny: *a.b\n", "a:   # c\n  b: 1\n",
    # flow collections as keys (yaml-rs: tuples and frozensets; the exact loader refuses them)
    "[]: n!\n", "[a]: b\n", "{}: v\n", "{a: b}: c\n", "[a, b] : c\n", "x: {[a]: b}\n", "- [a]: b\n",
    "x: [[a]: b]\n", "[[]]: x\n", "x: {[a]:b}\n", "x: [\n  a\n]: b\n",
    # implicit keys spanning lines in flow mappings (yaml-rs reads them, libyaml refuses them)
    "{a\nb: c}\n", "x: {a\nb: c}\n", '{"a\nb": c}\n', "{a b\n c d: e}\n", "x: {a: b,\n  c\n  d: e}\n",
    "{---\na-on: x}\n", "x]: {a,\n b: c}\n", 'x": {a, "b, "c\n d: e}\n', "x: [a, {b\n c: d}]\n",
    "x: {a: b}\ny: [c,\n d]\n", "x: [a]\n", "x: {a: b, c: [d, e]}\n",
    "{{}}\n", "x: {[a]}\n", "x: {a, [b]}\n", "x: {a: 1, {b: 2}}\n", "x: { {b}: 2}\n", "x: [[a], {b: c}]\n",
]
ESCAPES = ["\\\\", '\\"', "\\/", "\\n", "\\t", "\\r", "\\0", "\\a", "\\b", "\\e", "\\f", "\\v", "\\N", "\\_", "\\L",
           "\\P", "\\x41", "\\u263A", "\\U0001F600", "\\ ", "\\q", "\\x4", "\\u26", "\\xZZ", "\\'", "\\x00", "\\ud800",
           "\\U00110000", "\\\n  x", "\\\n\n  x", "\\x85", "\\u2028", "\\x7f", "\\u00e9"]
STRUCTURES += [form.format(e) for e in ESCAPES
               for form in ('a: "x{}y"\n', "a: 'x{}y'\n", "a: x{}y\n", 'a: |\n  x{}y\n', '"k{}": v\n', 'a: ["x{}y", b]\n',
                            'a: "{}"\n', 'a: "x\n  {}y"\n')]


@pytest.mark.parametrize("text", STRUCTURES)
def test_structures(text: str) -> None:
    assert _agrees(text) in ("ok", "fallback")


# Anchors and aliases: yaml-rs reads only the label map form (``labels: &x`` then ``labels: *x`` or
# ``matchLabels: *x`` after the map); an alias inside its own anchor's node (null in yaml-rs, refused by the exact
# loader) and everything else go to the exact loader.
LABELS = "  labels: &x\n    app: web\n    tier: 'front'\n    release: \"r1\"\n"
ALIASES_READ = [
    "metadata:\n" + LABELS + "spec:\n  selector:\n    matchLabels: *x\n  template:\n    metadata:\n      labels: *x\n",
    "metadata:\n" + LABELS + "  name: web1\nspec:\n  matchLabels: *x\n",
    "labels: &x\n  a: b\nl:\n  labels: *x\n",
    "a:\n  labels: &id001\n    k: v\nb:\n  - c:\n      labels: *id001\n",
]
ALIASES_REFUSED = [
    "a: &x [*x]\n", "a: &x\n  b: *x\n", "a: &x\n  - *x\n", "a: &x {b: *x}\n", "- &x\n  - *x\n",
    "labels: &x\n  a: b\n  labels: *x\n",  # inside the map
    "labels: &x\n  a: *x\n",
    "labels: &x\n- labels: *x\n",  # a sequence at the key's column belongs to the anchored node
    "labels: &x\n  a: b\n- labels: *x\n",
    "labels: &x\n  a: b\n\nlabels2: *x\n",
    "labels: &x\n  a: b\n# c\nlabels: *x\n",
    "m:\n  labels: &x\n    a: b\n  c: *x\n",  # not under labels/matchLabels
    "labels: *x\nm:\n  labels: &x\n    a: b\n",  # before its anchor
    "k: [\n  labels: &x\n    a: b\n]\nlabels: *x\n",
    "k: {a: 1}\nlabels: &x\n  a: b\nlabels2: *x\n",
    "k: |\n  labels: &x\n    a: b\nlabels: *x\n",  # the anchor is text: the alias is undefined
    "k: \"\n  labels: &x\n    a: b\n\"\nlabels: *x\n",
    "m:\n  labels: &x\n    a: b\n    c:\n      d: e\n  labels2: *x\n",  # a nested map
    "m:\n  labels: &x\n    a: [b]\n  l: {labels: *x}\n",
    "labels: &x\n  a: \"b\\\"\"\nlabels: *x\n",
    "labels: &x\n  a: b\nl:\n  labels: *x\n  labels: *x\n",  # a duplicate key
    "a: &x 1\nb: &y 2\nc: *x\n", "a: *x\n", "a: &x\n  labels: *x\n",
    "labels: &x\n  a: b\n" + "l:\n  labels: *x\n" * 9,  # more than 8 aliases
]


@pytest.mark.parametrize("text", ALIASES_READ)
def test_label_map_aliases_are_read_by_the_fast_path(text: str) -> None:
    assert _agrees(text) == "ok"


@pytest.mark.parametrize("text", ALIASES_REFUSED)
def test_other_aliases_go_to_the_exact_loader(text: str) -> None:
    assert fastload.load(text) is None
    assert _agrees(text) == "fallback"


def test_recursive_aliases_of_the_fixtures_go_to_the_exact_loader() -> None:
    hostile = sorted((ROOT / "fixtures" / "hostile").glob("recursive-anchor*.yaml"))
    assert hostile
    for p in hostile:
        assert fastload.load(p.read_text()) is None, p


ALIAS_FRAGMENTS = ["labels: ", "matchLabels: ", "k: ", "&x", "*x", "&y", "*y", " ", "  ", "\n", "\n  ", "\n    ",
                   "\n- ", "- ", "a: b", "c: 'd'", 'e: "f"', "[", "]", "{", "}", ", ", "|", "# c", "\n\n", "'", '"']


def test_random_texts_with_anchors_and_aliases() -> None:
    """Random texts over label-map fragments, anchors and aliases: none read differently, many read fast."""
    rnd = random.Random(191919)
    bad = {}
    fast = 0
    for _ in range(20_000):
        text = "".join(rnd.choice(ALIAS_FRAGMENTS) for _ in range(rnd.randrange(2, 24))) + "\n"
        got = _agrees(text)
        fast += got == "ok" and "*" in text
        if got not in ("ok", "fallback"):
            bad[text] = got
    assert bad == {}
    assert fast > 20


@pytest.mark.parametrize("text", [
    "data:\n" + "- " * 20_000 + "x\n",  # yaml-rs overflows the C stack some 10,000 levels down
    "data:\n" + "- a:\n  " * 3_000 + "x\n",
    "data: " + "[" * 20_000 + "]" * 20_000 + "\n",
    "data:\n" + "".join(" " * i + "k:\n" for i in range(2_000)) + "  x\n",
], ids=["dashes", "mappings-in-a-sequence", "flow", "indented-keys"])  # short ids: pytest puts the test id in
# the child's environment (PYTEST_CURRENT_TEST), where a 2 MB text is more than the kernel's argument limit
def test_deep_texts_never_reach_the_compiled_parser_at_a_depth_that_crashes(text: str) -> None:
    """In a child process: a stack overflow would kill it."""
    code = ("import sys; from pykubectl.validate import fastload; "
            "print(fastload.load(sys.stdin.read()) is None)")
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=120)
    assert (out.returncode, out.stdout) == (0, "True\n"), out.stderr[-2000:]


def test_the_nesting_bound_holds_for_short_texts() -> None:
    """A chunk of at most 1000 characters is parsed without counting: its worst nesting stays under the bound."""
    worst = "- " * 499 + "x\n"
    assert 2 * worst.count("-") + math.isqrt(2 * 1000) + 512 <= fastload._NESTING_BOUND
    assert _agrees("data:\n" + "- " * 150 + "x\n") == "ok"


# Every kind whose create path may change a label map in place, with its label maps anchored and aliased: yaml-rs
# copies an aliased map where the exact loader shares one object, and validation must not tell them apart.
_TEMPLATE = ("    metadata:\n      labels: *x\n    spec:\n      restartPolicy: {restart}\n"
             "      containers:\n      - name: c\n        image: nginx\n")
SHARED_LABEL_DOCS = [
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n" + LABELS
    + "spec:\n  selector:\n    matchLabels: *x\n  template:\n" + _TEMPLATE.format(restart="Always"),
    "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n" + LABELS
    + "spec:\n  serviceName: s\n  selector:\n    matchLabels: *x\n  template:\n" + _TEMPLATE.format(restart="Always"),
    "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: s\n" + LABELS
    + "spec:\n  selector:\n    matchLabels: *x\n  template:\n" + _TEMPLATE.format(restart="Always"),
    "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: s\n" + LABELS
    + "spec:\n  selector:\n    matchLabels: *x\n  template:\n" + _TEMPLATE.format(restart="Always"),
    "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n" + LABELS
    + "spec:\n  template:\n" + _TEMPLATE.format(restart="Never"),
    "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n" + LABELS
    + "spec:\n  manualSelector: true\n  selector:\n    matchLabels: *x\n  template:\n"
    + _TEMPLATE.format(restart="Never"),
    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n" + LABELS + "spec:\n  labels: *x\n",
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n" + LABELS
    + "spec:\n  containers:\n  - name: c\n    image: nginx\n",
]


@pytest.mark.parametrize("text", SHARED_LABEL_DOCS)
@pytest.mark.parametrize("strict", [True, False])
def test_aliased_label_maps_are_judged_as_on_the_exact_path(text: str, strict: bool) -> None:
    assert _agrees(text) == "ok"
    opts = core.Options(strict=strict)
    docs, err = loader.load(text, "f.yaml")
    assert err is None
    exact = [r for d in docs for r in core.validate_object(d.obj, d.node, d.line0, "f.yaml", d.number, opts)]
    fast = core._validate_fast(text, "f.yaml", opts)
    if fast is None:  # a finding: the exact path reports it
        assert any(r.status == "invalid" for r in exact)
    else:
        assert fast == exact


def _manifests() -> list[Path]:
    roots = [ROOT / "fixtures", ROOT / "tests", SHARED / "realworld-manifests", SHARED / "bench-corpus",
             SHARED / "k8s-recordings" / "validation"]
    out = []
    for r in roots:
        if r.is_dir():
            out.extend(p for p in sorted(r.rglob("*")) if p.suffix in (".yaml", ".yml", ".json") and p.is_file())
    return out


def test_every_manifest_and_mutations_of_it() -> None:
    """Every manifest the project and its corpora hold, and 6 random one-line edits of each (indentation,
    deleted and inserted characters, indicators, tabs, line breaks, lines doubled or removed)."""
    rnd = random.Random(19)
    bad: dict[str, str] = {}
    read = fast = 0
    for p in _manifests():
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        variants = [text]
        lines = text.splitlines(keepends=True)
        if lines and len(text) < 20_000:
            for _ in range(6):
                ls = list(lines)
                i = rnd.randrange(len(ls))
                ln = ls[i]
                j = rnd.randrange(len(ln) + 1)
                op = rnd.randrange(7)
                if op == 0:
                    ls[i] = " " + ln
                elif op == 1:
                    ls[i] = ln[:j] + ln[j + 1:]
                elif op == 2:
                    ls.insert(i, ln)
                elif op == 3:
                    ls[i] = ln.lstrip()
                elif op == 4:
                    ls[i] = ln[:j] + rnd.choice(":-[]{},'\"#&*|> ?%@`!~.0179yn\\\n\t") + ln[j:]
                elif op == 5:
                    del ls[i]
                else:
                    ls[i] = ln[:j] + ln[j:].replace(" ", "", 1)
                variants.append("".join(ls))
        for v in variants:
            got = _agrees(v)
            read += 1
            fast += got == "ok"
            if got not in ("ok", "fallback"):
                bad[f"{p} {v!r}"[:400]] = got
    assert bad == {}
    assert fast > read // 2  # the fast path does read most manifests


def test_corpus_is_read_by_the_fast_path_and_judged_as_before() -> None:
    corpus = SHARED / "bench-corpus" / "validate-2000"
    if not corpus.is_dir():
        pytest.skip("no bench corpus")
    files = sorted(corpus.iterdir())[:300]
    opts = core.Options()
    for p in files:
        text = p.read_text()
        assert fastload.load(text) is not None, p
        fast = core._validate_fast(text, str(p), opts)
        docs, err = loader.load(text, str(p))
        exact = [r for d in docs for r in core.validate_object(d.obj, d.node, d.line0, str(p), d.number, opts)]
        if fast is None:  # a finding: the exact path reports it
            assert any(r.status == "invalid" for r in exact), p
        else:
            assert fast == exact, p


FRAGMENTS = ["a", "b", "k", ": ", ":", "- ", "-", "  ", " ", "\n", "\n  ", "\n- ", "\n    ", "#", " #", "'", '"', "[",
             "]", "{", "}", ", ", ",", "yes", "no", "on", "y", "n", "~", "null", "true", "1", "0777", "08", "1.5", "1e3",
             ".5", "1:20", "0x1F", "=", "&a ", "*a", "|", ">", "|-", "|+", ">2", "x y", "? ", "!", "%", "@", "---\n",
             "...\n", "<<: ", "\\", "\t", "0", "-1", "+1", "1_0", ".inf", "Yes", "NO", "Off", "\n\n", "'x''y'", '"x\\"y"',
             *ESCAPES, '"', "'"]


def test_the_verdict_does_not_depend_on_the_lines_remembered() -> None:
    """``doubtful`` remembers clean lines across texts: each text gets the same answer with nothing remembered and
    with every clean line of all the texts remembered."""
    rnd = random.Random(7)
    texts = STRUCTURES + [form.format(s) for s in SCALARS for form in ("v: {}\n", "{}: v\n", "v: [{}]\n")]
    texts += ["".join(rnd.choice(FRAGMENTS) for _ in range(rnd.randrange(2, 14))) for _ in range(3_000)]
    fastload._CLEAN_LINES.clear()
    cold = []
    for t in texts:
        fastload._CLEAN_LINES.clear()
        cold.append(fastload.doubtful(t))
    for t in texts:
        fastload.doubtful(t)
    assert len(fastload._CLEAN_LINES) > 100
    assert [fastload.doubtful(t) for t in texts] == cold
    assert 0 < sum(cold) < len(cold)


def test_random_texts_from_yaml_fragments() -> None:
    """Random short texts over the fragments YAML's rules turn on (indicators, quotes, comments, block scalar
    headers, anchors, every doubtful scalar): 30,000 of them, none read differently (found: empty block scalars,
    root block scalars and a second anchor, which now go to the exact loader)."""
    rnd = random.Random(1919)
    bad = {}
    fast = 0
    for _ in range(30_000):
        text = "".join(rnd.choice(FRAGMENTS) for _ in range(rnd.randrange(2, 14)))
        if rnd.random() < 0.5:
            text += "\n"
        got = _agrees(text)
        fast += got == "ok"
        if got not in ("ok", "fallback"):
            bad[text] = got
    assert bad == {}
    assert fast > 3_000
