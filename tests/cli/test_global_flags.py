"""kubectl's global flags on a cluster: --warnings-as-errors fails a command the server warned about, a command's
own flag of a global's name shadows the global (create rolebinding --user), --as/--as-group impersonate in
`auth can-i`. Their usage errors are in the recorded grammar corpus (tests/data/grammar)."""

from __future__ import annotations

from tests.conftest import Runner

DUPLICATE_PORTS = """\
apiVersion: v1
kind: Pod
metadata: {name: dup}
spec:
  containers:
  - {name: a, image: nginx, ports: [{containerPort: 80}, {containerPort: 80}]}
"""


def test_warnings_as_errors_fails_a_command_the_server_warned_about(run: Runner, tmp_path) -> None:
    manifest = tmp_path / "dup.yaml"
    manifest.write_text(DUPLICATE_PORTS)
    warning = "Warning: spec.containers[0].ports[1]: duplicate port definition with spec.containers[0].ports[0]\n"
    r = run(f"apply -f {manifest} --dry-run=server")
    assert (r.out, r.err, r.code) == ("pod/dup created (server dry run)\n", warning, 0)
    r = run(f"--warnings-as-errors apply -f {manifest}")
    assert (r.out, r.err, r.code) == ("pod/dup created\n", warning + "error: 1 warning received\n", 1)
    assert run("get pod dup -o name").out == "pod/dup\n"  # kubectl fails after the server acted
    assert run("delete pod dup").code == 0
    r = run(f"apply -f {manifest} --warnings-as-errors=false")
    assert (r.err, r.code) == (warning, 0)


def test_a_commands_own_flag_shadows_the_global_of_that_name(run: Runner) -> None:
    assert run("create rolebinding r --clusterrole=view --user=jane").code == 0
    assert run("get rolebinding r -o jsonpath={.subjects[0].name}").out == "jane"
    assert run("auth can-i list pods --as=jane").out == "yes\n"
    assert run("auth can-i list pods --as jane -n kube-system").out == "no\n"
    assert run("auth can-i list pods --as=bob --as-group=system:masters").out == "yes\n"


def test_connection_flags_are_accepted_anywhere(run: Runner) -> None:
    r = run("--request-timeout=5s get ns default -o name --insecure-skip-tls-verify -v=4 --cache-dir /tmp/c")
    assert (r.out, r.code) == ("namespace/default\n", 0)
    r = run("get ns default --request-timeout=-3")
    assert (r.err, r.code) == ("error: Invalid timeout value. Timeout must be a single integer in seconds, or an "
                               "integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n", 1)


def test_requests_made_as_another_user_are_authorized_by_rbac(run: Runner) -> None:
    """Derived from the RBAC authorizer and responsewriters.forbiddenMessage (serve answers the same texts)."""
    assert run("create sa builder").code == 0
    assert run("create role pod-reader --verb=get,list --resource=pods").code == 0
    assert run("create rolebinding b --role=pod-reader --serviceaccount=default:builder").code == 0
    assert run("run x --image=nginx").code == 0
    who = "--as=system:serviceaccount:default:builder"
    assert run(f"get pods -o name {who}").out == "pod/x\n"
    user = 'User "system:serviceaccount:default:builder"'
    r = run(f"get pods -A {who}")
    assert (r.err, r.code) == (f'Error from server (Forbidden): pods is forbidden: {user} cannot list resource "pods" '
                               'in API group "" at the cluster scope\n', 1)
    r = run(f"delete pod x {who}")
    assert (r.err, r.code) == (f'Error from server (Forbidden): pods "x" is forbidden: {user} cannot delete resource '
                               '"pods" in API group "" in the namespace "default"\n', 1)
    assert run("get pod x -o name").out == "pod/x\n"
    r = run(f"get deploy {who}")
    assert r.err.startswith("Error from server (Forbidden): deployments.apps is forbidden: ") and r.code == 1
