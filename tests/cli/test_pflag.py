"""cli/pflag.py reads command lines as spf13/pflag does (the texts are kubectl 1.32's; the recorded corpus in
test_grammar_corpus.py checks them end to end)."""

from __future__ import annotations

import pytest

from pykubectl.cli.pflag import Flag, FlagError, FlagSet, parse_bool, parse_int, suggestions

FLAGS = FlagSet([
    Flag("all-namespaces", "A", "bool"), Flag("watch", "w", "bool"), Flag("output", "o"),
    Flag("filename", "f", "stringSlice", dest="files"), Flag("from-literal", kind="stringArray"),
    Flag("replicas", "r", "int"), Flag("dry-run", bare="unchanged"), Flag("old", kind="bool", deprecated="use --new"),
])


@pytest.mark.parametrize("text", ["1", "t", "T", "TRUE", "true", "True"])
def test_true_forms(text: str) -> None:
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["0", "f", "F", "FALSE", "false", "False"])
def test_false_forms(text: str) -> None:
    assert parse_bool(text) is False


@pytest.mark.parametrize("text", ["yes", "tRUE", "", "2", "on"])
def test_other_bool_texts_are_errors(text: str) -> None:
    with pytest.raises(ValueError, match=f'strconv.ParseBool: parsing "{text}": invalid syntax'):
        parse_bool(text)


@pytest.mark.parametrize("text,value", [("12", 12), ("-3", -3), ("0x10", 16), ("010", 8), ("0b11", 3), ("0o17", 15),
                                        ("1_000", 1000), ("0x_1", 1), ("_1", None), ("1__0", None), ("1_", None), ("", None), ("1.5", None), ("9" * 20, None)])
def test_go_integers(text: str, value: int | None) -> None:
    if value is None:
        with pytest.raises(ValueError, match="strconv.ParseInt"):
            parse_int(text)
    else:
        assert parse_int(text) == value


def test_booleans_take_values_only_after_equals() -> None:
    p = FLAGS.parse(["get", "-A=false", "--watch", "false"])
    assert p.values == {"all_namespaces": False, "watch": True}
    assert p.args == ["get", "false"]


def test_combined_shorthands_and_attached_values() -> None:
    p = FLAGS.parse(["-Awoyaml", "-r=3", "-fa.yaml"])
    assert p.values == {"all_namespaces": True, "watch": True, "output": "yaml", "replicas": 3, "files": ["a.yaml"]}


def test_lists_append_and_scalars_keep_the_last() -> None:
    p = FLAGS.parse(["-f", "a,b", "--filename=c", "--from-literal=x=1,y=2", "--from-literal", "z=3", "-o", "json",
                     "--output=yaml"])
    assert p.values["files"] == ["a", "b", "c"]
    assert p.values["from_literal"] == ["x=1,y=2", "z=3"]
    assert p.values["output"] == "yaml"


def test_bare_value_never_takes_the_next_word() -> None:
    p = FLAGS.parse(["--dry-run", "client", "--dry-run=server"])
    assert p.values["dry_run"] == "server" and p.args == ["client"]


def test_double_dash_ends_flags_and_is_remembered() -> None:
    p = FLAGS.parse(["web", "--", "-A", "--output=x"])
    assert p.args == ["web", "-A", "--output=x"] and p.dash == 1 and p.values == {}
    assert FLAGS.parse(["web"]).dash is None


def test_underscores_read_as_dashes_and_deprecations_are_reported() -> None:
    p = FLAGS.parse(["--all_namespaces", "--old"])
    assert p.values == {"all_namespaces": True, "old": True}
    assert p.deprecations == ["Flag --old has been deprecated, use --new"]


def test_groups_stop_at_their_first_argument() -> None:
    p = FLAGS.parse(["-A", "deployment", "-w"], interspersed=False)
    assert p.values == {"all_namespaces": True} and p.args == ["deployment", "-w"]


@pytest.mark.parametrize("args,message", [
    (["--bogus=1"], "unknown flag: --bogus"),
    (["-AZ"], "unknown shorthand flag: 'Z' in -Z"),
    (["-o"], "flag needs an argument: 'o' in -o"),
    (["--output"], "flag needs an argument: --output"),
    (["---x"], "bad flag syntax: ---x"),
    (["--=x"], "bad flag syntax: --=x"),
    (["-A=maybe"], 'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": '
                   "invalid syntax"),
    (["--replicas=two"], 'invalid argument "two" for "-r, --replicas" flag: strconv.ParseInt: parsing "two": '
                         "invalid syntax"),
])
def test_errors_in_pflags_words(args: list[str], message: str) -> None:
    with pytest.raises(FlagError) as e:
        FLAGS.parse(args)
    assert str(e.value) == message


def test_suggestions_by_distance_and_prefix_in_registration_order() -> None:
    assert suggestions("gett", ["create", "set", "get", "delete"]) == ["set", "get"]
    assert suggestions("ap", ["top", "cp", "apply", "api-versions"]) == ["top", "cp", "apply", "api-versions"]
    assert suggestions("zzzzzz", ["get"]) == []


def test_string_to_string_pairs_merge_across_uses() -> None:
    fs = FlagSet([Flag("env", kind="stringToString")])
    assert fs.parse(["--env", "A=1,B=2", "--env=C=3"]).values["env"] == {"A": "1", "B": "2", "C": "3"}
    # One "=" is one pair, commas and all (pflag reads CSV only with several pairs).
    assert fs.parse(["--env=A=1,B"]).values["env"] == {"A": "1,B"}
    with pytest.raises(FlagError, match=r'^invalid argument "A" for "--env" flag: A must be formatted as key=value$'):
        fs.parse(["--env", "A"])
    with pytest.raises(FlagError, match=r'for "--env" flag: C must be formatted as key=value$'):
        fs.parse(["--env", "A=1,B=2,C"])
