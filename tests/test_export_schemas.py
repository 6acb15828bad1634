"""ACLED and UCDP GED exports as the tools built for those files read them: the real ACLED header, ACLED's
fatality rule, English notes faithful to the record, UCDP's death columns, and round trips through
`marsad reference import` (ACLED preset, UCDP preset)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fuse_helpers import article, cas
from fuse_helpers import incident as fuse_incident
from marsad.cli import app
from marsad.export import export
from marsad.export.acled import COLUMNS as ACLED_COLUMNS
from marsad.export.acled import acled_record_row, event_day, event_number
from marsad.export.fatalities import acled_fatalities
from marsad.export.notes import english_note
from marsad.export.record import from_event, from_incident, split_sides
from marsad.export.ucdp import COLUMNS as UCDP_COLUMNS
from marsad.export.ucdp import priogrid, ucdp_row
from marsad.fuse import fuse
from marsad.fuse.mention import mentions_from_article
from marsad.models import TYPES
from marsad.store import Store
from marsad.verify.reference import import_csv

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_ACLED = SHARED / "data" / "reference" / "acled_syria_battles_2017_2023.csv"

# UCDP GED's CSV layout (GED 20.1 onwards), column for column.
GED_COLUMNS = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
]

DOUMA = {
    "text": "دوما",
    "place_id": "p:douma",
    "name_ar": "دوما",
    "name_en": "Douma",
    "admin1": "Rif Dimashq",
    "admin2": "Duma",
    "lat": 33.5711,
    "lon": 36.4036,
    "precision": "community",
    "relation": "in",
}


def row(
    measure: str,
    group: str,
    value: int | None,
    q: str = "exact",
    low: int | None = None,
    by: tuple[str, ...] = ("sohr",),
    side: str | None = None,
    part_of: int | None = None,
) -> dict[str, Any]:
    return {
        "measure": measure,
        "group": group,
        "side": side,
        "count": {"value": value, "low": value if low is None else low, "high": None, "qualifier": q},
        "part_of": part_of,
        "reported_by": list(by),
        "text": "",
    }


def inc(
    type_: str = "airstrike",
    actors: tuple[tuple[str, str], ...] = (("syrian_government", "perpetrator"),),
    casualties: tuple[dict[str, Any], ...] = (),
    date: tuple[str | None, str | None, str] = ("2017-03-02", "2017-03-02", "day"),
    location: dict[str, Any] | None = DOUMA,
    reported_by: tuple[str, ...] = ("sohr",),
    weapons: tuple[str, ...] = (),
    outlet: str | None = "afp",
    published: str | None = "2017-03-03",
) -> dict[str, Any]:
    return {
        "id": "a1#1",
        "type": type_,
        "date": {"start": date[0], "end": date[1], "precision": date[2], "text": None},
        "locations": [location] if location else [],
        "actors": [{"id": a, "role": r, "text": ""} for a, r in actors],
        "casualties": list(casualties),
        "weapons": list(weapons),
        "reported_by": list(reported_by),
        "evidence": [{"start": 0, "end": 10, "text": "نص الدليل"}],
        "article_id": "a1",
        "article_title": "عنوان",
        "published": published,
        "outlet": outlet,
        "ingested_at": "2017-03-04T10:00:00+00:00",
    }


def acled(**kw: Any) -> dict[str, Any]:
    got = acled_record_row(from_incident(inc(**kw)))
    assert got is not None
    return got


def note(**kw: Any) -> str:
    return english_note(from_incident(inc(**kw)))


# ---- schema ---------------------------------------------------------------------------------------------


def test_acled_columns_are_the_real_files_columns():
    if not REAL_ACLED.is_file():
        pytest.skip("shared ACLED reference file absent")
    with REAL_ACLED.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    # The saved file has one column more, event_date_iso, added when it was converted (SOURCES.md).
    assert header[-1] == "event_date_iso"
    assert list(ACLED_COLUMNS) == header[:31]


def test_ucdp_columns_are_geds():
    assert list(UCDP_COLUMNS) == GED_COLUMNS


# ---- ACLED fields ---------------------------------------------------------------------------------------


def test_event_id_is_stable_and_country_prefixed():
    first, again = acled(), acled()
    assert first["event_id_cnty"] == again["event_id_cnty"] == f"SYR{event_number('a1#1')}"
    assert event_number("a1#1") != event_number("a1#2")
    assert event_number("a1#1") < 2**53  # exact as a double in every tool


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (("2017-03-02", "2017-03-02", "day"), ("2017-03-02", 1)),
        (("2017-03-01", "2017-03-03", "range"), ("2017-03-02", 2)),  # the middle of a range
        (("2017-03-01", "2017-03-07", "week"), ("2017-03-04", 2)),
        (("2017-03-01", "2017-03-31", "month"), ("2017-03-16", 3)),
        ((None, "2017-03-02", "unknown"), ("2017-03-02", 3)),  # only a last possible day
        ((None, None, "unknown"), ("2017-03-03", 3)),  # the report's date
    ],
)
def test_event_date_and_time_precision(date, expected):
    assert event_day(from_incident(inc(date=date))) == expected


def test_dated_actor_names_inter_codes_and_interaction():
    row_ = acled(
        type_="armed_clash",
        actors=(("israel", "perpetrator"), ("iran", "target"), ("hezbollah", "target")),
        date=("2021-07-01", "2021-07-01", "day"),
    )
    assert (row_["actor1"], row_["inter1"]) == ("Military Forces of Israel (2021-2022)", 8)
    assert (row_["actor2"], row_["assoc_actor_2"]) == ("Military Forces of Iran (1989-)", "Hezbollah")
    assert row_["interaction"] == 88
    rebels = acled(type_="armed_clash", actors=(("syrian_government", "party"), ("isis", "party")))
    assert (rebels["inter1"], rebels["inter2"], rebels["interaction"]) == (1, 2, 12)


def test_allies_share_a_side_and_unknown_perpetrators_are_unidentified():
    allies = acled(actors=(("russia", "perpetrator"), ("syrian_government", "perpetrator")))
    assert (allies["actor1"], allies["assoc_actor_1"], allies["actor2"]) == (
        "Military Forces of Russia (2000-)",
        "Military Forces of Syria (2000-)",
        "",
    )
    assert allies["interaction"] == 80  # a sole actor: its code and 0
    nobody = acled(type_="attack_on_civilians", actors=())
    assert (nobody["actor1"], nobody["actor2"], nobody["interaction"]) == (
        "Unidentified Armed Group (Syria)",
        "Civilians (Syria)",
        37,
    )
    assert nobody["civilian_targeting"] == "Civilian targeting"
    assert nobody["disorder_type"] == "Political violence"


def test_sides_split_by_camp():
    sides = split_sides([("israel", "perpetrator"), ("iran", "perpetrator"), ("civilians", "target")])
    assert (sides.one, sides.two, sides.directed) == (["israel"], ["iran", "civilians"], False)
    parties = split_sides([("civilians", "party"), ("isis", "party"), ("syrian_government", "party")])
    assert (parties.one, parties.two) == (["syrian_government"], ["civilians", "isis"])


def test_sources_scale_and_admin_spellings():
    row_ = acled(reported_by=("sohr", "reuters"), outlet="BBC", location=dict(DOUMA, admin3="Duma"))
    assert (row_["source"], row_["source_scale"]) == ("SOHR; Reuters; BBC", "Other-International")
    assert (row_["admin1"], row_["admin2"], row_["admin3"]) == ("Rural Damascus", "Duma", "Duma")
    quiet = acled(reported_by=(), outlet=None, location=None)
    assert (quiet["source"], quiet["source_scale"], quiet["admin1"], quiet["geo_precision"]) == (
        "",
        "",
        "",
        3,
    )
    assert quiet["notes"].startswith("On 2 March 2017, Syrian government forces carried out air strikes on ")


def test_humanitarian_types_and_undated_incidents_have_no_acled_row():
    assert acled_record_row(from_incident(inc(type_="displacement"))) is None
    assert acled_record_row(from_incident(inc(date=(None, None, "unknown"), published=None))) is None


# ---- fatalities -----------------------------------------------------------------------------------------


def fatalities(*casualties: dict[str, Any], type_: str = "airstrike", **kw: Any) -> int:
    return acled(type_=type_, casualties=casualties, **kw)["fatalities"]


def test_fatalities_lowest_figure_when_sources_differ_highest_when_one_source_updates():
    assert (
        fatalities(row("killed", "civilians", 26, by=("sohr",)), row("killed", "civilians", 20, by=("sana",)))
        == 20
    )
    assert fatalities(row("killed", "civilians", 20), row("killed", "civilians", 26)) == 26  # SOHR updates
    assert (
        fatalities(row("killed", "people", 9, by=("sohr", "afp")), row("killed", "people", 7, by=("afp",)))
        == 9
    )


def test_fatalities_never_add_breakdowns_or_overlapping_groups():
    assert fatalities(row("killed", "civilians", 10), row("killed", "children", 3, part_of=0)) == 10
    assert fatalities(row("killed", "civilians", 20), row("killed", "children", 5)) == 20
    assert fatalities(row("killed", "children", 4), row("killed", "women", 3)) == 7
    both = (
        row("killed", "people", 10),
        row("killed", "civilians", 6),
        row("killed", "fighters", 4, side="isis"),
    )
    assert fatalities(*both) == 10
    assert fatalities(row("killed", "people", 5), row("killed", "civilians", 6)) == 6
    assert (
        fatalities(row("killed", "fighters", 3, side="isis"), row("killed", "fighters", 2, side="sdf")) == 5
    )
    assert fatalities(row("injured", "people", 40)) == 0


def test_fatalities_vague_and_cumulative_and_non_violent():
    assert fatalities(row("killed", "people", None, q="vague", low=20)) == 10  # عشرات: ACLED codes "tens" 10
    assert fatalities(row("killed", "people", None, q="vague", low=200)) == 100
    assert fatalities(row("killed", "fighters", None, q="vague", low=1)) == 10  # a death toll with no number
    assert fatalities(row("killed", "people", 340000, q="more_than")) == 0
    month = ("2017-03-01", "2017-03-31", "month")
    assert fatalities(row("killed", "civilians", 300), date=month) == 0
    assert fatalities(row("killed", "civilians", 30), date=month) == 30
    assert fatalities(row("killed", "people", 5), type_="negotiation") == 0
    rec = from_incident(inc(casualties=(row("killed", "people", 340000, q="more_than"),)))
    assert [c.cumulative for c in acled_fatalities(rec).coded] == [True]


# ---- English notes --------------------------------------------------------------------------------------


def test_note_reads_like_the_issue_example():
    text = note(
        type_="armed_clash",
        actors=(("syrian_government", "target"), ("isis", "perpetrator")),
        casualties=(row("killed", "fighters", 26, q="at_least", side="syrian_government"),),
        date=(None, "2016-12-08", "unknown"),
        location={
            **DOUMA,
            "place_id": "sy:reg:badia_homs_east",
            "name_en": "Homs",
            "admin1": "Homs",
            "precision": "region",
        },
        reported_by=("sohr", "dpa"),
        outlet=None,
    )
    assert text == (
        "On or before 8 December 2016, Islamic State (IS) attacked Syrian government forces in the "
        "eastern Homs desert, killing at least 26 members of Syrian government forces (SOHR, via dpa)."
    )


def test_note_names_every_figure_with_its_qualifier_and_the_other_sources():
    text = note(
        casualties=(
            row("killed", "civilians", 12, q="more_than", by=("white_helmets",)),
            row("killed", "children", 4, part_of=0, by=("white_helmets",)),
            row("killed", "civilians", 15, by=("sohr",)),
            row("injured", "people", None, q="vague", low=20, by=("white_helmets",)),
        ),
        reported_by=("white_helmets", "sohr"),
    )
    assert text == (
        "On 2 March 2017, Syrian government forces carried out air strikes on Douma, Rif Dimashq, killing "
        "more than 12 civilians (including four children) and injuring tens of people "
        "(White Helmets and SOHR, via AFP). Other reported figures: 15 civilians killed (SOHR, via AFP)."
    )


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        (
            {
                "type_": "shelling",
                "actors": (),
                "date": ("2017-03-01", "2017-03-03", "range"),
                "reported_by": (),
            },
            "Between 1 and 3 March 2017, shelling hit Douma, Rif Dimashq (AFP). No death toll was reported.",
        ),
        (
            {
                "type_": "territory_change",
                "actors": (("hayat_tahrir_al_sham", "perpetrator"), ("fsa", "target")),
                "location": {**DOUMA, "relation": "north_of"},
                "date": ("2017-03-01", "2017-03-31", "month"),
            },
            "In March 2017, Hayat Tahrir al-Sham (HTS) took control of areas north of Douma, Rif Dimashq from "
            "the Free Syrian Army (FSA), according to SOHR, via AFP. No death toll was reported.",
        ),
        (
            {
                "type_": "abduction_arrest",
                "actors": (("isis", "perpetrator"),),
                "casualties": (row("abducted", "men", 3),),
                "location": None,
            },
            "On 2 March 2017, Islamic State (IS) abducted three men (SOHR, via AFP).",
        ),
        (
            {
                "type_": "negotiation",
                "actors": (("russia", "party"), ("turkey", "party")),
                "location": {
                    **DOUMA,
                    "precision": "country",
                    "name_en": "Syria",
                    "admin1": None,
                    "relation": "north_of",
                },
                "reported_by": ("tass",),
                "outlet": None,
            },
            "On 2 March 2017, a negotiation or agreement between Russian forces and Turkish forces was "
            "reported concerning northern Syria (TASS).",
        ),
        (
            {
                "type_": "evacuation",
                "actors": (),
                "casualties": (row("evacuated", "people", 1, q="about", by=("sarc",)),),
                "reported_by": ("sarc",),
            },
            "On 2 March 2017, an evacuation was reported from Douma, Rif Dimashq (SARC, via AFP). "
            "About one person was evacuated.",
        ),
    ],
)
def test_note_templates(kw, expected):
    assert note(**kw) == expected


def _all_notes() -> list[str]:
    out = []
    for type_ in TYPES:
        for actors in (
            (),
            (("isis", "perpetrator"), ("civilians", "target")),
            (("sdf", "party"),),
            (("opposition", "party"), ("russia", "party")),
        ):
            for location in (None, DOUMA, {**DOUMA, "relation": "countryside"}):
                for casualties in (
                    (),
                    (row("killed", "civilians", 1),),
                    (row("killed", "people", None, q="vague", low=2), row("displaced", "families", 40)),
                ):
                    out.append(
                        note(
                            type_=type_,
                            actors=actors,
                            location=location,
                            casualties=casualties,
                            weapons=("suicide_bomb",) if type_ == "bombing" else (),
                        )
                    )
    return out


def test_every_note_is_plain_english():
    notes = _all_notes()
    assert len(notes) == 13 * 4 * 3 * 3
    for text in notes:
        assert text.isascii() and text[0].isupper() and text.endswith("."), text
        assert not re.search(r"[{}]|  | ,|,,|\.\.|\(\)|\) \(", text), text
        assert "civilians clashed" not in text and "involving civilians" not in text, text


# ---- whole exports and round trips ----------------------------------------------------------------------


def _lines() -> list[dict[str, Any]]:
    """Three outlets on one air strike on Douma (SOHR 26 killed, SANA 20), a clash in Saraqib, a deal."""
    return [
        article(
            "r1",
            "BBC",
            "2017-03-02",
            fuse_incident(
                1,
                "airstrike",
                "2017-03-02",
                "douma",
                ("syrian_government",),
                (cas("killed", "civilians", 26, by=("sohr",)), cas("injured", "people", 40, by=("sohr",))),
                by=("sohr",),
            ),
            fuse_incident(
                2,
                "armed_clash",
                "2017-03-02",
                "saraqib",
                ("hayat_tahrir_al_sham",),
                (cas("killed", "fighters", 7, by=("sohr",)),),
                by=("sohr",),
            ),
        ),
        article(
            "r2",
            "france24",
            "2017-03-03",
            fuse_incident(
                1,
                "airstrike",
                "2017-03-02",
                "douma",
                ("syrian_government",),
                (cas("killed", "civilians", 20, by=("sana",)),),
                by=("sana",),
            ),
        ),
        article(
            "r3",
            "skynews",
            "2017-03-03",
            fuse_incident(1, "negotiation", "2017-03-03", "aleppo", ("russia",), (), by=("tass",)),
        ),
    ]


@pytest.fixture()
def fused_db(tmp_path) -> Store:
    store = Store(str(tmp_path / "f.db"))
    lines = _lines()
    for line in lines:
        line["article"]["text"] = f"text of {line['article']['id']}"
        line["article"]["title"] = f"title {line['article']['id']}"
        store.put(line)
    events = fuse(
        [m for line in store.iter_article_lines(with_text=False) for m in mentions_from_article(line)]
    )
    store.add_events(e.to_dict() for e in events)
    return store


def test_ucdp_rows_from_fused_events(fused_db):
    buf = io.StringIO()
    n = export(fused_db, "ucdp", buf)
    assert buf.getvalue().splitlines()[0].split(",") == GED_COLUMNS
    rows = {r["where_coordinates"]: r for r in csv.DictReader(io.StringIO(buf.getvalue()))}
    assert n == 2 and set(rows) == {"Douma town", "Saraqib town"}  # the deal is no organised violence
    douma = rows["Douma town"]
    assert {
        k: douma[k]
        for k in (
            "type_of_violence",
            "side_a",
            "side_b",
            "deaths_civilians",
            "deaths_unknown",
            "best",
            "low",
            "high",
            "date_prec",
            "where_prec",
            "number_of_sources",
            "country",
            "country_id",
            "gwnoa",
            "adm_1",
            "adm_2",
        )
    } == {
        "type_of_violence": "3",  # an air force against civilians alone
        "side_a": "Government of Syria",
        "side_b": "Civilians",
        "deaths_civilians": "20",  # fusion's best of SOHR's 26 and SANA's 20 (lower median)
        "deaths_unknown": "0",
        "best": "20",
        "low": "20",
        "high": "26",
        "date_prec": "1",
        "where_prec": "1",
        "number_of_sources": "2",
        "country": "Syria",
        "country_id": "652",
        "gwnoa": "652",
        "adm_1": "Rif Dimashq governorate",
        "adm_2": "Duma district",
    }
    assert douma["source_office"] == "BBC;France 24" and douma["source_original"] == "SOHR;SANA"
    assert douma["source_article"] == 'BBC 2017-03-02 "title r1"; France 24 2017-03-03 "title r2"'
    assert douma["priogrid_gid"] == str(priogrid(33.5711, 36.4036)) == "178273"
    assert douma["geom_wkt"] == "POINT (36.4036 33.5711)"
    saraqib = rows["Saraqib town"]
    assert (saraqib["type_of_violence"], saraqib["side_a"], saraqib["deaths_unknown"], saraqib["best"]) == (
        "2",
        "Hayat Tahrir al-Sham",
        "7",
        "7",
    )


def test_acled_from_fused_events_is_one_row_per_event(fused_db):
    per_incident, per_event = io.StringIO(), io.StringIO()
    assert export(fused_db, "acled", per_incident) == 4
    assert export(fused_db, "acled", per_event, fused=True) == 3
    strike = next(r for r in csv.DictReader(io.StringIO(per_event.getvalue())) if r["location"] == "Douma")
    assert strike["fatalities"] == "20"  # the lowest of the sources' figures
    assert strike["source"] == "SOHR; SANA; BBC; France 24"
    assert "Other reported figures: 26 civilians killed (SOHR" in strike["notes"]
    assert "Fatalities coded from the lowest reported figure." in strike["notes"]


def test_acled_export_round_trips_through_the_acled_preset(fused_db, tmp_path):
    out = tmp_path / "acled.csv"
    result = CliRunner().invoke(app, ["export", "--db", fused_db.url, "--format", "acled", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if REAL_ACLED.is_file():
        with REAL_ACLED.open(encoding="utf-8", newline="") as fh:
            assert list(rows[0]) == next(csv.reader(fh))[:31]
    imported = import_csv(out, preset="acled")
    assert imported.errors == [] and len(imported.records) == len(rows) == 4
    by_id = {r.ref_id: r for r in imported.records}
    for r in rows:
        rec = by_id[r["event_id_cnty"]]
        assert (rec.count, rec.lat, rec.source) == (int(r["fatalities"]), float(r["latitude"]), r["source"])
        assert rec.date == datetime.strptime(r["event_date"], "%d %B %Y").date().isoformat()
    assert {r.type for r in imported.records} == {"airstrike", "armed_clash", "negotiation"}
    cli = CliRunner().invoke(
        app, ["reference", "import", str(out), "--preset", "acled", "--into", str(tmp_path / "ref.jsonl")]
    )
    assert cli.exit_code == 0 and "4 records" in cli.output and "0 bad rows" in cli.output


def test_ucdp_export_round_trips_through_the_ucdp_preset(fused_db, tmp_path):
    out = tmp_path / "ged.csv"
    result = CliRunner().invoke(app, ["export", "--db", fused_db.url, "--format", "ucdp", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    imported = import_csv(out, preset="ucdp")
    assert imported.errors == []
    # every row comes back (a preset may add breakdown records "<id>#civilians"), its toll as "people"
    assert {rec.ref_id.split("#")[0] for rec in imported.records} == {r["id"] for r in rows}
    people = {rec.ref_id: rec for rec in imported.records if rec.group == "people"}
    assert len(people) == len(rows) == 2
    for r in rows:
        rec = people[r["id"]]
        assert (rec.date, rec.lat, rec.lon) == (r["date_start"], float(r["latitude"]), float(r["longitude"]))
        assert rec.count == int(r["best"])


def test_export_cli_notes_and_event_filters(fused_db, tmp_path):
    db = fused_db.url
    ar = CliRunner().invoke(app, ["export", "--db", db, "--format", "acled", "--notes", "ar"])
    assert ar.exit_code == 0
    # these hand-made incidents carry no evidence text: the English note stands in
    assert [r["notes"][:3] for r in csv.DictReader(io.StringIO(ar.stdout))] == ["On "] * 4
    assert CliRunner().invoke(app, ["export", "--db", db, "--notes", "fr"]).exit_code == 2
    assert (
        CliRunner().invoke(app, ["export", "--db", db, "--format", "ucdp", "--actor", "isis"]).exit_code == 2
    )
    empty = Store(str(tmp_path / "empty.db"))
    result = CliRunner().invoke(app, ["export", "--db", empty.url, "--format", "ucdp"])
    assert result.exit_code == 0 and "no fused events" in result.output
    assert result.stdout.splitlines() == [",".join(GED_COLUMNS)]


def test_arabic_notes_keep_the_evidence():
    got = acled_record_row(from_incident(inc()), notes="ar")
    assert got is not None and got["notes"] == "نص الدليل"


def test_event_records_credit_outlets_as_relays():
    ev = {
        "id": "ev_1",
        "type": "shelling",
        "date": {"start": "2017-03-02", "end": "2017-03-02", "precision": "day"},
        "location": {
            k: DOUMA[k] for k in ("place_id", "name_en", "admin1", "admin2", "precision", "lat", "lon")
        },
        "actors": [{"id": "syrian_government", "role": "perpetrator", "mentions": 2}],
        "members": [
            {
                "article": "x",
                "incident": "x#1",
                "outlet": "skynews",
                "published": "2017-03-02",
                "reported_by": [],
            }
        ],
        "figures": [
            {
                "measure": "killed",
                "group": "people",
                "side": None,
                "best": 3,
                "low": 3,
                "high": 3,
                "reports": [
                    {"sources": ["skynews"], "value": 3, "low": 3, "high": None, "qualifier": "exact"}
                ],
            }
        ],
    }
    rec = from_event(ev, {"x": {"title": "t", "ingested_at": "2017-03-02T12:00:00+00:00"}})
    assert english_note(rec) == (
        "On 2 March 2017, Syrian government forces shelled Douma, Rif Dimashq, killing three people "
        "(Sky News Arabia)."
    )
    ged = ucdp_row(rec)
    assert ged is not None and (ged["type_of_violence"], ged["best"], ged["deaths_unknown"]) == (1, 3, 3)


def test_api_incidents_carry_the_english_note(fused_db):
    from fastapi.testclient import TestClient

    from marsad.api.app import create_app

    client = TestClient(create_app(store=fused_db))
    items = client.get("/api/incidents", params={"type": "armed_clash"}).json()["items"]
    assert items[0]["note_en"] == (
        "On 2 March 2017, Hayat Tahrir al-Sham (HTS) carried out an attack in Saraqib, Idlib, killing seven "
        "fighters (SOHR, via BBC)."
    )
    page = client.get("/api/articles/r2").json()
    assert page["incidents"][0]["note_en"].startswith("On 2 March 2017, Syrian government forces carried out")
    assert json.dumps(page, ensure_ascii=False).count("note_en") == 1


def test_note_names_a_restated_breakdown_once_and_drops_impossible_parts():
    text = note(
        casualties=(
            row("killed", "people", 54, q="at_least"),
            row("killed", "civilians", 28, part_of=0),
            row("killed", "civilians", 28),
            row("killed", "fighters", 5, q="at_least", side="isis"),
            row("killed", "children", 19, part_of=3),
        ),
        type_="shelling",
        actors=(),
    )
    assert text == (
        "On 2 March 2017, shelling hit Douma, Rif Dimashq, killing at least 54 people (including 28 "
        "civilians) and at least five members of Islamic State (IS), according to SOHR, via AFP."
    )


def test_note_merges_identical_killed_and_injured_and_says_who_is_on_which_side():
    text = note(
        type_="armed_clash",
        actors=(("isis", "party"), ("sdf", "party")),
        casualties=(
            row("killed", "people", None, q="vague", low=20),
            row("injured", "people", None, q="vague", low=20),
        ),
    )
    assert text == (
        "On 2 March 2017, Islamic State (IS) clashed with the Syrian Democratic Forces (SDF) in Douma, "
        "Rif Dimashq, killing and injuring tens of people (SOHR, via AFP)."
    )
    deal = note(
        type_="negotiation", actors=(("russia", "party"), ("united_states", "party"), ("fsa", "party"))
    )
    assert deal == (
        "On 2 March 2017, a negotiation or agreement between Russian forces on one side and US forces and "
        "the Free Syrian Army (FSA) on the other was reported concerning Douma, Rif Dimashq (SOHR, via AFP)."
    )
