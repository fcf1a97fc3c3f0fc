"""Language detection: known texts, determinism, restriction, hints, edge cases."""

import subprocess
import sys
from pathlib import Path

import pytest
from social_crm_sentiment_lib.language import LanguageDetector
from social_crm_sentiment_lib.text_preprocessing import (
    clean_text,
    normalize_language_code,
)

ENGINES = LanguageDetector.available_engines()
SAMPLES = {
    "en": "Thanks a lot, the new update works great",
    "ja": "最高です！ありがとう",
    "es": "Muchas gracias, el pedido llegó muy rápido",
    "fr": "Merci beaucoup, la livraison était rapide",
    "de": "Vielen Dank, die Lieferung war sehr schnell",
    "pt": "Muito obrigado, o pedido chegou muito rápido",
}
COMPANY_LANGUAGES = ["en", "ja", "es", "fr", "de", "pt"]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("language", "text"), SAMPLES.items())
def test_engines_detect_known_texts(engine, language, text):
    detector = LanguageDetector(engine, allowed_languages=COMPANY_LANGUAGES)
    code, confidence = detector.detect(text)
    assert code == language
    assert 0.0 < confidence <= 1.0


def test_default_engine_is_installed_and_customer_engine_available():
    assert LanguageDetector().engine in ENGINES
    assert "langdetect" in ENGINES


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😡😡", "12345 !!!", "\u200b", None, "https://example.com @someone"],
)
def test_texts_without_letters_give_none(text):
    assert LanguageDetector().detect(text) == (None, 0.0)


def test_ten_thousand_character_text():
    code, _confidence = LanguageDetector().detect("Das ist gut. " * 800)
    assert code == "de"


SUBPROCESS_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
import conftest
from social_crm_sentiment_lib.language import LanguageDetector
detector = LanguageDetector("langdetect")
texts = ["ok", "hola", "ciao bella", "Gut", "merci", "obrigado amigo", "lol"]
print([detector.detect(text) for text in texts])
"""


def test_langdetect_is_deterministic_across_processes():
    tests_dir = str(Path(__file__).resolve().parent.parent)
    script = SUBPROCESS_SCRIPT.format(tests=tests_dir)
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(outputs) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_repeated_detection_is_deterministic(engine):
    # lingua with all 75 languages takes ~15 s to load: restrict it here.
    detector = LanguageDetector(engine, allowed_languages=COMPANY_LANGUAGES)
    texts = ["ok thx", "hola", "bien", "Gut", "top", "obrigado"]
    first = detector.detect_many(texts)
    assert all(detector.detect_many(texts) == first for _ in range(5))


@pytest.mark.parametrize("engine", ENGINES)
def test_allowed_languages_restrict_results(engine):
    detector = LanguageDetector(engine, allowed_languages=["en", "es"])
    for text in ("Bonjour tout le monde", "Guten Morgen zusammen", "ciao amici"):
        code, _confidence = detector.detect(text)
        assert code in ("en", "es")


def test_han_only_text_is_japanese_when_chinese_is_not_enabled():
    assert LanguageDetector(allowed_languages=["en", "ja"]).detect("故障")[0] == "ja"


def test_script_decides_only_when_it_is_the_main_one():
    detector = LanguageDetector(allowed_languages=COMPANY_LANGUAGES)
    review = (
        "Week two with the speaker: the battery lasts about fourteen hours, "
        "pairing with two phones works and the sound is great. "
        "音がとても良いです。"
    )
    assert detector.detect(review)[0] == "en"
    japanese = "新しいファームウェアでBluetoothが安定しました"
    assert detector.detect(japanese) == ("ja", 0.99)
    assert detector.detect("util-linux の fdisk") == ("ja", 0.99)


def test_hint_is_kept_unless_clearly_wrong():
    detector = LanguageDetector(allowed_languages=COMPANY_LANGUAGES)
    assert detector.detect("ok", hint="es")[0] == "es"
    assert (
        detector.detect("Vielen Dank für die schnelle Lieferung", hint="en")[0] == "de"
    )
    assert detector.detect("最高です", hint="en")[0] == "ja"
    assert detector.detect("grazie mille a tutti voi", hint="it")[0] == "it"


def test_detect_many_and_hint_length_check():
    detector = LanguageDetector()
    assert [code for code, _ in detector.detect_many(["hello world", ""])] == [
        "en",
        None,
    ]
    with pytest.raises(ValueError):
        detector.detect_many(["a", "b"], hints=["en"])


def test_unknown_engine_is_rejected():
    with pytest.raises(ValueError):
        LanguageDetector("no-such-engine")


def test_text_preprocessing():
    assert clean_text("Hi @bob_1 see https://x.co/a #EpicFail\u200b!") == (
        "Hi see Epic Fail!"
    )
    assert normalize_language_code("pt-BR") == "pt"
    assert normalize_language_code("en_US") == "en"
    assert normalize_language_code("") is None
