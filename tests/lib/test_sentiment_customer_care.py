"""Customer-care phrases and words that general English lexicons miss."""

import pytest
from social_crm_sentiment_lib.engines import customer_care
from social_crm_sentiment_lib.engines.customer_care import (
    PHRASES,
    customer_care_valence,
)
from social_crm_sentiment_lib.sentiment import SentimentAnalyzer

ANALYZER = SentimentAnalyzer({"en": "ensemble"})


@pytest.mark.parametrize(
    "text",
    [
        "We won't be coming back.",
        "I will never go back to this store",
        "Hell no will I go back",
        "Don't even waste your money on this",
        "Stay away from this brand",
        "Piece of junk, stopped charging after a week",
        "Rating: 1 out of 10",
        "Zero stars if I could",
        "Flimsy, overpriced and unreliable",
        "I was not happy with this item",
        "Wasn't worth it",
        "Still no refund after three weeks",
        "Plugged it in and nothing happens",
        "Disapointing results",
        "The app is buggy and laggy",
    ],
)
def test_complaints_are_negative(text):
    assert customer_care_valence(text) < 0
    assert ANALYZER.analyze(text, "en").label == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Will definitely be back!",
        "Would not hesitate to order from them again",
        "A must have for every kitchen",
        "You can't beat that price",
        "Worth every penny",
        "10/10 would buy again",
        "Two thumbs up",
        "Could not have been more pleased with the service",
        "Sturdy, reliable and tasty",
        "This little speaker rocks",
    ],
)
def test_praise_is_positive(text):
    assert customer_care_valence(text) > 0
    assert ANALYZER.analyze(text, "en").label == "positive"


@pytest.mark.parametrize(
    "text",
    [
        "It must have been an off night",  # a guess, not "a must have"
        "I will try again tomorrow",
        "The parcel arrived on Tuesday",
        "",
    ],
)
def test_ordinary_sentences_carry_no_customer_care_valence(text):
    assert customer_care_valence(text) == 0


def test_negation_flips_a_word_but_not_a_phrase_holding_its_own():
    assert customer_care_valence("not reliable") < 0 < customer_care_valence("reliable")
    # "won't be back" already says no: a second negation before it keeps it negative
    assert customer_care_valence("Not impressed and would not go back") < 0


def test_curly_apostrophes_are_understood():
    assert customer_care_valence("We won’t be back") < 0


PHRASE_EXAMPLES = [
    "won't be back",
    "would not hesitate to come back",
    "can't wait to go back again",
    "not going back there again",
    "never again, not going back",
    "we'll definitely come back",
    "don't ever buy this",
    "steer clear from it",
    "highly recommend",
    "must-have",
    "can't go wrong",
    "so worth it",
    "isn't really worth the hassle",
    "nine out of ten",
    "2 of 10",
    "five stars",
    "one star",
    "thumb up",
    "thumbs down",
    "10/10",
    "2/10",
    "wasting my time",
    "a waste of space",
    "piece of trash",
    "a restocking fee",
    "never got a callback",
    "still waiting",
    "it doesn't work",
    "none of it worked",
    "nothing happened",
    "did not do the job",
    "stopped responding",
    "won't turn on",
    "never arrived",
    "returned them",
    "it broke",
    "bricked",
    "please fix it",
    "keeps crashing",
    "dropping the wifi",
    "had to reboot",
    "dead on arrival",
    "phone home",
    "make me sick",
    "works like a charm",
    "couldn't be any happier",
    "so happy with it",
]


def test_the_examples_cover_every_phrase():
    every_phrase = customer_care._phrases_regex(tuple(range(len(PHRASES))))
    matched = {
        int(match.lastgroup[1:])
        for text in PHRASE_EXAMPLES
        for match in every_phrase.finditer(text.lower())
    }
    assert matched == set(range(len(PHRASES)))


@pytest.mark.parametrize("text", PHRASE_EXAMPLES)
def test_word_prefilter_finds_what_trying_every_phrase_finds(text, monkeypatch):
    prefiltered = customer_care_valence(text)
    every_phrase = tuple(range(len(PHRASES)))
    monkeypatch.setattr(
        customer_care, "_candidate_phrases", lambda _tokens: every_phrase
    )
    assert prefiltered != 0
    assert prefiltered == customer_care_valence(text)
