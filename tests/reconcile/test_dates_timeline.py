from accord.model import Membership, TimeMention
from accord.reconcile.dates import infer_published, resolve_inferred_claims, resolve_inferred_times
from accord.reconcile.timeline import build_timeline

TEXT = (
    "Dec 3, 2031\n"
    "The river burst its banks on Monday, flooding the lower town of Eldmoor.\n"
    "Crews worked through the night in March to clear the main road near the bridge.\n"
    "The council said on Monday that the bridge would reopen next month."
)


def _time(doc, text, when, relative=False, sentence=None):
    start = TEXT.index(text)
    s_start = TEXT.rfind("\n", 0, start) + 1
    s_end = TEXT.find("\n", start)
    s_end = len(TEXT) if s_end < 0 else s_end
    return TimeMention(doc, text, start, start + len(text), s_start, s_end, when, relative)


def test_infer_published_from_the_event_then_the_story(article):
    arts = [
        article("a", "2031-03-02T10:00:00+01:00"),
        article("b", "2031-03-04"),
        article("c", None),
        article("d", None),
    ]
    members = [
        Membership("a", "s", "e1"),
        Membership("b", "s", "e1"),
        Membership("c", "s", "e1"),
        Membership("d", "s", "e2"),
    ]
    assert infer_published(arts, members) == {"c": "2031-03-02", "d": "2031-03-02"}


def test_claims_and_times_reread_against_the_inferred_date(claim):
    fake = lambda text, published, future: f"{published}+{text}+{future}"  # noqa: E731
    claims = resolve_inferred_claims(
        [claim("c", 5, when_text="on Friday"), claim("a", 5)], {"c": "2031-03-02"}, fake
    )
    assert claims[0].when == "2031-03-02+on Friday+False" and claims[0].when_inferred
    assert claims[1].when is None and not claims[1].when_inferred
    text = "Maduro is set to begin his term in January."
    times = [TimeMention("c", "in January", 32, 42, 0, len(text), None, True)]
    got = resolve_inferred_times(times, {"c": "2031-03-02"}, fake, texts={"c": text})
    assert got[0].when == "2031-03-02+in January+True"


def test_claim_without_time_words_takes_the_inferred_date(claim):
    given = [claim("c", 5), claim("a", 5)]
    claims = resolve_inferred_claims(given, {"c": "2031-03-02"})
    assert claims[0].when == "2031-03-02" and claims[0].when_inferred
    assert claims[1].when is None
    # copies: the ledger sets roles and groups on them, and the claims given stay as read
    assert given[0].when is None and all(c is not g for c, g in zip(claims, given, strict=True))


def test_timeline_merges_by_date_and_skips_datelines(claim, article):
    arts = [article("a", text=TEXT), article("b", text=TEXT)]
    times = [
        _time("a", "Dec 3, 2031", "2031-12-03"),
        _time("a", "on Monday", "2031-12-01", True),
        _time("b", "on Monday", "2031-12-01", True),
        _time("a", "in March", "2031-03"),
    ]
    claims = [claim("b", 40, when="2031-12-01"), claim("a", 9, when="2031-11-01/2031-12-03")]
    entries = build_timeline("s", claims, times, arts)
    assert [e.date for e in entries] == ["2031-03", "2031-12-01"]
    assert entries[1].docs == ("a", "b")
    assert entries[1].spans


def test_month_entry_folds_into_the_day_it_names(article):
    text = "Voters went to the polls in the disputed election in May, officials said.\nThe disputed election on May 9 kept the mayor in office, officials said."
    arts = [article("a", text=text)]
    first_end = text.index("\n")
    times = [
        TimeMention(
            "a", "in May", text.index("in May"), text.index("in May") + 6, 0, first_end, "2031-05"
        ),
        TimeMention(
            "a",
            "on May 9",
            text.index("on May 9"),
            text.index("on May 9") + 8,
            first_end + 1,
            len(text),
            "2031-05-09",
        ),
    ]
    entries = build_timeline("s", [], times, arts)
    assert [e.date for e in entries] == ["2031-05-09"]
    assert len(entries[0].spans) == 2


def test_a_dateline_and_figures_without_time_words_date_the_report_not_an_event(claim, article):
    text = (
        "Eldmoor [Kessia], March 6 : The council has rehoused 40 families, officials said.\n"
        "The families were moved out over three days, from Monday to Wednesday, officials said."
    )
    first_end = text.index("\n")
    second = first_end + 1
    times = [
        TimeMention("a", "March 6", text.index("March 6"), text.index("March 6") + 7, 0,
                    first_end, "2031-03-06"),
        TimeMention("a", "from Monday to Wednesday", text.index("from Monday"),
                    text.index("from Monday") + 24, second, len(text), "2031-03-02/2031-03-04",
                    True),
    ]  # fmt: skip
    # "has rehoused 40 families": no time words, so the report's date, not the day it happened
    claims = [claim("a", 40, measure="displaced", when="2031-03-06")]
    entries = build_timeline("s", claims, times, [article("a", "2031-03-06", text=text)])
    assert [e.date for e in entries] == ["2031-03-02/2031-03-04"]


def test_a_year_folded_into_a_month_brings_its_words_to_the_month_s_own_folding(article):
    year = "The flood barrier project of the council was approved in 2031 after a long debate."
    month = "The flood barrier project by the council began construction work in May."
    day = "Funding was approved on Tuesday after a long debate among residents."
    text = f"{year}\n{month}\n{day}"
    arts = [article("a", text=text)]

    def mention(sentence: str, words: str, when: str) -> TimeMention:
        start, at = text.index(sentence), text.index(words)
        return TimeMention("a", words, at, at + len(words), start, start + len(sentence), when)

    times = [
        mention(year, "in 2031", "2031"),
        mention(month, "in May", "2031-05"),
        mention(day, "on Tuesday", "2031-05-09"),
    ]
    entries = build_timeline("s", [], times, arts)
    # the year shares most with the month; the month, holding the year, then with the day
    assert [(e.date, len(e.spans)) for e in entries] == [("2031-05-09", 3)]
