"""Priority scoring: reasons, ordering, bounds and stars."""

import pytest
from social_crm_sentiment_lib.priority import score_priority, stars_for_priority
from social_crm_sentiment_lib.urgency_terms import find_urgency_terms


def test_reasons_for_an_urgent_valuable_dm():
    priority, reasons = score_priority(
        score=-0.72,
        intensity=0.8,
        text="I want a REFUND, the blender is broken",
        language="en",
        influence=81,
        customer_value=12_000,
        hours_since_posted=2,
        kind="dm",
    )
    assert reasons == [
        "negative sentiment (-0.72)",
        "urgency term: refund",
        "urgency term: broken",
        "influential author (81/100)",
        "customer value 12,000",
        "posted 2 h ago",
        "direct message",
    ]
    assert 70 <= priority <= 100


@pytest.mark.parametrize(
    ("text", "language", "term"),
    [
        ("返金してください", "ja", "返金"),
        ("届かないんですけど", "ja", "届かない"),
        ("Quiero un reembolso ya", "es", "reembolso"),
        ("La pantalla llegó rota", "es", "rota"),
        ("Je veux un remboursement", "fr", "rembours"),
        ("Das Paket ist kaputt", "de", "kaputt"),
        ("Vou cancelar minha assinatura", "pt", "cancelar"),
        ("Cancelled my order, want my refund", "es", "refund"),
        ("my order still not working", None, "not working"),
    ],
)
def test_urgency_terms_per_language(text, language, term):
    _priority, reasons = score_priority(
        score=0, intensity=0, text=text, language=language, hours_since_posted=100
    )
    assert f"urgency term: {term}" in reasons


def test_urgency_terms_in_list_order_even_when_they_overlap():
    text = (
        "Remboursé ? Non. L'appli ne fonctionne pas, c'est URGENT. "
        "Returned it, want a refund ASAP. 返金"
    )
    assert find_urgency_terms(text, "fr") == [
        "rembours",
        "ne fonctionne pas",
        "fonctionne pas",
        "urgent",
        "refund",
        "asap",
        "返金",
    ]
    # French terms only for French texts; Japanese ones wherever kana appear
    english = "Returned it, want a refund ASAP. 返金してください. Ça ne marche pas"
    assert find_urgency_terms(english, "en") == ["refund", "asap", "返金"]


def test_no_false_urgency_on_substrings():
    _priority, reasons = score_priority(
        score=0,
        intensity=0,
        text="my suede shoes",
        language="en",
        hours_since_posted=100,
    )
    assert reasons == []


def test_priority_grows_with_each_signal():
    base = {
        "score": 0.0,
        "intensity": 0.0,
        "text": "hello",
        "language": "en",
        "hours_since_posted": 200,
    }
    calm, _ = score_priority(**base)
    assert calm == 0
    for change in (
        {"score": -0.8, "intensity": 0.9},
        {"text": "scam"},
        {"influence": 90},
        {"customer_value": 50_000},
        {"hours_since_posted": 0.5},
        {"kind": "dm"},
        {"kind": "reply"},
    ):
        higher, _ = score_priority(**{**base, **change})
        assert higher > calm, change


def test_bounds_and_junk_inputs():
    top, _ = score_priority(
        score=-5,
        intensity=7,
        text="refund scam lawsuit cancel broken",
        language="en",
        influence=500,
        customer_value=1e12,
        hours_since_posted=-3,
        kind="dm",
    )
    assert top == 100
    low, reasons = score_priority(
        score=1,
        intensity=1,
        text="",
        language=None,
        influence=-4,
        customer_value=-10,
        hours_since_posted=1e6,
        kind=None,
    )
    assert low == 0 and reasons == []


def test_recency_reason_wording():
    assert (
        "posted 30 min ago"
        in score_priority(
            score=0, intensity=0, text="", language="en", hours_since_posted=0.5
        )[1]
    )
    assert (
        "posted 1 d ago"
        not in score_priority(
            score=0, intensity=0, text="", language="en", hours_since_posted=30
        )[1]
    )


@pytest.mark.parametrize(
    ("priority", "stars"),
    [(0, "0"), (19, "0"), (20, "1"), (40, "2"), (69, "2"), (70, "3"), (100, "3")],
)
def test_stars_for_priority(priority, stars):
    assert stars_for_priority(priority) == stars


def test_stars_with_custom_thresholds():
    assert stars_for_priority(40, (10, 30, 50)) == "2"
    assert stars_for_priority(40, (50, 10, 30)) == "2"
