"""Purchase intent cues in social posts: plain Python, no Odoo import.

``detect_purchase_intent(text, language=None)`` returns the cues found in the
text, in the order they appear, each cue once. Matching ignores case and
accents ("Dónde COMPRAR" finds "dónde comprar"); cues in Latin scripts must
stand as whole words ("prix" does not match "prixe"), cues in Chinese or
Japanese are found as substrings since those scripts do not separate words.

With a ``language`` (ISO 639-1, e.g. "es"), the cues of that language and the
English ones are used (posts often mix English in); without one, or with a
language that has no cue list, every cue is used.
"""

import re
import unicodedata

CUES = {
    "en": (
        "where can i buy",
        "where to buy",
        "where do i buy",
        "price of",
        "how much",
        "looking for",
        "want to buy",
        "wanna buy",
        "going to buy",
        "in stock",
        "discount code",
        "promo code",
        "coupon code",
        "take my money",
        "pre-order",
        "preorder",
    ),
    "ja": (
        "購入",
        "欲しい",
        "ほしい",
        "買いたい",
        "どこで買え",
        "どこで買う",
        "値段",
        "価格",
        "在庫",
        "予約",
    ),
    "zh": ("哪里买", "在哪买", "多少钱", "价格", "想买", "有货"),
    "es": (
        "dónde comprar",
        "donde puedo comprar",
        "precio",
        "precios",
        "cuánto cuesta",
        "quiero comprar",
        "en stock",
        "código de descuento",
    ),
    "fr": (
        "où acheter",
        "où puis-je acheter",
        "prix",
        "combien coûte",
        "je veux acheter",
        "en stock",
        "code promo",
    ),
    "de": (
        "wo kaufen",
        "wo kann ich",
        "preis",
        "was kostet",
        "will kaufen",
        "möchte kaufen",
        "auf lager",
        "rabattcode",
    ),
    "pt": ("onde comprar", "quanto custa", "preço", "quero comprar", "em estoque"),
    "it": ("dove comprare", "quanto costa", "prezzo", "voglio comprare"),
}

# Combining diacritics of Latin, Greek and Cyrillic letters only: the Japanese
# voicing marks (U+3099, U+309A) must stay, or "ど" would become "と".
_LATIN_MARKS = re.compile("[\u0300-\u036f]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_SPACES = re.compile(r"\s+")


def normalize(text):
    """Casefold, drop Latin accents, unify apostrophes and spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = _LATIN_MARKS.sub("", text)
    text = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)
    return _SPACES.sub(" ", text)


def _is_cjk(text):
    return any(
        "\u3040" <= char <= "\u30ff"  # hiragana, katakana
        or "\u3400" <= char <= "\u9fff"  # CJK ideographs
        or "\uf900" <= char <= "\ufaff"
        or "\uac00" <= char <= "\ud7af"  # hangul
        for char in text
    )


def _compile(cue):
    """(cue, matcher) where matcher(normalized text) -> start index or -1."""
    key = normalize(cue)
    if _is_cjk(key):
        return lambda text: text.find(key)
    words = (re.escape(word) for word in key.split(" "))
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")

    def search(text):
        match = pattern.search(text)
        return match.start() if match else -1

    return search


_MATCHERS = {
    language: [(cue, _compile(cue)) for cue in cues] for language, cues in CUES.items()
}


def _matchers_for(language):
    code = (language or "").lower().split("-")[0].split("_")[0]
    if code in _MATCHERS:
        languages = [code] if code == "en" else [code, "en"]
    else:
        languages = list(_MATCHERS)
    return [matcher for lang in languages for matcher in _MATCHERS[lang]]


def detect_purchase_intent(text, language=None):
    """Cues of purchase intent found in ``text`` (empty list when none)."""
    if not text or not text.strip():
        return []
    normalized = normalize(text)
    found = {}
    for cue, search in _matchers_for(language):
        if cue in found:
            continue
        position = search(normalized)
        if position >= 0:
            found[cue] = position
    return sorted(found, key=lambda cue: found[cue])


def has_purchase_intent(text, language=None):
    return bool(detect_purchase_intent(text, language))
