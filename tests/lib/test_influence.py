"""Influence score: documented examples, bounds and monotonicity."""

import math

import pytest
from social_crm_lib.influence import (
    ENGAGEMENT_MAX_POINTS,
    REACH_MAX_POINTS,
    VERIFIED_BONUS_POINTS,
    influence_breakdown,
    influence_score,
)

FOLLOWER_STEPS = [*range(0, 2_000, 7), *(10**power for power in range(4, 10))]
FOLLOWER_STEPS += [10**power + delta for power in (2, 6) for delta in (-1, 1)]
FOLLOWER_STEPS.sort()


def test_weights_add_up_to_one_hundred():
    assert REACH_MAX_POINTS + ENGAGEMENT_MAX_POINTS + VERIFIED_BONUS_POINTS == 100


@pytest.mark.parametrize(
    ("followers", "expected"),
    [(0, 0), (9, 13), (1_000, 40), (10_000, 53), (1_000_000, 80), (10**9, 80)],
)
def test_documented_reach_examples(followers, expected):
    assert influence_score(followers, False) == expected


def test_documented_worked_example():
    breakdown = influence_breakdown(10_000, True, avg_engagement=50, posts_seen=10)
    assert breakdown.reach == pytest.approx(53.33, abs=0.01)
    assert breakdown.engagement == pytest.approx(7.5)
    assert breakdown.verified == 5
    assert breakdown.score == 66
    assert influence_score(10_000, True, avg_engagement=50, posts_seen=10) == 66


def test_engagement_scale():
    # 0.05 % of 10,000 followers is 5 interactions: the floor, no points.
    assert influence_breakdown(10_000, False, 5, 5).engagement == 0
    # 5 % (500 per post) reaches the cap; more does not add points.
    assert influence_breakdown(10_000, False, 500, 5).engagement == 15
    assert influence_breakdown(10_000, False, 50_000, 5).engagement == 15


def test_engagement_needs_posts_seen_and_is_weighted_by_them():
    assert influence_breakdown(10_000, False, 500, 0).engagement == 0
    assert influence_breakdown(10_000, False, 500, 1).engagement == pytest.approx(3)
    assert influence_breakdown(10_000, False, 500, 5).engagement == 15
    assert influence_breakdown(10_000, False, 500, 50).engagement == 15


def test_small_accounts_use_a_minimum_audience_for_the_rate():
    # 3 interactions for 1 follower is 3 % of the 100-follower minimum, not 300 %.
    breakdown = influence_breakdown(1, False, 3, 5)
    expected = 15 * math.log10(0.03 / 0.0005) / 2
    assert breakdown.engagement == pytest.approx(expected)


def test_maximum_and_minimum():
    assert influence_score(10**9, True, avg_engagement=10**8, posts_seen=100) == 100
    assert influence_score(0, False) == 0
    assert influence_score(0, True) == 5


@pytest.mark.parametrize(
    "bad_value", [None, -1, -10_000, float("nan"), float("inf"), "junk", ""]
)
def test_bad_inputs_count_as_zero(bad_value):
    assert influence_score(bad_value, False) == 0
    assert influence_score(1_000, False, bad_value, 5) == 40
    assert influence_score(1_000, False, 50, bad_value) == 40
    assert influence_score(bad_value, None, bad_value, bad_value) == 0


@pytest.mark.parametrize("avg_engagement", [0, 1, 5, 50, 500, 5_000, 10**7])
@pytest.mark.parametrize("posts_seen", [0, 1, 5])
@pytest.mark.parametrize("verified", [False, True])
def test_monotonic_in_followers_and_bounded(avg_engagement, posts_seen, verified):
    previous = -1
    for followers in FOLLOWER_STEPS:
        score = influence_score(followers, verified, avg_engagement, posts_seen)
        assert 0 <= score <= 100
        assert score >= previous, followers
        previous = score


@pytest.mark.parametrize("followers", [0, 50, 1_000, 100_000, 10**7])
def test_monotonic_in_engagement_posts_and_verification(followers):
    engagements = [0, 0.5, 1, 3, 10, 100, 1_000, 10**5, 10**8]
    scores = [influence_score(followers, False, value, 5) for value in engagements]
    assert scores == sorted(scores)
    scores = [influence_score(followers, False, 1_000, posts) for posts in range(8)]
    assert scores == sorted(scores)
    assert influence_score(followers, True, 10, 3) >= influence_score(
        followers, False, 10, 3
    )


def test_returns_int():
    assert isinstance(influence_score(1234, True, 12.5, 3), int)
