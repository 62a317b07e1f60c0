"""Cleaning: page furniture out, report text (and its headline) kept."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.ingest.clean import _ACCOUNT_PROMPT, _FORM_WORDS, _GALLERY, Cleaned, clean_text
from tests.conftest import shared_path


def seed(prefix: str) -> Cleaned:
    (path,) = shared_path("corpora", "seeds").glob(f"{prefix}_*.txt")
    return clean_text(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        ("000", None),  # opens with a date line, then the Reuters dateline paragraph
        ("001", "Venezuela frees more than 100 arrested after disputed election result"),
        ("002", "Venezuela Releases Some of Thousands Detained After Presidential Election"),
        ("003", "Venezuela Frees Over 100 Protesters Jailed After Disputed Presidential Election"),
        ("004", "Venezuela President releases 103 people imprisoned since disputed July election"),
    ],
)
def test_seed_titles_are_the_headline_line(prefix: str, title: str | None) -> None:
    cleaned = seed(prefix)
    assert cleaned.title == title
    if title is not None:
        assert cleaned.text.startswith(title + "\n")


FURNITURE = [
    "WATCH TV LIVE",
    "Previous Post Next Post",
    "Follow us on:",
    "• en",
    "ON NOW",
    "Copyright 2024 The Associated Press. All rights reserved.",
    "Published On:",
    "Saturday, 16 November 2024 02:01 PM EST",
    "Dec 13, 2024",
    "date 2024-11-16",
]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_furniture_is_removed_and_nothing_else(prefix: str) -> None:
    cleaned = seed(prefix)
    for line in cleaned.text.splitlines():
        assert not any(f in line for f in FURNITURE), line
    for line in cleaned.removed:
        assert any(f in line for f in FURNITURE), f"removed a line of the report: {line}"
    assert "\n\n\n" not in cleaned.text and cleaned.text == cleaned.text.strip()


def test_seed_sentence_broken_mid_body_is_kept() -> None:
    # 000 breaks a sentence over blank lines in the middle of the story: body text, not furniture.
    assert "Venezuela's electoral authorities and top court said" in seed("000").text


def test_single_line_document_is_kept_whole() -> None:
    for raw in [
        "Storm Leaves Thousands Without Power in Eastvale\n",
        "EASTVALE STORM",
        "Dec 13, 2024",
    ]:
        cleaned = clean_text(raw)
        assert cleaned.text == raw.strip()
        assert cleaned.removed == ()
    assert clean_text("Storm Leaves Thousands Without Power").title == (
        "Storm Leaves Thousands Without Power"
    )


def test_a_page_of_navigation_alone_leaves_no_text() -> None:
    # The ingest pipeline refuses such a page with a reason, rather than storing "Home" as a report.
    assert clean_text("Home\nWATCH TV LIVE\n").text == ""


STORY = """\
HOME   NEWS
Listen to this article
Storm leaves 4,000 homes without power in Eastvale
By Mara Quill and Tom Ashby, Example Wire
(Photo: Example Wire/Jo Fenn)
Updated: March 3, 2023 10:15 AM PST

EASTVALE (Example Wire) - About 4,000 homes were without power on Friday after a storm brought down lines across the valley, the utility said.

Crews expect repairs to take two days.

Repair crews stretched thin

The utility said it had called in 120 workers from neighbouring counties.
Sign up for our morning newsletter to get the day's news.

Share this article
© 2023 Example Wire Ltd. All rights reserved.
"""


def test_furniture_at_the_edges_goes_and_a_subheading_in_the_body_stays() -> None:
    cleaned = clean_text(STORY.replace("\n", "\r\n"))
    assert cleaned.title == "Storm leaves 4,000 homes without power in Eastvale"
    assert cleaned.text.splitlines()[0] == cleaned.title
    assert "Repair crews stretched thin" in cleaned.text.splitlines()
    assert cleaned.removed == (
        "HOME   NEWS",
        "Listen to this article",
        "By Mara Quill and Tom Ashby, Example Wire",
        "(Photo: Example Wire/Jo Fenn)",
        "Updated: March 3, 2023 10:15 AM PST",
        "Sign up for our morning newsletter to get the day's news.",
        "Share this article",
        "© 2023 Example Wire Ltd. All rights reserved.",
    )
    assert "\r" not in cleaned.text and cleaned.text.endswith("from neighbouring counties.")


def test_short_lines_inside_the_body_are_not_edge_furniture() -> None:
    raw = "The council met on Monday and voted on the plan.\n\nLatest votes\n\nIt passed 7 to 2."
    assert "Latest votes" in clean_text(raw).text.splitlines()


@pytest.mark.parametrize(
    "label", ["LATEST VOTES", "200 FEET", "BROKEN WINDOWS VISIBLE", "MAP: 1 MILE", "CORRECTION"]
)
def test_short_lines_in_capitals_are_labels_wherever_they_stand(label: str) -> None:
    """Headings, map and picture labels in capitals: left in, they would begin (or be the source
    of) the next sentence."""
    raw = f"The council met on Monday and voted on the plan.\n\n{label}\n\nIt passed 7 to 2."
    cleaned = clean_text(raw)
    assert label not in cleaned.text and label in cleaned.removed


def test_a_headline_and_a_date_line_in_capitals_above_the_body_are_kept_for_their_readers() -> None:
    raw = (
        "COLTS TOP CHIEFS, 20-13, REACH PLAYOFFS\n\nMONDAY, MAY 23, 2005\n\n"
        "The council met on Monday and voted on the plan.\n\nVOLATILE BORDER\n\nIt passed 7 to 2."
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "COLTS TOP CHIEFS, 20-13, REACH PLAYOFFS"
    assert "VOLATILE BORDER" in cleaned.removed and "VOLATILE BORDER" not in cleaned.text


@pytest.mark.parametrize("line", ["救助隊は堤防が決壊した後", "Пожар в центре города"])
def test_a_short_line_of_a_script_without_capitals_is_no_label(line: str) -> None:
    raw = f"The council met on Monday and voted on the plan.\n\n{line}\n\nIt passed 7 to 2."
    assert line in clean_text(raw).text.splitlines()


BODY = "Police said two men were wounded in the shooting on Main Street on Sunday night."


@pytest.mark.parametrize(
    "line",
    [
        # captions and galleries
        "Hide Caption 3 of 25",
        "Photos 3 of 25",
        "25 photos",
        "The victim was taken to the hospital, police said. View Full Caption DNAinfo/Jo Fenn",
        "Scene of the shooting on Main Street. Getty Images",
        "Police at the scene on Sunday. (AP Photo/Jo Fenn)",
        ("Photo: Brett Coomer, Houston Chronicle Harris County sheriff's officers escort the "
         "suspect in the... Image 3 of 33 Elvia Palacios, left, Anamari Palacios, 11, center, "
         "Viridiana Palacios, place candles on the front of a home where seven people were shot "
         "and killed on Wednesday night."),
        # video blurbs with their date stamps
        "A shooting at a bar left three people hurt. (Published Sunday, March 23, 2014)",
        "A reporter recaps the overnight crime. (Posted on: February 13, 2014)",
        # browser and cookie notices
        "This site is best viewed at 1024*768 or higher resolution.",
        "Please enable JavaScript to view the comments.",
        "This website uses cookies to improve your experience.",
        "We have sent you a verification email. Please check your email and click on the link.",
        "If you do not receive the message, please check your Spam or Junk folder.",
        # what a page's forms say to the reader, long or short
        "Sign in using your station profile",
        "By submitting your registration information, you agree to our Terms of Service and "
        "Privacy Policy .",
        "Already have an account?",
        "Thank you for registering!",
        ("We look forward to seeing you on [website] frequently. Visit us and sign in to update "
         "your profile, receive the latest news and keep up to date with mobile alerts."),
        "Your notification has been saved.",
        "Close Get email notifications on Ilse Brandvik daily!",
        ("Whenever Ilse Brandvik posts new content, you'll get an email delivered to your inbox "
         "with a link."),
        "Like this: Like Loading...",
        # the forms' patterns fold letters beyond ASCII as `lower` does not: a long s is an s
        "Please \u017fign in to comment.",
        # links to other stories and a video playlist's entries carry other stories' figures
        "RELATED: Man charged in fatal shooting of Detroit girl, 5",
        "► Related: 5 people shot to death within 4 hours in Stockton",
        "[RELATED: 16-year-old homicide victim ID'd; 17-year-old charged with murder]",
        "0:50 One dead after shooting involving officer",
        "2:05 Video shows three males vandalizing Gardner-Edgerton High School Pause",
        # a teaser or a caption cut short counts what the cut left out
        "A 49-year-old man has surrendered after five children and three...",
        "Friends of the victims place flowers at the house where eight people were…",
        "WBBM Newsradio is part of CBS Radio, a division of CBS […]",
        # corrections speak of an earlier version's figures
        "CORRECTION: An earlier version of this story said 12 people were killed.",
        "Correction: Police first said four people were shot.",
        "An earlier version of this story gave the wrong number of victims.",
    ],
)  # fmt: skip
def test_captions_blurbs_notices_and_corrections_are_furniture(line: str) -> None:
    cleaned = clean_text(f"{BODY}\n\n{line}\n\n{BODY.replace('two', 'three')}")
    assert line in cleaned.removed and line not in cleaned.text


@pytest.mark.parametrize(
    "line",
    [
        # times of day open a paragraph of a timeline or a police log
        "8:20 a.m.",
        "10:45 p.m.: Police said two men were wounded.",
        "5:07 AM - 29 Jun 2016",
        "7:30 p.m. — A caller reported a man with a self-inflicted gunshot wound.",
        "12:40 PM Police closed the street",
        # "related" as a word of the report's own sentence
        "Related to the case, police said two men were arrested.",
        # signing in as the report tells of it
        "Visitors must sign in at the front desk, a school spokesman said.",
        # alerts as the report tells of them
        "Residents can get email notifications about road closures, the city said.",
        # an ellipsis inside a sentence, or a quote trailing off, is the report's own
        "Two men were wounded... and a third was grazed, police said.",
        '"We just heard shots and then..." a neighbour said.',
        'The neighbour said: "We just heard shots and then..."',
        'He waived the hearing. "Being that the facts of...',
    ],
)  # fmt: skip
def test_times_of_day_and_the_word_related_are_no_furniture(line: str) -> None:
    cleaned = clean_text(f"{BODY}\n\n{line}\n\n{BODY.replace('two', 'three')}")
    assert line in cleaned.text and line not in cleaned.removed


@pytest.mark.parametrize(
    "label", ["Buy Photo ", "UPDATE: ", "Update -- ", "ORIGINAL POST: ", "PREVIOUS STORY -- ",
              "FIRST REPORT: ", "BREAKING NEWS: "],
)  # fmt: skip
def test_a_page_label_before_a_paragraph_is_dropped_and_the_paragraph_kept(label: str) -> None:
    cleaned = clean_text(
        f"{BODY}\n\n{label}Authorities say two handguns were stolen from the home."
    )
    assert (
        cleaned.text.splitlines()[-1] == "Authorities say two handguns were stolen from the home."
    )


def test_a_related_stories_list_goes_up_to_the_next_paragraph() -> None:
    raw = (
        f"{BODY}\n\nRelated stories:\n\nMan, 34, killed in Eastside crash\n"
        "Two hurt as fire guts downtown store\n\nThe men were taken to County Hospital, "
        "where both are in stable condition."
    )
    cleaned = clean_text(raw)
    assert cleaned.removed == (
        "Related stories:", "Man, 34, killed in Eastside crash", "Two hurt as fire guts downtown store",
    )  # fmt: skip
    assert cleaned.text.endswith("both are in stable condition.")


def test_a_page_that_is_its_teaser_alone_keeps_it() -> None:
    raw = "MONDAY, MAY 23, 2005\n\nThe coach was fired today and taking over will be..."
    assert clean_text(raw).text.endswith("taking over will be...")
    raw = "Police say shootings that injured 5 men are...\n\nJust One More Thing..."
    assert clean_text(raw).text.startswith("Police say shootings that injured 5 men are...")


@pytest.mark.parametrize(
    "line",
    [
        "a" * 200_000 + " the...",  # a word as long as an article, then a cut
        " “a" * 100_000 + " ”the...",  # opening marks by the thousand, then a cut
        "a" * 200_000 + "!",
    ],
)
def test_a_hostile_line_of_any_length_is_read_at_once(line: str) -> None:
    # Read back from the line's end: patterns searched from its start took minutes on these.
    cleaned = clean_text(f"{BODY}\n\n{line}\n\n{BODY}")
    assert cleaned.text.startswith(BODY) and cleaned.text.endswith(BODY)


def test_a_short_sentence_at_the_end_is_kept() -> None:
    raw = "The mayor was asked whether she would run again this year.\n\nI can't."
    assert clean_text(raw).text.endswith("I can't.")


def test_broken_lines_are_joined() -> None:
    raw = (
        "Officials in Eastvale said the flood had reached\n\nthe old bridge by noon, and that\n"
        "schools would close on Monday."
    )
    assert clean_text(raw).text == (
        "Officials in Eastvale said the flood had reached the old bridge by noon, and that "
        "schools would close on Monday."
    )


def test_a_line_without_a_full_stop_before_a_new_sentence_is_not_joined() -> None:
    raw = "The river rose overnight.\n\nWhat comes next\n\nEngineers will inspect the dam."
    assert "What comes next" in clean_text(raw).text.splitlines()


@pytest.mark.parametrize("corpus", ["ecbplus", "polnear-dev"])
def test_corpus_texts_survive_cleaning(corpus: str) -> None:
    lines = removed = 0
    for row in shared_path("corpora", corpus, "articles.jsonl").read_text("utf-8").splitlines():
        text = json.loads(row)["text"]
        cleaned = clean_text(text)
        assert cleaned.text.strip(), text[:80]
        lines += sum(1 for line in text.splitlines() if line.strip())
        removed += len(cleaned.removed)
    # These corpora are nearly clean text: almost all that goes is date stamps (measured: ~2.5%).
    assert removed < 0.04 * lines


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Council Votes To Close The Old Bridge.", "Council Votes To Close The Old Bridge."),
        ("Mayor Calls Plan ‘A Disgrace.’", "Mayor Calls Plan ‘A Disgrace.’"),
        ("The council voted on Monday to close the old bridge.", None),  # a first paragraph
        ("EASTVALE (Example Wire) - The council voted", None),  # a dateline, not a headline
    ],
)
def test_headline_detection(first_line: str, title: str | None) -> None:
    raw = f"{first_line}\n\nRepairs will take two years, the engineer said on Tuesday."
    assert clean_text(raw).title == title


def test_headline_below_masthead_and_menu() -> None:
    raw = (
        "THE HARBOUR GAZETTE\nNews | Sport | Weather\n\n"
        "Storm closes the ferry port for a second day\n\n"
        "The ferry port stayed shut on Friday as gales battered the coast, the harbour master said.\n"
    )
    assert clean_text(raw).title == "Storm closes the ferry port for a second day"


# Words and phrases of the gallery and form patterns (one of each of their alternatives), and
# words that sit beside them.
_FORM_LINE_PARTS = [
    "View", "hide", "Show", "expand", "close", "full", "caption", "Photos", "image", "slides",
    "picture", "3", "of", "25", "(Published", "posted", "on:", "Sunday,", "2014)", "please",
    "Sign", "in", "using", "with", "to", "update", "you", "the", "our", "terms", "email", "e-mail",
    "daily", "said", "Please sign in", "sign in with", "already have an account",
    "you agree to the terms", "Thank you for registering", "we look forward to seeing you",
    "set up your account", "notifications have been saved", "problem saving your notification",
    "Email notifications are only sent", "enter the characters with", "Like this: Like",
    "show transcript", "You are the owner of this article", "Get e-mail notifications on",
    "email delivered to your inbox", "Image 3 of 33", "Hide caption",
]  # fmt: skip


@given(st.lists(st.sampled_from(_FORM_LINE_PARTS), max_size=10))
def test_every_form_match_holds_a_form_word(parts: list[str]) -> None:
    """An ASCII line without one of _FORM_WORDS is not searched for galleries and forms."""
    line = " ".join(parts)
    for pattern in (_GALLERY, _ACCOUNT_PROMPT):
        for match in pattern.finditer(line):
            assert any(word in match.group(0).lower() for word in _FORM_WORDS), match.group(0)
