"""The replica set's status counters (replicaset.Census, replicaset.update_status): a pod counts as fully labeled when
it carries every label of the template with the same value, as the ReplicaSet controller counts it."""

from __future__ import annotations

from pykubectl.controllers.replicaset import Census, _template_labels, update_status


class _Writes:
    def __init__(self) -> None:
        self.written: list[dict] = []

    def update(self, obj: dict) -> None:
        self.written.append(obj)


def _census(rs: dict, pods: list[tuple[dict | None, bool]]) -> Census:
    census = Census(_template_labels(rs))
    for labels, ready in pods:
        census.add(labels or {}, 1, int(ready))
    return census


def _pod(labels: dict | None, ready: bool) -> tuple[dict | None, bool]:
    return labels, ready


def test_fully_labeled_counts_pods_with_every_template_label() -> None:
    rs = {"metadata": {"generation": 2}, "spec": {"template": {"metadata": {"labels": {"app": "web", "tier": "a"}}}}}
    pods = [
        _pod({"app": "web", "tier": "a"}, True),
        _pod({"app": "web", "tier": "a", "extra": "x"}, True),  # more labels: still fully labeled
        _pod({"app": "web", "tier": "b"}, False),  # a value differs
        _pod({"app": "web"}, True),  # a label missing
        _pod(None, False),  # no labels at all
    ]
    tx = _Writes()
    update_status(tx, rs, _census(rs, pods))  # type: ignore[arg-type]
    assert tx.written == [rs]
    assert rs["status"] == {"availableReplicas": 3, "fullyLabeledReplicas": 2, "observedGeneration": 2,
                            "readyReplicas": 3, "replicas": 5}
    update_status(tx, rs, _census(rs, pods))  # type: ignore[arg-type]
    assert len(tx.written) == 1  # unchanged: not written again


def test_a_template_without_labels_labels_every_pod_fully() -> None:
    rs = {"metadata": {}, "spec": {"template": {}}}
    tx = _Writes()
    update_status(tx, rs, _census(rs, [_pod(None, False), _pod({"a": "b"}, False)]))  # type: ignore[arg-type]
    assert rs["status"] == {"fullyLabeledReplicas": 2, "observedGeneration": 1, "replicas": 2}
