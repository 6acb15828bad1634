/* The events view: fused events (marsad fuse --db) in a server-side paged list and on the map; one
 * event's reports side by side (outlet, reporter, figure, qualifier, verdict), each opening its
 * article at the evidence. All API strings (outlet and reporter names, evidence) go in as text. */
import { getJSON } from "./api.js";
import { clear, el, fmt } from "./dom.js";
import { EventMap } from "./eventmap.js";
import {
  QUALIFIER,
  TYPE_AR,
  VERDICT,
  countLabel,
  estimateLabel,
  eventDateLabel,
  eventPlaceLabel,
  figureName,
  typeLabel,
} from "./labels.js";

export const EVENT_PAGE = 50;
const FIELDS = ["start", "end", "admin1", "type", "outlet", "source", "min_outlets", "discrepancy"];
const HUGE = 5000; // a toll this large is a war-wide total, not one event
const REPORTS_SHOWN = 24; // cards per figure before "show all"
const MEMBERS_SHOWN = 40;
const KIND_LABEL = {
  count_mismatch: "أرقام متباينة · counts differ",
  vague_vs_exact: "رقم مبهم مقابل رقم دقيق · vague vs exact",
  attribution: "الفاعل متنازع عليه · perpetrator disputed",
};

function fillSelect(sel, values, label) {
  const keep = sel.value;
  while (sel.options.length > 1) sel.remove(1);
  (values || []).forEach((v) => sel.appendChild(el("option", { value: v, text: label ? label(v) : v })));
  sel.value = keep;
}

function tollLine(s) {
  const k = s.killed || {};
  const parts = ["قتلى · killed " + estimateLabel(k)];
  if (s.injured && s.injured.best !== null && s.injured.best !== undefined) parts.push("جرحى · injured " + estimateLabel(s.injured));
  return parts.join(" · ");
}

export class EventsView {
  constructor(handlers) {
    this.handlers = handlers; // {onArticle(id, span, incidentId), setStatus(msg), onShown()}
    this.form = document.getElementById("ev-filters");
    this.list = document.getElementById("event-list");
    this.count = document.getElementById("ev-count");
    this.info = document.getElementById("ev-page-info");
    this.prev = document.getElementById("ev-page-prev");
    this.next = document.getElementById("ev-page-next");
    this.detail = document.getElementById("event-detail");
    this.panel = document.getElementById("view-events");
    this.offset = 0;
    this.sort = "-date";
    this.q = "";
    this.place = null;
    this.seq = 0;
    this.current = null;
    this.started = null;
  }

  /** Built on first show: the incidents view must not pay for it. */
  start() {
    if (!this.started) this.started = this.init();
    return this.started;
  }

  async init() {
    this.map = new EventMap("event-map", {
      onEvent: (id) => this.open(id, { reveal: false }),
      onGovernorate: (admin1) => {
        const sel = this.form.elements.admin1;
        if (!Array.from(sel.options).some((o) => o.value === admin1)) sel.appendChild(el("option", { value: admin1, text: admin1 }));
        sel.value = sel.value === admin1 ? "" : admin1;
        this.refresh();
      },
    });
    this.form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      this.refresh();
    });
    this.form.addEventListener("reset", () => {
      this.q = "";
      this.place = null;
      setTimeout(() => this.refresh(), 0);
    });
    FIELDS.forEach((k) => this.form.elements[k].addEventListener("change", () => this.refresh()));
    document.getElementById("ev-sort").addEventListener("change", (ev) => {
      this.sort = ev.target.value;
      this.offset = 0;
      this.loadPage();
    });
    this.prev.addEventListener("click", () => this.page(Math.max(0, this.offset - EVENT_PAGE)));
    this.next.addEventListener("click", () => this.page(this.offset + EVENT_PAGE));
    document.getElementById("event-close").addEventListener("click", () => this.close());
    const [facets] = await Promise.all([
      getJSON("/api/events/facets"),
      this.map.loadGovernorates("/static/syria_governorates.geojson"),
    ]);
    fillSelect(this.form.elements.admin1, facets.admin1);
    fillSelect(this.form.elements.type, facets.types, typeLabel);
    fillSelect(this.form.elements.outlet, facets.outlets);
    fillSelect(this.form.elements.source, facets.sources);
    await this.refresh({ initial: true });
  }

  filters() {
    const out = {};
    FIELDS.forEach((k) => {
      const f = this.form.elements[k];
      out[k] = f.type === "checkbox" ? (f.checked ? "true" : "") : f.value;
    });
    out.q = this.q;
    out.place = this.place ? this.place.place_id : "";
    return out;
  }

  setText(q) {
    this.q = q;
    return this.refresh();
  }

  setPlace(place) {
    this.place = place;
    return this.refresh();
  }

  drawChips() {
    const box = document.getElementById("ev-chips");
    clear(box);
    const chip = (label, value, onRemove, kind) => {
      const x = el("button", { type: "button", className: "chip-x", "aria-label": "إزالة · remove", text: "✕" });
      x.addEventListener("click", onRemove);
      box.appendChild(el("span", { className: "chip", "data-kind": kind }, [label + ": ", el("bdi", { text: value }), " ", x]));
    };
    if (this.q) chip("نص · text", this.q, () => this.setText(""), "q");
    if (this.place) {
      const p = this.place;
      chip("مكان · place", [p.name_ar, p.name_en].filter(Boolean).join(" · "), () => this.setPlace(null), "place");
    }
  }

  loading(on) {
    this.panel.setAttribute("data-loading", on === true ? "1" : on === false ? "0" : on);
  }

  async refresh(opts) {
    opts = opts || {};
    const seq = ++this.seq;
    const f = this.filters();
    const narrowed = ["admin1", "q", "place", "outlet", "source"].some((k) => (f[k] || "") !== ((this.last || {})[k] || ""));
    this.last = f;
    this.offset = 0;
    this.loading(true);
    this.drawChips();
    try {
      const [points, page] = await Promise.all([
        getJSON("/api/events/points", f),
        getJSON("/api/events", Object.assign({ fields: "summary", limit: EVENT_PAGE, offset: 0, sort: this.sort }, f)),
      ]);
      if (seq !== this.seq) return;
      this.map.setPoints(points.fields, points.rows);
      this.render(page);
      if (narrowed && !opts.initial) {
        if (f.admin1 || f.q || f.place || f.outlet || f.source) this.map.fitData();
        else this.map.fitSyria();
      }
      this.panel.setAttribute("data-points", String(points.total));
      this.panel.setAttribute("data-total", String(page.total));
      this.handlers.setStatus(fmt(page.total) + " حدث · events · " + fmt(points.total) + " على الخريطة · on the map");
      this.loading(false);
    } catch (err) {
      if (seq !== this.seq) return;
      this.handlers.setStatus("خطأ · error: " + err.message);
      this.loading("error");
    }
  }

  async page(offset) {
    this.offset = offset;
    await this.loadPage();
  }

  async loadPage() {
    const seq = ++this.seq;
    this.loading(true);
    try {
      const page = await getJSON("/api/events", Object.assign({ fields: "summary", limit: EVENT_PAGE, offset: this.offset, sort: this.sort }, this.last || this.filters()));
      if (seq !== this.seq) return;
      this.render(page);
      this.loading(false);
    } catch (err) {
      if (seq !== this.seq) return;
      this.handlers.setStatus("خطأ · error: " + err.message);
      this.loading("error");
    }
  }

  render(page) {
    const items = page.items || [];
    this.offset = page.offset || 0;
    const total = page.total || 0;
    clear(this.list);
    this.list.setAttribute("start", String(this.offset + 1));
    this.count.textContent = "(" + fmt(total) + ")";
    this.count.setAttribute("data-total", String(total));
    const last = this.offset + items.length;
    this.info.textContent = items.length ? fmt(this.offset + 1) + "–" + fmt(last) + " / " + fmt(total) : "0 / " + fmt(total);
    this.prev.disabled = this.offset <= 0;
    this.next.disabled = last >= total;
    if (!items.length) {
      const none = total === 0 && !this.anyFilter() ? "لا أحداث مدمجة بعد: شغّل marsad fuse --db · no fused events yet: run marsad fuse --db" : "لا أحداث مطابقة · no matching events";
      this.list.appendChild(el("li", { className: "empty", text: none }));
      return;
    }
    items.forEach((s) => this.list.appendChild(el("li", null, [this.item(s)])));
    this.list.scrollTop = 0;
  }

  anyFilter() {
    const f = this.last || {};
    return Object.values(f).some(Boolean);
  }

  item(s) {
    const k = s.killed || {};
    const huge = (k.best || 0) >= HUGE;
    const btn = el("button", {
      type: "button",
      className: "event" + (s.mapped ? "" : " unmapped") + (s.id === this.current ? " current" : ""),
      "data-event": s.id,
      "data-killed": k.best === null || k.best === undefined ? "" : String(k.best),
      "data-outlets": String(s.n_outlets),
      "data-discrepancy": s.discrepancy ? "1" : "0",
      "data-day": (s.date || {}).start || "",
    }, [
      el("span", { className: "type t-" + s.type, text: TYPE_AR[s.type] || s.type }),
      el("bdi", { className: "when", text: eventDateLabel(s.date) }),
      el("span", { className: "where", text: eventPlaceLabel(s.location, s.places) + (s.mapped ? "" : " · لا نقطة على الخريطة (no map point)") }),
      el("span", { className: "toll" + (huge ? " huge" : ""), text: tollLine(s) + (huge ? " ⚠ رقم إجمالي على الأرجح · likely a war-wide total" : "") }),
      el("span", { className: "outlets" }, [
        el("strong", { text: fmt(s.n_outlets) }),
        " وسائل إعلام · outlets, " + fmt(s.n_articles) + " مقالات · articles: ",
        el("bdi", { text: (s.outlets || []).slice(0, 5).join(", ") + ((s.outlets || []).length > 5 ? "…" : "") }),
      ]),
      s.discrepancy
        ? el("span", { className: "disc-badge", text: "⚠ تباين · discrepancy: " + (s.discrepancy_kinds || []).map((x) => KIND_LABEL[x] || x).join("، ") })
        : null,
    ]);
    btn.addEventListener("click", () => this.open(s.id, { reveal: true }));
    return btn;
  }

  /** Open one event's panel (and select it on the map; ``reveal``: pan and zoom to it). */
  async open(id, opts) {
    opts = opts || {};
    this.detail.setAttribute("data-loading", "1");
    try {
      const ev = await getJSON("/api/events/" + encodeURIComponent(id));
      this.current = id;
      this.renderDetail(ev);
      this.list.querySelectorAll("button.event").forEach((b) => b.classList.toggle("current", b.dataset.event === id));
      if (opts.reveal === false) this.map.select(id);
      else await this.map.reveal(id, 8);
      const hash = "#event=" + encodeURIComponent(id);
      if (location.hash !== hash) history.replaceState(null, "", hash);
    } catch (err) {
      this.handlers.setStatus("تعذّر تحميل الحدث · could not load event: " + err.message);
    } finally {
      this.detail.setAttribute("data-loading", "0");
    }
  }

  close() {
    this.current = null;
    this.detail.hidden = true;
    this.map.select(null);
    this.list.querySelectorAll("button.event.current").forEach((b) => b.classList.remove("current"));
    this.map.map.invalidateSize();
  }

  renderDetail(ev) {
    const s = ev.summary || {};
    const box = document.getElementById("event-body");
    clear(box);
    this.detail.hidden = false;
    this.detail.setAttribute("data-event", ev.id);
    document.getElementById("event-title").textContent = typeLabel(ev.type) + " — " + eventPlaceLabel(s.location || ev.location, ev.places);
    const meta = el("p", { className: "meta" }, [
      el("bdi", { text: eventDateLabel(ev.date) }),
      " · " + tollLine(s) + " · ",
      el("strong", { text: fmt(s.n_outlets || (ev.outlets || []).length) }),
      " وسائل إعلام · outlets (",
      el("bdi", { text: (ev.outlets || []).join(", ") }),
      ") · " + fmt(ev.n_articles) + " مقالات · articles",
      (s.perpetrators || []).length ? el("span", null, [" · الفاعل · perpetrator: ", el("bdi", { text: s.perpetrators.join(", ") })]) : null,
    ]);
    box.appendChild(meta);
    if ((ev.places || []).length > 1) box.appendChild(el("p", { className: "meta" }, ["الأماكن · places: ", el("bdi", { text: ev.places.join(", ") })]));
    if ((ev.discrepancies || []).length) box.appendChild(this.discrepancies(ev));
    // Tolls of the dead first, then the wounded, then the rest; the most reported first within each.
    const order = ["killed", "injured", "missing", "abducted", "arrested", "displaced", "evacuated"];
    const rank = (m) => (order.indexOf(m) < 0 ? order.length : order.indexOf(m));
    const figures = (ev.figures || []).slice().sort((a, b) => rank(a.measure) - rank(b.measure) || (b.reports || []).length - (a.reports || []).length);
    if (!figures.length) box.appendChild(el("p", { className: "meta", text: "لا أرقام في التقارير · the reports give no figures" }));
    figures.forEach((f) => box.appendChild(this.figure(f, ev)));
    box.appendChild(this.members(ev));
    this.detail.scrollTop = 0;
  }

  discrepancies(ev) {
    const out = el("div", { className: "discrepancies" }, [el("h4", { text: "⚠ تباين بين التقارير · where the reports disagree" })]);
    const ul = el("ul");
    (ev.discrepancies || []).forEach((d) => {
      if (d.kind === "attribution") {
        const blocs = Object.entries(d.perpetrators || {}).map(([bloc, ids]) => bloc + ": " + ids.join(", "));
        const who = (d.reports || []).map((r) => (r.outlet || r.article) + " → " + (r.perpetrators || []).join(", "));
        ul.appendChild(el("li", { "data-kind": d.kind }, [KIND_LABEL.attribution + " — ", el("bdi", { text: blocs.join(" / ") }), el("div", { className: "meta" }, [el("bdi", { text: who.join(" · ") })])]));
        return;
      }
      const figs = (d.figures || []).map((r) => (r.outlet || r.article) + " (" + (r.sources || []).join("+") + "): " + countLabel(r));
      ul.appendChild(el("li", { "data-kind": d.kind }, [KIND_LABEL[d.kind] || d.kind, " — " + figureName(d) + ": ", el("bdi", { text: figs.join(" ≠ ") })]));
    });
    out.appendChild(ul);
    return out;
  }

  /** One figure (measure, group, side): its estimate, then every report of it side by side. */
  figure(f, ev) {
    const reports = f.reports || [];
    const head = el("h4", { className: "figure-head" }, [
      figureName(f) + ": ",
      el("strong", { dir: "ltr", text: estimateLabel(f) }),
      " · " + fmt(f.n_sources) + " مصادر · sources",
    ]);
    const grid = el("div", { className: "reports", role: "list" });
    const add = (from, to) => reports.slice(from, to).forEach((r) => grid.appendChild(this.report(r, ev)));
    add(0, REPORTS_SHOWN);
    const box = el("section", { className: "figure", "data-measure": f.measure, "data-group": f.group, "data-side": f.side || "" }, [head, grid]);
    if (reports.length > REPORTS_SHOWN) {
      const more = el("button", { type: "button", className: "linkish more", text: "عرض الكل · show all " + fmt(reports.length) });
      more.addEventListener("click", () => {
        add(REPORTS_SHOWN, reports.length);
        more.remove();
      });
      box.appendChild(more);
    }
    return box;
  }

  /** A report card: outlet, reporter, figure and its wording, the verdict of that claim; opens the article at its evidence. */
  report(r, ev) {
    const e = r.evidence || {};
    const label = (ev.labels || {})[r.incident + "|" + e.start + "|" + e.end];
    const art = (ev.articles || {})[r.article] || {};
    const card = el("button", {
      type: "button",
      role: "listitem",
      className: "report" + (label ? " v-" + label : ""),
      "data-article": r.article,
      "data-incident": r.incident,
      "data-start": e.start,
      "data-end": e.end,
      "data-value": r.value === null || r.value === undefined ? "" : String(r.value),
      "data-qualifier": r.qualifier || "",
      "data-label": label || "",
    }, [
      el("bdi", { className: "outlet", text: r.outlet || "—" }),
      el("span", { className: "when", text: r.published || "" }),
      el("span", { className: "reporter" }, ["عن · per ", el("bdi", { text: (r.sources || []).join(", ") || "—" })]),
      el("strong", { className: "value", dir: "ltr", text: countLabel(r) }),
      el("span", { className: "qualifier", text: QUALIFIER[r.qualifier] || r.qualifier || "" }),
      label ? el("span", { className: "verdict v-" + label, text: VERDICT[label] || label }) : null,
      e.text ? el("span", { className: "evidence", text: "«" + e.text + "»" }) : null,
    ]);
    card.title = (art.title || r.article) + " — فتح المقال على الدليل · open the article at the evidence";
    card.addEventListener("click", () => this.handlers.onArticle(r.article, { start: e.start, end: e.end, title: "report of " + (r.outlet || r.article) }, r.incident));
    return card;
  }

  /** Every article of the event (also those without figures), each opening at its evidence. */
  members(ev) {
    const members = ev.members || [];
    const rows = el("tbody");
    const add = (from, to) =>
      members.slice(from, to).forEach((m) => {
        const art = (ev.articles || {})[m.article] || {};
        const e = (m.evidence || [])[0] || {};
        const label = (ev.labels || {})[m.incident + "|event"];
        const open = el("button", { type: "button", className: "linkish open-report", "data-article": m.article, "data-incident": m.incident, "data-start": e.start, "data-end": e.end, text: art.title || m.article });
        open.addEventListener("click", () => this.handlers.onArticle(m.article, { start: e.start, end: e.end, title: "report of " + (m.outlet || m.article) }, m.incident));
        rows.appendChild(
          el("tr", { "data-incident": m.incident }, [
            el("td", null, [el("bdi", { text: m.outlet || "—" })]),
            el("td", { className: "when", text: m.published || "" }),
            el("td", null, [el("bdi", { text: (m.reported_by || []).join(", ") || "—" })]),
            el("td", { text: TYPE_AR[m.type] || m.type }),
            el("td", null, [label ? el("span", { className: "verdict v-" + label, text: VERDICT[label] || label }) : null]),
            el("td", null, [open]),
          ]),
        );
      });
    add(0, MEMBERS_SHOWN);
    const table = el("table", { className: "members" }, [
      el("thead", null, [
        el("tr", null, ["وسيلة الإعلام · outlet", "النشر · published", "المصدر · reporter", "النوع · type", "الحدث · event", "المقال · article"].map((h) => el("th", { text: h }))),
      ]),
      rows,
    ]);
    const box = el("section", { className: "event-members" }, [el("h4", { text: "كل التقارير · every report (" + fmt(members.length) + ")" }), table]);
    if (members.length > MEMBERS_SHOWN) {
      const more = el("button", { type: "button", className: "linkish more", text: "عرض الكل · show all " + fmt(members.length) });
      more.addEventListener("click", () => {
        add(MEMBERS_SHOWN, members.length);
        more.remove();
      });
      box.appendChild(more);
    }
    return box;
  }
}
