"""Learning from corrections: rules, exact texts, naive Bayes, serialisation."""

import json

import pytest
from social_crm_sentiment_lib.adaptation import Adaptation
from social_crm_sentiment_lib.sentiment import SentimentAnalyzer

ANALYZER = SentimentAnalyzer()
GAMING_CORRECTIONS = [
    {
        "text": "This map is a total war zone lol",
        "language": "en",
        "old_label": "negative",
        "new_label": "neutral",
    },
    {
        "text": "Ranked tonight was a war zone",
        "language": "en",
        "old_label": "negative",
        "new_label": "neutral",
    },
]


def test_phrase_rule_learned_from_corrections_changes_later_scores():
    adaptation = Adaptation.from_corrections(GAMING_CORRECTIONS)
    assert adaptation.phrase_rules["en"] == {"war zone": "neutral"}
    text = "The new arena is a war zone out there"
    before = ANALYZER.analyze(text, "en")
    after = ANALYZER.analyze(text, "en", adaptation=adaptation)
    assert before.label == "negative"
    assert after.label == "neutral" and after.source.endswith("+adapted")
    unrelated = "The support team was terrible"
    assert ANALYZER.analyze(unrelated, "en", adaptation=adaptation).label == "negative"


def test_single_correction_shifts_similar_texts_through_the_model():
    corrections = [
        {
            "text": "sick skin drop, insane combo",
            "language": "en",
            "old_label": "negative",
            "new_label": "positive",
        }
    ]
    adaptation = Adaptation.from_corrections(corrections)
    text = "that combo is insane"
    before = ANALYZER.analyze(text, "en")
    after = ANALYZER.analyze(text, "en", adaptation=adaptation)
    assert after.score > before.score


def test_exact_text_correction_is_reused_for_reposts():
    corrections = [
        {
            "text": "Well that was sick!!",
            "language": "en",
            "old_label": "negative",
            "new_label": "positive",
        }
    ]
    adaptation = Adaptation.from_corrections(corrections)
    result = ANALYZER.analyze("well that was SICK!! https://t.co/x", "en", adaptation)
    assert result.label == "positive"


def test_japanese_corrections():
    corrections = [
        {"text": "ヤバい、このゲーム", "language": "ja", "new_label": "positive"},
        {"text": "ヤバい新作きた", "language": "ja", "new_label": "positive"},
    ]
    adaptation = Adaptation.from_corrections(corrections)
    assert adaptation.phrase_rules["ja"]
    result = ANALYZER.analyze("今日のアップデートはヤバい", "ja", adaptation)
    assert result.label == "positive"


def test_manual_rule_and_round_trip_through_json():
    adaptation = Adaptation.from_corrections(GAMING_CORRECTIONS)
    adaptation.add_rule("Headshot", "positive", "en")
    stored = json.loads(json.dumps(adaptation.to_dict()))
    restored = Adaptation.from_dict(stored)
    assert restored.to_dict() == adaptation.to_dict()
    for text in ("a war zone again", "headshot after headshot, awful aim", "meh"):
        assert ANALYZER.analyze(text, "en", restored) == ANALYZER.analyze(
            text, "en", adaptation
        )
    assert ANALYZER.analyze("headshot", "en", restored).label == "positive"


def test_empty_and_invalid_corrections_are_ignored():
    adaptation = Adaptation.from_corrections(
        [{"text": "", "new_label": "positive"}, {"text": "x", "new_label": "bogus"}]
    )
    assert not adaptation
    assert Adaptation.from_dict(None).to_dict()["models"] == {}
    with pytest.raises(ValueError):
        Adaptation.from_dict({"version": 99})
    with pytest.raises(ValueError):
        adaptation.add_rule("x", "great")


def test_unsupported_language_stays_unsupported_without_learned_data():
    adaptation = Adaptation.from_corrections(GAMING_CORRECTIONS)
    result = ANALYZER.analyze("che schifo", "it", adaptation)
    assert result.source == "unsupported" and result.score == 0.0
