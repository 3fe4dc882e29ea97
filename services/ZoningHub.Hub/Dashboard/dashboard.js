// The operator dashboard: polls the hub's own API and draws the units from its GeoJSON. No library, no tiles,
// nothing from the internet. Data attributes (data-node, data-state, data-code, data-version…) are what the
// browser test reads, and what an operator's own tooling can read too.
"use strict";

const POLL_MS = 2000;
// Drawing the map means fetching every unit in view (some 4 MB of GeoJSON for the two sample provinces; the hub
// keeps what it simplified, so only new versions cost it much): while changes flow, it is redrawn at most this
// often; the tables keep the 2 s pace.
const MAP_MS = 10000;
const TYPE_NAMES = { 1: "priority protection", 2: "key control", 3: "general control" };
const $ = (selector) => document.querySelector(selector);
const state = { head: null, province: null, view: null, bounds: null, drag: null };

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name === "class") node.className = value; else if (name.startsWith("on")) node.addEventListener(name.slice(2), value); else node.setAttribute(name, value);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}

const svg = (tag, attributes = {}) => {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};

const time = (iso) => iso ? new Date(iso).toLocaleTimeString() : "–";
const number = (n) => n === null || n === undefined ? "–" : Number(n).toLocaleString();

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function say(text, ok = false) {
  const message = $("#message");
  message.textContent = text;
  message.className = ok ? "ok" : "";
  message.hidden = !text;
}

// Actions change things, so they carry the operator credential; the hub says exactly why when it refuses.
async function act(path, done) {
  const credential = $("#credential").value || sessionStorage.getItem("operator-credential") || "";
  if ($("#credential").value) sessionStorage.setItem("operator-credential", $("#credential").value);
  const response = await fetch(path, { method: "POST", headers: credential ? { Authorization: `Bearer ${credential}` } : {} });
  const body = await response.json().catch(() => ({}));
  if (response.ok) say(done, true); else say(body.detail || `${path}: ${response.status}`);
  refresh();
}

function replaceRows(table, rows) {
  table.tBodies[0].replaceChildren(...rows);
}

function renderFigures(status) {
  $("#head").textContent = number(status.headRevision);
  $("#units").textContent = number(status.activeUnits);
  $("#conflict-count").textContent = number(status.openConflicts);
  $("#pending").textContent = number(status.pendingCounties);
  $("#updated").textContent = new Date().toLocaleTimeString();
}

function filingOf(node, filings) {
  if (node.scope === "national") {
    const pending = filings.filter((f) => f.pendingRevisions > 0).length;
    return `${filings.length - pending} provinces filed` + (pending ? `, ${pending} pending` : "");
  }
  const own = filings.find((f) => f.province === node.scope);
  if (!own) return "nothing to file";
  return own.pendingRevisions ? `${own.pendingRevisions} revisions pending` : `filed through r${own.filedRevision} at ${time(own.filedAt)}`;
}

function renderNodes(status) {
  replaceRows($("#nodes"), status.nodes.map((node) => {
    const digest = node.digest;
    const digestText = node.verified ? `verified at r${digest.revision}` : digest ? (digest.matches ? `matched at r${digest.revision}` : `MISMATCH at r${digest.revision}`) : "not yet compared";
    return el("tr", { "data-node": node.nodeId, "data-state": node.state, "data-lag": node.lagRevisions, "data-verified": node.verified },
      el("td", {}, node.nodeId), el("td", {}, node.scope), el("td", {}, number(node.acknowledgedRevision)),
      el("td", { class: node.lagRevisions ? "bad nowrap" : "nowrap" }, `${number(node.lagRevisions)} rev · ${node.lagSeconds.toFixed(1)} s`),
      el("td", { title: node.lastError || node.detail || "" }, el("span", { class: `state ${node.state}` }, node.state),
        node.detail ? el("div", { class: "muted" }, node.detail) : "", node.lastError ? el("div", { class: "bad" }, node.lastError) : ""),
      el("td", { class: node.verified ? "good nowrap" : digest && !digest.matches ? "bad nowrap" : "muted" }, digestText),
      el("td", {}, filingOf(node, status.filings)),
      el("td", {}, el("button", { onclick: () => act(`/api/admin/nodes/${node.nodeId}/verify`, `Digest check of ${node.nodeId} asked for.`) }, "verify"), " ",
        el("button", { onclick: () => act(`/api/admin/nodes/${node.nodeId}/resync`, `Snapshot to ${node.nodeId} asked for.`) }, "resync")));
  }));
  const select = $("#province");
  const provinces = [...new Set(status.filings.map((f) => f.province).concat(status.nodes.map((n) => n.scope).filter((s) => s !== "national")))].sort();
  for (const province of provinces) {
    if (![...select.options].some((o) => o.value === province)) select.append(el("option", { value: province }, province));
  }
}

function renderSources(status, adapters) {
  const byStream = new Map((adapters || []).map((a) => [a.stream, a]));
  replaceRows($("#sources"), status.streams.map((stream) => {
    const adapter = byStream.get(stream.stream);
    return el("tr", { "data-stream": stream.stream },
      el("td", {}, stream.department), el("td", {}, stream.stream), el("td", {}, ...stream.layers.flatMap((layer, i) => [i ? ", " : "", el("span", { class: "nowrap" }, layer)])),
      el("td", {}, number(stream.lastSequence)), el("td", { class: "nowrap" }, time(stream.lastSeen)),
      el("td", { title: adapter ? "the adapter's outbox: change sets not yet confirmed by the broker" : "the adapter runs elsewhere" }, adapter ? number(adapter.outboxDepth) : "–"),
      el("td", { class: stream.quarantined ? "bad" : "" }, number(stream.quarantined)));
  }));
}

function renderQuarantine(entries) {
  replaceRows($("#quarantine"), entries.slice(0, 50).map((entry) => el("tr", { "data-quarantine": entry.id },
    el("td", {}, entry.id), el("td", {}, `${entry.stream} #${entry.sequence}`), el("td", {}, entry.layer),
    el("td", {}, entry.reasons.map((r) => el("div", {}, `${r.featureId ? r.featureId + ": " : ""}${r.rule} — ${r.message}`))),
    el("td", { class: "nowrap" }, time(entry.receivedAt)),
    el("td", {}, entry.replayedAt ? el("span", { class: "muted" }, `replayed ${time(entry.replayedAt)}`)
      : el("button", { onclick: () => act(`/api/quarantine/${entry.id}/replay`, `Quarantine entry ${entry.id} replayed.`) }, "replay")))));
}

function renderConflicts(conflicts) {
  replaceRows($("#conflicts"), conflicts.features.slice(0, 100).map((f) => el("tr", { "data-conflict": f.id },
    el("td", {}, f.properties.rule), el("td", {}, `${f.properties.featureA} × ${f.properties.featureB}`), el("td", {}, f.properties.county),
    el("td", {}, number(Math.round(f.properties.areaSquareMetres))), el("td", {}, `r${f.properties.openedRevision}`))));
}

function renderThroughput(minutes) {
  const chart = $("#throughput");
  const max = Math.max(1, ...minutes.map((m) => Math.max(m.changeSetsApplied, m.unitsRevised)));
  const width = 600 / minutes.length;
  const bar = (kind, value, x, w, m) => {
    const rect = svg("rect", { class: kind, x, width: w, y: 120 - 118 * value / max, height: 118 * value / max });
    rect.append(Object.assign(svg("title"), { textContent: `${m.minute}Z: ${m.changeSetsApplied} change sets, ${m.unitsRevised} unit versions` }));
    return rect;
  };
  chart.replaceChildren(...minutes.flatMap((m, i) => [
    bar("uv", m.unitsRevised, i * width, width * 0.9, m), bar("cs", m.changeSetsApplied, i * width + width * 0.25, width * 0.4, m)]));
  chart.setAttribute("aria-label", `peak ${max} per minute`);
}

// An equirectangular projection scaled by the cosine of the middle latitude: right for a province's extent.
function project(coordinates, cos) {
  return coordinates.map((ring) => "M" + ring.map(([x, y]) => `${(x * cos).toFixed(5)},${(-y).toFixed(5)}`).join("L") + "Z").join("");
}

function polygons(geometry) {
  if (!geometry) return [];
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
}

function boundsOf(features) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) for (const polygon of polygons(f.geometry)) for (const [x, y] of polygon[0]) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}

function renderMap(units, conflicts, revision) {
  const map = $("#map");
  if (!state.bounds) state.bounds = boundsOf(units.features);
  const b = state.bounds;
  if (!b) { map.replaceChildren(); return; }
  const cos = Math.cos(((b.minY + b.maxY) / 2) * Math.PI / 180);
  if (!state.view) {
    const pad = 0.03 * Math.max(b.maxX - b.minX, b.maxY - b.minY);
    state.view = [b.minX * cos - pad, -b.maxY - pad, (b.maxX - b.minX) * cos + 2 * pad, b.maxY - b.minY + 2 * pad];
  }
  map.setAttribute("viewBox", state.view.join(" "));
  map.dataset.revision = revision;
  const unitPaths = units.features.map((f) => {
    const p = f.properties;
    const path = svg("path", { d: polygons(f.geometry).map((poly) => project(poly, cos)).join(""), class: `t${p.typeDigit}`,
      "data-code": p.code, "data-version": p.version, "data-type": p.typeDigit, "data-county": p.county });
    path.addEventListener("click", () => showInfo([`${p.code} · ${TYPE_NAMES[p.typeDigit]}`, `county ${p.county} · version ${p.version} · revision ${p.revision}`,
      `${number(Math.round(p.areaSquareMetres))} m²`, `sources: ${p.sources.join(", ")}`]));
    return path;
  });
  const conflictPaths = conflicts.features.map((f) => {
    const path = svg("path", { d: polygons(f.geometry).map((poly) => project(poly, cos)).join(""), class: "conflict", "data-conflict": f.id });
    path.addEventListener("click", () => showInfo([`conflict ${f.properties.rule}`, `${f.properties.featureA} × ${f.properties.featureB}`,
      `county ${f.properties.county} · ${number(Math.round(f.properties.areaSquareMetres))} m² · opened r${f.properties.openedRevision}`]));
    return path;
  });
  map.replaceChildren(...unitPaths, ...conflictPaths);
}

function showInfo(lines) {
  const info = $("#map-info");
  info.replaceChildren(...lines.map((line) => el("div", {}, line)));
  info.hidden = false;
}

function enablePanAndZoom() {
  const map = $("#map");
  const toView = (event) => {
    const box = map.getBoundingClientRect();
    const [x, y, w, h] = state.view;
    return [x + (event.clientX - box.left) / box.width * w, y + (event.clientY - box.top) / box.height * h];
  };
  map.addEventListener("wheel", (event) => {
    if (!state.view) return;
    event.preventDefault();
    const [px, py] = toView(event);
    const factor = event.deltaY > 0 ? 1.2 : 1 / 1.2;
    const [x, y, w, h] = state.view;
    state.view = [px - (px - x) * factor, py - (py - y) * factor, w * factor, h * factor];
    map.setAttribute("viewBox", state.view.join(" "));
  }, { passive: false });
  map.addEventListener("pointerdown", (event) => { if (state.view) state.drag = { start: toView(event), view: state.view }; });
  map.addEventListener("pointerup", () => { state.drag = null; });
  map.addEventListener("pointerleave", () => { state.drag = null; });
  map.addEventListener("pointermove", (event) => {
    if (!state.drag) return;
    const [x, y] = toView(event);
    const [vx, vy, w, h] = state.view;
    state.view = [vx - (x - state.drag.start[0]), vy - (y - state.drag.start[1]), w, h];
    map.setAttribute("viewBox", state.view.join(" "));
  });
}

async function refreshMap(revision) {
  const province = $("#province").value;
  const query = `simplify=${province ? 0.0005 : 0.001}${province ? `&province=${province}` : ""}`;
  const [units, conflicts] = await Promise.all([getJson(`/api/units?${query}`), getJson(`/api/conflicts?${query}`)]);
  renderMap(units, conflicts, revision);
  renderConflicts(conflicts);
}

async function refresh() {
  try {
    const [status, quarantine, adapters] = await Promise.all([
      getJson("/api/status"), getJson("/api/quarantine?limit=50"), getJson("/api/adapters").catch(() => null)]);
    renderFigures(status);
    renderNodes(status);
    renderSources(status, adapters);
    renderQuarantine(quarantine);
    const province = $("#province").value;
    const provinceChanged = province !== state.province;
    if (provinceChanged || (status.headRevision !== state.head && Date.now() - (state.mapAt || 0) >= MAP_MS)) {
      if (provinceChanged) { state.view = null; state.bounds = null; }
      state.mapAt = Date.now();
      await refreshMap(status.headRevision);
      // Only once drawn: a map the hub could not give (busy, 429) is asked for again.
      state.head = status.headRevision;
      state.province = province;
    }
    if (!state.throughputAt || Date.now() - state.throughputAt > 10000) {
      state.throughputAt = Date.now();
      renderThroughput(await getJson("/api/throughput?minutes=60"));
    }
    document.body.dataset.live = "true";
  } catch (error) {
    document.body.dataset.live = "false";
    say(`The hub did not answer: ${error.message}. Retrying.`);
  }
}

$("#credential").value = sessionStorage.getItem("operator-credential") || "";
$("#rebuild").addEventListener("click", () => act("/api/admin/rebuild", "Rebuild asked for: every county is marked for derivation."));
$("#province").addEventListener("change", refresh);
enablePanAndZoom();
refresh();
setInterval(refresh, POLL_MS);
