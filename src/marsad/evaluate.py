"""Score extraction output against gold files, field by field (CODEBOOK "Gold files").

Facts are compared per article as sets: casualties as (measure, group, side, value) tuples, locations
as admin1 names and as place names (name_en), actors, sources and types as id sets, dates as start
sets. Counts of true/false positives and misses are summed over articles (micro-average) per field
and over all fields. A gold file holds only what an annotator checked: a field absent from every
incident of a gold article is not scored for it, and a gold date with no start (the annotator left
it unresolved) is not a fact to find.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("casualties", "types", "actors", "sources", "admin1", "places", "dates")


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

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
class Report:
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    articles: dict[str, dict[str, dict[str, list]]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        total = Score()
        for s in self.fields.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "micro": self.overall.to_dict(),
            "articles": self.articles,
            "missing_predictions": self.missing,
        }


def facts(line: dict[str, Any], name: str) -> set:
    """The set of facts of one kind in an article line (gold or predicted)."""
    incidents = line.get("incidents") or []
    out: set = set()
    for inc in incidents:
        if name == "casualties":
            for c in inc.get("casualties") or []:
                out.add((c["measure"], c["group"], c.get("side"), (c.get("count") or {}).get("value")))
        elif name == "types":
            if inc.get("type"):
                out.add(inc["type"])
        elif name == "actors":
            out |= {a["id"] for a in inc.get("actors") or []}
        elif name == "sources":
            out |= set(inc.get("reported_by") or [])
            for c in inc.get("casualties") or []:
                out |= set(c.get("reported_by") or [])
        elif name == "admin1":
            out |= {loc["admin1"] for loc in inc.get("locations") or [] if loc.get("admin1")}
        elif name == "places":
            out |= {loc["name_en"] for loc in inc.get("locations") or [] if loc.get("name_en")}
        elif name == "dates":
            start = (inc.get("date") or {}).get("start")
            if start:
                out.add(start)
    return out


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
    incidents = gold.get("incidents") or []
    if name == "dates":
        return bool(facts(gold, "dates"))
    return any(_GOLD_KEYS[name] in inc for inc in incidents) or not incidents


def evaluate(gold_lines: Iterable[dict[str, Any]], predictions: dict[str, dict[str, Any]]) -> Report:
    report = Report()
    for gold in gold_lines:
        aid = gold["article"]["id"]
        pred = predictions.get(aid)
        if pred is None:
            report.missing.append(aid)
            pred = {"incidents": []}
        detail: dict[str, dict[str, list]] = {}
        for name in FIELDS:
            if not checked(gold, name):
                continue
            g, p = facts(gold, name), facts(pred, name)
            report.fields[name].add(g, p)
            if g != p:
                detail[name] = {"missed": sorted(map(str, g - p)), "extra": sorted(map(str, p - g))}
        report.articles[aid] = detail
    return report


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
