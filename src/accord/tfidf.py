"""TF-IDF, written once: the smoothed IDF, the English stop words, and unit TF-IDF rows of texts.

The clusterer weighs reports with the store's document frequencies (`stories.index.Weights`); the
briefing weighs the sentences of one story among themselves (`unit_rows`). Both use `idf`, which is
scikit-learn's smoothed IDF (as if one more document held every term), and `STOP_WORDS`, which is
scikit-learn's English list (the Glasgow Information Retrieval Group's, BSD-3-Clause), kept word for
word so that the features, and so the stories and briefings, are what they were with scikit-learn.
spaCy's list differs by some 60 words (it keeps "fire", "found", "bill"; it drops "say", "make").
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from scipy.sparse import csr_matrix

_STOP_LIST = """
    a about above across after afterwards again against all almost alone along already also although
    always am among amongst amoungst amount an and another any anyhow anyone anything anyway
    anywhere are around as at back be became because become becomes becoming been before beforehand
    behind being below beside besides between beyond bill both bottom but by call can cannot cant co
    con could couldnt cry de describe detail do done down due during each eg eight either eleven
    else elsewhere empty enough etc even ever every everyone everything everywhere except few
    fifteen fifty fill find fire first five for former formerly forty found four from front full
    further get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers
    herself him himself his how however hundred i ie if in inc indeed interest into is it its itself
    keep last latter latterly least less ltd made many may me meanwhile might mill mine more
    moreover most mostly move much must my myself name namely neither never nevertheless next nine
    no nobody none noone nor not nothing now nowhere of off often on once one only onto or other
    others otherwise our ours ourselves out over own part per perhaps please put rather re same see
    seem seemed seeming seems serious several she should show side since sincere six sixty so some
    somehow someone something sometime sometimes somewhere still such system take ten than that the
    their them themselves then thence there thereafter thereby therefore therein thereupon these
    they thick thin third this those though three through throughout thru thus to together too top
    toward towards twelve twenty two un under until up upon us very via was we well were what
    whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever
    whether which while whither who whoever whole whom whose why will with within without would yet
    you your yours yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_LIST.split())
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # words of two or more letters, as scikit-learn's
# Texts whose terms are kept: the sentences of a story of some 500 distinct reports.
TEXTS_KEPT = 1 << 14


def idf(docs: float, df: float) -> float:
    """The smoothed inverse document frequency of a term found in `df` of `docs` documents."""
    return math.log((docs + 1) / (df + 1)) + 1.0


def unit_rows(texts: Sequence[str], copies: Sequence[int] | None = None) -> csr_matrix:
    """One L2-normalised row per text: sublinear term counts (1 + log tf) times the terms' IDF.

    A text of stop words only is a row of zeros. Each row keeps its terms in the order the terms
    were first met in `texts`, the order scikit-learn's TfidfVectorizer sums them in, so that the
    rows' products are the same to the last bit. `copies[i]` is how many documents are the text
    `texts[i]` (one each by default): the rows are those of the documents' distinct texts.
    """
    ids: dict[str, int] = {}
    rows = [
        sorted((ids.setdefault(t, len(ids)), n) for t, n in _term_counts(text)) for text in texts
    ]
    sizes = list(map(len, rows))
    indptr = np.cumsum([0, *sizes])
    terms = [term for row in rows for term in row]
    indices = np.fromiter((t for t, _ in terms), dtype=np.int64, count=len(terms))
    counts = np.fromiter((n for _, n in terms), dtype=np.float64, count=len(terms))
    each = [1] * len(texts) if copies is None else list(copies)
    df = np.bincount(indices, weights=np.repeat(each, sizes), minlength=len(ids))
    documents = sum(each)
    weights = np.array([idf(documents, d) for d in df.tolist()])
    data = (1.0 + np.log(counts)) * weights[indices]
    # each row's norm summed in order, one term after another, as scikit-learn sums it; a row
    # of no terms keeps no weights to divide
    squares = (data * data).tolist()
    norms = [math.sqrt(sum(squares[start:end])) for start, end in pairwise(indptr.tolist())]
    data /= np.repeat(norms, sizes)
    return csr_matrix((data, indices, indptr), shape=(len(texts), len(ids)))


# A story's briefing weighs its sentences again on every add to it, and reading their words
# was most of that: kept, in the order first met, so that the terms are numbered as the text's
# own words would number them; as tuples of text and numbers, which the garbage collector stops
# walking once it has seen them. A text read once costs 3-4.5 us more than counting its words
# did (GVA dev's 41,327 texts), one read again some 6 us less.
@functools.lru_cache(maxsize=TEXTS_KEPT)
def _term_counts(text: str) -> tuple[tuple[str, int], ...]:
    """Each term of `text` (a word of two or more letters, not a stop word) and its count."""
    return tuple(Counter([t for t in _TOKEN.findall(text.lower()) if t not in STOP_WORDS]).items())
