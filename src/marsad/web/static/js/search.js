/* The search box: articles (title, text, place names) and places, Arabic-folded on the server
 * ("الرقه" finds "الرقة"). Results open the article, or filter the map and list by place or text. */
import { getJSON } from "./api.js";
import { clear, debounce, el, fmt } from "./dom.js";

const PRECISION_AR = {
  neighbourhood: "حي",
  community: "بلدة",
  subdistrict: "ناحية",
  district: "منطقة",
  governorate: "محافظة",
  region: "منطقة جغرافية",
  country: "بلد",
};

export class SearchBox {
  constructor(handlers) {
    this.handlers = handlers; // {onText(q), onPlace(place), onArticle(id)}
    this.input = document.getElementById("search");
    this.panel = document.getElementById("search-results");
    this.seq = 0;
    this.input.addEventListener("input", debounce(() => this.run(0), 200));
    this.input.addEventListener("keydown", (ev) => this.key(ev));
    this.input.addEventListener("focus", () => {
      if (this.panel.childNodes.length) this.open(true);
    });
    document.addEventListener("click", (ev) => {
      if (!this.panel.contains(ev.target) && ev.target !== this.input) this.open(false);
    });
  }

  open(on) {
    this.panel.hidden = !on;
    this.input.setAttribute("aria-expanded", on ? "true" : "false");
  }

  options() {
    return Array.from(this.panel.querySelectorAll("[role=option]"));
  }

  key(ev) {
    const opts = this.options();
    const at = opts.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && opts.length) {
      opts[Math.min(opts.length - 1, at + 1)].focus();
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      this.open(false);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      const q = this.input.value.trim();
      if (q) {
        this.open(false);
        this.handlers.onText(q);
      }
    }
  }

  async run(offset) {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (!q) {
      clear(this.panel);
      this.open(false);
      return;
    }
    const res = await getJSON("/api/search", { q, limit: 8, offset });
    if (seq !== this.seq) return;
    this.render(res, offset);
  }

  option(attrs, children, onPick) {
    const node = el("button", Object.assign({ type: "button", role: "option", className: "result" }, attrs), children);
    node.addEventListener("click", () => {
      this.open(false);
      onPick();
    });
    node.addEventListener("keydown", (ev) => {
      const opts = this.options();
      const i = opts.indexOf(node);
      if (ev.key === "ArrowDown") { (opts[i + 1] || node).focus(); ev.preventDefault(); }
      if (ev.key === "ArrowUp") { (opts[i - 1] || this.input).focus(); ev.preventDefault(); }
      if (ev.key === "Escape") { this.open(false); this.input.focus(); }
    });
    return node;
  }

  render(res, offset) {
    const p = this.panel;
    if (!offset) clear(p);
    else p.querySelectorAll(".more").forEach((n) => n.remove());
    if (!offset) {
      p.appendChild(
        this.option({ className: "result text-filter" }, ["تصفية الحوادث بـ «", el("bdi", { text: res.q }), "» · filter incidents by this text"], () => this.handlers.onText(res.q)),
      );
      if (res.places.length) {
        p.appendChild(el("div", { className: "group", text: "أماكن · places" }));
        res.places.forEach((pl) => {
          p.appendChild(
            this.option({ className: "result place", "data-place": pl.place_id }, [
              el("strong", { text: pl.name_ar || pl.name_en || pl.place_id }),
              " ",
              el("bdi", { className: "en", text: [pl.name_en, pl.admin1].filter(Boolean).join(", ") + (pl.precision ? " (" + (PRECISION_AR[pl.precision] || "") + " · " + pl.precision + ")" : "") }),
              el("span", { className: "n", text: " · " + fmt(pl.incidents) + " حادثة · incidents" }),
            ], () => this.handlers.onPlace(pl)),
          );
        });
      }
      p.appendChild(el("div", { className: "group", "data-total": String(res.total), text: "مقالات · articles (" + fmt(res.total) + ")" }));
    }
    res.articles.forEach((a) => {
      p.appendChild(
        this.option({ className: "result article", "data-article": a.id }, [
          el("strong", { text: a.title || a.id }),
          el("span", { className: "meta" }, [el("bdi", { text: [a.published, a.outlet].filter(Boolean).join(" · ") }), " · " + fmt(a.incidents) + " حادثة · incidents"]),
          el("span", { className: "snippet", text: a.snippet }),
        ], () => this.handlers.onArticle(a.id)),
      );
    });
    if (!res.total) p.appendChild(el("div", { className: "none", text: "لا مقالات مطابقة · no matching articles" }));
    const shown = offset + res.articles.length;
    if (shown < res.total) {
      const more = el("button", { type: "button", className: "more linkish", text: "المزيد · more (" + fmt(res.total - shown) + ")" });
      more.addEventListener("click", (ev) => {
        ev.stopPropagation();
        this.run(shown);
      });
      p.appendChild(more);
    }
    this.open(true);
  }
}
