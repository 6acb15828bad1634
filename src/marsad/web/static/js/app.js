/* marsad web page: filters, map, list, timeline, search and the article view over the REST API.
 *
 * Views are tabs ("incidents", "events"); each view is a panel under #views. The article panel is
 * shared: it is docked into the layout of the view shown.
 */
import { getJSON } from "./api.js";
import { buildTree, codePointIndex, loadArticle, renderArticle } from "./article.js";
import { clear, el, fmt } from "./dom.js";
import { EventsView } from "./events.js";
import { dateLabel, placeLabel, tollLabel, typeLabel } from "./labels.js";
import { IncidentList, PAGE_SIZE } from "./list.js";
import { IncidentMap } from "./map.js";
import { SearchBox } from "./search.js";
import { Timeline } from "./timeline.js";

const FORM_FIELDS = ["start", "end", "admin1", "type", "actor", "source"];
const SPATIAL = ["admin1", "place", "q"];

const state = {
  q: "",
  place: null, // {place_id, name_ar, name_en, ...}
  sort: "-date",
  offset: 0,
  choropleth: "none",
  lastFilters: {},
};

let map, list, timeline, search, events;
let currentView = null;

function setStatus(msg) {
  document.getElementById("status").textContent = msg;
}

function filters() {
  const form = document.getElementById("filters");
  const out = {};
  FORM_FIELDS.forEach((k) => (out[k] = form.elements[k].value));
  out.q = state.q;
  out.place = state.place ? state.place.place_id : "";
  return out;
}

function withoutDates(f) {
  const out = Object.assign({}, f);
  delete out.start;
  delete out.end;
  return out;
}

// ---------- the incidents view ----------

function popupFor(inc) {
  const link = el("a", { href: "#article=" + encodeURIComponent(inc.article_id), className: "open-article", text: "فتح المقال · open article" });
  link.addEventListener("click", (ev) => {
    ev.preventDefault();
    openArticle(inc.article_id, inc.id);
  });
  const row = (label, value) => el("div", { className: "row" }, [el("span", { className: "label", text: label }), " ", el("bdi", { text: value })]);
  return el("div", { className: "popup", dir: "rtl" }, [
    el("strong", { text: typeLabel(inc.type) }),
    row("التاريخ (date):", dateLabel(inc)),
    row("المكان (place):", placeLabel(inc)),
    row("الحصيلة (toll):", tollLabel(inc.killed || 0, inc.injured || 0)),
    row("المصادر (reported by):", (inc.reported_by || []).join(", ") || "—"),
    inc.note_en ? el("div", { className: "row notes", dir: "ltr", lang: "en", text: inc.note_en }) : null,
    row("المقال (article):", inc.article_title || inc.article_id),
    link,
  ]);
}

async function showPopup(id, marker) {
  const inc = await getJSON("/api/incidents/" + encodeURIComponent(id));
  marker.unbindPopup();
  marker.bindPopup(popupFor(inc), { maxWidth: 340 }).openPopup();
  return inc;
}

async function onPoint(id, marker) {
  const inc = await showPopup(id, marker);
  openArticle(inc.article_id, inc.id);
}

async function onPick(inc) {
  // The article first: opening its panel narrows the map, which must happen before zooming in.
  await openArticle(inc.article_id, inc.id);
  if (!map.reveal(inc.id, (marker) => showPopup(inc.id, marker))) map.map.closePopup();
}

async function loadPage() {
  const page = await getJSON("/api/incidents", Object.assign({ limit: PAGE_SIZE, offset: state.offset, sort: state.sort }, state.lastFilters));
  list.render(page);
  return page;
}

let refreshSeq = 0;
/** Refetch everything the filters change. ``opts.keepTimeline``: the timeline ignores the date range
 * (it draws it as the brush), so a brush or date change need not refetch it. */
async function refresh(opts) {
  opts = opts || {};
  const seq = ++refreshSeq;
  const f = filters();
  const spatialChanged = SPATIAL.some((k) => (f[k] || "") !== (state.lastFilters[k] || ""));
  state.lastFilters = f;
  if (!opts.keepOffset) state.offset = 0;
  setStatus("جارٍ التحميل… loading");
  document.body.setAttribute("data-loading", "1");
  drawChips();
  try {
    const calls = [
      getJSON("/api/points", f),
      getJSON("/api/incidents", Object.assign({ limit: PAGE_SIZE, offset: state.offset, sort: state.sort }, f)),
      getJSON("/api/admin1", f),
      opts.keepTimeline ? null : getJSON("/api/timeline", withoutDates(f)),
    ];
    const [points, page, admin1, tl] = await Promise.all(calls);
    if (seq !== refreshSeq) return;
    map.setPoints(points.rows);
    map.setChoropleth(state.choropleth, admin1);
    list.render(page);
    if (tl) timeline.setRows(tl);
    timeline.setSelection(f.start, f.end);
    if (spatialChanged && !opts.initial) {
      if (f.admin1 || f.place || f.q) map.fitData();
      else map.fitSyria();
    }
    setStatus(fmt(page.total) + " حادثة · incidents · " + fmt(points.total) + " على الخريطة · on the map");
    document.body.setAttribute("data-points", String(points.total));
    document.body.setAttribute("data-total", String(page.total));
    document.body.setAttribute("data-loading", "0");
  } catch (err) {
    if (seq !== refreshSeq) return;
    setStatus("خطأ · error: " + err.message);
    document.body.setAttribute("data-loading", "error");
  }
}

function drawChips() {
  const box = document.getElementById("chips");
  clear(box);
  const chip = (label, value, onRemove, kind) => {
    const x = el("button", { type: "button", className: "chip-x", "aria-label": "إزالة · remove", text: "✕" });
    x.addEventListener("click", onRemove);
    box.appendChild(el("span", { className: "chip", "data-kind": kind }, [label + ": ", el("bdi", { text: value }), " ", x]));
  };
  if (state.q) chip("نص · text", state.q, () => { state.q = ""; refresh(); }, "q");
  if (state.place) {
    const p = state.place;
    chip("مكان · place", [p.name_ar, p.name_en].filter(Boolean).join(" · "), () => { state.place = null; refresh(); }, "place");
  }
}

function selectGovernorate(admin1) {
  const sel = document.getElementById("f-admin1");
  if (!Array.from(sel.options).some((o) => o.value === admin1)) sel.appendChild(el("option", { value: admin1, text: admin1 }));
  sel.value = sel.value === admin1 ? "" : admin1; // a second click on the same governorate clears it
  refresh();
}

function fillSelect(id, values, label) {
  const sel = document.getElementById(id);
  const keep = sel.value;
  while (sel.options.length > 1) sel.remove(1);
  (values || []).forEach((v) => sel.appendChild(el("option", { value: v, text: label ? label(v) : v })));
  sel.value = keep;
}

async function loadFacets() {
  const f = await getJSON("/api/facets");
  fillSelect("f-admin1", f.admin1);
  fillSelect("f-type", f.types, typeLabel);
  fillSelect("f-actor", f.actors);
  fillSelect("f-source", f.sources);
}

// ---------- article view ----------

/** Open an article in the side panel. ``focusId``: an incident to scroll to; ``span``: {start, end}
 * (code points) of another report's evidence to highlight and scroll to. */
async function openArticle(id, focusId, span) {
  setStatus("جارٍ تحميل المقال… loading article " + id);
  const panel = document.getElementById("article");
  panel.setAttribute("data-loading", "1");
  try {
    const data = await loadArticle(id);
    const wasHidden = renderArticle(data, { focusId, span, onArticle: (aid, sp, inc) => openArticle(aid, inc, sp), onEvent: openEvent });
    if (wasHidden) refitAfterResize();
    setStatus("المقال · article " + id);
    const focus = span && typeof span.start === "number" ? "&span=" + span.start + "-" + span.end : "";
    const hash = "#article=" + encodeURIComponent(id) + focus;
    if (location.hash !== hash) history.replaceState(null, "", hash);
  } catch (err) {
    setStatus("تعذّر تحميل المقال · could not load article: " + err.message);
  } finally {
    panel.setAttribute("data-loading", "0");
  }
}

/** Show the events view with one event open. */
async function openEvent(id) {
  showView("events");
  await events.start();
  await events.open(id, { reveal: true });
}

/** The map column changed width: keep an open popup in view, else re-fit what is shown. */
function refitAfterResize() {
  if (currentView === "events") {
    if (events.map) events.map.map.invalidateSize();
    return;
  }
  map.map.invalidateSize();
  if (document.querySelector(".leaflet-popup")) return;
  const f = state.lastFilters;
  if (f.admin1 || f.place || f.q) map.fitData();
  else map.fitSyria();
}

function openFromHash() {
  const a = /^#article=([^&]+)(?:&span=(\d+)-(\d+))?$/.exec(location.hash);
  if (a) {
    const span = a[2] !== undefined ? { start: Number(a[2]), end: Number(a[3]) } : null;
    return openArticle(decodeURIComponent(a[1]), null, span);
  }
  const e = /^#event=(.+)$/.exec(location.hash);
  if (e) return openEvent(decodeURIComponent(e[1]));
  return null;
}

// ---------- views (tabs) ----------

const views = {};

/** Register a view: a tab button and its panel; the first registered is shown. */
function registerView(name, tab, panel, onShow) {
  views[name] = { tab, panel, onShow };
  tab.addEventListener("click", () => showView(name));
}

function showView(name) {
  if (currentView === name) return;
  currentView = name;
  // The article panel goes with the view shown (into its layout's "article" area).
  const layout = views[name].panel.querySelector(".layout");
  const article = document.getElementById("article");
  if (layout && article.parentNode !== layout) layout.appendChild(article);
  Object.entries(views).forEach(([n, v]) => {
    const on = n === name;
    v.tab.setAttribute("aria-selected", on ? "true" : "false");
    v.panel.hidden = !on;
  });
  document.body.setAttribute("data-view", name);
  if (views[name].onShow) views[name].onShow();
}

// ---------- start ----------

async function init() {
  registerView("incidents", document.getElementById("tab-incidents"), document.getElementById("view-incidents"), () => map && map.map.invalidateSize());
  events = new EventsView({ onArticle: (id, span, inc) => openArticle(id, inc, span), setStatus });
  registerView("events", document.getElementById("tab-events"), document.getElementById("view-events"), () =>
    events.start().then(() => events.map.map.invalidateSize()),
  );
  showView("incidents");
  map = new IncidentMap("map", {
    onPoint,
    onGovernorate: selectGovernorate,
    onChoropleth: (mode) => {
      state.choropleth = mode;
      getJSON("/api/admin1", state.lastFilters).then((rows) => map.setChoropleth(mode, rows));
    },
  });
  list = new IncidentList({
    onPick,
    onPage: (offset) => {
      state.offset = offset;
      loadPage();
    },
  });
  timeline = new Timeline(document.getElementById("timeline"), document.getElementById("timeline-legend"), {
    onSelect: (start, end) => {
      const form = document.getElementById("filters");
      form.elements.start.value = start;
      form.elements.end.value = end;
      refresh({ keepTimeline: true });
    },
  });
  // Text and place filters apply to the view shown.
  search = new SearchBox({
    onText: (q) => {
      if (currentView === "events") return events.setText(q);
      state.q = q;
      refresh();
    },
    onPlace: (place) => {
      if (currentView === "events") return events.setPlace(place);
      state.place = place;
      refresh();
    },
    onArticle: (id) => openArticle(id),
  });

  const form = document.getElementById("filters");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    refresh({ keepTimeline: true });
  });
  form.addEventListener("reset", () => {
    state.q = "";
    state.place = null;
    setTimeout(() => refresh(), 0);
  });
  ["admin1", "type", "actor", "source"].forEach((k) => form.elements[k].addEventListener("change", () => refresh()));
  ["start", "end"].forEach((k) => form.elements[k].addEventListener("change", () => refresh({ keepTimeline: true })));
  document.getElementById("sort").addEventListener("change", (ev) => {
    state.sort = ev.target.value;
    state.offset = 0;
    loadPage();
  });
  document.getElementById("bucket").addEventListener("change", (ev) => timeline.setUnit(ev.target.value));
  document.getElementById("tl-zoom").addEventListener("click", () => timeline.zoomToSelection());
  document.getElementById("tl-full").addEventListener("click", () => timeline.fullRange());
  document.getElementById("tl-clear").addEventListener("click", () => {
    form.elements.start.value = "";
    form.elements.end.value = "";
    refresh({ keepTimeline: true });
  });
  document.getElementById("article-close").addEventListener("click", () => {
    document.getElementById("article").hidden = true;
    refitAfterResize();
    history.replaceState(null, "", location.pathname + location.search);
  });
  try {
    // Outlines, filter choices and the first data load all at once (none needs another).
    await Promise.all([map.loadGovernorates("/static/syria_governorates.geojson"), loadFacets(), refresh({ initial: true })]);
    await openFromHash();
    window.addEventListener("hashchange", openFromHash);
    let resizeTimer = null;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => timeline.draw(), 150);
    });
    document.body.setAttribute("data-ready", "1"); // outlines, facets, data and any #article / #event
  } catch (err) {
    setStatus("خطأ · error: " + err.message);
    document.body.setAttribute("data-loading", "error");
  }
}

window.marsad = {
  buildTree, codePointIndex, state, refresh, openArticle, openEvent, registerView, showView,
  get map() { return map; }, get timeline() { return timeline; }, get events() { return events; },
};
init();
