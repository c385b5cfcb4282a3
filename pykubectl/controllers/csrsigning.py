"""The certificate signing controller of kube-controller-manager, for the kubernetes.io/kube-apiserver-client signer:
an approved request (not failed, not yet issued) is signed with the cluster's signing CA and its certificate written
to status.certificate (so `get csr` reads "Approved,Issued"); a request whose usages that signer does not allow gets
a Failed condition (reason SignerValidationFailure). Requests for other signers are left to their signers (none runs
here), as on a cluster without them.

Derived from Kubernetes v1.32 (pkg/controller/certificates/signer), read as facts: the certificate's subject is the
request's, it is backdated five minutes and lasts spec.expirationSeconds (at least 10 minutes) or the default
cluster signing duration of one year; the signing CA is made once per store and kept in the store's metadata."""

from __future__ import annotations

import base64
import copy
from datetime import timedelta
from typing import Any

from ..store.store import Key, Tx

SIGNER = "kubernetes.io/kube-apiserver-client"
CA_META = "csr-signing-ca"
_OPTIONAL = {"digital signature", "key encipherment"}


def sync(tx: Tx, k: Key) -> None:
    csr = tx.get_key(k)
    if csr is not None:
        csr = copy.deepcopy(csr)
    if csr is None or (csr.get("spec") or {}).get("signerName") != SIGNER:
        return
    status = csr.get("status") or {}
    types = {c.get("type") for c in status.get("conditions") or []}
    if "Approved" not in types or "Denied" in types or "Failed" in types or status.get("certificate"):
        return
    problem = _usage_problem((csr.get("spec") or {}).get("usages") or [])
    if problem is None:
        try:
            pem = _sign(tx, csr)
        except ValueError as e:
            problem = f"unable to parse csr: {e}"
        else:
            status["certificate"] = base64.b64encode(pem).decode("ascii")
    if problem is not None:
        status.setdefault("conditions", []).append({
            "lastTransitionTime": tx.env.now_str(), "lastUpdateTime": tx.env.now_str(),
            "message": problem, "reason": "SignerValidationFailure", "status": "True", "type": "Failed"})
    csr["status"] = status
    tx.update(csr)


def _usage_problem(usages: list[str]) -> str | None:
    client_auth = False
    for u in usages:
        if u == "client auth":
            client_auth = True
        elif u not in _OPTIONAL:
            return f"invalid usage for client certificate: {u}"
    return None if client_auth else "missing required usage for client certificate: client auth"


def _ca(tx: Tx) -> tuple[Any, Any]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    stored = tx.meta_get(CA_META)
    if stored is not None:
        key_pem, cert_pem = stored.split("\n\n", 1)
        return (serialization.load_pem_private_key(key_pem.encode(), None),
                x509.load_pem_x509_certificate(cert_pem.encode()))
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kubernetes")])
    now = tx.env.now()
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    tx.meta_set(CA_META, key_pem.rstrip("\n") + "\n\n" + cert.public_bytes(serialization.Encoding.PEM).decode())
    return key, cert


def _sign(tx: Tx, csr: dict) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import ExtendedKeyUsageOID

    request = x509.load_pem_x509_csr(base64.b64decode((csr.get("spec") or {}).get("request") or ""))
    key, ca = _ca(tx)
    now = tx.env.now()
    seconds = (csr.get("spec") or {}).get("expirationSeconds")
    ttl = timedelta(seconds=max(int(seconds), 600)) if seconds else timedelta(days=365)
    usages = set((csr.get("spec") or {}).get("usages") or [])
    ca_end = ca.not_valid_after_utc if hasattr(ca, "not_valid_after_utc") else ca.not_valid_after
    builder = (x509.CertificateBuilder().subject_name(request.subject).issuer_name(ca.subject)
               .public_key(request.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(minutes=5)).not_valid_after(min(now + ttl, ca_end)))
    if usages & _OPTIONAL:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature="digital signature" in usages, content_commitment=False,
            key_encipherment="key encipherment" in usages, data_encipherment=False, key_agreement=False,
            key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
    cert = (builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM)


