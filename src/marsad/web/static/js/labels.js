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

export const KIND_AR = { casualty: "إصابات", location: "مكان", actor: "طرف", date: "تاريخ", evidence: "دليل" };

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
