"""Write the hostile-input corpus in fixtures/hostile/ (run from the repository root:
``python tests/robustness/gen_hostile.py``). Every file is a manifest that must be refused, as a whole, with a
kubectl-style message: no document in it is valid, so the store stays unchanged whatever the verb.

Two cases are not stored because of their size and are made by the test itself: a file just over the 3 MiB
request limit, and a ConfigMap whose data is just over 1 MiB (see test_hostile.py).
"""

from __future__ import annotations

import os
import random
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "hostile")

CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  k: v\n"
DEPLOY = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: {replicas}\n"
          "  selector: {{matchLabels: {{app: h}}}}\n  template:\n    metadata: {{labels: {{app: h}}}}\n"
          "    spec: {{containers: [{{name: c, image: nginx}}]}}\n")
POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: c\n    image: {image}\n"
SECRET = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\ntype: Opaque\ndata:\n  {key}: {value}\n"


def cases() -> dict[str, bytes]:
    c: dict[str, str | bytes] = {}

    # ---- alias bombs and anchors -------------------------------------------------------------------------------
    def laughs(levels: int, width: int, where: str) -> str:
        lines = ['x0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        for i in range(1, levels):
            lines.append(f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
        return "\n".join(lines) + "\n" + where.format(a=f"*a{levels - 1}")

    cm_with = "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: bomb}}\ndata: {{k: {a}}}\n"
    c["billion-laughs.yaml"] = laughs(9, 10, cm_with)
    c["billion-laughs-deep.yaml"] = laughs(12, 10, cm_with)
    c["billion-laughs-in-labels.yaml"] = laughs(9, 10, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n"
                                                       "  labels: {{a: {a}}}\n")
    c["billion-laughs-in-spec.yaml"] = laughs(9, 10, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: b}}\n"
                                                     "spec: {{replicas: 1, template: {{spec: {{containers: {a}}}}}}}\n")
    c["billion-laughs-wide.yaml"] = laughs(6, 40, cm_with)
    c["billion-laughs-top-level.yaml"] = laughs(9, 10, "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: b}}\n"
                                                       "items: {a}\n")
    maps = ["m0: &m0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol, j: lol}"]
    for i in range(1, 9):
        maps.append(f"m{i}: &m{i} {{" + ", ".join(f"k{j}: *m{i - 1}" for j in range(10)) + "}")
    c["billion-laughs-maps.yaml"] = "\n".join(maps) + "\n" + cm_with.format(a="*m8")
    merge = ["b0: &b0 {a0: lol}"]
    for i in range(1, 30):
        merge.append(f"b{i}: &b{i} {{<<: [*b{i - 1}, *b{i - 1}], a{i}: lol}}")
    c["merge-key-bomb.yaml"] = "\n".join(merge) + "\n" + cm_with.format(a="*b29")
    big = "[" + ", ".join(f"v{i}" for i in range(20000)) + "]"
    c["quadratic-blowup.yaml"] = (f"big: &big {big}\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: q}}\n"
                                  "data: {k: [" + ", ".join(["*big"] * 200) + "]}\n")
    c["recursive-anchor-list.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: r}\ndata: &a [*a]\n"
    c["recursive-anchor-map.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: r, x: *m}\n"
    c["recursive-anchor-nested.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r\n  labels: &l\n"
                                         "    a: {b: {c: *l}}\n")
    c["undefined-alias.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: *nope}\n"
    c["unknown-kind-metadata-string.yaml"] = "apiVersion: v1\nkind: Nope\nmetadata: x\n"
    c["anchor-across-documents.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: &n BadName}\n---\n"
                                         "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: *n}\n")
    c["alias-as-key.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: &k a}\ndata: {*k : v, 1: [x]}\n"
    c["anchor-on-kind.yaml"] = "apiVersion: v1\nkind: &k ConfigMap\nmetadata: {name: *k}\n"

    # ---- deep nesting --------------------------------------------------------------------------------------------
    head = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: "
    c["deep-flow-seq.yaml"] = head + "[" * 20000 + "]" * 20000 + "\n"
    c["deep-flow-map.yaml"] = head + "{a: " * 20000 + "b" + "}" * 20000 + "\n"
    c["deep-block-seq.yaml"] = head + "\n" + "- " * 20000 + "x\n"
    c["deep-flow-seq-3000.yaml"] = head + "[" * 3000 + "]" * 3000 + "\n"
    c["deep-flow-map-3000.yaml"] = head + "{a: " * 3000 + "b" + "}" * 3000 + "\n"
    c["deep-in-unknown-field.yaml"] = (DEPLOY.format(name="deep", replicas=1)
                                       + "  extra: " + "[" * 5000 + "]" * 5000 + "\n")
    c["deep-in-annotations.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  annotations: "
                                     + "{a: " * 2000 + "b" + "}" * 2000 + "\n")
    c["deep-json.json"] = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "d"}, "data": ' + \
        "[" * 50000 + "]" * 50000 + "}\n"
    c["deep-json-3000.json"] = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "d"}, "data": ' + \
        "[" * 3000 + "]" * 3000 + "}\n"
    c["deep-json-array.json"] = "[" * 30000 + "]" * 30000 + "\n"

    # ---- huge scalars and many keys -----------------------------------------------------------------------------
    c["huge-name.yaml"] = CM.format(name="a" * 70000)
    c["huge-label-value.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: h\n  labels:\n"
                                  f"    a: {'v' * 100000}\n")
    c["huge-annotations.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: h\n  annotations:\n"
                                  f"    a: {'v' * 270000}\n")
    c["huge-key.yaml"] = f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: h}}\ndata:\n  {'k' * 300000}: v\n"
    c["many-keys.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Many}\ndata:\n"
                           + "".join(f"  k{i}: v\n" for i in range(5000)))
    c["many-documents.yaml"] = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: Bad{i}}}\n"
                                       for i in range(100))
    c["huge-image.yaml"] = POD.format(name="h", image="x" * 70000).replace("- name: c", "- name: C_1")
    c["huge-int-string.yaml"] = DEPLOY.format(name="h", replicas="9" * 100000)
    c["long-line-comment.yaml"] = "#" + "c" * 100000 + "\n" + CM.format(name="Bad")

    # ---- binary, encodings, control characters -----------------------------------------------------------------
    rnd = random.Random(7)
    c["random-bytes.bin.yaml"] = bytes(rnd.randrange(256) for _ in range(4096))
    c["random-bytes-2.yaml"] = bytes(rnd.randrange(256) for _ in range(65536))
    c["nul-bytes.yaml"] = b"apiVersion: v1\nkind: ConfigMap\x00\nmetadata: {name: x}\n"
    c["nul-in-value.yaml"] = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: \"b\x00c\"}\n"
    c["invalid-utf8.yaml"] = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: \"\xff\xfe\"}\n"
    c["invalid-utf8-key.yaml"] = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {\xc3\x28: v}\n"
    c["overlong-utf8.yaml"] = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \xc0\xaf}\n"
    c["utf8-surrogate.yaml"] = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \xed\xa0\x80}\n"
    c["utf16-bom.yaml"] = "\ufeffapiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad}\n".encode("utf-16")
    c["latin1.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\xe9}\n".encode("latin-1")
    c["escape-sequences.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"\\x1b[31mred\\x07\"}\n"
    c["bell-raw.yaml"] = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\x07b}\n"
    c["del-char.yaml"] = b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\x7fb}\n"
    c["gzip-magic.yaml"] = b"\x1f\x8b\x08\x00" + bytes(rnd.randrange(256) for _ in range(512))
    c["elf-header.yaml"] = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
    c["only-bom.yaml"] = b"\xef\xbb\xbf"
    c["crlf-bad-name.yaml"] = CM.format(name="Bad_Name").replace("\n", "\r\n")
    c["lone-cr.yaml"] = CM.format(name="Bad").replace("\n", "\r")
    c["zero-width-name.yaml"] = CM.format(name="a\u200bb")
    c["rtl-override-name.yaml"] = CM.format(name="abc\u202edef")
    c["emoji-name.yaml"] = CM.format(name="web-\U0001f600")

    # ---- tabs and syntax ----------------------------------------------------------------------------------------
    c["tab-indent.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n"
    c["tab-in-flow.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {\tname: Bad\t}\n"
    c["mixed-indent.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n \tlabels: {}\n"
    c["unclosed-flow.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\n"
    c["unclosed-quote.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"a}\n"
    c["bad-indentation.yaml"] = "apiVersion: v1\nkind: ConfigMap\n metadata:\n  name: a\n"
    c["directive-garbage.yaml"] = "%YAML 9.9\n---\n" + CM.format(name="Bad")
    c["unknown-tag.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: !!python/object:os.system {name: a}\n"
    c["python-tag.yaml"] = "!!python/object/apply:os.system [\"touch /tmp/pwned-by-pykubectl\"]\n"
    c["python-name-tag.yaml"] = "apiVersion: !!python/name:os.system v1\nkind: ConfigMap\nmetadata: {name: a}\n"
    c["custom-tag.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: !custom {name: a}\n"
    c["binary-tag-name.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: !!binary QmFkX05hbWU=}\n"
    c["set-tag.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad}\ndata: !!set {a, b}\n"
    c["complex-key.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  ? [a, b]\n  : v\n"

    # ---- duplicate and non-string keys -------------------------------------------------------------------------
    c["duplicate-keys-last-invalid.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n"
                                             "  name: Not_OK\n")
    c["duplicate-kind.yaml"] = "apiVersion: v1\nkind: ConfigMap\nkind: NoSuchKind\nmetadata: {name: a}\n"
    c["duplicate-top-metadata.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nmetadata: 7\n"
    c["int-keys-data.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {1: x, 2: y, k: [1]}\n"
    c["bool-keys-labels.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {true: x, "
                                  "null: y, 1.5: z}\n  namespace: 12\n")
    c["null-key-top.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n~: x\nnull: y\n"

    # ---- numbers ------------------------------------------------------------------------------------------------
    c["int64-overflow-replicas.yaml"] = DEPLOY.format(name="n", replicas=2**63)
    c["int32-overflow-replicas.yaml"] = DEPLOY.format(name="n", replicas=2**31)
    c["huge-negative.yaml"] = DEPLOY.format(name="n", replicas=-(10**40))
    c["float-replicas.yaml"] = DEPLOY.format(name="n", replicas=1.5)
    c["nan-replicas.yaml"] = DEPLOY.format(name="n", replicas=".nan")
    c["inf-replicas.yaml"] = DEPLOY.format(name="n", replicas=".inf")
    c["exp-replicas.yaml"] = DEPLOY.format(name="n", replicas="1e400")
    c["hex-replicas.yaml"] = DEPLOY.format(name="n", replicas="0x" + "f" * 40)
    c["int64-overflow-port.yaml"] = ("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n"
                                     f"  - port: {2**64}\n")
    c["nan-in-data.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: .nan, b: .inf}\n"
    c["int64-overflow-grace.yaml"] = POD.format(name="p", image="nginx") + \
        f"  terminationGracePeriodSeconds: {2**70}\n"
    c["quantity-garbage.yaml"] = (POD.format(name="p", image="nginx")
                                   + "    resources: {requests: {cpu: 12abc, memory: 1.2.3}}\n")

    # ---- names --------------------------------------------------------------------------------------------------
    c["name-254.yaml"] = CM.format(name="a" * 254)
    c["name-1000.yaml"] = CM.format(name="a" * 1000)
    c["name-uppercase.yaml"] = CM.format(name="Web")
    c["name-slash.yaml"] = CM.format(name="a/b")
    c["name-dotdot.yaml"] = CM.format(name="..")
    c["name-empty.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"\"}\n"
    c["name-int.yaml"] = CM.format(name="12345678901234567890123")
    c["name-list.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [a, b]}\n"
    c["name-map.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {a: b}}\n"
    c["name-null.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: null}\n"
    c["name-space.yaml"] = CM.format(name="'a b'")
    c["name-pipe.yaml"] = CM.format(name="a|b")
    c["pod-name-64-dns-label.yaml"] = ("apiVersion: v1\nkind: Service\nmetadata: {name: " + "s" * 64 + "}\n"
                                       "spec: {ports: [{port: 80}]}\n")
    c["namespace-254.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: "
                               + "n" * 254 + "\n")
    c["namespace-illegal.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: 'NS!'}\n"
    c["namespace-obj-name.yaml"] = "apiVersion: v1\nkind: Namespace\nmetadata: {name: Kube_System}\n"
    c["generate-name-bad.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: 'Bad_'}\n"

    # ---- labels and annotations ---------------------------------------------------------------------------------
    lbl = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    {k}: {v}\n"
    c["label-value-space.yaml"] = lbl.format(k="app", v="'a b'")
    c["label-value-64.yaml"] = lbl.format(k="app", v="v" * 64)
    c["label-value-leading-dash.yaml"] = lbl.format(k="app", v="-abc")
    c["label-value-unicode.yaml"] = lbl.format(k="app", v="caf\u00e9")
    c["label-value-newline.yaml"] = lbl.format(k="app", v='"a\\nb"')
    c["label-value-list.yaml"] = lbl.format(k="app", v="[a, b]")
    c["label-value-map.yaml"] = lbl.format(k="app", v="{a: b}")
    c["label-key-bad-prefix.yaml"] = lbl.format(k="Bad_Prefix/app", v="x")
    c["label-key-two-slashes.yaml"] = lbl.format(k="a/b/c", v="x")
    c["label-key-empty-name.yaml"] = lbl.format(k="'example.com/'", v="x")
    c["label-key-64.yaml"] = lbl.format(k="k" * 64, v="x")
    c["labels-as-list.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: [a, b]\n"
    c["annotation-value-int.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: "
                                      "{a: 1}\n")
    c["annotation-key-bad.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: "
                                    "{'bad key': x}\n")
    c["selector-label-mismatch.yaml"] = DEPLOY.format(name="sel", replicas=1).replace(
        "metadata: {labels: {app: h}}", "metadata: {labels: {app: other}}")

    # ---- apiVersion / kind of unexpected types ------------------------------------------------------------------
    base = "apiVersion: {av}\nkind: {k}\nmetadata: {{name: a}}\n"
    c["apiversion-int.yaml"] = base.format(av="1", k="ConfigMap")
    c["apiversion-float.yaml"] = base.format(av="1.0", k="ConfigMap")
    c["apiversion-bool.yaml"] = base.format(av="true", k="ConfigMap")
    c["apiversion-list.yaml"] = base.format(av="[v1]", k="ConfigMap")
    c["apiversion-map.yaml"] = base.format(av="{v: 1}", k="ConfigMap")
    c["apiversion-null.yaml"] = base.format(av="null", k="ConfigMap")
    c["apiversion-empty.yaml"] = base.format(av="''", k="ConfigMap")
    c["apiversion-garbage.yaml"] = base.format(av="'v1/../../etc'", k="ConfigMap")
    c["apiversion-unknown.yaml"] = base.format(av="nope.example.com/v9", k="ConfigMap")
    c["kind-int.yaml"] = base.format(av="v1", k="7")
    c["kind-list.yaml"] = base.format(av="v1", k="[ConfigMap]")
    c["kind-lowercase.yaml"] = base.format(av="v1", k="configmap")
    c["kind-list-items-garbage.yaml"] = "apiVersion: v1\nkind: List\nitems: [1, two, [3]]\n"
    c["kind-list-nested-bad.yaml"] = ("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n"
                                      "  items: [{apiVersion: v1, kind: ConfigMap, metadata: {name: Bad}}]\n")
    c["kind-list-items-map.yaml"] = "apiVersion: v1\nkind: ConfigMapList\nitems: {a: b}\n"

    # ---- wrong shapes -------------------------------------------------------------------------------------------
    c["top-level-scalar.yaml"] = "just a string\n"
    c["top-level-list.yaml"] = "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n"
    c["top-level-int.yaml"] = "42\n"
    c["metadata-string.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: a\n"
    c["metadata-list.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: [name, a]\n"
    c["spec-string.yaml"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: hello\n"
    c["data-list.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: [1, 2]\n"
    c["containers-map.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: {c: 1}}\n"
    c["owner-refs-garbage.yaml"] = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  ownerReferences: "
                                    "[{uid: 1}, 7]\n")
    c["empty-document-then-bad.yaml"] = "---\n---\n# nothing\n---\n" + CM.format(name="Bad")
    c["only-comments.yaml"] = "# nothing here\n# at all\n"
    c["only-separators.yaml"] = "---\n---\n---\n"

    # ---- Secrets (values must never be echoed) ------------------------------------------------------------------
    c["secret-bad-base64.yaml"] = SECRET.format(name="s", key="password", value="'not base64 @@ s3cr3t-value'")
    c["secret-bad-key.yaml"] = SECRET.format(name="s", key="'bad key!'", value="czNjcjN0LXZhbHVl")
    c["secret-bad-name.yaml"] = SECRET.format(name="Bad_Secret", key="password", value="czNjcjN0LXZhbHVl")
    c["secret-stringdata-bad-key.yaml"] = ("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n"
                                           "  'bad key!': s3cr3t-value\n")
    c["secret-value-int.yaml"] = SECRET.format(name="s", key="password", value="12345")

    return {k: (v.encode("utf-8") if isinstance(v, str) else v) for k, v in c.items()}


def main() -> int:
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old != "README.md":
            os.unlink(os.path.join(OUT, old))
    cs = cases()
    for name, data in cs.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"{len(cs)} files in {os.path.normpath(OUT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
