/* The map: governorate outlines (no tile server), clustered incident circles sized by casualties,
 * an optional governorate choropleth, a legend and fit controls. Leaflet and Leaflet.markercluster are
 * vendored under /static/vendor and loaded as classic scripts before this module. */
import { clear, el, fmt, short } from "./dom.js";
import { typeLabel } from "./labels.js";
import { SYRIA, fitRows, fitSyria, governorateLayer, sizeSamples } from "./mapview.js";

const L = window.L;
export const CAP = 400; // casualties at which a circle stops growing (one wrong war-wide total must not cover Syria)
const MIN_R = 4;
const K = 1.25; // px of radius per sqrt(casualty): 25 -> 6 px, 100 -> 12.5 px, CAP -> 25 px

/** Circle radius in px: area proportional to killed + injured, capped at CAP. */
export function radius(n) {
  return n > 0 ? Math.max(MIN_R, K * Math.sqrt(Math.min(n, CAP))) : MIN_R;
}

function pointClass(killed, injured) {
  return killed > 0 ? "k-killed" : injured > 0 ? "k-injured" : "k-none";
}

const CHORO_COLOURS = ["#fff3d6", "#fdd49e", "#fc8d59", "#e34a33", "#a5150f"];

/** Up to five class limits (upper bounds) for the governorate shading: quantiles of the non-zero
 * values, so fourteen very unequal governorates still spread over the colours; the last is the max. */
export function classBreaks(values) {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  if (!v.length) return [];
  const out = [];
  for (let i = 1; i <= 5; i++) {
    const b = v[Math.min(v.length - 1, Math.ceil((v.length * i) / 5) - 1)];
    if (!out.length || b > out[out.length - 1]) out.push(b);
  }
  return out;
}

/** A circle icon whose element carries the incident id (for links, tests and assistive tools). */
const PointIcon = L.DivIcon.extend({
  createIcon(old) {
    const div = L.DivIcon.prototype.createIcon.call(this, old);
    div.setAttribute("data-incident", this.options.id);
    div.setAttribute("data-casualties", String(this.options.casualties));
    return div;
  },
});

export class IncidentMap {
  constructor(container, handlers) {
    this.handlers = handlers; // {onPoint(id, marker), onGovernorate(admin1)}
    this.markers = {};
    this.mode = "none";
    this.stats = {};
    this.map = L.map(container, { minZoom: 5, maxZoom: 13, zoomSnap: 0.25, preferCanvas: false });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Leaflet · Leaflet.markercluster · amCharts geodata");
    this.map.fitBounds(SYRIA);
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true,
      maxClusterRadius: 45,
      showCoverageOnHover: false,
      spiderfyDistanceMultiplier: 1.4,
      iconCreateFunction: (c) => this.clusterIcon(c),
    });
    this.cluster.on("clustermouseover", (e) => {
      const t = this.clusterTotals(e.layer);
      e.layer.bindTooltip(fmt(t.n) + " حادثة · incidents · قتلى " + fmt(t.killed) + " killed", { direction: "top" }).openTooltip();
    });
    this.map.addLayer(this.cluster);
    this.moving = false;
    this.map.on("movestart zoomstart", () => {
      this.moving = true;
      this.map.getContainer().setAttribute("data-moving", "1");
    });
    this.map.on("moveend zoomend", () => {
      this.moving = false;
      this.map.getContainer().setAttribute("data-moving", "0");
    });
    this.onMarkerEvents();
    this.addControls();
  }

  async loadGovernorates(url) {
    this.govLayer = await governorateLayer(
      this.map,
      url,
      (f) => this.govStyle(f),
      (p) => this.govTooltip(p),
      (admin1) => this.handlers.onGovernorate(admin1),
    );
    this.setChoropleth(this.mode, Object.values(this.stats));
    this.fitSyria();
  }

  govTooltip(p) {
    const s = this.stats[p.admin1] || { incidents: 0, killed: 0, injured: 0 };
    return p.name_ar + " · " + p.admin1 + " — " + fmt(s.incidents) + " حادثة · incidents, " +
      fmt(s.killed - (s.outlier_killed || 0)) + " قتلى · killed" +
      (s.outliers ? " (+" + fmt(s.outlier_killed) + " in " + s.outliers + " cumulative tolls)" : "");
  }

  govStyle(feature) {
    const base = { color: "#52606d", weight: 1, fillColor: "#e4e7eb", fillOpacity: 0.6, className: "gov" };
    if (this.mode === "none") return base;
    const v = this.value(this.stats[feature.properties.admin1]);
    let cls = -1;
    this.breaks.forEach((b, i) => {
      if (cls < 0 && v <= b) cls = i;
    });
    if (v <= 0) return Object.assign(base, { fillColor: "#f5f7fa", fillOpacity: 0.7 });
    const colours = CHORO_COLOURS.slice(CHORO_COLOURS.length - this.breaks.length);
    return Object.assign(base, { fillColor: colours[Math.max(0, cls)], fillOpacity: 0.8 });
  }

  /** A governorate's shaded number: incidents, or killed without cumulative tolls (see timeline.js). */
  value(s) {
    if (!s) return 0;
    return this.mode === "killed" ? s.killed - (s.outlier_killed || 0) : s.incidents;
  }

  /** Governorate shading: mode "none", "incidents" or "killed"; stats from /api/admin1. */
  setChoropleth(mode, rows) {
    this.mode = mode;
    this.stats = {};
    (rows || []).forEach((r) => (this.stats[r.admin1] = r));
    this.breaks = mode === "none" ? [] : classBreaks(Object.values(this.stats).map((r) => this.value(r)));
    if (this.govLayer) {
      this.govLayer.setStyle((f) => this.govStyle(f));
      this.govLayer.eachLayer((l) => {
        const path = l.getElement && l.getElement();
        if (!path) return;
        const v = this.value(this.stats[l.feature.properties.admin1]);
        path.setAttribute("data-value", String(v));
        path.setAttribute("data-class", mode === "none" || v <= 0 ? "" : String(this.breaks.findIndex((b) => v <= b)));
      });
    }
    this.drawLegend();
  }

  clusterTotals(cluster) {
    let killed = 0;
    const all = cluster.getAllChildMarkers();
    all.forEach((m) => (killed += m.options.killed));
    return { n: all.length, killed };
  }

  clusterIcon(cluster) {
    const t = this.clusterTotals(cluster);
    const size = t.n < 10 ? 30 : t.n < 100 ? 36 : t.n < 1000 ? 44 : 52;
    const heat = t.killed === 0 ? "k0" : t.killed < 50 ? "k1" : "k2";
    return L.divIcon({
      html: el("span", { text: short(t.n), "data-count": String(t.n), "data-killed": String(t.killed) }),
      className: "marker-cluster incident-cluster " + heat,
      iconSize: L.point(size, size),
    });
  }

  /** rows: [id, lat, lon, killed, injured, type, day] from /api/points. Thousands of markers: no
   * handler or tooltip per marker (the cluster group's events serve them all); the icon's element is
   * only made when the marker is drawn out of its cluster. */
  setPoints(rows) {
    this.cluster.clearLayers();
    this.markers = {};
    const layers = rows.map((r) => {
      const [id, lat, lon, killed, injured, type, day] = r;
      const n = killed + injured;
      const d = Math.round(2 * radius(n));
      const marker = L.marker([lat, lon], {
        icon: new PointIcon({
          className: "incident-marker " + pointClass(killed, injured) + (n > CAP ? " capped" : ""),
          iconSize: [d, d],
          id,
          casualties: n,
        }),
        killed,
        injured,
        type,
        day,
        keyboard: false,
      });
      marker.incidentId = id;
      this.markers[id] = marker;
      return marker;
    });
    this.cluster.addLayers(layers);
    this.rows = rows;
  }

  onMarkerEvents() {
    this.cluster.on("click", (e) => this.handlers.onPoint(e.layer.incidentId, e.layer));
    this.cluster.on("mouseover", (e) => {
      const m = e.layer, o = m.options;
      if (!m.getTooltip()) {
        m.bindTooltip(typeLabel(o.type) + " · " + (o.day || "—") + " · قتلى " + fmt(o.killed) + " · جرحى " + fmt(o.injured), { direction: "top" });
      }
      m.openTooltip();
    });
  }

  /** Zoom until the incident's marker is out of its cluster, then run ``then(marker)`` (once).
   * markercluster's zoomToShowLayer never calls back when there is nothing left to zoom (a cluster of
   * incidents at one spot, at the deepest zoom): then, once the map has stopped moving, the cluster is
   * spread out by hand. Decisions wait for the map to be still (a slow machine animates slowly), never
   * for a fixed time alone. */
  reveal(id, then) {
    const marker = this.markers[id];
    if (!marker) return false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      then(marker);
    };
    const started = Date.now();
    const check = () => {
      if (done) return;
      const busy = this.moving || this.cluster._inZoomAnimation > 0;
      if (busy && Date.now() - started < 20000) return void setTimeout(check, 200);
      const parent = this.cluster.getVisibleParent(marker);
      if (parent === marker) return finish(); // shown (zoomToShowLayer's own callback may still come)
      if (Date.now() - started < 1500) return void setTimeout(check, 200);
      if (parent && parent.spiderfy) {
        this.cluster.once("spiderfied", () => setTimeout(finish, 50));
        parent.spiderfy();
        setTimeout(finish, 3000); // spiderfied never fires when it was already spread
      } else {
        finish();
      }
    };
    this.cluster.zoomToShowLayer(marker, finish);
    setTimeout(check, 200);
    return true;
  }

  fitSyria() {
    fitSyria(this.map, this.govLayer);
  }

  /** Fit to the points, ignoring the outer 2% on each side when there are many (one stray geocode
   * must not zoom the map out to a continent). */
  fitData() {
    fitRows(this.map, this.rows, this.govLayer);
  }

  addControls() {
    const self = this;
    const Tools = L.Control.extend({
      options: { position: "topright" },
      onAdd() {
        const shade = el("select", { id: "choropleth", "aria-label": "تظليل المحافظات · governorate shading" }, [
          el("option", { value: "none", text: "بلا تظليل · no shading" }),
          el("option", { value: "incidents", text: "الحوادث لكل محافظة · incidents per governorate" }),
          el("option", { value: "killed", text: "القتلى لكل محافظة · killed per governorate" }),
        ]);
        shade.addEventListener("change", () => self.handlers.onChoropleth(shade.value));
        const pts = el("input", { type: "checkbox", id: "show-points", checked: true });
        pts.addEventListener("change", () => {
          if (pts.checked) self.map.addLayer(self.cluster);
          else self.map.removeLayer(self.cluster);
          self.drawLegend();
        });
        const fitS = el("button", { type: "button", id: "fit-syria", className: "secondary", text: "سوريا · Syria" });
        fitS.addEventListener("click", () => self.fitSyria());
        const fitD = el("button", { type: "button", id: "fit-data", className: "secondary", text: "البيانات · fit data" });
        fitD.addEventListener("click", () => self.fitData());
        const box = el("div", { className: "map-tools leaflet-bar", dir: "rtl" }, [
          el("label", null, [pts, " نقاط · points"]),
          shade,
          el("div", { className: "fit" }, [fitS, fitD]),
        ]);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    const Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd() {
        self.legendBox = el("div", { className: "lg-body" });
        const box = el("details", { className: "map-legend", id: "map-legend", dir: "rtl", open: true }, [
          el("summary", { text: "مفتاح الخريطة · legend" }),
          self.legendBox,
        ]);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    this.map.addControl(new Tools());
    this.map.addControl(new Legend());
    this.drawLegend();
  }

  drawLegend() {
    const box = this.legendBox;
    if (!box) return;
    clear(box);
    const points = this.map.hasLayer(this.cluster);
    if (points) this.drawPointLegend(box);
    if (this.mode !== "none" && this.breaks && this.breaks.length) {
      const colours = CHORO_COLOURS.slice(CHORO_COLOURS.length - this.breaks.length);
      const rows = el("div", { className: "lg-choro", "data-mode": this.mode });
      rows.appendChild(el("div", { className: "lg-title", text: this.mode === "killed" ? "القتلى · killed (without cumulative tolls)" : "الحوادث · incidents" }));
      let lo = 1;
      this.breaks.forEach((b, i) => {
        rows.appendChild(
          el("div", { className: "lg-class" }, [
            el("span", { className: "lg-swatch", style: "background:" + colours[i] }),
            el("bdi", { text: lo === b ? fmt(b) : fmt(lo) + "–" + fmt(b) }),
          ]),
        );
        lo = b + 1;
      });
      box.appendChild(rows);
    }
  }

  drawPointLegend(box) {
    box.appendChild(el("div", { className: "lg-title", text: "المساحة ∝ القتلى + الجرحى · area ∝ killed + injured" }));
    box.appendChild(sizeSamples(radius, CAP, "lg-dot k-killed"));
    box.appendChild(
      el("div", { className: "lg-kinds" }, [
        el("span", { className: "lg-dot k-killed" }), " قتلى · killed ",
        el("span", { className: "lg-dot k-injured" }), " جرحى فقط · injured only ",
        el("span", { className: "lg-dot k-none" }), " بلا أرقام · no figures",
      ]),
    );
    box.appendChild(el("div", { className: "lg-note", text: "إطار سميك: تجاوز الحد · thick ring: capped at " + CAP }));
  }
}
