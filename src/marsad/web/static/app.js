/* marsad web page: map + list + timeline + article view over the marsad REST API.
 *
 * Article text and every string from the API is untrusted: the DOM is built with createElement /
 * textContent / createTextNode only, never innerHTML.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var PAGE_SIZE = 1000;

  var TYPE_AR = {
    armed_clash: "اشتباك مسلح",
    territory_change: "تغيّر السيطرة",
    airstrike: "غارة جوية",
    shelling: "قصف",
    bombing: "تفجير",
    chemical_attack: "هجوم كيميائي",
    attack_on_civilians: "اعتداء على مدنيين",
    abduction_arrest: "خطف / اعتقال",
    displacement: "نزوح",
    evacuation: "إجلاء",
    aid_delivery: "مساعدات",
    negotiation: "مفاوضات",
    other: "أخرى",
  };
  var KIND_AR = {
    casualty: "إصابات",
    location: "مكان",
    actor: "طرف",
    date: "تاريخ",
    evidence: "دليل",
  };

  var state = { map: null, markerLayer: null, govLayer: null, markers: {}, items: [] };

  // ---------- small helpers ----------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function setStatus(msg) {
    document.getElementById("status").textContent = msg;
  }

  function getJSON(path, params) {
    var qs = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== "" && params[k] !== null && params[k] !== undefined) qs.append(k, params[k]);
    });
    var url = path + (qs.toString() ? "?" + qs.toString() : "");
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + " → HTTP " + r.status);
      return r.json();
    });
  }

  function currentFilters() {
    var form = document.getElementById("filters");
    var out = {};
    ["start", "end", "admin1", "type", "actor", "source"].forEach(function (k) {
      out[k] = form.elements[k].value;
    });
    return out;
  }

  // ---------- incident facts ----------

  function countOf(c) {
    var n = c.count || {};
    if (n.value !== null && n.value !== undefined) return n.value;
    return n.low || 0;
  }

  /** Top-level (part_of null) totals per measure, so "4 civilians including a child" counts 4. */
  function totals(inc) {
    var t = { killed: 0, injured: 0 };
    (inc.casualties || []).forEach(function (c) {
      if (c.part_of !== null && c.part_of !== undefined) return;
      if (c.measure === "killed" || c.measure === "injured") t[c.measure] += countOf(c);
    });
    return t;
  }

  function placeOf(inc) {
    var locs = inc.locations || [];
    for (var i = 0; i < locs.length; i++) {
      if (typeof locs[i].lat === "number" && typeof locs[i].lon === "number") return locs[i];
    }
    return null;
  }

  function placeLabel(inc) {
    var loc = placeOf(inc) || (inc.locations || [])[0];
    if (!loc) return "—";
    var parts = [loc.name_ar || loc.text, loc.name_en, loc.admin1 && loc.admin1 !== loc.name_en ? loc.admin1 : null];
    return parts.filter(Boolean).join(" · ");
  }

  function dateLabel(inc) {
    var d = inc.date || {};
    if (!d.start) return d.text || "تاريخ غير معروف";
    return d.end && d.end !== d.start ? d.start + " – " + d.end : d.start;
  }

  function typeLabel(type) {
    return (TYPE_AR[type] || type) + " (" + type + ")";
  }

  function casualtyLabel(inc) {
    var t = totals(inc);
    return "قتلى " + t.killed + " · جرحى " + t.injured + " (killed " + t.killed + ", injured " + t.injured + ")";
  }

  // ---------- map ----------

  function initMap() {
    var map = L.map("map", { zoomControl: true, attributionControl: true, minZoom: 4, maxZoom: 12, zoomSnap: 0.25 });
    map.setView([35.0, 38.5], 6);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Leaflet · amCharts geodata");
    state.map = map;
    state.markerLayer = L.layerGroup().addTo(map);
    return getJSON("/static/syria_governorates.geojson").then(function (geo) {
      state.govLayer = L.geoJSON(geo, {
        className: "gov",
        style: function () {
          return { color: "#52606d", weight: 1, fillColor: "#e4e7eb", fillOpacity: 0.6, className: "gov" };
        },
        onEachFeature: function (feature, layer) {
          var p = feature.properties;
          layer.bindTooltip(p.name_ar + " · " + p.admin1, { sticky: true, direction: "top" });
          layer.on("click", function () { selectGovernorate(p.admin1); });
        },
      }).addTo(map);
      fitSyria();
    });
  }

  function fitSyria() {
    state.map.invalidateSize();
    if (state.govLayer) state.map.fitBounds(state.govLayer.getBounds(), { padding: [12, 12] });
  }

  function selectGovernorate(admin1) {
    var sel = document.getElementById("f-admin1");
    var has = Array.prototype.some.call(sel.options, function (o) { return o.value === admin1; });
    if (!has) sel.appendChild(el("option", { value: admin1, text: admin1 }));
    sel.value = admin1;
    refresh();
  }

  function popupFor(inc) {
    var link = el("a", { href: "#article=" + encodeURIComponent(inc.article_id), className: "open-article", text: "فتح المقال · open article" });
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      openArticle(inc.article_id, inc.id);
    });
    function row(label, value) {
      return el("div", { className: "row" }, [el("span", { className: "label", text: label }), " ", el("bdi", { text: value })]);
    }
    var t = totals(inc);
    return el("div", { className: "popup", dir: "rtl" }, [
      el("strong", { text: typeLabel(inc.type) }),
      row("التاريخ (date):", dateLabel(inc)),
      row("المكان (place):", placeLabel(inc)),
      row("القتلى (killed):", String(t.killed)),
      row("الجرحى (injured):", String(t.injured)),
      row("المصادر (reported by):", (inc.reported_by || []).join(", ") || "—"),
      link,
    ]);
  }

  function drawMarkers(items) {
    state.markerLayer.clearLayers();
    state.markers = {};
    // Biggest first, so small markers are drawn on top and stay clickable.
    var ordered = items.slice().sort(function (a, b) { return totals(b).killed - totals(a).killed; });
    ordered.forEach(function (inc) {
      var loc = placeOf(inc);
      if (!loc) return;
      var killed = totals(inc).killed;
      var marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 5 + 3 * Math.sqrt(killed),
        color: "#7b1e1e",
        weight: 1.5,
        fillColor: killed > 0 ? "#d64545" : "#f0b429",
        fillOpacity: 0.75,
        className: "incident-marker",
      });
      marker.bindPopup(popupFor(inc));
      marker.bindTooltip(typeLabel(inc.type) + " · " + dateLabel(inc));
      marker.on("click", function () { openArticle(inc.article_id, inc.id); });
      marker.addTo(state.markerLayer);
      var path = marker.getElement && marker.getElement();
      if (path) {
        path.setAttribute("data-incident", inc.id);
        path.setAttribute("data-admin1", loc.admin1 || "");
      }
      state.markers[inc.id] = marker;
    });
  }

  // ---------- list ----------

  function drawList(items, total) {
    var list = document.getElementById("incident-list");
    clear(list);
    document.getElementById("count").textContent = "(" + items.length + (total > items.length ? " / " + total : "") + ")";
    if (!items.length) {
      list.appendChild(el("li", { className: "empty", text: "لا توجد حوادث مطابقة · no matching incidents" }));
      return;
    }
    items.forEach(function (inc) {
      var btn = el("button", { type: "button", className: "incident", "data-incident": inc.id }, [
        el("span", { className: "type t-" + inc.type, text: TYPE_AR[inc.type] || inc.type }),
        el("span", { className: "when", text: dateLabel(inc) }),
        el("span", { className: "where", text: placeLabel(inc) }),
        el("span", { className: "toll", text: casualtyLabel(inc) }),
        el("span", { className: "title", text: inc.article_title || inc.article_id }),
      ]);
      btn.addEventListener("click", function () {
        var m = state.markers[inc.id];
        if (m) {
          state.map.panTo(m.getLatLng());
          m.openPopup();
        }
        openArticle(inc.article_id, inc.id);
      });
      list.appendChild(el("li", null, [btn]));
    });
  }

  // ---------- timeline (own SVG bar chart) ----------

  function dayRange(first, last) {
    var out = [];
    var d = new Date(first + "T00:00:00Z");
    var end = new Date(last + "T00:00:00Z");
    while (d <= end && out.length < 3660) {
      out.push(d.toISOString().slice(0, 10));
      d.setUTCDate(d.getUTCDate() + 1);
    }
    return out;
  }

  function monthRange(first, last) {
    var out = [];
    var y = +first.slice(0, 4), m = +first.slice(5, 7);
    var endKey = last.slice(0, 7);
    for (var guard = 0; guard < 1200; guard++) {
      var key = y + "-" + (m < 10 ? "0" : "") + m;
      out.push(key);
      if (key >= endKey) break;
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function drawTimeline(rows) {
    var box = document.getElementById("timeline");
    clear(box);
    rows = (rows || []).filter(function (r) { return r.date; });
    state.timelineRows = rows;
    if (!rows.length) {
      box.appendChild(el("p", { className: "empty", text: "لا بيانات زمنية · no dated incidents" }));
      return;
    }
    rows.sort(function (a, b) { return a.date < b.date ? -1 : 1; });
    var days = dayRange(rows[0].date, rows[rows.length - 1].date);
    // Over a long span one bar per day would be sub-pixel: sum per month instead.
    var monthly = days.length > 400;
    if (monthly) days = monthRange(rows[0].date, rows[rows.length - 1].date);
    document.getElementById("timeline-unit").textContent = "killed / injured per " + (monthly ? "month" : "day");
    var byDate = {};
    rows.forEach(function (r) {
      var key = monthly ? r.date.slice(0, 7) : r.date;
      var b = byDate[key] || (byDate[key] = { killed: 0, injured: 0, incidents: 0 });
      b.killed += r.killed || 0;
      b.injured += r.injured || 0;
      b.incidents += r.incidents || 0;
    });
    var W = Math.max(360, box.clientWidth || 900), H = 170, padL = 36, padB = 26, padT = 10;
    var maxV = 1;
    Object.keys(byDate).forEach(function (k) { maxV = Math.max(maxV, byDate[k].killed, byDate[k].injured); });
    var slot = (W - padL - 8) / days.length;
    var barW = Math.max(1, Math.min(18, slot / 2 - 1));
    var plotH = H - padB - padT;
    var root = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "killed and injured per " + (monthly ? "month" : "day"), class: "timeline-svg", "data-bucket": monthly ? "month" : "day" });
    root.appendChild(svg("line", { x1: padL, y1: H - padB, x2: W - 4, y2: H - padB, class: "axis" }));
    var maxLabel = svg("text", { x: padL - 4, y: padT + 8, "text-anchor": "end", class: "tick" });
    maxLabel.textContent = String(maxV);
    root.appendChild(maxLabel);
    var zero = svg("text", { x: padL - 4, y: H - padB, "text-anchor": "end", class: "tick" });
    zero.textContent = "0";
    root.appendChild(zero);
    var labelEvery = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor(W / 110))));
    days.forEach(function (day, i) {
      var r = byDate[day] || { killed: 0, injured: 0, incidents: 0 };
      var x = padL + i * slot + (slot - 2 * barW) / 2;
      [["killed", "bar-killed", 0], ["injured", "bar-injured", 1]].forEach(function (s) {
        var v = r[s[0]] || 0;
        var h = (v / maxV) * plotH;
        var rect = svg("rect", { x: x + s[2] * barW, y: H - padB - h, width: barW, height: Math.max(h, v ? 1 : 0), class: s[1], "data-date": day, "data-value": v });
        var t = svg("title", {});
        t.textContent = day + " · " + s[0] + ": " + v + " · incidents: " + (r.incidents || 0);
        rect.appendChild(t);
        root.appendChild(rect);
      });
      if (i % labelEvery === 0 || i === days.length - 1) {
        var last = i === days.length - 1 && days.length > 1;
        var lab = svg("text", { x: last ? W - 4 : padL + i * slot + slot / 2, y: H - 8, "text-anchor": last ? "end" : "middle", class: "tick" });
        lab.textContent = day;
        root.appendChild(lab);
      }
    });
    box.appendChild(root);
    var legend = el("p", { className: "timeline-legend" }, [
      el("span", { className: "sw sw-killed", "aria-hidden": "true" }), " قتلى · killed   ",
      el("span", { className: "sw sw-injured", "aria-hidden": "true" }), " جرحى · injured",
    ]);
    box.appendChild(legend);
  }

  // ---------- article view with highlighted evidence ----------

  /** Map code-point offsets (Python's str indexes) to UTF-16 indexes (JS's), so astral chars don't shift spans. */
  function codePointIndex(text) {
    var units = [0];
    var pos = 0;
    Array.from(text).forEach(function (ch) {
      pos += ch.length;
      units.push(pos);
    });
    return function (cp) {
      if (cp <= 0) return 0;
      return cp < units.length ? units[cp] : text.length;
    };
  }

  function describe(kind, fact, inc) {
    var incLabel = " [" + inc.id + " · " + inc.type + "]";
    if (kind === "casualty") {
      var n = fact.count || {};
      var num = n.value !== null && n.value !== undefined ? n.value : (n.low ? "≥" + n.low : "?");
      return fact.measure + " " + num + " " + fact.group + (fact.side ? " (" + fact.side + ")" : "") +
        ", " + (n.qualifier || "") + (fact.reported_by && fact.reported_by.length ? ", reported by " + fact.reported_by.join(", ") : "") + incLabel;
    }
    if (kind === "location") {
      return (fact.name_en || fact.name_ar || fact.text) + (fact.admin1 ? ", " + fact.admin1 : "") +
        " — " + (fact.precision || "") + ", " + (fact.relation || "in") + incLabel;
    }
    if (kind === "actor") return fact.id + " — " + fact.role + incLabel;
    if (kind === "date") return "date " + (inc.date.start || "?") + (inc.date.end && inc.date.end !== inc.date.start ? " – " + inc.date.end : "") + " (" + inc.date.precision + ")" + incLabel;
    return "evidence for " + inc.type + incLabel;
  }

  function collectSpans(incidents, textLen) {
    var byKey = {};
    var spans = [];
    function add(kind, start, end, title) {
      if (typeof start !== "number" || typeof end !== "number" || end <= start || start < 0 || end > textLen) return;
      var key = kind + ":" + start + ":" + end;
      if (byKey[key]) {
        if (byKey[key].titles.indexOf(title) < 0) byKey[key].titles.push(title);
        return;
      }
      byKey[key] = { kind: kind, start: start, end: end, titles: [title] };
      spans.push(byKey[key]);
    }
    incidents.forEach(function (inc) {
      (inc.evidence || []).forEach(function (e) { add("evidence", e.start, e.end, describe("evidence", e, inc)); });
      (inc.casualties || []).forEach(function (c) { add("casualty", c.start, c.end, describe("casualty", c, inc)); });
      (inc.locations || []).forEach(function (l) { add("location", l.start, l.end, describe("location", l, inc)); });
      (inc.actors || []).forEach(function (a) { add("actor", a.start, a.end, describe("actor", a, inc)); });
      var d = inc.date || {};
      var ds = d.span_start !== undefined ? d.span_start : d.text_start;
      var de = d.span_end !== undefined ? d.span_end : d.text_end;
      add("date", ds, de, describe("date", d, inc));
    });
    return spans;
  }

  var KIND_RANK = { evidence: 0, casualty: 1, location: 2, actor: 3, date: 4 };

  /** Nest spans into a tree; a span crossing its parent's end is cut there and continued as a sibling. */
  function buildTree(spans) {
    var todo = spans.slice();
    var root = { start: -1, end: Infinity, children: [] };
    function sortTodo() {
      todo.sort(function (a, b) {
        return a.start - b.start || b.end - a.end || KIND_RANK[a.kind] - KIND_RANK[b.kind];
      });
    }
    sortTodo();
    var stack = [root];
    while (todo.length) {
      var s = todo.shift();
      while (stack.length > 1 && stack[stack.length - 1].end <= s.start) stack.pop();
      var parent = stack[stack.length - 1];
      if (s.end > parent.end) {
        todo.push({ kind: s.kind, start: parent.end, end: s.end, titles: s.titles, cont: true });
        s = { kind: s.kind, start: s.start, end: parent.end, titles: s.titles, cont: true };
        sortTodo();
      }
      var node = { kind: s.kind, start: s.start, end: s.end, titles: s.titles, cont: !!s.cont, children: [] };
      parent.children.push(node);
      stack.push(node);
    }
    return root;
  }

  function renderNode(node, text, toUnit, out) {
    var pos = node.start < 0 ? 0 : node.start;
    var end = node.end === Infinity ? null : node.end;
    node.children.forEach(function (child) {
      if (child.start > pos) out.appendChild(document.createTextNode(text.slice(toUnit(pos), toUnit(child.start))));
      var mark = el("mark", {
        className: "k-" + child.kind + (child.cont ? " cut" : ""),
        "data-kind": child.kind,
        "data-start": String(child.start),
        "data-end": String(child.end),
        title: (KIND_AR[child.kind] || child.kind) + " · " + child.titles.join(" | "),
      });
      renderNode(child, text, toUnit, mark);
      out.appendChild(mark);
      pos = child.end;
    });
    var stop = end === null ? text.length : toUnit(end);
    if (toUnit(pos) < stop) out.appendChild(document.createTextNode(text.slice(toUnit(pos), stop)));
  }

  // English notes (generated by the API, one per incident) shown beside the Arabic text.
  function renderNotesEn(incidents) {
    var box = document.getElementById("article-notes-en");
    if (!box) {
      box = el("ul", { id: "article-notes-en", className: "meta notes-en", dir: "ltr", lang: "en",
        style: "max-height: 10em; overflow-y: auto;" });
      var text = document.getElementById("article-text");
      text.parentNode.insertBefore(box, text);
    }
    clear(box);
    (incidents || []).forEach(function (inc) {
      if (inc.note_en) box.appendChild(el("li", { text: inc.note_en, "data-incident": inc.id }));
    });
    box.hidden = !box.firstChild;
  }

  function renderArticle(data, focusId) {
    var art = data.article || {};
    var text = art.text || "";
    var panel = document.getElementById("article");
    document.getElementById("article-title").textContent = art.title || art.id || "";
    var metaNode = document.getElementById("article-meta");
    clear(metaNode);
    // <bdi> keeps Latin ids and dates from being reordered by the surrounding right-to-left text.
    [art.published, art.outlet, art.dateline, art.id].filter(Boolean).forEach(function (part, i) {
      if (i) metaNode.appendChild(document.createTextNode(" · "));
      metaNode.appendChild(el("bdi", { text: part }));
    });
    if (art.url && /^https?:\/\//i.test(art.url)) {
      metaNode.appendChild(document.createTextNode(" · "));
      metaNode.appendChild(el("a", { href: art.url, rel: "noopener noreferrer", target: "_blank", text: "المصدر · source" }));
    }
    renderNotesEn(data.incidents);
    var body = document.getElementById("article-text");
    clear(body);
    var cpLen = Array.from(text).length;
    var tree = buildTree(collectSpans(data.incidents || [], cpLen));
    var frag = document.createDocumentFragment();
    renderNode(tree, text, codePointIndex(text), frag);
    body.appendChild(frag);
    var wasHidden = panel.hidden;
    panel.hidden = false;
    panel.setAttribute("data-article", art.id || "");
    if (wasHidden && state.map) {
      // The map column just got narrower: re-fit unless the user is looking at a popup.
      if (document.querySelector(".leaflet-popup")) state.map.invalidateSize();
      else fitSyria();
    }
    var target = null;
    if (focusId) {
      (data.incidents || []).some(function (inc) {
        if (inc.id !== focusId) return false;
        var ev = (inc.evidence || [])[0];
        if (ev) target = body.querySelector('mark[data-kind="evidence"][data-start="' + ev.start + '"]');
        return true;
      });
    }
    // Scroll only the text box (scrollIntoView would scroll the whole page too).
    body.scrollTop = target ? Math.max(0, target.offsetTop - body.clientHeight / 3) : 0;
  }

  function openArticle(id, focusId) {
    setStatus("جارٍ تحميل المقال… loading article " + id);
    return getJSON("/api/articles/" + encodeURIComponent(id)).then(function (data) {
      renderArticle(data, focusId);
      setStatus("المقال · article " + id);
      if (location.hash !== "#article=" + encodeURIComponent(id)) history.replaceState(null, "", "#article=" + encodeURIComponent(id));
    }).catch(function (err) {
      setStatus("تعذّر تحميل المقال · could not load article: " + err.message);
    });
  }

  // ---------- filters and refresh ----------

  function fillSelect(id, values) {
    var sel = document.getElementById(id);
    var keep = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    (values || []).forEach(function (v) {
      var label = id === "f-type" ? typeLabel(v) : v;
      sel.appendChild(el("option", { value: v, text: label }));
    });
    sel.value = keep;
  }

  function loadFacets() {
    return getJSON("/api/facets").then(function (f) {
      fillSelect("f-admin1", f.admin1);
      fillSelect("f-type", f.types);
      fillSelect("f-actor", f.actors);
      fillSelect("f-source", f.sources);
    });
  }

  var refreshSeq = 0;
  function refresh() {
    var seq = ++refreshSeq;
    var filters = currentFilters();
    var params = Object.assign({ limit: PAGE_SIZE, offset: 0 }, filters);
    setStatus("جارٍ التحميل… loading");
    document.body.setAttribute("data-loading", "1");
    return Promise.all([getJSON("/api/incidents", params), getJSON("/api/timeline", filters)]).then(function (res) {
      if (seq !== refreshSeq) return;
      var page = res[0];
      state.items = page.items || [];
      drawMarkers(state.items);
      drawList(state.items, page.total || 0);
      drawTimeline(res[1]);
      var onMap = Object.keys(state.markers).length;
      setStatus(state.items.length + " حادثة · incidents (" + onMap + " على الخريطة · on the map)");
      document.body.setAttribute("data-loading", "0");
      document.body.setAttribute("data-markers", String(onMap));
    }).catch(function (err) {
      if (seq !== refreshSeq) return;
      setStatus("خطأ · error: " + err.message);
      document.body.setAttribute("data-loading", "error");
    });
  }

  /** "#article=ID" links straight to an article, so a view can be bookmarked or shared. */
  function openFromHash() {
    var m = /^#article=(.+)$/.exec(location.hash);
    if (m) openArticle(decodeURIComponent(m[1]));
  }

  function init() {
    var form = document.getElementById("filters");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); refresh(); });
    form.addEventListener("reset", function () { setTimeout(refresh, 0); });
    document.getElementById("f-admin1").addEventListener("change", refresh);
    document.getElementById("article-close").addEventListener("click", function () {
      document.getElementById("article").hidden = true;
      if (state.map) fitSyria();
      history.replaceState(null, "", location.pathname + location.search);
    });
    Promise.all([initMap(), loadFacets()]).then(refresh).then(function () {
      openFromHash();
      window.addEventListener("hashchange", openFromHash);
      var resizeTimer = null;
      window.addEventListener("resize", function () {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(function () { if (state.timelineRows) drawTimeline(state.timelineRows); }, 150);
      });
    }).catch(function (err) {
      setStatus("خطأ · error: " + err.message);
      document.body.setAttribute("data-loading", "error");
    });
  }

  window.marsad = { buildTree: buildTree, codePointIndex: codePointIndex, refresh: refresh, openArticle: openArticle, state: state };
  document.addEventListener("DOMContentLoaded", init);
})();
