/* The article view's verification: each claim's verdict (supported / contradicted / unverifiable),
 * who supports or contradicts it (each voter's report opens at its evidence), and the fused events
 * the article's incidents belong to. Everything from the API is put in the page as text. */
import { clear, el, fmt } from "./dom.js";
import { ARTICLE_LABEL, VERDICT, countLabel, estimateLabel, eventDateLabel, figureName, typeLabel } from "./labels.js";

/** Colour the casualty marks of verified figures by their verdict (``data-verdict``). */
export function markVerdicts(body, verification) {
  ((verification && verification.claims) || []).forEach((c) => {
    const ev = c.evidence;
    if (c.kind !== "casualty" || !ev || typeof ev.start !== "number") return;
    body.querySelectorAll('mark[data-kind="casualty"][data-start="' + ev.start + '"][data-end="' + ev.end + '"]').forEach((m) => {
      m.setAttribute("data-verdict", c.label);
      m.title += " | " + (VERDICT[c.label] || c.label);
    });
  });
}

/** "In events …": the events (fusion) holding this article's incidents, each a button opening it.
 * Folded when there are many (a round-up article touches dozens). */
export function renderArticleEvents(events, onEvent) {
  const box = document.getElementById("article-events");
  if (!box) return;
  const summary = document.getElementById("article-events-summary");
  const list = document.getElementById("article-events-list");
  clear(summary);
  clear(list);
  const items = (events || []).filter((e) => e && e.id);
  box.hidden = !items.length;
  if (!items.length) return;
  const multi = items.filter((e) => e.n_outlets > 1).length;
  summary.textContent =
    "ضمن " + fmt(items.length) + " حدث · in " + fmt(items.length) + (items.length === 1 ? " event" : " events") +
    (multi ? " (" + fmt(multi) + " reported by other outlets too)" : "");
  box.open = items.length <= 3;
  // The most covered first.
  items.sort((a, b) => (b.n_outlets || 0) - (a.n_outlets || 0) || String(a.id).localeCompare(String(b.id)));
  items.forEach((e) => {
    const b = el("button", { type: "button", className: "linkish event-link", "data-event": e.id }, [
      typeLabel(e.type) + " · ",
      el("bdi", { text: eventDateLabel(e.date) }),
      " · " + fmt(e.n_outlets) + " وسائل إعلام · outlets" + (e.discrepancy ? " ⚠" : ""),
    ]);
    b.title = "قتلى · killed " + estimateLabel(e.killed) + " — " + (e.outlets || []).join(", ");
    if (onEvent) b.addEventListener("click", () => onEvent(e.id));
    else b.disabled = true;
    list.appendChild(b);
  });
}

function badge(label) {
  return el("span", { className: "verdict v-" + label, "data-label": label, text: VERDICT[label] || label });
}

function names(list) {
  return (list || []).map((n) => el("bdi", { className: "who-name", text: n }));
}

function joined(nodes) {
  const out = [];
  nodes.forEach((n, i) => {
    if (i) out.push(", ");
    out.push(n);
  });
  return out;
}

function whatOf(c) {
  if (c.kind === "casualty") {
    return [
      el("span", { className: "figure-name", text: figureName(c) + ": " }),
      el("strong", { className: "figure-value", dir: "ltr", text: countLabel(c.count) }),
      c.reported_by && c.reported_by.length ? el("span", { className: "by" }, [" · عن · per ", ...joined(names(c.reported_by))]) : null,
    ];
  }
  const places = (c.places || []).filter(Boolean).join(", ");
  return [
    el("span", { className: "figure-name", text: "وقوع الحدث · the event: " }),
    el("span", { text: typeLabel(c.type) + " · " }),
    el("bdi", { text: eventDateLabel(c.date) + (places ? " · " + places : "") }),
  ];
}

function voteButton(v, opts) {
  const ev = v.evidence || {};
  const b = el("button", {
    type: "button",
    className: "vote " + (v.agrees ? "agrees" : "refutes"),
    "data-article": v.article,
    "data-start": ev.start,
    "data-end": ev.end,
    "data-agrees": v.agrees ? "1" : "0",
  }, [
    el("span", { className: "mark", text: v.agrees ? "✓ " : "✗ " }),
    el("bdi", { className: "outlet", text: v.outlet || v.article }),
    " (",
    ...joined(names(v.sources)),
    ") ",
    el("strong", { dir: "ltr", text: countLabel(v) }),
    v.published ? el("span", { className: "when", text: " · " + v.published }) : null,
  ]);
  b.title = (v.agrees ? "يؤيد · agrees" : "يعارض · refutes") + (ev.text ? ": «" + ev.text + "»" : "");
  if (opts.onArticle) b.addEventListener("click", () => opts.onArticle(v.article, { start: ev.start, end: ev.end, title: "report of " + (v.outlet || v.article) }, v.incident));
  return b;
}

function claimItem(c, data, opts) {
  const ev = Array.isArray(c.evidence) ? c.evidence[0] : c.evidence;
  const src = c.sources || {};
  const li = el("li", {
    className: "claim",
    "data-label": c.label,
    "data-kind": c.kind,
    "data-incident": c.incident,
    "data-start": ev ? ev.start : null,
    "data-end": ev ? ev.end : null,
  });
  li.appendChild(el("div", { className: "claim-head" }, [badge(c.label), " ", ...whatOf(c)]));
  if (ev && ev.text) {
    const q = el("button", { type: "button", className: "quote", title: "أظهر في النص · show in the text", text: "«" + ev.text + "»" });
    q.addEventListener("click", () => renderInPlace(data, opts, ev));
    li.appendChild(q);
  }
  const who = el("div", { className: "who" });
  if ((src.agree || []).length) who.appendChild(el("div", { className: "agree" }, ["يؤيده · supported by: ", ...joined(names(src.agree))]));
  if ((src.disagree || []).length) who.appendChild(el("div", { className: "disagree" }, ["يعارضه · contradicted by: ", ...joined(names(src.disagree))]));
  const datasets = (c.reference && c.reference.datasets) || {};
  Object.keys(datasets).sort().forEach((name) => {
    const d = datasets[name] || {};
    if (d.label && d.label !== "unverifiable") {
      who.appendChild(el("div", { className: "ref" }, ["المرجع · reference ", el("bdi", { text: name }), ": ", badge(d.label)]));
    }
  });
  if (!who.firstChild) who.appendChild(el("div", { className: "none", text: "لا مصدر مستقل آخر يذكر هذا الرقم · no other independent source votes on it" }));
  li.appendChild(who);
  const votes = src.votes || [];
  if (votes.length) li.appendChild(el("div", { className: "votes" }, votes.map((v) => voteButton(v, opts))));
  if (c.event && opts.onEvent) {
    const b = el("button", { type: "button", className: "linkish event-link", "data-event": c.event, text: "تقارير الحدث الأخرى · the event's other reports" });
    b.addEventListener("click", () => opts.onEvent(c.event));
    li.appendChild(b);
  }
  return li;
}

let rerender = null;
/** Re-render the same article with one claim's span in focus (set by article.js). */
export function setRerender(fn) {
  rerender = fn;
}

function renderInPlace(data, opts, ev) {
  if (rerender) rerender(data, Object.assign({}, opts, { focusId: null, span: { start: ev.start, end: ev.end, title: "claim" } }));
}

/** The verification block above the text: the article's label and score, then each claim. */
export function renderVerification(data, opts) {
  const box = document.getElementById("article-verification");
  if (!box) return;
  const v = data.verification;
  const summary = document.getElementById("verification-summary");
  const list = document.getElementById("claim-list");
  clear(summary);
  clear(list);
  box.hidden = !v;
  if (!v) return;
  const n = v.counts || {};
  summary.appendChild(el("span", { text: "التحقق · verification: " }));
  summary.appendChild(el("span", { className: "article-label l-" + v.label, "data-label": v.label, text: ARTICLE_LABEL[v.label] || v.label }));
  summary.appendChild(
    el("span", {
      className: "counts",
      text:
        (v.score !== null && v.score !== undefined ? " · " + Math.round(v.score * 100) + "%" : "") +
        " · ✓ " + fmt(n.supported) + " · ✗ " + fmt(n.contradicted) + " · ? " + fmt(n.unverifiable),
    }),
  );
  // Contradicted first: what a reader must look at.
  const rank = { contradicted: 0, supported: 1, unverifiable: 2 };
  const claims = (v.claims || []).slice().sort((a, b) => (rank[a.label] ?? 3) - (rank[b.label] ?? 3));
  claims.forEach((c) => list.appendChild(claimItem(c, data, opts)));
}
