"""Per-company adaptation learned from users' sentiment corrections.

``Adaptation.from_corrections([{"text", "language", "old_label", "new_label"}])``
learns three things, all serialisable to a JSON dict (``to_dict``/``from_dict``)
so Odoo can store one per company:

1. exact texts: a corrected text seen again (repost, copy-paste) gets the
   corrected label (texts are stored as 16-hex SHA-1 keys, not verbatim);
2. phrase rules: a word 1-3-gram (character 2-4-gram in Japanese) found in at
   least ``min_rule_support`` corrections, all with the same new label and none
   with another, becomes a rule ("war zone" -> neutral for a gaming company).
   Only the longest phrase of a group with the same supporting corrections is
   kept. Rules can also be given by hand (``add_rule``);
3. a multinomial naive Bayes model per language on unigrams and bigrams of the
   corrected texts, blended with the base engine's score; its weight grows
   with the number of corrections and of known features in the text.

``apply(text, language, result)`` returns the adapted ``SentimentResult``; the
source gets ``+adapted`` when anything changed.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .adaptation_features import (
    model_features,
    normalize_phrase,
    phrase_candidates,
    text_key,
)
from .sentiment import NEUTRAL_BAND, SentimentResult, label_for_score
from .text_preprocessing import clean_text, normalize_language_code

LABELS = ("positive", "neutral", "negative")
LABEL_TARGET_SCORES = {"positive": 0.6, "neutral": 0.0, "negative": -0.6}
ANY_LANGUAGE = "*"
FORMAT_VERSION = 1
RULE_WEIGHT = 0.8
MAX_MODEL_WEIGHT = 0.7
MAX_FEATURES_PER_LANGUAGE = 20_000
MAX_RULES_PER_LANGUAGE = 2_000
ADAPTED_SUFFIX = "+adapted"


@dataclass
class NaiveBayesModel:
    """Multinomial naive Bayes over binary n-gram presence, 3 labels."""

    label_counts: dict[str, int] = field(default_factory=dict)
    feature_counts: dict[str, list[int]] = field(default_factory=dict)
    _label_totals: list[int] | None = field(default=None, repr=False, compare=False)

    def learn(self, features: Iterable[str], label: str) -> None:
        self._label_totals = None
        index = LABELS.index(label)
        self.label_counts[label] = self.label_counts.get(label, 0) + 1
        for feature in features:
            counts = self.feature_counts.setdefault(feature, [0, 0, 0])
            counts[index] += 1

    def prune(self, max_features: int) -> None:
        if len(self.feature_counts) <= max_features:
            return
        ranked = sorted(
            self.feature_counts.items(), key=lambda item: sum(item[1]), reverse=True
        )
        self.feature_counts = dict(ranked[:max_features])
        self._label_totals = None

    @property
    def document_count(self) -> int:
        return sum(self.label_counts.values())

    def predict(self, features: Iterable[str]) -> tuple[float, int]:
        """Return (P(positive) - P(negative), number of known features)."""
        known = [self.feature_counts[f] for f in features if f in self.feature_counts]
        if not known:
            return 0.0, 0
        documents = self.document_count
        if self._label_totals is None:
            self._label_totals = [
                sum(counts[index] for counts in self.feature_counts.values())
                for index in range(3)
            ]
        totals = self._label_totals
        vocabulary = len(self.feature_counts)
        log_posteriors = []
        for index, label in enumerate(LABELS):
            log_value = math.log(
                (self.label_counts.get(label, 0) + 1) / (documents + 3)
            )
            for counts in known:
                log_value += math.log(
                    (counts[index] + 1) / (totals[index] + vocabulary)
                )
            log_posteriors.append(log_value)
        peak = max(log_posteriors)
        weights = [math.exp(value - peak) for value in log_posteriors]
        total = sum(weights)
        return (weights[0] - weights[2]) / total, len(known)

    def to_dict(self) -> dict:
        return {
            "label_counts": dict(self.label_counts),
            "feature_counts": dict(self.feature_counts),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "NaiveBayesModel":
        return cls(
            {
                label: int(count)
                for label, count in data.get("label_counts", {}).items()
            },
            {
                f: [int(c) for c in counts]
                for f, counts in data.get("feature_counts", {}).items()
            },
        )


def _language_key(language: str | None) -> str:
    return normalize_language_code(language) or ANY_LANGUAGE


class Adaptation:
    """Corrections-driven adjustments of sentiment results for one company."""

    def __init__(self):
        self.phrase_rules: dict[str, dict[str, str]] = defaultdict(dict)
        self.exact_labels: dict[str, dict[str, str]] = defaultdict(dict)
        self.models: dict[str, NaiveBayesModel] = {}

    # --- learning ---------------------------------------------------------

    @classmethod
    def from_corrections(
        cls, corrections: Iterable[dict], min_rule_support: int = 2
    ) -> "Adaptation":
        adaptation = cls()
        candidates_by_language: dict[str, dict[str, list[tuple[int, str]]]] = (
            defaultdict(lambda: defaultdict(list))
        )
        for number, correction in enumerate(corrections):
            label = correction.get("new_label")
            text = clean_text(correction.get("text") or "")
            if label not in LABELS or not text:
                continue
            language = _language_key(correction.get("language"))
            adaptation.exact_labels[language][text_key(text)] = label
            model = adaptation.models.setdefault(language, NaiveBayesModel())
            model.learn(model_features(text), label)
            for phrase in phrase_candidates(text):
                candidates_by_language[language][phrase].append((number, label))
        for language, candidates in candidates_by_language.items():
            adaptation._learn_rules(language, candidates, min_rule_support)
            adaptation.models[language].prune(MAX_FEATURES_PER_LANGUAGE)
        return adaptation

    def _learn_rules(self, language, candidates, min_rule_support) -> None:
        agreeing = {}
        for phrase, supports in candidates.items():
            labels = {label for _number, label in supports}
            if len(supports) >= min_rule_support and len(labels) == 1:
                agreeing[phrase] = (frozenset(n for n, _ in supports), labels.pop())
        longest_by_support: dict[tuple, str] = {}
        for phrase, (support, label) in agreeing.items():
            key = (support, label)
            current = longest_by_support.get(key)
            if current is None or len(phrase) > len(current):
                longest_by_support[key] = phrase
        ranked = sorted(longest_by_support.items(), key=lambda item: -len(item[0][0]))
        for (_support, label), phrase in ranked[:MAX_RULES_PER_LANGUAGE]:
            self.phrase_rules[language][phrase] = label

    def add_rule(self, phrase: str, label: str, language: str | None = None) -> None:
        """Add a hand-written phrase rule (e.g. from a settings screen)."""
        if label not in LABELS:
            raise ValueError(f"label must be one of {LABELS}")
        self.phrase_rules[_language_key(language)][normalize_phrase(phrase)] = label

    # --- applying ---------------------------------------------------------

    def _matching_rule_label(self, text: str, language: str) -> str | None:
        rules = {
            **self.phrase_rules.get(ANY_LANGUAGE, {}),
            **self.phrase_rules.get(language, {}),
        }
        if not rules:
            return None
        hits = Counter(
            rules[phrase] for phrase in phrase_candidates(text) if phrase in rules
        )
        if not hits:
            return None
        (best_label, best_count), *others = hits.most_common()
        if others and others[0][1] == best_count:
            return None
        return best_label

    def _exact_label(self, text: str, language: str) -> str | None:
        key = text_key(text)
        return self.exact_labels.get(language, {}).get(key) or self.exact_labels.get(
            ANY_LANGUAGE, {}
        ).get(key)

    @staticmethod
    def _forced(result: SentimentResult, label: str, weight: float) -> SentimentResult:
        score = (1 - weight) * result.score + weight * LABEL_TARGET_SCORES[label]
        if label == "positive":
            score = max(score, NEUTRAL_BAND)
        elif label == "negative":
            score = min(score, -NEUTRAL_BAND)
        else:
            score = max(-NEUTRAL_BAND / 2, min(NEUTRAL_BAND / 2, score))
        intensity = result.intensity if label != "neutral" else result.intensity * 0.3
        return SentimentResult(
            label, round(score, 4), round(intensity, 4), result.source + ADAPTED_SUFFIX
        )

    def apply(
        self, text: str, language: str | None, result: SentimentResult
    ) -> SentimentResult:
        text = clean_text(text)
        if not text:
            return result
        language_key = _language_key(language)
        exact_label = self._exact_label(text, language_key)
        if exact_label:
            return self._forced(result, exact_label, 1.0)
        rule_label = self._matching_rule_label(text, language_key)
        if rule_label:
            return self._forced(result, rule_label, RULE_WEIGHT)
        model = self.models.get(language_key) or self.models.get(ANY_LANGUAGE)
        if model is None:
            return result
        model_score, known_features = model.predict(model_features(text))
        if not known_features:
            return result
        documents = model.document_count
        weight = (
            MAX_MODEL_WEIGHT
            * (known_features / (known_features + 3))
            * (documents / (documents + 2))
        )
        score = round((1 - weight) * result.score + weight * model_score, 4)
        if abs(score - result.score) < 1e-4:
            return result
        return SentimentResult(
            label_for_score(score),
            score,
            result.intensity,
            result.source + ADAPTED_SUFFIX,
        )

    # --- serialisation ----------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "version": FORMAT_VERSION,
            "phrase_rules": {lang: dict(r) for lang, r in self.phrase_rules.items()},
            "exact_labels": {lang: dict(e) for lang, e in self.exact_labels.items()},
            "models": {lang: model.to_dict() for lang, model in self.models.items()},
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> "Adaptation":
        adaptation = cls()
        if not data:
            return adaptation
        if data.get("version", FORMAT_VERSION) > FORMAT_VERSION:
            raise ValueError(f"adaptation format {data['version']} is too new")
        for language, rules in data.get("phrase_rules", {}).items():
            adaptation.phrase_rules[language].update(
                {phrase: label for phrase, label in rules.items() if label in LABELS}
            )
        for language, labels in data.get("exact_labels", {}).items():
            adaptation.exact_labels[language].update(labels)
        for language, model_data in data.get("models", {}).items():
            adaptation.models[language] = NaiveBayesModel.from_dict(model_data)
        return adaptation

    def __bool__(self) -> bool:
        return bool(self.models or any(self.phrase_rules.values()))
