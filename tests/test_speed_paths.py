"""The fast paths of the shared text machinery give what the plain paths give.

Speed work (issue 12) reads each article once and skips text that cannot hold what a rule looks for;
these tests pin each shortcut to the slow reading it replaces, on sentences written for the purpose.
"""

from __future__ import annotations

import random
import re

import pytest

from marsad.extract.dates import _DIGIT_RUN, _digit_runs, parse_date, parse_date_ref
from marsad.extract.lexicons import Lexicons
from marsad.extract.locations import LocationRules
from marsad.extract.matcher import (
    _NOT_LETTER,
    _SEP,
    PRONOUN_SUFFIXES,
    Match,
    MatcherGroup,
    PhraseMatcher,
    mark_letters,
    mark_words,
)
from marsad.extract.modality import Modality
from marsad.io.clean import _blanked
from marsad.resources import load_yaml
from marsad.text.normalize import _TABLE, normalize, normalize_str
from marsad.text.numbers import NumberParser, Quantity
from marsad.text.patterns import compile_scanning, first_chars

ENTRIES = [
    ("قتل", "killed"),
    ("مقتل", "killed"),
    ("الجيش الحر", "fsa"),
    ("الجيش", "army"),
    ("النظام", "regime"),
    ("قوات", "forces"),
    ("ريف-حلب", "place"),
]
TEXTS = [
    "وللنظام قوات، وقتلوهما الجيش الحر في مقتله",
    "الجيش  الحر والجيش\nالحر ولقواتهم بالجيش",
    "قتلىقتل ×قتل÷ ªقتل قتلۥ وبالنظام فللنظام كالنظام",
    "ريف-حلب وريف حلب «الجيش» (قتل)",
]


def _found(m: PhraseMatcher, text: str, start: int, end: int) -> list[tuple]:
    return [(x.start, x.end, x.core_start, x.key, x.payload, x.prefix) for x in m.find(text, start, end)]


@pytest.mark.parametrize("suffixes", [frozenset(), PRONOUN_SUFFIXES])
def test_group_reads_what_a_matcher_reads_alone(suffixes: frozenset[str]) -> None:
    alone = PhraseMatcher(ENTRIES, suffixes=suffixes)
    group = MatcherGroup()
    grouped = PhraseMatcher(ENTRIES, suffixes=suffixes, group=group)
    PhraseMatcher([("قتلى", "killed")], group=group)  # another member of the same group
    for text in TEXTS:
        for start in range(0, len(text), 3):
            for end in range(start, len(text) + 1, 4):
                assert _found(grouped, text, start, end) == _found(alone, text, start, end)
    # what both read, spelled out: a clitic and the article's dropped alef, a suffix, no newline
    hits = _found(grouped, TEXTS[0], 0, len(TEXTS[0]))
    assert (0, 7, 2, "النظام", "regime", "ول") in hits  # "ولل" + "نظام": و and ل, then النظام
    assert ("الجيش الحر", "fsa") in [(h[3], h[4]) for h in hits]
    assert not [h for h in _found(grouped, TEXTS[1], 0, len(TEXTS[1])) if h[4] == "fsa" and h[0] > 12]


def test_matcher_answers_ranges_from_its_article_reading() -> None:
    m = PhraseMatcher(ENTRIES)
    text = TEXTS[0]
    whole = _found(m, text, 0, len(text))
    assert _found(m, "قتل", 0, 3) == [(0, 3, 0, "قتل", "killed", "")]  # another text, then back
    assert _found(m, text, 0, len(text)) == whole
    assert m.occurs(text, 0, len(text)) and m.occurs(text, 8, 13) and not m.occurs(text, 13, 22)


def test_word_marks_follow_isalpha() -> None:
    text = "قتل ×÷ ªµ ٰ ۽ abc ـ 12"
    assert mark_words(text) == "".join(c if c.isalpha() or c == "ـ" else "\x01" for c in text)


def test_texts_marked_by_the_class_are_those_holding_only_characters_it_gets_right() -> None:
    from marsad.extract.matcher import _CHECKED, _UNCHECKED, is_letter

    checked = set(_CHECKED)
    for code in range(0x110000):
        c = chr(code)
        unchecked = c not in checked or is_letter(c) == bool(_NOT_LETTER.match(c))
        assert bool(_UNCHECKED.match(c)) == unchecked, hex(code)


def test_marking_spaces_first_marks_what_the_class_marks() -> None:
    chars = "".join(chr(c) for c in (*range(0x250), *range(0x600, 0x780), *range(0x2000, 0x2070)))
    text = chars + " قتل  \x01ب\x01 وفي\tحلب\n" + chars[::-1]
    assert mark_letters(text) == _NOT_LETTER.sub(_SEP, text)
    assert mark_letters("في حلب، 12") == "في\x01حلب\x01\x01\x01\x01"


def test_normalising_a_long_text_by_replacement_equals_translate() -> None:
    rng = random.Random(4)
    chars = [chr(c) for c in _TABLE] + list("قتل مدنيين\n12")
    for _ in range(300):
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(60, 400)))
        assert normalize_str(text) == text.translate(_TABLE)
        norm = normalize(text)
        kept = [i for i, c in enumerate(text) if _TABLE.get(ord(c), c) is not None] + [len(text)]
        assert norm.index is None or list(norm.index) == kept


@pytest.mark.parametrize("value", ["2018-05-07", " 2018-02-28 ", "2018-02-30", "2018-13-01", "0000-01-01"])
def test_iso_publication_dates_read_as_the_patterns_read_them(value: str) -> None:
    ref = parse_date_ref(value)
    assert parse_date(value) == (ref.start if ref is not None and ref.precision == "day" else None)
    if value.strip() == "2018-05-07":
        assert parse_date(value) == "2018-05-07"


def test_blanking_keeps_newlines_and_length() -> None:
    assert _blanked("ab\ncd ef", [(0, 4), (3, 5)]) == "  \n   ef"
    assert _blanked("abc", []) == "abc"


def test_numbers_skip_sentences_without_any_and_still_find_the_rest() -> None:
    parser = NumberParser()
    assert parser.find("قصفت الطائرات البلدة صباح اليوم") == []
    found = parser.find(normalize_str("قتل ما لا يقل عن خمسة وعشرين مدنيا وجرح عدد من الأطفال"))
    assert [(q.value, q.low, q.qualifier, q.kind) for q in found] == [
        (25, 25, "at_least", "number"),
        (None, 2, "vague", "vague"),
    ]


def test_numbers_far_into_a_sentence_keep_their_qualifiers_and_ranges() -> None:
    parser = NumberParser()
    filler = " ".join(["وقالت المصادر إن الطائرات قصفت البلدة"] * 4)
    text = normalize_str(f"{filler} ما لا يقل عن 5 مدنيين {filler} بين 10 و15 {filler} 40 بالمئة")
    found = parser.find(text)
    assert [(q.value, q.low, q.high, q.qualifier, q.kind) for q in found] == [
        (5, 5, None, "at_least", "number"),
        (10, 10, 15, "at_least", "range"),
        (40, 40, None, "exact", "percent"),
    ]
    assert text[found[0].start : found[0].end] == "ما لا يقل عن 5"


def test_scanning_patterns_find_what_the_plain_ones_find() -> None:
    pattern = r"(?<!\w)(?:ال)?(?:حرب|نزاع)\s+(?:\S+\s+){0,2}?منذ|عام\s+1[0-9]{3}|[،؛]"
    assert first_chars(pattern) == "،؛احعن"
    text = "قالوا إن الحرب الدائرة منذ سنوات، وفي عام 1187 حطين؛ والنزاع منذ"
    plain = [m.span() for m in re.finditer(pattern, text)]
    assert [m.span() for m in compile_scanning(pattern).finditer(text)] == plain
    assert len(plain) == 4  # "والنزاع" is no word start
    assert first_chars(r"\S+منذ") is None and first_chars(r"(?:منذ)?") is None


def test_sentence_ends_and_spread_casualties_scan_as_their_plain_patterns() -> None:
    from marsad.text import segment

    lex = Lexicons()
    spread = lex.distributive
    assert first_chars(spread.pattern) == "ب" and first_chars(segment._SENTENCE_END.pattern) is not None
    texts = [
        "سقط العشرات بين قتيل وجريح. وكان 1.5 مليون قد نزحوا!! ثم؟\n\nبين قتيل و جريح، بينهم أطفال",
        "ا.ف.ب: قتل 3 بين جريح وقتيل\nوبين قتيل وجريح.ثم",
    ]
    assert spread.pattern.startswith("(?=[")  # the look-ahead, then the pattern as written
    plain = re.compile(spread.pattern[spread.pattern.index("])(?:") + 5 : -1])
    for text in texts:
        text = normalize_str(text)
        assert [m.span() for m in spread.finditer(text)] == [m.span() for m in plain.finditer(text)]
    plain_end = re.compile(r"\n\s*\n|\n|[!?؟]+|\.(?!\d)")
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(
            rng.choice(["\n", " ", "\t", "!", "?", "؟", ".", "5", "ا", "\u2003"]) for _ in range(14)
        )
        assert [m.span() for m in segment._SENTENCE_END.finditer(text)] == [
            m.span() for m in plain_end.finditer(text)
        ], repr(text)
    text = normalize_str(texts[0])
    assert len(list(spread.finditer(text))) == 2
    assert len(segment.sentence_spans(text)) == 4


def test_a_pattern_tried_where_its_first_strings_are_finds_what_finditer_finds() -> None:
    from marsad.text.patterns import PrefixScanner, first_strings

    assert first_strings(r"(?<!\w)(?:ال)?(?:حرب|نزاع)\s+منذ|عام\s+1[0-9]{3}", 4) == {
        "الحر",
        "النز",
        "حرب",
        "نزاع",
        "عام",
    }
    assert first_strings(r"منذ\s+(?:ال)?تدخل|(?:خلال|في)+ال", 4) == {"منذ", "خلال", "في"}
    assert first_strings(r"\S+منذ") is None and first_strings(r"(?:منذ)?") is None
    assert first_strings(r"(?i)abc") is None and first_strings(r"[^ا]منذ") is None
    patterns = [
        r"(?<!\w)(?:ال)?(?:حرب|نزاع)\S*\s+(?:\S+\s+){0,2}?منذ|عام\s+1[0-9]{3}(?!\d)|[،؛]",
        r"(?<!\w)(?:في\s+حين|بينما|و?بعد)(?!\w)",
        r"(?:قبل|منذ)\s+(?:اكثر\s+من\s+)?(?:\S+\s+)?(?:سنوات|اعوام)|منذ\s+(?:ال)?تدخل",
        r"ا+ب|اا",
        r"(?<![^\s])بين\s+(?:قتيل|جريح)\s+و\s?(?:قتيل|جريح)(?![^\s،.,])",  # one first string: str.find
    ]
    words = ["الحرب", "حرب", "والنزاع", "منذ", "عام", "1187", "في", "حين", "بينما", "وبعد", "بعد", "قبل"]
    words += ["اكثر", "من", "سنوات", "التدخل", "تدخل", "ااب", "ا", "،", "؛", "x", "بين", "بينبين", "قتيل"]
    words += ["جريح", "و", "وجريح"]
    rng = random.Random(3)
    hits = 0
    for pattern in patterns:
        starts = first_strings(pattern, 4)
        assert starts is not None
        scanner = PrefixScanner(pattern, starts)
        plain = re.compile(pattern)
        for _ in range(300):
            text = "".join(rng.choice([" ", "  ", "\n", ""]) + rng.choice(words) for _ in range(12))
            a = rng.randrange(len(text) + 1)
            b = rng.randrange(a, len(text) + 1)
            expected = [m.span() for m in plain.finditer(text)]
            assert scanner.spans(text) == expected, (pattern, text)
            assert scanner.spans(text, a, b) == [m.span() for m in plain.finditer(text, a, b)], (text, a, b)
            hits += len(expected)
    assert hits > 500


def test_background_cues_and_event_breaks_are_found_as_their_patterns_find_them() -> None:
    from marsad.extract.background import BackgroundFinder
    from marsad.text import segment

    finder = BackgroundFinder()
    cues = re.compile("|".join(f"(?:{c})" for c in load_yaml("background.yaml")["cues"]))
    breaks = re.compile(segment._break_source())
    text = normalize_str(
        "أودى النزاع بحياة أكثر من 350 ألف شخص منذ اندلاعه، وذلك ردا على القصف الذي استمر منذ سبع سنوات. "
        "وفي عام 1187 كانت معركة حطين، بينما الحرب الدائرة منذ 2011 خلفت دمارا خلال السنوات الماضية"
    )
    assert finder.spans(text) == [m.span() for m in cues.finditer(text)] and len(finder.spans(text)) >= 4
    assert segment.event_breaks(text) == [m.span() for m in breaks.finditer(text)]
    assert segment.event_breaks(text)
    lex = Lexicons()
    text = normalize_str("قال إنه قد يشن هجوما، سيشن التحالف قريبا معركة، يمكن أن تتوسع. قد قتل")
    assert lex.may_spans(text, 3, len(text) - 2) == [
        m.span() for m in lex.may.finditer(text, 3, len(text) - 2)
    ]
    assert len(lex.may_spans(text)) == 3


def test_whole_word_matcher_reads_the_same_with_shared_marks() -> None:
    entries = [("حلب", "aleppo"), ("دير الزور", "deir"), ("الرقة", "raqqa")]
    own = PhraseMatcher(entries, word_prefixes=frozenset({"", "و", "ب", "ل"}))
    shared = PhraseMatcher(entries, word_prefixes=frozenset({"", "و", "ب", "ل"}))
    shared.share_marks(MatcherGroup())
    for text in ("قصف على حلب ودير الزور وللرقة", "×حلب÷ ªحلب وبحلب ۽دير الزور", "حلبي حلب"):
        text = normalize_str(text)
        assert _found(shared, text, 0, len(text)) == _found(own, text, 0, len(text))
    assert [h[4] for h in _found(shared, "قصف على حلب ودير الزور", 0, 22)] == ["aleppo", "deir"]


def test_group_reads_the_whole_word_matcher_in_its_own_pass() -> None:
    """The gazetteer's keys in the lexicon group's automaton: one pass finds what two found, for
    both, also when a group entry is itself a whole-word key ("(حلب)") and when the two marked
    texts differ (a character the letter class gets wrong)."""
    places = [("حلب", "aleppo"), ("دير الزور", "deir"), ("الرقة", "raqqa"), ("ادلب", "idlib")]
    prefixes = frozenset({"", "و", "ب", "ل", "ول"})  # "وللرقة": و + ل + الرقة
    lexicon = [*ENTRIES, ("(حلب)", "bracketed"), ("قصف", "shelling")]
    own_words = PhraseMatcher(places, word_prefixes=prefixes)
    own_group = MatcherGroup()
    own_members = [PhraseMatcher(lexicon, group=own_group), PhraseMatcher(ENTRIES[:3], group=own_group)]
    group = MatcherGroup()
    members = [PhraseMatcher(lexicon, group=group), PhraseMatcher(ENTRIES[:3], group=group)]
    words = PhraseMatcher(places, word_prefixes=prefixes)
    words.share_marks(group)
    texts = [
        "قصف على (حلب) ودير الزور وللرقة وقتل الجيش الحر في ادلب",
        "×حلب÷ ªحلب وبحلب ۽دير الزور (حلب) قصف",  # marked texts differ
        "حلبي حلب وللنظام قوات",
        *TEXTS,
    ]
    for text in [normalize_str(t) for t in texts] * 2:
        for start, end in ((0, len(text)), (3, len(text) - 2)):
            # the places first, as an article is read, then the group's members
            assert _found(words, text, start, end) == _found(own_words, text, start, end)
            for m, alone in zip(members, own_members, strict=True):
                assert _found(m, text, start, end) == _found(alone, text, start, end)
    first = normalize_str(texts[0])
    assert [h[4] for h in _found(words, first, 0, len(first))] == ["aleppo", "deir", "raqqa", "idlib"]
    assert "bracketed" in [h[4] for h in _found(members[0], first, 0, len(first))]
    differ = normalize_str(texts[1])
    assert group.marks(differ)[0] != group.marks(differ)[1]
    # whole words by the class: "ªحلب" and "(حلب)", not "×حلب÷" (× and ÷ inside its Latin range)
    assert [h[:2] for h in _found(words, differ, 0, len(differ))] == [(7, 10), (29, 32)]


def test_date_windows_take_years_as_runs_of_four_digits() -> None:
    look_behind = re.compile(r"(?<!\d)\d{4}(?!\d)")  # what the windows read before
    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice("0123456789٣ عامx") for _ in range(rng.randrange(0, 40)))
        runs = [m.span() for m in _DIGIT_RUN.finditer(text) if m.end() - m.start() == 4]
        assert runs == [m.span() for m in look_behind.finditer(text)]
    text = "عام 2018 و12345 و1990،و123"
    assert [text[s:e] for s, e in (m.span() for m in _DIGIT_RUN.finditer(text)) if e - s == 4] == [
        "2018",
        "1990",
    ]


def test_modality_reads_the_words_before_a_trigger_once_for_all_its_tests() -> None:
    lex = Lexicons()
    modality = Modality(lex, lex.event_negations)
    heads = ["", "لم تسجل أي", "خوفا من", "هدد التنظيم ب", "نفى الجيش", "قد", "قد تم", "المناطق التي"]
    tails = ["", " المرتقب", " عليها", " على البلدة"]
    seen = {True: 0, False: 0}
    for head in heads:
        for trigger in ("غارات", "هجوم", "قصف", "للهجوم", "لاستعادة", "سيطروا"):
            for tail in tails:
                t = normalize_str(f"وقالت المصادر {head} {trigger}{tail} في ريف إدلب")
                for m in lex.type_triggers.find(t, 0, len(t)):
                    said = modality.reports(t, m, 0)
                    assert said == (
                        not modality.negated(t, m, 0)
                        and not modality.hypothetical(t, m, 0)
                        and not modality.purpose(t, m, 0)
                        and not modality.descriptive(t, m, 0)
                    )
                    seen[said] += 1
    assert seen[True] > 10 and seen[False] > 10
    t = normalize_str("لم تسجل أي غارات على البلدة")
    assert not modality.reports(t, lex.type_triggers.find(t, 0, len(t))[0], 0)
    t = normalize_str("شنت الطائرات غارات على البلدة")
    assert modality.reports(t, lex.type_triggers.find(t, 0, len(t))[0], 0)


def test_a_trigger_tells_an_event_as_its_three_tests_say() -> None:
    lex = Lexicons()
    modality = Modality(lex, lex.event_negations)
    heads = ["", "لم تسجل أي", "خوفا من", "قد", "تمتلك روسيا عشرات", "نشر", "لحماية المدنيين من"]
    heads += ["لحماية البلدة، على الأقل، من", "وحدات حماية الشعب من", "ضمن", "المنطقة الآمنة من"]
    tails = ["", " المرتقب", " على البلدة"]
    seen = {True: 0, False: 0}
    for lead in ("", "وقالت المصادر في بيان نشرته مساء اليوم على موقعها الرسمي إن "):
        for head in heads:
            for trigger in ("غارات", "الطائرات الحربية", "القصف", "صواريخ", "للهجوم"):
                for tail in tails:
                    t = normalize_str(f"{lead}{head} {trigger}{tail} في ريف إدلب")
                    for floor in {0, len(lead)}:
                        for m in lex.type_triggers.find(t, floor, len(t)):
                            told = modality.tells(t, m, floor)
                            assert told == (
                                modality.reports(t, m, floor)
                                and not modality.armament(t, m, floor)
                                and not modality.shielded(t, m)
                            ), (t, m)
                            seen[told] += 1
    assert seen[True] > 20 and seen[False] > 20
    t = normalize_str("طالبوا بحماية المدنيين من الغارات")
    assert not modality.tells(t, lex.type_triggers.find(t, 0, len(t))[0], 0)


def test_matches_and_quantities_are_values() -> None:
    a, b = Match(0, 3, 0, "قتل", "killed", ""), Match(0, 3, 0, "قتل", "killed", "")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Match(0, 4, 1, "قتل", "killed", "و")
    q = NumberParser().find("قتل 5 مدنيين")[0]
    assert q == Quantity(q.start, q.end, q.number_start, 5, 5, None, "exact", "number") and len({q, q}) == 1


def test_a_one_word_cue_is_read_as_the_full_window_reads_it() -> None:
    fast = LocationRules()
    slow = LocationRules()
    slow.multi_last = set(slow.last_words)  # every cue word takes the reading of all the window
    words = ["في", "وفي", "مدينه", "بلده", "قرب", "بالقرب من", "من", "حي", "منطقه حي", "شمال", "غرب"]
    words += ["قصف", "طيران", "الطويله", "حلب", "ابوالعلاءالمعريالشاعر", "ابوالعلاءالمعريالشاعرفي", "x"]
    gaps = [" ", " ", " ", "  ", "\n", "\t", " \t", "\u2003", "، "]
    rng = random.Random(11)
    for _ in range(400):
        text = "".join(rng.choice(gaps) * (k > 0 or rng.random() < 0.3) + rng.choice(words) for k in range(8))
        text += " X"
        for start in range(len(text) + 1):
            assert fast.cue_before(text, start) == slow.cue_before(text, start), (text, start)
    assert fast.cue_before("قصف وفي مدينه X", 14) == (8, "مدينه")
    assert fast.cue_before("قصف وفي X", 8) == (5, "في")
    assert fast.cue_before("قصفت   في X", 10) == (7, "في")


def test_a_normalised_slice_is_the_slice_normalised() -> None:
    marks = ["\u064e", "\u0651", "\u0640", "\u200f", "\u202b", "_", "٫", "أ", "ة", ".", " ", "\n"]
    rng = random.Random(5)
    for _ in range(200):
        text = "".join(rng.choice(["قتل", "إلى", "x", "٣", *marks]) for _ in range(12))
        norm = normalize(text)
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                assert norm.text[norm.from_orig(a) : norm.from_orig(b)] == normalize_str(text[a:b])


def test_moved_to_reads_the_article_normalised_as_the_window_normalised() -> None:
    from marsad.extract.gazetteer import Gazetteer
    from marsad.extract.locations import LocationFinder
    from marsad.models import Location

    finder = LocationFinder(Gazetteer.load())
    words = ["نقل", "وإجلاء", "المقاتلين", "توجهوا", "إلى", "نحو", "مدينة", "حمص", "من", "دوما", "يوم", "x"]
    gaps = [" ", "  ", "، ", ". ", "؟ ", "\n", " \u064e", "\u0640", "\u200f ", "_", "٫", "«"]
    rng = random.Random(9)
    moved = 0
    for _ in range(300):
        text = "".join(rng.choice(gaps) + rng.choice(words) for _ in range(rng.randint(3, 16)))
        norm = normalize(text)
        for start in range(len(text) + 1):
            loc = Location("x", start, start + 1, None, None, None, None, None, None, None, "city")
            slow = finder.is_moved_to(text, loc)
            assert finder.is_moved_to(text, loc, norm) == slow, (text, start)
            moved += slow
    assert moved > 100  # the texts do tell moves


# -- classes whose __init__ is written out (mypyc builds them natively) ------------------------------
def _written_init_classes() -> list[type]:
    from marsad.extract.actors import ActorHit
    from marsad.extract.article import Frame
    from marsad.extract.casualties import ActorSpan, Row
    from marsad.extract.events import Typing
    from marsad.extract.incident_casualties import Found
    from marsad.extract.tolls import Toll
    from marsad.text.numbers import _Tok

    return [Match, ActorHit, Frame, ActorSpan, Row, Typing, Found, Toll, Quantity, _Tok]


def _declared_types(cls: type) -> dict[str, str]:
    """Each field's annotation as written in the source (a compiled class keeps no strings)."""
    import ast

    from marsad.native import source_path

    tree = ast.parse(source_path(cls.__module__).read_text(encoding="utf-8"))
    body = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == cls.__name__).body
    return {
        n.target.id: ast.unparse(n.annotation)
        for n in body
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
    }


def _sample(annotation: str, rng: random.Random) -> object:
    """A value of the field's declared type (compiled classes check it), different on each call."""
    from marsad.models import Casualty, Count

    base = annotation.split(" | ")[0]
    if base == "int":
        return rng.randrange(10**6)
    if base in ("str", "Any"):
        return "w" + str(rng.randrange(10**6))
    if base == "bool":
        return rng.random() < 0.5
    if base == "float":
        return rng.random()
    if base.startswith("list["):
        return [rng.randrange(10)] if base == "list[int]" else []
    if base.startswith("frozenset["):
        return frozenset({"w" + str(rng.randrange(10))})
    if base.startswith("tuple["):
        return (rng.randrange(10), rng.randrange(10))
    if base == "Count":
        return Count(rng.randrange(10), None, None, "exact")
    if base == "Casualty":
        return Casualty("killed", "civilians", Count(1, 1, None, "exact"), 0, 1, "x")
    if base == "Quantity":
        return Quantity(0, 1, 0, rng.randrange(10), None, None, "exact", "number")
    if base == "_Word":
        return None
    raise AssertionError(f"no sample for {annotation}")


@pytest.mark.parametrize("cls", _written_init_classes(), ids=lambda c: c.__name__)
def test_written_init_is_the_dataclass_init(cls: type) -> None:
    """Each field is taken in the declared order, positionally or by name; each one left out gets the
    dataclass default (a fresh list for a list factory), as the generated __init__ gave."""
    import dataclasses

    rng = random.Random(cls.__name__)
    fields = dataclasses.fields(cls)
    declared = _declared_types(cls)
    for _ in range(20):
        values = {f.name: _sample(declared[f.name], rng) for f in fields}
        by_position = cls(*values.values())
        by_name = cls(**values)
        for f in fields:
            assert getattr(by_position, f.name) == values[f.name]
            assert getattr(by_name, f.name) == values[f.name]
        assert by_position == by_name
        required = {
            f.name: values[f.name]
            for f in fields
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }
        for name in required:
            with pytest.raises(TypeError):
                cls(**{k: v for k, v in required.items() if k != name})
        a, b = cls(**required), cls(**required)
        for f in fields:
            if f.name in required:
                continue
            want = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
            assert getattr(a, f.name) == want
            if isinstance(want, list):
                assert getattr(a, f.name) is not getattr(b, f.name)


def _tokens_by_matches(p: NumberParser, text: str) -> list[tuple]:
    """The number tokens as read before: a match object per token, its span from the match."""
    from marsad.text.numbers import _TOKEN, _digits

    matches = list(_TOKEN.finditer(text))
    raws = [m.group() for m in matches]
    before, after = p._reach
    keep: list[int] = []
    for i in [i for i, raw in enumerate(raws) if raw in p._openers or raw[0].isdecimal()]:
        keep.extend(range(max(i - before, keep[-1] + 1 if keep else 0), min(i + after, len(raws) - 1) + 1))
    out = []
    for i in keep:
        raw, (start, end) = raws[i], matches[i].span()
        if raw[0].isdecimal():
            out.append((start, end, raw, "", None, _digits(raw)))
        elif raw in p._forms:
            prefix, word = p._forms[raw]
            out.append((start, end, raw[len(prefix) :], prefix, word, None))
        else:
            out.append((start, end, raw, "", None, None))
    return out


def test_number_tokens_found_by_string_are_the_matched_ones() -> None:
    """``_tokens`` finds each kept token again by ``str.find`` from the end of the one before: the
    same spans as the token pattern's matches, on texts mixing number words, digits of several
    scripts, marks, underscores and repeated words; no token at all exactly when ``_may_hold`` fails."""
    p = NumberParser()
    rng = random.Random(12)
    words = ["قتل", "خمسة", "وعشرين", "عشرات", "الاف", "مدنيا", "نحو", "بين", "و", "في", "على", "الاقل"]
    bits = words + [
        "12",
        "٣٤",
        "1.5",
        "2,000",
        "٪",
        "%",
        "-",
        "–",
        "_",
        "²",
        "¹",
        "x_y",
        "،",
        ".",
        " ",
        "  ",
        "\n",
        "(",
        "ـ",
    ]
    for _ in range(3000):
        text = "".join(
            rng.choice(bits) + rng.choice(["", " ", " ", "،"]) for _ in range(rng.randrange(0, 40))
        )
        got = [(t.start, t.end, t.text, t.prefix, t.word, t.digits) for t in p._tokens(text)]
        assert got == _tokens_by_matches(p, text), text
        assert bool(got) == p._may_hold(text), text


def test_decimal_is_isdecimal_on_every_code_point() -> None:
    from marsad.text.numbers import _decimal, _decimal_first

    assert all(_decimal(chr(o)) == chr(o).isdecimal() for o in range(0x110000))
    assert all(_decimal_first(chr(o) + "ب") == chr(o).isdecimal() for o in range(0x110000))


def test_clause_pattern_opening_with_a_class_matches_as_written() -> None:
    """The clause marks and links, written to open with one character class, find what the plain
    alternation finds, over random texts and random (start, end) ranges within them."""
    from marsad.text.segment import _clause_pattern, _clause_source, clause_spans

    fast, plain = _clause_pattern(), re.compile(_clause_source())
    assert fast.pattern != plain.pattern
    rng = random.Random(7)
    bits = [
        "فيما",
        "في حين",
        "في  حين",
        "في\nحين",
        "بينما",
        "وفيما",
        "وفي حين",
        "وبينما",
        "فيمان",
        "بينمااا",
        "افيما",
        "قتل",
        "في",
        "و",
        "ف",
        "ب",
        "حين",
        "،",
        "؛",
        ";",
        ",",
        ".",
        "1",
        "_",
        "\n",
        " ",
    ]
    for _ in range(4000):
        text = "".join(
            rng.choice(bits) + rng.choice(["", " ", " ", "،"]) for _ in range(rng.randrange(0, 25))
        )
        s = rng.randrange(0, len(text) + 1)
        e = rng.randrange(s, len(text) + 1)
        assert [m.span() for m in fast.finditer(text, s, e)] == [m.span() for m in plain.finditer(text, s, e)]
    assert clause_spans("قتل رجل، فيما نزح اخرون", 0, 23) == [(0, 7), (14, 23)]


def test_clause_spans_cut_at_marks_alone_where_no_linking_word_can_be() -> None:
    """``clause_spans`` reads a sentence holding no piece of a linking word with the marks' pattern
    only: the same clauses as the whole pattern, over random texts and ranges (pieces cut at the
    range's edges included)."""
    from marsad.text.segment import _clause_pattern, _clause_trim_all, clause_spans

    rng = random.Random(11)
    bits = ["فيما", "في حين", "في\tحين", "بينما", "وفيما", "حين", "فيم", "بين", "ما", "قتل", "و", "ف", "ب"]
    bits += ["،", "؛", ";", ",", " ", " ", "\n", "1", "x"]
    for _ in range(6000):
        text = "".join(rng.choice(bits) for _ in range(rng.randrange(0, 30)))
        s = rng.randrange(0, len(text) + 1)
        e = rng.randrange(s, len(text) + 1)
        assert clause_spans(text, s, e) == _clause_trim_all(text, s, e, _clause_pattern())
    assert clause_spans("قتل رجل، وجرح اخر؛ ونزح", 0, 23) == [(0, 7), (9, 17), (19, 23)]


def test_number_tokens_read_arabic_runs_first() -> None:
    """``_TOKEN`` tries a run of Arabic letters first, and takes it only where no other letter
    follows: the same tokens as the plain alternation, on random texts mixing scripts, digits and
    marks."""
    from marsad.text.numbers import _TOKEN

    plain = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+|[%٪\-–]")
    assert _TOKEN.pattern != plain.pattern
    rng = random.Random(5)
    alphabet = "ءابتثيىةهو" + "aZé_" + "19٣۱²" + " ،.,%٪-–" + "ـ\u064b\u0670ۀپ\u200c\n"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 16)))
        assert _TOKEN.findall(text) == plain.findall(text), text
    assert _TOKEN.findall("قتلx 5و3 ابناءé") == ["قتلx", "5", "و", "3", "ابناءé"]


def test_denials_read_word_by_word_as_by_sets_of_words_and_pairs() -> None:
    """``Modality._denied`` looks a pair of words up only when it opens with a denial's first word:
    the same answer as the set tests of every word and every pair, on random word lists."""
    lex = Lexicons()
    modality = Modality(lex, lex.event_negations)
    vocab = sorted({w for d in lex.denials | lex.responsibility_words for w in d.split()})
    vocab += ["قتل", "في", "الهجوم", "لم", "دون", "و", "نفى الضلوع"]
    rng = random.Random(13)
    for _ in range(20000):
        wide = [rng.choice(vocab) for _ in range(rng.randrange(0, 7))]
        pairs = [" ".join(wide[k : k + 2]) for k in range(len(wide) - 1)]
        plain = not (lex.denials.isdisjoint(wide) and lex.denials.isdisjoint(pairs)) and (
            lex.responsibility_words.isdisjoint(wide)
        )
        assert modality._denied(wide) == plain, wide
    assert modality._denied(["لم", "تسجل"]) and not modality._denied(["نفى", "الضلوع"])


def test_sentence_ends_found_by_find_as_by_the_pattern() -> None:
    """``_sentence_ends`` gives the spans of ``_SENTENCE_END.finditer`` on random texts of marks,
    digits, letters and white space of several kinds."""
    from marsad.text.segment import _SENTENCE_END, _sentence_ends, sentence_spans

    rng = random.Random(17)
    alphabet = [
        "\n",
        "\n",
        " ",
        "\t",
        "\u00a0",
        "\u2029",
        "!",
        "?",
        "؟",
        ".",
        ".",
        "1",
        "٣",
        "ا",
        "ب",
        "x",
        "،",
    ]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 20)))
        assert _sentence_ends(text) == [m.span() for m in _SENTENCE_END.finditer(text)], repr(text)
    text = "قتل 1.5 رجل. ا.ف.ب قالت!؟ ثم\n \n\nعاد"
    assert sentence_spans(text) == [(0, 11), (13, 23), (26, 28), (32, 35)]


def test_event_breaks_skip_texts_without_the_pieces_of_any_word() -> None:
    """``event_breaks`` reads a text only when it holds every piece of one of the words: the same
    spans as the pattern read everywhere, on random texts (pieces alone, split by other white
    space, glued to letters)."""
    from marsad.text.segment import _break_pattern, _break_pieces, event_breaks

    assert any(len(p) > 1 for p in _break_pieces())
    rng = random.Random(19)
    bits = ["ردا", "رد", "على", "علي", "في", "كرد", "وردا", "انتقاما", "انتقام", "ردا،", "قتل", "x"]
    bits += [" ", " ", "\n", "\t", "،", "."]
    for _ in range(6000):
        text = "".join(rng.choice(bits) for _ in range(rng.randrange(0, 12)))
        assert event_breaks(text) == [m.span() for m in _break_pattern().finditer(text)], text
    assert event_breaks("قصفت ردا علي هجوم") == [(5, 12)] and event_breaks("قصفت ردا") == []


def test_numbers_plainly_unanchored_only_where_no_token_is_an_anchor() -> None:
    """``NumberParser._plainly_unanchored`` says yes only for a text without anchors among its
    tokens, and says it for every such text of letters, spaces and the marks it reads as spaces
    (random texts of number words, clitics, digits of several scripts, marks and other letters)."""
    from marsad.text.numbers import _NOT_IN_WORDS, _TOKEN, _decimal

    parser = NumberParser()
    rng = random.Random(23)
    words = ["خمسه", "وعشرين", "عشرات", "مئات", "ثلاث", "الف", "تحالف", "قتل", "مدنيا", "x", "ـ", "é"]
    others = ["²", "½", "5", "٣", "۱", "1.5", "٫", "%", "٪", "_", "\n", "\u00a0", "\u064b", "!", "«"]
    marks = "".join(_NOT_IN_WORDS)
    for k in range(40000):
        bits = words + [" ", " ", *_NOT_IN_WORDS] + (others if k % 2 else [])
        text = "".join(rng.choice(bits) for _ in range(rng.randrange(0, 10)))
        plain = any(raw in parser._openers or _decimal(raw[0]) for raw in _TOKEN.findall(text))
        if parser._plainly_unanchored(text):
            assert not plain, text
        elif not k % 2 and text.strip(" " + marks):
            assert plain, text
    assert parser._plainly_unanchored("قصفت الطائرات، البلدة")
    assert parser._plainly_unanchored('قصفت "الطائرات" البلدة (شمال): #/-')
    assert not parser._plainly_unanchored(normalize_str("قتل خمسة مدنيين."))
    assert not parser._plainly_unanchored("قتل (5) مدنيين.")


def test_report_date_windows_sliced_from_the_normalised_article() -> None:
    """``_is_report_date`` reads the words around a date from the article's normalised text (a slice
    of it is the window normalised) as it read them by normalising each window: the same answer
    for every date span of random texts with diacritics, tatweel and marks of direction."""
    from marsad.extract.article import ArticleExtractor
    from marsad.models import DateRef

    ax = ArticleExtractor()
    rng = random.Random(3)
    words = ["قال", "وقال", "أعلن", "المرصد", "يوم", "الخميس", "إن", "أن", "انه", "صرح", "أمس", "،", "."]
    marks = ["", "", "", "\u064e", "\u0651", "\u0640", "\u200f", "\u064b\u0652"]
    said = 0
    for _ in range(400):
        text = " ".join(
            "".join(c + rng.choice(marks) for c in rng.choice(words)) for _ in range(rng.randrange(1, 40))
        )
        norm = normalize(text)
        for _ in range(5):
            a = rng.randrange(0, len(text))
            b = rng.randrange(a + 1, len(text) + 1)
            # what both rest on (and ArticleExtractor._build's sentences): a slice is the window normalised
            assert norm.text[norm.from_orig(a) : norm.from_orig(b)] == normalize_str(text[a:b])
            d = DateRef(None, None, "day", text[a:b], a, b)
            slow = ax._is_report_date(text, d)
            said += slow
            assert ax._is_report_date(text, d, norm) == slow, (text, a, b)
    assert said > 100  # the windows hold statements often enough to tell the two apart


def test_normalised_offsets_from_runs_equal_the_offset_of_every_character() -> None:
    from bisect import bisect_left

    marks = ["\u064e", "\u0651", "\u0640", "\u200f", "\u202b", "\ufeff", "أ", "ة", "قتل", "x", " ", "٣"]
    rng = random.Random(11)
    deleting = 0
    for _ in range(400):
        text = "".join(rng.choice(marks) for _ in range(rng.randrange(0, 30)))
        if rng.random() < 0.3:
            text = "ب" * 80 + text  # a long text: normalised by replacement
        norm = normalize(text)
        kept = [i for i, c in enumerate(text) if _TABLE.get(ord(c), c) is not None] + [len(text)]
        assert norm.text == text.translate(_TABLE)
        if norm.index is None:
            assert kept == list(range(len(text) + 1))
            continue
        deleting += 1
        assert list(norm.index) == kept
        assert [norm.orig(i) for i in range(len(norm.text) + 1)] == kept
        for i in range(len(text) + 2):
            assert norm.from_orig(i) == bisect_left(kept, i), (text, i)
        for s in range(len(norm.text) + 1):
            for e in range(s, len(norm.text) + 1):
                want = (kept[s], kept[s]) if e <= s else (kept[s], kept[e - 1] + 1)
                assert norm.span(s, e) == want
    assert deleting > 200


def test_the_same_year_phrase_is_read_only_in_texts_holding_its_core() -> None:
    from marsad.extract.dates import _SAME_YEAR, _SAME_YEAR_CORE, _has_same_year_core

    words = ["في", "من", "خلال", "العام", "عام", "سنه", "السنه", "نفسه", "نفسها", "ذاته", "ذاتها", "نفس", "x"]
    rng = random.Random(12)
    found = 0
    for _ in range(2000):
        text = "".join(
            rng.choice(["", " ", "  ", "\n", "و"]) + rng.choice(words) for _ in range(rng.randrange(1, 8))
        )
        assert _has_same_year_core(text) == (_SAME_YEAR_CORE.search(text) is not None), text
        if _SAME_YEAR_CORE.search(text) is None:
            assert _SAME_YEAR.search(text) is None, text
        else:
            found += _SAME_YEAR.search(text) is not None
    assert found > 100


def test_date_patterns_skipped_in_a_window_match_nothing_there() -> None:
    from marsad.extract.dates import DateFinder

    finder = DateFinder()
    parts = [
        "قتل 3 مدنيين",
        "يوم الخميس",
        "أمس",
        "في 12 آذار 2017",
        "منذ 3 أيام",
        "الأسبوع الماضي",
        "مطلع 2016",
        "خلال الساعات الـ24 الماضية",
        "في الخامس من الشهر الجاري",
        "قبل أسبوعين",
        "2018-03-05",
        "5/3/2018",
        "فجر اليوم",
        "منتصف نيسان",
        "العام الماضي",
        "ليلة السبت الأحد",
        "1,200",
        "عام 1990",
        "في",
        "حلب",
    ]
    rng = random.Random(13)
    skipped = 0
    for _ in range(300):
        text = normalize_str(" ".join(rng.choice(parts) for _ in range(rng.randrange(1, 10))))
        for w_start, w_end in finder._windows(text):
            runnable = {id(p) for p, _ in finder._runnable(text, w_start, w_end)}
            for pattern, _ in finder._patterns:
                if id(pattern) not in runnable:
                    skipped += 1
                    assert pattern.search(text, w_start, w_end) is None, (text, pattern.pattern[:40])
    assert skipped > 1000


def test_texts_surely_arabic_are_those_the_full_count_passes() -> None:
    from marsad.io.decode import _ARABIC_RUN, arabic_ratio
    from marsad.io.readers import _FREQUENT_ARABIC, MIN_ARABIC, _check_arabic, _surely_arabic

    assert all(_ARABIC_RUN.fullmatch(ch) for ch in _FREQUENT_ARABIC)
    assert len(set(_FREQUENT_ARABIC)) == len(_FREQUENT_ARABIC)
    pieces = [
        "قتل",
        "المدنيين",
        "في",
        "ثم",
        "ع",
        "Aleppo",
        "the",
        "Δ",
        "Москва",
        "עברית",
        "中文",
        "12",
        " ",
        "،",
        "\n",
    ]
    rng = random.Random(14)
    passed = failed = 0
    for _ in range(3000):
        weights = [rng.random() for _ in pieces]
        text = "".join(rng.choices(pieces, weights, k=rng.randrange(0, 40)))
        ratio, letters = arabic_ratio(text)
        full = not (letters == 0 or ratio < MIN_ARABIC)
        if _surely_arabic(text):
            assert full, text
        passed += full
        failed += not full
        assert (_check_arabic(text, "x") is None) == full
    assert passed > 500 and failed > 500


def test_a_location_written_out_field_by_field_is_what_asdict_gives() -> None:
    from dataclasses import asdict

    from marsad.models import _LOCATION_FIELDS, Location

    rng = random.Random(15)
    for _ in range(50):

        def value(name: str) -> object:
            if name in ("start", "end"):
                return rng.randrange(100)
            if name in ("lat", "lon"):
                return rng.choice([None, 36.2, 37.15])
            if name in ("text", "precision", "relation"):
                return rng.choice(["x", "حلب"])
            return rng.choice([None, "x", "حلب"])

        loc = Location(*(value(name) for name in _LOCATION_FIELDS))
        assert list(loc.to_dict().items()) == list(asdict(loc).items())


def test_a_line_single_spaced_already_is_kept_as_splitting_and_joining_gives_it() -> None:
    from marsad.io.clean import _OTHER_SPACE, _spaced

    for code in range(0x110000):
        c = chr(code)
        assert bool(_OTHER_SPACE.match(c)) == (c.isspace() and c != " "), hex(code)
    pieces = ["قتل", "x", " ", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\u200b", "،", ""]
    rng = random.Random(16)
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 9)))
        assert _spaced(line) == " ".join(line.split()), repr(line)


def test_words_counted_up_to_a_bound_answer_the_bounded_questions() -> None:
    rng = random.Random(17)
    for _ in range(2000):
        line = "".join(rng.choice(["قتل", " ", "  ", "\t", "x"]) for _ in range(rng.randrange(0, 30)))
        few = rng.randrange(1, 8)
        n = len(line.split())
        bounded = len(line.split(None, few))
        assert bounded == min(n, few + 1)
        assert (bounded <= few) == (n <= few)
        assert (bounded >= few) == (n >= few)


def test_date_phrases_grouped_by_first_letter_match_as_the_plain_alternation() -> None:
    from marsad.extract.dates import _alt, _plain_alt

    words = [
        "ايار",
        "اب",
        "ا",
        "امس",
        "اول امس",
        "نيسان",
        "ن",
        "يوم",
        "اليوم",
        "الاحد",
        "الاثنين",
        "ال",
        "شهر",
    ]
    rng = random.Random(18)
    for _ in range(300):
        phrases = rng.sample(words, rng.randrange(1, len(words)))
        grouped = re.compile(rf"(?P<x>{_alt(phrases)})(?:\s+(?P<y>{_alt(phrases)}))?")
        plain = re.compile(rf"(?P<x>{_plain_alt(phrases)})(?:\s+(?P<y>{_plain_alt(phrases)}))?")
        text = " ".join(rng.choice([*words, "x", "و"]) for _ in range(8)).replace(
            " ", rng.choice([" ", "  ", "\n"]), 2
        )
        for pos in range(len(text) + 1):
            a, b = grouped.match(text, pos), plain.match(text, pos)
            assert (a and (a.span("x"), a.span("y"))) == (b and (b.span("x"), b.span("y"))), (
                phrases,
                text,
                pos,
            )
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_windows_and_their_needs_from_one_pass_are_those_read_window_by_window() -> None:
    from marsad.extract.dates import DateFinder

    finder = DateFinder()
    parts = [
        "يوم الخميس",
        "أمس",
        "12 آذار 2017",
        "منذ",
        "قبل",
        "أيام",
        "الأسبوع",
        "الماضي",
        "الماضية",
        "مطلع",
        "الساعات",
        "الشهر",
        "الخامس",
        "أسبوعين",
        "2018-03-05",
        "1990",
        "فجر",
        "نيسان",
        "العام",
        "الشهري",
        "والسبت",
        "بالأمس",
        "x" * 30,
        "قتل",
        "في",
        "حلب",
        "،",
        "\n",
        "12/3",
        "5.6-7",
        "3-",
        "/4",
        "x2019",
        "12018",
        "\u0967\u0968",
        "الخامس",
        "الحادي والعشرين",
    ]
    rng = random.Random(19)
    windows = 0
    for _ in range(600):
        text = normalize_str(
            "".join(rng.choice(["", " ", "  "]) + rng.choice(parts) for _ in range(rng.randrange(1, 25)))
        )
        slow = [(s, e, finder._runnable(text, s, e)) for s, e in finder._windows(text)]
        fast = [
            (s, e, finder._runnable_with(text, s, e, words)) for s, e, words in finder._scan_windows(text)
        ]
        assert fast == slow, text
        windows += len(slow)
        # find reads each window's runs of digits off the text's: none crosses a window's edge
        runs = _digit_runs(text)
        for s, e, _ in finder._scan_windows(text):
            assert [r for r in runs if s <= r[0] < e] == [m.span() for m in _DIGIT_RUN.finditer(text, s, e)]
    assert windows > 400


def test_the_first_hit_at_a_start_is_where_bisect_puts_it() -> None:
    from bisect import bisect_left

    from marsad.extract.matcher import _first_at

    rng = random.Random(20)
    for _ in range(2000):
        starts = sorted(rng.randrange(50) for _ in range(rng.randrange(0, 12)))
        start = rng.randrange(-2, 55)
        assert _first_at(starts, start) == bisect_left(starts, start)


def test_dataclasses_with_a_written_out_init_take_their_fields_as_generated_one_would() -> None:
    import dataclasses

    from marsad.extract.locations import Cue, _Mention
    from marsad.models import ActorMention, Count, DateRef, Location, SourceMention, Span

    samples = {int: 7, str: "حلب", bool: True, float: 36.5}
    for cls in (Match, Cue, _Mention, Span, Count, Location, ActorMention, SourceMention, DateRef):
        fields = dataclasses.fields(cls)
        hints = {f.name: f.type for f in fields}

        def sample(name: str, hints: dict = hints) -> object:
            hint = hints[name]  # a string, or (compiled) the type itself
            said = hint if isinstance(hint, str) else getattr(hint, "__name__", str(hint))
            for kind in ("int", "str", "bool", "float"):
                if said.startswith(kind):
                    return samples[{"int": int, "str": str, "bool": bool, "float": float}[kind]]
            return None  # Any, a class or an optional: None fits where a value may be missing

        required = [f for f in fields if f.default is dataclasses.MISSING]
        if cls is _Mention:
            args = [Match(0, 1, 0, "x", None, ""), None, []]
        else:
            args = [sample(f.name) for f in required]
        made = cls(*args)
        for f, value in zip(fields, args + [f.default for f in fields[len(args) :]], strict=True):
            assert getattr(made, f.name) == value, (cls.__name__, f.name)
        by_name = cls(**{f.name: getattr(made, f.name) for f in fields})
        assert by_name == made
        assert dataclasses.replace(made) == made


def test_merging_shards_by_their_bytes_writes_what_merging_their_lines_writes(tmp_path) -> None:
    import json
    from pathlib import Path

    from marsad.dist.shards import merge, read_shard, write_shard

    rng = random.Random(12)
    alphabet = [
        "ق",
        "ت",
        "ل",
        " ",
        "\u2028",
        "\u0085",
        "\x0c",
        "é",
        '"',
        "\\",
        "\t",
        "\U0001f600",
        "\r",
        "\n",
    ]
    shards: list[Path] = []
    for k in range(12):
        values = [
            {"t": "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))}
            for _ in range(rng.randint(0, 5))
        ]
        path = tmp_path / f"part-{k:05d}.jsonl"
        write_shard(path, [json.dumps(v, ensure_ascii=False) for v in values], "jsonl")
        shards.append(path)
    # shards not written by write_shard: a blank line, CRLF ends, a final line without its end
    odd = [b'{"a": 1}\n\n{"b": 2}\n', b'{"a": 1}\r\n{"b": 2}\r\n', b'{"a": 1}\n{"b": 2}', b"\n", b""]
    for k, data in enumerate(odd):
        path = tmp_path / f"odd-{k}.jsonl"
        path.write_bytes(data)
        shards.append(path)
    rng.shuffle(shards)
    out = tmp_path / "out.jsonl"
    n = merge(shards, out, "jsonl")
    lines = [line for shard in shards for line in read_shard(shard, "jsonl")]
    assert out.read_bytes() == "".join(line + "\n" for line in lines).encode("utf-8")
    assert n == len(lines) > 20


def test_date_first_strings_read_off_skeletons_are_those_of_the_full_patterns() -> None:
    from marsad.extract.dates import DateFinder, _pattern_starts

    finder = DateFinder()
    for run, got in zip(finder._runs, finder._run_starts, strict=True):
        assert got == _pattern_starts(run.pattern.pattern), run.pattern.pattern[:60]
    assert sum(found is not None for found, _ in finder._run_starts) >= 9
    assert sum(back >= 0 for _, back in finder._run_starts) >= 2


def test_first_strings_of_a_skeleton_are_those_of_the_pattern_it_stands_for() -> None:
    from marsad.extract.dates import _alt, _key
    from marsad.text.patterns import first_strings

    words = ["الخميس", "امس", "فجر", "فجر يوم", "اب", "ا", "ايار", "منتصف", "مطلع", "قبل", "في ال", "و", "12"]
    templates = [
        r"(?<!\w)(?:[وف]?[بل](?=ال)|[وف](?=\w))?(?P<x>(?:{0}\s+)?{1}(?:\s+{2})?)(?!\w)",
        r"(?:{0}|{1})\s*{2}",
        r"(?:ال)?(?:\d{{1,2}}|{0})\s+{1}",
        r"{0}(?:{1})?{2}",
        r"(?:{0}\s+)?(?:{1}\s+)?(?:{2}\s+)?\d{{4}}",
    ]
    rng = random.Random(23)
    told = 0
    for _ in range(300):
        lists = [rng.sample(words, rng.randrange(0, 5)) for _ in range(3)]
        template = rng.choice(templates)
        places = tuple(
            (chr(0xE000 + i), tuple(sorted({_key(w) for w in ws if w.strip()}))) for i, ws in enumerate(lists)
        )
        full = template.format(*(_alt(ws) for ws in lists))
        skeleton = template.format(*(c for c, _ in places))
        for k in (1, 2, 3, 4):
            for digits in ("", "0123456789"):
                want = first_strings(full, k, digits)
                assert first_strings(skeleton, k, digits, places) == want, (full, k, digits)
                told += want is not None
    assert told > 500


def test_date_patterns_tried_where_their_first_strings_are_find_what_finditer_finds() -> None:
    from marsad.extract.dates import DateFinder

    finder = DateFinder()
    scanned = [run for run in finder._runs if run.starts]
    assert len(scanned) >= 9  # all but the numeric dates
    assert sum(run.digit_back >= 0 for run in scanned) >= 2  # "12 آذار", "الـ5 من الشهر الجاري"
    parts = [
        "يوم الخميس",
        "وأمس",
        "بالأمس",
        "12 آذار 2017",
        "في منتصف نيسان",
        "منذ مطلع العام",
        "العام الماضي",
        "الشهر الجاري",
        "ليلة السبت الأحد",
        "فجر اليوم",
        "خلال الأيام الماضية",
        "منذ أيام",
        "قبل أسبوعين",
        "منذ 3 أيام",
        "خلال الساعات الـ24 الماضية",
        "عام 1990",
        "صيف 2014",
        "و12 آذار",
        "ف3 أيار 2016",
        "الخميس 9 و10 نيسان",
        "في 5 من شهر آب",
        "الـ5 من الشهر الجاري",
        "ال12 من الشهر الماضي",
        "x12 آذار",
        "\u0967\u0968 آذار",
        "12/3",
        "وفي",
        "الأسبوع",
        "فالخميس",
        "لليوم",
        "حلب",
        "x",
        "،",
        "-",
        "\n",
    ]
    rng = random.Random(21)
    matches = 0
    for _ in range(400):
        text = normalize_str(
            "".join(rng.choice(["", " ", "  "]) + rng.choice(parts) for _ in range(rng.randrange(1, 20)))
        )
        start = rng.randrange(0, len(text) // 2 + 1)
        end = rng.randrange(start, len(text) + 1)
        begins = [(last + 1 - v[0], v[1]) for last, v in finder._starts.iter(text, start, end)]
        digit_runs = [m.start() for m in _DIGIT_RUN.finditer(text, start, end)]
        for run in scanned:
            slow = [(m.span(), m.groupdict()) for m in run.pattern.finditer(text, start, end)]
            fast = [
                (m.span(), m.groupdict()) for m in finder._scanned(run, text, start, end, begins, digit_runs)
            ]
            assert fast == slow, (text, start, end, run.pattern.pattern[:40])
            matches += len(slow)
    assert matches > 300


def test_a_jsonl_line_is_decoded_as_utf_8_sig_decodes_it() -> None:
    from marsad.io.readers import _decode_line

    bom = "\ufeff".encode()
    for raw in [bom + b"{}", bom + bom + "قتل".encode(), b"abc", b"", "\u2028ق".encode(), b"x" + bom]:
        assert _decode_line(raw, "f:1") == raw.decode("utf-8-sig")
    assert _decode_line("قتل".encode("cp1256"), "f:1") == "قتل"  # not UTF-8: the file decoder's guess


# characters the fast tables leave out (a slow path each), odd whitespace, the mark itself, NUL
_ODD = ["×", "ª", "é", "\u06e5", "\u0670", "ﻟ", "漢", "😀", "\ufeff", "\u200f", "\u2066", "\uffff", "\ufffe"]
_ODD += ["\t", "\r", "\x0b", "\x85", "\xa0", "\u2028", "\u3000", "\x01", "\x00", "  ", "\n"]


def _random_texts(seed: int, chars: str, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for k in range(count):
        odd = _ODD if k % 2 else []  # half of the texts from the table's characters alone
        pool = list(chars) + list("قتل في حلب، 12 ") * 8 + odd * 3
        texts.append("".join(rng.choice(pool) for _ in range(rng.randrange(0, 300))))
    return texts


def test_marks_through_the_byte_tables_are_the_regex_marks() -> None:
    """``_marked_fast`` (charmap coding) gives what the regex substitution gives, and only for texts
    ``_UNCHECKED`` finds nothing in, where the exact marks are the same string."""
    from marsad.extract.matcher import _FAST, _UNCHECKED, _marked_fast, is_letter

    assert len(set(_FAST)) == 256 and _FAST[0] == "\x00"
    assert _UNCHECKED.search(_FAST) is None
    group = MatcherGroup()
    for text in _random_texts(21, _FAST, 600) + list(_FAST) + _ODD:
        approx = _NOT_LETTER.sub(_SEP, text)
        exact = "".join(c if is_letter(c) else _SEP for c in text)
        fast = _marked_fast(text)
        assert fast is None or fast == approx, repr(text)
        assert (fast is None) == any(c not in _FAST for c in text), repr(text)
        assert mark_letters(text) == approx and mark_words(text) == exact
        got = group.marks(text)
        assert got == (exact, approx), repr(text)
        if _UNCHECKED.search(text) is None:
            assert got[0] is got[1]  # one string: the group's one pass reads the gazetteer too


def test_normalising_through_the_byte_tables_is_translate() -> None:
    """``_translate`` through the charmap tables: ``str.translate`` (deleted characters dropped),
    and the same object as the replacements give (``s`` itself for a long text left unchanged)."""
    from marsad.text.normalize import _DROP, _FAST, _translate, _translate_slow

    assert len(set(_FAST)) == 256 and _FAST[0] == "\x00"
    assert _DROP not in _FAST and _DROP not in _TABLE.values()
    texts = _random_texts(22, _FAST + "".join(map(chr, _TABLE)), 600) + list(_FAST) + _ODD
    texts += ["قتل في حلب " * 10, "قتل في حلب" + "\u064b" * 100]
    for text in texts:
        want = text.translate(_TABLE)
        got = _translate(text)
        assert got == want, repr(text)
        assert (got is text) == (_translate_slow(text) is text), repr(text)
        assert normalize(text).text == want


def test_printable_lines_hold_no_whitespace_but_the_space() -> None:
    """``clean`` skips the search for other whitespace in every line when the text is printable."""
    from marsad.io.clean import _spaced

    for code in range(0x110000):
        c = chr(code)
        assert not (c.isspace() and c != " " and c.isprintable()), hex(code)
    for line in _random_texts(23, "x،", 1500):
        for part in line.split("\n"):
            if part.isprintable():
                assert _spaced(part, True) == " ".join(part.split()), repr(part)


def test_deleted_runs_found_by_the_class_then_its_repeat_as_by_the_repeat() -> None:
    from marsad.text.normalize import _DELETE, _DELETED, _DELETED_ONE

    plain = re.compile(_DELETED_ONE + "+")
    assert _DELETED.pattern != plain.pattern
    for text in _random_texts(24, "".join(_DELETE) * 3 + "x", 500):
        assert [m.span() for m in _DELETED.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_number_token_strings_read_piece_by_piece_are_the_pattern_s() -> None:
    """``_token_strings`` reads a text piece by piece between white spaces, taking a piece of
    letters as one token: the same strings as the token pattern over the whole text, with the
    marks of no token read as spaces or not, on random texts of letters, digits of several
    scripts, marks, combining marks and white spaces of several kinds (a no-break space, a line
    break, a file separator)."""
    from marsad.text.numbers import _TOKEN, _spaced, _token_strings

    rng = random.Random(21)
    chars = list("قتل خمسة وعشرين الاف") + ["1", "٣", "۵", "१", "²", "¹", "½", "_", ".", ",", "٫", "٬"]
    chars += ["%", "٪", "-", "–", "—", "،", ":", "(", "\n", "\t", "\x1c", "\u00a0", "\u2003", " ", " "]
    chars += ["x", "É", "ـ", "\u064b", "\u0670", '"', "/", "#", ")"]
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(0, 30)))
        assert _token_strings(text) == _TOKEN.findall(text), text
        assert _token_strings(_spaced(text)) == _TOKEN.findall(text), text
    assert _token_strings("قتل 5 مدنيين،و3 (أطفال)") == ["قتل", "5", "مدنيين", "و", "3", "أطفال"]


def test_may_cue_starts_found_by_string_are_the_scanner_s() -> None:
    """``_hypothetical`` reads the "may" cues before a trigger only when ``any_start_within`` finds
    one of the strings their matches begin with wholly in the range: exactly when the scanner's
    automaton finds one there, so that no skipped range could have had a match (random texts and
    ranges; cut-short strings at a range's end included)."""
    from marsad.text.patterns import any_start_within, first_strings, grouped_starts

    lex = Lexicons()
    starts = first_strings(lex.may.pattern, 4)
    assert starts is not None and lex.may_starts == grouped_starts(starts)
    scanner = lex.may_spans.__self__
    rng = random.Random(5)
    bits = sorted(starts) + ["قد", "يمكن ان", "س", "ست", "سي", "سن", "ق", "د", "قتل", "سيارة", "في", "و"]
    bits += [" ", " ", "،", "\n", "1"]
    hits = 0
    for _ in range(6000):
        text = "".join(rng.choice(bits) for _ in range(rng.randrange(0, 14)))
        s = rng.randrange(0, len(text) + 1)
        e = rng.randrange(s, len(text) + 1)
        found = any(True for _ in scanner._auto.iter(text, s, e)) if e > s else False
        assert any_start_within(text, s, e, lex.may_starts) == found, (text, s, e)
        if not found:
            assert lex.may_spans(text, s, e) == []
        hits += found
    assert 1000 < hits < 5000  # both answers well represented


def test_number_tokens_of_letters_and_spaces_are_their_words() -> None:
    """A text of letters and spaces (marks of no token read as spaces) takes its words as tokens,
    read once; with a "-" (a token) it is read piece by piece: the same tokens as the matches, on
    random texts of words, number words, spaces and marks."""
    p = NumberParser()
    rng = random.Random(31)
    words = ["قتل", "خمسة", "وعشرين", "عشرات", "الاف", "مدنيا", "نحو", "بين", "و", "في", "الاقل"]
    seps = [" ", " ", "  ", "،", "، ", " - ", "-", '"', "(", ")"]
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randrange(0, 30)))
        got = [(t.start, t.end, t.text, t.prefix, t.word, t.digits) for t in p._tokens(text)]
        assert got == _tokens_by_matches(p, text), text
    text = normalize_str("قتل خمسة مدنيين")
    assert [t.text for t in p._tokens(text)] == text.split()


def test_hypothetical_cue_pairs_looked_up_only_after_a_cue_s_first_word() -> None:
    """``Modality._hypothetical`` joins a pair of words before a trigger only when its first word,
    with or without "و"/"ف", opens a cue of two words: the same answer as looking every word and
    every pair up (as written and without its conjunction), on random lists of words."""
    from marsad.extract.modality import bare

    lex = Lexicons()
    modality = Modality(lex, lex.event_negations)
    cues = lex.hypothetical_before
    pairs = sorted(c for c in cues if c.count(" ") == 1)
    vocab = [w for c in pairs for w in c.split(" ")] + sorted(cues)[:30] + ["قد", "يسفر", "تم", "و", "ف"]
    vocab += ["قتل", "في", "من", "الي", "وفي", "فمن", "اي"]

    def slow(before: list[str]) -> bool:
        said = before + [" ".join(before[k : k + 2]) for k in range(len(before) - 1)]
        if any(w in cues or bare(w) in cues for w in said):
            return True
        return any(a == "قد" and b[:1] in "يت" for a, b in zip(before, before[1:], strict=False))

    rng = random.Random(17)
    m = Match(0, 0, 0, "", "", "")
    seen = {True: 0, False: 0}
    for _ in range(20000):
        before = [rng.choice(["", "و", "ف", "و", ""]) + rng.choice(vocab) for _ in range(rng.randrange(0, 4))]
        want = slow(before)
        assert modality._hypothetical("", m, before) == want, before
        seen[want] += 1
    assert seen[True] > 2000 and seen[False] > 2000


def test_a_charmap_maps_its_256_characters_and_refuses_any_other() -> None:
    import pytest

    from marsad.text.charmap import CharMap

    chars = "".join(chr(c) for c in range(0x80)) + "".join(chr(c) for c in range(0x600, 0x680))
    out = chars.upper().replace("ب", "پ")
    cm = CharMap(chars, out)
    assert not isinstance(cm._code, dict)  # the fast encoding map, not a dict
    text = "abc بيت\x00"
    assert cm.apply(text) == text.upper().replace("ب", "پ")
    assert cm.apply("") == ""
    assert cm.apply("بيت é") is None and cm.apply("\u2028") is None
    for bad in (chars[1:] + "x", chars[:-1] + "a", "x" + chars[1:]):
        with pytest.raises(ValueError):
            CharMap(bad, out)
