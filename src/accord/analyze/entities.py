"""Entities of one report: named mentions grouped into report-local entities, and the resolution
of a statement's source words (a name, a pronoun, "the group", "a source") to one of them.

Local ids are f"{key}:{n}"; `accord.analyze.canonical` later merges them across reports.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from accord.analyze._attribution_cues import lexicon
from accord.analyze.docs import headline_cased, text_of
from accord.model import Mention, MentionKind, SourceType
from accord.text import fold_accents

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = {
    "PERSON": SourceType.PERSON,
    "ORG": SourceType.ORGANISATION,
    "GPE": SourceType.PLACE,
    "NORP": SourceType.OTHER,
}
_POSSESSIVE = re.compile(r"[’']s?$")
_BODY_TYPES = ("organisation", "government", "ngo", "media")
_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without accents, for comparing names (cached: resolution folds a stored name
    each time a new name meets it)."""
    return fold_accents(text).lower()


def clean_name(text: str) -> str:
    """A name without leading titles or articles and without a possessive ending:
    "Attorney General Tarek Saab's" -> "Tarek Saab"."""
    words = [_POSSESSIVE.sub("", w) for w in text.split()]
    titles = lexicon().titles | {"the", "a", "an"}
    while len(words) > 1 and fold(words[0]).rstrip(".") in titles:
        words.pop(0)
    return " ".join(w for w in words if w)


def type_of_name(name: str, label_type: SourceType) -> SourceType:
    """Refine an organisation's type by the words of its name ("Ministry" -> government)."""
    if label_type not in ("organisation", "other"):
        return label_type
    words = f" {fold(name)} "
    for kind in (SourceType.MEDIA, SourceType.GOVERNMENT, SourceType.NGO):
        if any(f" {k} " in words for k in lexicon().type_keywords[kind]):
            return kind
    return label_type


def is_person_subset(short: str, full: str) -> bool:
    """ "Saab" or "Tarek Saab" names the same person as "Tarek William Saab" (same surname)."""
    a, b = fold(short).split(), fold(full).split()
    return bool(a) and bool(b) and a[-1] == b[-1] and set(a) <= set(b)


def acronym(name: str) -> str:
    """Initials of the capitalised words: "Human Rights Watch" -> "HRW"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def acronym_letters(name: str) -> str:
    """The letters of a name written as an acronym ("HRW", "U.N."), else ""."""
    letters = name.replace(".", "")
    return letters if 2 <= len(letters) <= 6 and letters.isupper() else ""


_DEFINITION = re.compile(r"\s*\(([A-Z][A-Z.]{1,11})\)")


def defined_acronym(name: str, after: str) -> str:
    """The acronym a report defines in brackets right after a name (`after` is the text that
    follows it), "National Electoral Council (CNE)", when its letters are the name's initials in
    any order (a translated name keeps the original's: "Consejo Nacional Electoral"); else ""."""
    found = _DEFINITION.match(after)
    letters = acronym_letters(found.group(1)) if found else ""
    initials = acronym(name).upper() if len(name.split()) >= 2 else ""
    return letters if letters and sorted(letters) == sorted(initials) else ""


def is_acronym_of(short: str, full: str) -> bool:
    """ "HRW" for "Human Rights Watch": the initials in their order ("NBC" is not "Central Bank
    of Nigeria"). A translated name's acronym in another order ("National Electoral Council
    (CNE)") counts only where the report defines it (`defined_acronym`)."""
    letters = acronym_letters(short)
    if not letters or len(full.split()) < 2:
        return False
    return letters == acronym(full).upper()


# Nouns that make the name before them a place ("Suka Makmur village", "Bireun district").
PLACE_NOUNS = {
    "village", "town", "city", "district", "province", "county", "island", "region", "regency",
    "municipality", "prefecture", "neighborhood", "neighbourhood", "township",
}  # fmt: skip


@dataclass(slots=True)
class Resolved:
    entity: str
    name: str
    type: SourceType


@dataclass(slots=True)
class _Cluster:
    id: str
    name: str  # the fullest name seen in this report
    type: SourceType
    titles: set[str] = field(default_factory=set)
    gender: str | None = None
    acronyms: set[str] = field(default_factory=set)  # defined in the report (`defined_acronym`)
    one_person: bool = False  # unnamed, one person ("the official who uses one name"): a "he"

    def matches(self, name: str) -> bool:
        if fold(name) == fold(self.name) or acronym_letters(name) in self.acronyms:
            return True
        if self.type == "person":
            return is_person_subset(name, self.name) or is_person_subset(self.name, name)
        return is_acronym_of(name, self.name) or is_acronym_of(self.name, name)


class LocalEntities:
    """The entities of one report, built from its named entities, growing as sources resolve."""

    def __init__(self, doc: Doc, key: str) -> None:
        self._doc, self._key = doc, key
        self._clusters: list[_Cluster] = []
        self._mentions: list[Mention] = []
        self._by_token: dict[int, _Cluster] = {}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS and not _headline_only(ent):
                self._add_name(ent)

    def mentions(self) -> list[Mention]:
        return list(self._mentions)

    def resolve(self, span: Span) -> Resolved:
        """The entity that `span` (a statement's source words) refers to."""
        owner = _record_owner(span)
        if owner is not None:
            return self.resolve(owner)
        cluster, kind = self._named(span), "name"
        if cluster is None:
            cluster, kind = self._unnamed(span)
            self._mention(span, cluster, kind)
        kind_type = SourceType.GOVERNMENT if cluster.type == "place" else cluster.type
        return Resolved(cluster.id, cluster.name, kind_type)

    # ------------------------------------------------------------ names

    def _add_name(self, ent: Span) -> None:
        ent = _with_first_names(ent)
        name = clean_name(ent.text)
        if not name or not any(c.isalpha() for c in name):
            return
        label_type = (
            _group_described(ent)
            or _place_described(ent)
            or _titled(ent)
            or NAME_LABELS[ent.label_]
        )
        cluster = self._find(name, label_type) or self._new(name, label_type)
        if len(name.split()) > len(cluster.name.split()):
            cluster.name = name
        cluster.titles |= _titles_before(ent)
        # text_of, not ent.doc.text: spaCy rebuilds the whole text from its tokens on each access.
        after = text_of(ent.doc)[ent.end_char : ent.end_char + 16]
        if defined := defined_acronym(name, after):
            cluster.acronyms.add(defined)
        for tok in ent:
            self._by_token[tok.i] = cluster
        self._mention(ent, cluster, "name")

    def _find(self, name: str, label_type: SourceType) -> _Cluster | None:
        # The same name is the same entity whatever the tagger called it this time; a partial
        # name goes to the most recently mentioned compatible entity ("Clinton" after "Bill").
        same = [c for c in self._clusters if fold(c.name) == fold(name)]
        if same:
            return same[0]
        # A part of a person's name is that person even when tagged otherwise ("Romero said").
        persons = [
            c for c in self._clusters if c.type == "person" and is_person_subset(name, c.name)
        ]
        if persons:
            return persons[-1]
        for mention in reversed(self._mentions):
            cluster = self._cluster(mention.entity)
            if _same_kind(cluster.type, label_type) and cluster.matches(name):
                return cluster
        return None

    def _new(self, name: str, type_: SourceType) -> _Cluster:
        cluster = _Cluster(f"{self._key}:{len(self._clusters)}", name, type_of_name(name, type_))
        self._clusters.append(cluster)
        return cluster

    def _cluster(self, entity: str) -> _Cluster:
        return self._clusters[int(entity.rsplit(":", 1)[1])]

    def _mention(self, span: Span, cluster: _Cluster, kind: MentionKind) -> None:
        mention = Mention(
            self._key, cluster.id, span.text, span.start_char, span.end_char, kind, cluster.type
        )
        # Kept in text order: antecedents are searched backwards from a position.
        bisect.insort(self._mentions, mention, key=lambda m: (m.start, m.end))

    # ------------------------------------------------------------ sources

    def _named(self, span: Span) -> _Cluster | None:
        """A name at the head of the source or in apposition to it ("the group's director,
        Alfredo Romero"); a name inside a modifier ("Connecticut's commissioner") does not count."""
        root = span.root
        for tok in (root, *(c for c in root.children if c.dep_ == "appos")):
            if tok.i in self._by_token:
                return self._by_token[tok.i]
        return None

    def _unnamed(self, span: Span) -> tuple[_Cluster, MentionKind]:
        root, lex = span.root, lexicon()
        word = root.lower_
        if word in lex.pronouns["relative"] and root.head.dep_ in ("relcl", "acl"):
            antecedent = root.head.head
            return self._antecedent_of(span.doc[antecedent.left_edge.i : antecedent.i + 1])
        if word in lex.pronouns["person"]:
            return self._pronoun(span, "person", _GENDER.get(word)), "pronoun"
        if word in lex.pronouns["group"]:
            return self._pronoun(span, "group", None), "pronoun"
        return self._description(span)

    def _antecedent_of(self, span: Span) -> tuple[_Cluster, MentionKind]:
        named = self._named(span)
        return (named, "pronoun") if named is not None else self._description(span)

    def _pronoun(self, span: Span, kind: str, gender: str | None) -> _Cluster:
        for mention in reversed(self._mentions):
            if mention.start >= span.start_char:
                continue
            cluster = self._cluster(mention.entity)
            if ((cluster.type == "person") or cluster.one_person) != (kind == "person"):
                continue
            if gender and cluster.gender not in (None, gender):
                continue
            cluster.gender = cluster.gender or gender
            return cluster
        return self._new(span.text, SourceType.PERSON if kind == "person" else SourceType.OTHER)

    def _description(self, span: Span) -> tuple[_Cluster, MentionKind]:
        """ "the group" -> the last organisation named; "the attorney general" -> the last person
        with that title; "a source", "officials" -> anonymous; anything else stands alone."""
        root, lex = span.root, lexicon()
        lemma = root.lemma_.lower()
        known = self._find(clean_name(span.text), SourceType.OTHER)
        if known is not None:  # a name the tagger missed this time
            return known, "name"
        definite = _is_definite(span)
        if definite and lemma in lex.group_heads and not _has_owner(root):
            found = self._last(span, lambda c: c.type in _BODY_TYPES)
            if found is not None:
                return found, "description"
        if definite and lemma in lex.person_heads:
            found = self._last(span, lambda c: c.type == "person" and lemma in c.titles)
            if found is not None:
                return found, "description"
        described = _without_clauses(span)
        if lemma in lex.anonymous_heads or (lemma in lex.person_heads and not definite):
            anonymous = self._new(described, SourceType.ANONYMOUS)
            anonymous.one_person = lemma in lex.person_heads and root.tag_ in ("NN", "NNP")
            return anonymous, "anonymous"
        guess = (
            SourceType.PERSON
            if lemma in lex.person_heads
            else type_of_name(span.text, SourceType.OTHER)
        )
        return self._new(described, guess), "description"

    def _last(self, span: Span, wanted: Callable[[_Cluster], bool]) -> _Cluster | None:
        for mention in reversed(self._mentions):
            cluster = self._cluster(mention.entity)
            if mention.start < span.start_char and mention.kind == "name" and wanted(cluster):
                return cluster
        return None


def _headline_only(ent: Span) -> bool:
    """A name read in a headline in Title Case or capitals that the rest of the report never
    writes: the small model's names there are as often a verb or a noun run on ("Charged with
    Murdering Sheriff's Deputy" gives "Murdering Sheriff"), and a real name of the story is
    written again in the body."""
    sent = ent.sent
    if not headline_cased(sent):
        return False
    text = text_of(ent.doc)
    return ent.text not in text[: sent.start_char] and ent.text not in text[sent.end_char :]


def _without_clauses(span: Span) -> str:
    """A description without what a relative clause or a participle adds about it: "officials
    who spoke on condition of anonymity" are "officials", "news reports that began at 14:00" are
    "news reports" (the statement's span keeps every word)."""
    root = span.root
    gone = {t.i for c in root.children if c.dep_ in {"relcl", "acl"} for t in c.subtree}
    kept = [t for t in span if t.i not in gone]
    if not kept or any(t.i in gone for t in span.doc[kept[0].i : kept[-1].i + 1]):
        return span.text  # a clause inside the phrase: the words as written
    return span.doc[kept[0].i : kept[-1].i + 1].text.strip(" ,;:-")


def _with_first_names(ent: Span) -> Span:
    """Widen a person's name over capitalised given names the tagger left out
    ("Attorney General Tarek William Saab" tagged as "William Saab")."""
    if ent.label_ != "PERSON":
        return ent
    start, titles = ent.start, lexicon().title_words
    while start > ent.sent.start:
        prev = ent.doc[start - 1]
        if prev.pos_ != "PROPN" or not prev.is_title or fold(prev.text).rstrip(".") in titles:
            break
        start -= 1
    widened = ent.doc[start : ent.end]
    widened.label_ = ent.label_
    return widened


def _record_owner(span: Span) -> Span | None:
    """Whose figures a record is: "Government numbers", "the ministry's tally", "results
    published by the council" stand for the government, the ministry, the council."""
    root = span.root
    if root.lemma_.lower() not in lexicon().record_heads:
        return None
    for child in root.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ in ("NOUN", "PROPN")):
            return span.doc[child.left_edge.i : child.i + 1]
        agents = [a for a in child.children if a.dep_ == "agent"] if child.dep_ == "acl" else []
        objects = [o for a in agents for o in a.children if o.dep_ == "pobj"]
        if objects:
            return span.doc[objects[0].left_edge.i : objects[0].i + 1]
    return None


def _has_owner(root: Token) -> bool:
    """ "the attorney general's office" is its own body, not an anaphor for the last one."""
    return any(
        c.dep_ in ("poss", "compound") and c.pos_ in ("NOUN", "PROPN") for c in root.children
    )


def _same_kind(a: str, b: str) -> bool:
    return (a == "person") == (b == "person")


def _is_definite(span: Span) -> bool:
    return any(t.dep_ == "poss" or t.lower_ in ("the", "this", "that") for t in span.root.lefts)


def _group_described(ent: Span) -> SourceType | None:
    """ "the local rights group Foro Penal", "Rescate Norte, the relief group that led the
    effort": a name in apposition to a group noun is an organisation, whatever the tagger
    thought; its type comes from the description's words."""
    heads = lexicon().group_heads
    if ent.start > 0 and ent.doc[ent.start - 1].lemma_.lower() in heads:
        described = ent.doc[max(ent.start - 4, 0) : ent.start]
    else:
        # A description ("the relief group"), not another name ("Lt. Todd Ojile, Wichita Police
        # Department" is a person and the body he speaks for).
        appositive = [c for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end]
        if not appositive or appositive[0].pos_ != "NOUN":
            return None
        if appositive[0].lemma_.lower() not in heads:
            return None
        described = ent.doc[appositive[0].left_edge.i : appositive[0].i + 1]
    return type_of_name(" ".join(t.lower_ for t in described), SourceType.ORGANISATION)


def _titled(ent: Span) -> SourceType | None:
    """A name right after a person's job title ("Coordinator Lucía Arranz") is a person's."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if (
        before is not None
        and before.lower_ in lexicon().person_titles
        and before.dep_ == "compound"
    ):
        return SourceType.PERSON
    return None


def _place_described(ent: Span) -> SourceType | None:
    """ "In Suka Makmur village": a name a place noun follows is a place, whatever the tagger
    thought."""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return SourceType.PLACE if following is not None and following.lower_ in PLACE_NOUNS else None


def _titles_before(ent: Span) -> set[str]:
    """Title words just before a name or inside it ("Attorney General Tarek Saab")."""
    titles = lexicon().title_words
    window = ent.doc[max(ent.start - 3, 0) : ent.end]
    return {word for word in (fold(t.text) for t in window) if word in titles}
