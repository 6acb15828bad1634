"""Claims an article makes that can be checked: each incident exists, and each top-level figure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.fuse.mention import Mention, MentionCasualty


@dataclass(frozen=True, slots=True)
class Claim:
    mention: Mention
    kind: str  # event | casualty
    casualty: MentionCasualty | None = None

    def to_dict(self) -> dict[str, Any]:
        m = self.mention
        d: dict[str, Any] = {
            "incident": m.incident_id,
            "kind": self.kind,
            "type": m.type,
            "date": {"start": m.date_start, "end": m.date_end, "precision": m.date_precision},
            "places": [loc.name_en or loc.admin1 for loc in m.locations],
        }
        if self.casualty is not None:
            c = self.casualty
            d.update(
                measure=c.measure,
                group=c.group,
                side=c.side,
                count={
                    "value": c.count.value,
                    "low": c.count.low,
                    "high": c.count.high,
                    "qualifier": c.count.qualifier,
                },
                reported_by=list(c.reported_by) or list(m.reported_by),
                evidence={"start": c.start, "end": c.end, "text": c.text},
            )
        else:
            d["reported_by"] = list(m.reported_by)
            d["evidence"] = [{"start": a, "end": b, "text": t} for a, b, t in m.evidence[:1]]
        return d


def claims_of(m: Mention) -> list[Claim]:
    return [Claim(m, "event")] + [Claim(m, "casualty", c) for c in m.casualties if c.part_of is None]
