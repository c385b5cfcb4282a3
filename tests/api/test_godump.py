"""Go's %#v of internal types (pykubectl/api/godump.py), checked against what a v1.32 server printed for a Job's
pod template (recorded validation case 861) and against Go's formatting of the other shapes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pykubectl.api.godump import go_pod_template_spec, go_value

EXPECTED = Path(__file__).resolve().parents[1] / "golden" / "k8s-validation" / "expected.json"


def test_pod_template_as_the_server_printed_it() -> None:
    template = {"metadata": {"creationTimestamp": None, "labels": {"job-name": "r861", "controller-uid": "u"}},
                "spec": {"containers": [{"name": "c", "image": "busybox:1.37", "command": ["sh", "-c", "echo done"],
                                         "resources": {}, "terminationMessagePath": "/dev/termination-log",
                                         "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"}],
                         "restartPolicy": "Never", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
                         "securityContext": {}, "schedulerName": "default-scheduler"}}
    recorded = json.loads(EXPECTED.read_text())["861-update-job-template-change.yaml"]["apply"]["stderr"]
    want = recorded[recorded.index("core.PodTemplateSpec{"):recorded.rindex(": field is immutable")]
    want = re.sub(r'Labels:map\[string\]string\{[^}]*\}', "LABELS", want)
    got = re.sub(r'Labels:map\[string\]string\{[^}]*\}', "LABELS", go_pod_template_spec(template))
    assert re.sub(r"0xc[0-9a-f]+", "PTR", got) == re.sub(r"0xc[0-9a-f]+", "PTR", want)


def test_go_shapes() -> None:
    assert go_value({"b": "2", "a": "1"}, "map[string]string") == 'map[string]string{"a":"1", "b":"2"}'
    assert go_value(None, "[]string") == "[]string(nil)"
    assert go_value([], "[]string") == "[]string{}"
    assert go_value(None, "*int64") == "(*int64)(nil)"
    assert go_value(5, "*int64").startswith("(*int64)(0xc")
    assert go_value({"name": "v", "emptyDir": {}}, "core.Volume").startswith(
        'core.Volume{Name:"v", VolumeSource:core.VolumeSource{HostPath:(*core.HostPathVolumeSource)(nil), '
        "EmptyDir:(*core.EmptyDirVolumeSource)(0xc")
