/* The events map: one circle per fused event, its area proportional to the best estimate of killed,
 * a faint halo out to the highest report and a ring at the lowest, the number of outlets inside and a
 * "!" badge when the reports disagree. Events are far fewer than incidents and their sizes are the
 * point, so they are not clustered: smaller circles are drawn over larger ones, and only the solid
 * disc takes clicks (a big event's halo never hides a small one). No tile server. */
import { clear, el, fmt } from "./dom.js";
import { typeLabel } from "./labels.js";
import { SYRIA, fitRows, fitSyria, governorateLayer, sizeSamples } from "./mapview.js";

const L = window.L;
export const CAP = 400; // killed at which a circle stops growing (a war-wide total must not cover Syria)
const MIN_R = 7; // px: room for the outlet count
const K = 1.4; // px of radius per sqrt(killed): 25 -> 7 px, 100 -> 14 px, CAP -> 28 px

/** Radius in px for a toll: area proportional to it, capped at CAP. */
export function eventRadius(n) {
  return n > 0 ? Math.max(MIN_R, K * Math.sqrt(Math.min(n, CAP))) : MIN_R;
}

function disc(className, r, text) {
  const d = Math.round(2 * r);
  return el("span", { className, style: "width:" + d + "px;height:" + d + "px", text });
}

/** The icon element of one event (the row of /api/events/points, as an object). */
function iconElement(p) {
  const best = p.killed || 0;
  const high = Math.max(p.killed_high || 0, best);
  const low = p.killed_low === null || p.killed_low === undefined ? best : p.killed_low;
  const children = [];
  if (high > best) children.push(disc("ev-high", eventRadius(high)));
  const body = disc("ev-best", eventRadius(best), String(p.outlets || 1));
  if (p.discrepancy) body.appendChild(el("span", { className: "ev-badge", text: "!", "aria-label": "تباين · discrepancy" }));
  children.push(body);
  if (low < best && low > 0) children.push(disc("ev-low", eventRadius(low)));
  return el("div", { className: "ev" }, children);
}

const EventIcon = L.DivIcon.extend({
  createIcon(old) {
    const div = L.DivIcon.prototype.createIcon.call(this, old);
    const p = this.options.point;
    div.setAttribute("data-event", p.id);
    div.setAttribute("data-killed", p.killed === null ? "" : String(p.killed));
    div.setAttribute("data-killed-low", p.killed_low === null ? "" : String(p.killed_low));
    div.setAttribute("data-killed-high", p.killed_high === null ? "" : String(p.killed_high));
    div.setAttribute("data-outlets", String(p.outlets));
    div.setAttribute("data-discrepancy", p.discrepancy ? "1" : "0");
    return div;
  },
});

export class EventMap {
  constructor(container, handlers) {
    this.handlers = handlers; // {onEvent(id), onGovernorate(admin1)}
    this.markers = {};
    this.selected = null;
    this.map = L.map(container, { minZoom: 5, maxZoom: 13, zoomSnap: 0.25 });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Leaflet · amCharts geodata");
    this.map.fitBounds(SYRIA);
    // Whether the map is moving, for whoever must wait for it to be still (e.g. to click a circle).
    this.moving = false;
    this.map.on("movestart zoomstart", () => {
      this.moving = true;
      this.map.getContainer().setAttribute("data-moving", "1");
    });
    this.map.on("moveend zoomend", () => {
      this.moving = false;
      this.map.getContainer().setAttribute("data-moving", "0");
    });
    this.layer = L.featureGroup().addTo(this.map);
    this.layer.on("click", (e) => this.handlers.onEvent(e.layer.eventId));
    this.layer.on("mouseover", (e) => {
      const m = e.layer;
      if (!m.getTooltip()) m.bindTooltip(this.tooltip(m.point), { direction: "top" });
      m.openTooltip();
    });
    this.addControls();
  }

  tooltip(p) {
    const killed = p.killed === null ? "—" : fmt(p.killed) + (p.killed_low !== p.killed_high ? " (" + fmt(p.killed_low) + "–" + fmt(p.killed_high) + ")" : "");
    return (
      typeLabel(p.type) + " · " + (p.day || "—") + " · قتلى · killed " + killed + " · " + fmt(p.outlets) +
      " وسائل إعلام · outlets" + (p.discrepancy ? " · ⚠ تباين · discrepancy" : "")
    );
  }

  async loadGovernorates(url) {
    this.govLayer = await governorateLayer(
      this.map,
      url,
      () => ({ color: "#52606d", weight: 1, fillColor: "#e4e7eb", fillOpacity: 0.6, className: "gov" }),
      (p) => p.name_ar + " · " + p.admin1,
      (admin1) => this.handlers.onGovernorate(admin1),
    );
    this.fitSyria();
  }

  /** rows of /api/events/points with its ``fields``. */
  setPoints(fields, rows) {
    this.layer.clearLayers();
    this.markers = {};
    const at = {};
    fields.forEach((f, i) => (at[f] = i));
    rows.forEach((r) => {
      const p = {};
      fields.forEach((f) => (p[f] = r[at[f]]));
      const best = p.killed || 0;
      const d = Math.round(2 * eventRadius(Math.max(p.killed_high || 0, best)));
      const kind = best > 0 ? "k-killed" : p.injured > 0 ? "k-injured" : "k-none";
      const marker = L.marker([p.lat, p.lon], {
        icon: new EventIcon({
          html: iconElement(p),
          className: "event-marker " + kind + (p.outlets > 1 ? " multi" : "") + (best > CAP ? " capped" : "") + (p.discrepancy ? " disc" : ""),
          iconSize: [d, d],
          point: p,
        }),
        keyboard: false,
        // Smaller circles over larger ones, whatever their latitude.
        zIndexOffset: -Math.round(eventRadius(best) * 1000),
      });
      marker.eventId = p.id;
      marker.point = p;
      this.markers[p.id] = marker;
      this.layer.addLayer(marker);
    });
    this.rows = rows;
    if (this.selected) this.select(this.selected);
  }

  /** Outline one event's circle and draw it on top (null: none). */
  select(id) {
    const old = this.markers[this.selected];
    if (old) {
      old.setZIndexOffset(-Math.round(eventRadius(old.point.killed || 0) * 1000));
      const e = old.getElement();
      if (e) e.classList.remove("selected");
    }
    this.selected = id;
    const m = this.markers[id];
    if (!m) return null;
    m.setZIndexOffset(100000);
    const e = m.getElement();
    if (e) e.classList.add("selected");
    return m;
  }

  /** Select the event and bring it into view (zooming in to at least ``zoom``). Resolves when the
   * map has stopped moving: true, or false if the event has no circle. */
  reveal(id, zoom) {
    const m = this.select(id);
    if (!m) return Promise.resolve(false);
    // Leaflet ends every setView with "moveend" (at once when there is nothing to move).
    return new Promise((ok) => {
      this.map.once("moveend", () => ok(true));
      this.map.setView(m.getLatLng(), Math.max(this.map.getZoom(), zoom || 8));
    });
  }

  fitSyria() {
    fitSyria(this.map, this.govLayer);
  }

  /** Fit to the events shown, ignoring the outer 2 % on each side when there are many. */
  fitData() {
    fitRows(this.map, this.rows, this.govLayer);
  }

  addControls() {
    const self = this;
    const Tools = L.Control.extend({
      options: { position: "topright" },
      onAdd() {
        const fitS = el("button", { type: "button", id: "ev-fit-syria", className: "secondary", text: "سوريا · Syria" });
        fitS.addEventListener("click", () => self.fitSyria());
        const fitD = el("button", { type: "button", id: "ev-fit-data", className: "secondary", text: "البيانات · fit data" });
        fitD.addEventListener("click", () => self.fitData());
        const box = el("div", { className: "map-tools leaflet-bar", dir: "rtl" }, [el("div", { className: "fit" }, [fitS, fitD])]);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    const Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd() {
        const body = el("div", { className: "lg-body" });
        self.drawLegend(body);
        const box = el("details", { className: "map-legend", id: "event-legend", dir: "rtl", open: true }, [
          el("summary", { text: "مفتاح الخريطة · legend" }),
          body,
        ]);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    this.map.addControl(new Tools());
    this.map.addControl(new Legend());
  }

  drawLegend(box) {
    clear(box);
    box.appendChild(el("div", { className: "lg-title", text: "المساحة ∝ أفضل تقدير للقتلى · area ∝ best estimate of killed" }));
    box.appendChild(sizeSamples(eventRadius, CAP, "lg-dot ev-dot k-killed"));
    box.appendChild(
      el("div", { className: "lg-note" }, [
        el("span", { className: "lg-halo" }), " أعلى · highest, ",
        el("span", { className: "lg-ring" }), " أدنى رقم · lowest report",
      ]),
    );
    box.appendChild(
      el("div", { className: "lg-note" }, [
        el("span", { className: "lg-num", text: "3" }), " وسائل إعلام · outlets, ",
        el("span", { className: "lg-badge", text: "!" }), " تباين · reports disagree",
      ]),
    );
    box.appendChild(
      el("div", { className: "lg-kinds" }, [
        el("span", { className: "lg-dot k-killed" }), " قتلى · killed ",
        el("span", { className: "lg-dot k-injured" }), " جرحى · injured ",
        el("span", { className: "lg-dot k-none" }), " بلا أرقام · none",
      ]),
    );
  }
}
