"""A cluster CA, the serving certificate and the admin's client credentials, generated at start-up.

`cryptography` is imported here only (about 40 ms): `pykubectl serve` pays for it, no other command does. Keys are
ECDSA P-256, as kubeadm's may be; the admin's client certificate carries O=system:masters (the group the real
authorizer lets do everything) and CN=kubernetes-admin, as kubeadm's admin.conf does."""

from __future__ import annotations

import base64
import datetime
import ipaddress
import os
import secrets
from dataclasses import dataclass

from ..apiserver.authn import ADMIN_USER
from ..apiserver.rbac import MASTERS as ADMIN_GROUP


@dataclass
class Credentials:
    ca_pem: bytes
    server_cert_pem: bytes
    server_key_pem: bytes
    client_cert_pem: bytes
    client_key_pem: bytes
    token: str

    def write_tls_files(self, directory: str) -> tuple[str, str, str]:
        """The files ssl.SSLContext loads (it reads only from paths): CA, server certificate, server key."""
        paths = []
        for name, data in (("ca.crt", self.ca_pem), ("server.crt", self.server_cert_pem),
                           ("server.key", self.server_key_pem)):
            path = os.path.join(directory, name)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            paths.append(path)
        return paths[0], paths[1], paths[2]


def generate(hosts: list[str], days: int = 365) -> Credentials:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
    until = now + datetime.timedelta(days=days)

    def key() -> ec.EllipticCurvePrivateKey:
        return ec.generate_private_key(ec.SECP256R1())

    def pem_key(k: ec.EllipticCurvePrivateKey) -> bytes:
        return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())

    def name(cn: str, org: str | None = None) -> x509.Name:
        attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
        if org:
            attrs.insert(0, x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
        return x509.Name(attrs)

    ca_key = key()
    ca_name = name("kubernetes")
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(until)
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=False, content_commitment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                       crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))

    def leaf(subject: x509.Name, usage: x509.ObjectIdentifier, sans: list[x509.GeneralName]) -> tuple[bytes, bytes]:
        k = key()
        b = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_name).public_key(k.public_key())
             .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(until)
             .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
             .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=True, content_commitment=False,
                                          data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                          crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
             .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
             .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False))
        if sans:
            b = b.add_extension(x509.SubjectAlternativeName(sans), critical=False)
        cert = b.sign(ca_key, hashes.SHA256())
        return cert.public_bytes(serialization.Encoding.PEM), pem_key(k)

    sans: list[x509.GeneralName] = []
    for h in ["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", *hosts]:
        try:
            entry: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(h))
        except ValueError:
            entry = x509.DNSName(h)
        if entry not in sans:
            sans.append(entry)
    for ip in ("127.0.0.1", "::1", "10.96.0.1"):
        entry = x509.IPAddress(ipaddress.ip_address(ip))
        if entry not in sans:
            sans.append(entry)
    server_cert, server_key = leaf(name("kube-apiserver"), ExtendedKeyUsageOID.SERVER_AUTH, sans)
    client_cert, client_key = leaf(name(ADMIN_USER, ADMIN_GROUP), ExtendedKeyUsageOID.CLIENT_AUTH, [])
    return Credentials(ca.public_bytes(serialization.Encoding.PEM), server_cert, server_key, client_cert,
                       client_key, secrets.token_urlsafe(32))


def kubeconfig_text(creds: Credentials, server_url: str, cluster: str = "pykubectl") -> str:
    """A kubeconfig real kubectl uses unchanged: the CA and the admin's client certificate, embedded."""
    import yaml

    b64 = lambda data: base64.b64encode(data).decode("ascii")  # noqa: E731
    doc = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": cluster, "cluster": {"server": server_url,
                                                   "certificate-authority-data": b64(creds.ca_pem)}}],
        "users": [{"name": f"{cluster}-admin", "user": {"client-certificate-data": b64(creds.client_cert_pem),
                                                        "client-key-data": b64(creds.client_key_pem)}},
                  {"name": f"{cluster}-admin-token", "user": {"token": creds.token}}],
        "contexts": [{"name": cluster, "context": {"cluster": cluster, "user": f"{cluster}-admin",
                                                   "namespace": "default"}}],
        "current-context": cluster,
        "preferences": {},
    }
    return yaml.safe_dump(doc, sort_keys=False)
