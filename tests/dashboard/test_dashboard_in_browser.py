"""The dashboard in headless Chromium: the page draws the store's cluster, follows a pykubectl command run in another
process without a reload, and its scale, rollback and edit change the store exactly as the CLI does (compared with
`pykubectl get` on a twin store the CLI drove), with the API server's validation message beside the edited line."""

from __future__ import annotations

import pytest

from tests.dashboard.conftest import severe_logs, wait_for

pytestmark = pytest.mark.usefixtures("driver")


def _read(driver, css: str, attr: str | None = None) -> list[str]:
    """Texts (or an attribute) of the elements matching css, read in one script: the page redraws itself live, so
    element handles kept across two calls may be gone."""
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => arguments[1] ? e.getAttribute(arguments[1]) "
        ": e.textContent);", css, attr)


def _click(driver, element_id: str) -> None:
    """Press a button in one script: a live redraw between finding it and clicking it would leave a stale handle.
    The click runs after the script returns, so a confirmation it opens does not block the answer."""
    assert driver.execute_script("const b = document.getElementById(arguments[0]); if (!b) return false; "
                                 "setTimeout(() => b.click(), 0); return true;", element_id), \
        f"no #{element_id} on the page"


def _pod_links(driver, prefix: str) -> list[str]:
    return [a for a in _read(driver, "a.pod", "aria-label") if a.startswith(f"pod {prefix}")]


def _open(driver, dash, view: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(dash.url + "#/" + view)
    wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-view") == "#/" + view,
             f"the page never drew #/{view}")


def _object_path(kind_path: str, name: str) -> str:
    from urllib.parse import quote

    return "object?path=" + quote(f"/apis/apps/v1/namespaces/default/{kind_path}/{name}", safe="")


def test_cluster_picture_shows_the_stores_nodes_and_pods(driver, make_dashboard):
    dash = make_dashboard()
    _open(driver, dash, "cluster")
    nodes = dash.cli("get nodes -o name").out.split()
    boxes = set(_read(driver, "section.node[data-node]", "data-node"))
    assert boxes == {n.split("/", 1)[1] for n in nodes}
    # Every pod `get pods` lists sits in the box of the node `get pods -o wide` names, with its STATUS and READY.
    for line in dash.cli("get pods -o wide --no-headers").out.splitlines():
        name, ready, status, node = (line.split()[i] for i in (0, 1, 2, 6))
        labels = _read(driver, f'section.node[data-node="{node}"] a.pod', "aria-label")
        assert f"pod default/{name}: {status} ({ready} ready)" in labels
    # The Service lights the pods it selects.
    assert driver.execute_script("const b = [...document.querySelectorAll('.services button')].find(b => "
                                 "b.textContent.startsWith('default/web ')); b.click(); return b.textContent;") \
        == "default/web → 3 pods"
    lit = {a.split(":")[0] for a in _read(driver, "a.pod.lit", "aria-label")}
    assert lit == {f"pod default/{n}" for n in dash.cli("get pods -l app=web -o name").out.replace("pod/", "").split()}
    assert severe_logs(driver) == []


def test_lists_show_kubectls_columns(driver, make_dashboard):
    dash = make_dashboard()
    _open(driver, dash, "pods")
    headers = _read(driver, "table.grid th")
    assert headers[:4] == ["Name", "Namespace", "Ready", "Status"] and "IP" in headers and "Node" in headers
    rows = _read(driver, "table.grid tbody tr:not(.spacer)")
    assert len(rows) == len(dash.cli("get pods -A --no-headers").out.splitlines())
    _open(driver, dash, "services")
    text = " ".join(_read(driver, "#main td"))
    endpoints = dash.cli("get endpoints web --no-headers").out.split()[1]
    assert endpoints in text


def test_a_cli_scale_in_another_process_shows_up_live(driver, make_dashboard):
    dash = make_dashboard()
    _open(driver, dash, "cluster")
    assert len(_pod_links(driver, "default/web-")) == 3
    driver.execute_script("window.notReloaded = true;")
    r = dash.subprocess_cli("scale", "deployment", "web", "--replicas=5")
    assert r.returncode == 0, r.stderr
    wait_for(driver, lambda d: len(_pod_links(d, "default/web-")) == 5, "the scaled pods never appeared")
    assert driver.execute_script("return window.notReloaded === true;")  # updated in place, not reloaded


def test_scale_from_the_page_writes_what_the_cli_writes(driver, make_dashboard):
    from selenium.webdriver.common.by import By

    ui, cli = make_dashboard("ui"), make_dashboard("cli")
    _open(driver, ui, _object_path("deployments", "web"))
    field = driver.find_element(By.ID, "replicas")
    field.clear()
    field.send_keys("5")
    _click(driver, "scale")
    wait_for(driver, lambda d: d.find_element(By.ID, "result").text == "deployment.apps/web scaled",
             "the page did not report the scale")
    assert cli.cli("scale deployment web --replicas=5").out == "deployment.apps/web scaled\n"
    for query in ("get deployments,replicasets -o wide", "get pods -l app=web --no-headers -o custom-columns=READY:.status.phase"):
        assert ui.cli(query).out == cli.cli(query).out


def test_rollback_from_the_page_writes_what_the_cli_writes(driver, make_dashboard):
    from selenium.webdriver.common.by import By

    ui, cli = make_dashboard("ui"), make_dashboard("cli")
    for d in (ui, cli):
        assert d.cli("set image deployment/web nginx=nginx:1.28").code == 0
    _open(driver, ui, _object_path("deployments", "web"))
    _click(driver, "rollout-undo")
    wait_for(driver, lambda d: "deployment.apps/web rolled back" in d.find_element(By.ID, "result").text,
             "the page did not report the rollback")
    result = driver.find_element(By.ID, "result").text
    assert result.startswith("$ pykubectl rollout undo deployment/web -n default")
    assert cli.cli("rollout undo deployment/web").out == "deployment.apps/web rolled back\n"
    for query in ("get deployments,replicasets -o wide", "rollout history deployment/web"):
        assert ui.cli(query).out == cli.cli(query).out
    # A second undo from the page gives the CLI's answer too (back to the revision just left).
    _click(driver, "rollout-undo")
    wait_for(driver, lambda d: d.find_element(By.ID, "result").text.count("rolled back") == 1
             and "nginx:1.28" in ui.cli("get deploy web -o wide").out, "the second rollback did not happen")


def test_an_invalid_edit_shows_the_servers_message_beside_its_line(driver, make_dashboard):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    ui, cli = make_dashboard("ui"), make_dashboard("cli")
    _open(driver, ui, _object_path("deployments", "web"))
    _click(driver, "edit")
    area = wait_for(driver, lambda d: d.find_element(By.ID, "yaml-editor"), "no editor")
    text = area.get_attribute("value")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line == "  replicas: 3")
    lines[at] = "  replicas: -1"
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          area, "\n".join(lines))
    area.send_keys(Keys.END)
    _click(driver, "save")
    problems = wait_for(driver, lambda d: d.find_element(By.ID, "problems").text, "no message from the server")
    # The CLI's message for the same change, from the twin store.
    err = cli.cli(["patch", "deployment", "web", "-p", '{"spec":{"replicas":-1}}']).err
    assert err.startswith('The Deployment "web" is invalid: ')
    cause = err.split(" is invalid: ", 1)[1].strip()
    assert f"line {at + 1}: {cause}" in problems
    marked = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".editor .gutter .err")]
    assert marked == [str(at + 1)]
    assert ui.cli("get deployment web -o jsonpath={.spec.replicas}").out == "3"  # nothing written


def test_a_pasted_manifest_is_created_or_refused_by_the_server(driver, make_dashboard):
    from selenium.webdriver.common.by import By

    dash = make_dashboard()
    _open(driver, dash, "apply")
    manifest = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n---\n"
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports:\n  - port: 70000\n")
    area = driver.find_element(By.ID, "yaml-editor")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          area, manifest)
    _click(driver, "create")
    problems = wait_for(driver, lambda d: d.find_element(By.ID, "problems").text, "no message from the server")
    assert dash.cli("get configmap settings -o jsonpath={.data.mode}").out == "fast"
    assert "configmap/settings created" in driver.find_element(By.ID, "result").text
    err = dash.cli("create -f -", stdin=manifest.split("---\n")[1]).err
    causes = [line[2:] for line in err.splitlines() if line.startswith("* ")]  # the CLI's list of causes
    assert len(causes) == 2
    for cause in causes:
        assert f"line 14: {cause}" in problems.splitlines()  # the port's line in the pasted text
    assert dash.cli("get service bad").code == 1


def test_failing_a_node_from_the_page_writes_what_the_cli_writes_and_shows_in_the_picture(driver, make_dashboard):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    ui, cli = make_dashboard("ui"), make_dashboard("cli")
    _open(driver, ui, "object?path=" + quote("/api/v1/nodes/pykubectl-worker", safe=""))
    _click(driver, "node-fail")
    wait_for(driver, lambda d: "node/pykubectl-worker failed" in d.find_element(By.ID, "result").text,
             "the page did not report the failure")
    assert "$ pykubectl cluster nodes fail pykubectl-worker" in driver.find_element(By.ID, "result").text
    assert cli.cli("cluster nodes fail pykubectl-worker").out == "node/pykubectl-worker failed\n"
    for query in ("get nodes", "get pods -o wide", "get deployments"):
        assert ui.cli(query).out == cli.cli(query).out
    _open(driver, ui, "cluster")
    on_node = _read(driver, 'section.node[data-node="pykubectl-worker"] a.pod', "class")
    assert on_node and all(c == "pod notready" for c in on_node)
    assert "NotReady" in _read(driver, 'section.node[data-node="pykubectl-worker"] .state')[0]


def test_rollout_state_is_the_clis_and_pause_shows_in_the_workloads_list(driver, make_dashboard):
    from selenium.webdriver.common.by import By

    dash = make_dashboard()
    _open(driver, dash, _object_path("deployments", "web"))
    status = dash.cli("rollout status deployment/web --watch=false").out.strip()
    assert driver.find_element(By.ID, "rollout-status").text == f"Rollout: {status}"
    _click(driver, "rollout-pause")
    wait_for(driver, lambda d: "deployment.apps/web paused" in d.find_element(By.ID, "result").text, "no pause")
    assert dash.cli("get deployment web -o jsonpath={.spec.paused}").out == "true"
    _open(driver, dash, "workloads")
    rows = driver.execute_script(
        "return [...document.querySelectorAll('table.grid')][0].querySelectorAll('tbody tr:not(.spacer)')"
        ".values().map(tr => [...tr.cells].map(td => td.textContent)).toArray();")
    by_name = {r[0]: r[-1] for r in rows}
    assert by_name == {"api": "complete", "web": "paused"}


# Every control named for assistive technology, and text contrast of at least 4.5:1 (WCAG AA), on each view.
_ACCESSIBILITY = """
function lum(c) {
  const [r, g, b] = c.match(/[0-9.]+/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function background(el) {
  for (; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    if (c && !/rgba\\(.*, 0\\)$/.test(c) && c !== "transparent") return c;
  }
  return "rgb(255, 255, 255)";
}
const problems = [];
for (const el of document.querySelectorAll("input, select, textarea, button")) {
  const named = el.labels && el.labels.length || el.getAttribute("aria-label") || (el.tagName === "BUTTON" && el.textContent.trim());
  if (!named) problems.push("unnamed " + el.outerHTML.slice(0, 80));
}
for (const el of document.querySelectorAll("body *")) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
  const a = lum(getComputedStyle(el).color), b = lum(background(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} of ${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 30)}`);
}
return problems;
"""


@pytest.mark.parametrize("view", ["cluster", "workloads", "pods", "services", "config", "events", "apply"])
def test_each_view_names_its_controls_and_keeps_text_readable(driver, make_dashboard, view):
    dash = make_dashboard()
    _open(driver, dash, view)
    assert driver.execute_script(_ACCESSIBILITY) == []


def test_the_views_are_reachable_by_keyboard(driver, make_dashboard):
    from selenium.webdriver.common.keys import Keys

    dash = make_dashboard()
    _open(driver, dash, "cluster")
    body = driver.switch_to.active_element
    seen = []
    for _ in range(40):  # Tab through the top of the page to the Pods view's link, then Enter
        body.send_keys(Keys.TAB)
        body = driver.switch_to.active_element
        seen.append(body.text)
        if body.text == "Pods":
            break
    assert seen[-1] == "Pods", seen
    body.send_keys(Keys.ENTER)
    wait_for(driver, lambda d: d.find_element("tag name", "body").get_attribute("data-view") == "#/pods",
             "Enter on the Pods link did not open the view")


def test_drain_from_the_page_prints_and_writes_what_the_cli_does(driver, make_dashboard):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    ui, cli = make_dashboard("ui"), make_dashboard("cli")
    _open(driver, ui, "object?path=" + quote("/api/v1/nodes/pykubectl-worker", safe=""))
    _click(driver, "drain")
    wait_for(driver, lambda d: "node/pykubectl-worker drained" in d.find_element(By.ID, "result").text, "no drain")
    shown = driver.find_element(By.ID, "result").text.splitlines()
    assert shown[0] == "$ pykubectl drain pykubectl-worker --ignore-daemonsets"
    r = cli.cli("drain pykubectl-worker --ignore-daemonsets")
    assert shown[1:] == (r.out + r.err).splitlines()
    for query in ("get nodes", "get deployments", "get pods --field-selector spec.nodeName=pykubectl-worker"):
        assert ui.cli(query).out == cli.cli(query).out


def test_a_secrets_values_stay_hidden_until_asked(driver, make_dashboard):
    import base64
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    dash = make_dashboard()
    assert dash.cli("create secret generic db --from-literal=password=s3cret --from-literal=user=admin").code == 0
    _open(driver, dash, "object?path=" + quote("/api/v1/namespaces/default/secrets/db", safe=""))
    page = driver.find_element(By.ID, "main").text
    stored = base64.b64decode(dash.cli("get secret db -o jsonpath={.data.password}").out).decode()
    assert stored == "s3cret" and stored not in page and dash.cli("get secret db -o jsonpath={.data.password}").out not in page
    assert driver.find_elements(By.CSS_SELECTOR, "pre.yaml") == []  # the YAML holds the values: shown on request
    driver.execute_script("document.querySelector('button[aria-label=\"Show password\"]').click()")
    values = _read(driver, "dl.secret dd")
    assert "s3cret" in values and "admin" not in values  # only the value asked for


def test_a_valid_edit_and_a_delete_from_the_page_write_what_replace_and_delete_write(driver, make_dashboard, tmp_path):
    from selenium.webdriver.common.by import By

    ui, cli = make_dashboard("ui"), make_dashboard("cli")
    _open(driver, ui, _object_path("deployments", "web"))
    _click(driver, "edit")
    area = wait_for(driver, lambda d: d.find_element(By.ID, "yaml-editor"), "no editor")
    edited = area.get_attribute("value").replace("  replicas: 3\n", "  replicas: 4\n", 1)
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          area, edited)
    _click(driver, "save")
    wait_for(driver, lambda d: d.find_element(By.ID, "result").text == "deployment.apps/web replaced", "no save")
    (tmp_path / "web.yaml").write_text(edited)
    assert cli.cli(f"replace -f {tmp_path / 'web.yaml'}").out == "deployment.apps/web replaced\n"
    for query in ("get deployments,replicasets -o wide", "get deployment web -o yaml"):
        assert ui.cli(query).out == cli.cli(query).out

    _open(driver, ui, _object_path("deployments", "api"))
    _click(driver, "delete")
    wait_for(driver, lambda d: d.switch_to.alert, "no confirmation asked").accept()
    wait_for(driver, lambda d: d.find_element(By.ID, "result").text == 'deployment.apps "api" deleted', "no delete")
    assert cli.cli("delete deployment api").out == 'deployment.apps "api" deleted\n'
    for query in ("get deployments,replicasets", "get pods -l app=api"):
        assert ui.cli(query).out == cli.cli(query).out


def test_a_node_and_a_deployment_list_their_pods(driver, make_dashboard):
    from urllib.parse import quote

    dash = make_dashboard()

    def listed() -> list[str]:  # the first cell of each row of the Pods table on the page
        return driver.execute_script(
            "const h = [...document.querySelectorAll('#main h2')].find(h => h.textContent === 'Pods');"
            "return [...h.nextElementSibling.querySelectorAll('tbody tr:not(.spacer)')].map(tr => tr.cells[0].textContent);")

    _open(driver, dash, "object?path=" + quote("/api/v1/nodes/pykubectl-worker", safe=""))
    want = dash.cli("get pods -A --field-selector spec.nodeName=pykubectl-worker -o name").out.replace("pod/", "").split()
    assert want and sorted(listed()) == sorted(want)
    _open(driver, dash, _object_path("deployments", "web"))
    assert sorted(listed()) == sorted(dash.cli("get pods -l app=web -o name").out.replace("pod/", "").split())
    events = dash.cli("get events --field-selector involvedObject.kind=Deployment,involvedObject.name=web "
                      "--no-headers").out.splitlines()
    assert events and f"Events ({len(events)})" in _read(driver, "#main h2")


def test_apply_from_the_page_is_pykubectl_apply_with_causes_by_line(driver, make_dashboard):
    from selenium.webdriver.common.by import By

    ui, cli = make_dashboard("ui"), make_dashboard("cli")
    manifest = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n  selector:\n"
                "    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n"
                "    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n---\n"
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports:\n  - port: 70000\n")
    _open(driver, ui, "apply")
    area = driver.find_element(By.ID, "yaml-editor")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          area, manifest)
    _click(driver, "apply")
    problems = wait_for(driver, lambda d: d.find_element(By.ID, "problems").text, "no message from the server")
    shown = driver.find_element(By.ID, "result").text.splitlines()
    assert shown[0] == "$ pykubectl apply -f - < manifest"
    r = cli.cli("apply -f -", stdin=manifest)
    assert r.code == 1 and shown[1:] == (r.out + r.err).strip().splitlines()
    for query in ("get deployments,replicasets", "get services"):
        assert ui.cli(query).out == cli.cli(query).out
    causes = [line[2:] for line in r.err.splitlines() if line.startswith("* ")]
    assert causes and all(f"line 25: Service bad: {c}" in problems.splitlines() for c in causes)


def test_choosing_a_namespace_shows_only_its_objects(driver, make_dashboard):
    dash = make_dashboard()
    for cmd in ("create namespace team", "create deployment tools --image=busybox:1.36 --replicas=2 -n team"):
        assert dash.cli(cmd).code == 0
    _open(driver, dash, "pods")
    wait_for(driver, lambda d: "team" in _read(d, "#namespace option"), "the new namespace never appeared in the chooser")
    driver.execute_script("const s = document.getElementById('namespace'); s.value = 'team';"
                          "s.dispatchEvent(new Event('change'));")
    want = sorted(dash.cli("get pods -n team -o name").out.replace("pod/", "").split())
    wait_for(driver, lambda d: sorted(r.split("\n")[0] for r in _read(d, "table.grid tbody tr:not(.spacer) td:first-child")) == want,
             "the list did not narrow to the namespace")
    assert "Namespace" not in _read(driver, "table.grid th")  # one namespace: no column for it, as kubectl -n
