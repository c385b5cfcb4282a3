"""schemas/v1.32/enums.json (derived from the Go API types by tools/gen_enums.py) agrees with the recorded spec it
overlays: every property it names exists, its enum paragraph is appended to the spec's own description, and the
values are sorted as the OpenAPI generator sorts them (Go-quoted strings)."""

from __future__ import annotations

import json

from pykubectl.api import schema as sch


def _overlay() -> dict:
    import os

    with open(os.path.join(sch.schema_dir(), "enums.json"), encoding="utf-8") as fh:
        return json.load(fh)


def test_overlay_is_marked_derived_and_names_real_properties() -> None:
    doc = _overlay()
    assert "tools/gen_enums.py" in doc["derived"]
    assert len(doc["definitions"]) > 50
    for name, props in doc["definitions"].items():
        base = sch.load_definition(name)
        for prop, add in props.items():
            assert prop in base["properties"], (name, prop)
            for key in ("enum", "items_enum", "additional_enum"):
                if key in add:
                    assert add[key] == sorted(add[key], key=lambda v: json.dumps(v)), (name, prop)
            if "description" in add:
                spec_text = base["properties"][prop].get("description", "")
                head, sep, tail = add["description"].rpartition("\n\nPossible enum values:\n")
                # A comment ending in an empty line before its +tags leaves one more newline (the generator's rule).
                assert sep and head.rstrip("\n") == spec_text, (name, prop)
                assert [line.split("`")[1] for line in tail.split("\n")] == [json.dumps(v) for v in add["enum"]]


def test_documented_definition_adds_enum_only_where_the_overlay_says() -> None:
    svc = sch.documented_definition("io.k8s.api.core.v1.ServiceSpec")["properties"]
    assert svc["type"]["enum"] == ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    assert "enum" not in svc["clusterIP"]
    # The recorded spec itself is left as recorded (validation and the served spec read it).
    assert "enum" not in sch.load_definition("io.k8s.api.core.v1.ServiceSpec")["properties"]["type"]
    pvc = sch.documented_definition("io.k8s.api.core.v1.PersistentVolumeClaimSpec")["properties"]
    assert "ReadWriteOnce" in pvc["accessModes"]["items"]["enum"]
    assert "enum" not in pvc["accessModes"]
