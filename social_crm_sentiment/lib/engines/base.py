"""What every sentiment engine shares: the interface, emoji valence, emphasis.

An engine maps a cleaned text to ``EngineScore(score -1..1, intensity 0..1)``.
``SentimentAnalyzer`` turns that into a labelled ``SentimentResult``.
"""

import math
import re
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class EngineScore:
    score: float
    intensity: float


class SentimentEngine(Protocol):
    name: str

    def score(self, text: str) -> EngineScore: ...


# Emoji valence on a -4..+4 scale (VADER's), chosen for customer-care mentions:
# laughing faces are mildly positive, anger/vomit/poop strongly negative.
# fmt: off
EMOJI_VALENCE = {
    "😡": -3.2, "🤬": -3.6, "😠": -2.8, "👿": -2.6, "💩": -2.6, "🤮": -3.0,
    "🤢": -2.4, "👎": -2.4, "😞": -2.2, "😢": -2.2, "😭": -2.4, "😤": -2.0,
    "🙄": -1.6, "😒": -1.8, "💔": -2.6, "😫": -2.2, "😩": -2.2, "😖": -2.0,
    "😣": -1.8, "😟": -1.8, "😕": -1.4, "🙁": -1.6, "☹": -1.8, "😰": -2.0,
    "😱": -1.6, "😨": -1.8, "😓": -1.4, "😔": -1.8, "😑": -0.8, "😐": -0.4,
    "🤦": -1.8, "😪": -1.2, "😿": -2.0, "🖕": -3.0, "⚠": -0.8, "❌": -1.4,
    "😍": 3.0, "🥰": 3.0, "😘": 2.4, "😊": 2.4, "☺": 2.2, "🙂": 1.6,
    "😀": 2.2, "😃": 2.4, "😄": 2.6, "😁": 2.4, "😆": 2.0, "😂": 1.4,
    "🤣": 1.4, "😉": 1.4, "😎": 1.8, "🤩": 3.0, "🥳": 2.8, "👍": 2.2,
    "👌": 2.0, "👏": 2.2, "🙌": 2.4, "🙏": 1.6, "💯": 2.4, "🎉": 2.6,
    "🎊": 2.4, "✨": 1.6, "⭐": 1.8, "🌟": 2.0, "❤": 2.8, "💖": 2.8,
    "💕": 2.6, "💗": 2.6, "💙": 2.4, "💚": 2.4, "💛": 2.4, "💜": 2.4,
    "🧡": 2.4, "♥": 2.6, "😇": 2.0, "🤗": 2.4, "💪": 1.8, "🔥": 1.4,
    "✅": 1.2, "🏆": 2.2, "😋": 2.0, "🥲": 0.4,
}
# fmt: on
# Each emoji above is one code point (variation selectors follow it). A class
# of code point ranges finds candidates fast (a list of astral characters or an
# alternation is 20x slower); the dictionary keeps the known ones.
EMOJI_BLOCKS_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50]")
assert all(EMOJI_BLOCKS_RE.fullmatch(emoji) for emoji in EMOJI_VALENCE)
EXCLAMATION_RE = re.compile("[!！]")
SHOUTED_WORD_RE = re.compile(r"\b[A-Z]{3,}\b")
WORD_RE = re.compile(r"\b[A-Za-z]{3,}\b")


def emoji_valences(text: str) -> list[float]:
    """Valence (-4..4) of each known emoji in ``text``, in order."""
    return [
        EMOJI_VALENCE[match]
        for match in EMOJI_BLOCKS_RE.findall(text)
        if match in EMOJI_VALENCE
    ]


def squash(raw_valence: float, alpha: float = 15.0) -> float:
    """VADER's normalisation of a summed valence into -1..1."""
    if raw_valence == 0.0:
        return 0.0
    return raw_valence / math.sqrt(raw_valence * raw_valence + alpha)


def emphasis(text: str, has_intensifier: bool = False) -> float:
    """0..1: exclamation marks, SHOUTED words and intensifiers."""
    exclamations = min(len(EXCLAMATION_RE.findall(text)), 3)
    words = WORD_RE.findall(text)
    shouted_share = len(SHOUTED_WORD_RE.findall(text)) / len(words) if words else 0.0
    value = 0.2 * exclamations + 0.4 * min(shouted_share * 2, 1.0)
    if has_intensifier:
        value += 0.3
    return min(value, 1.0)


def intensity_of(score: float, text: str, has_intensifier: bool = False) -> float:
    """Strength of the expressed feeling: mostly |score|, plus emphasis."""
    if score == 0.0:
        return 0.0
    value = 0.75 * abs(score) + 0.25 * emphasis(text, has_intensifier)
    return round(min(value, 1.0), 4)


def clamp_score(score: float) -> float:
    return round(max(-1.0, min(1.0, score)), 4)
