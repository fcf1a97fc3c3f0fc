"""Tokens, n-gram features and stop words for per-company adaptation."""

import hashlib
import itertools
import re

from .text_preprocessing import HAN_RE, HANGUL_RE, HIRAGANA_KATAKANA_RE, strip_accents

WORD_RE = re.compile(r"\w+")
CJK_LETTER_RE = re.compile(r"[^\W\d_]")
MAX_WORD_NGRAM = 3
CJK_NGRAM_SIZES = (2, 3, 4)

# Function words of en/es/fr/de/pt: never a phrase rule or a model feature alone.
# fmt: off
STOP_WORDS = frozenset(
    """
a an the and or but if of to in on at by for with from as is are was were be
been am it its this that these those i me my we our you your he she they them
his her their there here so not no do does did have has had just very too also
than then what which who whom how when where why all any some can could will
would should lol im dont its u ur el la los las un una unos unas y o pero de del
al en con por para que es son fue se lo le les mi tu su sus nos muy mas ya esta
este esto eso le la les un une des et ou mais de du au aux en dans pour par que
qui est sont je tu il elle nous vous ils elles ce cette ces mon ton son ma ta sa
mes der die das ein eine und oder aber von zu im in mit fur ist sind war ich du
er sie wir ihr es den dem des auf auch nur noch o a os as um uma e ou mas de do
da dos das em no na com por para que eu ele ela
""".split()  # noqa: SIM905
)
# fmt: on


def is_cjk(text: str) -> bool:
    return bool(
        HIRAGANA_KATAKANA_RE.search(text)
        or HAN_RE.search(text)
        or HANGUL_RE.search(text)
    )


def normalized_tokens(text: str) -> list[str]:
    return WORD_RE.findall(strip_accents(text.lower()))


def phrase_candidates(text: str) -> set[str]:
    """Word 1..3-grams (char 2..4-grams for CJK) that could become a rule."""
    if is_cjk(text):
        letters = "".join(CJK_LETTER_RE.findall(text))
        return {
            letters[start : start + size]
            for size in CJK_NGRAM_SIZES
            for start in range(len(letters) - size + 1)
        }
    tokens = normalized_tokens(text)
    candidates = set()
    for size in range(1, MAX_WORD_NGRAM + 1):
        for start in range(len(tokens) - size + 1):
            gram = tokens[start : start + size]
            if all(token in STOP_WORDS for token in gram):
                continue
            if size == 1 and len(gram[0]) < 3:
                continue
            candidates.add(" ".join(gram))
    return candidates


def model_features(text: str) -> set[str]:
    """Unigrams (without stop words) and bigrams; char bigrams for CJK."""
    if is_cjk(text):
        letters = "".join(CJK_LETTER_RE.findall(text))
        return {letters[start : start + 2] for start in range(len(letters) - 1)}
    tokens = normalized_tokens(text)
    features = {token for token in tokens if token not in STOP_WORDS}
    features.update(f"{first} {second}" for first, second in itertools.pairwise(tokens))
    return features


def text_key(text: str) -> str:
    """Stable key of a text for exact-duplicate corrections (reposts, copies)."""
    if is_cjk(text):
        normalized = "".join(CJK_LETTER_RE.findall(text))
    else:
        normalized = " ".join(normalized_tokens(text))
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def normalize_phrase(phrase: str) -> str:
    """A hand-written rule phrase in the form ``phrase_candidates`` produces."""
    if is_cjk(phrase):
        return "".join(CJK_LETTER_RE.findall(phrase))
    return " ".join(normalized_tokens(phrase))
