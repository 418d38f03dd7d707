"use strict";
// The technician page: live state over server-sent events (/api/live), events and charts from the log, tools.
// Every time is printed ISO-style, 24-hour, in the site's time zone (state.timeZone).
const $ = id => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
let state = null;
let editing = null; // the group whose form has focus is not redrawn under the technician's fingers
let events = [];
let timeFormat = null;

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k.startsWith("data-") || k === "ariaLabel") e.setAttribute(k === "ariaLabel" ? "aria-label" : k, v); else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return e;
}
// A table row whose cells carry their column's label (shown on phones, where rows stack).
function row(table, ...cells) {
  const labels = [...$(table).closest("table").querySelectorAll("thead th")].map(th => th.textContent);
  const tr = el("tr");
  cells.forEach((c, i) => {
    const td = c instanceof Node && c.tagName === "TD" ? c : el("td", {}, c instanceof Node ? c : String(c ?? "–"));
    td.setAttribute("data-label", labels[i] || "");
    tr.append(td);
  });
  return tr;
}
function kv(key, value, cls) { return el("tr", {}, el("th", {}, key), el("td", { className: cls || "" }, value)); }
function showError(message) { $("error").textContent = message || ""; }
function siteTime(ts) {
  if (!ts) return "–";
  if (!timeFormat) {
    const zone = state && state.timeZone;
    try {
      timeFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: zone || undefined, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    } catch { timeFormat = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" }); }
  }
  return timeFormat.format(new Date(ts));
}
function duration(s) {
  if (s == null) return "–";
  s = Math.round(s);
  return s < 90 ? s + " s" : s < 5400 ? Math.round(s / 60) + " min" : (s / 3600).toFixed(1) + " h";
}

async function api(method, path, body) {
  const init = { method, headers: {}, credentials: "same-origin" };
  if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
  const response = await fetch(path, init);
  let json = null;
  try { json = await response.json(); } catch { /* not JSON */ }
  if (!response.ok) throw new Error((json && json.error) || response.status + " " + response.statusText);
  return json;
}

function renderAlarms(s) {
  const box = $("alarms");
  if (!s.alarms.length) { box.replaceChildren(el("div", { className: "alarm none" }, "No active alarms.")); return; }
  const rank = { critical: 0, warning: 1, info: 2 };
  box.replaceChildren(...[...s.alarms].sort((a, b) => rank[a.severity] - rank[b.severity]).map(a =>
    el("div", { className: "alarm " + a.severity }, a.severity.toUpperCase() + " · " + a.source + ": " + a.text + (a.since ? " · since " + siteTime(a.since) : ""))));
}

function renderGroups(s) {
  const box = $("groups");
  if (editing && box.contains(document.activeElement)) return;
  box.replaceChildren();
  box.classList.remove("muted");
  if (!s.lighting.length) { box.textContent = "No lamp groups configured."; return; }
  for (const g of s.lighting) {
    const ov = g.override ? "override " + g.override.level + " % until " + siteTime(g.override.until) : "program";
    const failing = g.outputs.filter(o => !o.ok && o.failingSince);
    const actual = g.outputOk
      ? el("span", { className: "good", id: "actual-" + g.group }, "output at " + (g.actual == null ? "–" : g.actual + " %"))
      : el("span", { className: "bad", id: "actual-" + g.group }, "OUTPUT NOT ANSWERING" + (failing.length ? " since " + siteTime(failing[0].failingSince) : "")
          + failing.map(o => " · " + o.output + (o.level == null ? "" : " (last level sent: " + o.level + " %)")).join(""));
    const div = el("div", { className: "group" },
      el("div", {}, el("b", {}, g.group), " commanded ",
        el("span", { className: "level", id: "level-" + g.group }, g.commanded == null ? "–" : g.commanded + " %"), " ",
        el("span", { className: "pill" }, g.cause), " ", actual),
      el("div", { className: "muted" }, g.mode + " / " + g.strategy + " · " + ov + (g.lampFailed ? " · LAMP FAILURE" : "")));
    if (s.session.loggedIn) {
      const level = el("input", { type: "range", min: 0, max: 100, step: 1, value: g.override ? g.override.level : (g.level ?? 100), name: "level", id: "override-level-" + g.group, ariaLabel: "level" });
      const shown = el("output", {}, level.value + " %");
      level.oninput = () => { shown.textContent = level.value + " %"; };
      const minutes = el("input", { type: "number", min: 1, max: 1440, value: 30, name: "durationMinutes", id: "override-minutes-" + g.group, ariaLabel: "minutes" });
      const form = el("form", {}, level, shown, minutes, "min", el("button", { className: "primary", type: "submit", id: "override-" + g.group }, "Override"));
      form.onfocusin = () => { editing = g.group; };
      form.onsubmit = async ev => {
        ev.preventDefault();
        editing = null;
        try {
          await api("POST", "/api/light/override", { group: g.group, level: Number(level.value), durationMinutes: Number(minutes.value) });
          showError("");
        } catch (e) { showError(e.message); }
        refresh();
      };
      const release = el("button", { type: "button", id: "release-" + g.group, disabled: !g.override }, "Release");
      release.onclick = async () => {
        try { await api("POST", "/api/light/release", { group: g.group }); showError(""); } catch (e) { showError(e.message); }
        refresh();
      };
      div.append(form, release);
    }
    box.append(div);
  }
}

function renderDevices(s) {
  $("devices").replaceChildren(...s.devices.map(d => row("devices", d.device,
    el("td", { className: d.ok ? "good" : "bad" }, d.ok ? "ok" : d.state.toUpperCase()),
    d.failingSince ? siteTime(d.failingSince) : "–",
    siteTime(d.lastSuccess),
    d.lastGood.length ? d.lastGood.map(p => p.point.split(".").pop() + " " + (p.value == null ? "–" : p.value) + (p.unit ? " " + p.unit : "")).join(", ") : "–",
    d.reads + " / " + d.failures,
    d.bus ? d.bus + " unit " + d.unitId + " · " + d.timeouts + " timeouts, " + d.frameErrors + " bad frames, " + d.exceptions
      + " exceptions" + (d.latencyMs != null ? " · " + d.latencyMs + " ms" : "") : "–",
    d.lastError || "–")));
}

function renderTools(s) {
  const fill = (select, values) => {
    if (select.options.length === values.length) return;
    select.replaceChildren(...values.map(v => el("option", { value: v }, v)));
  };
  fill($("lamp-test-group"), s.lighting.map(g => g.group));
  fill($("modbus-device"), s.devices.filter(d => d.bus).map(d => d.device));
  fill($("i2c-bus"), s.i2cBuses.map(String));
}

function render(s) {
  const zoneChanged = !state || state.timeZone !== s.timeZone;
  state = s;
  if (zoneChanged) timeFormat = null;
  $("gateway").textContent = s.gatewayId + (s.site ? " · " + s.site : "");
  const u = s.uplink;
  $("uplink").textContent = u.state + (u.downSince ? " (down since " + siteTime(u.downSince) + ")" : "");
  $("uplink").className = u.state === "online" ? "good" : u.state === "disabled" ? "" : "warn";
  $("clock").textContent = s.clock.trusted ? "trusted" : "NOT trusted";
  $("clock").className = s.clock.trusted ? "good" : "bad";
  $("updated").textContent = "at " + siteTime(s.ts) + " (" + s.timeZone + ")";
  renderAlarms(s);

  const sess = s.session;
  $("session-state").textContent = sess.loggedIn
    ? "Logged in until " + siteTime(sess.until) + ": door openings are expected, not alarms."
    : sess.active ? "A technician session is open on this cabinet."
    : sess.loginEnabled ? "Not logged in: the page is read-only." : "No technician password is set: the page is read-only.";
  $("no-password").hidden = sess.loginEnabled;
  $("no-password").textContent = sess.help || "";
  $("login-form").hidden = sess.loggedIn || !sess.loginEnabled;
  $("logout").hidden = !sess.loggedIn;
  $("tools").hidden = !sess.loggedIn;

  renderGroups(s);

  const c = s.cabinet;
  const mainsClass = c.mains === "present" ? "good" : c.mains === "lost" ? "bad" : c.mains === "unknown" ? "warn" : "muted";
  $("cabinet").replaceChildren(
    kv("door", (c.doorOpen == null ? "–" : c.doorOpen ? "OPEN" : "closed") + " (" + c.openings + " openings)", c.doorOpen ? "warn" : ""),
    kv("climate", c.overtemp ? "OVER TEMPERATURE" : "normal", c.overtemp ? "bad" : ""),
    kv("mains", c.mains, mainsClass),
    kv("sun", c.night ? "night" : "day"));

  $("uplink-table").replaceChildren(
    kv("state", u.state + " since " + siteTime(u.since)),
    kv("down since", u.downSince ? siteTime(u.downSince) : "–", u.downSince ? "warn" : ""),
    kv("backlog", u.backlog + " records" + (u.oldestUnsentAgeS != null ? ", oldest " + duration(u.oldestUnsentAgeS) : "")),
    kv("published", String(u.published)),
    kv("last error", u.lastError || "–"));
  const d = u.drain;
  $("drain").hidden = d.left === 0;
  $("drain-text").textContent = (d.draining ? "Draining: " : "Waiting to drain: ") + d.left + " of " + d.peak + " records left"
    + (d.ratePerS ? " · " + d.ratePerS + " records/s" : "") + (d.etaS != null && d.left > 0 ? " · about " + duration(d.etaS) + " left" : "");
  $("drain-bar").value = d.progress;

  $("bays").replaceChildren(...s.parking.map(b => row("bays", b.bay, b.faulted ? "SENSOR FAULT" : b.occupied ? "occupied" : "free", b.arrivals)));
  $("bins").replaceChildren(...s.bins.map(b => row("bins", b.bin, b.fillPct == null ? "–" : Math.round(b.fillPct) + " %", b.faulted ? "SENSOR FAULT" : b.alarm ? "FULL" : "ok")));
  $("points").replaceChildren(...s.points.map(p => row("points", p.point,
    el("td", { className: "num" }, (p.value == null ? "–" : String(Math.round(p.value * 100) / 100)) + (p.unit ? " " + p.unit : "")),
    el("td", { className: p.quality || "" }, p.quality || "no data"), duration(p.ageS))));
  renderDevices(s);
  renderTools(s);
}

function renderEvents() {
  const severity = $("severity").value;
  const shown = events.filter(e => !severity || e.severity === severity);
  $("events").replaceChildren(...shown.slice(0, 200).map(e => {
    const data = e.data ? Object.entries(e.data).map(([k, v]) => k + ": " + (typeof v === "object" ? JSON.stringify(v) : typeof v === "string" && /^\d{4}-\d\d-\d\dT.*Z$/.test(v) ? siteTime(v) : v)).join(", ") : "";
    const tr = row("events", siteTime(e.ts), e.severity, e.type, e.source, data);
    tr.className = "sev-" + e.severity;
    return tr;
  }));
}
function addEvents(fresh) {
  const seen = new Set(events.map(e => e.seq));
  events = events.concat(fresh.filter(e => !seen.has(e.seq)));
  const alarm = e => e.severity === "info" ? 1 : 0;
  events.sort((a, b) => alarm(a) - alarm(b) || b.seq - a.seq);
  events = events.slice(0, 500);
  renderEvents();
}
async function loadEvents() {
  try { addEvents((await api("GET", "/api/events")).events); } catch (e) { showError(e.message); }
}

// Charts: one inline SVG per point, x = the last 24 h, with the lamp groups' on/off light levels on light charts.
function chart(series, from, to, thresholds) {
  const W = 480, H = 160, L = 44, R = 8, T = 8, B = 22;
  const pts = series.points;
  let lo = 0, hi = 1;
  for (const [, v] of pts) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  for (const t of thresholds) { hi = Math.max(hi, t.offLux * 1.2); }
  if (series.kind === "dimLevel" || series.kind === "fillLevel") { lo = 0; hi = Math.max(hi, 100); }
  if (series.kind === "occupancy") { lo = 0; hi = 1; }
  const x = t => L + (W - L - R) * (t - from) / (to - from);
  const y = v => T + (H - T - B) * (1 - (v - lo) / (hi - lo || 1));
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", series.point + " over the last 24 h");
  const add = (name, attrs, text) => {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    svg.append(e);
    return e;
  };
  for (const v of [lo, (lo + hi) / 2, hi]) {
    add("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "grid" });
    add("text", { x: L - 4, y: y(v) + 4, "text-anchor": "end" }, String(Math.round(v * 10) / 10));
  }
  add("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" });
  add("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" });
  for (let i = 0; i <= 4; i++) {
    const t = from + (to - from) * i / 4;
    add("text", { x: x(t), y: H - 6, "text-anchor": i === 0 ? "start" : i === 4 ? "end" : "middle" }, siteTime(t).slice(11, 16));
  }
  for (const t of thresholds) {
    add("line", { x1: L, x2: W - R, y1: y(t.onLux), y2: y(t.onLux), class: "on" });
    add("line", { x1: L, x2: W - R, y1: y(t.offLux), y2: y(t.offLux), class: "off" });
    add("text", { x: W - R - 2, y: y(t.onLux) - 3, "text-anchor": "end" }, t.group + " on " + t.onLux + " lx");
    add("text", { x: W - R - 2, y: y(t.offLux) - 3, "text-anchor": "end" }, "off " + t.offLux + " lx");
  }
  if (pts.length) {
    add("polyline", { class: "series", points: pts.map(([t, v]) => x(t).toFixed(1) + "," + y(v).toFixed(1)).join(" ") });
    if (pts.length <= 120) for (const [t, v] of pts) add("circle", { class: "dot", cx: x(t).toFixed(1), cy: y(v).toFixed(1), r: 2.5 });
  } else {
    add("text", { x: (L + W) / 2, y: H / 2, "text-anchor": "middle" }, "no data in the log yet");
  }
  return el("div", { className: "chart", "data-point": series.point, "data-points": String(pts.length) },
    el("h3", {}, series.point + (series.unit ? " (" + series.unit + ")" : "")), svg);
}
async function loadCharts() {
  try {
    const c = await api("GET", "/api/charts");
    const from = Date.parse(c.from), to = Date.parse(c.to);
    $("charts").replaceChildren(...c.series.map(s => chart(s, from, to, c.thresholds.filter(t => t.point === s.point))));
    if (!c.series.length) $("charts").textContent = "Nothing charted: no light, level, bin, bay or power points configured.";
  } catch (e) { $("charts").textContent = "charts unavailable: " + e.message; }
}

async function refresh() {
  try { render(await api("GET", "/api/state")); } catch (e) { $("updated").textContent = "gateway unreachable: " + e.message; }
}

// The stream carries the session it was opened with (its cookie), so it is opened again on login and logout.
let source = null;
function live() {
  if (source) source.close();
  source = new EventSource("/api/live");
  source.addEventListener("state", m => { render(JSON.parse(m.data)); $("live").textContent = "live"; $("live").className = "status good"; });
  source.addEventListener("events", m => addEvents(JSON.parse(m.data).events));
  source.onerror = () => { $("live").textContent = "reconnecting…"; $("live").className = "status warn"; };
}

function tool(form, run) {
  $(form).onsubmit = async ev => {
    ev.preventDefault();
    try { await run(); showError(""); } catch (e) { showError(e.message); }
  };
}

$("login-form").onsubmit = async ev => {
  ev.preventDefault();
  try {
    await api("POST", "/api/session", { password: $("password").value });
    $("password").value = "";
    showError("");
    live();
  } catch (e) { showError(e.message); }
  refresh();
};
$("logout").onclick = async () => {
  try { await api("DELETE", "/api/session"); showError(""); } catch (e) { showError(e.message); }
  live();
  refresh();
};
$("severity").onchange = renderEvents;
tool("lamp-test", async () => {
  const r = await api("POST", "/api/tools/lamp-test", { group: $("lamp-test-group").value, level: Number($("lamp-test-level").value), minutes: Number($("lamp-test-minutes").value) });
  $("error").textContent = "";
  $("i2c-result").textContent = "";
  refresh();
  return r;
});
tool("modbus-read", async () => {
  const r = (await api("POST", "/api/tools/modbus-read", { device: $("modbus-device").value, table: $("modbus-table").value,
    address: Number($("modbus-address").value), count: Number($("modbus-count").value), type: $("modbus-type").value })).result;
  $("modbus-result").replaceChildren(...r.rows.map(x => row("modbus-result", x.address, x.raw, x.value == null ? "–" : String(x.value))));
});
tool("i2c-scan", async () => {
  const r = (await api("POST", "/api/tools/i2c-scan", { bus: Number($("i2c-bus").value) })).result;
  $("i2c-result").textContent = "answering: " + (r.found.map(f => f.address + (f.device ? " (" + f.device + ")" : "")).join(", ") || "none")
    + (r.missing.length ? " · configured but silent: " + r.missing.join(", ") : "");
});
$("log-tail").onclick = async () => {
  try { $("log-lines").textContent = (await api("GET", "/api/tools/log?lines=200")).lines.join("\n"); $("log-lines").hidden = false; } catch (e) { showError(e.message); }
};

refresh();
loadEvents();
loadCharts();
setInterval(loadCharts, 60000);
live();
