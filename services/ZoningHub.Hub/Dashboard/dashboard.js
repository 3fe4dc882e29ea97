// The operator dashboard: polls the hub's own API and draws the units from its GeoJSON. No library, no tiles,
// nothing from the internet. Data attributes (data-node, data-state, data-code, data-version…) are what the
// browser test reads, and what an operator's own tooling can read too.
"use strict";

const POLL_MS = 2000;
// Drawing the map means fetching every unit in view (some 4 MB of GeoJSON for the two sample provinces; the hub
// keeps what it simplified, so only new versions cost it much): while changes flow, it is redrawn at most this
// often; the tables keep the 2 s pace.
const MAP_MS = 10000;
// Every request has a deadline: a hub that takes a request and goes quiet must not leave the last figures shown as
// live. The map's GeoJSON may be megabytes from a busy hub, so it gets longer than the tables' small JSON.
const POLL_TIMEOUT_MS = 10000;
const MAP_TIMEOUT_MS = 60000;
// Past a poll's deadline and two more polls without a good update, what is shown is marked stale whatever the cause.
const STALE_MS = POLL_TIMEOUT_MS + 2 * POLL_MS;
// An action (a rebuild marks every county) may take the hub a while, but not for ever.
const ACTION_TIMEOUT_MS = 30000;
const TYPE_NAMES = { 1: "priority protection", 2: "key control", 3: "general control" };
const $ = (selector) => document.querySelector(selector);
const state = { head: null, province: null, view: null, bounds: null, drag: null, map: null, pollFailure: null, mapFailure: null };

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

// The time of day for today, the date as well for anything older: a source silent since yesterday must not look current.
function time(iso) {
  if (!iso) return "–";
  const at = new Date(iso);
  return at.toDateString() === new Date().toDateString() ? at.toLocaleTimeString() : at.toLocaleString();
}
const number = (n) => n === null || n === undefined ? "–" : Number(n).toLocaleString();

// A request that ends by its deadline, or earlier when the caller drops it (signal). The error says which path failed
// and how; a refusal's status and Retry-After ride on it for the callers that treat them apart.
async function getJson(path, signal, timeoutMs = POLL_TIMEOUT_MS) {
  const deadline = AbortSignal.timeout(timeoutMs);
  let response;
  try {
    response = await fetch(path, { cache: "no-store", signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
    if (!response.ok) throw await refusal(path, response);
    return await response.json();
  } catch (error) {
    if (deadline.aborted && !signal?.aborted) throw new Error(`${path}: no answer within ${timeoutMs / 1000} s`);
    throw error;
  }
}

// A refusal as an error: the hub's own reason (a problem's detail) when it gives one, its status and Retry-After kept
// for the callers that treat them apart.
async function refusal(path, response) {
  const detail = await response.json().then((problem) => problem && problem.detail, () => null);
  return Object.assign(new Error(`${path}: ${response.status}${detail ? ` (${detail})` : ""}`),
    { status: response.status, retryAfterMs: retryAfterMs(response) });
}

// Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable.
function retryAfterMs(response) {
  const value = response.headers.get("Retry-After");
  if (!value) return null;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}

// kind "trouble" marks what the page says of the hub's own failures, which sayTrouble() may rewrite or clear.
function say(text, ok = false, kind = "") {
  const message = $("#message");
  message.textContent = text;
  message.className = ok ? "ok" : "";
  message.dataset.kind = kind;
  message.hidden = !text;
}

// What is said of the hub's trouble is made from the failures still standing, the tables' and the map's apart: a good
// status poll clears only its own, so a map the hub keeps refusing stays said. It is called only when a failure starts
// or ends, so an operator's action message written in between stays until then.
function sayTrouble() {
  const troubles = [];
  if (state.pollFailure) troubles.push(`The hub did not answer: ${state.pollFailure}. Retrying.`);
  if (state.mapFailure) troubles.push(mapFailureText());
  if (troubles.length) say(troubles.join(" "), false, "trouble");
  else if ($("#message").dataset.kind === "trouble") say("");
}

// Actions change things, so they carry the operator credential; the hub says exactly why when it refuses. Whatever
// happens the operator is told, and the tables are read again to show what the hub holds now.
async function act(what, path, done) {
  try {
    const response = await fetch(path, { method: "POST", headers: operatorHeaders(), signal: AbortSignal.timeout(ACTION_TIMEOUT_MS) });
    const body = await response.json().catch(() => ({}));
    if (response.ok) say(typeof done === "function" ? done(body) : done, true);
    else say(`${what} was not done: ${body.detail || `${path}: ${response.status}`}`);
  } catch (error) {
    // No answer (connection dropped, hub restarting, deadline): the hub may have done it before the answer was lost,
    // so the operator is pointed at the tables rather than told it surely failed.
    say(`${what} was not confirmed: ${unanswered(error)}; it may not have been done, the tables below show what the hub holds now.`);
  } finally {
    refresh();
  }
}

function operatorHeaders() {
  const credential = $("#credential").value || sessionStorage.getItem("operator-credential") || "";
  if ($("#credential").value) sessionStorage.setItem("operator-credential", $("#credential").value);
  return credential ? { Authorization: `Bearer ${credential}` } : {};
}

function unanswered(error) {
  return error.name === "TimeoutError" ? `no answer within ${ACTION_TIMEOUT_MS / 1000} s` : `no answer (${error.message})`;
}

// A replay applies what passes now; what is still refused keeps the entry open, and the operator is told so.
function replayed(id) {
  return (result) => {
    const still = (result.stillRejected || []).length;
    return `Quarantine entry ${id}: ${result.applied.length} applied, ${result.superseded.length} superseded by later changes`
      + (still ? `, ${still} still refused (the entry stays open with today's reasons).` : ".");
  };
}

function replaceRows(table, rows) {
  table.tBodies[0].replaceChildren(...rows);
}

function renderFigures(status) {
  $("#head").textContent = number(status.headRevision);
  $("#units").textContent = number(status.activeUnits);
  $("#conflict-count").textContent = number(status.openConflicts);
  $("#pending").textContent = number(status.pendingCounties);
  $("#failures").textContent = number(status.derivationFailureCount);
  $("#failures").className = status.derivationFailureCount ? "bad" : "";
  $("#updated").textContent = new Date().toLocaleTimeString();
  state.updatedAt = Date.now();
}

// The figures and tables stay on screen when the hub stops answering (they are the last known state), so the page
// says they are old: data-live false, the "updated" time in red with how long ago it was.
function markStale(stale) {
  document.body.dataset.live = String(!stale);
  const updated = $("#updated");
  updated.className = stale ? "bad" : "";
  updated.title = stale && state.updatedAt ? `nothing newer from the hub for ${Math.round((Date.now() - state.updatedAt) / 1000)} s` : "";
}

// A backstop beside each request's deadline: whatever holds the polls up, old figures do not stay marked live.
function watchStaleness() {
  setInterval(() => { if (state.updatedAt && Date.now() - state.updatedAt > STALE_MS) markStale(true); }, 1000);
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
      el("th", { scope: "row" }, node.nodeId), el("td", {}, node.scope), el("td", {}, number(node.acknowledgedRevision)),
      el("td", { class: node.lagRevisions ? "bad nowrap" : "nowrap" }, `${number(node.lagRevisions)} rev · ${node.lagSeconds.toFixed(1)} s`),
      el("td", { title: node.lastError || node.detail || "" }, el("span", { class: `state ${node.state}` }, node.state),
        node.detail ? el("div", { class: "muted" }, node.detail) : "", node.lastError ? el("div", { class: "bad" }, node.lastError) : ""),
      el("td", { class: node.verified ? "good nowrap" : digest && !digest.matches ? "bad nowrap" : "muted" }, digestText),
      el("td", {}, filingOf(node, status.filings)),
      // Named with the node: a screen reader's list of buttons would otherwise read "verify" once per node.
      el("td", {}, el("button", { "aria-label": `verify ${node.nodeId}`, onclick: () => act(`Digest check of ${node.nodeId}`, `/api/admin/nodes/${node.nodeId}/verify`, `Digest check of ${node.nodeId} asked for.`) }, "verify"), " ",
        el("button", { "aria-label": `resync ${node.nodeId}`, onclick: () => act(`Snapshot to ${node.nodeId}`, `/api/admin/nodes/${node.nodeId}/resync`, `Snapshot to ${node.nodeId} asked for.`) }, "resync")));
  }));
  const select = $("#province");
  const provinces = [...new Set(status.filings.map((f) => f.province).concat(status.nodes.map((n) => n.scope).filter((s) => s !== "national")))].sort();
  for (const province of provinces) {
    if (![...select.options].some((o) => o.value === province)) select.append(el("option", { value: province }, province));
  }
}

// Why the outbox does not drain: the change set the adapter keeps trying to publish, and the broker's reason.
function publishFailure(adapter) {
  const failure = adapter && adapter.publishFailure;
  if (!failure) return "";
  const what = failure.sequence == null ? "publishing fails" : `#${failure.sequence} fails`;
  return el("div", { class: "muted" }, `${what} since ${time(failure.since)} (${number(failure.attempts)} tries): ${failure.reason}`);
}

// Layers whose next export goes out whole: the hub had applied numbers the adapter's store no longer knew (put back
// from a backup, or lost), and its numbering moved past them. Until the layer's next export, the hub keeps its state.
function sendWhole(adapter) {
  const layers = Object.keys((adapter && adapter.layersToSendWhole) || {});
  if (!layers.length) return "";
  return el("div", { class: "muted", title: Object.values(adapter.layersToSendWhole)[0] },
    `numbering moved past the hub's; next export sent whole: ${layers.join(", ")}`);
}

// The adapters may run in another process, where this hub has no /api/adapters: only a 404 means that. Any other
// failure is said, or outbox depths and publish failures would vanish as if there were none to show.
function getAdapters() {
  return getJson("/api/adapters").then((list) => ({ list }),
    (error) => error.status === 404 ? { list: [] } : { list: [], error });
}

function renderSources(status, adapters) {
  const byStream = new Map(adapters.list.map((a) => [a.stream, a]));
  const seen = new Set(status.streams.map((stream) => stream.stream));
  replaceRows($("#sources"), status.streams.map((stream) => sourceRow(stream, byStream.get(stream.stream), adapters))
    .concat(adapters.list.filter((adapter) => !seen.has(adapter.stream)).map((adapter) => unseenSourceRow(adapter, adapters))));
  const notes = adapters.error ? [`The adapters' status could not be read (${adapters.error.message}): outbox depths and publish failures are not shown.`] : [];
  const orphans = status.quarantinedWithoutStream;
  if (orphans) notes.push(`${number(orphans)} refused change sets name no stream the hub knows; they are in the quarantine.`);
  // The broker's error and dead-letter queues: nothing in the hub takes them, an operator does.
  for (const queue of (status.brokerQueues || []).filter((q) => q.messages > 0 || q.error)) {
    notes.push(queue.error ? `${queue.queue} could not be read: ${queue.error}.` : brokerQueueNote(queue));
  }
  $("#sources-note").replaceChildren(...notes.flatMap((note, i) => [i ? " " : "", note]));
}

// Read why they failed, then, once that is mended, move them back to the queue they failed in.
function brokerQueueNote(queue) {
  return el("span", { "data-broker-queue": queue.queue }, `${number(queue.messages)} in ${queue.queue}: ${queue.meaning}. `,
    el("button", { "aria-label": `show the messages in ${queue.queue}`, onclick: () => showBrokerMessages(queue.queue) }, "show"), " ",
    el("button", { "aria-label": `move the messages in ${queue.queue} back`, onclick: () => act(`Moving ${queue.queue} back`,
      `/api/broker-queues/${encodeURIComponent(queue.queue)}/move-back`, (moved) => `${number(moved.moved)} messages of ${queue.queue} moved back`
        + (moved.to.length ? ` to ${moved.to.join(", ")}` : "") + (moved.stopped ? `; stopped: ${moved.stopped}` : "")
        + (moved.remaining ? `; ${number(moved.remaining)} wait there still.` : ".")) }, "move back"));
}

// Drawn apart from the note, which every status poll draws again: what was shown stays until asked again.
async function showBrokerMessages(queue) {
  const list = $("#broker-messages");
  try {
    const response = await fetch(`/api/broker-queues/${encodeURIComponent(queue)}/messages?limit=20`, { headers: operatorHeaders(), signal: AbortSignal.timeout(ACTION_TIMEOUT_MS) });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) return say(`The messages in ${queue} could not be read: ${body.detail || response.status}`);
    list.replaceChildren(el("h3", {}, `${queue}: the oldest ${body.length}, left where they are`),
      ...body.map((m) => el("div", { class: "broker-message", "data-position": m.position },
        el("div", {}, `#${m.position}`, m.failedIn ? ` (failed in ${m.failedIn})` : "", m.faultMessage ? `: ${m.faultMessage}` : ""),
        el("pre", {}, m.body.length > 600 ? `${m.body.slice(0, 600)}… (${number(m.bytes)} bytes)` : m.body))));
  } catch (error) {
    say(`The messages in ${queue} could not be read: ${unanswered(error)}.`);
  }
}

function sourceRow(stream, adapter, adapters) {
  return el("tr", { "data-stream": stream.stream },
    el("td", {}, stream.department), el("td", {}, stream.stream), layersCell(stream.layers),
    el("td", {}, number(stream.lastSequence)), el("td", { class: "nowrap" }, time(stream.lastSeen)),
    el("td", { class: stream.held ? "bad" : "", title: "change sets that came early, waiting for a missing number" }, number(stream.held), heldWait(stream)),
    outboxCell(adapter, adapters),
    el("td", { class: stream.quarantined ? "bad" : "", title: "open quarantine entries: refused input waiting for a replay or a dismissal" }, number(stream.quarantined)));
}

// An adapter whose stream the hub has applied nothing of: typically one whose first change sets cannot be published
// (a wrong broker password, the broker down since it started), the one an operator most needs to see.
function unseenSourceRow(adapter, adapters) {
  return el("tr", { "data-stream": adapter.stream, "data-unseen": "true" },
    el("td", {}, adapter.department), el("td", {}, adapter.stream), layersCell(adapter.layers || []),
    el("td", { class: "muted", title: `the adapter has numbered up to #${number(adapter.lastSequence)}; the hub has applied none` }, "none applied"),
    el("td", { class: "muted nowrap" }, "never"), el("td", {}, "–"),
    outboxCell(adapter, adapters), el("td", {}, "–"));
}

function layersCell(layers) {
  return el("td", {}, ...layers.flatMap((layer, i) => [i ? ", " : "", el("span", { class: "nowrap" }, layer)]));
}

function outboxCell(adapter, adapters) {
  if (adapter) {
    return el("td", { class: adapter.publishFailure ? "bad" : "", title: "the adapter's outbox: change sets not yet confirmed by the broker" },
      number(adapter.outboxDepth), publishFailure(adapter), sendWhole(adapter));
  }
  if (adapters.error) return el("td", { class: "bad", title: `the adapters' status could not be read: ${adapters.error.message}` }, "?");
  return el("td", { class: "muted", title: "the adapter runs elsewhere" }, "–");
}

// What a stream's held change sets wait for, and the way out when it will not come: they move to the quarantine,
// where a replay applies them, and the stream goes on from its last applied number.
function heldWait(stream) {
  if (!stream.held) return "";
  const from = stream.lastSequence + 1, to = stream.heldFirst - 1;
  // A held run may start at the next number (an incomplete snapshot series): what it lacks is among or after it.
  const missing = to > from ? `#${number(from)}–#${number(to)}` : to === from ? `#${number(from)}` : "numbers among or after them";
  return el("div", { class: "muted" }, `waits for ${missing} since ${time(stream.heldSince)} `,
    el("button", { "aria-label": `quarantine held change sets of ${stream.stream}`,
      title: "take them out of the hold into the quarantine; the stream goes on from its last applied number",
      onclick: () => act(`Moving the held change sets of ${stream.stream} to the quarantine`,
        `/api/streams/${encodeURIComponent(stream.stream)}/held/quarantine`,
        (moved) => `${moved.quarantined.length} held change sets of ${stream.stream} moved to the quarantine; replay or dismiss them there.`) },
      "quarantine held"));
}

function renderFailures(failures) {
  $("#failures-panel").hidden = failures.length === 0;
  replaceRows($("#failures-table"), failures.map((f) => el("tr", { "data-failure": f.county },
    el("td", {}, f.county), el("td", {}, f.error), el("td", { class: "nowrap" }, time(f.failedAt)))));
}

// Where the refused input says it belongs; a message the hub could not read (or one without a stream) may name neither.
function place(entry) {
  if (!entry.stream) return el("span", { class: "muted" }, "no stream named");
  return entry.sequence > 0 ? `${entry.stream} #${entry.sequence}` : entry.stream;
}

function renderQuarantine(entries, open) {
  $("#quarantine-count").textContent = entries.length < open ? `newest ${entries.length} of ${number(open)} open` : `${number(open)} open`;
  replaceRows($("#quarantine"), entries.map((entry) => el("tr", { "data-quarantine": entry.id },
    el("th", { scope: "row" }, entry.id), el("td", {}, place(entry)), el("td", {}, entry.layer),
    el("td", {}, entry.reasons.map((r) => el("div", {}, `${r.featureId ? r.featureId + ": " : ""}${r.rule} — ${r.message}`))),
    el("td", { class: "nowrap" }, time(entry.receivedAt)),
    el("td", { class: "nowrap" }, entry.notReplayable ? el("span", { class: "muted", title: entry.notReplayable }, "not replayable")
      : el("button", { "aria-label": `replay quarantine entry ${entry.id}`, onclick: () => act(`Replay of quarantine entry ${entry.id}`, `/api/quarantine/${entry.id}/replay`, replayed(entry.id)) }, "replay"), " ",
      el("button", { "aria-label": `dismiss quarantine entry ${entry.id}`, title: "close it without a replay; it is kept", onclick: () => act(`Dismissal of quarantine entry ${entry.id}`, `/api/quarantine/${entry.id}/dismiss`,
        `Quarantine entry ${entry.id} dismissed: kept, no longer open.`) }, "dismiss"),
      entry.attempts ? el("div", { class: "muted" }, `${entry.attempts} replays so far`) : ""))));
}

function renderConflicts(conflicts) {
  const newest = [...conflicts.features].sort((a, b) => b.properties.openedRevision - a.properties.openedRevision).slice(0, 100);
  $("#conflicts-shown").textContent = newest.length < conflicts.features.length
    ? `newest ${newest.length} of ${number(conflicts.features.length)}` : `${number(conflicts.features.length)}`;
  replaceRows($("#conflicts"), newest.map((f) => el("tr", { "data-conflict": f.id },
    el("td", {}, f.properties.rule), el("td", {}, `${f.properties.featureA} × ${f.properties.featureB}`), el("td", {}, f.properties.county),
    el("td", {}, number(Math.round(f.properties.areaSquareMetres))), el("td", {}, `r${f.properties.openedRevision}`))));
}

// Two lanes, each scaled to its own peak: one change set of an export writes hundreds of unit versions, so on one
// scale the change sets would be drawn a fraction of a pixel high, as if none were applied. The peaks are in the legend.
const LANES = { cs: { top: 0, height: 56 }, uv: { top: 64, height: 56 } };

function renderThroughput(minutes) {
  const peaks = { cs: Math.max(0, ...minutes.map((m) => m.changeSetsApplied)), uv: Math.max(0, ...minutes.map((m) => m.unitsRevised)) };
  const width = 600 / minutes.length;
  const bar = (kind, value, i, m) => {
    const { top, height } = LANES[kind];
    const h = height * value / Math.max(1, peaks[kind]);
    const rect = svg("rect", { class: kind, x: i * width, width: width * 0.9, y: top + height - h, height: h });
    rect.append(Object.assign(svg("title"), { textContent: `${m.minute}Z: ${m.changeSetsApplied} change sets, ${m.unitsRevised} unit versions` }));
    return rect;
  };
  $("#throughput").replaceChildren(...minutes.flatMap((m, i) => [bar("cs", m.changeSetsApplied, i, m), bar("uv", m.unitsRevised, i, m)]));
  $("#cs-peak").textContent = `peak ${number(peaks.cs)} a minute`;
  $("#uv-peak").textContent = `peak ${number(peaks.uv)} a minute`;
  $("#throughput").setAttribute("aria-label",
    `change sets applied, peak ${number(peaks.cs)} a minute; unit versions, peak ${number(peaks.uv)} a minute; each on its own scale`);
}

// An equirectangular projection scaled by the cosine of the middle latitude: right for a province's extent.
function project(coordinates, cos) {
  return coordinates.map((ring) => "M" + ring.map(([x, y]) => `${(x * cos).toFixed(5)},${(-y).toFixed(5)}`).join("L") + "Z").join("");
}

// A geometry's parts: polygons (their rings) and points. A conflict of a project's site with a unit is a point.
function parts(geometry) {
  const found = { polygons: [], points: [] };
  const walk = (g) => {
    if (!g) return;
    if (g.type === "Polygon") found.polygons.push(g.coordinates);
    else if (g.type === "MultiPolygon") found.polygons.push(...g.coordinates);
    else if (g.type === "Point") found.points.push(g.coordinates);
    else if (g.type === "MultiPoint") found.points.push(...g.coordinates);
    else if (g.type === "GeometryCollection") g.geometries.forEach(walk);
  };
  walk(geometry);
  return found;
}

function boundsOf(features) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    const { polygons, points } = parts(f.geometry);
    for (const [x, y] of polygons.flatMap((polygon) => polygon[0]).concat(points)) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
  }
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}

// Points are circles whose radius follows the view (CSS r: var(--dot)), so they keep their size on screen when zoomed.
function setView(view) {
  state.view = view;
  const map = $("#map");
  map.setAttribute("viewBox", view.join(" "));
  map.style.setProperty("--dot", `${(view[2] * 0.005).toFixed(6)}px`);
}

function renderMap(units, conflicts, revision) {
  const map = $("#map");
  // Until the operator pans or zooms, the view follows the units: a page opened while the first counties are
  // derived widens as the rest arrive.
  if (!state.bounds || !state.moved) { state.bounds = boundsOf(units.features); state.view = null; }
  const b = state.bounds;
  if (!b) { map.replaceChildren(); return; }
  const cos = Math.cos(((b.minY + b.maxY) / 2) * Math.PI / 180);
  if (!state.view) {
    const pad = 0.03 * Math.max(b.maxX - b.minX, b.maxY - b.minY, 0.01);
    setView([b.minX * cos - pad, -b.maxY - pad, (b.maxX - b.minX) * cos + 2 * pad, b.maxY - b.minY + 2 * pad]);
  }
  map.dataset.revision = revision;
  const unitPaths = units.features.map((f) => {
    const p = f.properties;
    const path = svg("path", { d: parts(f.geometry).polygons.map((poly) => project(poly, cos)).join(""), class: `t${p.typeDigit}`,
      "data-code": p.code, "data-version": p.version, "data-type": p.typeDigit, "data-county": p.county });
    path.addEventListener("click", () => showInfo([`${p.code} · ${TYPE_NAMES[p.typeDigit]}`, `county ${p.county} · version ${p.version} · revision ${p.revision}`,
      `${number(Math.round(p.areaSquareMetres))} m²`, `sources: ${p.sources.join(", ")}`]));
    return path;
  });
  const conflictShapes = conflicts.features.flatMap((f) => {
    const { polygons, points } = parts(f.geometry);
    const shapes = (polygons.length ? [svg("path", { d: polygons.map((poly) => project(poly, cos)).join("") })] : [])
      .concat(points.map(([x, y]) => svg("circle", { cx: (x * cos).toFixed(5), cy: (-y).toFixed(5) })));
    for (const shape of shapes) {
      shape.setAttribute("class", "conflict");
      shape.setAttribute("data-conflict", f.id);
      shape.addEventListener("click", () => showInfo([`conflict ${f.properties.rule}`, `${f.properties.featureA} × ${f.properties.featureB}`,
        `county ${f.properties.county} · ${number(Math.round(f.properties.areaSquareMetres))} m² · opened r${f.properties.openedRevision}`]));
    }
    return shapes;
  });
  map.replaceChildren(...unitPaths, ...conflictShapes);
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
    state.moved = true;
    const [x, y, w, h] = state.view;
    setView([px - (px - x) * factor, py - (py - y) * factor, w * factor, h * factor]);
  }, { passive: false });
  map.addEventListener("pointerdown", (event) => { if (state.view) state.drag = { start: toView(event), view: state.view }; });
  map.addEventListener("pointerup", () => { state.drag = null; });
  map.addEventListener("pointerleave", () => { state.drag = null; });
  map.addEventListener("pointermove", (event) => {
    if (!state.drag) return;
    const [x, y] = toView(event);
    const [vx, vy, w, h] = state.view;
    state.moved = true;
    setView([vx - (x - state.drag.start[0]), vy - (y - state.drag.start[1]), w, h]);
  });
}

// Simplified on the hub, to about what a pixel shows: a province at 50 m, all of them at 100 m, and at national
// scale (tens of thousands of units) 1 km, so the whole map stays a few megabytes.
function tolerance(province, unitCount) {
  return province ? 0.0005 : unitCount > 5000 ? 0.01 : 0.001;
}

async function refreshMap(province, unitCount, revision, signal) {
  const query = `simplify=${tolerance(province, unitCount)}${province ? `&province=${province}` : ""}`;
  const [units, conflicts] = await Promise.all([
    getJson(`/api/units?${query}`, signal, MAP_TIMEOUT_MS), getJson(`/api/conflicts?${query}`, signal, MAP_TIMEOUT_MS)]);
  renderMap(units, conflicts, revision);
  renderConflicts(conflicts);
}

function failed(error) {
  markStale(true);
  state.pollFailure = error.message;
  sayTrouble();
}

// A map or conflicts request that failed leaves the last map and conflicts drawn (better than nothing to an operator)
// but marked as not current, here and in the message, until a map is drawn again.
function mapFailed(error) {
  state.mapFailure = error.message;
  // A busy hub says when to come back (429 with Retry-After); any other failure waits the map interval.
  state.mapRetryAt = Date.now() + (error.retryAfterMs ?? MAP_MS);
  markMapStale(true);
  sayTrouble();
}

function mapDrawn() {
  state.mapRetryAt = 0;
  if (!state.mapFailure) return;
  state.mapFailure = null;
  markMapStale(false);
  sayTrouble();
}

function mapFailureText() {
  const drawn = $("#map").dataset.revision;
  return (drawn ? `The map and the open conflicts shown are those of r${drawn}, not current:` : "The map and the open conflicts could not be loaded:")
    + ` ${state.mapFailure}. Asking again at ${new Date(state.mapRetryAt).toLocaleTimeString()}.`;
}

function markMapStale(stale) {
  for (const panel of ["#map-panel", "#conflicts-panel"]) $(panel).dataset.stale = String(stale);
  for (const note of ["#map-note", "#conflicts-note"]) $(note).textContent = stale ? mapFailureText() : "";
}

// After a failed map request nothing is asked before the time it set, not even for a province change: until a map is
// drawn the province stays "changed", and a busy hub would otherwise be asked again at every poll. Then a failed map
// is asked for again; a drawn one when the head moved and the last was asked for MAP_MS ago.
function mapDue(province, headRevision) {
  if (Date.now() < (state.mapRetryAt || 0)) return false;
  if (province !== state.province || state.mapFailure) return true;
  return headRevision !== state.head && Date.now() - (state.mapAt || 0) >= MAP_MS;
}

// The map is fetched beside the tables, one fetch at a time: a slow map never holds up the figures, and a slow hub
// gets one map request from this page, not one more every poll. A province change drops the fetch under way.
function maybeRefreshMap(headRevision, unitCount) {
  const province = $("#province").value;
  if (state.map && state.map.province !== province) { state.map.dropped = true; state.map.controller.abort(); state.map = null; }
  if (state.map || !mapDue(province, headRevision)) return;
  if (province !== state.province) { state.view = null; state.bounds = null; state.moved = false; }
  const map = { province, controller: new AbortController(), dropped: false };
  state.map = map;
  state.mapAt = Date.now();
  refreshMap(province, unitCount, headRevision, map.controller.signal)
    .then(() => {
      // Only once drawn: a map the hub could not give (busy, 429) is asked for again, when mapFailed() says.
      state.head = headRevision;
      state.province = province;
      mapDrawn();
    })
    .catch((error) => {
      if (map.dropped) return;
      map.controller.abort(); // the other of the two requests is no use without this one
      mapFailed(error);
    })
    .finally(() => { if (state.map === map) state.map = null; });
}

async function poll() {
  try {
    const [status, quarantine, adapters] = await Promise.all([
      getJson("/api/status"), getJson("/api/quarantine?limit=50&open=true"), getAdapters()]);
    renderFigures(status);
    renderNodes(status);
    renderSources(status, adapters);
    renderFailures(status.derivationFailures);
    renderQuarantine(quarantine, status.quarantineOpen);
    maybeRefreshMap(status.headRevision, status.activeUnits);
    if (!state.throughputAt || Date.now() - state.throughputAt > 10000) {
      state.throughputAt = Date.now();
      renderThroughput(await getJson("/api/throughput?minutes=60"));
    }
    markStale(false);
    if (state.pollFailure) { state.pollFailure = null; sayTrouble(); }
  } catch (error) {
    failed(error);
  }
}

// One poll at a time, the next one POLL_MS after the last ended: a slow hub is not sent a pile of requests.
// An action or a province change asks for one more poll as soon as the running one ends.
let polling = null;
let pollAgain = false;
function refresh() {
  if (polling) { pollAgain = true; return polling; }
  polling = poll().finally(() => {
    polling = null;
    if (pollAgain) { pollAgain = false; refresh(); }
  });
  return polling;
}

function loop() {
  refresh().finally(() => setTimeout(loop, POLL_MS));
}

$("#credential").value = sessionStorage.getItem("operator-credential") || "";
// Enter in the credential field submits its form, which would load the page again and lose what was typed: it is kept instead.
$("#operator").addEventListener("submit", (event) => {
  event.preventDefault();
  if ($("#credential").value) sessionStorage.setItem("operator-credential", $("#credential").value);
});
$("#rebuild").addEventListener("click", () => act("Rebuild", "/api/admin/rebuild", "Rebuild asked for: every county is marked for derivation."));
$("#province").addEventListener("change", refresh);
enablePanAndZoom();
watchStaleness();
loop();
