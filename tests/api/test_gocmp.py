"""go-cmp's diff as the API server prints it in PersistentVolumeClaim / PersistentVolume immutability errors
(pykubectl/api/gocmp.py): the recorded texts of validation cases 878-880 and 882, and the update rules around them
(ValidatePersistentVolumeClaimUpdate / ValidatePersistentVolumeUpdate, derived from the v1.32 source)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pykubectl.api import gocmp
from pykubectl.api.validation import validate_update

EXPECTED = json.loads((Path(__file__).resolve().parents[1] / "golden" / "k8s-validation" / "expected.json")
                      .read_text())
BASE = {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"}


def _recorded_diff(case: str) -> str:
    text = EXPECTED[case]["apply"]["stderr"].replace("\u00a0", " ")
    return text[text.index("\n") + 1:-1]  # after the message's first line, less kubectl's own newline


@pytest.mark.parametrize(("case", "t", "old", "new"), [
    ("878-update-pvc-access-modes-change.yaml", gocmp.PVC_SPEC, BASE, dict(BASE, accessModes=["ReadWriteMany"])),
    ("879-update-pvc-storage-class-change.yaml", gocmp.PVC_SPEC, dict(BASE, storageClassName="a"),
     dict(BASE, storageClassName="b")),
    ("880-update-pvc-storage-grow-unbound.yaml", gocmp.PVC_SPEC, BASE,
     dict(BASE, resources={"requests": {"storage": "2Gi"}})),
    ("882-update-pv-source-change.yaml", gocmp.PV_SOURCE, {"hostPath": {"path": "/tmp/vrec", "type": ""}},
     {"hostPath": {"path": "/tmp/other", "type": ""}}),
])
def test_diff_as_recorded(case: str, t: gocmp.GoType, old: dict, new: dict) -> None:
    assert gocmp.diff(t, old, new) == _recorded_diff(case)


def test_equal_values_and_equal_quantities_give_no_diff() -> None:
    assert gocmp.diff(gocmp.PVC_SPEC, BASE, dict(BASE)) == ""
    assert gocmp.diff(gocmp.PVC_SPEC, BASE, dict(BASE, resources={"requests": {"storage": "1024Mi"}})) == ""


def _pvc(spec: dict, phase: str = "Pending") -> dict:
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "c", "namespace": "d"},
            "spec": spec, "status": {"phase": phase}}


def test_claim_update_rules() -> None:
    # A bound claim may ask for more storage; an unbound one may not (case 880).
    grown = dict(BASE, resources={"requests": {"storage": "2Gi"}})
    assert validate_update(_pvc(grown, "Bound"), _pvc(BASE, "Bound")) == []
    assert [e.path for e in validate_update(_pvc(grown), _pvc(BASE))] == ["spec"]
    # volumeName may be set once.
    assert validate_update(_pvc(dict(BASE, volumeName="pv1")), _pvc(BASE)) == []
    assert [e.path for e in validate_update(_pvc(dict(BASE, volumeName="pv2")),
                                            _pvc(dict(BASE, volumeName="pv1")))] == ["spec"]
    # volumeMode is immutable on its own path too.
    errs = validate_update(_pvc(dict(BASE, volumeMode="Block")), _pvc(BASE))
    assert [(e.path, e.type) for e in errs] == [("spec", "Forbidden"), ("volumeMode", "Invalid value")]
