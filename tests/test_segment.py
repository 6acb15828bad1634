from __future__ import annotations

from marsad.text.normalize import normalize
from marsad.text.segment import clause_spans, event_breaks, sentence_parts, sentence_spans


def texts(t: str, spans: list[tuple[int, int]]) -> list[str]:
    return [t[s:e] for s, e in spans]


def test_sentences_end_at_marks_and_lines() -> None:
    t = "قتل 5 مدنيين. ونزح المئات!\nهل انتهى القصف؟ لا"
    assert texts(t, sentence_spans(t)) == ["قتل 5 مدنيين", "ونزح المئات", "هل انتهى القصف", "لا"]


def test_decimals_and_initials_do_not_end_sentences() -> None:
    t = "قال د. رامي عبد الرحمن لوكالة ا.ف.ب إن 1.5 مليون نزحوا. انتهى"
    assert texts(t, sentence_spans(t)) == ["قال د. رامي عبد الرحمن لوكالة ا.ف.ب إن 1.5 مليون نزحوا", "انتهى"]


def test_clauses_split_on_commas_and_linking_words() -> None:
    t = "قتل 5 في قصف على دوما، فيما نزح المئات من حرستا؛ في حين استمرت المعارك بينما"
    s, e = sentence_spans(t)[0]
    assert texts(t, clause_spans(t, s, e)) == [
        "قتل 5 في قصف على دوما",
        "نزح المئات من حرستا",
        "استمرت المعارك",
    ]


def test_linking_word_inside_another_word_is_not_a_boundary() -> None:
    t = "قتل 4 مدنيين بينهم طفل"
    assert texts(t, clause_spans(t, 0, len(t))) == [t]


def test_offsets_are_into_the_given_text() -> None:
    t = "  أولا.   ثانيا  "
    assert sentence_spans(t) == [(2, 6), (10, 15)]


def test_a_response_opens_a_part_of_its_own() -> None:
    t = normalize("قصفت الطائرات مواقع في حماة ردا على هجوم على حاجز للجيش").text
    parts = [normalize(p).text for p in ("قصفت الطائرات مواقع في حماة", "هجوم على حاجز للجيش")]
    assert texts(t, sentence_parts(t, 0, len(t))) == parts
    t = normalize("قتل خمسة مدنيين في قصف على حرستا").text
    assert sentence_parts(t, 0, len(t)) == [(0, len(t))]


def test_breaks_read_once_cut_as_a_sentence_alone_does() -> None:
    t = normalize("قصفت الطائرات حماة ردا على هجوم. وقتل ثلاثة ردا\nعلى ذلك ثم انسحبوا").text
    breaks = event_breaks(t)
    for s, e in sentence_spans(t):
        assert sentence_parts(t, s, e, breaks) == sentence_parts(t, s, e)
