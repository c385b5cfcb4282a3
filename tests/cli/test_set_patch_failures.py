"""set's patch failures in each command's words, wrapping the server's error text (kubectl 1.32 through serve:
"failed to patch resources update to pod template Deployment.apps "web" is invalid: …"), and a top-level Invalid
error of several causes printed as CheckErr's MultilineError (`run Bad`)."""

from __future__ import annotations

LIMIT = ('spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to '
         'cpu limit of 1')


def test_set_resources_wraps_the_invalid_error(run) -> None:
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    res = run(["set", "resources", "deploy", "web", "--limits=cpu=1", "--requests=cpu=2"])
    assert (res.code, res.out) == (1, "")
    assert res.err == f'error: failed to patch resources update to pod template Deployment.apps "web" is invalid: {LIMIT}\n'


def test_set_serviceaccount_wraps_the_invalid_error(run) -> None:
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    res = run(["set", "serviceaccount", "deploy", "web", "Bad_Name"])
    assert res.code == 1 and res.err.startswith('error: failed to patch ServiceAccountName Deployment.apps "web" is '
                                                "invalid: spec.template.spec.serviceAccountName: Invalid value: ")


def test_run_invalid_name_is_multiline(run) -> None:
    res = run(["run", "Bad", "--image=nginx"])
    lines = res.err.splitlines()
    assert res.code == 1 and lines[0] == 'The Pod "Bad" is invalid: '
    assert lines[1].startswith('* metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain')
    assert lines[2].startswith('* spec.containers[0].name: Invalid value: "Bad": a lowercase RFC 1123 label')
