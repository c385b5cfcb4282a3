"""Label and field selectors as the API server applies them to a list (LabelQuery, FieldQuery), and the field labels
each kind's list accepts, with the server's words for the others: facts shared by the server's reads
(apiserver/listing.py) and kubectl's side (cli/get_core.py)."""

from __future__ import annotations

from typing import Any


class LabelQuery:
    """A parsed -l selector: its equality terms go to the store's label index, the rest is checked here."""

    def __init__(self, sel: Any):
        self.sel = sel

    def equalities(self) -> dict[str, str]:
        return {r.key: r.values[0] for r in self.sel.requirements
                if r.operator in ("=", "==", "in") and len(r.values) == 1}

    def matches(self, labels: dict) -> bool:
        return bool(self.sel.matches(labels))


# Field labels the API server accepts, per kind, and the words its conversion function uses for the others
# (k8s.io/kubernetes pkg/apis/*/v1 conversion.go; kinds without a function get the scheme's default, which
# accepts metadata.name and metadata.namespace only).
_POD_FIELDS = ("metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
               "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
               "status.nominatedNodeName", "spec.host")
_EVENT_FIELDS = ("involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                 "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                 "reportingComponent", "source", "type", "metadata.namespace", "metadata.name")
FIELD_LABELS: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("", "Pod"): (_POD_FIELDS, "field label not supported: {f}"),
    ("", "Node"): (("metadata.name", "spec.unschedulable"), "field label not supported: {f}"),
    ("", "ReplicationController"): (("metadata.name", "metadata.namespace", "status.replicas"),
                                    "field label not supported: {f}"),
    ("", "Event"): (_EVENT_FIELDS, "field label not supported: {f}"),
    ("", "Namespace"): (("status.phase", "metadata.name"), "field label not supported: {f}"),
    ("", "Secret"): (("type", "metadata.namespace", "metadata.name"), "field label not supported: {f}"),
    ("", "Service"): (("metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"),
                      "field label not supported: {f}"),
    ("batch", "Job"): (("metadata.name", "metadata.namespace", "status.successful"),
                       'field label {q} not supported for batchv1.Job'),
    ("certificates.k8s.io", "CertificateSigningRequest"): (("metadata.name", "spec.signerName"),
                                                           "field label not supported: {f}"),
}
DEFAULT_FIELDS = (("metadata.name", "metadata.namespace"),
                   '{q} is not a known field selector: only "metadata.name", "metadata.namespace"')


class FieldQuery:
    def __init__(self, sel: Any, text: str):
        self.sel = sel
        self.text = text

    def unsupported(self, kind: Any) -> str | None:
        """The API server's BadRequest text for the first field this kind's list does not accept, or None."""
        from ..printers.jsonpath import go_quote

        allowed, msg = FIELD_LABELS.get((kind.group, kind.kind), DEFAULT_FIELDS)
        for f in self.sel.fields():
            if f not in allowed:
                return msg.format(f=f, q=go_quote(f))
        return None

    def matches(self, obj: dict) -> bool:
        from ..api import selectors

        fields = selectors.object_fields(obj)
        if obj.get("kind") == "Service":
            spec = obj.get("spec") or {}
            fields["spec.clusterIP"] = str(spec.get("clusterIP") or "")
            fields["spec.type"] = str(spec.get("type") or "")
        if obj.get("kind") == "Pod":
            fields["spec.host"] = fields.get("spec.nodeName", "")
            fields["status.podIPs"] = fields.get("status.podIP", "")
        terms = [t for t in self.sel.terms]
        for t in terms:
            name = "spec.nodeName" if t.field == "spec.host" else t.field
            have = fields.get(name, "")
            if (have == t.value) == t.negate:
                return False
        return True
