"""Label/field selectors. Parse errors were captured from real kubectl v1.32 (`apply --prune -l`)."""

import pytest

from pykubectl.api.selectors import (
    SelectorError,
    from_label_selector,
    matches,
    object_fields,
    parse_field_selector,
    parse_label_selector,
    selector_to_string,
)


@pytest.mark.parametrize(
    "text,labels,expected",
    [
        ("app=web", {"app": "web"}, True),
        ("app==web", {"app": "web"}, True),
        ("app!=web", {"app": "db"}, True),
        ("app!=web", {}, True),
        ("app=web", {}, False),
        ("tier in (a,b)", {"tier": "b"}, True),
        ("tier in (a,b)", {"tier": "c"}, False),
        ("tier notin (a)", {}, True),
        ("tier", {"tier": ""}, True),
        ("!tier", {"tier": "x"}, False),
        ("!tier", {}, True),
        ("app=web,tier", {"app": "web"}, False),
        ("n>3", {"n": "4"}, True),
        ("n<3", {"n": "x"}, False),
        ("", {"a": "b"}, True),
        (" a = b , c in (z, y) , !d", {"a": "b", "c": "y"}, True),
    ],
)
def test_parse_and_match(text: str, labels: dict, expected: bool) -> None:
    assert parse_label_selector(text).matches(labels) is expected


def test_string_form_is_sorted_and_normalised() -> None:
    assert str(parse_label_selector(" a = b , c in (z, y) , !d")) == "a=b,c in (y,z),!d"
    assert str(parse_label_selector("a in (b,,c)")) == "a in (,b,c)"


QUALIFIED = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
    "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)


@pytest.mark.parametrize(
    "text,message",
    [
        ("a in", "unable to parse requirement: found '' expected: '('"),
        ("a in (x", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("a=b c", "found 'c', expected: ',' or 'end of string'"),
        ("Bad Key=x", "unable to parse requirement: found 'Key', expected: in, notin, =, ==, !=, gt, lt"),
        ("a=bad value!", "found 'value', expected: ',' or 'end of string'"),
        ("=b", "found '=', expected: !, identifier, or 'end of string'"),
        ("a,", "found '', expected: identifier after ','"),
        ("!", "unable to parse requirement: found '', expected: identifier"),
        ("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
        ("a>(1)", "unable to parse requirement: found '(', expected: identifier"),
        (
            "a>x",
            "unable to parse requirement: values[0]: Invalid value: \"x\": "
            "for 'Gt', 'Lt' operators, the value must be an integer",
        ),
        ("-a=b", f'unable to parse requirement: <nil>: Invalid value: "-a": name part {QUALIFIED}'),
        ("/a=1", 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty'),
        (
            "a=" + "b" * 64,
            f'unable to parse requirement: values[0][a]: Invalid value: "{"b" * 64}": '
            "must be no more than 63 characters",
        ),
        (
            "Bad/Key/x=1",
            f'unable to parse requirement: <nil>: Invalid value: "Bad/Key/x": a qualified name {QUALIFIED} '
            "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        ),
    ],
)
def test_parse_errors_match_kubectl(text: str, message: str) -> None:
    with pytest.raises(SelectorError) as err:
        parse_label_selector(text)
    assert str(err.value) == message


def test_label_selector_objects() -> None:
    sel = {
        "matchLabels": {"app": "web"},
        "matchExpressions": [
            {"key": "tier", "operator": "In", "values": ["b", "a"]},
            {"key": "canary", "operator": "DoesNotExist"},
        ],
    }
    assert selector_to_string(sel) == "app=web,!canary,tier in (a,b)"
    assert matches(sel, {"app": "web", "tier": "a"})
    assert not matches(sel, {"app": "web", "tier": "a", "canary": "1"})
    assert selector_to_string(None) == "<none>"
    assert selector_to_string({}) == "<none>"
    assert from_label_selector({}).matches({"x": "y"})
    assert not from_label_selector(None).matches({})
    assert selector_to_string({"matchExpressions": [{"key": "a", "operator": "Bogus"}]}) == "<error>"


def test_field_selectors() -> None:
    sel = parse_field_selector("metadata.name=x,status.phase!=Running")
    pod = {"kind": "Pod", "metadata": {"name": "x", "namespace": "default"}, "status": {"phase": "Pending"}}
    assert sel.matches(object_fields(pod))
    pod["status"]["phase"] = "Running"
    assert not sel.matches(object_fields(pod))
    assert parse_field_selector("metadata.name==a\\,b").terms[0].value == "a,b"
    with pytest.raises(SelectorError) as err:
        parse_field_selector("foo")
    assert str(err.value) == "invalid selector: 'foo'; can't understand 'foo'"
