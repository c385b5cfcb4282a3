"""The kube-apiserver-client signer (controllers/csrsigning.py): an approved request is issued a certificate for its
own subject and key, client-auth only, lasting its expirationSeconds; a request for another signer is left alone."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT = Path(__file__).resolve().parents[2]
CSR = ROOT / "fixtures" / "golden" / "csr.yaml"


def test_an_approved_client_request_is_issued(run) -> None:  # type: ignore[no-untyped-def]
    assert run(f"apply -f {CSR}").code == 0
    assert run("get csr alice -o jsonpath={.status.certificate}").out == ""
    assert run("certificate approve alice bob").code == 0
    pem = base64.b64decode(run("get csr alice -o jsonpath={.status.certificate}").out)
    cert = x509.load_pem_x509_certificate(pem)
    request = x509.load_pem_x509_csr(base64.b64decode(run("get csr alice -o jsonpath={.spec.request}").out))
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "alice"
    assert cert.public_key().public_numbers() == request.public_key().public_numbers()
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    start = cert.not_valid_before_utc if hasattr(cert, "not_valid_before_utc") else cert.not_valid_before
    end = cert.not_valid_after_utc if hasattr(cert, "not_valid_after_utc") else cert.not_valid_after
    assert end - start == timedelta(seconds=86400) + timedelta(minutes=5)  # backdated five minutes
    assert run("get csr bob -o jsonpath={.status.certificate}").out == "", "no signer runs for example.com/custom"
    assert "Approved,Issued" in run("get csr alice").out
