/* Names and labels shown on the page (Arabic first, English after). */
import { fmt } from "./dom.js";

export const TYPE_AR = {
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

export const KIND_AR = { casualty: "إصابات", location: "مكان", actor: "طرف", date: "تاريخ", evidence: "دليل", focus: "المقطع المُشار إليه" };

export function typeLabel(type) {
  return (TYPE_AR[type] || type) + " (" + type + ")";
}

/** The location shown for an incident: the map's point if any, else the first named place. */
export function placeOf(inc) {
  const locs = inc.locations || [];
  const located = locs.filter((l) => typeof l.lat === "number" && l.precision !== "country");
  const rank = { neighbourhood: 0, site: 0, community: 1, subdistrict: 2, district: 3, governorate: 4, region: 5 };
  located.sort((a, b) => (rank[a.precision] ?? 4) - (rank[b.precision] ?? 4));
  return located[0] || locs[0] || null;
}

export function placeLabel(inc) {
  const loc = placeOf(inc);
  if (!loc) return "—";
  const parts = [loc.name_ar || loc.text, loc.name_en, loc.admin1 && loc.admin1 !== loc.name_en ? loc.admin1 : null];
  return parts.filter(Boolean).join(" · ");
}

/** The filing day; the extracted date too when it differs (e.g. after publication, so clipped). */
export function dateLabel(inc) {
  const d = inc.date || {};
  const day = inc.day || d.start;
  if (!day) return d.text || "تاريخ غير معروف · undated";
  let out = day;
  if (d.end && d.end !== d.start && d.end > day) out += " – " + d.end;
  if (d.start && d.start !== day) out += " (النص · text: " + d.start + ")";
  return out;
}

export function tollLabel(killed, injured) {
  return "قتلى " + fmt(killed) + " · جرحى " + fmt(injured) + " (killed " + fmt(killed) + ", injured " + fmt(injured) + ")";
}

export const MEASURE_AR = {
  killed: "قتلى",
  injured: "جرحى",
  displaced: "نازحون",
  evacuated: "مُجلَون",
  abducted: "مخطوفون",
  arrested: "معتقلون",
  missing: "مفقودون",
};

export const GROUP_AR = {
  people: "أشخاص",
  civilians: "مدنيون",
  children: "أطفال",
  women: "نساء",
  men: "رجال",
  fighters: "مقاتلون",
  patients: "مرضى",
  families: "عائلات",
};

/** How a figure was worded (CODEBOOK qualifier). */
export const QUALIFIER = {
  exact: "دقيق · exact",
  about: "نحو · about",
  at_least: "على الأقل · at least",
  more_than: "أكثر من · more than",
  at_most: "على الأكثر · at most",
  vague: "غير محدد · vague",
};

export const VERDICT = {
  supported: "مؤيَّد · supported",
  contradicted: "مُعارَض · contradicted",
  unverifiable: "لا يمكن التحقق · unverifiable",
};

export const ARTICLE_LABEL = {
  credible: "موثوق · credible",
  doubtful: "مشكوك فيه · doubtful",
  unverified: "لم يُتحقق منه · unverified",
};

/** measure + group (+ side): "قتلى · killed — مقاتلون · fighters (syrian_government)". */
export function figureName(f) {
  return (
    (MEASURE_AR[f.measure] || f.measure) + " · " + f.measure + " — " + (GROUP_AR[f.group] || f.group) + " · " + f.group +
    (f.side ? " (" + f.side + ")" : "")
  );
}

/** A reported count as a number with its wording: "≥40", "~20", "40–50", "≥20 (vague)". */
export function countLabel(c) {
  c = c || {};
  const sign = { about: "~", at_least: "≥", more_than: ">", at_most: "≤" }[c.qualifier] || "";
  if (c.value !== null && c.value !== undefined) {
    const range = c.high !== null && c.high !== undefined && c.high !== c.value ? "–" + fmt(c.high) : "";
    return sign + fmt(c.value) + range;
  }
  if (c.low !== null && c.low !== undefined) return "≥" + fmt(c.low) + (c.qualifier === "vague" ? " (vague)" : "");
  return "?";
}

/** An estimate {best, low, high}: "30 (1–202)"; "—" when nobody gave one. */
export function estimateLabel(e) {
  if (!e || e.best === null || e.best === undefined) return "—";
  const lo = e.low === null || e.low === undefined ? e.best : e.low;
  const hi = e.high === null || e.high === undefined ? e.best : Math.max(e.high, e.best);
  const range = lo !== hi ? " (" + fmt(lo) + "–" + fmt(hi) + ")" : "";
  return fmt(e.best) + range;
}

/** The English-and-Arabic line for an event date range. */
export function eventDateLabel(d) {
  d = d || {};
  if (!d.start) return "تاريخ غير معروف · undated";
  const range = d.end && d.end !== d.start ? d.start + " – " + d.end : d.start;
  return d.precision && d.precision !== "day" && d.precision !== "range" ? range + " (" + d.precision + ")" : range;
}

/** The place of an event summary (its location): Arabic name, English name, governorate. */
export function eventPlaceLabel(loc, places) {
  if (!loc) return (places || []).join(" · ") || "—";
  const parts = [loc.name_ar, loc.name_en, loc.admin1 && loc.admin1 !== loc.name_en ? loc.admin1 : null];
  return parts.filter(Boolean).join(" · ") || "—";
}
