"""Separating: a story whose reports' heads fall into two groups naming two different people, less
alike across than within, parts in two, logged, and never against an analyst's correction."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from story_texts import place_one_by_one, stories
from tests.conftest import run_accord

from accord.model import Article
from accord.store import Store
from accord.stories import ReportFeatures, move
from accord.stories.centroid import Centroid
from accord.stories.heal import HEALER
from accord.stories.index import IndexedReport
from accord.stories.separate import (
    CAST_CHECKS,
    MIN_GROUP,
    find_cast_parting,
    find_parting,
    word_pairs,
)
from accord.stories.why import healing
from accord.web.app import create_app

FIGHT = {"w:heavyweight": 2.0, "w:title": 1.0, "w:round": 1.0, "e:wladimir klitschko": 2.5}
RAHMAN = {"e:hasim rahman": 2.5, "w:mannheim": 1.0, "w:seventh": 1.0}
THOMPSON = {"e:tony thompson": 2.5, "w:bern": 1.0, "w:sixth": 1.0}


def fight(key: str, rival: dict[str, float], head: tuple[str, ...]) -> ReportFeatures:
    return ReportFeatures(key=key, counts={**FIGHT, **rival}, head=head, language="en")


def rahman(n: int) -> ReportFeatures:
    return fight(f"r{n}", RAHMAN, ("klitschko", "rahman"))


def thompson(n: int) -> ReportFeatures:
    return fight(f"t{n}", THOMPSON, ("klitschko", "thompson"))


def test_two_fights_of_one_boxer_part_once_each_has_enough_reports(store: Store) -> None:
    place_one_by_one(store, *map(rahman, range(MIN_GROUP)), *map(thompson, range(MIN_GROUP - 1)))
    assert len(set(stories(store).values())) == 1  # one name apart: lumped, nothing to part yet
    place_one_by_one(store, thompson(MIN_GROUP - 1))
    story = stories(store)
    assert len({story[f"r{n}"] for n in range(MIN_GROUP)}) == 1
    assert len({story[f"t{n}"] for n in range(MIN_GROUP)}) == 1
    assert story["r0"] != story["t0"]
    [logged] = store.corrections.all()
    assert (logged["who"], logged["action"]) == (HEALER, "heal split")
    assert logged["docs"] == [f"t{n}" for n in range(MIN_GROUP)]
    assert "'rahman' (5 reports)" in logged["reason"] and "'thompson' (5)" in logged["reason"]
    place_one_by_one(store, thompson(9))  # the next report of the second fight joins its own story
    assert stories(store)["t9"] == story["t0"]


def test_accord_story_why_shows_the_split_and_its_reason(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fights = [*map(rahman, range(MIN_GROUP)), *map(thompson, range(MIN_GROUP))]
    with Store(store_url) as store:
        with store.transaction() as conn:
            store.articles.insert(conn, [Article(key=f.key, text="A title fight.") for f in fights])
        place_one_by_one(store, *fights)
        left = stories(store)["t0"]
        [split] = healing(store, left)
        assert (split["from"], split["into"]) == (stories(store)["r0"], left)
        assert healing(store, stories(store)["r0"]) == [split]
    code, said = run_accord(capsys, "--db", store_url, "story", left, "--why")
    assert code == 0, said
    assert "heal split" in said and "thompson" in said


def test_the_why_page_and_endpoint_show_the_ties_and_the_split(store: Store) -> None:
    fights = [*map(rahman, range(MIN_GROUP)), *map(thompson, range(MIN_GROUP))]
    title = "<b>Klitschko</b> stops Thompson"
    with store.transaction() as conn:
        store.articles.insert(
            conn, [Article(key=f.key, text="A fight.", title=title) for f in fights]
        )
    place_one_by_one(store, *fights)
    left = stories(store)["t0"]
    client = TestClient(create_app(store, None))
    html = client.get(f"/stories/{left}/why").text
    assert "&lt;b&gt;Klitschko&lt;/b&gt;" in html and "<b>Klitschko" not in html
    assert "tony thompson" in html  # a name the report shares with the others
    assert "split: <code>" in html and "&#39;thompson&#39; (5)" in html
    assert f'href="/stories/{left}/why"' in client.get(f"/stories/{left}").text
    body = client.get(f"/api/stories/{left}/why").json()
    assert sorted(t["doc"] for t in body["ties"]) == [f"t{n}" for n in range(MIN_GROUP)]
    assert [c["action"] for c in body["healing"]] == ["heal split"]
    assert client.get("/api/stories/s99/why").status_code == 404


def test_a_story_holding_a_pinned_report_is_never_parted(store: Store) -> None:
    place_one_by_one(store, *map(rahman, range(MIN_GROUP)), *map(thompson, range(MIN_GROUP - 1)))
    lumped = stories(store)["r0"]
    move(store, "r0", lumped, "analyst")
    place_one_by_one(store, thompson(MIN_GROUP - 1))
    assert set(stories(store).values()) == {lumped}
    assert [c["action"] for c in store.corrections.all()] == ["move"]


def indexed(n: int, vector: dict[str, float], head: tuple[str, ...], lang: str) -> IndexedReport:
    return IndexedReport(f"d{n}", "s1", "e1", n, {}, vector, head=head, language=lang)


def unit(**weights: float) -> dict[str, float]:
    norm = sum(w * w for w in weights.values()) ** 0.5
    return {f"w:{t}": w / norm for t, w in weights.items()}


def test_heads_naming_either_of_two_people_are_one_event_when_as_alike_across_as_within() -> None:
    # One shooting: half the heads name the gunman, half the victim, and the texts are alike.
    same = unit(shooting=1.0, school=1.0)
    reports = [indexed(n, same, ("gunman",) if n % 2 else ("victim",), "en") for n in range(12)]
    assert find_parting(reports, [("gunman", "victim")]) is None


def test_two_events_part_and_the_reports_naming_neither_join_the_group_they_are_most_like() -> None:
    one = unit(fight=1.0, mannheim=1.0)
    two = unit(fight=1.0, bern=1.0)
    reports = [indexed(n, one, ("rahman",), "en") for n in range(5)]
    reports += [indexed(5 + n, two, ("thompson",), "en") for n in range(6)]
    reports.append(indexed(11, unit(bern=1.0), (), "en"))
    parting = find_parting(reports, [("rahman", "thompson")])
    assert parting is not None
    assert parting.words == ("rahman", "thompson")
    assert [len(g) for g in parting.groups] == [5, 7]
    assert "d11" in {r.doc for r in parting.groups[1]}


def test_groups_in_no_common_language_are_spellings_not_events() -> None:
    english = [indexed(n, unit(vote=1.0), ("united",), "en") for n in range(6)]
    spanish = [indexed(6 + n, unit(voto=1.0), ("unidos",), "es") for n in range(6)]
    assert find_parting([*english, *spanish], [("united", "unidos")]) is None


def test_only_head_counts_that_allow_two_full_groups_make_the_story_read() -> None:
    centroid = Centroid()
    reports = [indexed(n, unit(fight=1.0), ("rahman",), "en") for n in range(MIN_GROUP)]
    reports += [indexed(9 + n, unit(fight=1.0), ("thompson",), "en") for n in range(MIN_GROUP - 1)]
    for r in reports:
        centroid.add(r)
    assert word_pairs(centroid) == []  # 9 reports: too few for two groups of MIN_GROUP
    centroid.add(indexed(20, unit(fight=1.0), ("thompson", "rahman"), "en"))
    assert word_pairs(centroid) == [("rahman", "thompson")]
    centroid.add(indexed(21, unit(fight=1.0), ("klitschko",), "en"))
    centroid.add(indexed(22, unit(fight=1.0), ("klitschko",), "en"))
    assert word_pairs(centroid) == [("rahman", "thompson")]  # the counts still allow it


def cast_report(
    n: int, names: tuple[str, ...], words: dict[str, float], day: date | None = None
) -> IndexedReport:
    counts = {f"e:{name}": 2.5 for name in (*names, "indian navy", "somali")}
    return IndexedReport(
        f"d{n}", "s1", "e1", n, counts, unit(**words), published=day, language="en"
    )


MYSORE = ("ins mysore", "ethiopian", "gulf of aden")
SUKANYA = ("sukanya", "western naval command", "mumbai")


def two_casts(days: tuple[date | None, date | None] = (None, None)) -> list[IndexedReport]:
    """Two anti-piracy actions of one navy: reports alike but for their casts."""
    first = unit(pirates=1.0, foiled=1.0, mysore=1.0)
    second = unit(pirates=1.0, foiled=1.0, sukanya=1.0)
    return [cast_report(n, MYSORE, first, days[0]) for n in range(6)] + [
        cast_report(6 + n, SUKANYA, second, days[1]) for n in range(5)
    ]


def test_texts_naming_two_casts_part_with_the_names_of_each() -> None:
    reports = two_casts()
    reports.append(cast_report(11, (), unit(pirates=1.0, mysore=1.0)))  # names neither side
    parting = find_cast_parting(reports)
    assert parting is not None and parting.source == "texts"
    assert [len(g) for g in parting.groups] == [7, 5]
    assert set(parting.own[1]) == set(SUKANYA)
    assert "texts name" in parting.reason() and "'western naval command'" in parting.reason()


def test_two_casts_dated_a_day_apart_are_one_event_told_from_two_places() -> None:
    reports = two_casts((date(2013, 7, 2), date(2013, 7, 3)))
    assert find_cast_parting(reports) is None
    assert find_cast_parting(two_casts((date(2008, 11, 19), date(2011, 11, 11)))) is not None


def test_a_cast_needs_names_of_its_own_beyond_the_one_that_parts_it() -> None:
    first = unit(fire=1.0, church=1.0)
    reports = [cast_report(n, ("larry kroon", "anchorage"), first) for n in range(6)]
    reports += [cast_report(6 + n, ("wasilla bible church",), first) for n in range(5)]
    assert find_cast_parting(reports) is None


def test_a_name_and_a_part_of_it_are_one_person() -> None:
    texts = unit(pirates=1.0)
    reports = [cast_report(n, ("chohan", "a", "b"), texts) for n in range(5)]
    reports += [cast_report(5 + n, ("raj chohan", "c", "d"), texts) for n in range(5)]
    parting = find_cast_parting(reports)
    assert parting is None or "chohan" not in parting.words


def test_a_story_reaching_a_check_size_parts_by_its_casts(store: Store) -> None:
    def report(key: str, names: tuple[str, ...], place: str) -> ReportFeatures:
        shared = ("pirates", "navy", "foiled", "hijack", "tanker", "warship")
        counts = {f"w:{word}": 3.0 for word in shared} | {f"w:{place}": 1.0}
        return ReportFeatures(
            key=key,
            counts=counts | {"e:indian navy": 2.5} | {f"e:{name}": 2.0 for name in names},
            language="en",
        )

    size = min(CAST_CHECKS)
    first = [report(f"m{n}", MYSORE, "aden") for n in range(size // 2)]
    second = [report(f"s{n}", SUKANYA, "arabian") for n in range(size - size // 2)]
    place_one_by_one(store, *first, *second[:-1])
    assert len(set(stories(store).values())) == 1
    place_one_by_one(store, second[-1])
    story = stories(store)
    assert story["m0"] != story["s0"]
    assert len({story[k] for k in story if k.startswith("s")}) == 1
    [logged] = store.corrections.all()
    assert "texts name" in logged["reason"]
