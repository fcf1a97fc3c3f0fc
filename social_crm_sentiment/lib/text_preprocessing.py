"""Shared clean-up of social texts before language detection and sentiment.

* zero-width and BOM characters are removed;
* URLs and @handles are removed (they carry no sentiment and confuse detectors);
* ``#hashtags`` keep their word, without the ``#``; CamelCase tags are split
  (``#EpicFail`` -> ``Epic Fail``);
* whitespace is collapsed and very long texts are cut at ``MAX_TEXT_CHARS``.
"""

import functools
import re
import unicodedata

MAX_TEXT_CHARS = 4000

ZERO_WIDTH_CHARS_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
HANDLE_RE = re.compile(r"(?<![\w@])@\w+(?:\.\w+)*")
HASHTAG_RE = re.compile(r"(?<!\w)[#＃](\w+)")
CAMEL_CASE_BOUNDARY_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
WHITESPACE_RE = re.compile(r"\s+")
# Combining diacritical marks (the accents of Latin scripts, once decomposed).
LATIN_DIACRITICS_RE = re.compile("[\u0300-\u036f]")
# Letters of any script (\w minus digits and underscore), and runs of anything else.
LETTER_RE = re.compile(r"[^\W\d_]")
NON_LETTERS_RE = re.compile(r"[\W\d_]+")
HIRAGANA_KATAKANA_RE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HANGUL_RE = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")


def _hashtag_words(match: re.Match) -> str:
    tag = match.group(1)
    return CAMEL_CASE_BOUNDARY_RE.sub(" ", tag).replace("_", " ")


# Language detection, sentiment and priority each clean the same text in turn.
@functools.lru_cache(maxsize=64)
def clean_text(text: str | None, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return ``text`` without URLs, handles, zero-width chars and ``#`` signs."""
    if not text:
        return ""
    text = text[: max_chars * 2]
    text = ZERO_WIDTH_CHARS_RE.sub("", text)
    text = URL_RE.sub(" ", text)
    text = HANDLE_RE.sub(" ", text)
    text = HASHTAG_RE.sub(_hashtag_words, text)
    text = WHITESPACE_RE.sub(" ", text).strip()
    return text[:max_chars]


def letters_only(text: str) -> str:
    """Keep letters and single spaces: what language detectors should see."""
    return NON_LETTERS_RE.sub(" ", text).strip()


def has_letters(text: str) -> bool:
    return LETTER_RE.search(text) is not None


def strip_accents(text: str) -> str:
    """``pésimo`` -> ``pesimo``: users often omit accents on social media."""
    if text.isascii():
        return text
    return LATIN_DIACRITICS_RE.sub("", unicodedata.normalize("NFD", text))


def normalize_language_code(code: str | None) -> str | None:
    """``en_US``/``pt-BR``/``EN`` -> ``en``/``pt``/``en``; empty -> None."""
    if not code:
        return None
    base = re.split(r"[-_@.]", code.strip().lower(), maxsplit=1)[0]
    return base or None
