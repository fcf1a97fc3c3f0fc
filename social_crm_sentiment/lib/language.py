"""Language detection of social mentions: ISO 639-1 code plus confidence.

Usage::

    detector = LanguageDetector(allowed_languages=["en", "ja", "es"])
    detector.detect("最高です！")           # ('ja', 0.99)
    detector.detect("Gracias!", hint="en")  # platform label kept unless clearly wrong

* Texts are cleaned first (URLs, handles, ``#``, emoji, digits dropped); a text
  with no letters left gives ``(None, 0.0)``.
* Scripts decide before any model when they are the text's main one: kana means
  Japanese, Hangul means Korean, Han characters alone mean Japanese when
  Japanese is allowed and Chinese is not. A text mostly in another script (an
  English review quoting one Japanese sentence) goes to the model.
* ``allowed_languages`` restricts and renormalises the model's probabilities; on
  short texts this is the biggest accuracy gain (see tests/benchmarks).
* A platform ``hint`` is kept unless the model is at least
  ``OVERRULE_HINT_PROBABILITY`` sure of another language on a text with at
  least ``OVERRULE_HINT_MIN_LETTERS`` letters.
* Every back-end is deterministic (langdetect runs with ``seed = 0``).
"""

import logging
from collections.abc import Iterable, Sequence

from .language_backends import BACKENDS, installed_backends
from .text_preprocessing import (
    HAN_RE,
    HANGUL_RE,
    HIRAGANA_KATAKANA_RE,
    clean_text,
    letters_only,
    normalize_language_code,
)

_logger = logging.getLogger(__name__)

# "auto": py3langid when the company restricts languages (most accurate and
# fastest then), fastText's lite model otherwise (py3langid over 97 languages is
# slower and less accurate). See tests/benchmarks/bench_language.py.
DEFAULT_ENGINE = "auto"
RESTRICTED_AUTO_ENGINES = ("py3langid", "fasttext", "lingua", "langdetect")
UNRESTRICTED_AUTO_ENGINES = ("fasttext", "py3langid", "lingua", "langdetect")
FALLBACK_ENGINE = "langdetect"
OVERRULE_HINT_PROBABILITY = 0.90
OVERRULE_HINT_MIN_LETTERS = 15
HINT_CONFIDENCE_FLOOR = 0.5
SCRIPT_RULE_CONFIDENCE = 0.99
# The models read a text byte by byte in Python: the first 500 characters
# (80 words or so) tell the language as well as the whole review.
DETECTION_MAX_CHARS = 500
# Kana or Hangul in a short text ("util-linux の fdisk") settle its language.
# In a longer one they must be its main script: one CJK character says about
# as much as three Latin letters, so 3 x their count must reach the number of
# the other letters.
EAST_ASIAN_LETTER_WEIGHT = 3
MIXED_SCRIPT_MIN_OTHER_LETTERS = 60


class LanguageDetector:
    """Detect the language of short social texts with a chosen back-end."""

    def __init__(
        self,
        engine: str = DEFAULT_ENGINE,
        allowed_languages: Iterable[str] | None = None,
    ):
        codes = {normalize_language_code(code) for code in allowed_languages or ()}
        codes.discard(None)
        self.allowed_languages: frozenset[str] | None = frozenset(codes) or None
        installed = installed_backends()
        if engine == "auto":
            preference = (
                RESTRICTED_AUTO_ENGINES
                if self.allowed_languages
                else UNRESTRICTED_AUTO_ENGINES
            )
            engine = next((name for name in preference if name in installed), engine)
        if engine not in BACKENDS:
            raise ValueError(
                f"unknown language engine {engine!r}; known: auto, {sorted(BACKENDS)}"
            )
        if engine not in installed:
            _logger.warning(
                "language engine %s is not installed, using %s", engine, FALLBACK_ENGINE
            )
            engine = FALLBACK_ENGINE
        self.engine = engine
        self._probabilities = BACKENDS[engine][0]

    @staticmethod
    def available_engines() -> list[str]:
        return installed_backends()

    def _is_allowed(self, code: str, extra: str | None = None) -> bool:
        return (
            self.allowed_languages is None
            or code in self.allowed_languages
            or (code == extra)
        )

    @staticmethod
    def _east_asian_script_is_main(text: str) -> bool:
        east_asian = sum(
            len(pattern.findall(text))
            for pattern in (HIRAGANA_KATAKANA_RE, HAN_RE, HANGUL_RE)
        )
        if not east_asian:
            return False
        other_letters = len(text) - text.count(" ") - east_asian
        return (
            other_letters < MIXED_SCRIPT_MIN_OTHER_LETTERS
            or east_asian * EAST_ASIAN_LETTER_WEIGHT >= other_letters
        )

    def _script_rule(self, text: str, hint: str | None) -> str | None:
        if not self._east_asian_script_is_main(text):
            return None
        if HIRAGANA_KATAKANA_RE.search(text) and self._is_allowed("ja", hint):
            return "ja"
        if HANGUL_RE.search(text) and self._is_allowed("ko", hint):
            return "ko"
        if (
            HAN_RE.search(text)
            and self.allowed_languages is not None
            and "ja" in self.allowed_languages
            and "zh" not in self.allowed_languages
            and hint != "zh"
        ):
            return "ja"
        return None

    def _ranked(self, text: str, hint: str | None) -> list[tuple[str, float]]:
        scripted = self._script_rule(text, hint)
        if scripted:
            return [(scripted, SCRIPT_RULE_CONFIDENCE)]
        allowed = self.allowed_languages
        if allowed is not None and hint:
            allowed = allowed | {hint}
        return self._probabilities(text, allowed)

    def detect(self, text: str, hint: str | None = None) -> tuple[str | None, float]:
        """Return ``(iso_639_1_code or None, confidence 0..1)``."""
        prepared = letters_only(clean_text(text)[:DETECTION_MAX_CHARS])
        hint_code = normalize_language_code(hint)
        if not prepared:
            return None, 0.0
        ranked = self._ranked(prepared, hint_code)
        if not ranked:
            return (hint_code, HINT_CONFIDENCE_FLOOR) if hint_code else (None, 0.0)
        best_code, best_probability = ranked[0]
        if hint_code is None or best_code == hint_code:
            return best_code, round(best_probability, 4)
        letter_count = len(prepared.replace(" ", ""))
        if (
            best_probability >= OVERRULE_HINT_PROBABILITY
            and letter_count >= OVERRULE_HINT_MIN_LETTERS
        ) or (best_probability >= SCRIPT_RULE_CONFIDENCE and len(ranked) == 1):
            return best_code, round(best_probability, 4)
        hint_probability = dict(ranked).get(hint_code, 0.0)
        return hint_code, round(max(hint_probability, HINT_CONFIDENCE_FLOOR), 4)

    def detect_many(
        self, texts: Iterable[str], hints: Sequence[str | None] | None = None
    ) -> list[tuple[str | None, float]]:
        texts = list(texts)
        hints = list(hints) if hints is not None else [None] * len(texts)
        if len(hints) != len(texts):
            raise ValueError("hints must be as long as texts")
        return [
            self.detect(text, hint) for text, hint in zip(texts, hints, strict=True)
        ]
