"""The official Python client (`kubernetes`, a test extra) against `pykubectl serve`: CRUD, lists with selectors
and pages, a watch that sees a Deployment roll out, server-side apply with a conflict, an RBAC denial for a
ServiceAccount bound to view, and no way in without credentials or without TLS."""

from __future__ import annotations

import threading
import urllib.request

import pytest

kubernetes = pytest.importorskip("kubernetes", reason="the kubernetes client (test extra) is not installed")
from kubernetes import client, config, watch  # noqa: E402
from kubernetes.client.rest import ApiException  # noqa: E402

from tests.serve.test_serve_kubectl import Served, served  # noqa: E402,F401 - served: the fixture


@pytest.fixture(scope="module")
def api_client(served: Served):
    cfg = client.Configuration()
    config.load_kube_config(config_file=served.kubeconfig, client_configuration=cfg)
    with client.ApiClient(cfg) as c:
        yield c


def _cm(name: str, labels: dict | None = None, data: dict | None = None) -> client.V1ConfigMap:
    return client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name, labels=labels), data=data or {"k": "v"})


def test_crud(api_client: client.ApiClient) -> None:
    core = client.CoreV1Api(api_client)
    made = core.create_namespaced_config_map("default", _cm("crud", data={"a": "1"}))
    assert made.metadata.uid and made.data == {"a": "1"}
    got = core.read_namespaced_config_map("crud", "default")
    assert got.metadata.resource_version == made.metadata.resource_version
    got.data = {"a": "2"}
    replaced = core.replace_namespaced_config_map("crud", "default", got)
    assert replaced.data == {"a": "2"} and replaced.metadata.resource_version != made.metadata.resource_version
    got.data = {"a": "3"}  # the version read before the replace: a conflict
    with pytest.raises(ApiException) as e:
        core.replace_namespaced_config_map("crud", "default", got)
    assert e.value.status == 409
    patched = core.patch_namespaced_config_map("crud", "default", {"data": {"b": "x"}})
    assert patched.data == {"a": "2", "b": "x"}
    core.delete_namespaced_config_map("crud", "default")
    with pytest.raises(ApiException) as e:
        core.read_namespaced_config_map("crud", "default")
    assert e.value.status == 404


def test_lists_with_selectors_and_pages(api_client: client.ApiClient) -> None:
    core = client.CoreV1Api(api_client)
    for i in range(5):
        core.create_namespaced_config_map("default", _cm(f"page-{i}", {"tier": "a" if i % 2 else "b"}))
    names = [c.metadata.name for c in core.list_namespaced_config_map("default", label_selector="tier=a").items]
    assert names == ["page-1", "page-3"]
    names = [c.metadata.name for c in core.list_namespaced_config_map(
        "default", label_selector="tier in (a,b)", field_selector="metadata.name!=page-0").items]
    assert names == ["page-1", "page-2", "page-3", "page-4"]
    seen, token = [], None
    while True:
        page = core.list_namespaced_config_map("default", label_selector="tier", limit=2, _continue=token)
        seen.append([c.metadata.name for c in page.items])
        token = page.metadata._continue
        if not token:
            break
    assert seen == [["page-0", "page-1"], ["page-2", "page-3"], ["page-4"]]


def test_a_watch_sees_a_deployment_roll_out(api_client: client.ApiClient) -> None:
    apps, core = client.AppsV1Api(api_client), client.CoreV1Api(api_client)
    rv = apps.list_namespaced_deployment("default").metadata.resource_version
    pods_rv = core.list_namespaced_pod("default").metadata.resource_version
    deployment = client.V1Deployment(
        metadata=client.V1ObjectMeta(name="rollout"),
        spec=client.V1DeploymentSpec(
            replicas=3, selector=client.V1LabelSelector(match_labels={"app": "rollout"}),
            template=client.V1PodTemplateSpec(
                metadata=client.V1ObjectMeta(labels={"app": "rollout"}),
                spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="nginx")]))))
    threading.Timer(0.5, lambda: apps.create_namespaced_deployment("default", deployment)).start()
    events = []
    w = watch.Watch()
    for ev in w.stream(apps.list_namespaced_deployment, "default", resource_version=rv, timeout_seconds=60,
                       field_selector="metadata.name=rollout"):
        status = ev["object"].status
        events.append((ev["type"], status.available_replicas if status else None))
        if events[-1][1] == 3:
            w.stop()
    assert events[0] == ("ADDED", None) and events[-1] == ("MODIFIED", 3) and len(events) >= 3
    phases: dict[str, list[str]] = {}
    for ev in watch.Watch().stream(core.list_namespaced_pod, "default", resource_version=pods_rv,
                                   label_selector="app=rollout", timeout_seconds=1):
        phases.setdefault(ev["object"].metadata.name, []).append(ev["object"].status.phase)
    assert len(phases) == 3 and all(p[0] == "Pending" and p[-1] == "Running" for p in phases.values())


def _apply(api_client: client.ApiClient, body: dict, manager: str, force: bool = False) -> client.V1ConfigMap:
    """An apply patch: the typed method where the client lets it send apply-patch+yaml (_content_type), else
    through the older clients' call_api."""
    name = body["metadata"]["name"]
    try:
        return client.CoreV1Api(api_client).patch_namespaced_config_map(
            name, "default", body, field_manager=manager, force=force, _content_type="application/apply-patch+yaml")
    except kubernetes.client.exceptions.ApiTypeError:
        query = [("fieldManager", manager)] + ([("force", "true")] if force else [])
        return api_client.call_api(
            f"/api/v1/namespaces/default/configmaps/{name}", "PATCH", query_params=query,
            header_params={"Content-Type": "application/apply-patch+yaml", "Accept": "application/json"},
            body=body, response_type="V1ConfigMap", auth_settings=["BearerToken"], _return_http_data_only=True)


def test_server_side_apply_with_a_conflict(api_client: client.ApiClient) -> None:
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "ssa"}, "data": {"color": "blue"}}
    made = _apply(api_client, body, "first")
    assert made.metadata.managed_fields[0].manager == "first"
    other = dict(body, data={"color": "red"})
    with pytest.raises(ApiException) as e:
        _apply(api_client, other, "second")
    assert e.value.status == 409 and 'conflict with \\"first\\": .data.color' in e.value.body
    forced = _apply(api_client, other, "second", force=True)
    assert forced.data == {"color": "red"}
    assert [m.manager for m in forced.metadata.managed_fields] == ["second"]


def test_a_service_account_bound_to_view_cannot_create(served: Served, api_client: client.ApiClient) -> None:
    core, rbac = client.CoreV1Api(api_client), client.RbacAuthorizationV1Api(api_client)
    core.create_namespaced_service_account("default", client.V1ServiceAccount(
        metadata=client.V1ObjectMeta(name="reader")))
    rbac.create_namespaced_role_binding("default", client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name="reader-view"),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="view"),
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name="reader", namespace="default")]))
    token = core.create_namespaced_service_account_token("reader", "default", client.AuthenticationV1TokenRequest(
        spec=client.V1TokenRequestSpec(audiences=[]))).status.token
    cfg = client.Configuration(host=api_client.configuration.host)
    cfg.ssl_ca_cert = api_client.configuration.ssl_ca_cert
    cfg.api_key = {"authorization": f"Bearer {token}"}
    with client.ApiClient(cfg) as as_reader:
        reader = client.CoreV1Api(as_reader)
        assert reader.list_namespaced_config_map("default").items is not None
        with pytest.raises(ApiException) as e:
            reader.create_namespaced_config_map("default", _cm("denied"))
        assert e.value.status == 403
        assert ('configmaps is forbidden: User \\"system:serviceaccount:default:reader\\" cannot create resource '
                '\\"configmaps\\" in API group \\"\\" in the namespace \\"default\\"') in e.value.body
        review = client.AuthorizationV1Api(as_reader).create_self_subject_access_review(
            client.V1SelfSubjectAccessReview(spec=client.V1SelfSubjectAccessReviewSpec(
                resource_attributes=client.V1ResourceAttributes(namespace="default", verb="delete",
                                                                resource="pods"))))
        assert review.status.allowed is False


def test_no_credentials_is_401_and_plain_http_is_refused(served: Served, api_client: client.ApiClient) -> None:
    cfg = client.Configuration(host=api_client.configuration.host)
    cfg.ssl_ca_cert = api_client.configuration.ssl_ca_cert
    with client.ApiClient(cfg) as anonymous:
        with pytest.raises(ApiException) as e:
            client.CoreV1Api(anonymous).list_namespaced_pod("default")
    assert e.value.status == 401
    with pytest.raises(Exception) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{served.port}/api/v1/namespaces", timeout=10)
    assert "400" in str(refused.value) or "Bad Request" in str(refused.value) or "HTTP" in str(refused.value)
