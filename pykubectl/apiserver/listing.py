"""Reads as the API server serves them: one object by name, and the objects of a kind that label and field selectors
(api/listquery.py) select. `pykubectl serve` reads through these, pykubectl's `get` through client/rest.py."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def get_one(tx: Any, kind: Any, ns: str, name: str) -> dict | None:
    if kind.kind == "Event" and kind.group == "":
        for e in tx.list_events(ns):
            if e["metadata"]["name"] == name:
                return e
        return None
    return tx.get(kind.group, kind.kind, ns, name)


def list_matching(tx: Any, kind: Any, ns: str | None, selector: Any, field_selector: Any,
                  lazy: bool = False) -> Iterable[dict]:
    """The objects of ``kind`` in ``ns`` (None: all namespaces) that the selectors select, in list order. ``lazy``:
    an iterator over the store's cursor (a table of 100,000 pods never holds them all), to use within the read."""
    use_ns = ns if kind.namespaced else ""
    objs: Iterable[dict]
    if kind.kind == "Event" and kind.group in ("", "events.k8s.io"):
        objs = tx.list_events(use_ns if kind.namespaced else None)
    else:
        objs = tx.iter_list(kind.group, kind.kind, use_ns if kind.namespaced else ("" if use_ns == "" else None),
                            match_labels=selector.equalities() if selector is not None else None)
    if selector is not None:
        objs = (o for o in objs if selector.matches((o.get("metadata") or {}).get("labels") or {}))
    if field_selector is not None:
        objs = (o for o in objs if field_selector.matches(o))
    return objs if lazy else list(objs)


def pod_table_rows(tx: Any, ns: str | None, selector: Any) -> Any:
    """list_matching of pods (no field selector), lazily, as the store's pod table rows (Tx.iter_pod_rows) for
    print_table: what the table shows of 100,000 pods, read without their bodies."""
    from ..printers.table import PodTableRows

    rows: Iterable[tuple] = tx.iter_pod_rows(ns, match_labels=selector.equalities() if selector is not None else None)
    if selector is not None:
        import json

        rows = (r for r in rows if selector.matches(json.loads(r[11])))
    return PodTableRows(rows)


from ..api.listquery import DEFAULT_FIELDS, FIELD_LABELS, FieldQuery, LabelQuery  # noqa: E402,F401 - re-exported
