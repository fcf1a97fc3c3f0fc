"""Influence score of an author: 0-100, from reach and engagement.

Formula
-------
::

    reach      = min(80, 40/3 * log10(1 + followers))
    audience   = min(max(followers, 100), 1,000,000)
    rate       = avg_engagement / audience
    quality    = clamp(log10(rate / 0.0005) / 2, 0, 1)     # 0.05 % -> 0, 5 % -> 1
    confidence = min(posts_seen, 5) / 5
    engagement = 15 * quality * confidence
    bonus      = 5 if verified else 0
    score      = round(reach + engagement + bonus), half up, within 0..100

* Reach (at most 80 points) grows by 13.3 points per tenfold audience:
  0 followers -> 0, 1,000 -> 40, 1,000,000 and more -> 80.
* Engagement (at most 15 points) uses the engagement rate: the average
  likes + shares + replies per post divided by the followers, taken between 100
  (so a brand-new account with 3 likes does not get a 300 % rate) and 1,000,000
  (where reach stops growing, so a bigger audience never lowers the score). The
  rate counts on a log scale from 0.05 % (0 points) to 5 % (15 points, the
  cap), weighted by how many posts the average comes from (full weight from 5
  posts; no posts seen means the engagement is unknown and counts 0).
* Verified accounts get 5 points.

Worked example: 10,000 followers, verified, 50 interactions per post over 10
posts::

    reach      = 40/3 * log10(10,001)          = 53.33
    rate       = 50 / 10,000                   = 0.5 %
    quality    = log10(0.005 / 0.0005) / 2     = 0.5
    engagement = 15 * 0.5 * 1                  = 7.5
    score      = round(53.33 + 7.5 + 5)        = 66

The score never decreases when followers, engagement, posts seen or the
verified flag increase: more followers lower the rate, but a tenfold audience
costs at most 15 / 2 = 7.5 engagement points while it adds 13.3 reach points.
Negative, ``None``, non-numeric and non-finite inputs count as 0.
"""

import math
from typing import NamedTuple

__all__ = [
    "ENGAGEMENT_MAX_POINTS",
    "REACH_MAX_POINTS",
    "VERIFIED_BONUS_POINTS",
    "InfluenceBreakdown",
    "influence_breakdown",
    "influence_score",
]

REACH_POINTS_PER_DECADE = 40 / 3  # 1,000 followers -> 40 points
REACH_MAX_POINTS = 80.0  # reached at 1,000,000 followers
ENGAGEMENT_MAX_POINTS = 15.0
ENGAGEMENT_RATE_FLOOR = 0.0005  # 0.05 %: below this, engagement earns nothing
ENGAGEMENT_RATE_CAP = 0.05  # 5 %: excellent, earns all engagement points
ENGAGEMENT_MIN_AUDIENCE = 100  # rate denominator for very small accounts
ENGAGEMENT_MAX_AUDIENCE = 1_000_000  # rate denominator where reach is capped
FULL_CONFIDENCE_POSTS = 5  # posts needed before the average counts in full
VERIFIED_BONUS_POINTS = 5.0
MIN_SCORE = 0
MAX_SCORE = 100


class InfluenceBreakdown(NamedTuple):
    """The three components (unrounded points) and the final score."""

    reach: float
    engagement: float
    verified: float
    score: int


def _non_negative(value):
    """A finite number >= 0; ``None``, junk, NaN, infinities and negatives -> 0."""
    try:
        number = float(value or 0)
    except (TypeError, ValueError):
        return 0.0
    if not math.isfinite(number) or number < 0:
        return 0.0
    return number


def reach_points(followers):
    """Log-scaled audience: 0 -> 0, 1,000 -> 40, 1,000,000+ -> 80."""
    points = REACH_POINTS_PER_DECADE * math.log10(1 + _non_negative(followers))
    return min(REACH_MAX_POINTS, points)


def engagement_points(followers, avg_engagement, posts_seen):
    """Log-scaled engagement rate between the floor and the cap, times confidence."""
    audience = min(
        max(_non_negative(followers), ENGAGEMENT_MIN_AUDIENCE),
        ENGAGEMENT_MAX_AUDIENCE,
    )
    rate = _non_negative(avg_engagement) / audience
    if rate <= ENGAGEMENT_RATE_FLOOR:
        return 0.0
    decades_to_cap = math.log10(ENGAGEMENT_RATE_CAP / ENGAGEMENT_RATE_FLOOR)
    quality = min(1.0, math.log10(rate / ENGAGEMENT_RATE_FLOOR) / decades_to_cap)
    posts = min(_non_negative(posts_seen), FULL_CONFIDENCE_POSTS)
    confidence = posts / FULL_CONFIDENCE_POSTS
    return ENGAGEMENT_MAX_POINTS * quality * confidence


def influence_breakdown(followers, verified, avg_engagement=0.0, posts_seen=0):
    """Components of ``influence_score``, e.g. for a tooltip."""
    reach = reach_points(followers)
    engagement = engagement_points(followers, avg_engagement, posts_seen)
    bonus = VERIFIED_BONUS_POINTS if verified else 0.0
    total = math.floor(reach + engagement + bonus + 0.5)  # round half up
    score = max(MIN_SCORE, min(MAX_SCORE, total))
    return InfluenceBreakdown(reach, engagement, bonus, score)


def influence_score(followers, verified, avg_engagement=0.0, posts_seen=0):
    """Influence of an author from 0 to 100 (formula in the module docstring).

    ``followers``: audience size; ``verified``: platform verification;
    ``avg_engagement``: mean likes + shares + replies per post seen;
    ``posts_seen``: how many posts that mean is computed from.

    >>> influence_score(0, False)
    0
    >>> influence_score(1_000, False)
    40
    >>> influence_score(1_000_000, False)
    80
    >>> influence_score(10_000, True, avg_engagement=50, posts_seen=10)
    66
    """
    return influence_breakdown(followers, verified, avg_engagement, posts_seen).score
