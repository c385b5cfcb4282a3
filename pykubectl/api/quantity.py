"""resource.Quantity: parsing and the canonical text the API server writes back.

The API server decodes every quantity into a Go ``resource.Quantity`` and encodes it again, so what a user wrote
is stored either verbatim (when the parser judged it already canonical) or in canonical form. We follow
apimachinery's algorithm step by step (fast path, slow path, rounding up to 1n, the int64 cap) because the
verbatim-or-canonical decision is observable: ``+1`` and ``01`` survive, ``1000`` becomes ``1k``, ``1e2`` becomes
``100`` while ``1e3`` stays ``1e3``.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..records import FrozenRecord

DECIMAL_SI = "DecimalSI"
BINARY_SI = "BinarySI"
DECIMAL_EXPONENT = "DecimalExponent"

ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
ERR_NUMERIC = "unable to parse numeric part of quantity"
ERR_SUFFIX = "unable to parse quantity's suffix"

_DEC_SUFFIXES = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_DEC_BY_EXP = {v: k for k, v in _DEC_SUFFIXES.items()}
_BIN_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_BIN_BY_EXP = {v: k for k, v in _BIN_SUFFIXES.items()}

_INT64_MAX = 2**63 - 1
_NANO = Fraction(1, 10**9)
_SUFFIX_CHARS = frozenset("eEinumkKMGTP")
_DIGITS = frozenset("0123456789")


class QuantityError(ValueError):
    """``str()`` is apimachinery's error text (ErrFormatWrong, ErrNumeric or ErrSuffix)."""


class Quantity(FrozenRecord):
    __slots__ = _fields = ("value", "format", "original")
    value: Fraction
    format: str
    # The text as written, kept only when apimachinery would keep it (it then re-serialises it unchanged).
    original: str | None

    def __init__(self, value: Fraction, format: str = DECIMAL_SI, original: str | None = None):
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "format", format)
        object.__setattr__(self, "original", original)

    def __str__(self) -> str:
        if self.original is not None:
            return self.original
        return format_quantity(self.value, self.format)

    @property
    def milli_value(self) -> int:
        return math.ceil(self.value * 1000)

    @property
    def int_value(self) -> int:
        return math.ceil(self.value)


def _split(text: str) -> tuple[bool, str, str, str, str]:
    """apimachinery's parseQuantityString: (positive, value, num, denom, suffix)."""
    positive = True
    pos = 0
    end = len(text)
    if pos < end and text[0] in "+-":
        positive = text[0] == "+"
        pos += 1
    while pos < end and text[pos] == "0":
        pos += 1
    if pos >= end:
        return positive, "0", "0", "", ""
    start = pos
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    num = text[start:pos] or "0"
    if pos >= end:
        return positive, text, num, "", ""
    denom = ""
    if text[pos] == ".":
        pos += 1
        start = pos
        while pos < end and text[pos] in _DIGITS:
            pos += 1
        denom = text[start:pos]
        if pos >= end:
            return positive, text, num, denom, ""
    value = text[:pos]
    suffix_start = pos
    while pos < end and text[pos] in _SUFFIX_CHARS:
        pos += 1
    if pos < end and text[pos] in "+-":
        pos += 1
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    if pos < end:
        raise QuantityError(ERR_FORMAT_WRONG)
    return positive, value, num, denom, text[suffix_start:]


def _interpret(suffix: str) -> tuple[int, int, str]:
    if suffix in _DEC_SUFFIXES:
        return 10, _DEC_SUFFIXES[suffix], DECIMAL_SI
    if suffix in _BIN_SUFFIXES:
        return 2, _BIN_SUFFIXES[suffix], BINARY_SI
    if len(suffix) > 1 and suffix[0] in "eE":
        try:
            return 10, int(suffix[1:]), DECIMAL_EXPONENT
        except ValueError:
            pass
    raise QuantityError(ERR_SUFFIX)


def _to_text(value: object) -> str:
    # JSON numbers reach Quantity.UnmarshalJSON as their literal text; Go encodes integral floats without ".0".
    if isinstance(value, bool):
        raise QuantityError(ERR_FORMAT_WRONG)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, str):
        return value.strip()
    raise QuantityError(ERR_FORMAT_WRONG)


_PARSED: dict[str, Quantity] = {}  # Quantity is immutable: the texts manifests repeat are parsed once


def parse(value: object) -> Quantity:
    """Parse as ``resource.ParseQuantity`` (after UnmarshalJSON's TrimSpace); raises QuantityError."""
    if value.__class__ is str:
        got = _PARSED.get(value)  # type: ignore[call-overload]
        if got is None:
            got = _parse(value)
            if len(_PARSED) < 4096:
                _PARSED[value] = got  # type: ignore[index]
        return got
    return _parse(value)


def _parse(value: object) -> Quantity:
    text = _to_text(value)
    if not text:
        raise QuantityError(ERR_FORMAT_WRONG)
    if text == "0":
        return Quantity(Fraction(0), DECIMAL_SI, "0")
    positive, numeric, num, denom, suffix = _split(text)
    base, exponent, fmt = _interpret(suffix)

    # Fast path (int64 arithmetic in Go): the only path that may keep the text verbatim.
    precision = -1
    scale = 0
    mantissa = 1
    if base == 10:
        scale = exponent
        precision = 18 - (len(num) + len(denom))
    elif exponent >= 0 and not denom:
        mantissa = 1 << exponent
        precision = 15 - len(num) - int(exponent * 3 / 10) - 1
    if precision >= 0:
        scale -= len(denom)
        if scale >= -9:
            shifted = num + denom
            raw = int(shifted)
            result = raw * mantissa
            if result <= _INT64_MAX:
                amount = Fraction(result if positive else -result) * Fraction(10) ** scale
                keep = False
                if fmt == BINARY_SI:
                    keep = exponent % 10 == 0 and (raw & 0x07) != 0
                else:
                    keep = scale % 3 == 0 and not shifted.endswith("000") and shifted[0] != "0"
                return Quantity(amount, fmt, text if keep else None)

    try:
        amount = Fraction(numeric) if numeric not in ("", "+", "-", ".") else None
    except ValueError:
        amount = None
    if amount is None:
        raise QuantityError(ERR_NUMERIC)
    amount = amount * (Fraction(10) ** exponent if base == 10 else 2**exponent)
    negative = amount < 0
    amount = abs(amount)
    if amount:
        # Rounded up to 1n: asking for a tiny amount of a resource should still get some.
        amount = Fraction(math.ceil(amount / _NANO)) * _NANO
    if fmt == BINARY_SI and amount > _INT64_MAX:
        # Observed: only binary quantities are capped at int64 max (decimal ones keep their value).
        amount = Fraction(_INT64_MAX)
    if fmt == BINARY_SI and 0 < amount < 1:
        fmt = DECIMAL_SI
    return Quantity(-amount if negative else amount, fmt, None)


def parse_quantity(value: object) -> Fraction:
    return parse(value).value


def _decimal_parts(value: Fraction) -> tuple[int, int]:
    """(mantissa, exponent) with the exponent a multiple of 3 and as large as possible."""
    exponent = 0
    num, den = value.numerator, value.denominator
    while den != 1:
        num *= 10
        exponent -= 1
        g = math.gcd(num, den)
        num //= g
        den //= g
    while num % 10 == 0:
        num //= 10
        exponent += 1
    shift = exponent % 3
    return num * 10**shift, exponent - shift


def format_quantity(value: Fraction | int, fmt: str = DECIMAL_SI) -> str:
    """Quantity.String() for a value without a kept original text (CanonicalizeBytes)."""
    value = Fraction(value)
    if value == 0:
        return "0"
    if fmt == BINARY_SI and (-1024 < value < 1024 or value.denominator != 1):
        fmt = DECIMAL_SI
    if fmt == BINARY_SI:
        amount = abs(int(value))
        exp = 0
        while amount % 1024 == 0 and exp < 60:
            amount //= 1024
            exp += 10
        return f"{'-' if value < 0 else ''}{amount}{_BIN_BY_EXP.get(exp, '')}"
    mantissa, exp = _decimal_parts(abs(value))
    sign = "-" if value < 0 else ""
    if fmt == DECIMAL_EXPONENT:
        return f"{sign}{mantissa}" + (f"e{exp}" if exp else "")
    return f"{sign}{mantissa}{_DEC_BY_EXP.get(exp, '')}"


_CANONICAL: dict[str, str] = {}


def canonicalize(value: object) -> str:
    """What the API server stores for a quantity written as ``value``."""
    if value.__class__ is str:
        got = _CANONICAL.get(value)  # type: ignore[call-overload]
        if got is None:
            got = str(parse(value))
            if len(_CANONICAL) < 4096:
                _CANONICAL[value] = got  # type: ignore[index]
        return got
    return str(parse(value))


def cpu_millis(value: object) -> int:
    """MilliValue(): rounded up, as the scheduler and kubectl's describe use it."""
    return math.ceil(parse_quantity(value) * 1000)


def to_bytes(value: object) -> int:
    """Value(): rounded up to a whole unit."""
    return math.ceil(parse_quantity(value))
