"""Priority (0-100) of a mention for the care team, with readable reasons.

Points (capped at 100):

* negativity - up to 35: ``35 * -score * (0.6 + 0.4 * intensity)``;
* urgency terms - 15 for the first, +5 for each more, up to 25;
* author influence (0-100) - up to 15;
* customer value (open opportunities' expected revenue + lifetime sales) - up
  to 15, on a log scale reaching the cap at ``CUSTOMER_VALUE_CAP``;
* recency - up to 10, halving every ``RECENCY_HALF_LIFE_HOURS``;
* kind - a direct message 10, a reply to us or a mention of us 5.

``stars_for_priority`` maps a priority to Odoo's ``"0"``..``"3"`` stars.
"""

import math

from .text_preprocessing import clean_text, normalize_language_code
from .urgency_terms import find_urgency_terms

NEGATIVITY_POINTS = 35.0
FIRST_URGENCY_POINTS = 15.0
EXTRA_URGENCY_POINTS = 5.0
MAX_URGENCY_POINTS = 25.0
INFLUENCE_POINTS = 15.0
CUSTOMER_VALUE_POINTS = 15.0
CUSTOMER_VALUE_CAP = 100_000.0
RECENCY_POINTS = 10.0
RECENCY_HALF_LIFE_HOURS = 12.0
KIND_POINTS = {"dm": 10.0, "message": 10.0, "reply": 5.0, "mention": 5.0}
KIND_REASONS = {
    "dm": "direct message",
    "message": "direct message",
    "reply": "reply to us",
    "mention": "mention of us",
}
NEGATIVE_SCORE_THRESHOLD = -0.05
INFLUENCE_REASON_THRESHOLD = 50
CUSTOMER_VALUE_REASON_THRESHOLD = 1_000.0
RECENCY_REASON_HOURS = 48.0
MAX_REASONED_URGENCY_TERMS = 3
DEFAULT_STAR_THRESHOLDS = (20, 40, 70)


def _age_text(hours: float) -> str:
    if hours < 1:
        return f"posted {max(int(hours * 60), 0)} min ago"
    if hours < 48:
        return f"posted {round(hours)} h ago"
    return f"posted {int(hours // 24)} d ago"


def score_priority(
    *,
    score: float,
    intensity: float,
    text: str,
    language: str | None,
    influence: float = 0,
    customer_value: float = 0.0,
    hours_since_posted: float = 0.0,
    kind: str = "post",
) -> tuple[int, list[str]]:
    """Return ``(priority 0..100, reasons)``; reasons are short English strings."""
    points = 0.0
    reasons: list[str] = []
    score = max(-1.0, min(1.0, float(score or 0.0)))
    intensity = max(0.0, min(1.0, float(intensity or 0.0)))
    if score <= NEGATIVE_SCORE_THRESHOLD:
        points += NEGATIVITY_POINTS * -score * (0.6 + 0.4 * intensity)
        reasons.append(f"negative sentiment ({score:.2f})")

    terms = find_urgency_terms(clean_text(text), normalize_language_code(language))
    if terms:
        points += min(
            FIRST_URGENCY_POINTS + EXTRA_URGENCY_POINTS * (len(terms) - 1),
            MAX_URGENCY_POINTS,
        )
        reasons.extend(
            f"urgency term: {term}" for term in terms[:MAX_REASONED_URGENCY_TERMS]
        )

    influence = max(0.0, min(100.0, float(influence or 0)))
    points += INFLUENCE_POINTS * influence / 100.0
    if influence >= INFLUENCE_REASON_THRESHOLD:
        reasons.append(f"influential author ({round(influence)}/100)")

    customer_value = max(0.0, float(customer_value or 0.0))
    if customer_value > 0:
        share = math.log10(1 + customer_value) / math.log10(1 + CUSTOMER_VALUE_CAP)
        points += CUSTOMER_VALUE_POINTS * min(share, 1.0)
        if customer_value >= CUSTOMER_VALUE_REASON_THRESHOLD:
            reasons.append(f"customer value {customer_value:,.0f}")

    hours = max(0.0, float(hours_since_posted or 0.0))
    points += RECENCY_POINTS * 0.5 ** (hours / RECENCY_HALF_LIFE_HOURS)
    if hours <= RECENCY_REASON_HOURS:
        reasons.append(_age_text(hours))

    kind = (kind or "post").lower()
    if kind in KIND_POINTS:
        points += KIND_POINTS[kind]
        reasons.append(KIND_REASONS[kind])

    return round(max(0.0, min(100.0, points))), reasons


def stars_for_priority(
    priority: float, thresholds: tuple[float, float, float] = DEFAULT_STAR_THRESHOLDS
) -> str:
    """``"0"``..``"3"``: how many of the ascending ``thresholds`` are reached."""
    return str(sum(1 for threshold in sorted(thresholds)[:3] if priority >= threshold))
