"""Record classes without the dataclasses module.

Importing dataclasses imports inspect (with ast, dis, tokenize: about 6 ms of CPU), and each @dataclass compiles
its methods when the module defining it is imported; the fast paths of ``validate``, ``get`` and ``apply`` pay
for both before doing any work. A record subclasses ``Record`` (or ``FrozenRecord``), names its fields in
``_fields`` and writes its ``__init__``; equality, ``repr``, and for frozen records hashing, immutability and
pickling, behave as the generated dataclass methods did.
"""

from __future__ import annotations


class Record:
    """Equality and ``repr`` of a ``@dataclass``: equal when of the same class with equal fields (``_fields``
    order); unhashable, as a mutable dataclass is."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (self.__class__.__qualname__ + "("
                + ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields) + ")")


class FrozenRecord(Record):
    """A ``@dataclass(frozen=True)``: fields set once (``__init__`` writes them with ``object.__setattr__``),
    hashable by value, pickled and copied through ``__init__`` (its positional parameters are ``_fields``)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple:
        return (self.__class__, self._values())
