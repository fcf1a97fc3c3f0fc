"""A small lexicon + rules engine for languages without a library engine.

Rules (VADER's, simplified): negation within the three previous words flips
and damps a valence (x -0.74, so "pas mal" / "no está mal" read mildly
positive), intensifiers boost it (x 1.3), words after a contrast conjunction
("pero", "mais", "aber", "mas") weigh 1.5 and words before it 0.5, emoji add
their valence, exclamation marks amplify a non-zero total. Lexicon entries are
accent-folded; an entry ending in ``*`` matches any word starting with it.
"""

import functools
import re
from dataclasses import dataclass, field

from ..text_preprocessing import strip_accents
from .base import (
    EXCLAMATION_RE,
    EngineScore,
    clamp_score,
    emoji_valences,
    intensity_of,
    squash,
)

NEGATION_SCALAR = -0.74
INTENSIFIER_SCALAR = 1.3
NEGATION_WINDOW = 3
AFTER_CONTRAST_WEIGHT = 1.5
BEFORE_CONTRAST_WEIGHT = 0.5
EXCLAMATION_BOOST = 0.292
MAX_COUNTED_EXCLAMATIONS = 4
TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class LanguageLexicon:
    valences: dict[str, float]
    negators: frozenset[str]
    intensifiers: frozenset[str]
    contrasts: frozenset[str]
    prefixes: tuple[tuple[str, float], ...] = field(default=())

    @classmethod
    def build(cls, valences, negators, intensifiers, contrasts) -> "LanguageLexicon":
        exact, prefixes = {}, []
        for entry, valence in valences.items():
            folded = strip_accents(entry.lower())
            if folded.endswith("*"):
                prefixes.append((folded[:-1], valence))
            else:
                exact[folded] = valence
        prefixes.sort(key=lambda item: len(item[0]), reverse=True)

        def fold(words):
            return frozenset(strip_accents(word) for word in words)

        return cls(
            exact, fold(negators), fold(intensifiers), fold(contrasts), tuple(prefixes)
        )


class LexiconRulesEngine:
    name = "lexicon"

    def __init__(self, lexicon: LanguageLexicon):
        self.lexicon = lexicon
        self._valence_of = functools.lru_cache(maxsize=50_000)(self._lookup)

    def _lookup(self, token: str) -> float:
        valence = self.lexicon.valences.get(token)
        if valence is not None:
            return valence
        for prefix, prefix_valence in self.lexicon.prefixes:
            if token.startswith(prefix):
                return prefix_valence
        return 0.0

    def _word_valences(self, tokens: list[str]) -> tuple[list[float], bool]:
        lexicon = self.lexicon
        valences, intensified = [], False
        for index, token in enumerate(tokens):
            valence = self._valence_of(token)
            if valence == 0.0:
                continue
            previous = tokens[max(0, index - NEGATION_WINDOW) : index]
            if previous and previous[-1] in lexicon.intensifiers:
                valence *= INTENSIFIER_SCALAR
                intensified = True
            if any(word in lexicon.negators for word in previous):
                valence *= NEGATION_SCALAR
            valences.append((index, valence))
        contrast_at = next(
            (i for i, token in enumerate(tokens) if token in lexicon.contrasts), None
        )
        weighted = []
        for index, valence in valences:
            if contrast_at is not None:
                weight = (
                    AFTER_CONTRAST_WEIGHT
                    if index > contrast_at
                    else BEFORE_CONTRAST_WEIGHT
                )
                valence *= weight
            weighted.append(valence)
        return weighted, intensified

    def score(self, text: str) -> EngineScore:
        tokens = TOKEN_RE.findall(strip_accents(text.lower()))
        word_valences, intensified = self._word_valences(tokens)
        raw = sum(word_valences) + sum(emoji_valences(text))
        if raw:
            exclamations = min(
                len(EXCLAMATION_RE.findall(text)), MAX_COUNTED_EXCLAMATIONS
            )
            raw += EXCLAMATION_BOOST * exclamations * (1 if raw > 0 else -1)
        score = clamp_score(squash(raw))
        return EngineScore(score, intensity_of(score, text, intensified))
