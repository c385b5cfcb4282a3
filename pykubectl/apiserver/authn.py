"""Authentication the API server does itself: ServiceAccount tokens (TokenRequest: JWTs signed RS256 with the
cluster's service-account key, as kube-apiserver issues them to `kubectl create token` and the kubelet) and their
verification, and the identity of the cluster's admin.

The signing key is the cluster's: it is generated once and kept in the store (meta row ``serviceaccount-key``),
as kubeadm keeps sa.key beside the control plane, so a token made by `pykubectl create token` is accepted by
`pykubectl serve` on the same store. `cryptography` is imported by the functions that sign or verify only."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from .. import errors
from .rbac import User, service_account_user

ISSUER = "https://kubernetes.default.svc.cluster.local"
KEY_META = "serviceaccount-key"
DEFAULT_EXPIRATION = 3600
MIN_EXPIRATION = 600
ADMIN_USER = "kubernetes-admin"
ADMIN = User(ADMIN_USER, ("system:masters", "system:authenticated"))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _private_key(tx: Any, create: bool) -> Any:
    from cryptography.hazmat.primitives import serialization

    pem = tx.meta_get(KEY_META)
    if pem is None:
        if not create:
            return None
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
        tx.meta_set(KEY_META, pem)
        return key
    return serialization.load_pem_private_key(pem.encode("ascii"), None)


def _key_id(public_key: Any) -> str:
    """The kid kube-apiserver puts in a token's header: the SHA-256 of the public key's DER, base64url."""
    from cryptography.hazmat.primitives import serialization

    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return _b64(hashlib.sha256(der).digest())


def token_request(tx: Any, sa: dict, spec: dict) -> dict:
    """serviceaccounts/token: a TokenRequest's answer for the ServiceAccount ``sa`` (the write transaction
    ``tx`` keeps the signing key when it is made)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    md = sa["metadata"]
    seconds = spec.get("expirationSeconds") or DEFAULT_EXPIRATION
    if not isinstance(seconds, int) or seconds < MIN_EXPIRATION:
        # Derived from pkg/apis/authentication/validation (ValidateTokenRequest); recordings wanted.
        raise errors.Invalid("TokenRequest", md["name"], [errors.FieldError(
            "spec.expirationSeconds", "Invalid value", "may not specify a duration less than 10 minutes", seconds,
            True)])
    audiences = list(spec.get("audiences") or [ISSUER])
    now = int(tx.env.now().timestamp())
    key = _private_key(tx, create=True)
    claims: dict[str, Any] = {
        "aud": audiences, "exp": now + seconds, "iat": now, "iss": ISSUER, "jti": tx.env.uid(),
        "kubernetes.io": {"namespace": md["namespace"], "serviceaccount": {"name": md["name"], "uid": md["uid"]}},
        "nbf": now, "sub": f"system:serviceaccount:{md['namespace']}:{md['name']}"}
    bound = spec.get("boundObjectRef")
    if bound:
        claims["kubernetes.io"][str(bound.get("kind", "")).lower() or "object"] = {
            "name": bound.get("name", ""), "uid": bound.get("uid", "")}
    header = {"alg": "RS256", "kid": _key_id(key.public_key())}
    signing_input = (_b64(json.dumps(header, separators=(",", ":")).encode()) + "."
                     + _b64(json.dumps(claims, separators=(",", ":")).encode()))
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    from ..env import format_time

    expires = format_time(_from_epoch(now + seconds))
    out_spec = {"audiences": audiences, "expirationSeconds": seconds, "boundObjectRef": bound}
    return {"kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"name": md["name"], "namespace": md["namespace"], "creationTimestamp": None},
            "spec": out_spec, "status": {"token": f"{signing_input}.{_b64(signature)}",
                                         "expirationTimestamp": expires}}


def _from_epoch(seconds: int) -> Any:
    import datetime

    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)


def user_of_token(tx: Any, token: str) -> User | None:
    """The ServiceAccount a token signed with the cluster's key stands for, while it is valid and the account is
    the one it was issued to; None otherwise."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        header = json.loads(_unb64(parts[0]))
        claims = json.loads(_unb64(parts[1]))
        signature = _unb64(parts[2])
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(header, dict) or header.get("alg") != "RS256" or not isinstance(claims, dict):
        return None
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    key = _private_key(tx, create=False)
    if key is None:
        return None
    try:
        key.public_key().verify(signature, f"{parts[0]}.{parts[1]}".encode("ascii"), padding.PKCS1v15(),
                                hashes.SHA256())
    except InvalidSignature:
        return None
    now = int(tx.env.now().timestamp())
    if claims.get("iss") != ISSUER or not isinstance(claims.get("exp"), int) or claims["exp"] < now:
        return None
    info = claims.get("kubernetes.io") or {}
    ns, sa = info.get("namespace", ""), (info.get("serviceaccount") or {})
    live = tx.get("", "ServiceAccount", ns, sa.get("name", ""))
    if live is None or live["metadata"].get("uid") != sa.get("uid"):
        return None
    extra: list[tuple[str, tuple[str, ...]]] = [("authentication.kubernetes.io/credential-id",
                                                 (f"JTI={claims.get('jti', '')}",))]
    return service_account_user(ns, sa["name"], sa.get("uid", ""), tuple(extra))


def certificate_user(subject_cn: str, organizations: list[str], der: bytes) -> User:
    """The user of a client certificate: its CN, its O's as groups (and system:authenticated), with the
    certificate's SHA-256 as the credential id."""
    groups = tuple(organizations) + ("system:authenticated",)
    return User(subject_cn, groups, "", (("authentication.kubernetes.io/credential-id",
                                          (f"X509SHA256={hashlib.sha256(der).hexdigest()}",)),))
