"""Sentiment engines on known examples, edge-case texts and the result contract."""

import pytest
from social_crm_sentiment_lib.sentiment import SentimentAnalyzer, SentimentResult

ANALYZER = SentimentAnalyzer()
INSTALLED = SentimentAnalyzer.available_engines()


def engine_params(language):
    return [pytest.param(name, id=f"{language}-{name}") for name in INSTALLED[language]]


def check_contract(result: SentimentResult):
    assert result.label in ("positive", "neutral", "negative")
    assert -1.0 <= result.score <= 1.0
    assert 0.0 <= result.intensity <= 1.0
    assert result.source == "unsupported" or result.source.startswith("auto:")


@pytest.mark.parametrize("engine", engine_params("en"))
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I love this phone, great battery!", "positive"),
        ("This is the worst support ever, terrible.", "negative"),
        ("not bad", "positive"),
        ("The delivery was not good", "negative"),
    ],
)
def test_english_engines_on_known_examples(engine, text, expected):
    result = SentimentAnalyzer({"en": engine}).analyze(text, "en")
    check_contract(result)
    assert result.label == expected
    assert result.source == f"auto:{engine}"


@pytest.mark.parametrize("engine", engine_params("en"))
def test_intensifiers_and_exclamations_raise_intensity(engine):
    analyzer = SentimentAnalyzer({"en": engine})
    plain = analyzer.analyze("good", "en")
    emphatic = analyzer.analyze("VERY good!!!", "en")
    assert emphatic.label == "positive"
    assert emphatic.intensity > plain.intensity


@pytest.mark.parametrize("language", [None, "en", "ja", "it"])
def test_emoji_only_text_is_scored_from_emoji(language):
    angry = ANALYZER.analyze("😡😡", language)
    happy = ANALYZER.analyze("😍🎉", language)
    assert (angry.label, angry.source) == ("negative", "auto:emoji")
    assert happy.label == "positive"


@pytest.mark.parametrize("engine", engine_params("ja"))
def test_japanese_engines(engine):
    analyzer = SentimentAnalyzer({"ja": engine})
    positive = analyzer.analyze("最高です！ありがとう", "ja")
    negative = analyzer.analyze("商品が壊れていて最悪です", "ja")
    negated = analyzer.analyze("全然良くない", "ja")
    assert positive.label == "positive" and positive.source == f"auto:{engine}"
    assert negative.label == "negative"
    assert negated.label == "negative"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Me encanta, el servicio es muy bueno", "es", "positive"),
        ("No funciona, es una estafa", "es", "negative"),
        ("no está mal", "es", "positive"),
        ("Pésimo servicio, nunca más", "es", "negative"),
        ("Merci, c'est parfait !", "fr", "positive"),
        ("Colis cassé, très déçu", "fr", "negative"),
        ("Wirklich toll, danke!", "de", "positive"),
        ("Das Gerät ist kaputt, echt schlecht", "de", "negative"),
        ("Adorei o produto, recomendo!", "pt", "positive"),
        ("Produto quebrado, péssimo atendimento", "pt", "negative"),
    ],
)
def test_lexicon_languages(text, language, expected):
    result = ANALYZER.analyze(text, language)
    assert result.label == expected
    assert result.source == "auto:lexicon"


def test_spanish_intensifier_raises_score():
    plain = ANALYZER.analyze("es bueno", "es")
    intense = ANALYZER.analyze("es muy bueno!!", "es")
    assert intense.score > plain.score and intense.intensity > plain.intensity


@pytest.mark.parametrize("language", ["it", "ko", "xx", None])
def test_unsupported_language_is_neutral_without_score(language):
    result = ANALYZER.analyze("Che schifo, pessimo servizio", language)
    assert result == SentimentResult("neutral", 0.0, 0.0, "unsupported")


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200d\ufeff", None])
def test_empty_and_zero_width_text(text):
    result = ANALYZER.analyze(text, "en")
    assert (result.label, result.score, result.source) == ("neutral", 0.0, "auto:empty")


def test_zero_width_characters_do_not_change_the_result():
    assert ANALYZER.analyze("gr\u200beat\u200d product", "en").label == "positive"


@pytest.mark.parametrize("language", ["en", "ja", "es", "fr", "de", "pt"])
def test_ten_thousand_character_text(language):
    text = ("terrible service " * 600)[:10_000]
    result = ANALYZER.analyze(text, language)
    check_contract(result)


def test_long_texts_are_scored_by_sentence_chunks():
    from social_crm_sentiment_lib.engines.english import (
        VADER_CHUNK_CHARS,
        VaderEngine,
        _vader_analyzer,
        text_chunks,
    )

    short = "The speaker is great, but the app is awful!"
    assert VaderEngine().scores(short) == _vader_analyzer().polarity_scores(short)
    review = " ".join(
        ["Setup took two minutes and the sound is lovely."] * 20
        + ["Sadly it broke after a week, support never answered, awful."] * 5
    )
    chunks = text_chunks(review, VADER_CHUNK_CHARS)
    assert " ".join(chunks) == review
    assert all(len(chunk) <= VADER_CHUNK_CHARS for chunk in chunks)
    assert all(chunk.endswith(".") for chunk in chunks)
    scores = VaderEngine().scores(review)
    whole = _vader_analyzer().polarity_scores(review)["compound"]
    assert 0.05 < scores["compound"] < whole  # mostly positive, less saturated
    assert scores["neg"] > 0
    rant = "no punctuation at all just words " * 40
    assert all(
        len(chunk) <= VADER_CHUNK_CHARS for chunk in text_chunks(rant.strip(), 300)
    )


def test_urls_handles_and_hashtags_are_cleaned():
    result = ANALYZER.analyze("@acme_support #EpicFail https://t.co/awful", "en")
    assert result.label == "negative"  # "Epic Fail" from the hashtag
    handle_only = ANALYZER.analyze("@happy_bank https://good.example/love", "en")
    assert handle_only.label == "neutral"


def test_analyze_many_broadcasts_one_language_and_checks_lengths():
    results = ANALYZER.analyze_many(["great", "awful"], "en")
    assert [r.label for r in results] == ["positive", "negative"]
    mixed = ANALYZER.analyze_many(["great", "最悪"], ["en", "ja"])
    assert [r.label for r in mixed] == ["positive", "negative"]
    with pytest.raises(ValueError):
        ANALYZER.analyze_many(["a", "b"], ["en"])


def test_engine_override_validation():
    with pytest.raises(ValueError):
        SentimentAnalyzer({"en": "no-such-engine"})
    assert SentimentAnalyzer({"en_US": "textblob"}).engine_names["en"] == "textblob"


def test_available_engines_lists_required_languages():
    for language in ("en", "ja", "es"):
        assert INSTALLED[language]
    assert "textblob" in INSTALLED["en"]


@pytest.mark.parametrize(
    "text",
    [
        "Anyone else's Lumio One dropping wifi every night? Third time this week "
        "I had to unplug it. @lumio please fix this",
        "Lumio One still phones home every 10 minutes even with analytics off. "
        "Can we get a real opt-out? #privacy #lumio",
        "Sonora's new firmware bricked two of my speakers.",
    ],
)
def test_social_product_complaints_are_negative(text):
    assert SentimentAnalyzer().analyze(text, "en").label == "negative"
