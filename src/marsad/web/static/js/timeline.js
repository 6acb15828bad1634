/* Timeline: killed and injured stacked per day, week or month (chosen by the span shown), a robust
 * scale (buckets far above the rest are clipped and marked), and a brush that picks a date range.
 * Incidents carrying a cumulative toll (killed + injured over 5,000: "the war has killed 500,000";
 * marsad.store.rows.CUMULATIVE_TOLL) are not stacked: their buckets get a ◆ mark with the numbers. */
import { clear, el, fmt, svg } from "./dom.js";

const DAY = 86400000;

function toDate(s) {
  return new Date(s + "T00:00:00Z");
}
function iso(d) {
  return d.toISOString().slice(0, 10);
}
function addDays(s, n) {
  return iso(new Date(toDate(s).getTime() + n * DAY));
}
function daysBetween(a, b) {
  return Math.round((toDate(b) - toDate(a)) / DAY);
}

/** First day of the bucket (day, ISO week from Monday, month) that ``day`` falls in. */
export function bucketStart(day, unit) {
  if (unit === "month") return day.slice(0, 7) + "-01";
  if (unit === "week") {
    const d = toDate(day);
    return addDays(day, -((d.getUTCDay() + 6) % 7));
  }
  return day;
}

function nextBucket(start, unit) {
  if (unit === "month") {
    let y = +start.slice(0, 4), m = +start.slice(5, 7) + 1;
    if (m > 12) { m = 1; y += 1; }
    return y + "-" + String(m).padStart(2, "0") + "-01";
  }
  return addDays(start, unit === "week" ? 7 : 1);
}

export function autoUnit(first, last) {
  const span = daysBetween(first, last);
  return span <= 92 ? "day" : span <= 732 ? "week" : "month";
}

function quantile(sorted, p) {
  if (!sorted.length) return 0;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/** The y cap: Tukey's far-out fence (Q3 + 3·IQR) of the non-empty buckets, when the tallest bucket
 * is above it; else the tallest bucket. One month of 27,635 must not flatten all the others. */
export function robustCap(values) {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  if (!v.length) return { cap: 1, clipped: false };
  const max = v[v.length - 1];
  if (v.length < 4) return { cap: max, clipped: false };
  const q1 = quantile(v, 0.25), q3 = quantile(v, 0.75);
  const fence = q3 + 3 * (q3 - q1);
  if (max <= fence) return { cap: max, clipped: false };
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(fence, 1))));
  const nice = Math.ceil(Math.max(fence, 1) / p) * p;
  return nice >= max ? { cap: max, clipped: false } : { cap: nice, clipped: true };
}

/** The span the timeline opens on: the days holding 99% of dated incidents (the oldest 1% are often
 * history recalled in an article, e.g. 1982), up to the last day. */
export function robustDomain(rows) {
  const total = rows.reduce((s, r) => s + r.incidents, 0);
  let acc = 0, first = rows[0].date;
  for (const r of rows) {
    acc += r.incidents;
    if (acc > total * 0.01) { first = r.date; break; }
  }
  return [first, rows[rows.length - 1].date];
}

export class Timeline {
  constructor(box, legend, handlers) {
    this.box = box;
    this.legend = legend;
    this.handlers = handlers; // {onSelect(start, end)}
    this.rows = [];
    this.domain = null; // null: robust default
    this.unitChoice = "auto";
    this.selection = null; // [start, end] days
  }

  setRows(rows) {
    this.rows = (rows || []).filter((r) => r.date).sort((a, b) => (a.date < b.date ? -1 : 1));
    this.draw();
  }

  setSelection(start, end) {
    this.selection = start || end ? [start || null, end || null] : null;
    this.drawBrush();
  }

  setUnit(unit) {
    this.unitChoice = unit;
    this.draw();
  }

  zoomToSelection() {
    if (!this.selection || !this.rows.length) return;
    const [s, e] = this.selection;
    this.domain = [s || this.rows[0].date, e || this.rows[this.rows.length - 1].date];
    this.draw();
  }

  fullRange() {
    if (!this.rows.length) return;
    this.domain = [this.rows[0].date, this.rows[this.rows.length - 1].date];
    this.draw();
  }

  currentDomain() {
    return this.domain || robustDomain(this.rows);
  }

  draw() {
    clear(this.box);
    clear(this.legend);
    if (!this.rows.length) {
      this.box.appendChild(el("p", { className: "empty", text: "لا بيانات زمنية · no dated incidents" }));
      this.svg = null;
      return;
    }
    const [first, last] = this.currentDomain();
    const unit = this.unitChoice === "auto" ? autoUnit(first, last) : this.unitChoice;
    this.unit = unit;
    // Buckets over the domain, and what falls before / after it.
    const keys = [];
    for (let k = bucketStart(first, unit); k <= last && keys.length < 5000; k = nextBucket(k, unit)) keys.push(k);
    const index = {};
    keys.forEach((k, i) => (index[k] = i));
    const buckets = keys.map((k, i) => ({
      key: k,
      start: k,
      end: i + 1 < keys.length ? addDays(keys[i + 1], -1) : addDays(nextBucket(k, unit), -1),
      killed: 0,
      injured: 0,
      incidents: 0,
      outliers: 0,
      outKilled: 0,
      outInjured: 0,
    }));
    const before = { incidents: 0, first: null }, after = { incidents: 0, last: null };
    this.rows.forEach((r) => {
      if (r.date < first) {
        before.incidents += r.incidents;
        before.first = before.first || r.date;
        return;
      }
      if (r.date > last) {
        after.incidents += r.incidents;
        after.last = r.date;
        return;
      }
      const b = buckets[index[bucketStart(r.date, unit)]];
      b.killed += r.killed - (r.outlier_killed || 0);
      b.injured += r.injured - (r.outlier_injured || 0);
      b.incidents += r.incidents;
      b.outliers += r.outliers || 0;
      b.outKilled += r.outlier_killed || 0;
      b.outInjured += r.outlier_injured || 0;
    });
    this.buckets = buckets;
    const { cap, clipped } = robustCap(buckets.map((b) => b.killed + b.injured));

    const W = Math.max(360, this.box.clientWidth || 900), H = 170;
    const padL = 44, padR = 10, padT = 16, padB = 24;
    const plotW = W - padL - padR, plotH = H - padT - padB;
    const slot = plotW / buckets.length;
    const barW = Math.max(1, Math.min(24, slot * 0.8));
    this.geom = { padL, slot, plotW, W, H, padT, padB };
    const root = svg("svg", {
      width: W, height: H, viewBox: "0 0 " + W + " " + H, class: "timeline-svg",
      role: "img", "aria-label": "killed and injured per " + unit,
      "data-bucket": unit, "data-first": first, "data-last": last, "data-cap": cap,
    });
    this.svg = root;
    root.appendChild(svg("line", { x1: padL, y1: H - padB, x2: W - padR, y2: H - padB, class: "axis" }));
    root.appendChild(svg("line", { x1: padL, y1: padT, x2: W - padR, y2: padT, class: "grid" }));
    root.appendChild(svg("text", { x: padL - 4, y: padT + 4, "text-anchor": "end", class: "tick" }, fmt(cap)));
    root.appendChild(svg("text", { x: padL - 4, y: H - padB, "text-anchor": "end", class: "tick" }, "0"));
    const y = (v) => (Math.min(v, cap) / cap) * plotH;
    let nClipped = 0, nOut = 0;
    buckets.forEach((b, i) => {
      const x = padL + i * slot + (slot - barW) / 2;
      const total = b.killed + b.injured;
      const over = total > cap;
      if (over) nClipped += 1;
      const hK = y(b.killed);
      const hI = over ? Math.max(0, plotH - hK) : y(total) - y(b.killed);
      const tip = b.start + (b.end !== b.start ? " – " + b.end : "") + " · قتلى killed " + fmt(b.killed) +
        " · جرحى injured " + fmt(b.injured) + " · حوادث incidents " + fmt(b.incidents) + (over ? " (clipped)" : "") +
        (b.outliers ? " · ◆ " + b.outliers + " cumulative tolls not drawn: killed " + fmt(b.outKilled) + ", injured " + fmt(b.outInjured) : "");
      const g = svg("g", { class: "bucket" + (over ? " clipped" : ""), "data-date": b.key, "data-clipped": over ? "1" : "0" });
      const rk = svg("rect", { x, y: H - padB - hK, width: barW, height: Math.max(hK, b.killed ? 1 : 0), class: "bar-killed", "data-date": b.key, "data-value": b.killed });
      const ri = svg("rect", { x, y: H - padB - hK - hI, width: barW, height: Math.max(hI, b.injured ? 1 : 0), class: "bar-injured", "data-date": b.key, "data-value": b.injured });
      g.appendChild(rk);
      g.appendChild(ri);
      if (over) {
        // A white break across the top of the bar and a marker above it.
        g.appendChild(svg("line", { x1: x - 1, y1: padT + 5, x2: x + barW + 1, y2: padT + 2, class: "break" }));
        g.appendChild(svg("path", { d: "M" + (x + barW / 2 - 4) + " " + (padT - 2) + " l4 -7 l4 7 z", class: "clip-mark" }));
      }
      if (b.outliers) {
        nOut += b.outliers;
        g.setAttribute("data-outliers", String(b.outliers));
        g.appendChild(svg("path", { d: "M" + (x + barW / 2) + " " + (H - padB + 2) + " l3 4 l-3 4 l-3 -4 z", class: "outlier-mark" }));
      }
      g.appendChild(svg("title", {}, tip));
      root.appendChild(g);
    });
    // x labels: about one per 110 px.
    const every = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(plotW / 110))));
    buckets.forEach((b, i) => {
      if (i % every) return;
      const label = unit === "month" ? b.key.slice(0, 7) : b.key;
      root.appendChild(svg("text", { x: padL + i * slot + slot / 2, y: H - 6, "text-anchor": "middle", class: "tick" }, label));
    });
    if (before.incidents) {
      const m = svg("g", { class: "edge-mark", "data-before": before.incidents }, []);
      m.appendChild(svg("path", { d: "M" + (padL + 2) + " " + (H - padB - 10) + " l8 -6 v12 z", class: "edge" }));
      m.appendChild(svg("title", {}, fmt(before.incidents) + " incidents earlier (from " + before.first + ")"));
      root.appendChild(m);
    }
    this.brush = svg("rect", { class: "brush", x: 0, y: padT, width: 0, height: plotH, visibility: "hidden" });
    root.appendChild(this.brush);
    this.attachBrush(root);
    this.box.appendChild(root);

    this.legend.appendChild(el("span", { className: "sw sw-killed", "aria-hidden": "true" }));
    this.legend.appendChild(document.createTextNode(" قتلى · killed   "));
    this.legend.appendChild(el("span", { className: "sw sw-injured", "aria-hidden": "true" }));
    this.legend.appendChild(document.createTextNode(" جرحى · injured   · " + this.unitLabel(unit) + "   "));
    if (clipped) {
      this.legend.appendChild(
        el("span", { className: "note clip-note", "data-clipped": String(nClipped), text: "▲ المقياس مقصوص عند " + fmt(cap) + " · scale clipped at " + fmt(cap) + ": " + nClipped + " taller (hover for values)   " }),
      );
    }
    if (nOut) {
      this.legend.appendChild(
        el("span", { className: "note out-note", "data-outliers": String(nOut), text: "◆ " + fmt(nOut) + " حادثة بحصيلة تراكمية على الأرجح لم تُرسم · incidents with tolls over 5,000 (likely cumulative) not drawn   " }),
      );
    }
    if (before.incidents || after.incidents) {
      const btn = el("button", { type: "button", className: "linkish", id: "tl-outside",
        text: "◀ " + fmt(before.incidents + after.incidents) + " حادثة خارج المدى · incidents outside this range (from " + (before.first || first) + ") — show all" });
      btn.addEventListener("click", () => this.fullRange());
      this.legend.appendChild(btn);
    }
    this.drawBrush();
    if (this.handlers.onDraw) this.handlers.onDraw(this);
  }

  unitLabel(unit) {
    return { day: "لكل يوم · per day", week: "لكل أسبوع · per week", month: "لكل شهر · per month" }[unit];
  }

  /** x of a day on the current axis (clamped to the plot). */
  xOf(day, atEnd) {
    const g = this.geom;
    const b = this.buckets;
    if (!b.length) return g.padL;
    if (day < b[0].start) return g.padL;
    if (day > b[b.length - 1].end) return g.padL + g.plotW;
    const i = b.findIndex((x) => day >= x.start && day <= x.end);
    return g.padL + (i + (atEnd ? 1 : 0)) * g.slot;
  }

  bucketAt(x) {
    const g = this.geom;
    const i = Math.floor((x - g.padL) / g.slot);
    return this.buckets[Math.max(0, Math.min(this.buckets.length - 1, i))];
  }

  drawBrush() {
    if (!this.svg || !this.brush) return;
    if (!this.selection) {
      this.brush.setAttribute("visibility", "hidden");
      this.svg.removeAttribute("data-selection");
      return;
    }
    const [s, e] = this.selection;
    const x0 = this.xOf(s || this.buckets[0].start, false);
    const x1 = this.xOf(e || this.buckets[this.buckets.length - 1].end, true);
    this.brush.setAttribute("x", Math.min(x0, x1));
    this.brush.setAttribute("width", Math.max(2, Math.abs(x1 - x0)));
    this.brush.setAttribute("visibility", "visible");
    this.svg.setAttribute("data-selection", (s || "") + "/" + (e || ""));
  }

  attachBrush(root) {
    let startX = null;
    const local = (ev) => {
      const r = root.getBoundingClientRect();
      return ((ev.clientX - r.left) / r.width) * this.geom.W;
    };
    root.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      startX = local(ev);
      root.setPointerCapture(ev.pointerId);
      ev.preventDefault();
    });
    root.addEventListener("pointermove", (ev) => {
      if (startX === null) return;
      const a = this.bucketAt(Math.min(startX, local(ev)));
      const b = this.bucketAt(Math.max(startX, local(ev)));
      this.selection = [a.start, b.end];
      this.drawBrush();
    });
    root.addEventListener("pointerup", (ev) => {
      if (startX === null) return;
      const x = local(ev);
      // A click (no drag) picks the bucket under the pointer.
      const a = this.bucketAt(Math.min(startX, x));
      const b = this.bucketAt(Math.max(startX, x));
      startX = null;
      this.selection = [a.start, b.end];
      this.drawBrush();
      this.handlers.onSelect(a.start, b.end);
    });
  }
}
