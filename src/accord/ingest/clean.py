"""Plain-text cleaning: drop page furniture, keep the report.

Furniture is recognised by general rules, never by a list of an outlet's strings:

- strong patterns, removed wherever they stand: copyright notices, share/subscribe/follow calls,
  photo credits, lines made only of interface words ("Previous Post Next Post") and labelled
  date lines ("Published On: ...");
- edge rules, applied only before the first and after the last prose line (the "edges"): bare date
  lines, bylines, short all-capitals labels and lines with almost no words ("• en"). In the body
  the same shapes are subheadings or broken sentences, which are kept.

Cleaning never empties a report on edge rules alone: a report that is only a headline, a label or
a date keeps it. Only strong patterns can leave nothing, and then the report
had no text ("Home" from a navigation-only page).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from accord.ingest.dateline import parse_dateline
from accord.ingest.page_lines import (
    PAGE_WORDS,
    date_token_kind,
    is_byline,
    is_copyright_line,
    is_date_line,
    is_labelled_date_line,
    line_tokens,
)
from accord.text import SENTENCE_END
from accord.tfidf import STOP_WORDS


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A cleaned report: `text` keeps the headline line at the top when there is one."""

    text: str
    title: str | None
    # The lines removed (for debugging and for the metadata reader): lists of other stories
    # first, then the rest in document order.
    removed: tuple[str, ...]


# A line that does not end a sentence: no final punctuation of any kind (a comma or a bare word).
_OPEN_END = re.compile(r"[\w,’'\-]$")
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")

_CALL_TO_ACTION = re.compile(
    r"^(?:(?:sign up|subscribe)\b.*\b(?:newsletter|alerts|updates|email)"
    r"|(?:follow|like|join)\s+(?:us|\w+)\s+on\b"
    r"|share\s+(?:this|on)\b"
    r"|(?:read|see|watch)\s+(?:more|also|the (?:rest|full (?:story|article|report)))\b"
    r"|click here\b)",
    re.I,
)
_PHOTO_CREDIT = re.compile(
    r"^\(?(?:(?:file\s+)?photo(?:graph)?s?|image|picture|credit|caption)\s*(?::|/|by\b)"
    r"|\((?:[\w .]+\s)?photo\b[^)]*\)$"
    r"|^[\w ]{0,20}\b(?:getty(?: images)?|afp|reuters|ap)\s*/\s*[\w ]+\.?$",
    re.I,
)
# Caption and video blurbs: a line that carries a gallery's controls or counter ("View Full
# Caption", "Hide Caption 3 of 25", "Image 3 of 33"), whatever its length, or ends on a video's
# date stamp ("(Published Monday, March 24, 2014)", "(Posted on: February 13, 2014)") describes a
# picture or a clip, not the report.
_GALLERY = re.compile(
    r"\b(?:view|hide|show|expand|close)\s+(?:full\s+)?caption\b"
    r"|\b(?:photos?|images?|slides?|pictures?)\s+\d+\s+of\s+\d+\b"
    r"|\((?:published|posted|uploaded|updated)(?:\s+on)?:?\s[^()]*\d[^()]*\)$",
    re.I,
)
# Short lines only: a gallery's size ("25 photos") and picture agencies' credits.
_CAPTION = re.compile(
    r"^\d+\s+(?:photos|images|pictures|slides)\b"
    r"|(?:getty\s+images|/\s*(?:ap|afp|reuters))\)?$",
    re.I,
)
# Labels glued before a paragraph's text: a gallery button ("Buy Photo Authorities say ...") or
# a page's label ("UPDATE: ...", "ORIGINAL POST: ...", "PREVIOUS STORY -- ..."). The text is the
# report's; the label is no speaker of it.
_LABEL_PREFIX = re.compile(
    r"^(?:buy\s+photo\b\s*|(?:\*\s*)?(?:updated?|first\s+report|original\s+(?:post|story)"
    r"|previous\s+(?:story|post|report)|earlier|breaking(?:\s+news)?|developing(?:\s+story)?)"
    r"\s*(?::|--|—|–)\s*)",
    re.I,
)
# Browser, cookie and account notices: "best viewed at 1024*768 or higher resolution", "Please
# enable JavaScript", "This site uses cookies", "We have sent you a verification email", "check
# your Spam or Junk folder" (a sign-up box that may be all an archived page kept).
_BROWSER_NOTICE = re.compile(
    r"\b(?:\d{3,4}\s*[*x×]\s*\d{3,4}\b.*resolution|enable\s+javascript|javascript\s+(?:is\s+)?"
    r"(?:disabled|required)|(?:upgrade|update)\s+your\s+browser|browser\s+(?:is\s+)?not\s+supported"
    r"|(?:uses?|accept)\s+cookies|cookie\s+(?:policy|settings|notice)"
    r"|verification\s+(?:e-?mail|link|message)|(?:spam|junk)\s+folder"
    r"|activate\s+your\s+(?:profile|account)|already\s+a\s+subscriber"
    r"|forgot\s+(?:your\s+)?password)\b",
    re.I,
)
# A line cut short: a teaser of another page or a gallery's caption, its length reached mid-phrase
# ("... after five children and three...", "... on the door step of the...", "... of CBS […]"),
# whose last figure may count what the cut left out. A sentence that trails off ("Hope springs
# eternal...") or a quote still open ("I saw her fall back...) is the report's own.
_CUT_MARK = re.compile(r"\[(?:…|\.{3})\]\s*$")
_TRAILS_OFF = re.compile(r"(?:…|\.{3})[\]\"”]?\s*$")
_ELLIPSIS_END = re.compile(r"\s?(?:…|\.{3})\s*$")
# What a page's forms say to its reader, whatever the line's length: signing in, registering ("By
# submitting your registration information, you agree to our Terms of Service"), alerts ("Your
# notification has been saved", "Get email notifications on <a reporter> daily!"), a captcha,
# the labels of a transcript or a like button. Left in, a page whose article did not load is
# these lines, and every such page of one site template read as a copy of every other (or, by
# the reporter named, as one story); no report speaks to its reader so.
_ACCOUNT_PROMPT = re.compile(
    r"\b(?:please\s+sign\s+in|sign\s+in\s+(?:using|with|to\s+update)|already\s+have\s+an\s+account"
    r"|you\s+agree\s+to\s+(?:our|the)\s+terms|thank\s+you\s+for\s+registering"
    r"|we\s+look\s+forward\s+to\s+seeing\s+you|set\s+up\s+your\s+account"
    r"|notifications?\s+(?:has|have)\s+been\s+saved|problem\s+saving\s+your\s+notification"
    r"|email\s+notifications\s+are\s+only\s+sent|enter\s+the\s+characters\s+with"
    r"|like\s+this:\s*like|(?:hide|show)\s+transcript|you\s+are\s+the\s+owner\s+of\s+this\s+article"
    r"|get\s+e-?mail\s+notifications\s+on\s+[^.!?]{1,60}\s+daily"
    r"|e-?mail\s+delivered\s+to\s+your\s+inbox)\b",
    re.I,
)
# Words one of which each match of _GALLERY or _ACCOUNT_PROMPT holds, in lower case. Looking
# for them is cheaper than the two patterns, which are asked of every line of every report.
_FORM_WORDS = ("caption", "photo", "image", "slide", "picture", "(", "sign", "account", "agree",
               "registering", "seeing", "notification", "characters", "like", "transcript",
               "owner", "inbox")  # fmt: skip
# A correction or editor's note: it speaks of an earlier version's figures, which are not the
# report's current claims ("CORRECTION: An earlier version said 12 people were killed.").
_CORRECTION = re.compile(
    r"^(?:\*?\s*)?(?:correction|clarification|editor['’]?s\s+note)s?\b\s*[:.\-–—]"
    r"|^an?\s+(?:earlier|previous)\s+version\s+of\s+this\s+(?:story|article|report)\b",
    re.I,
)
# The heading of a list of other stories; the headline-like lines under it are that list.
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|content|coverage|news|links))?|more\s+(?:stories|news|"
    r"from\s+[\w .]+)|recommended(?:\s+(?:stories|for\s+you))?|you\s+(?:may|might)\s+also\s+like|"
    r"most\s+(?:popular|read|viewed)|trending(?:\s+now)?|top\s+stories|read\s+more|also\s+see|"
    r"see\s+also|other\s+stories)\s*:?$",
    re.I,
)
# A link to another story on one line: "RELATED: Man charged in fatal shooting", "[Related: ...]".
# Its headline is that story's, and its figures are not the report's.
_RELATED_LINK = re.compile(
    r"^\W*(?:related|see\s+also)(?:\s+(?:stories|story|articles?))?\s*:\s*\w", re.I
)
# A video playlist's entry: the clip's length, then its title ("0:50 One dead after shooting
# involving officer", "2:05 Video shows ... Pause"); never a time of day ("8:20 a.m.", "5:07 AM").
_VIDEO_ENTRY = re.compile(r"^\d{1,2}:\d{2}\s+(?![ap]\.?m\b)[^\W\d_]", re.I)
# Words that cannot close a sentence: a line ending on one was cut short.
_FUNCTION_WORDS = frozenset(  # a word list reads best as text
    """the a an of to and or but with for in on at by from that as
    into than whose""".split()  # noqa: SIM905
)


def clean_text(raw: str) -> Cleaned:
    """Clean one report."""
    # Broken sentences are joined before the edges are found, so that the tail of one counts as
    # prose.
    lines, removed = _drop_related_lists(_join_broken_lines(_normalise(raw)))
    kept, dropped = _sift(lines, *_body_span(lines))
    if not any(kept):
        # Nothing but furniture-shaped lines: keep those that only edge rules or labels removed,
        # so that a report that is a lone headline ("ON NOW" style labels too) is not emptied.
        # Only lines matching strong patterns ("Home", "Share this") can leave a report empty.
        kept, dropped = _sift(lines, first=0, last=len(lines), labels=False)
    kept, cut = _without_cut_lines(kept)
    removed += dropped + cut
    return Cleaned(text=_collapse(kept), title=_title(kept), removed=tuple(removed))


def _sift(
    lines: list[str], first: int, last: int, labels: bool = True
) -> tuple[list[str], list[str]]:
    """Split `lines` into kept and removed; lines outside [first, last] are at the edges; with
    `labels`, short lines in capitals inside the body go (above it, a headline in capitals is the
    title and a date line in capitals the date, for the edge rules and the metadata reader)."""
    kept: list[str] = []
    removed: list[str] = []
    for index, line in enumerate(lines):
        at_edge = index < first or index > last
        label = labels and not at_edge and _is_capitals_label(line)
        furniture = _is_furniture(line, at_edge) or label
        (removed if line and furniture else kept).append(line)
    return kept, removed


def _without_cut_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """`lines` split into those kept and those an ellipsis cuts short (`_is_cut`); a page with no
    sentence that ends (its teaser alone, a placeholder) keeps them."""
    cut = [line for line in lines if _is_cut(line)]
    if not cut or not any(_is_prose(line, 3) and not _TRAILS_OFF.search(line) for line in lines):
        return lines, []
    gone = set(cut)
    return [line for line in lines if line not in gone], cut


def _is_cut(line: str) -> bool:
    if _CUT_MARK.search(line):
        return True
    return _trailing_word(line).lower() in STOP_WORDS and not _quote_open(line)


# The two below read a line back from its end: a pattern for the last word, or for an open quote,
# searched from the line's start would try every start of a long run of letters or of opening
# marks, and an article's text may be one line of any length.
def _trailing_word(line: str) -> str:
    """The word right before the ellipsis that ends `line` ("three" of "and three..."), or ""."""
    ellipsis = _ELLIPSIS_END.search(line)
    if ellipsis is None:
        return ""
    start = end = ellipsis.start()
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] == "_"):
        start -= 1
    return line[start:end]


def _quote_open(line: str) -> bool:
    """Whether a quote is still open at the line's end: an opening mark at the start or after a
    space, with no closing mark after it (so at or after the last closing mark)."""
    last = max(line.rfind('"'), line.rfind("”"), 0)
    return any(
        line[i] in '"“' and (i == 0 or line[i - 1].isspace()) for i in range(last, len(line))
    )


def _drop_related_lists(lines: list[str]) -> tuple[list[str], list[str]]:
    """Drop "Related stories" headings and the headline-like lines listed under them, up to the
    next line of prose."""
    kept: list[str] = []
    removed: list[str] = []
    listing = False
    for line in lines:
        if line and _RELATED.match(line):
            listing = True
            removed.append(line)
        elif listing and line and not _is_prose(line):
            removed.append(line)
        else:  # a blank line keeps the list open, a paragraph closes it
            listing = listing and not line
            kept.append(line)
    return kept, removed


def _normalise(raw: str) -> list[str]:
    """Lines with unified line endings and spaces, trimmed at both ends."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\ufeff", "")
    return [_without_label(_break_runs(line.strip())) for line in text.split("\n")]


def _without_label(line: str) -> str:
    """The paragraph without a page label glued before it; a label before a date or a name
    ("Updated: March 3, 2023") is left for the date and credit rules."""
    rest = _LABEL_PREFIX.sub("", line, count=1)
    return rest if rest != line and _is_prose(rest) else line


# spaCy's tokenizer takes time quadratic in the length of a run without spaces that it must peel
# prefix by prefix ("$$$$...", "((((...", emoji, "'s's's..."): 4,000 such characters took 5-10 s,
# 20,000 three minutes. Runs of mostly letters and digits (long words, URLs, Japanese prose) peel
# in one go and are left alone.
_LONG_RUN = 64
_RUN = re.compile(rf"\S{{{_LONG_RUN + 1},}}")


def _break_runs(line: str) -> str:
    """`line` with a space every `_LONG_RUN` characters of each long run that is at least a quarter
    punctuation, symbols or emoji: page debris, never prose."""
    if len(line) <= _LONG_RUN:
        return line
    return _RUN.sub(_break_run, line)


def _break_run(match: re.Match[str]) -> str:
    run = match.group(0)
    if 4 * sum(not ch.isalnum() for ch in run) < len(run):
        return run
    return " ".join(run[i : i + _LONG_RUN] for i in range(0, len(run), _LONG_RUN))


def _is_prose(line: str, min_words: int = 6) -> bool:
    """A line of running text: several words closed by sentence punctuation."""
    return (
        len(line.split()) >= min_words and bool(SENTENCE_END.search(line)) and not _is_strong(line)
    )


def _body_span(lines: Sequence[str]) -> tuple[int, int]:
    """Indexes of the first and last sentences; the edges lie outside them."""
    prose = [i for i, line in enumerate(lines) if _is_prose(line, min_words=3)]
    if not prose:
        return len(lines), -1  # no prose at all: every line is at an edge
    return prose[0], prose[-1]


def _is_furniture(line: str, at_edge: bool) -> bool:
    return _is_strong(line) or (at_edge and _is_edge_furniture(line))


# Cached: cleaning asks it of most lines several times (for the body's edges, the title, the
# joins and the sift), each time through a dozen patterns.
@functools.lru_cache(maxsize=4096)
def _is_strong(line: str) -> bool:
    """Furniture wherever it stands; kept short so that no paragraph of text can match (but for
    a gallery's controls and a form's words to the reader, which no paragraph of a report
    holds)."""
    if _may_be_form(line) and (_GALLERY.search(line) or _ACCOUNT_PROMPT.search(line)):
        return True
    if len(line.split()) > 25:
        return False
    return (
        bool(_CALL_TO_ACTION.match(line) or _PHOTO_CREDIT.search(line))
        or bool(_CAPTION.search(line) or _BROWSER_NOTICE.search(line) or _CORRECTION.match(line))
        or is_copyright_line(line)
        or bool(_RELATED_LINK.match(line))
        or bool(_VIDEO_ENTRY.match(line) and not SENTENCE_END.search(line))
        or _is_interface(line)
        or is_labelled_date_line(line)
    )


def _may_be_form(line: str) -> bool:
    """Whether `line` may match _GALLERY or _ACCOUNT_PROMPT: it holds one of their words, or is
    not ASCII (where their IGNORECASE folds letters that `lower` does not: the Kelvin sign is
    a "k" to them)."""
    if not line.isascii():
        return True
    folded = line.lower()
    return any(word in folded for word in _FORM_WORDS)


def _is_capitals_label(line: str) -> bool:
    """A short line in capitals without sentence punctuation: a map label ("200 FEET"), a
    picture's label ("BROKEN WINDOWS VISIBLE") or a heading; never a sentence of the report, and
    left in the text it would be read as the start (or the source) of the next sentence."""
    if not 1 <= len(line.split()) <= 6:  # first, and cheap: most lines are paragraphs
        return False
    words = _WORD.findall(line)
    letters = [ch for ch in line if ch.isalpha()]
    return (
        len(letters) >= 3
        and all(ch.isupper() for ch in letters)  # capitals, not a script without case
        and not SENTENCE_END.search(line)
        and not is_date_line(line)
        and (len(words) >= 2 or len(letters) >= 4 or any(ch.isdigit() for ch in line))
    )


def _is_edge_furniture(line: str) -> bool:
    """Shapes that are page furniture before or after the body, but may be text inside it."""
    if SENTENCE_END.search(line):  # even "I can't." at the end is a sentence of the report
        return False
    words = _WORD.findall(line)
    return (
        is_date_line(line)
        or is_byline(line)
        or sum(len(w) >= 3 for w in words) < 2  # "• en", "(...)", "Home"
        or (len(words) <= 3 and line.upper() == line)  # "ON NOW", "- CUMBRIA POLICE"
    )


def _is_interface(line: str) -> bool:
    """A short line made only of interface words and dates: "Follow us on:", "WATCH TV LIVE"."""
    tokens = line_tokens(line)
    if not tokens or len(tokens) > 8 or SENTENCE_END.search(line):
        return False
    words = [t.lower() for t in tokens if date_token_kind(t) in (None, "label")]
    return bool(words) and all(w in PAGE_WORDS for w in words)


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Rejoin sentences that a copy-paste broke over two lines (and often a blank line)."""
    out: list[str] = []
    for line in lines:
        previous = _last_text_index(out)
        if line and previous is not None and _continues(out[previous], line):
            out[previous] = f"{out[previous]} {line}"
            del out[previous + 1 :]
        else:
            out.append(line)
    return out


def _last_text_index(lines: list[str]) -> int | None:
    """Index of the last non-blank line, if at most one blank line follows it."""
    for back, index in enumerate(range(len(lines) - 1, -1, -1)):
        if lines[index]:
            return index
        if back >= 1:
            return None
    return None


def _continues(first: str, second: str) -> bool:
    """Whether `second` carries on the sentence that `first` left open.

    Only clear cases: the next line starts in lower case, or the first ends on a comma or a word
    that cannot close a sentence. A line that merely lacks a full stop may be a subheading.
    """
    if (
        not _OPEN_END.search(first)
        or is_date_line(first)
        or _is_strong(first)
        or _is_strong(second)
    ):
        return False
    last_word = first.rsplit(maxsplit=1)[-1].lower()
    return (
        second[0].islower()
        or first.endswith(",")
        or (last_word in _FUNCTION_WORDS and len(first.split()) >= 4)
    )


def _collapse(lines: list[str]) -> str:
    """Join lines, with at most one blank line in a row and none at the ends."""
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _title(lines: list[str]) -> str | None:
    """The headline: the fullest headline-like line above the first paragraph of prose.

    Scraped pages often put a masthead ("THE DAILY POST") or a section menu ("World | Sport")
    above the headline, so the first line is not always it; menus, with their separators, never
    are, and of the rest the headline is the one that says the most.
    """
    header = []
    for line in lines:
        if line and "|" not in line and _is_headline_like(line):
            header.append(line)
        elif _is_prose(line):
            break
    if not header:
        return None
    return max(header, key=lambda line: len(line.split()))


def _is_headline_like(line: str) -> bool:
    """Short, not a dateline, and either open-ended or title case closed by a full stop.

    Some corpora end every headline with a full stop ("Trump Questions The Debate."); a sentence
    in ordinary case with a full stop is the first paragraph, not a headline.
    """
    words = line.split()
    if not 2 <= len(words) <= 25 or len(line) > 200 or parse_dateline(line) is not None:
        return False
    if not line[0].isupper() and not line[0].isdigit() and line[0] not in "\"'‘“":
        return False
    if SENTENCE_END.search(line):
        return line.rstrip("\"'’”)]").endswith(".") and _is_title_case(words)
    return not line.endswith(",")


def _is_title_case(words: Sequence[str]) -> bool:
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)
