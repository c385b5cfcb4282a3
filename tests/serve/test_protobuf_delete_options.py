"""A DeleteOptions protobuf body under any group's apiVersion decodes: metav1.AddToGroupVersion registers the type in
every group version, and client-go's typed clients send it under their own (rbac's, when `kubectl auth reconcile`
re-creates a binding whose roleRef changed: a real server accepts it, serve answered 400)."""

from __future__ import annotations

from pykubectl.serve import protobuf


def _field(num: int, payload: bytes) -> bytes:
    return bytes([num << 3 | 2, len(payload)]) + payload


def test_delete_options_of_the_rbac_group_decode() -> None:
    type_meta = _field(1, b"rbac.authorization.k8s.io/v1") + _field(2, b"DeleteOptions")
    options = _field(4, b"Background")  # propagationPolicy
    body = protobuf.MAGIC + _field(1, type_meta) + _field(2, options)
    assert protobuf.decode(body) == {"kind": "DeleteOptions", "apiVersion": "rbac.authorization.k8s.io/v1",
                                     "propagationPolicy": "Background"}
