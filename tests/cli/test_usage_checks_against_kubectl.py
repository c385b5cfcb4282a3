"""Usage checks as real kubectl 1.32 made them (seen through `pykubectl serve`, or client-side): command groups run
without a subcommand print their help and exit 1 (rollout on stdout, the others on stderr: cobra's
DefaultSubCommandRun with the stream each group is given); rollout verbs without a resource; delete --all with a
selector or a name; set image's resources read before its image pairs."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("group,first_line,on_stdout", [
    ("rollout", "Manage the rollout of one or many resources.", True),
    ("set", "Configure application resources.", False),
    ("auth", "Inspect authorization.", False),
    ("top", "Display resource (CPU/memory) usage.", False),
    ("plugin", "Provides utilities for interacting with plugins.", False),
    ("config", 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".',
     False),
])
def test_group_without_subcommand_prints_its_help_and_fails(run, group: str, first_line: str,
                                                            on_stdout: bool) -> None:  # type: ignore[no-untyped-def]
    res = run(group)
    assert res.code == 1
    shown, other = (res.out, res.err) if on_stdout else (res.err, res.out)
    assert shown.startswith(first_line + "\n") and "Usage:" in shown and other == ""


@pytest.mark.parametrize("verb", ["status", "history", "undo", "pause", "resume", "restart"])
def test_rollout_verbs_require_a_resource(run, verb: str) -> None:  # type: ignore[no-untyped-def]
    res = run(f"rollout {verb}")
    assert (res.out, res.err, res.code) == ("", "error: required resource not specified\n", 1)
    assert run(f"rollout {verb} -l app=web").err == "error: required resource not specified\n"


def test_delete_all_refuses_a_selector_or_a_name(run) -> None:  # type: ignore[no-untyped-def]
    res = run("delete pods --all -l a=b")
    assert (res.err, res.code) == ("error: setting 'all' parameter but found a non empty selector. \n", 1)
    res = run("delete pods x --all")
    assert (res.err, res.code) == ("error: name cannot be provided when a selector is specified\n", 1)


def test_set_image_reads_its_resources_first(run) -> None:  # type: ignore[no-untyped-def]
    res = run("set image deploy/web web")
    assert res.code == 1 and res.err.startswith(
        "error: there is no need to specify a resource type as a separate argument when passing arguments in "
        "resource/name form")
    assert run("set image deploy/web").err == "error: at least one image update is required\n"


def test_auth_can_i_takes_two_arguments(run) -> None:  # type: ignore[no-untyped-def]
    # kubectl 1.32's cani.go: VERB and TYPE[/NAME]; a third argument is refused (seen through serve).
    two = ("error: you must specify two arguments: verb resource or verb resource/resourceName.\n"
           "See 'kubectl auth can-i -h' for help and examples.\n")
    for cmd in ("auth can-i", "auth can-i get", "auth can-i get pods x"):
        assert (run(cmd).err, run(cmd).code) == (two, 1), cmd
    assert run("auth can-i --list pods").err == "error: list option must be specified with no arguments\n"
    assert run("auth can-i get pods/x").out == "yes\n"


def test_no_command_prints_the_help_and_succeeds(run) -> None:  # type: ignore[no-untyped-def]
    # kubectl's root command (and certificate, which has no run of its own) print their help on stdout, exit 0.
    for cmd in ([], ["-n", "default"], ["certificate"]):
        res = run(cmd)
        assert res.code == 0 and res.err == "" and "Usage:" in res.out and not res.out.startswith("error"), cmd


def test_a_global_flag_without_its_value_before_any_command(run) -> None:  # type: ignore[no-untyped-def]
    res = run("--namespace")
    assert (res.err, res.code) == ("error: flag needs an argument: --namespace\nSee 'kubectl --help' for usage.\n", 1)
    res = run("-n")
    assert res.err == "error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.\n"
