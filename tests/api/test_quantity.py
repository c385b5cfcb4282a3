"""Quantity parsing and canonical text, checked against real kubectl v1.32 (`kubectl set resources --local`)."""

from fractions import Fraction

import pytest

from pykubectl.api.quantity import (
    ERR_FORMAT_WRONG,
    QuantityError,
    canonicalize,
    cpu_millis,
    parse_quantity,
    to_bytes,
)

# (written, what real kubectl 1.32 serialises)
CANONICAL = [
    ("0.5", "500m"),
    ("1000m", "1"),
    ("1024Mi", "1Gi"),
    ("1e3", "1e3"),
    ("1E3", "1E3"),
    ("+1", "+1"),
    ("01", "01"),
    ("1.5Gi", "1536Mi"),
    ("12Mi", "12Mi"),
    ("1.5Ki", "1536"),
    ("100m", "100m"),
    ("2k", "2k"),
    ("1000", "1k"),
    ("0.0000000001", "1n"),
    ("1.G", "1.G"),
    ("1500m", "1500m"),
    ("0.1Ki", "102400m"),
    ("2048", "2048"),
    ("1e2", "100"),
    ("-1", "-1"),
    ("1.0", "1"),
    ("1.50", "1500m"),
    ("5e-10", "1e-9"),
    ("0", "0"),
    ("00", "0"),
    ("-0.5", "-500m"),
    (".5", "500m"),
    ("5.", "5."),
    ("1.5e3", "1500"),
    ("1500000000000000000000", "1500E"),
    ("0.5Mi", "512Ki"),
    ("2.5E-3", "2500e-6"),
    ("16Ei", "9223372036854775807"),
    ("-16Ei", "-9223372036854775807"),
    ("0.5Ki", "512"),
    ("-", "0"),
    (".", "0"),
]


@pytest.mark.parametrize("written,stored", CANONICAL)
def test_canonical_text_matches_kubectl(written: str, stored: str) -> None:
    assert canonicalize(written) == stored


def test_json_numbers_are_parsed_from_their_text() -> None:
    assert canonicalize(0.5) == "500m"
    assert canonicalize(1) == "1"
    assert canonicalize(1000.0) == "1k"


@pytest.mark.parametrize(
    "text,message",
    [
        ("1Z", ERR_FORMAT_WRONG),
        ("abc", ERR_FORMAT_WRONG),
        ("1.2.3", ERR_FORMAT_WRONG),
        ("", ERR_FORMAT_WRONG),
        ("1e", "unable to parse quantity's suffix"),
        ("1ki", "unable to parse quantity's suffix"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(QuantityError) as err:
        canonicalize(text)
    assert str(err.value) == message


def test_error_text_is_apimachinery_regex_message() -> None:
    assert ERR_FORMAT_WRONG == (
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )


def test_values() -> None:
    assert parse_quantity("100m") == Fraction(1, 10)
    assert parse_quantity("1Gi") == 2**30
    assert cpu_millis("0.5") == 500
    assert cpu_millis("2") == 2000
    assert cpu_millis("1n") == 1  # rounded up, as MilliValue()
    assert to_bytes("1Ki") == 1024
    assert to_bytes("500Mi") == 500 * 2**20
    assert to_bytes("1.5") == 2
