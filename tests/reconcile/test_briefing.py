from accord.model import Story
from accord.reconcile import build_ledger

A = (
    "Floodwater swept through the lower town of Eldmoor on Monday, forcing hundreds from their homes.\n"
    "The mayor said 40 people had been rescued from rooftops by boat crews overnight.\n"
    "A bakery on the square reopened its doors to feed volunteers and stranded families."
)
B = (
    "Floodwater swept through the lower town of Eldmoor on Monday and forced hundreds from their homes.\n"
    "The regional fire service said 55 people had been rescued from rooftops overnight.\n"
    "Engineers will inspect the old stone bridge before any traffic is allowed across it."
)


def test_briefing_cites_every_report_and_calls_out_disputes_first(claim, article):
    arts = [article("a", text=A, title="Flood"), article("b", text=B, title="Flood")]
    claims = [
        claim("a", 40, measure="rescued", source="mayor", what="people rescued from rooftops"),
        claim(
            "b", 55, measure="rescued", source="fire service", what="people rescued from rooftops"
        ),
    ]
    ledger = build_ledger(Story("s", "Eldmoor flood"), arts, claims, [], [], [], {})
    kinds = [b.kind for b in ledger.briefing]
    assert kinds[0] == "dispute" and "summary" in kinds
    assert set(ledger.briefing[0].docs) == {"a", "b"}
    shared = [b for b in ledger.briefing if b.text.startswith("Floodwater")]
    assert len(shared) == 1 and shared[0].docs == ("a", "b")
    for b in ledger.briefing:
        assert b.docs and b.story == "s"
    assert [c.doc for c in ledger.coverage] == ["a", "b"]
