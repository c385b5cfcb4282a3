// The pykubectl dashboard page. Reads and writes go through the Kubernetes REST API the dashboard server hands to
// pykubectl serve's request handler; actions that are not REST (rollout undo, drain, node failure, clock advance)
// go to /dashboard/v1/actions, which runs the pykubectl command and answers with its output.
"use strict";

const WRITE = { "X-Pykubectl-Dashboard": "1" };
const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io, application/json";
const state = { ns: "", version: null, kinds: null, route: null, refreshing: false, again: false, editing: false };

// ---- requests -------------------------------------------------------------------------------------------------
async function getJSON(path, accept) {
  const r = await fetch(path, { headers: { Accept: accept || "application/json" } });
  const body = await r.json();
  if (!r.ok) throw Object.assign(new Error(body.message || r.statusText), { status: body });
  return body;
}

async function send(method, path, body, contentType) {
  const headers = Object.assign({ "Content-Type": contentType || "application/json", Accept: "application/json" }, WRITE);
  const r = await fetch(path, { method, headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { json = { message: text }; }
  return { ok: r.ok, code: r.status, body: json };
}

function listPath(k, ns) {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  return k.namespaced && ns ? `${base}/namespaces/${encodeURIComponent(ns)}/${k.plural}` : `${base}/${k.plural}`;
}

function objectPath(k, ns, name) {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  return (k.namespaced ? `${base}/namespaces/${encodeURIComponent(ns)}/${k.plural}` : `${base}/${k.plural}`) + "/" + encodeURIComponent(name);
}

// What kubectl prints before "/name" or " \"name\"": deployment.apps, pod.
function displayKind(k) { return k.group ? k.kind.toLowerCase() + "." + k.group : k.kind.toLowerCase(); }
function kindOf(name) { return state.kinds.find(k => k.kind === name); }
function kindOfObj(o) { return state.kinds.find(k => k.kind === o.kind && k.apiVersions.includes(o.apiVersion)); }
function pathOf(o, k) { k = k || kindOfObj(o); return k ? objectPath(k, o.metadata.namespace || "", o.metadata.name) : null; }
function objectHref(o, k) { const p = pathOf(o, k); return p ? "#/object?path=" + encodeURIComponent(p) : "#"; }

// A list as the server-side Table (kubectl's columns) with the objects.
// Rows carry the objects' metadata only, unless whole objects are asked for (a tenth of the bytes for pods).
async function table(kindName, ns, whole) {
  const k = kindOf(kindName);
  const t = await getJSON(listPath(k, ns === undefined ? state.ns : ns) + "?includeObject=" + (whole ? "Object" : "Metadata"), TABLE);
  return { kind: k, columns: t.columnDefinitions.map(c => c.name), rows: t.rows.map(r => ({ cells: r.cells, obj: r.object })) };
}

async function items(kindName, ns) {
  const k = kindOf(kindName);
  return (await getJSON(listPath(k, ns === undefined ? state.ns : ns))).items;
}

// ---- small helpers --------------------------------------------------------------------------------------------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c.nodeType ? c : String(c));
  return el;
}

function showResult(text, isError, command) {
  const el = document.getElementById("result");
  el.hidden = false;
  el.className = "result" + (isError ? " error" : "");
  el.replaceChildren();
  if (command) el.append(h("div", { class: "cmd" }, "$ " + command));
  el.append(text);
}

function statusText(body) { return body && body.message ? "Error from server" + (body.reason ? ` (${body.reason})` : "") + ": " + body.message : "request failed"; }

async function action(req) {
  const r = await send("POST", "/dashboard/v1/actions", req);
  if (!r.ok) { showResult(statusText(r.body), true); return r; }
  const out = (r.body.stdout || "") + (r.body.stderr || "");
  showResult(out.trimEnd() || "(no output)", r.body.exitCode !== 0, r.body.command);
  return r;
}

// kubectl-style quantities: CPU in millicores, memory in bytes.
const SUFFIX = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6 };
function quantity(q) {
  if (q === undefined || q === null) return 0;
  const m = String(q).match(/^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$/);
  return m && m[2] in SUFFIX ? parseFloat(m[1]) * SUFFIX[m[2]] : 0;
}
function bytes(n) { for (const [s, f] of [["Gi", 1024 ** 3], ["Mi", 1024 ** 2], ["Ki", 1024]]) if (n >= f) return (n / f).toFixed(n / f < 10 ? 1 : 0) + s; return String(Math.round(n)); }

// What a pod's colour says: kubectl's STATUS column (the server-side Table's cell) and the pod's Ready condition (a
// pod on a failed node keeps READY 1/1, as on a real cluster, but is no longer Ready), in six groups.
function podState(status, podReady) {
  if (status === "Running") return podReady ? "ready" : "notready";
  if (status === "Completed" || status === "Succeeded") return "succeeded";
  if (status === "Terminating") return "terminating";
  if (status === "Pending" || status === "ContainerCreating" || status === "PodInitializing" || status.startsWith("Init:")) return "pending";
  return "failed";
}

// A one-word reading of a workload's rollout: "paused", "stalled" (progress deadline exceeded), "complete" (every
// replica updated and available at the observed generation) or "in progress"; `rollout status` says it in full.
function rolloutState(o) {
  const spec = o.spec || {}, st = o.status || {};
  if (spec.paused) return "paused";
  if ((st.conditions || []).some(c => c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded")) return "stalled";
  if ((o.metadata.generation || 0) > (st.observedGeneration || 0)) return "in progress";
  const want = o.kind === "DaemonSet" ? st.desiredNumberScheduled || 0 : spec.replicas ?? 1;
  const updated = o.kind === "DaemonSet" ? st.updatedNumberScheduled || 0 : st.updatedReplicas || 0;
  const available = o.kind === "DaemonSet" ? st.numberAvailable || 0 : o.kind === "StatefulSet" ? st.readyReplicas || 0 : st.availableReplicas || 0;
  const total = o.kind === "Deployment" ? st.replicas || 0 : want;
  return updated >= want && available >= want && total <= want ? "complete" : "in progress";
}

function nodeReady(n) { return ((n.status && n.status.conditions) || []).some(c => c.type === "Ready" && c.status === "True"); }

function selects(sel, labels) {
  if (!sel || !Object.keys(sel).length) return false;
  labels = labels || {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

// ---- a virtualised table: only the rows in view are in the document, so 10,000 rows scroll smoothly ------------
function virtualTable(columns, rows, label) {
  const rowH = parseInt(getComputedStyle(document.documentElement).getPropertyValue("--row"), 10) || 28;
  const wrap = h("div", { class: "vscroll", tabindex: "0", role: "region", "aria-label": label });
  const tbl = h("table", { class: "grid", "aria-rowcount": rows.length + 1 });
  tbl.append(h("caption", { class: "count" }, `${label}: ${rows.length}`));
  tbl.append(h("thead", {}, h("tr", { "aria-rowindex": 1 }, columns.map(c => h("th", { scope: "col" }, c)))));
  const body = h("tbody");
  tbl.append(body);
  wrap.append(tbl);
  let last = "";
  function draw() {
    const view = wrap.clientHeight || window.innerHeight * 0.7;
    const first = Math.max(0, Math.floor(wrap.scrollTop / rowH) - 10);
    const end = Math.min(rows.length, first + Math.ceil(view / rowH) + 30);
    if (last === `${first}:${end}:${rows.length}`) return;
    last = `${first}:${end}:${rows.length}`;
    const out = [h("tr", { class: "spacer", "aria-hidden": "true" }, h("td", { colspan: columns.length, style: `height:${first * rowH}px` }))];
    for (let i = first; i < end; i++) {
      const r = rows[i];
      out.push(h("tr", { "aria-rowindex": i + 2 }, r.cells.map((c, j) => h("td", { title: typeof c === "string" ? c : null },
        j === 0 && r.href ? h("a", { href: r.href }, c) : c))));
    }
    out.push(h("tr", { class: "spacer", "aria-hidden": "true" }, h("td", { colspan: columns.length, style: `height:${(rows.length - end) * rowH}px` })));
    body.replaceChildren(...out);
  }
  wrap.addEventListener("scroll", () => requestAnimationFrame(draw));
  requestAnimationFrame(draw);
  draw();
  return wrap;
}

// A server-side Table as rows: NAME first (a link to the object), NAMESPACE after it when all namespaces show.
function tableRows(t, withNamespace) {
  const cols = t.columns.slice();
  if (withNamespace && t.kind.namespaced) cols.splice(0, 0, "Namespace");
  const rows = t.rows.map(r => {
    const cells = r.cells.slice();
    if (withNamespace && t.kind.namespaced) cells.splice(0, 0, r.obj.metadata.namespace || "");
    return { cells, href: objectHref(r.obj, t.kind), obj: r.obj };
  });
  if (withNamespace && t.kind.namespaced) { // the name stays the link: move it first
    cols.splice(0, 2, cols[1], cols[0]);
    for (const r of rows) r.cells.splice(0, 2, r.cells[1], r.cells[0]);
  }
  return { cols, rows };
}

// Several lists, fetched at once and shown in the order given.
async function tableSections(main, ...sections) {
  const tables = await Promise.all(sections.map(([, kindName, rollout]) => table(kindName, undefined, rollout)));
  sections.forEach(([title, , rollout], i) => {
    const { cols, rows } = tableRows(tables[i], !state.ns);
    if (rollout) { // a column for the rollout's state, read from the status the controllers write
      cols.push("Rollout");
      for (const r of rows) r.cells.push(rolloutState(r.obj));
    }
    main.append(h("h2", {}, title), virtualTable(cols, rows, title));
  });
}

// ---- views ----------------------------------------------------------------------------------------------------
const VIEWS = {
  async cluster(main) {
    const [nodes, podTable, services, usage] = await Promise.all([items("Node"), table("Pod", undefined, true), items("Service"),
      getJSON("/dashboard/v1/usage")]);
    const col = name => podTable.columns.indexOf(name);
    const [cReady, cStatus, cNode] = [col("Ready"), col("Status"), col("Node")];
    const pods = podTable.rows.map(r => ({ metadata: r.obj.metadata, ready: r.cells[cReady], status: r.cells[cStatus], node: r.cells[cNode],
      podReady: ((r.obj.status && r.obj.status.conditions) || []).some(c => c.type === "Ready" && c.status === "True") }));
    const byNode = new Map(nodes.map(n => [n.metadata.name, []]));
    const unscheduled = [];
    for (const p of pods) (byNode.get(p.node) || unscheduled).push(p);
    const many = pods.length > 2000;
    const legend = h("ul", { class: "legend", "aria-label": "Pod colours" },
      [["ready", "Running and ready"], ["notready", "Running, not ready"], ["pending", "Pending"], ["failed", "Failing (crash loop, image pull, error)"],
        ["succeeded", "Completed"], ["terminating", "Terminating"]].map(([c, t]) => h("li", {}, h("span", { class: "pod " + c, "aria-hidden": "true" }), t)));
    const boxes = h("div", { class: "nodes" + (many ? " many" : "") });
    const podEls = new Map();
    const podKind = kindOf("Pod");
    // Up to 300 pods each is a stop of the Tab key; past that the picture is passed over by Tab (the Pods view lists
    // every pod, a link each, for the keyboard) rather than making its users press Tab thousands of times.
    const tabStop = pods.length <= 300 ? null : "-1";
    function podLink(p) {
      const text = `${p.status} (${p.ready} ready)${p.status === "Running" && !p.podReady ? ", pod not Ready" : ""}`;
      const a = h("a", { class: "pod " + podState(p.status, p.podReady), href: objectHref(p, podKind), title: `${p.metadata.namespace}/${p.metadata.name}: ${text}`,
        "aria-label": `pod ${p.metadata.namespace}/${p.metadata.name}: ${text}`, tabindex: tabStop });
      podEls.set(p.metadata.uid, a);
      return a;
    }
    for (const n of nodes) {
      const np = byNode.get(n.metadata.name);
      const alloc = (n.status && n.status.allocatable) || {};
      const [cpu, mem, count] = usage[n.metadata.name] || [0, 0, 0];  // what the scheduler counts as requested
      const ready = nodeReady(n), cordoned = !!(n.spec && n.spec.unschedulable);
      const stateText = (ready ? "Ready" : "NotReady") + (cordoned ? ", SchedulingDisabled" : "");
      const bar = (label, used, total, fmt) => h("div", { class: "bar" }, h("span", {}, label),
        h("meter", { min: 0, max: total || 1, value: Math.min(used, total || 1), "aria-label": `${label} requested ${fmt(used)} of ${fmt(total)}` }),
        h("span", {}, `${fmt(used)}/${fmt(total)}`));
      boxes.append(h("section", { class: "node" + (ready ? "" : " notready") + (cordoned ? " cordoned" : ""),
        "aria-label": `node ${n.metadata.name}: ${stateText}, ${np.length} pods`, "data-node": n.metadata.name },
        h("h3", {}, h("a", { href: objectHref(n) }, n.metadata.name), h("span", { class: "state" }, stateText)),
        h("div", { class: "bars" },
          bar("CPU", cpu, quantity(alloc.cpu) * 1000, v => Math.round(v) + "m"),
          bar("Memory", mem, quantity(alloc.memory), bytes),
          bar("Pods", count, quantity(alloc.pods), v => String(Math.round(v)))),
        h("div", { class: "pods" }, np.map(podLink))));
    }
    if (unscheduled.length) {
      boxes.append(h("section", { class: "node", "aria-label": `not scheduled: ${unscheduled.length} pods` },
        h("h3", {}, "Not scheduled", h("span", { class: "state" }, `${unscheduled.length} pods`)),
        h("div", { class: "pods" }, unscheduled.map(podLink))));
    }
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "links"); svg.setAttribute("aria-hidden", "true");
    const picture = h("div", { class: "picture" });
    function light(svc, btn) {
      for (const el of picture.querySelectorAll(".pod.lit")) el.classList.remove("lit");
      for (const b of picture.querySelectorAll(".services button")) b.setAttribute("aria-pressed", "false");
      svg.replaceChildren();
      state.lit = svc ? `${svc.metadata.namespace}/${svc.metadata.name}` : null;
      if (!svc) return;
      btn.setAttribute("aria-pressed", "true");
      const box = picture.getBoundingClientRect(), from = btn.getBoundingClientRect();
      let drawn = 0;
      for (const p of pods) {
        if (p.metadata.namespace !== svc.metadata.namespace || !selects(svc.spec.selector, p.metadata.labels)) continue;
        const el = podEls.get(p.metadata.uid);
        if (!el) continue;
        el.classList.add("lit");
        if (drawn++ > 300) continue;
        const to = el.getBoundingClientRect();
        const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
        line.setAttribute("x1", from.left - box.left); line.setAttribute("y1", from.top + from.height / 2 - box.top);
        line.setAttribute("x2", to.left + to.width / 2 - box.left); line.setAttribute("y2", to.top + to.height / 2 - box.top);
        svg.append(line);
      }
    }
    const svcList = h("ul", {}, services.map(s => {
      const n = pods.filter(p => p.metadata.namespace === s.metadata.namespace && selects(s.spec.selector, p.metadata.labels)).length;
      const btn = h("button", { type: "button", "aria-pressed": "false",
        title: "Show the pods this Service selects" }, `${s.metadata.namespace}/${s.metadata.name} → ${n} pod${n === 1 ? "" : "s"}`);
      btn.addEventListener("click", () => light(btn.getAttribute("aria-pressed") === "true" ? null : s, btn));
      return h("li", {}, btn);
    }));
    picture.append(h("div", {}, legend, boxes), h("aside", { class: "services", "aria-label": "Services" }, h("h3", {}, "Services"), svcList), svg);
    main.append(h("h2", {}, `Cluster: ${nodes.length} nodes, ${pods.length} pods`), picture);
    const again = state.lit ? services.findIndex(s => `${s.metadata.namespace}/${s.metadata.name}` === state.lit) : -1;
    if (again >= 0) requestAnimationFrame(() => light(services[again], svcList.querySelectorAll("button")[again]));
  },

  async workloads(main) {
    await tableSections(main, ["Deployments", "Deployment", true], ["StatefulSets", "StatefulSet", true],
      ["DaemonSets", "DaemonSet", true], ["ReplicaSets", "ReplicaSet"]);
  },
  async pods(main) { await tableSections(main, ["Pods", "Pod"]); },
  async services(main) {
    const [svc, eps] = await Promise.all([table("Service"), table("Endpoints")]);
    const ep = new Map(eps.rows.map(r => [`${r.obj.metadata.namespace}/${r.obj.metadata.name}`, r.cells[eps.columns.indexOf("Endpoints")]]));
    const { cols, rows } = tableRows(svc, !state.ns);
    cols.push("Endpoints");
    for (const r of rows) r.cells.push(ep.get(`${r.obj.metadata.namespace}/${r.obj.metadata.name}`) || "<none>");
    main.append(h("h2", {}, "Services"), virtualTable(cols, rows, "Services"));
    await tableSections(main, ["Ingresses", "Ingress"]);
  },
  async config(main) {
    await tableSections(main, ["ConfigMaps", "ConfigMap"], ["Secrets (values hidden until you open one and ask)", "Secret"]);
  },
  async jobs(main) { await tableSections(main, ["Jobs", "Job"], ["CronJobs", "CronJob"]); },
  async storage(main) {
    await tableSections(main, ["PersistentVolumeClaims", "PersistentVolumeClaim"], ["PersistentVolumes", "PersistentVolume"],
      ["StorageClasses", "StorageClass"]);
  },
  async namespaces(main) { await tableSections(main, ["Namespaces", "Namespace"]); },
  async events(main) {
    const t = await table("Event", undefined, true);
    const when = r => r.obj.lastTimestamp || r.obj.eventTime || (r.obj.metadata && r.obj.metadata.creationTimestamp) || "";
    t.rows.sort((a, b) => (when(b) > when(a) ? 1 : when(b) < when(a) ? -1 : 0));
    const { cols, rows } = tableRows(t, !state.ns);
    for (const r of rows) { // the link goes to the object the event is about
      const io = r.obj.involvedObject || {};
      const k = state.kinds.find(x => x.kind === io.kind);
      r.href = k ? "#/object?path=" + encodeURIComponent(objectPath(k, io.namespace || "", io.name)) : null;
    }
    main.append(h("h2", {}, "Events (newest first, live)"), virtualTable(cols, rows, "Events"));
  },
  async object(main, params) { await objectView(main, params.get("path")); },
  async apply(main) { applyView(main); },
};

// ---- one object: YAML, events, actions ------------------------------------------------------------------------
const SCALABLE = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];
const ROLLOUT = ["Deployment", "StatefulSet", "DaemonSet"];

async function objectView(main, path) {
  const obj = await getJSON(path);
  const k = kindOfObj(obj);
  const md = obj.metadata;
  const ns = md.namespace || "";
  main.append(h("h2", {}, `${obj.kind} ${ns ? ns + "/" : ""}${md.name}`));
  const bar = h("div", { class: "actions", role: "group", "aria-label": "Actions" });
  main.append(bar);
  const ref = { kind: obj.kind.toLowerCase(), namespace: ns, name: md.name };
  if (SCALABLE.includes(obj.kind)) {
    const input = h("input", { type: "number", min: 0, id: "replicas", value: (obj.spec && obj.spec.replicas) ?? 1 });
    bar.append(h("fieldset", {}, h("legend", { class: "muted" }, "Scale"), h("label", { for: "replicas" }, "Replicas"), input,
      h("button", { type: "button", class: "primary", id: "scale", onclick: async () => {
        const r = await send("PATCH", path + "/scale", { spec: { replicas: Number(input.value) } }, "application/merge-patch+json");
        if (r.ok) showResult(`${displayKind(k)}/${md.name} scaled`, false);
        else showResult(statusText(r.body), true);
      } }, "Scale")));
  }
  if (ROLLOUT.includes(obj.kind)) {
    const st = await send("POST", "/dashboard/v1/actions", Object.assign({ action: "rollout-status" }, ref));
    if (st.ok) main.insertBefore(h("p", { id: "rollout-status", title: st.body.command },
      h("strong", {}, "Rollout: "), ((st.body.stdout || "") + (st.body.stderr || "")).trim()), bar);
    const b = (id, label, req) => h("button", { type: "button", id, onclick: () => action(Object.assign({}, ref, req)) }, label);
    const paused = !!(obj.spec && obj.spec.paused);
    bar.append(h("fieldset", {}, h("legend", { class: "muted" }, "Rollout"),
      b("rollout-restart", "Restart", { action: "rollout-restart" }),
      b("rollout-undo", "Undo (roll back)", { action: "rollout-undo" }),
      obj.kind === "Deployment" ? (paused ? b("rollout-resume", "Resume", { action: "rollout-resume" }) : b("rollout-pause", "Pause", { action: "rollout-pause" })) : null));
  }
  if (obj.kind === "Node") {
    const b = (id, label, req, cls) => h("button", { type: "button", id, class: cls || null, onclick: () => action(Object.assign({ name: md.name }, req)) }, label);
    const cordoned = !!(obj.spec && obj.spec.unschedulable);
    bar.append(h("fieldset", {}, h("legend", { class: "muted" }, "Node"),
      cordoned ? b("uncordon", "Uncordon", { action: "uncordon" }) : b("cordon", "Cordon", { action: "cordon" }),
      drainControls(md.name),
      nodeReady(obj) ? b("node-fail", "Fail node", { action: "node-fail" }, "danger") : b("node-recover", "Recover node", { action: "node-recover" })));
  }
  bar.append(h("button", { type: "button", id: "edit", onclick: () => editView(document.getElementById("main"), path, obj) }, "Edit YAML"));
  bar.append(h("button", { type: "button", id: "delete", class: "danger", onclick: async () => {
    if (!confirm(`Delete ${obj.kind} ${md.name}?`)) return;
    const r = await send("DELETE", path, { propagationPolicy: "Background" });
    if (r.ok) { showResult(`${displayKind(k)} "${md.name}" deleted`, false); state.keepResult = true; location.hash = "#/cluster"; }
    else showResult(statusText(r.body), true);
  } }, "Delete"));

  if (obj.kind === "Secret") {
    const dl = h("dl", { class: "secret", "aria-label": "Secret data" });
    for (const [key, v] of Object.entries(obj.data || {})) {
      const dd = h("dd", {}, "•••••• (hidden)");
      const btn = h("button", { type: "button", "aria-label": `Show ${key}`, onclick: () => { let t; try { t = atob(v); } catch (e) { t = v; } dd.textContent = t; btn.remove(); } }, "Show");
      dl.append(h("dt", {}, key), dd, h("dd", { class: "muted" }, btn));
    }
    dl.style.gridTemplateColumns = "max-content 1fr max-content";
    main.append(h("h2", {}, "Data"), dl);
    const holder = h("div");
    main.append(h("h2", {}, "YAML"), holder);
    holder.append(h("button", { type: "button", onclick: async () => holder.replaceChildren(await yamlBlock(path)) }, "Show YAML (reveals the values)"));
  } else {
    main.append(h("h2", {}, "YAML"), await yamlBlock(path));
  }
  // The pods an object stands for: a node's, or those a workload's or Service's selector picks.
  let podQuery = null;
  if (obj.kind === "Node") podQuery = "fieldSelector=" + encodeURIComponent("spec.nodeName=" + md.name);
  const match = obj.kind === "Service" ? obj.spec && obj.spec.selector : obj.spec && obj.spec.selector && obj.spec.selector.matchLabels;
  if (!podQuery && match && Object.keys(match).length && !(obj.spec.selector.matchExpressions || []).length)
    podQuery = "labelSelector=" + encodeURIComponent(Object.entries(match).map(([key, v]) => `${key}=${v}`).join(","));
  if (podQuery) {
    const pk = kindOf("Pod");
    const t = await getJSON(listPath(pk, obj.kind === "Node" ? "" : ns) + "?includeObject=Metadata&" + podQuery, TABLE);
    const { cols, rows } = tableRows({ kind: pk, columns: t.columnDefinitions.map(c => c.name),
      rows: t.rows.map(r => ({ cells: r.cells, obj: r.object })) }, obj.kind === "Node");
    main.append(h("h2", {}, "Pods"), virtualTable(cols, rows, "Pods"));
  }
  const evKind = kindOf("Event");  // the object's events only, by the server's field selector (not all the events)
  const evs = (await getJSON(listPath(evKind, ns) + "?fieldSelector=" + encodeURIComponent("involvedObject.uid=" + md.uid))).items;
  main.append(h("h2", {}, `Events (${evs.length})`));
  main.append(evs.length ? virtualTable(["Last seen", "Type", "Reason", "From", "Message"], evs.map(e => ({
    cells: [e.lastTimestamp || e.eventTime || "", e.type || "", e.reason || "", (e.source && e.source.component) || e.reportingComponent || "", e.message || ""] })), "Events")
    : h("p", { class: "muted" }, "No events."));
}

// Drain with the flags kubectl asks for when a node runs DaemonSet pods, pods with emptyDir data, or bare pods.
function drainControls(node) {
  const flag = (id, label, checked) => h("label", {}, h("input", { type: "checkbox", id, checked: checked || null }), " " + label);
  const box = h("span", { class: "drain" },
    flag("drain-ignore-daemonsets", "--ignore-daemonsets", true), flag("drain-delete-emptydir-data", "--delete-emptydir-data"),
    flag("drain-force", "--force"));
  const button = h("button", { type: "button", id: "drain", onclick: () => action({ action: "drain", name: node,
    ignoreDaemonSets: box.querySelector("#drain-ignore-daemonsets").checked,
    deleteEmptyDirData: box.querySelector("#drain-delete-emptydir-data").checked,
    force: box.querySelector("#drain-force").checked }) }, "Drain");
  return h("span", {}, button, box);
}

async function yamlBlock(path) {
  const r = await fetch("/dashboard/v1/yaml?path=" + encodeURIComponent(path));
  return h("pre", { class: "yaml", tabindex: "0", "aria-label": "YAML" }, await r.text());
}

// ---- editing and applying: the server's validation messages next to their lines -------------------------------
function editor(text, label) {
  const gutter = h("div", { class: "gutter", "aria-hidden": "true" });
  const area = h("textarea", { class: "yaml", spellcheck: "false", "aria-label": label, id: "yaml-editor" });
  area.value = text;
  function lines(errs) {
    const n = area.value.split("\n").length;
    const out = [];
    for (let i = 1; i <= n; i++) out.push(h("div", { class: errs && errs.has(i) ? "err" : null }, i));
    gutter.replaceChildren(...out);
    area.style.height = (n * 18 + 20) + "px";
  }
  area.addEventListener("input", () => lines());
  lines();
  const box = h("div", { class: "editor" }, gutter, area);
  return { box, area, mark: lines };
}

async function showProblems(list, ed, text, docIndex, status) {
  list.replaceChildren();
  const causes = (status.details && status.details.causes) || [];
  const fields = causes.map(c => c.field || "");
  let lines = [];
  if (fields.length) {
    const r = await send("POST", "/dashboard/v1/locate", { yaml: text, document: docIndex, fields });
    lines = (r.body && r.body.lines) || [];
  }
  const marked = new Set(lines.filter(Boolean));
  ed.mark(marked);
  list.append(h("li", {}, statusText(status)));
  causes.forEach((c, i) => list.append(h("li", { "data-line": lines[i] || "" },
    lines[i] ? h("span", { class: "line" }, `line ${lines[i]}: `) : "", `${c.field ? c.field + ": " : ""}${c.message}`)));
}

async function editView(main, path, obj) {
  state.editing = true;
  const r = await fetch("/dashboard/v1/yaml?path=" + encodeURIComponent(path));
  const ed = editor(await r.text(), `YAML of ${obj.kind} ${obj.metadata.name}`);
  const problems = h("ul", { class: "problems", "aria-live": "assertive", id: "problems" });
  main.replaceChildren(h("h2", {}, `Edit ${obj.kind} ${obj.metadata.name}`),
    h("p", { class: "muted" }, "Saved with PUT, as kubectl replace: the server checks it as it checks any write."), ed.box, problems,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", id: "save", onclick: async () => {
        const res = await send("PUT", path, ed.area.value, "application/yaml");
        if (res.ok) { state.editing = false; showResult(`${displayKind(kindOfObj(obj))}/${obj.metadata.name} replaced`, false); route(); }
        else await showProblems(problems, ed, ed.area.value, 0, res.body);
      } }, "Save"),
      h("button", { type: "button", onclick: () => { state.editing = false; route(); } }, "Cancel")));
  ed.area.focus();
}

function splitDocuments(text) {
  // Document starts for the server's line numbers: "---" lines separate documents.
  const docs = [];
  let cur = [], start = 1;
  text.split("\n").forEach((line, i) => {
    if (/^---\s*$/.test(line)) { if (cur.join("").trim()) docs.push({ text: cur.join("\n"), start }); cur = []; start = i + 2; }
    else cur.push(line);
  });
  if (cur.join("").trim()) docs.push({ text: cur.join("\n"), start });
  return docs;
}

function applyView(main) {
  state.editing = true;
  const ed = editor("", "Manifest to create");
  const problems = h("ul", { class: "problems", "aria-live": "assertive", id: "problems" });
  main.append(h("h2", {}, "Apply or create objects from a manifest"),
    h("p", { class: "muted" }, "Paste one or more YAML documents. Apply runs pykubectl apply -f - on them (create, or " +
      "update what exists as kubectl apply does); Create sends each to the API server as a create (POST). The API " +
      "server's checks decide either way."),
    ed.box, problems,
    h("div", { class: "actions" }, h("button", { type: "button", class: "primary", id: "apply", onclick: async () => {
      problems.replaceChildren();
      const text = ed.area.value, docs = splitDocuments(text), marks = new Set();
      const r = await action({ action: "apply", manifest: text, namespace: state.ns || undefined });
      if (!r.ok) return;
      // The CLI's words for a refused object: 'The Kind "name" is invalid: ' with one cause, or '* cause' lines.
      let current = null;
      const found = [];  // shown at once when all are located (one announcement, one redraw)
      for (const line of (r.body.stderr || "").split("\n")) {
        const head = line.match(/^The (\S+) "([^"]+)" is invalid: ?(.*)$/);
        const item = line.match(/^\* (.*)$/);
        if (head) current = { kind: head[1], name: head[2] };
        const cause = head ? head[3] : item && current ? item[1] : "";
        if (!cause) continue;
        const at = docs.findIndex(d => { const o = jsyaml(d.text); return o.kind === current.kind && o.metadata.name === current.name; });
        let lineNo = null;
        if (at >= 0) {
          const res = await send("POST", "/dashboard/v1/locate", { yaml: docs[at].text, document: 0, fields: [cause.split(": ")[0]] });
          if (res.body.lines && res.body.lines[0]) lineNo = res.body.lines[0] + docs[at].start - 1;
        }
        if (lineNo) marks.add(lineNo);
        found.push(h("li", { "data-line": lineNo || "" }, lineNo ? h("span", { class: "line" }, `line ${lineNo}: `) : "",
          `${current.kind} ${current.name}: ${cause}`));
      }
      problems.replaceChildren(...found);
      ed.mark(marks);
    } }, "Apply"), h("button", { type: "button", id: "create", onclick: async () => {
      problems.replaceChildren();
      const text = ed.area.value, done = [], found = [];
      let failed = false, marks = new Set();
      for (const doc of splitDocuments(text)) {
        const r = await send("POST", "/dashboard/v1/locate", { yaml: doc.text, document: 0, fields: ["kind"] });
        if (r.body.syntax) { failed = true; found.push(h("li", {}, `line ${doc.start - 1 + (r.body.syntax.line || 1)}: ${r.body.syntax.message}`)); break; }
        let o;
        try { o = jsyaml(doc.text); } catch (e) { o = null; }
        const k = o && state.kinds.find(x => x.kind === o.kind && x.apiVersions.includes(o.apiVersion));
        if (!k) { failed = true; found.push(h("li", {}, o && o.apiVersion && o.kind ? `error: resource mapping not found for kind "${o.kind}" in version "${o.apiVersion}"` : "error: apiVersion not set, kind not set")); break; }
        const ns = k.namespaced ? ((o.metadata && o.metadata.namespace) || state.ns || "default") : "";
        const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
        const res = await send("POST", (k.namespaced ? `${base}/namespaces/${ns}/${k.plural}` : `${base}/${k.plural}`) + "?fieldValidation=Strict", doc.text, "application/yaml");
        if (res.ok) { done.push(`${displayKind(k)}/${res.body.metadata.name} created`); continue; }
        failed = true;
        const sub = h("ul", { class: "problems" });
        await showProblems(sub, { mark: s => s.forEach(l => marks.add(l + doc.start - 1)) }, doc.text, 0, res.body);
        for (const li of sub.children) { const l = li.getAttribute("data-line"); if (l) li.querySelector(".line").textContent = `line ${Number(l) + doc.start - 1}: `; found.push(li.cloneNode(true)); }
        if (!sub.children.length) found.push(h("li", {}, statusText(res.body)));
      }
      problems.replaceChildren(...found);
      ed.mark(marks);
      if (done.length) showResult(done.join("\n"), failed);
      else if (!failed) showResult("no objects passed to create", true);
    } }, "Create")));
}

// The page reads only the apiVersion, kind and metadata of a pasted document to address it; the server parses it.
function jsyaml(text) {
  const out = { metadata: {} };
  let inMeta = false;
  for (const line of text.split("\n")) {
    const top = line.match(/^([A-Za-z]+):\s*(.*?)\s*$/);
    if (top) { inMeta = top[1] === "metadata"; if (top[1] === "apiVersion" || top[1] === "kind") out[top[1]] = top[2].replace(/^["']|["']$/g, ""); continue; }
    const m = inMeta && line.match(/^\s{1,4}(name|namespace):\s*(.*?)\s*$/);
    if (m) out.metadata[m[1]] = m[2].replace(/^["']|["']$/g, "");
  }
  return out;
}

// ---- routing and live updates ---------------------------------------------------------------------------------
async function route() {
  const hash = location.hash || "#/cluster";
  const [name, query] = hash.slice(2).split("?");
  const view = VIEWS[name] ? name : "cluster";
  if (state.route !== hash) state.editing = false;
  state.route = hash;
  for (const a of document.querySelectorAll(".views a")) {
    if (a.getAttribute("href") === "#/" + view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  await refresh(view, new URLSearchParams(query || ""));
}

async function refresh(view, params) {
  if (state.refreshing) { state.again = true; return; }
  state.refreshing = true;
  try {
    const hash = location.hash || "#/cluster";
    if (!view) {
      const typing = document.activeElement && document.activeElement.closest("main") && /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      // Never redraw under someone's typing, unless they moved to another view meanwhile.
      if ((state.editing || typing) && hash === state.drawn) { state.stale = true; return; }
      const [name, query] = hash.slice(2).split("?");
      view = VIEWS[name] ? name : "cluster";
      params = new URLSearchParams(query || "");
    }
    const main = document.getElementById("main");
    const next = h("div");
    const scrolls = [...main.querySelectorAll(".vscroll")].map(s => s.scrollTop);
    try { await VIEWS[view](next, params); }
    catch (e) { next.replaceChildren(h("p", { class: "result error" }, e.status ? statusText(e.status) : String(e))); }
    if ((location.hash || "#/cluster") !== hash) { state.again = true; return; }  // moved on meanwhile: draw that
    if (state.editing && view !== "object" && view !== "apply") return;
    if (!state.editing || !main.querySelector("#yaml-editor")) main.replaceChildren(...next.childNodes);
    [...main.querySelectorAll(".vscroll")].forEach((s, i) => { if (scrolls[i]) s.scrollTop = scrolls[i]; });
    document.body.setAttribute("data-version", state.version || "");
    if (state.drawn !== hash) {  // a new view: say so in the title, and start reading (and tabbing) at its content
      const heading = main.querySelector("h2");
      document.title = (heading ? heading.textContent : view) + " · pykubectl dashboard";
      if (state.drawn !== undefined && !state.editing) main.focus({ preventScroll: true });
    }
    state.drawn = hash;
    document.body.setAttribute("data-view", hash);  // what is drawn (tests and tools wait for it)
    performance.mark("drawn " + hash);  // bench/dashboard.py reads when the view was drawn
  } finally {
    state.refreshing = false;
    if (state.again) { state.again = false; refresh(); }
  }
}

async function namespaces() {
  const sel = document.getElementById("namespace");
  const list = (await items("Namespace", "")).map(n => n.metadata.name);
  const have = [...sel.options].slice(1).map(o => o.value);
  if (have.join() === list.join()) return;
  sel.replaceChildren(h("option", { value: "" }, "All namespaces"), ...list.map(n => h("option", { value: n, selected: n === state.ns || null }, n)));
}

async function live() {
  const status = document.getElementById("live");
  for (;;) {
    try {
      const r = await fetch("/dashboard/v1/changes?since=" + encodeURIComponent(state.version || ""));
      const s = await r.json();
      status.textContent = "live"; status.classList.remove("stale");
      document.getElementById("clock").textContent = s.now ? "cluster time " + s.now : "";
      if (s.version !== state.version) {
        state.version = s.version;
        await Promise.all([refresh(), namespaces()]);
      }
    } catch (e) {
      status.textContent = "disconnected: retrying"; status.classList.add("stale");
      await new Promise(res => setTimeout(res, 1000));
    }
  }
}

async function start() {
  const [kinds, first] = await Promise.all([getJSON("/dashboard/v1/kinds"), getJSON("/dashboard/v1/changes?timeout=0")]);
  state.kinds = kinds;
  document.getElementById("namespace").addEventListener("change", e => { state.ns = e.target.value; refresh(); });
  document.getElementById("advance-form").addEventListener("submit", e => {
    e.preventDefault();
    action({ action: "advance", duration: document.getElementById("advance-duration").value });
  });
  document.getElementById("main").addEventListener("focusout", () => setTimeout(() => {
    if (state.stale && !state.editing) { state.stale = false; refresh(); }
  }, 0));
  window.addEventListener("hashchange", () => {
    if (!state.keepResult) document.getElementById("result").hidden = true;  // a new view, unless it follows a delete
    state.keepResult = false;
    route();
  });
  state.version = first.version;
  document.getElementById("live").textContent = "live";
  document.getElementById("clock").textContent = "cluster time " + first.now;
  await route();
  namespaces();
  live();
  // Time-driven work (a Job finishing, a back-off ending) is found by reads: look again now and then.
  setInterval(() => { if (!document.hidden) refresh(); }, 10000);
}

start();
