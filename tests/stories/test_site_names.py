"""A page title's site name ("- WMC Action News 5 - Memphis, Tennessee") is the outlet's, not the
event's: its words and names do not tie together two reports of one site."""

from __future__ import annotations

import pytest

from accord.model import Article
from accord.settings import DEFAULTS
from accord.store import Store
from accord.stories import (
    assign,
    head_names,
    names_outlet,
    outlet_label,
    report_features,
    site_name_span,
)
from accord.stories.features import site_part
from accord.stories.summary import refresh_stories


@pytest.mark.parametrize(
    ("title", "outlet", "headline"),
    [
        ("Five teens shot - WMC Action News 5 - Memphis, Tennessee", "wmcactionnews5.com",
         "Five teens shot"),
        ("Teen shot - WAFF-TV: News, Weather and Sports for Huntsville, AL", "www.waff.com",
         "Teen shot"),
        ("CBS 58 - Police investigate double homicide", "cbs58.com",
         "Police investigate double homicide"),
        ("Five teens shot - Action News", "WMC Action News", "Five teens shot"),
        # a part that names another site, or an outlet too short to tell, is the headline's
        ("Five teens shot - WMC Action News 5", "wsvn.com", None),
        ("Obama - the man", "ap.org", None),
        ("Five teens shot", "wmcactionnews5.com", None),
    ],
)  # fmt: skip
def test_site_part(title: str, outlet: str, headline: str | None) -> None:
    part = site_part(title, outlet)
    if headline is None:
        assert part is None
    else:
        assert part is not None
        assert (title[: part[0]] + title[part[1] :]).strip() == headline


TEXT = (
    "Five teens shot - WMC Action News 5 - Memphis, Tennessee\n\n"
    "Five teenagers were shot outside a recreation centre in Orange Mound on Saturday night, "
    "police in Whitehaven said."
)
TITLE = "Five teens shot - WMC Action News 5 - Memphis, Tennessee"


def test_the_site_name_is_no_head_name() -> None:
    span = site_name_span(TEXT, TITLE, "wmcactionnews5.com")
    assert span is not None and TEXT[span[0] : span[1]].startswith(" - WMC Action News 5")
    names = [("WMC Action News 5", TEXT.index("WMC")), ("Memphis", TEXT.index("Memphis")),
             ("Orange Mound", TEXT.index("Orange"))]  # fmt: skip
    # "Memphis" further down is no head name: only the title's site name gave it one
    body = TEXT + "\n\nThe Memphis police said more.\n\nA vigil is planned."
    names.append(("Memphis", body.rindex("Memphis")))
    assert head_names(body, TITLE, names[2:], "wmcactionnews5.com") == ["Orange Mound"]


def test_the_site_name_weighs_as_body_words_only() -> None:
    article = Article(key="a", text=TEXT, title=TITLE, outlet="wmcactionnews5.com")
    other_site = Article(key="b", text=TEXT, title=TITLE, outlet="wsvn.com")
    mine, theirs = report_features(article), report_features(other_site)
    assert mine.counts["w:memphis"] < theirs.counts["w:memphis"]
    assert mine.counts["w:teen"] == theirs.counts["w:teen"]


@pytest.mark.parametrize(
    ("name", "outlet", "named"),
    [
        ("WRAL.com", "wral.com", True),
        ("KSLA News 12", "www.ksla.com", True),
        ("Action News 5", "wmcactionnews5.com", True),
        ("Sun-Times", "suntimes.com", True),
        # the city an outlet is named after is the events' as much as the outlet's
        ("Chicago", "chicagotribune.com", False),
        ("Memphis Police Department", "wmcactionnews5.com", False),
        ("WRAL.com", None, False),
    ],
)  # fmt: skip
def test_names_outlet(name: str, outlet: str | None, named: bool) -> None:
    assert names_outlet(name, outlet_label(outlet)) is named


def test_a_story_is_titled_by_its_headline_without_the_site_name(store: Store) -> None:
    article = Article(key="a", text=TEXT, title=TITLE, outlet="wmcactionnews5.com")
    with store.transaction() as conn:
        [placed] = assign(store, conn, [report_features(article)], DEFAULTS)
        refresh_stories(store, conn, [placed.story])
    assert store.stories.get(placed.story).title == "Five teens shot"
