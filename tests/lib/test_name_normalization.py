"""Normalization of names, handles and free text used by identity matching."""

import pytest
from social_crm_lib.name_normalization import (
    fold_text,
    handle_variants,
    handle_words,
    is_cjk,
    name_handle_forms,
    normalize_handle,
    normalize_name,
    sorted_tokens,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("山田 太郎 様", "山田太郎"),
        ("山田太郎さん", "山田太郎"),
        ("佐藤 健 先生", "佐藤健"),
        ("田中氏", "田中"),
        ("ＹＡＭＡＤＡ", "yamada"),
        ("ＹＡＭＡＤＡ　Ｔａｒｏ", "yamada taro"),
        ("ﾔﾏﾀﾞ", "やまだ"),
        ("ヤマダ", "やまだ"),
        ("José", "jose"),
        ("Mr. José  Núñez 🎉", "jose nunez"),
        ("Sra. María José García-López", "maria jose garcia lopez"),
        ("M. Dupont", "dupont"),
        ("Mme Émilie Dubois", "emilie dubois"),
        ("Herr Jürgen Müller", "jurgen muller"),
        ("Straße", "strasse"),
        ("John Smith Jr.", "john smith"),
        ("Dr. Dre", "dre"),
        ("\u200bJo\u200dhn\u200b Smith", "john smith"),
        ("👩‍💻 Jane Doe 🏳️‍🌈", "jane doe"),
        ("김 민수", "김민수"),
    ],
)
def test_normalize_name(raw, expected):
    assert normalize_name(raw) == expected


def test_honorific_alone_is_kept_rather_than_emptied():
    assert normalize_name("Dr.") == "dr"
    assert normalize_name("様") == "様"


def test_first_names_that_look_like_titles_are_kept():
    assert normalize_name("Don Johnson") == "don johnson"
    assert normalize_name("M Smith") == "m smith"  # an initial, not "Monsieur"


def test_kana_voicing_marks_survive_accent_stripping():
    assert normalize_name("がっこう") == "がっこう"
    assert normalize_name("ガッコウ") == "がっこう"


def test_rtl_names_keep_their_letters_and_drop_vowel_points():
    assert normalize_name("مُحَمَّد عَلي") == "محمد علي"
    assert normalize_name("עִברִית") == "עברית"


@pytest.mark.parametrize(
    "odd",
    [None, "", "🎉🎉🎉", "\u200b\u200d\ufeff", "\x00", "   ", "." * 50, "x" * 100_000],
)
def test_odd_input_never_crashes(odd):
    assert isinstance(normalize_name(odd), str)
    assert isinstance(fold_text(odd), str)
    assert isinstance(normalize_handle(odd), str)


def test_emoji_only_name_is_empty():
    assert normalize_name("🌸✨🔥") == ""


def test_cjk_spaces_can_be_kept_to_know_the_word_order():
    assert normalize_name("山田 太郎", join_cjk=False) == "山田 太郎"


def test_sorted_tokens_ignores_word_order():
    assert sorted_tokens("smith john") == sorted_tokens("john smith") == "john smith"


def test_is_cjk():
    assert is_cjk("山田")
    assert is_cjk("やまだ")
    assert not is_cjk("yamada")
    assert not is_cjk("")


def test_handle_words_split_camel_case_digits_and_noise():
    assert handle_words("@JohnSmith_88") == ["john", "smith"]
    assert handle_words("@TheJohnSmith_official") == ["john", "smith"]
    assert handle_words("jane@mastodon.social") == ["jane"]
    assert handle_words("@ＪｏｈｎＳｍｉｔｈ") == ["john", "smith"]


def test_normalize_handle_splits_initial_and_surname_with_known_tokens():
    assert normalize_handle("@jsmith_88", {"smith"}) == "j smith"
    assert normalize_handle("johnsmith", {"john", "smith"}) == "john smith"
    assert normalize_handle("jsmith_88") == "jsmith"  # nothing known: left whole


def test_normalize_handle_does_not_split_on_unknown_words():
    assert normalize_handle("coffeelover", {"smith"}) == "coffeelover"


def test_handle_variants_drop_noise_affixes():
    assert handle_variants("@realjohnsmith") == {"realjohnsmith", "johnsmith"}
    assert handle_variants("") == set()


def test_name_handle_forms():
    full_forms, initial_forms = name_handle_forms("john smith")
    assert full_forms == {"johnsmith", "smithjohn"}
    assert initial_forms == {"jsmith", "johns", "smithj"}
    assert name_handle_forms("山田太郎") == (set(), set())
    assert name_handle_forms("madonna") == (set(), set())


def test_fold_text_keeps_words_for_phrase_search():
    assert (
        fold_text("Working at ACME Widgets, Inc. 🚀") == "working at acme widgets inc"
    )
    assert fold_text("大阪市 北区") == "大阪市北区"
