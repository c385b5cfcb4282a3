"""The CSR approval subresource and pods' ephemeralcontainers through `pykubectl serve`: real kubectl 1.32's
`certificate approve|deny` and `debug` work through serve, and pykubectl's own commands print the same on a
store of their own (the steps of tests/golden/certificate.txt and debug.txt, plus attach and logs of an
ephemeral container). Masked: names kubectl generates from random suffixes, and the approval condition's
lastUpdateTime, which the kubectl client stamps from its own clock."""

from __future__ import annotations

import re
import shlex
import tempfile
from pathlib import Path

import pytest

from tests.conftest import Runner
from tests.serve.test_serve_kubectl import ROOT, Served, needs_kubectl, serving

CERTIFICATE = [
    "apply -f {fixtures}/csr.yaml", "get csr",
    "certificate approve alice -o jsonpath='{{.metadata.name}} {{.status}}'",
    "get csr alice -o jsonpath='{{.status.conditions}}'", "certificate approve alice",
    "certificate deny alice bob", "certificate deny --force alice", "certificate approve bob",
    "certificate deny --force bob -o jsonpath='{{.status.conditions[*].type}}'",
    "certificate approve nope alice -o name", "get csr", "certificate approve -f {fixtures}/web.yaml",
    "apply -f {fixtures}/web.yaml", "certificate approve -f {fixtures}/web.yaml",
    "certificate deny -f {fixtures}/csr.yaml", "apply -f {fixtures}/csr-server-usage.yaml",
    "certificate approve carol",
    "get csr carol -o jsonpath='{{range .status.conditions[*]}}{{.type}} {{.reason}} {{.message}}{{\"\\n\"}}{{end}}'",
    "get csr",
]
DEBUG = [
    "run web --image=nginx --labels=app=web", "debug web --image=busybox",
    "get pod web -o jsonpath='{{range .spec.ephemeralContainers[*]}}{{.name}} {{.image}} {{.imagePullPolicy}}{{\"\\n\"}}{{end}}'",
    "debug web -it --image=busybox -c shell --profile=general --target=web -- sh",
    "get pod web -o jsonpath='{{.spec.ephemeralContainers[1]}}'",
    "debug web --image=busybox -c shell --profile=general",
    "debug web -i --image=busybox -c talk -- echo hello",
    "debug web --attach -q --image=busybox -c talk2 --profile=general -- echo hello",
    "attach web -c talk", "logs web -c talk", "logs web -c nope",
    "get pod web -o jsonpath={{.spec.ephemeralContainers[*].name}}",
    "debug web --copy-to=web-copy --image=busybox -c dbg --profile=general -- sleep 1d",
    "debug web-copy -it --copy-to=web-copy2 --image=busybox -c c3 -- echo hi",
    "debug node/pykubectl-worker --image=busybox --profile=sysadmin -q",
    "get pods -o custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image",
    "debug deploy/web --image=busybox --profile=general", "debug missing --image=busybox --profile=general",
]


def _mask(text: str) -> str:
    text = re.sub(r"debugger-[a-z0-9]{5}", "debugger-XXXXX", text)
    text = re.sub(r"(node-debugger-\S*?)-[a-z0-9]{5}\b", r"\1-XXXXX", text)
    return re.sub(r'"lastUpdateTime":"[^"]*"', '"lastUpdateTime":"T"', text)


@pytest.fixture
def served():
    yield from serving("pykubectl-csr-debug-test-")


@needs_kubectl
@pytest.mark.parametrize("steps", [CERTIFICATE, DEBUG], ids=["certificate", "debug"])
def test_kubectl_through_serve_and_pykubectl_print_the_same(served: Served, steps: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours = Runner(str(Path(tmp) / "store.db"), seed="7")
        for step in steps:
            cmd = shlex.split(step.format(fixtures=ROOT / "fixtures" / "golden"))
            real = served.kubectl(cmd)
            r = ours(cmd)
            assert (_mask(r.out), _mask(r.err), r.code) == tuple(_mask(x) if isinstance(x, str) else x
                                                                 for x in real), step


@needs_kubectl
def test_the_approval_subresource_answers_get_and_checks_the_resource_version(served: Served) -> None:
    import json

    assert served.kubectl(["apply", "-f", str(ROOT / "fixtures" / "golden" / "csr.yaml")])[2] == 0
    auth = {"Authorization": f"Bearer {served.token}", "Content-Type": "application/json"}
    path = "/apis/certificates.k8s.io/v1/certificatesigningrequests/alice/approval"
    code, body = served.https("GET", path, auth)
    csr = json.loads(body)
    assert code == 200 and csr["kind"] == "CertificateSigningRequest"
    csr["status"] = {"conditions": [{"type": "Approved", "status": "True", "reason": "R", "message": "M"}]}
    stale = dict(csr, metadata=dict(csr["metadata"], resourceVersion="1"))
    code, body = served.https("PUT", path, auth, json.dumps(stale).encode())
    assert code == 409 and b"the object has been modified" in body
    code, body = served.https("PUT", path, auth, json.dumps(csr).encode())
    assert code == 200 and json.loads(body)["status"]["conditions"][0]["type"] == "Approved"
