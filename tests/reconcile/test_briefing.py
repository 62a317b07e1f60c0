from accord.model import SourceType, Story
from accord.reconcile import report_ledger
from accord.reconcile.briefing import build_briefing
from accord.settings import DEFAULTS

A = (
    "Floodwater swept through the lower town of Eldmoor on Monday, forcing hundreds from their homes.\n"
    "The mayor said 40 people had been rescued from rooftops by boat crews overnight.\n"
    "A bakery on the square reopened its doors to feed volunteers and stranded families."
)
B = (
    "Floodwater swept through the lower town of Eldmoor on Monday and forced hundreds from their homes.\n"
    "The volunteer group Eldmoor Watch said 55 people had been rescued from rooftops overnight.\n"
    "Engineers will inspect the old stone bridge before any traffic is allowed across it."
)


def test_briefing_opens_with_the_key_figure_and_cites_every_report(claim, article):
    arts = [article("a", text=A, title="Flood"), article("b", text=B, title="Flood")]
    claims = [
        claim("a", 40, measure="rescued", source="mayor", what="people rescued from rooftops"),
        claim(
            "b", 55, measure="rescued", source="Eldmoor Watch", source_type=SourceType.NGO,
            what="people rescued from rooftops",
        ),
    ]  # fmt: skip
    ledger = report_ledger(Story("s", "Eldmoor flood"), arts, claims, [], [], [], DEFAULTS)
    kinds = [b.kind for b in ledger.briefing]
    assert kinds[0] == "figure" and "summary" in kinds
    assert ledger.briefing[0].text.startswith("Key disputed figure, people rescued from rooftops")
    assert set(ledger.briefing[0].docs) == {"a", "b"}
    shared = [b for b in ledger.briefing if b.text.startswith("Floodwater")]
    assert len(shared) == 1 and shared[0].docs == ("a", "b")
    for b in ledger.briefing:
        assert b.docs and b.story == "s"
    assert [c.doc for c in ledger.coverage] == ["a", "b"]


def test_the_key_figure_is_the_most_carried_whole_count_and_other_disputes_follow(claim, article):
    arts = [article(k, text=A, title="Flood") for k in "abc"]
    claims = [
        claim("a", 40, measure="rescued", what="people rescued"),
        claim("b", 40, measure="rescued", what="people rescued"),
        claim("c", 40, measure="rescued", what="people rescued"),
        claim("a", 3, measure="missing", source="police", what="people missing"),
        claim("b", 9, measure="missing", source="the mayor", what="people missing"),
    ]
    ledger = report_ledger(Story("s", "Eldmoor flood"), arts, claims, [], [], [], DEFAULTS)
    opening = [(b.kind, b.text.split(":")[0]) for b in ledger.briefing[:2]]
    assert opening == [
        ("figure", "Key figure, people rescued"),
        ("figure", "Key disputed figure, people missing"),
    ]


def test_a_sentence_is_cited_to_every_report_carrying_it_or_a_near_copy_with_its_numbers(article):
    copy = "Floodwater swept through the lower town of Eldmoor on Monday, forcing 300 from their homes."
    near = "Floodwater swept through the lower town of Eldmoor on Monday and forced 300 from their homes."
    other = "Floodwater swept through the lower town of Eldmoor on Monday, forcing 500 from their homes."
    filler = "It was all that they could do, and then some more."  # stop words only: no terms
    arts = [
        article("a", text=f"{copy} {filler}"),
        article("b", text=f"{near} {filler}"),
        article("c", text=copy),
        article("d", text=other),
    ]
    summary = build_briefing("s", arts, [], [], size=10)
    cited = {b.text: b.docs for b in summary if b.text != filler}
    assert cited == {copy: ("a", "b", "c"), other: ("d",)}
    # a sentence without terms is like no other, not even its own copy
    assert [b.docs for b in summary if b.text == filler] == [("a",), ("b",)]


def test_a_sentence_carrying_a_reconciled_figure_outweighs_its_place_in_its_report(claim, article):
    lead = "Engineers will inspect the old stone bridge before any traffic crosses it."
    figure = "The mayor said 40 people had been rescued from rooftops by boat crews."
    text = f"A bakery on the square reopened its doors to feed the volunteers. {figure}"
    arts = [article("a", text=lead), article("b", text=text)]
    rescued = claim("b", 40, measure="rescued", start=text.index("40"), group="g1")
    assert [b.text for b in build_briefing("s", arts, [], [rescued], size=1)] == [figure]
    assert [b.text for b in build_briefing("s", arts, [], [], size=1)] != [figure]
