"""--sort-by: order objects by a JSONPath value with kubectl's comparer (kubectl/pkg/cmd/get/sorter.go).

What kubectl does, as its source states it: the field spec is relaxed (``metadata.name`` -> ``{.metadata.name}``),
evaluated on each object (missing keys allowed); if no object has the field the command fails with
``couldn't find any field with path "{.x}" in the list of objects``. Objects without the field sort first. Values
compare by JSON type: integers and floats numerically (only with their own type), strings as quantities when both
parse as one (``100m`` < ``1``), otherwise in natural order (``pod-9`` < ``pod-10``). Maps, booleans and mixed types
are "unsortable" (kubectl exits with klog's fatal text; we raise a ClientError with the same words).
"""

from __future__ import annotations

from .gosort import go_sorted

from typing import Any

from ..errors import ClientError
from .jsonpath import JSONPath, relaxed


class SortError(ClientError):
    pass


def natural_less(a: str, b: str) -> bool:
    """github.com/fvbommel/sortorder.NaturalLess: digit runs compare as numbers, digits before other bytes."""
    s1, s2 = a.encode(), b.encode()
    i = j = 0
    while i < len(s1) and j < len(s2):
        c1, c2 = s1[i], s2[j]
        d1, d2 = 48 <= c1 <= 57, 48 <= c2 <= 57
        if d1 != d2:
            return d1
        if not d1:
            if c1 != c2:
                return c1 < c2
            i += 1
            j += 1
            continue
        while i < len(s1) and s1[i] == 48:
            i += 1
        while j < len(s2) and s2[j] == 48:
            j += 1
        nz1, nz2 = i, j
        while i < len(s1) and 48 <= s1[i] <= 57:
            i += 1
        while j < len(s2) and 48 <= s2[j] <= 57:
            j += 1
        if i - nz1 != j - nz2:
            return i - nz1 < j - nz2
        if s1[nz1:i] != s2[nz2:j]:
            return s1[nz1:i] < s2[nz2:j]
        if nz1 != nz2:
            return nz1 < nz2
    return len(s1) < len(s2)


def _go_type(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, list):
        return "[]interface {}"
    return "interface {}"


def _quantity(s: str) -> Any:
    from ..api import quantity

    if s != s.strip():
        return None  # resource.ParseQuantity does not trim (only JSON decoding does)
    try:
        return quantity.parse_quantity(s)
    except Exception:  # noqa: BLE001 - any parse failure means "not a quantity"
        return None


def is_less(a: Any, b: Any) -> bool:
    """sorter.go isLess for the values of an unstructured object (reflect.Interface kinds)."""
    if a is None and b is None:
        return False
    if a is None:
        return True
    if b is None:
        return False
    ta, tb = _go_type(a), _go_type(b)
    if ta in ("int64", "float64"):
        if tb == ta:
            return a < b
        raise SortError("unsortable interface: interface")
    if ta == "string":
        if tb != "string":
            raise SortError("unsortable interface: interface")
        qa = _quantity(a)
        qb = _quantity(b) if qa is not None else None
        if qa is None or qb is None:
            return natural_less(a, b)
        return qa < qb
    raise SortError(f"unsortable type: {ta}")


def sort_objects(objs: list[dict], field_input: str, table: bool = True) -> list[dict]:
    """The objects in kubectl's --sort-by order. ``table``: human-readable output (TableSorter) rather than
    -o json|yaml|name|… (RuntimeSorter, which leaves a single object alone)."""
    field = relaxed(field_input)
    if not objs or (not table and len(objs) == 1):
        return objs
    parser = JSONPath(field, allow_missing_keys=True)
    values: list[list] = []
    for o in objs:
        res = parser.find_results(o)
        values.append(res)
    if not any(r and r[0] for r in values):
        raise SortError(f'error: couldn\'t find any field with path "{field}" in the list of objects')

    def first(i: int) -> tuple[bool, Any]:
        r = values[i]
        return (bool(r and r[0]), r[0][0] if r and r[0] else None)

    def less(i: int, j: int) -> bool:
        hi, vi = first(i)
        hj, vj = first(j)
        if not hi:
            return True
        if not hj:
            return False
        try:
            return is_less(vi, vj)
        except SortError as e:
            # kubectl exits through klog.Exitf here; the words after the log header are these.
            raise SortError(f"error: Field {field} is an unsortable type: interface, err: {e}") from None

    # sort.Sort, not a stable sort: equal rows end in the order Go's algorithm leaves them (printers/gosort.py).
    order = go_sorted(list(range(len(objs))), less)
    return [objs[i] for i in order]
