"""Readers: every format, deterministic folder order, encodings, and one-line errors that never stop a run."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from marsad.io.decode import decode_bytes
from marsad.io.readers import iter_articles
from marsad.models import RawArticle, ReadError

FIX = Path(__file__).parent / "fixtures"
CORPUS = FIX / "corpus"
BAD = FIX / "bad"
CP1256_TEXT = "بيروت: أفاد المرصد السوري لحقوق الإنسان بمقتل عشرة عناصر من قوات النظام"


def _articles(items: list) -> list[RawArticle]:
    return [i for i in items if isinstance(i, RawArticle)]


def _errors(items: list) -> list[ReadError]:
    return [i for i in items if isinstance(i, ReadError)]


def test_folder_is_read_recursively_in_sorted_order():
    items = list(iter_articles([str(CORPUS)]))
    assert _errors(items) == []  # notes.md (unknown extension) and .hidden.txt are skipped silently
    assert [a.id for a in items] == [
        "01_plain",
        "02_cp1256",
        "csv-1",
        "05_table-2",
        "03_page",
        "feed-a",
        "04_feed-2",
    ]
    assert [a.path for a in items][:3] == [
        str(CORPUS / "01_plain.txt"),
        str(CORPUS / "02_cp1256.txt"),
        str(CORPUS / "05_table.csv") + ":2",
    ]


def test_plain_text_keeps_text_verbatim():
    (a,) = list(iter_articles([str(CORPUS / "01_plain.txt")]))
    assert a.id == "01_plain"
    assert a.text == (CORPUS / "01_plain.txt").read_text(encoding="utf-8")
    assert a.title is None and a.published is None


def test_cp1256_file_is_decoded_to_arabic():
    raw = (CORPUS / "02_cp1256.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    (a,) = list(iter_articles([str(CORPUS / "02_cp1256.txt")]))
    assert a.text.startswith(CP1256_TEXT)
    assert "\r" not in a.text
    assert a.text.endswith("منذ فجر الثلاثاء.\n")


def test_iso_8859_6_and_utf16_are_decoded():
    text = "قتل ثلاثة مدنيين في قصف على مدينة دوما\nوأصيب عشرة آخرون"
    assert decode_bytes(text.encode("iso8859_6"), "x") == text
    assert decode_bytes(text.encode("utf-16"), "x") == text
    assert decode_bytes(("\ufeff" + text).encode("utf-8"), "x") == text
    assert decode_bytes(text.replace("\n", "\r\n").encode("utf-8"), "x") == text


def test_decode_rejects_binary():
    with pytest.raises(ValueError, match="binary file"):
        decode_bytes(b"abc\x00\x01\x02" * 10, "x")


def test_html_main_text_title_date_outlet():
    (a,) = list(iter_articles([str(CORPUS / "nested" / "03_page.html")]))
    assert a.id == "03_page"
    assert a.title == "غارات روسية تقتل 12 مدنياً في حلب"
    assert a.published == "2016-11-20"
    assert a.outlet == "موقع الأخبار"
    assert "قتلوا في غارات جوية يعتقد أنها روسية" in a.text
    assert "حي الشعار وحي الصاخور" in a.text
    for boiler in ("الرئيسية", "رياضة", "سياسة الخصوصية", "اشترك الآن"):
        assert boiler not in a.text


def test_jsonl_fields_and_aliases():
    items = list(iter_articles([str(CORPUS / "nested" / "deeper" / "04_feed.jsonl")]))
    a, b = items
    assert (a.id, a.title, a.published, a.outlet, a.url) == (
        "feed-a",
        "قصف على دوما",
        "2018-02-20",
        "enabbaladi",
        "https://example.org/a",
    )
    assert a.text.startswith("قتل ثلاثة مدنيين")
    # no id -> "<stem>-<line>"; "published_at" in Arabic words normalised to ISO
    assert (b.id, b.title, b.published) == ("04_feed-2", "نزوح من عفرين", "2016-12-08")


def test_csv_fields_multiline_and_missing_id():
    a, b = list(iter_articles([str(CORPUS / "05_table.csv")]))
    assert (a.id, a.title, a.published, a.outlet) == ("csv-1", "اشتباكات في درعا", "2016-12-08", "aawsat")
    assert (
        a.text
        == "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في درعا البلد،\nوأسفرت عن مقتل أربعة مقاتلين."
    )
    assert (b.id, b.title, b.outlet, b.published) == ("05_table-2", None, None, "2016-12-08")


def test_tsv_and_gzip(tmp_path):
    tsv = tmp_path / "rows.tsv"
    tsv.write_text("id\tcontent\tdate\nt1\tقتل مدني في قصف على حي جوبر\t2017-03-01\n", encoding="utf-8")
    gz = tmp_path / "feed.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(
            json.dumps({"id": "g1", "text": "أصيب خمسة مدنيين في قصف على حرستا"}, ensure_ascii=False) + "\n"
        )
    items = list(iter_articles([str(tsv), str(gz)]))
    assert [(a.id, a.published) for a in items] == [("t1", "2017-03-01"), ("g1", None)]


def test_published_argument_overrides_metadata():
    items = list(iter_articles([str(CORPUS)], published="2020-01-02"))
    assert {a.published for a in items} == {"2020-01-02"}


def test_bad_inputs_give_one_line_errors_and_the_rest_is_read():
    items = list(iter_articles([str(BAD), str(FIX / "missing.txt"), str(CORPUS / "01_plain.txt")]))
    errors = {str(e): e.skipped for e in _errors(items)}
    assert errors == {
        f"{BAD / 'binary.txt'}: binary file (NUL bytes)": False,
        f"{BAD / 'broken.csv'}:3: record without text (expected a text/body/content field)": False,
        f"{BAD / 'broken.jsonl'}:2: invalid JSON: Invalid control character (column 33)": False,
        f"{BAD / 'broken.jsonl'}:3: record without text (expected a text/body/content field)": False,
        f"{BAD / 'broken.jsonl'}:5: not Arabic (0% Arabic letters): skipped": True,
        f"{BAD / 'empty.txt'}: empty file": False,
        f"{BAD / 'english.txt'}: not Arabic (0% Arabic letters): skipped": True,
        f"{FIX / 'missing.txt'}: no such file or directory": False,
    }
    assert all("\n" not in e for e in errors)
    assert [a.id for a in _articles(items)] == ["r1", "r3", "ok-1", "ok-2", "01_plain"]


def test_file_larger_than_max_bytes(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("قتل مدني في قصف. " * 100, encoding="utf-8")
    items = list(iter_articles([str(big), str(CORPUS / "01_plain.txt")], max_bytes=1000))
    assert str(items[0]) == f"{big}: file too large ({big.stat().st_size} bytes > max 1000)"
    assert isinstance(items[1], RawArticle)


def test_mostly_english_with_some_arabic_is_skipped(tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_text(
        "The Syrian Observatory (المرصد السوري) reported heavy shelling on the eastern districts.", "utf-8"
    )
    (e,) = list(iter_articles([str(f)]))
    assert (
        e.skipped and e.reason.startswith("not Arabic (") and e.reason.endswith("% Arabic letters): skipped")
    )


def test_explicit_unknown_extension_read_as_text(tmp_path):
    f = tmp_path / "article.dat"
    f.write_text("قتل ثلاثة مدنيين في قصف على دوما", encoding="utf-8")
    (a,) = list(iter_articles([str(f)]))
    assert (a.id, a.text) == ("article", "قتل ثلاثة مدنيين في قصف على دوما")
    assert list(iter_articles([str(tmp_path)])) == []  # in a folder it is skipped


def test_undecodable_csv_row(tmp_path):
    f = tmp_path / "mixed.csv"
    good = "id,text\n" + "".join(f"r{i},قتل مدني في قصف على البلدة رقم {i}\n" for i in range(3000))
    f.write_bytes(good.encode("utf-8") + b"r9,\xff\xfe\xfa broken\n")
    items = list(iter_articles([str(f)]))
    assert len(_articles(items)) >= 2000
    (err,) = _errors(items)
    assert "CSV decode error (utf-8)" in err.reason and err.reason.endswith("rest of file skipped")


def test_stdin_plain_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("قتل مدني في قصف على حلب".encode())))
    (a,) = list(iter_articles(["-"]))
    assert (a.id, a.text, a.path) == ("stdin", "قتل مدني في قصف على حلب", "-")
    lines = "\n".join(
        [
            json.dumps({"id": "s1", "text": "قصف على دوما"}, ensure_ascii=False),
            "{oops",
            json.dumps({"text": "غارة على سراقب"}, ensure_ascii=False),
        ]
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))  # no .buffer: text stream
    items = list(iter_articles(["-"]))
    assert [getattr(i, "id", str(i)) for i in items] == [
        "s1",
        "-:2: invalid JSON: Expecting property name enclosed in double quotes (column 2)",
        "stdin-3",
    ]


def test_html_in_declared_cp1256():
    raw = (FIX / "pages" / "cp1256_page.html").read_bytes()
    assert b'charset="windows-1256"' in raw
    (a,) = list(iter_articles([str(FIX / "pages" / "cp1256_page.html")]))
    assert a.title == "غارات روسية تقتل 12 مدنياً في حلب"
    assert "قتلوا في غارات جوية يعتقد أنها روسية" in a.text


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2016-12-08T11:40:00Z", "2016-12-08"),
        ("Thu, 08 Dec 2016 11:40:00 GMT", "2016-12-08"),
        ("08 ديسمبر 2016", "2016-12-08"),
        (1481190000, "2016-12-08"),
        ("1481190000000", "2016-12-08"),
    ],
)
def test_metadata_date_formats(tmp_path, value, iso):
    f = tmp_path / "one.jsonl"
    f.write_text(json.dumps({"text": "قتل مدني في قصف", "date": value}, ensure_ascii=False) + "\n", "utf-8")
    (a,) = list(iter_articles([str(f)]))
    assert (a.published, a.warnings) == (iso, [])


def test_unparsed_metadata_date_is_a_warning(tmp_path):
    f = tmp_path / "one.jsonl"
    f.write_text(json.dumps({"text": "قتل مدني في قصف", "date": "قريبا"}, ensure_ascii=False) + "\n", "utf-8")
    (a,) = list(iter_articles([str(f)]))
    assert (a.published, a.warnings) == (None, ["unparsed publication date: 'قريبا'"])


def test_folder_order_files_before_subfolders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("قتل مدني في قصف على حلب", "utf-8")
    (tmp_path / "b.txt").write_text("قتل مدني في قصف على حمص", "utf-8")
    (tmp_path / "a" / "w.jsonl").write_text(
        json.dumps({"text": "غارة على إدلب"}, ensure_ascii=False) + "\n", "utf-8"
    )
    assert [a.id for a in iter_articles([str(tmp_path)])] == ["b", "w-1", "x"]


def test_jsonl_text_as_list_of_paragraphs(tmp_path):
    f = tmp_path / "p.jsonl"
    record = {"id": 7, "content": ["قتل مدني في قصف على حلب.", "  ", "وأصيب ثلاثة آخرون."]}
    f.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    (a,) = list(iter_articles([str(f)]))
    assert (a.id, a.text) == ("7", "قتل مدني في قصف على حلب.\n\nوأصيب ثلاثة آخرون.")
