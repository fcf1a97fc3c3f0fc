"""Purchase intent cues: languages, accents, case, word boundaries and CJK."""

import pytest
from social_crm_helpdesk_lib.purchase_intent import (
    detect_purchase_intent,
    has_purchase_intent,
    normalize,
)


@pytest.mark.parametrize(
    ("text", "language", "cues"),
    [
        ("Where can I buy the Acme X2?", "en", ["where can i buy"]),
        ("What's the PRICE OF the acme blender", None, ["price of"]),
        ("how much is it?? want to buy one", "en", ["how much", "want to buy"]),
        ("Is the acme kettle in stock anywhere", None, ["in stock"]),
        ("anyone got a discount code for acme?", None, ["discount code"]),
        ("Looking for   a new acme phone", None, ["looking for"]),
        ("acmeのブレンダーが欲しい", "ja", ["欲しい"]),
        ("どこで買えますか？", "ja", ["どこで買え"]),
        ("この値段で購入したい", None, ["値段", "購入"]),
        ("新しいacmeを買いたい", None, ["買いたい"]),
        ("¿Dónde comprar el acme?", "es", ["dónde comprar"]),
        ("DONDE COMPRAR acme, precio?", "es", ["dónde comprar", "precio"]),
        ("Quiero comprar uno", None, ["quiero comprar"]),
        ("Où acheter le acme ? Quel prix ?", "fr", ["où acheter", "prix"]),
        ("ou acheter acme", "fr", ["où acheter"]),
    ],
)
def test_cues_found(text, language, cues):
    assert detect_purchase_intent(text, language) == cues


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        None,
        "My acme blender broke after two days",
        "The prixe was a typo",  # "prix" only as a whole word
        "I am not happy with the priceof shipping",
        "showmuch",  # "how much" inside another word
        "I love acme",
    ],
)
def test_no_cue(text):
    assert detect_purchase_intent(text) == []
    assert not has_purchase_intent(text)


def test_each_cue_once_in_order_of_appearance():
    text = "in stock? how much? HOW MUCH? where can I buy"
    assert detect_purchase_intent(text) == ["in stock", "how much", "where can i buy"]


def test_language_restricts_to_its_cues_plus_english():
    text = "precio? how much"
    assert detect_purchase_intent(text, "fr") == ["how much"]
    assert detect_purchase_intent(text, "es") == ["precio", "how much"]
    # Unknown language: every cue list.
    assert detect_purchase_intent(text, "xx") == ["precio", "how much"]
    # Region suffixes are ignored.
    assert detect_purchase_intent(text, "es-MX") == ["precio", "how much"]


def test_normalize_keeps_japanese_voicing_marks():
    assert normalize("どこで") == "どこで"
    assert normalize("Dónde  Comprar") == "donde comprar"
    assert normalize("where’s") == "where's"


def test_full_width_latin_is_folded():
    assert detect_purchase_intent("ＨＯＷ ＭＵＣＨ") == ["how much"]
