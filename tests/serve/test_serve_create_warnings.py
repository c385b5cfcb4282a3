"""A create through serve carries the API server's own warnings (duplicate ports, an env name hidden by a later
one) as Warning headers after the decoder's: real kubectl 1.32 printed none through serve before, while the CLI
printed them (the recorded validation cases show the server sends them)."""

from __future__ import annotations

import json

from pykubectl.serve import api as apimod
from tests.serve.test_serve_api import api  # noqa: F401 - the fixture
from tests.serve.test_serve_api import _Headers

POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "foo": 1,
       "spec": {"containers": [{"name": "c", "image": "nginx", "env": [{"name": "A", "value": "1"},
                                                                      {"name": "A", "value": "2"}]}]}}


def test_server_warnings_follow_the_decoders(api: apimod.Api) -> None:
    h = _Headers({"Content-Type": "application/json"})
    resp = api.handle(apimod.Request("POST", "/api/v1/namespaces/default/pods?fieldValidation=Warn", h,
                                     json.dumps(POD).encode()))
    assert resp.code == 201
    assert resp.headers == [
        ("Warning", '299 - "unknown field \\"foo\\""'),
        ("Warning", '299 - "spec.containers[0].env[1]: hides previous definition of \\"A\\", which may be dropped '
                    'when using apply"')]
