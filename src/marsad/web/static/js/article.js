/* Article view: the text right-to-left with every extracted fact highlighted on its evidence span. */
import { getJSON } from "./api.js";
import { clear, el } from "./dom.js";
import { KIND_AR } from "./labels.js";
import { markVerdicts, renderArticleEvents, renderVerification, setRerender } from "./verdicts.js";

/** Map code-point offsets (Python's str indexes) to UTF-16 indexes (JS's), so astral chars don't shift spans. */
export function codePointIndex(text) {
  const units = [0];
  let pos = 0;
  for (const ch of text) {
    pos += ch.length;
    units.push(pos);
  }
  return (cp) => (cp <= 0 ? 0 : cp < units.length ? units[cp] : text.length);
}

function describe(kind, fact, inc) {
  const incLabel = " [" + inc.id + " · " + inc.type + "]";
  if (kind === "casualty") {
    const n = fact.count || {};
    const num = n.value !== null && n.value !== undefined ? n.value : n.low ? "≥" + n.low : "?";
    return (
      fact.measure + " " + num + " " + fact.group + (fact.side ? " (" + fact.side + ")" : "") + ", " + (n.qualifier || "") +
      (fact.reported_by && fact.reported_by.length ? ", reported by " + fact.reported_by.join(", ") : "") + incLabel
    );
  }
  if (kind === "location") {
    return (
      (fact.name_en || fact.name_ar || fact.text) + (fact.admin1 ? ", " + fact.admin1 : "") + " — " +
      (fact.precision || "") + ", " + (fact.relation || "in") + incLabel
    );
  }
  if (kind === "actor") return fact.id + " — " + fact.role + incLabel;
  if (kind === "date") {
    const d = inc.date;
    return "date " + (d.start || "?") + (d.end && d.end !== d.start ? " – " + d.end : "") + " (" + d.precision + ")" + incLabel;
  }
  return "evidence for " + inc.type + incLabel + (inc.note_en ? " — " + inc.note_en : "");
}

function collectSpans(incidents, textLen) {
  const byKey = {};
  const spans = [];
  function add(kind, start, end, title) {
    if (typeof start !== "number" || typeof end !== "number" || end <= start || start < 0 || end > textLen) return;
    const key = kind + ":" + start + ":" + end;
    if (byKey[key]) {
      if (byKey[key].titles.indexOf(title) < 0) byKey[key].titles.push(title);
      return;
    }
    byKey[key] = { kind, start, end, titles: [title] };
    spans.push(byKey[key]);
  }
  incidents.forEach((inc) => {
    (inc.evidence || []).forEach((e) => add("evidence", e.start, e.end, describe("evidence", e, inc)));
    (inc.casualties || []).forEach((c) => add("casualty", c.start, c.end, describe("casualty", c, inc)));
    (inc.locations || []).forEach((l) => add("location", l.start, l.end, describe("location", l, inc)));
    (inc.actors || []).forEach((a) => add("actor", a.start, a.end, describe("actor", a, inc)));
    const d = inc.date || {};
    const ds = d.span_start !== undefined ? d.span_start : d.text_start;
    const de = d.span_end !== undefined ? d.span_end : d.text_end;
    add("date", ds, de, describe("date", d, inc));
  });
  return spans;
}

// "focus" (the span a link pointed at: another report's evidence) encloses whatever it covers.
const KIND_RANK = { focus: -1, evidence: 0, casualty: 1, location: 2, actor: 3, date: 4 };

/** Nest spans into a tree; a span crossing its parent's end is cut there and continued as a sibling. */
export function buildTree(spans) {
  const todo = spans.slice();
  const root = { start: -1, end: Infinity, children: [] };
  const sortTodo = () =>
    todo.sort((a, b) => a.start - b.start || b.end - a.end || KIND_RANK[a.kind] - KIND_RANK[b.kind]);
  sortTodo();
  const stack = [root];
  while (todo.length) {
    let s = todo.shift();
    while (stack.length > 1 && stack[stack.length - 1].end <= s.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (s.end > parent.end) {
      todo.push({ kind: s.kind, start: parent.end, end: s.end, titles: s.titles, cont: true });
      s = { kind: s.kind, start: s.start, end: parent.end, titles: s.titles, cont: true };
      sortTodo();
    }
    const node = { kind: s.kind, start: s.start, end: s.end, titles: s.titles, cont: !!s.cont, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function renderNode(node, text, toUnit, out) {
  let pos = node.start < 0 ? 0 : node.start;
  const end = node.end === Infinity ? null : node.end;
  node.children.forEach((child) => {
    if (child.start > pos) out.appendChild(document.createTextNode(text.slice(toUnit(pos), toUnit(child.start))));
    const mark = el("mark", {
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
  const stop = end === null ? text.length : toUnit(end);
  if (toUnit(pos) < stop) out.appendChild(document.createTextNode(text.slice(toUnit(pos), stop)));
}

/** English notes (one per incident, written by the API: ``note_en``) above the Arabic text. */
function renderNotesEn(incidents) {
  let box = document.getElementById("article-notes-en");
  if (!box) {
    box = el("ul", { id: "article-notes-en", className: "meta notes-en", dir: "ltr", lang: "en" });
    const text = document.getElementById("article-text");
    text.parentNode.insertBefore(box, text);
  }
  clear(box);
  (incidents || []).forEach((inc) => {
    if (inc.note_en) box.appendChild(el("li", { text: inc.note_en, "data-incident": inc.id }));
  });
  box.hidden = !box.firstChild;
}

/** Render an article in the side panel. ``opts``: an incident id to scroll to, or
 * ``{focusId, span: {start, end}, onArticle(id, span), onEvent(id)}``: ``span`` (code points) is
 * wrapped in a ``k-focus`` mark and scrolled to; the handlers serve the verification links. */
export function renderArticle(data, opts) {
  opts = typeof opts === "string" || !opts ? { focusId: opts } : opts;
  const focusId = opts.focusId;
  const art = data.article || {};
  const text = art.text || "";
  const panel = document.getElementById("article");
  document.getElementById("article-title").textContent = art.title || art.id || "";
  const metaNode = document.getElementById("article-meta");
  clear(metaNode);
  // <bdi> keeps Latin ids and dates from being reordered by the surrounding right-to-left text.
  [art.published, art.outlet, art.dateline, art.id].filter(Boolean).forEach((part, i) => {
    if (i) metaNode.appendChild(document.createTextNode(" · "));
    metaNode.appendChild(el("bdi", { text: part }));
  });
  if (art.url && /^https?:\/\//i.test(art.url)) {
    metaNode.appendChild(document.createTextNode(" · "));
    metaNode.appendChild(el("a", { href: art.url, rel: "noopener noreferrer", target: "_blank", text: "المصدر · source" }));
  }
  renderNotesEn(data.incidents);
  const body = document.getElementById("article-text");
  clear(body);
  const cpLen = Array.from(text).length;
  const spans = collectSpans(data.incidents || [], cpLen);
  const span = opts.span;
  const focusOk = span && typeof span.start === "number" && typeof span.end === "number" && span.start < span.end && span.start >= 0 && span.end <= cpLen;
  if (focusOk) spans.push({ kind: "focus", start: span.start, end: span.end, titles: [span.title || "the report you followed"] });
  const tree = buildTree(spans);
  const frag = document.createDocumentFragment();
  renderNode(tree, text, codePointIndex(text), frag);
  body.appendChild(frag);
  const wasHidden = panel.hidden;
  panel.hidden = false;
  panel.setAttribute("data-article", art.id || "");
  panel.setAttribute("data-focus", focusOk ? span.start + "-" + span.end : "");
  markVerdicts(body, data.verification);
  renderArticleEvents(data.events, opts.onEvent);
  renderVerification(data, opts);
  let target = focusOk ? body.querySelector("mark.k-focus") : null;
  if (!target && focusId) {
    const inc = (data.incidents || []).find((i) => i.id === focusId);
    const ev = inc && (inc.evidence || [])[0];
    if (ev) target = body.querySelector('mark[data-kind="evidence"][data-start="' + ev.start + '"]');
  }
  // Scroll only the text box (scrollIntoView would scroll the whole page too).
  body.scrollTop = target ? Math.max(0, target.offsetTop - body.clientHeight / 3) : 0;
  return wasHidden;
}

setRerender(renderArticle);

export async function loadArticle(id) {
  return getJSON("/api/articles/" + encodeURIComponent(id));
}
