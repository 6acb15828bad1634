"""Score extraction output against gold files, as shared/spec/ANNOTATION.md §Scoring defines.

Per article, facts of each field are sets. A gold fact is *optional* when it, or the incident holding
it, says ``"optional": true``; a fact required anywhere in the article is required. Then
``tp = predicted ∩ required``, ``fp = predicted − all gold``, ``fn = required − predicted``: an optional
fact counts neither way. Totals are summed over articles (micro-average).

Places are not compared as plain sets: a predicted place matches a gold place by folded English name
(any of the gold's ``|``-separated aliases), else as the nearest unmatched gold place within 5 km,
else as a region/governorate in the same governorate; country-level places are ignored.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

FIELDS = ("casualties", "types", "actors", "sources", "admin1", "places", "dates")
NEAR_KM = 5.0
_COARSE = frozenset({"region", "governorate"})


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Outcome:
    """One article's comparison for one field: the facts found, missed and wrongly added."""

    hit: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    articles: dict[str, dict[str, Outcome]] = field(default_factory=dict)
    kinds: dict[str, str | None] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        total = Score()
        for s in self.fields.values():
            total.add(s.tp, s.fp, s.fn)
        return total

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "articles_scored": len(self.articles),
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "micro": self.overall.to_dict(),
            "missing_predictions": self.missing,
        }
        if errors:
            out["errors"] = {
                aid: {
                    name: {"missed": o.missed, "extra": o.extra}
                    for name, o in detail.items()
                    if o.missed or o.extra
                }
                for aid, detail in self.articles.items()
            }
        return out


# ---------------------------------------------------------------------------------------------
# facts


def _optional(obj: Any) -> bool:
    return isinstance(obj, dict) and bool(obj.get("optional"))


def _source_id(s: Any) -> str | None:
    return s.get("id") if isinstance(s, dict) else s


def _incident_facts(inc: dict[str, Any], name: str) -> list[tuple[Any, bool]]:
    """(fact, optional-in-itself) pairs of one incident for one field."""
    out: list[tuple[Any, bool]] = []
    if name == "casualties":
        for c in inc.get("casualties") or []:
            side = c.get("side") if c.get("group") == "fighters" else None
            value = (c.get("count") or {}).get("value")
            out.append(((c.get("measure"), c.get("group"), side, value), _optional(c)))
    elif name == "types":
        if inc.get("type"):
            out.append((inc["type"], False))
    elif name == "actors":
        out += [(a.get("id"), _optional(a)) for a in inc.get("actors") or [] if a.get("id")]
    elif name == "sources":
        sources = list(inc.get("reported_by") or [])
        for c in inc.get("casualties") or []:
            sources += [
                s if not _optional(c) else {"id": _source_id(s), "optional": True}
                for s in c.get("reported_by") or []
            ]
        out += [(_source_id(s), _optional(s)) for s in sources if _source_id(s)]
    elif name == "admin1":
        for loc in inc.get("locations") or []:
            if loc.get("admin1"):
                out.append((str(loc["admin1"]).lower(), _optional(loc)))
    elif name == "dates":
        start = (inc.get("date") or {}).get("start")
        if start:
            out.append((start, False))
    return out


def gold_facts(gold: dict[str, Any], name: str) -> tuple[set, set]:
    """(required, optional) facts of a gold article; a fact required anywhere is required."""
    required: set = set()
    optional: set = set()
    for inc in gold.get("incidents") or []:
        for fact, opt in _incident_facts(inc, name):
            (optional if opt or _optional(inc) else required).add(fact)
    return required, optional - required


def facts(line: dict[str, Any], name: str) -> set:
    """Every fact of one field in an article line (optional or not)."""
    return {fact for inc in line.get("incidents") or [] for fact, _ in _incident_facts(inc, name)}


# ---------------------------------------------------------------------------------------------
# places


def fold(name: str) -> str:
    """ "Al-Bab" == "al bāb" == "Bab": accents dropped, lower case, only a-z/0-9, no leading al-/el-."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().strip()
    s = regex.sub(r"^(?:al|el)[\s\-‐'’]+", "", s)
    return regex.sub(r"[^a-z0-9]", "", s)


@dataclass(slots=True)
class _Place:
    names: frozenset[str]  # folded aliases
    label: str
    admin1: str | None
    precision: str | None
    lat: float | None
    lon: float | None
    optional: bool = False


def _place(loc: dict[str, Any], optional: bool) -> _Place | None:
    label = loc.get("name_en") or ""
    names = frozenset(f for f in (fold(n) for n in label.split("|")) if f)
    if not names and loc.get("lat") is None:
        return None
    return _Place(
        names=names,
        label=label or str(loc.get("name_ar") or "?"),
        admin1=(loc.get("admin1") or "").lower() or None,
        precision=loc.get("precision"),
        lat=loc.get("lat"),
        lon=loc.get("lon"),
        optional=optional,
    )


def _places(line: dict[str, Any], gold: bool) -> list[_Place]:
    """An article's places, one per name: country-level places left out; for gold, a place required
    anywhere is required."""
    out: list[_Place] = []
    for inc in line.get("incidents") or []:
        for loc in inc.get("locations") or []:
            if loc.get("precision") == "country":
                continue
            p = _place(loc, gold and (_optional(loc) or _optional(inc)))
            if p is None:
                continue
            same = next((q for q in out if p.names and q.names & p.names), None)
            if same is None:
                out.append(p)
            elif not p.optional:
                same.optional = False
    return out


def _km(a: _Place, b: _Place) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def match_places(gold: list[_Place], pred: list[_Place]) -> list[tuple[int, int | None]]:
    """Pairs (pred index, gold index or None); each gold place matches at most once."""
    match: dict[int, int] = {}
    taken: set[int] = set()
    for i, p in enumerate(pred):  # (1) by name
        for j, g in enumerate(gold):
            if j not in taken and p.names & g.names:
                match[i] = j
                taken.add(j)
                break
    pairs = sorted(  # (2) nearest unmatched within 5 km, closest pairs first
        (d, i, j)
        for i, p in enumerate(pred)
        if i not in match
        for j, g in enumerate(gold)
        if j not in taken and (d := _km(p, g)) <= NEAR_KM
    )
    for _, i, j in pairs:
        if i not in match and j not in taken:
            match[i] = j
            taken.add(j)
    for i, p in enumerate(pred):  # (3) region/governorate in the same governorate
        if i in match or p.precision not in _COARSE or not p.admin1:
            continue
        for j, g in enumerate(gold):
            if j not in taken and g.precision in _COARSE and g.admin1 == p.admin1:
                match[i] = j
                taken.add(j)
                break
    return [(i, match.get(i)) for i in range(len(pred))]


def _score_places(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[Outcome, tuple[int, int, int]]:
    g, p = _places(gold, True), _places(pred, False)
    out = Outcome()
    matched: set[int] = set()
    for i, j in match_places(g, p):
        if j is None:
            out.extra.append(p[i].label)
            continue
        matched.add(j)
        if not g[j].optional:
            out.hit.append(p[i].label)
    out.missed = [x.label for k, x in enumerate(g) if k not in matched and not x.optional]
    return out, (len(out.hit), len(out.extra), len(out.missed))


# ---------------------------------------------------------------------------------------------


_GOLD_KEYS = {
    "casualties": "casualties",
    "types": "type",
    "actors": "actors",
    "sources": "reported_by",
    "admin1": "locations",
    "places": "locations",
    "dates": "date",
}


def checked(gold: dict[str, Any], name: str) -> bool:
    """A field left out of every incident of a gold article was not annotated there: not scored."""
    incidents = gold.get("incidents") or []
    return not incidents or any(_GOLD_KEYS[name] in inc for inc in incidents)


def _score_set(gold: dict[str, Any], pred: dict[str, Any], name: str) -> tuple[Outcome, tuple[int, int, int]]:
    required, optional = gold_facts(gold, name)
    predicted = facts(pred, name)
    hit = predicted & required
    extra = predicted - required - optional
    missed = required - predicted
    out = Outcome(sorted(map(str, hit)), sorted(map(str, missed)), sorted(map(str, extra)))
    return out, (len(hit), len(extra), len(missed))


def evaluate(
    gold_lines: Iterable[dict[str, Any]],
    predictions: dict[str, dict[str, Any]],
    kinds: Iterable[str] | None = None,
) -> Report:
    """Score predictions (article id -> article line) against gold lines; ``kinds`` keeps only gold
    articles of those kinds (A, B, C)."""
    wanted = {k.strip().upper() for k in kinds} if kinds else None
    report = Report()
    for gold in gold_lines:
        aid = gold["article"]["id"]
        kind = gold["article"].get("kind")
        if wanted is not None and (kind or "").upper() not in wanted:
            continue
        pred = predictions.get(aid)
        if pred is None:
            report.missing.append(aid)
            pred = {"incidents": []}
        detail: dict[str, Outcome] = {}
        for name in FIELDS:
            if not checked(gold, name):
                continue
            if name == "places":
                outcome, counts = _score_places(gold, pred)
            else:
                outcome, counts = _score_set(gold, pred, name)
            report.fields[name].add(*counts)
            detail[name] = outcome
        report.articles[aid] = detail
        report.kinds[aid] = kind
    return report


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
