"""Default tables, with expected text derived from the row functions in kubernetes printers.go (v1.32)."""

from __future__ import annotations

from datetime import datetime, timezone

from pykubectl.printers.table import columns, format_table, print_events_table, print_table

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)


def _meta(name: str, created: str = "2024-05-01T08:00:00Z", ns: str | None = "default", **extra: object) -> dict:
    m: dict = {"name": name, "creationTimestamp": created, **extra}
    if ns:
        m["namespace"] = ns
    return m


def _pod(name: str, **status: object) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": _meta(name, labels={"app": "web", "pod-template-hash": "7d4b9c8f6b"}),
        "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}], "nodeName": "node-1"},
        "status": {
            "phase": "Running",
            "podIP": "10.244.1.5",
            "podIPs": [{"ip": "10.244.1.5"}],
            "conditions": [{"type": "Ready", "status": "True"}, {"type": "Initialized", "status": "True"}],
            "containerStatuses": [
                {"name": "nginx", "ready": True, "restartCount": 0, "state": {"running": {"startedAt": "x"}}}
            ],
            **status,
        },
    }


def test_layout_pads_all_but_last_column() -> None:
    assert format_table([["NAME", "AGE"], ["a", "5s"]]) == "NAME   AGE\na      5s\n"
    # tabwriter's minimum cell width is 6 including padding.
    assert format_table([["A", "B"], ["x", "y"]]) == "A     B\nx     y\n"


def test_running_pod_and_wide() -> None:
    out = print_table([_pod("web-7d4b9c8f6b-x2x4k")], "Pod", now=NOW)
    assert out == (
        "NAME                   READY   STATUS    RESTARTS   AGE\n"
        "web-7d4b9c8f6b-x2x4k   1/1     Running   0          4h\n"
    )
    wide = print_table([_pod("p")], "Pod", now=NOW, wide=True)
    assert wide.splitlines() == [
        "NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES",
        "p      1/1     Running   0          4h    10.244.1.5   node-1   <none>           <none>",
    ]


def test_pod_crashloop_with_restart_age() -> None:
    st = {
        "name": "nginx", "ready": False, "restartCount": 2,
        "state": {"waiting": {"reason": "CrashLoopBackOff"}},
        "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": "2024-05-01T11:55:00Z"}},
    }  # fmt: skip
    out = print_table([_pod("p", containerStatuses=[st])], "Pod", now=NOW, no_headers=True)
    assert out == "p     0/1   CrashLoopBackOff   2 (5m ago)   4h\n"


def test_pod_statuses() -> None:
    def status_of(**st: object) -> str:
        return print_table([_pod("p", **st)], "Pod", now=NOW, no_headers=True).split()[2]

    pending = {"phase": "Pending", "conditions": [], "containerStatuses": [
        {"name": "nginx", "ready": False, "restartCount": 0, "state": {"waiting": {"reason": "ContainerCreating"}}}]}
    assert status_of(**pending) == "ContainerCreating"
    done = {"phase": "Succeeded", "containerStatuses": [
        {"name": "nginx", "ready": False, "restartCount": 0,
         "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}
    assert status_of(**done) == "Completed"
    assert status_of(phase="Pending", containerStatuses=[]) == "Pending"
    init = _pod("p", phase="Pending", conditions=[], containerStatuses=[], initContainerStatuses=[
        {"name": "init", "ready": False, "restartCount": 0, "state": {"running": {}}}])
    init["spec"]["initContainers"] = [{"name": "init", "image": "busybox"}]
    assert print_table([init], "Pod", now=NOW, no_headers=True).split()[2] == "Init:0/1"
    gone = _pod("p")
    gone["metadata"]["deletionTimestamp"] = "2024-05-01T11:59:00Z"
    assert print_table([gone], "Pod", now=NOW, no_headers=True).split()[2] == "Terminating"


def test_deployment_with_prefix_namespace_and_labels() -> None:
    dep = {
        "kind": "Deployment",
        "metadata": _meta("web", labels={"app": "web", "tier": "fe"}),
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}},
        "status": {"readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2},
    }  # fmt: skip
    out = print_table([dep], "Deployment", now=NOW, kind_prefix="deployment.apps", namespace_column=True,
                      show_labels=True, label_columns=["app.kubernetes.io/tier", "tier"])
    assert out.splitlines() == [
        "NAMESPACE   NAME                  READY   UP-TO-DATE   AVAILABLE   AGE   TIER   TIER   LABELS",
        "default     deployment.apps/web   2/3     3            2           4h           fe     app=web,tier=fe",
    ]
    wide = print_table([dep], "Deployment", now=NOW, wide=True, no_headers=True)
    assert wide == "web   2/3   3     2     4h    nginx   nginx:1.25   app=web\n"


def test_services() -> None:
    def svc(name: str, typ: str, ports: list, **spec: object) -> dict:
        return {"kind": "Service", "metadata": _meta(name, "2024-04-01T12:00:00Z"),
                "spec": {"type": typ, "ports": ports, **spec}}

    k = svc("kubernetes", "ClusterIP", [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}],
            clusterIP="10.96.0.1", clusterIPs=["10.96.0.1"])
    lb = svc("web", "LoadBalancer", [{"port": 80, "protocol": "TCP", "nodePort": 31234}],
             clusterIPs=["10.96.10.7"], selector={"app": "web"})
    out = print_table([k, lb], "Service", now=NOW, wide=True)
    assert out.splitlines() == [
        "NAME         TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   SELECTOR",
        "kubernetes   ClusterIP      10.96.0.1    <none>        443/TCP        30d   <none>",
        "web          LoadBalancer   10.96.10.7   <pending>     80:31234/TCP   30d   app=web",
    ]


def test_nodes() -> None:
    node = {
        "kind": "Node",
        "metadata": _meta("cp-1", "2024-04-29T12:00:00Z", ns=None,
                          labels={"node-role.kubernetes.io/control-plane": ""}),
        "spec": {"unschedulable": True},
        "status": {"conditions": [{"type": "Ready", "status": "True"}],
                   "addresses": [{"type": "InternalIP", "address": "172.18.0.2"}],
                   "nodeInfo": {"kubeletVersion": "v1.32.0", "osImage": "Debian GNU/Linux 12 (bookworm)",
                                "kernelVersion": "6.1.0", "containerRuntimeVersion": "containerd://1.7.18"}},
    }  # fmt: skip
    worker = {"kind": "Node", "metadata": _meta("w-1", "2024-04-29T12:00:00Z", ns=None),
              "status": {"nodeInfo": {"kubeletVersion": "v1.32.0"}}}
    assert print_table([node, worker], "Node", now=NOW).splitlines() == [
        "NAME   STATUS                     ROLES           AGE   VERSION",
        "cp-1   Ready,SchedulingDisabled   control-plane   2d    v1.32.0",
        "w-1    Unknown                    <none>          2d    v1.32.0",
    ]
    assert print_table([node], "Node", now=NOW, wide=True, no_headers=True).endswith(
        "172.18.0.2   <none>   Debian GNU/Linux 12 (bookworm)   6.1.0   containerd://1.7.18\n"
    )


def test_job_and_cronjob() -> None:
    job = {"kind": "Job", "metadata": _meta("pi"), "spec": {"completions": 1, "parallelism": 1},
           "status": {"succeeded": 1, "startTime": "2024-05-01T10:00:00Z", "completionTime": "2024-05-01T10:00:42Z",
                      "conditions": [{"type": "SuccessCriteriaMet", "status": "True"},
                                     {"type": "Complete", "status": "True"}]}}  # fmt: skip
    assert print_table([job], "Job", now=NOW) == (
        "NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           42s        4h\n"
    )
    cj = {"kind": "CronJob", "metadata": _meta("tick"), "spec": {"schedule": "*/5 * * * *", "suspend": False},
          "status": {"lastScheduleTime": "2024-05-01T11:55:00Z", "active": [{"name": "tick-1"}]}}
    assert print_table([cj], "CronJob", now=NOW).splitlines() == [
        "NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE",
        "tick   */5 * * * *   <none>     False     1        5m              4h",
    ]


def test_simple_kinds_and_fallback() -> None:
    cm = {"kind": "ConfigMap", "metadata": _meta("kube-root-ca.crt"), "data": {"ca.crt": "x"}}
    assert print_table([cm], "ConfigMap", now=NOW) == "NAME               DATA   AGE\nkube-root-ca.crt   1      4h\n"
    sec = {"kind": "Secret", "metadata": _meta("s"), "type": "Opaque", "data": {"a": "", "b": ""}}
    assert print_table([sec], "Secret", now=NOW) == "NAME   TYPE     DATA   AGE\ns      Opaque   2      4h\n"
    ns = {"kind": "Namespace", "metadata": _meta("default", ns=None), "status": {"phase": "Active"}}
    assert print_table([ns], "Namespace", now=NOW) == "NAME      STATUS   AGE\ndefault   Active   4h\n"
    cr = {"kind": "Widget", "metadata": _meta("w")}
    assert print_table([cr], "Widget", now=NOW) == "NAME   AGE\nw      4h\n"
    assert columns("Job", wide=False) == ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"]
    assert columns("PriorityClass", wide=False)[-1] == "PREEMPTIONPOLICY"
    assert print_table([], "Pod", now=NOW) == ""


def test_events() -> None:
    ev = {"kind": "Event", "metadata": _meta("web.17c"), "type": "Normal", "reason": "ScalingReplicaSet",
          "involvedObject": {"kind": "Deployment", "name": "web"}, "count": 1,
          "message": "Scaled up replica set web-7d4b9c8f6b from 0 to 3",
          "firstTimestamp": "2024-05-01T11:58:00Z", "lastTimestamp": "2024-05-01T11:58:00Z",
          "source": {"component": "deployment-controller"}}  # fmt: skip
    assert print_events_table([ev], now=NOW).splitlines() == [
        "LAST SEEN   TYPE     REASON              OBJECT           MESSAGE",
        "2m          Normal   ScalingReplicaSet   deployment/web   Scaled up replica set web-7d4b9c8f6b from 0 to 3",
    ]


# The common-pod row (table._pod_row_plain, inlined accessors for long listings) must print what the general row
# function prints, for any shape of status it accepts.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pykubectl.printers import table as _table  # noqa: E402

_ts = st.sampled_from(["", "2024-05-01T11:55:00Z", "2024-05-01T11:59:30Z", "2024-04-30T12:00:00Z"])
_state = st.one_of(
    st.none(), st.just({}), st.just([]),
    st.fixed_dictionaries({"running": st.sampled_from([{}, {"startedAt": "x"}, None])}),
    st.fixed_dictionaries({"waiting": st.fixed_dictionaries({}, optional={
        "reason": st.sampled_from(["", "CrashLoopBackOff", "ContainerCreating", "PodInitializing"])})}),
    st.fixed_dictionaries({"terminated": st.fixed_dictionaries({}, optional={
        "reason": st.sampled_from(["", "Completed", "Error", "OOMKilled"]), "exitCode": st.sampled_from([0, 1, 137]),
        "signal": st.sampled_from([0, 9]), "finishedAt": _ts})}),
)
_cstatus = st.fixed_dictionaries({"name": st.just("c")}, optional={
    "ready": st.booleans(), "restartCount": st.sampled_from([0, 1, 5, 2.0, True, None, "3"]),
    "state": _state, "lastState": _state})
_cond = st.fixed_dictionaries({"type": st.sampled_from(["Ready", "Initialized", "PodScheduled", "gate-a"])},
                              optional={"status": st.sampled_from(["True", "False"]),
                                        "reason": st.sampled_from(["SchedulingGated", "Unschedulable"])})
_status = st.fixed_dictionaries({}, optional={
    "phase": st.sampled_from(["Pending", "Running", "Succeeded", "Failed", "Unknown", None]),
    "reason": st.sampled_from(["", "NodeLost", "Evicted", None]),
    "conditions": st.lists(_cond, max_size=4),
    "containerStatuses": st.lists(_cstatus, max_size=3),
    "initContainerStatuses": st.lists(_cstatus, max_size=2),
    "podIPs": st.lists(st.fixed_dictionaries({"ip": st.just("10.0.0.1")}), max_size=1),
    "nominatedNodeName": st.sampled_from(["", "n2"]),
})
_spec = st.fixed_dictionaries({}, optional={
    "containers": st.lists(st.fixed_dictionaries({"name": st.just("c")}), max_size=3),
    "initContainers": st.lists(st.fixed_dictionaries({"name": st.just("c")}, optional={
        "restartPolicy": st.just("Always")}), max_size=2),
    "readinessGates": st.lists(st.fixed_dictionaries({"conditionType": st.just("gate-a")}), max_size=1),
    "nodeName": st.sampled_from(["", "n1"]),
})
_md = st.fixed_dictionaries({"name": st.just("p")}, optional={
    "creationTimestamp": _ts, "deletionTimestamp": st.sampled_from(["", "2024-05-01T11:59:00Z"])})


@settings(max_examples=400, deadline=None)
@given(_md, _spec, _status, st.booleans())
def test_plain_pod_row_equals_general_row(md, spec, status, wide) -> None:
    pod = {"metadata": md, "spec": spec, "status": status}
    assert _table._pod_row(pod, NOW, wide) == _table._pod_row_any(pod, NOW, wide)
    if _table._pod_row_plain(pod, NOW) is not None:
        assert _table._pod_row_plain(pod, NOW) == _table._pod_row_any(pod, NOW, False)


# `get pods` prints from the store's pod_rows index (store.pod_row: table.pod_table_fields and the labels) instead of
# the bodies: every flag's table must be the one the bodies give.
_labels = st.dictionaries(st.sampled_from(["app", "tier", "example.com/team"]), st.sampled_from(["web", "db", ""]),
                          max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_md, _spec, _status, _labels, st.sampled_from(["default", "kube-system"])), min_size=1,
                max_size=4),
       st.booleans(), st.booleans(), st.sampled_from([(), ("app",), ("tier", "example.com/team")]), st.booleans(),
       st.sampled_from(["", "pod"]))
def test_pod_table_from_index_rows_equals_from_bodies(pods, wide, show_labels, label_cols, ns_col, prefix) -> None:
    from pykubectl.store.store import pod_row

    objs = []
    for i, (md, spec, status, labels, ns) in enumerate(pods):
        md = {**md, "name": f"p{i}", "namespace": ns}
        if labels:
            md["labels"] = labels
        objs.append({"apiVersion": "v1", "kind": "Pod", "metadata": md, "spec": spec, "status": status})
    rows = _table.PodTableRows([(o["metadata"]["namespace"], o["metadata"]["name"], *pod_row(o)) for o in objs])
    flags = dict(now=NOW, wide=wide, show_labels=show_labels, label_columns=label_cols, namespace_column=ns_col,
                 show_kind=bool(prefix), kind_prefix=prefix)
    assert _table.print_table(rows, "Pod", **flags) == _table.print_table(objs, "Pod", **flags)
