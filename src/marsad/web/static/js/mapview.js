/* What the incident map and the events map share: Syria's bounds, fitting the view to Syria or to the
 * points shown, and the governorate outlines layer. */
import { el } from "./dom.js";

const L = window.L;
export const SYRIA = [[32.3, 35.6], [37.35, 42.4]];

/** Fit to Syria's governorates (or its bounds before they load). */
export function fitSyria(map, govLayer) {
  map.invalidateSize();
  if (govLayer) map.fitBounds(govLayer.getBounds(), { padding: [10, 10] });
  else map.fitBounds(SYRIA);
}

/** Fit to the points ([id, lat, lon, ...] rows), ignoring the outer 2% on each side when there are
 * many (one stray geocode must not zoom the map out to a continent). */
export function fitRows(map, rows, govLayer) {
  if (!rows || !rows.length) return fitSyria(map, govLayer);
  map.invalidateSize();
  const lats = rows.map((r) => r[1]).sort((a, b) => a - b);
  const lons = rows.map((r) => r[2]).sort((a, b) => a - b);
  const cut = rows.length >= 50 ? Math.floor(rows.length * 0.02) : 0;
  const lo = cut, hi = rows.length - 1 - cut;
  const bounds = L.latLngBounds([lats[lo], lons[lo]], [lats[hi], lons[hi]]);
  map.fitBounds(bounds.pad(0.08), { maxZoom: 10, padding: [10, 10] });
}

/** The governorate outlines under the map's other layers, each path marked with its admin1 (tests and
 * the choropleth find them by it); ``style`` and ``tooltip`` are the caller's. */
export async function governorateLayer(map, url, style, tooltip, onClick) {
  const resp = await fetch(url);
  const geo = await resp.json();
  const layer = L.geoJSON(geo, {
    style,
    onEachFeature: (feature, l) => {
      const p = feature.properties;
      l.bindTooltip(() => tooltip(p), { sticky: true, direction: "top" });
      l.on("click", () => onClick(p.admin1));
    },
  }).addTo(map);
  layer.bringToBack();
  layer.eachLayer((l) => {
    const path = l.getElement && l.getElement();
    if (path) path.setAttribute("data-admin1", l.feature.properties.admin1);
  });
  return layer;
}

/** The legend's row of sample circles: 1, 25, 100 and the cap, drawn with the map's own radius. */
export function sizeSamples(radiusOf, cap, dotClass) {
  const sizes = el("div", { className: "lg-sizes" });
  [1, 25, 100, cap].forEach((n) => {
    const d = Math.round(2 * radiusOf(n));
    sizes.appendChild(
      el("span", { className: "lg-size" }, [
        el("span", { className: dotClass + (n >= cap ? " capped" : ""), style: "width:" + d + "px;height:" + d + "px" }),
        el("span", { text: n >= cap ? "≥" + cap : String(n) }),
      ]),
    );
  });
  return sizes;
}
