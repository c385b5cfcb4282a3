"""apply's per-object semantics, as kubectl against a v1.32 API server (../shared/DESIGN.md)."""

from __future__ import annotations

from pathlib import Path

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
      - name: app
        image: nginx:1.25
"""


def test_reapply_is_unchanged_and_a_change_is_configured(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "web.yaml"
    f.write_text(DEPLOY.format(name="web", replicas=2))
    assert run(f"apply -f {f}").out == "deployment.apps/web created\n"
    r = run(f"apply -f {f}")
    assert (r.out, r.err, r.code) == ("deployment.apps/web unchanged\n", "", 0)
    f.write_text(DEPLOY.format(name="web", replicas=3))
    assert run(f"apply -f {f}").out == "deployment.apps/web configured\n"
    out = run(["get", "deployment", "web", "-o",
               r"jsonpath={.spec.replicas},{.metadata.annotations.deployment\.kubernetes\.io/revision}"]).out
    assert out == "3,1"


def test_server_rejection_does_not_stop_later_documents(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "multi.yaml"
    f.write_text(DEPLOY.format(name="a", replicas=1) + "---\n" + DEPLOY.format(name="b", replicas=-1) + "---\n"
                 + DEPLOY.format(name="c", replicas=1))
    r = run(f"apply -f {f}")
    assert r.code == 1
    assert r.out == "deployment.apps/a created\ndeployment.apps/c created\n"
    assert r.err == (f'The Deployment "b" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'
                     if not r.err.startswith("Error from server") else r.err)
    assert "spec.replicas: Invalid value: -1: must be greater than or equal to 0" in r.err
    assert run("get deployments -o name").out == "deployment.apps/a\ndeployment.apps/c\n"


def test_yaml_syntax_error_stops_at_that_document(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "broken.yaml"
    f.write_text(DEPLOY.format(name="a", replicas=1) + "---\nkind: [unclosed\n---\n" + DEPLOY.format(name="c", replicas=1))
    r = run(f"apply -f {f}")
    assert r.code == 1
    assert r.out == "deployment.apps/a created\n"
    assert r.err.startswith(f"error: error parsing {f}: error converting YAML to JSON: yaml: line ")
    assert run("get deployments -o name").out == "deployment.apps/a\n"


def test_missing_kind_and_unknown_field_write_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "nokind.yaml"
    f.write_text("apiVersion: v1\nmetadata:\n  name: x\n")
    r = run(f"apply -f {f}")
    assert r.code == 1 and r.out == ""
    assert r.err == (f'error: error validating "{f}": error validating data: kind not set; if you choose to ignore '
                     "these errors, turn validation off with --validate=false\n")
    g = tmp_path / "typo.yaml"
    g.write_text(DEPLOY.format(name="web", replicas=1).replace("  replicas: 1", "  replica: 1"))
    r = run(f"apply -f {g}")
    assert r.code == 1 and r.out == ""
    assert r.err == (f'Error from server (BadRequest): error when creating "{g}": Deployment in version "v1" cannot be '
                     'handled as a Deployment: strict decoding error: unknown field "spec.replica"\n')
    assert run("get deployments").err == "No resources found in default namespace.\n"


def test_every_command_has_examples_in_its_help() -> None:
    import click

    from pykubectl.cli.helpfmt import recorded_help
    from pykubectl.cli.main import VERBS, cli

    ctx = click.Context(cli)
    missing = []

    def visit(cmd: click.Command, path: str) -> None:
        # A command kubectl has prints kubectl's recorded help, examples or none as kubectl's (tests/cli/
        # test_help_texts.py compares them); pykubectl's own commands must have some.
        if recorded_help(path) is None and path != "options" and "Examples:" not in (cmd.help or ""):
            missing.append(path)
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    visit(sub, f"{path} {sub.name or name}")  # by its own name, not an alias

    for verb in VERBS:
        visit(cli.get_command(ctx, verb), verb)  # type: ignore[arg-type]
    assert missing == []
