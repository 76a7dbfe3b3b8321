// The dashboard: filters (kept in the URL, so a view can be shared) -> the API -> Vega-Lite charts
// and the event table; a click on a bar or a row leads to the sentences behind it.
// Text from the store is only ever set as textContent: an article can hold anything.
"use strict";

const QUADS = {1: "1 verbal cooperation", 2: "2 material cooperation", 3: "3 verbal conflict", 4: "4 material conflict"};
const QUAD_COLORS = ["#1a7f37", "#2f6fd6", "#c77d00", "#b00020"];
const FILTERS = ["a", "b", "type", "quad", "since", "until", "actor", "q", "background"];
const PICKS = ["pick_month", "pick_quad", "pick_type"];  // a clicked bar narrows the table only
const LIMIT = 25;
const state = {filters: {}, pick: {}, offset: 0, event: null, dyad: null};
// For the browser test and for poking at in the console.
window.sanderling = {state, views: {}, data: {}, ready: false};

const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children) node.append(c);
  return node;
};

// ---------------------------------------------------------------- URL and API

function readUrl() {
  const p = new URLSearchParams(location.search);
  for (const k of FILTERS) if (p.get(k)) state.filters[k] = p.get(k);
  for (const k of PICKS) if (p.get(k)) state.pick[k] = p.get(k);
  state.offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  state.event = p.get("event");
}

function writeUrl() {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({...state.filters, ...state.pick})) if (v) p.set(k, v);
  if (state.offset) p.set("offset", state.offset);
  if (state.event) p.set("event", state.event);
  const qs = p.toString();
  history.replaceState(null, "", qs ? "?" + qs : location.pathname);
}

// The API's event filter from the page's: two sides make a dyad (either direction), one a country.
function apiParams(extra = {}) {
  const f = state.filters, p = new URLSearchParams();
  const a = (f.a || state.dyad?.[0] || "").toUpperCase(), b = (f.b || state.dyad?.[1] || "").toUpperCase();
  if (a && b) p.set("dyad", a + "," + b);
  else if (a || b) p.set("country", a || b);
  for (const k of ["type", "quad", "since", "until", "actor", "q", "background"]) if (f[k]) p.set(k, f[k]);
  for (const [k, v] of Object.entries(extra)) {
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else if (v !== undefined && v !== null && v !== "") p.set(k, v);
  }
  return p;
}

async function api(path, params) {
  const response = await fetch(path + (params && params.toString() ? "?" + params : ""));
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function showError(err) {
  $("#error").textContent = err ? String(err.message || err) : "";
}

// ---------------------------------------------------------------- charts

// Month rows for a time axis: only dates of month precision or finer have a month; coarser
// ones ("2023") are counted in a note rather than put on a guessed month.
function byMonth(rows) {
  const fine = rows.filter((r) => r.month && r.month.length >= 7);
  const coarse = rows.filter((r) => !r.month || r.month.length < 7).reduce((s, r) => s + r.n, 0);
  return [fine.map((r) => ({...r, when: r.month + "-01"})), coarse];
}

const MONTH = {field: "when", type: "temporal", timeUnit: "utcyearmonth", title: null, axis: {format: "%Y-%m", labelAngle: -40}};

async function embed(name, spec) {
  const result = await vegaEmbed("#" + name, spec, {renderer: "svg", actions: false});
  window.sanderling.views[name] = result.view;
  return result.view;
}

function pickFromBar(datum) {
  if (!datum || !datum.month) return;
  state.pick = {pick_month: datum.month};
  if (datum.quad) state.pick.pick_quad = String(datum.quad);
  if (datum.type) state.pick.pick_type = datum.type;
  state.offset = 0;
  loadTable().catch(showError);
  $("#table-section").scrollIntoView({behavior: "smooth"});
}

async function drawTimeline() {
  if (!state.dyad) {
    $("#timeline-title").textContent = "Dyad timeline";
    $("#timeline").textContent = "No dyad: name two sides (A and B) above.";
    return;
  }
  const [a, b] = state.dyad;
  $("#timeline-title").textContent = `Dyad timeline: ${a} → ${b} above, ${b} → ${a} below`;
  const body = await api("/api/aggregates", apiParams({by: ["month", "dyad", "quad"]}));
  const [rows, coarse] = byMonth(body.groups);
  const values = rows.map((r) => ({
    ...r, quad_label: QUADS[r.quad] || "unknown", direction: r.dyad,
    signed: r.dyad === `${a}->${b}` ? r.n : -r.n,
  }));
  window.sanderling.data.timeline = values;
  $("#timeline-note").textContent = coarse ? `${coarse} event(s) dated only to the year are not on this axis.` : "";
  const view = await embed("timeline", {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: "container", height: 220,
    data: {values}, mark: {type: "bar", tooltip: true, cursor: "pointer"},
    encoding: {
      x: MONTH,
      y: {field: "signed", type: "quantitative", title: `events (${b} → ${a} below zero)`, stack: true,
          axis: {tickMinStep: 1, labelExpr: "abs(datum.value)"}},
      color: {field: "quad_label", type: "nominal", title: "quad class",
              scale: {domain: Object.values(QUADS), range: QUAD_COLORS}},
      tooltip: [{field: "month"}, {field: "direction"}, {field: "quad_label", title: "quad class"}, {field: "n", title: "events"},
                {field: "goldstein_mean", title: "mean Goldstein", format: ".2f"}],
    },
  });
  view.addEventListener("click", (_, item) => pickFromBar(item && item.datum));
}

async function drawTypes() {
  const body = await api("/api/aggregates", apiParams({by: ["month", "type"]}));
  const [values] = byMonth(body.groups);
  window.sanderling.data.types = values;
  const view = await embed("types", {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: "container", height: 220,
    data: {values}, mark: {type: "bar", tooltip: true, cursor: "pointer"},
    encoding: {x: MONTH, y: {field: "n", type: "quantitative", title: "events", stack: true, axis: {tickMinStep: 1}},
               color: {field: "type", type: "nominal", title: "type", scale: {scheme: "tableau20"}},
               tooltip: [{field: "month"}, {field: "type"}, {field: "n", title: "events"}]},
  });
  view.addEventListener("click", (_, item) => pickFromBar(item && item.datum));
}

async function drawGoldstein() {
  const body = await api("/api/aggregates", apiParams({by: ["month"]}));
  const [values] = byMonth(body.groups);
  window.sanderling.data.goldstein = values;
  await embed("goldstein", {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: "container", height: 220,
    layer: [
      {data: {values: [{zero: 0}]}, mark: {type: "rule", color: "#999"}, encoding: {y: {field: "zero", type: "quantitative"}}},
      {data: {values}, mark: {type: "line", point: true, tooltip: true},
       encoding: {x: MONTH, y: {field: "goldstein_mean", type: "quantitative", title: "mean Goldstein (-10 conflict, +10 cooperation)",
                                scale: {domain: [-10, 10]}},
                  tooltip: [{field: "month"}, {field: "goldstein_mean", title: "mean", format: ".2f"},
                            {field: "goldstein_sum", title: "sum", format: ".1f"}, {field: "n", title: "events"}]}},
    ],
  });
}

// Who acts on whom: the heaviest actor pairs, laid out by Vega's force transform.
async function drawNetwork() {
  const body = await api("/api/aggregates", apiParams({by: ["source_actor", "target_actor", "dyad"], top: 80}));
  const pairs = body.groups.filter((r) => r.source_actor && r.target_actor).slice(0, 60);
  const index = new Map(), nodes = [];
  const node = (name, country) => {
    if (!index.has(name)) { index.set(name, nodes.length); nodes.push({name, country, n: 0}); }
    return index.get(name);
  };
  const links = pairs.map((r) => {
    const [sc, tc] = r.dyad.split("->");
    const s = node(r.source_actor, sc), t = node(r.target_actor, tc);
    nodes[s].n += r.n; nodes[t].n += r.n;
    return {source: s, target: t, n: r.n};
  });
  window.sanderling.data.network = {nodes, links};
  if (!nodes.length) { $("#network").textContent = "No events with both sides named."; return; }
  const width = Math.max(300, $("#network").clientWidth || 500);
  await embed("network", {
    $schema: "https://vega.github.io/schema/vega/v6.json", width, height: 320, autosize: "none", padding: 5,
    signals: [{name: "cx", update: "width / 2"}, {name: "cy", update: "height / 2"}],
    data: [{name: "node-data", values: nodes}, {name: "link-data", values: links}],
    scales: [
      {name: "color", type: "ordinal", domain: {data: "node-data", field: "country"}, range: {scheme: "tableau10"}},
      {name: "size", type: "sqrt", domain: {data: "node-data", field: "n"}, range: [60, 700]},
    ],
    marks: [
      {name: "nodes", type: "symbol", zindex: 1, from: {data: "node-data"},
       encode: {enter: {fill: {scale: "color", field: "country"}, stroke: {value: "#fff"}, size: {scale: "size", field: "n"},
                        tooltip: {signal: "datum.name + ' (' + datum.country + '): ' + datum.n + ' event(s)'"}}},
       transform: [{type: "force", iterations: 300, static: true, signal: "force",
                    // repulsion reaches only so far, so pairs not linked to the rest stay in view
                    forces: [{force: "center", x: {signal: "cx"}, y: {signal: "cy"}}, {force: "collide", radius: 14},
                             {force: "nbody", strength: -60, distanceMax: 160}, {force: "link", links: "link-data", distance: 70}]}]},
      {type: "path", from: {data: "link-data"}, interactive: false,
       encode: {update: {stroke: {value: "#aab"}, strokeWidth: {signal: "min(8, sqrt(datum.n))"}}},
       transform: [{type: "linkpath", require: {signal: "force"}, shape: "line",
                    sourceX: "datum.source.x", sourceY: "datum.source.y", targetX: "datum.target.x", targetY: "datum.target.y"}]},
      {type: "text", from: {data: "nodes"}, interactive: false,
       encode: {update: {x: {field: "x"}, y: {field: "y"}, dy: {value: -10}, align: {value: "center"}, fontSize: {value: 10},
                         text: {field: "datum.name"}}}},
    ],
  });
}

async function drawMap() {
  const body = await api("/api/locations", apiParams());
  const values = body.places.map((p) => ({...p, where: p.approximate ? "country centre" : "place named"}));
  window.sanderling.data.map = values;
  await embed("map", {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: "container", height: 300,
    projection: {type: "equalEarth"},
    layer: [
      {data: {url: "/static/vendor/world-atlas/land-110m.json", format: {type: "topojson", feature: "land"}},
       mark: {type: "geoshape", fill: "#e4e7ec", stroke: "#c3c8d0"}},
      {data: {values}, mark: {type: "circle", opacity: 0.7, stroke: "#23395b", tooltip: true},
       encoding: {longitude: {field: "lon", type: "quantitative"}, latitude: {field: "lat", type: "quantitative"},
                  size: {field: "n", type: "quantitative", title: "events", legend: {format: "d", tickMinStep: 1}},
                  strokeDash: {field: "where", type: "nominal", title: null,
                               scale: {domain: ["place named", "country centre"], range: [[1, 0], [3, 2]]}},
                  tooltip: [{field: "name"}, {field: "country"}, {field: "n", title: "events"}, {field: "where"}]}},
    ],
  });
}

// ---------------------------------------------------------------- table and detail

async function loadTable() {
  const pick = state.pick, extra = {limit: LIMIT, offset: state.offset};
  // a clicked bar: its month (both ends of the range), and its quad class or type
  if (pick.pick_month) { extra.since = pick.pick_month; extra.until = pick.pick_month; }
  if (pick.pick_quad) extra.quad = pick.pick_quad;
  if (pick.pick_type) extra.type = pick.pick_type;
  const body = await api("/api/events", apiParams(extra));
  window.sanderling.data.events = body.events;
  const tbody = $("#events tbody");
  tbody.replaceChildren(...body.events.map((e) => {
    const tr = el("tr", {className: e.id === state.event ? "selected" : ""},
      el("td", {textContent: e.date || ""}),
      el("td", {textContent: e.event_type, className: "q" + e.quad_class}),
      el("td", {textContent: `${e.source_name || "—"} (${e.source_country || "?"})`}),
      el("td", {textContent: `${e.target_name || "—"} (${e.target_country || "?"})`}),
      el("td", {textContent: e.sentence, className: "sentence", title: e.sentence}));
    tr.dataset.id = e.id;
    tr.addEventListener("click", () => selectEvent(e.id).catch(showError));
    return tr;
  }));
  const picked = pick.pick_month ? ` in ${pick.pick_month}${pick.pick_type ? ", " + pick.pick_type : ""}` +
    `${pick.pick_quad ? ", " + QUADS[pick.pick_quad] : ""} (from the chart; Apply shows all)` : "";
  $("#count").textContent = `${body.total}${picked}`;
  $("#page").textContent = body.total ? `${state.offset + 1}–${state.offset + body.events.length} of ${body.total}` : "none";
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = state.offset + LIMIT >= body.total;
  writeUrl();
}

function marked(text, highlights) {
  const out = [];
  let at = 0;
  for (const h of highlights) {
    if (h.start < at) continue;
    out.push(text.slice(at, h.start), el("mark", {className: h.role, textContent: text.slice(h.start, h.end), title: h.role}));
    at = h.end;
  }
  out.push(text.slice(at));
  return out;
}

async function selectEvent(id) {
  const d = await api("/api/events/" + encodeURIComponent(id));
  state.event = id;
  writeUrl();
  for (const tr of document.querySelectorAll("#events tbody tr")) tr.classList.toggle("selected", tr.dataset.id === id);
  const e = d.event, art = d.article || {};
  $("#detail").hidden = false;
  $("#detail-id").textContent = e.id;
  const who = (a) => (a ? `${a.name} (${a.country || "?"})` : "—");
  $("#detail-meta").textContent = `${e.date || "no date"}${e.background ? " (recalled)" : ""} · ${e.event_type}` +
    ` ${e.cameo || ""} · Goldstein ${e.goldstein ?? "?"} · ${who(e.source)} → ${who(e.target)}` +
    `${e.location ? " · in " + e.location.name : ""} · ${art.source_name || "?"}, ${art.published || "?"}` +
    `${art.title ? ": " + art.title : ""}`;
  $("#sentence").replaceChildren(...marked(d.sentence.text, d.sentence.highlights));
  $("#mentions").replaceChildren(...d.mentions.map((m) => el("li", {},
    m.text || "", m.source_name ? el("span", {className: "note", textContent: ` — ${m.source_name}, ${m.published || ""}`}) : "")));
  $("#statements").replaceChildren(...(d.statements.length ? d.statements.map((s) => el("li", {},
    el("b", {textContent: s.speaker ? `${s.speaker.name} (${s.speaker.country || "?"})` : "unknown speaker"}),
    ` ${s.cue}: ${s.content}`,
    s.via ? el("span", {className: "note", textContent: ` (via ${s.via.name})`}) : "")) : [el("li", {textContent: "none"})]));
  $("#readouts").replaceChildren();
  $("#detail").scrollIntoView({behavior: "smooth"});
}

async function loadReadouts() {
  const r = await api(`/api/events/${encodeURIComponent(state.event)}/readouts`);
  const box = $("#readouts");
  const items = [];
  for (const t of r.shared || []) items.push(el("li", {textContent: `both: ${t.topic || t.label || JSON.stringify(t).slice(0, 80)}`}));
  for (const [side, topics] of Object.entries(r.only || {})) {
    for (const t of topics) items.push(el("li", {textContent: `${side} only: ${t.topic || t.label || JSON.stringify(t).slice(0, 80)}`}));
  }
  box.replaceChildren(items.length ? el("ul", {}, ...items) : el("p", {textContent: "Nothing to compare."}));
}

// ---------------------------------------------------------------- wiring

async function loadAll() {
  window.sanderling.ready = false;
  showError(null);
  const f = state.filters;
  state.dyad = null;
  if (f.a && f.b) state.dyad = [f.a.toUpperCase(), f.b.toUpperCase()];
  else if (!f.a && !f.b) {
    // no sides chosen: the timeline shows the dyad with the most events
    const top = (await api("/api/aggregates", apiParams({by: ["dyad"], top: 20}))).groups
      .filter((r) => !r.dyad.includes("?"))[0];
    if (top) {
      const [s, t] = top.dyad.split("->");
      if (s !== t) state.dyad = [s, t];
    }
  }
  const jobs = [drawTimeline(), drawTypes(), drawGoldstein(), drawNetwork(), drawMap(), loadTable()];
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) showError(failed.reason);
  if (state.event) await selectEvent(state.event).catch(showError);
  window.sanderling.ready = true;
  document.body.dataset.ready = "1";
}

function fillForm() {
  const form = $("#filters");
  for (const k of FILTERS) form.elements[k].value = state.filters[k] || "";
}

async function start() {
  readUrl();
  try {
    const stats = await api("/api/stats");
    $("#stats").textContent = `${stats.articles} articles · ${stats.events} events · ${stats.statements} statements · ` +
      `${stats.actors} actors · ${stats.date_range[0] || "?"} – ${stats.date_range[1] || "?"}`;
    const select = $("#filters").elements.type;
    const types = new Set(stats.types);
    if (state.filters.type) types.add(state.filters.type.toUpperCase());
    for (const t of types) select.append(el("option", {value: t, textContent: t}));
  } catch (err) {
    showError(err);
  }
  fillForm();
  $("#filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.target;
    state.filters = {};
    for (const k of FILTERS) if (form.elements[k].value.trim()) state.filters[k] = form.elements[k].value.trim();
    state.pick = {}; state.offset = 0; state.event = null;
    $("#detail").hidden = true;
    writeUrl();
    loadAll();
  });
  $("#clear").addEventListener("click", () => {
    state.filters = {}; state.pick = {}; state.offset = 0; state.event = null;
    fillForm(); $("#detail").hidden = true; writeUrl(); loadAll();
  });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - LIMIT); loadTable().catch(showError); });
  $("#next").addEventListener("click", () => { state.offset += LIMIT; loadTable().catch(showError); });
  $("#readouts-button").addEventListener("click", () => loadReadouts().catch(showError));
  await loadAll();
}

start();
