/* The incident list: one server-side page at a time, sorted by the server, with a pager. */
import { clear, el, fmt } from "./dom.js";
import { TYPE_AR, dateLabel, placeLabel, placeOf, tollLabel } from "./labels.js";

export const PAGE_SIZE = 50;
const HUGE = 5000; // a single incident's figure this large is usually a war-wide total, not one event

export class IncidentList {
  constructor(handlers) {
    this.handlers = handlers; // {onPick(inc), onPage(offset)}
    this.list = document.getElementById("incident-list");
    this.count = document.getElementById("count");
    this.info = document.getElementById("page-info");
    this.prev = document.getElementById("page-prev");
    this.next = document.getElementById("page-next");
    this.offset = 0;
    this.total = 0;
    this.prev.addEventListener("click", () => this.handlers.onPage(Math.max(0, this.offset - PAGE_SIZE)));
    this.next.addEventListener("click", () => this.handlers.onPage(this.offset + PAGE_SIZE));
  }

  render(page) {
    const items = page.items || [];
    this.offset = page.offset || 0;
    this.total = page.total || 0;
    clear(this.list);
    this.list.setAttribute("start", String(this.offset + 1));
    this.count.textContent = "(" + fmt(this.total) + ")";
    this.count.setAttribute("data-total", String(this.total));
    const last = this.offset + items.length;
    this.info.textContent = items.length ? fmt(this.offset + 1) + "–" + fmt(last) + " / " + fmt(this.total) : "0 / " + fmt(this.total);
    this.prev.disabled = this.offset <= 0;
    this.next.disabled = last >= this.total;
    if (!items.length) {
      this.list.appendChild(el("li", { className: "empty", text: "لا توجد حوادث مطابقة · no matching incidents" }));
      return;
    }
    items.forEach((inc) => {
      const killed = inc.killed || 0, injured = inc.injured || 0;
      const loc = placeOf(inc);
      const mapped = loc && typeof loc.lat === "number" && loc.precision !== "country";
      const btn = el("button", { type: "button", className: "incident" + (mapped ? "" : " unmapped"), "data-incident": inc.id, "data-killed": String(killed), "data-day": inc.day || "" }, [
        el("span", { className: "type t-" + inc.type, text: TYPE_AR[inc.type] || inc.type }),
        el("bdi", { className: "when", text: dateLabel(inc) }),
        el("span", { className: "where", text: placeLabel(inc) + (mapped ? "" : " · لا نقطة على الخريطة (no map point)") }),
        el("span", { className: "toll" + (killed >= HUGE ? " huge" : ""), text: tollLabel(killed, injured) + (killed >= HUGE ? " ⚠ رقم إجمالي على الأرجح · likely a war-wide total" : "") }),
        inc.note_en ? el("span", { className: "notes", dir: "ltr", lang: "en", text: inc.note_en }) : null,
        el("span", { className: "title", text: inc.article_title || inc.article_id }),
      ]);
      btn.addEventListener("click", () => this.handlers.onPick(inc));
      this.list.appendChild(el("li", null, [btn]));
    });
    this.list.scrollTop = 0;
  }
}
