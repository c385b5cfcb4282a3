"""The kinds registry: kubectl's resource-type resolution, manifest kind mapping, and api-resources output."""

from __future__ import annotations

from pathlib import Path

import pytest

from pykubectl import errors
from pykubectl.api import registry

SPEC_DIR = Path(__file__).resolve().parents[3] / "shared" / "k8s-openapi" / "v1.32"


@pytest.mark.parametrize(
    ("typed", "group", "kind"),
    [
        ("deploy", "apps", "Deployment"), ("deployment", "apps", "Deployment"),
        ("deployments", "apps", "Deployment"), ("Deployment", "apps", "Deployment"),
        ("Deployments", "apps", "Deployment"), ("deployments.apps", "apps", "Deployment"),
        ("deployment.apps", "apps", "Deployment"), ("deploy.apps", "apps", "Deployment"),
        ("deployment.v1.apps", "apps", "Deployment"), ("deployments.v1.apps", "apps", "Deployment"),
        ("po", "", "Pod"), ("pods", "", "Pod"), ("pod", "", "Pod"), ("svc", "", "Service"),
        ("cm", "", "ConfigMap"), ("ns", "", "Namespace"), ("no", "", "Node"), ("rs", "apps", "ReplicaSet"),
        ("ds", "apps", "DaemonSet"), ("sts", "apps", "StatefulSet"), ("cj", "batch", "CronJob"),
        ("jobs", "batch", "Job"), ("pvc", "", "PersistentVolumeClaim"), ("pv", "", "PersistentVolume"),
        ("ing", "networking.k8s.io", "Ingress"), ("hpa", "autoscaling", "HorizontalPodAutoscaler"),
        ("sa", "", "ServiceAccount"), ("ep", "", "Endpoints"), ("endpoints", "", "Endpoints"),
        # core events come first in discovery, so the bare names pick them
        ("ev", "", "Event"), ("events", "", "Event"), ("events.events.k8s.io", "events.k8s.io", "Event"),
        ("ev.events.k8s.io", "events.k8s.io", "Event"), ("crd", "apiextensions.k8s.io", "CustomResourceDefinition"),
        ("crds", "apiextensions.k8s.io", "CustomResourceDefinition"), ("netpol", "networking.k8s.io", "NetworkPolicy"),
        ("pdb", "policy", "PodDisruptionBudget"), ("quota", "", "ResourceQuota"), ("limits", "", "LimitRange"),
    ],
)
def test_resolve(typed: str, group: str, kind: str) -> None:
    k = registry.resolve(typed)
    assert (k.group, k.kind) == (group, kind)


@pytest.mark.parametrize(
    ("typed", "reported"),
    [
        ("deploymentz", "deploymentz"),
        ("deploymentz.apps", "deploymentz"),  # kubectl names only the part before the first dot
        ("deployments.extensions", "deployments"),
        ("deployments.v1beta1.apps", "deployments"),
        ("pods.apps", "pods"),
        ("PO", "PO"),  # short names are matched exactly
    ],
)
def test_resolve_unknown(typed: str, reported: str) -> None:
    with pytest.raises(errors.ResourceTypeError) as e:
        registry.resolve(typed)
    assert str(e.value) == f'error: the server doesn\'t have a resource type "{reported}"'
    assert e.value.exit_code == 1


def test_resolve_non_preferred_version() -> None:
    k = registry.resolve("horizontalpodautoscalers.v1.autoscaling")
    assert (k.api_version, k.versions) == ("autoscaling/v1", ("v2", "v1"))
    assert registry.resolve("hpa").api_version == "autoscaling/v2"


def test_kind_properties() -> None:
    d = registry.resolve("deploy")
    assert (d.api_version, d.group_resource, d.key) == ("apps/v1", "deployments.apps", ("apps", "Deployment"))
    assert d.namespaced and d.short_names == ("deploy",) and d.categories == ("all",)
    assert "deletecollection" in d.verbs and d.singular == "deployment"
    p = registry.resolve("po")
    assert (p.api_version, p.group_resource, p.key) == ("v1", "pods", ("", "Pod"))
    ns = registry.resolve("ns")
    assert not ns.namespaced and "deletecollection" not in ns.verbs
    assert registry.kind_for("apps", "Deployment") == d
    with pytest.raises(KeyError):
        registry.kind_for("", "Deployment")


def test_all_kinds_in_discovery_order() -> None:
    kinds = registry.all_kinds()
    assert len(kinds) == 58
    assert [k.plural for k in kinds[:3]] == ["bindings", "componentstatuses", "configmaps"]
    assert kinds[-1].plural == "volumeattachments"
    assert len({(k.group, k.kind) for k in kinds}) == 58


def test_by_api_version_kind() -> None:
    assert registry.by_api_version_kind("apps/v1", "Deployment").kind == "Deployment"
    assert registry.by_api_version_kind("v1", "Pod").group == ""
    hpa = registry.by_api_version_kind("autoscaling/v1", "HorizontalPodAutoscaler")
    assert (hpa.api_version, hpa.key) == ("autoscaling/v1", ("autoscaling", "HorizontalPodAutoscaler"))
    assert registry.by_api_version_kind("autoscaling/v2", "HorizontalPodAutoscaler").version == "v2"


@pytest.mark.parametrize(
    ("api_version", "kind"),
    [("extensions/v1beta1", "Deployment"), ("apps/v1beta2", "Deployment"), ("v1", "Deployment"),
     ("apps/v1", "deployment"), ("v2", "Pod"), ("batch/v1beta1", "CronJob")],
)
def test_by_api_version_kind_unserved(api_version: str, kind: str) -> None:
    with pytest.raises(registry.NoKindMatchError) as e:
        registry.by_api_version_kind(api_version, kind)
    assert str(e.value) == f'no matches for kind "{kind}" in version "{api_version}"'
    assert isinstance(e.value, errors.ClientError)


def test_no_kind_match_file_context() -> None:
    with pytest.raises(registry.NoKindMatchError) as e:
        registry.by_api_version_kind("extensions/v1beta1", "Deployment")
    assert str(e.value.for_object("web", "", "f.yaml")) == (
        'error: resource mapping not found for name: "web" namespace: "" from "f.yaml": '
        'no matches for kind "Deployment" in version "extensions/v1beta1"\n'
        "ensure CRDs are installed first"
    )


# ------------------------------------------------------------------------------------------- api-resources

def _golden(name: str) -> str:
    path = SPEC_DIR / name
    if not path.is_file():
        pytest.skip(f"{path} not available")
    return path.read_text()


def test_api_resources_golden() -> None:
    assert registry.api_resources_table() == _golden("api-resources.txt")


def test_api_resources_wide_golden() -> None:
    out = registry.api_resources_table(wide=True)
    assert out == _golden("api-resources-wide.txt")
    assert registry.api_resources_table(output="wide") == out
    # an empty CATEGORIES cell leaves the VERBS column's padding behind, as Go's tabwriter does
    assert "bindings" in out and out.splitlines()[1].endswith("create" + " " * 55)


def test_api_resources_api_group_and_sort_by_kind() -> None:
    assert registry.api_resources_table(api_group="apps", sort_by="kind") == (
        "NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
        "controllerrevisions                apps/v1      true         ControllerRevision\n"
        "daemonsets            ds           apps/v1      true         DaemonSet\n"
        "deployments           deploy       apps/v1      true         Deployment\n"
        "replicasets           rs           apps/v1      true         ReplicaSet\n"
        "statefulsets          sts          apps/v1      true         StatefulSet\n"
    )


def test_api_resources_columns_never_narrower_than_minwidth() -> None:
    out = registry.api_resources_table(api_group="policy", no_headers=True)
    # printers.GetNewTabWriter: minimum cell width 6 with padding 3, so "pdb" takes len+3 (real kubectl 1.32
    # through serve printed this line)
    assert out == "poddisruptionbudgets   pdb   policy/v1   true   PodDisruptionBudget\n"


def test_api_resources_core_group_only() -> None:
    out = registry.api_resources_table(api_group="", output="name")
    assert out.splitlines()[:3] == ["bindings", "componentstatuses", "configmaps"]
    assert len(out.splitlines()) == 17


def test_api_resources_name_output_namespaced_false() -> None:
    out = registry.api_resources_table(namespaced=False, output="name").splitlines()
    assert out[:4] == ["componentstatuses", "namespaces", "nodes", "persistentvolumes"]
    assert "customresourcedefinitions.apiextensions.k8s.io" in out
    assert "pods" not in out and len(out) == 27


def test_api_resources_sort_by_name_is_stable_for_equal_names() -> None:
    out = registry.api_resources_table(sort_by="name", no_headers=True).splitlines()
    names = [line.split()[0] for line in out]
    assert names == sorted(names)
    events = [line for line in out if line.startswith("events ")]
    assert [e.split()[2] for e in events] == ["v1", "events.k8s.io/v1"]


def test_api_resources_verbs_and_categories_filters() -> None:
    only_create = registry.api_resources_table(verbs=["create"], output="name").splitlines()
    assert "tokenreviews.authentication.k8s.io" in only_create and "componentstatuses" not in only_create
    get_list = registry.api_resources_table(verbs=["get", "list"], output="name").splitlines()
    assert "componentstatuses" in get_list and "bindings" not in get_list
    all_cat = registry.api_resources_table(categories=["all"], output="name").splitlines()
    assert all_cat == ["pods", "replicationcontrollers", "services", "daemonsets.apps", "deployments.apps",
                       "replicasets.apps", "statefulsets.apps", "horizontalpodautoscalers.autoscaling",
                       "cronjobs.batch", "jobs.batch"]


def test_api_resources_no_headers_and_empty() -> None:
    assert registry.api_resources_table(api_group="nope") == "NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
    assert registry.api_resources_table(api_group="nope", no_headers=True) == ""


def test_api_resources_bad_sort_by() -> None:
    with pytest.raises(errors.ClientError, match="--sort-by accepts only name or kind"):
        registry.api_resources_table(sort_by="group")


# ------------------------------------------------------------------------------------------- custom kinds

_CRD = {
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": {"name": "gizmos.example.com"},
    "spec": {"group": "example.com", "scope": "Cluster",
             "names": {"plural": "gizmos", "singular": "gizmo", "kind": "Gizmo", "shortNames": ["gz"],
                       "categories": ["all"]},
             "versions": [{"name": "v1alpha1", "served": True, "storage": False},
                          {"name": "v1", "served": True, "storage": True},
                          {"name": "v2beta1", "served": True, "storage": False},
                          {"name": "v0", "served": False, "storage": False}]},
}


def test_custom_kinds_are_read_only_when_a_lookup_misses_the_built_in_ones() -> None:
    reads = []

    def source() -> list[dict]:
        reads.append(1)
        return [_CRD]

    registry.serve_custom_resources(source)
    try:
        assert registry.resolve("deploy").kind == "Deployment"
        assert registry.by_api_version_kind("v1", "Pod").kind == "Pod"
        assert reads == []
        k = registry.resolve("gz")
        # served versions in Kubernetes' priority order: GA, then beta, then alpha
        assert (k.kind, k.version, k.versions, k.namespaced) == ("Gizmo", "v1", ("v1", "v2beta1", "v1alpha1"), False)
        assert registry.resolve("gizmos.example.com") == k
        assert registry.by_api_version_kind("example.com/v2beta1", "Gizmo").version == "v2beta1"
        with pytest.raises(registry.NoKindMatchError):
            registry.by_api_version_kind("example.com/v0", "Gizmo")  # not served
        with pytest.raises(registry.NoKindMatchError):
            registry.by_api_version_kind("example.com/v1", "Gizmo", custom=False)
        assert reads == [1]  # read once, then remembered
        assert registry.definition_for("example.com", "Gizmo") is _CRD
        assert registry.definition_for("apps", "Deployment") is None
        registry.forget_custom_kinds()
        registry.resolve("gizmo")
        assert reads == [1, 1]
        assert [k.plural for k in registry.all_kinds(custom=True)][-1] == "gizmos"
        assert "gizmos" not in [k.plural for k in registry.all_kinds()]
    finally:
        registry.serve_custom_resources(None)
    with pytest.raises(errors.ResourceTypeError):
        registry.resolve("gizmos")
