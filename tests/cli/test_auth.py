"""auth can-i, auth whoami and create token in pykubectl's CLI, evaluated on the store's RBAC objects, beyond the
recorded scenario steps (17-auth-and-discovery and 28-ingress-netpol-rbac, replayed by tests/scenarios): the RBAC
rules the recordings do not cover (aggregation, missing roles, resource names, groups), with the authorizer's
decisions derived from its source, and tokens the server accepts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Runner

def test_aggregation_resource_names_and_missing_roles(run: Runner) -> None:
    """Derived from the RBAC authorizer's source (rule matching, aggregation, the "RBAC: …" reason of a binding
    to a role that does not exist); recordings wanted."""
    jane = "--as=jane"
    assert run("create rolebinding jane-view --clusterrole=view --user=jane").code == 0
    assert run(f"auth can-i get deployments {jane}").out == "yes\n"
    assert run(f"auth can-i get secrets {jane}").out == "no\n"
    assert run(f"auth can-i get deployments -n kube-system {jane}").out == "no\n"
    # A ClusterRole labelled to aggregate to view adds its rules to view.
    assert run("create clusterrole see-secret --verb=get --resource=secrets --resource-name=one").code == 0
    assert run("label clusterrole see-secret rbac.authorization.k8s.io/aggregate-to-view=true").code == 0
    assert run(f"auth can-i get secrets/one {jane}").out == "yes\n"
    assert run(f"auth can-i get secrets/two {jane}").out == "no\n"
    # A binding to a Role that does not exist: the denial says so.
    assert run("create rolebinding ghost --role=ghost --user=jane").code == 0
    r = run(f"auth can-i delete pods {jane}")
    assert (r.out, r.code) == ('no - RBAC: role.rbac.authorization.k8s.io "ghost" not found\n', 1)
    # Groups: the impersonated user's groups are checked too; -q prints nothing.
    assert run("create clusterrolebinding ops --clusterrole=edit --group=ops").code == 0
    r = run("auth can-i create deployments -q --as=bob --as-group=ops")
    assert (r.out, r.err, r.code) == ("", "", 0)


def test_whoami_of_a_service_account_and_the_rules_it_has(run: Runner) -> None:
    r = run("auth whoami --as=system:serviceaccount:default:default")
    assert (r.out, r.code) == (
        "ATTRIBUTE   VALUE\n"
        "Username    system:serviceaccount:default:default\n"
        "Groups      [system:serviceaccounts system:serviceaccounts:default system:authenticated]\n", 0)
    r = run("auth can-i --list --as=system:serviceaccount:default:default")
    assert r.out.splitlines()[:4] == [
        "Resources                                       Non-Resource URLs   Resource Names   Verbs",
        "selfsubjectreviews.authentication.k8s.io        []                  []               [create]",
        "selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]",
        "selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]"]


def test_a_token_from_the_cli_is_the_service_accounts_for_the_server(run: Runner, tmp_path: Path) -> None:
    import random

    from pykubectl.env import Env, parse_time
    from pykubectl.serve.api import Api
    from tests.conftest import FROZEN_NOW

    assert run("create serviceaccount bot").code == 0
    r = run("create token bot --duration=1h")
    assert r.code == 0 and r.out.count(".") == 2 and not r.out.endswith("\n")
    header = json.loads(__import__("base64").urlsafe_b64decode(r.out.split(".")[0] + "=="))
    assert header["alg"] == "RS256" and header["kid"]
    api = Api(Env(store_url=run.store, frozen_now=parse_time(FROZEN_NOW), rand=random.Random(1)))
    try:
        user = api.token_user(r.out)
        assert (user.name, user.groups) == ("system:serviceaccount:default:bot", (
            "system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"))
        assert api.token_user(r.out[:-2] + "xx") is None  # a signature that does not verify
    finally:
        api.close()
    r = run("create token nope")
    assert (r.out, r.err, r.code) == ("", 'error: failed to create token: serviceaccounts "nope" not found\n', 1)
    r = run("create token bot --duration=5m")
    assert r.code == 1 and "may not specify a duration less than 10 minutes" in r.err
