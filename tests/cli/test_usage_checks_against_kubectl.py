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


def test_an_ambiguous_short_name_warns_once(run) -> None:  # type: ignore[no-untyped-def]
    # `ev` is core events' and events.k8s.io's short name: the shortcut expander takes the first in discovery and
    # warns about the other (real kubectl 1.32 through serve, and on real clusters).
    warning = 'Warning: short name "ev" could also match lower priority resource events.events.k8s.io\n'
    res = run("get ev")
    assert res.code == 0 and res.err.startswith(warning) and res.err.count("short name") == 1
    assert "short name" not in run("get events").err
    assert "short name" not in run("get ev.events.k8s.io").err


def test_get_validate_show_labels_and_watch_events(run) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("yaml", "name", "jsonpath={.kind}"):
        res = run(["get", "pods", "--show-labels", "-o", fmt])
        assert (res.err, res.code) == (f"error: --show-labels option cannot be used with {fmt} printer\n", 1)
    res = run("get pods --output-watch-events")
    assert res.err == "error: --output-watch-events option can only be used with --watch or --watch-only\n"
    assert run("get pods --show-labels -o wide").code == 0


def test_rollout_status_revision_must_be_the_running_one(run) -> None:  # type: ignore[no-untyped-def]
    assert run("create deployment web --image=nginx:1.27").code == 0
    assert run("set image deploy/web nginx=nginx:1.28").code == 0
    res = run("rollout status deploy/web --revision=1")
    assert (res.out, res.err, res.code) == (
        "", "error: desired revision (1) is different from the running revision (2)\n", 1)
    assert run("rollout status deploy/web --revision=2").out == 'deployment "web" successfully rolled out\n'


def test_drain_goes_on_to_the_next_node_and_server_dry_run_says_so(run) -> None:  # type: ignore[no-untyped-def]
    # Real kubectl 1.32 through serve, on the reference cluster shape with a DaemonSet on every node.
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert run(["cluster", "create", "--config", str(root / "fixtures/clusters/k8s-reference.yaml")]).code == 0
    ds = ("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n"
          "  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: a, image: nginx}]}\n")
    assert run("apply -f -", stdin=ds).code == 0
    pods = {p.split()[6]: p.split()[0] for p in run("get pods -o wide --no-headers").out.splitlines()}
    res = run("drain node-3 node-2")
    assert res.code == 1 and res.out == "node/node-3 cordoned\nnode/node-2 cordoned\n"
    msg = "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/{}"
    assert res.err == (
        f'error: unable to drain node "node-3" due to error: {msg.format(pods["node-3"])}, continuing command...\n'
        f'error: unable to drain node "node-2" due to error: {msg.format(pods["node-2"])}, continuing command...\n'
        "There are pending nodes to be drained:\n node-3\n node-2\n"
        f'{msg.format(pods["node-3"])}\n{msg.format(pods["node-2"])}\n')
    res = run("drain node-1 --dry-run=server --ignore-daemonsets --force")
    assert res.out == "node/node-1 cordoned (server dry run)\nnode/node-1 drained (server dry run)\n"
    assert run("cordon node-2 --dry-run=server").out == "node/node-2 already cordoned (server dry run)\n"
