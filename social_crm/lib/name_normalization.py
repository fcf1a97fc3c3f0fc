"""Normalization of people's names, handles and free text for identity matching.

Everything here is pure, deterministic and safe on any input (``None``, emoji-only
names, right-to-left scripts, zero-width characters, megabyte-long bios): the worst
answer is an empty string.

``normalize_name`` produces the comparison form of a display or contact name:

* NFKC, so full-width ``ＹＡＭＡＤＡ`` and half-width ``ﾔﾏﾀﾞ`` become ``YAMADA`` and
  ``ヤマダ``; katakana is then folded to hiragana (``ヤマダ`` == ``やまだ``);
* casefold, and accents / vowel points of Latin, Greek, Cyrillic, Hebrew and Arabic
  removed (``José`` == ``Jose``); CJK, kana (voiced marks included) and Hangul are
  kept as they are;
* emoji, symbols and punctuation become spaces;
* honorifics dropped: leading ``Mr``, ``Mrs``, ``Dr``, ``Sra``, ``Herr``, ``M.``,
  ``Mme`` ... and trailing ``Jr``/``PhD``; Japanese suffixes ``様``, ``さん``, ``氏``,
  ``殿``, ``君``, ``ちゃん``, ``先生`` ... whether attached or not;
* spaces between CJK characters removed (``山田 太郎`` == ``山田太郎``), whitespace
  collapsed.
"""

import re
import unicodedata

MAX_NAME_LENGTH = 256
MAX_TEXT_LENGTH = 5_000

_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2066\u2067\u2068\u2069"
        "\u202a\u202b\u202c\u202d\u202e\ufeff\x00",
    ),
    None,
)


def _code_points(*ranges):
    return [code for start, end in ranges for code in range(start, end + 1)]


# Accents and vowel points that people routinely omit when they type a name.
# Kana voicing marks (U+3099/U+309A) are NOT here: が must not become か.
_ACCENT_MARKS = dict.fromkeys(
    _code_points(
        (0x0300, 0x036F),  # combining diacritics (Latin, Greek, Cyrillic)
        (0x0591, 0x05C7),  # Hebrew points
        (0x0610, 0x061A),  # Arabic marks
        (0x064B, 0x065F),  # Arabic harakat
        (0x0670, 0x0670),
        (0x06D6, 0x06ED),
        (0x1AB0, 0x1AFF),
        (0x1DC0, 0x1DFF),
        (0x20D0, 0x20FF),
        (0xFE00, 0xFE0F),  # variation selectors (emoji presentation)
        (0xFE20, 0xFE2F),
    ),
    None,
)
# katakana ァ..ヶ -> hiragana ぁ..ゖ (same order, offset 0x60)
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}

_CJK = (
    "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uac00-\ud7af\u1100-\u11ff"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_ASCII_NOISE_KEEP_DOT = re.compile(r"[^a-z0-9.\s]+")
_ASCII_NOISE = re.compile(r"[^a-z0-9\s]+")

_LEADING_HONORIFICS = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|mister|mx|dr|prof|sir|sr|sra|srta|senor|senora|"
    r"herr|frau|mme|mlle|madame|monsieur|mademoiselle)\.?\s+|m\.\s*)+"
)
_TRAILING_HONORIFICS = re.compile(r"(?:\s+(?:jr|sr|phd|esq|md|ii|iii)\.?)+$")
_JAPANESE_HONORIFICS = re.compile(
    r"(?<=\S)\s*(?:様|さま|さん|氏|殿|君|くん|ちゃん|先生|せんせい|どの)(?=\s|$)"
)

# Handles: camelCase and letter/digit boundaries split; these words carry no name.
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_HANDLE_SEPARATORS = re.compile(r"[\d_.\-\s]+")
HANDLE_NOISE_WORDS = frozenset(
    {
        "official",
        "real",
        "the",
        "iam",
        "im",
        "its",
        "hq",
        "jp",
        "inc",
        "app",
        "tv",
        "news",
        "blog",
        "dev",
        "studio",
        "shop",
        "store",
        "team",
    }
)
_HANDLE_NOISE_PREFIXES = ("official", "real", "the", "iam", "its")
_HANDLE_NOISE_SUFFIXES = ("official", "hq", "jp", "inc", "tv", "app")


def is_cjk(text):
    """True when ``text`` contains a CJK ideograph, kana or Hangul syllable."""
    return bool(text) and _CJK_CHAR.search(text) is not None


def _base_form(text, limit):
    """NFKC, invisible characters out, casefold, accents out, katakana folded."""
    text = str(text)[:limit].translate(_INVISIBLE)
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFD", text).translate(_ACCENT_MARKS)
        text = unicodedata.normalize("NFC", text).translate(_KATAKANA_TO_HIRAGANA)
    return text


def _symbols_to_spaces(text, keep="."):
    """Keep letters, digits, combining marks, whitespace and ``keep``; else a space."""
    if text.isascii():
        pattern = _ASCII_NOISE_KEEP_DOT if keep == "." else _ASCII_NOISE
        return pattern.sub(" ", text)
    kept = []
    for char in text:
        if char in keep or char.isspace() or unicodedata.category(char)[0] in "LNM":
            kept.append(char)
        else:
            kept.append(" ")
    return "".join(kept)


def _collapse(text, join_cjk=True):
    if join_cjk and not text.isascii():
        text = _SPACE_BETWEEN_CJK.sub("", text)
    return " ".join(text.split())


def fold_text(text, limit=MAX_TEXT_LENGTH):
    """Comparison form of free text (bio, city, company): no honorific handling."""
    if not text:
        return ""
    return _collapse(_symbols_to_spaces(_base_form(text, limit), keep=""))


def strip_honorifics(text):
    """Drop honorifics from an already casefolded name (keeps it if nothing is left)."""
    stripped = _LEADING_HONORIFICS.sub("", text)
    stripped = _TRAILING_HONORIFICS.sub("", stripped)
    if not stripped.isascii():
        stripped = _JAPANESE_HONORIFICS.sub("", stripped)
    return stripped if stripped.strip(" .") else text


def normalize_name(text, join_cjk=True):
    """Comparison form of a person's or company's name (see the module docstring).

    ``join_cjk=False`` keeps the spaces between CJK words (``山田 太郎``), which
    tells the surname from the given name when a name is written in either order.

    >>> normalize_name("Mr. José  Núñez 🎉")
    'jose nunez'
    >>> normalize_name("山田 太郎 様")
    '山田太郎'
    """
    if not text:
        return ""
    text = _symbols_to_spaces(_base_form(text, MAX_NAME_LENGTH))
    text = strip_honorifics(" ".join(text.split()))
    return _collapse(text.replace(".", " "), join_cjk)


def name_tokens(normalized_name):
    """Tokens of a normalized name; a CJK run is one token (no word spaces)."""
    return normalized_name.split()


def sorted_tokens(normalized_name):
    """The token-sorted form used by ``token_sort_ratio``-style comparisons."""
    return " ".join(sorted(normalized_name.split()))


def _strip_noise_affixes(word):
    for prefix in _HANDLE_NOISE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            word = word[len(prefix) :]
            break
    for suffix in _HANDLE_NOISE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word


def _segment(word, known_tokens):
    """Split ``jsmith`` -> ``j smith`` or ``johnsmith`` -> ``john smith``.

    Only splits into two parts that are each a known name token or a single initial
    (not both initials); the split covering the most known letters wins.
    """
    best = None
    best_known_letters = 0
    for cut in range(1, len(word)):
        head, tail = word[:cut], word[cut:]
        head_known = len(head) >= 2 and head in known_tokens
        tail_known = len(tail) >= 2 and tail in known_tokens
        if not (head_known or len(head) == 1) or not (tail_known or len(tail) == 1):
            continue
        known_letters = head_known * len(head) + tail_known * len(tail)
        if known_letters > best_known_letters:
            best, best_known_letters = f"{head} {tail}", known_letters
    return best or word


def handle_words(handle):
    """Words of a handle: ``@JSmith_88`` -> ``['j', 'smith']``; noise words dropped.

    The leading ``@`` and a Mastodon ``@instance`` part are removed, camelCase and
    digits split words, and words such as ``official`` or ``real`` are dropped.
    """
    if not handle:
        return []
    text = str(handle)[:MAX_NAME_LENGTH].strip().lstrip("@").split("@", 1)[0]
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
    text = _CAMEL_BOUNDARY.sub(" ", text)
    text = _symbols_to_spaces(_base_form(text, MAX_NAME_LENGTH), keep="")
    words = _HANDLE_SEPARATORS.sub(" ", text).split()
    meaningful = [word for word in words if word not in HANDLE_NOISE_WORDS]
    return meaningful or words


def normalize_handle(handle, known_tokens=None):
    """Comparison form of a handle, as space-separated words.

    ``known_tokens`` (the name tokens of the contacts, e.g. ``ContactIndex.tokens``)
    lets a one-word handle be split into initial + surname or first + last name:
    ``normalize_handle("@jsmith_88", {"smith"})`` -> ``"j smith"``.
    """
    words = handle_words(handle)
    if len(words) == 1 and known_tokens:
        word = _strip_noise_affixes(words[0])
        return _segment(word, known_tokens)
    return " ".join(words)


def handle_variants(handle):
    """Compact spellings of a handle to look up among the contacts' name forms.

    ``@TheJohnSmith_official`` -> ``{"thejohnsmith", "johnsmith"}``.
    """
    words = handle_words(handle)
    if not words:
        return set()
    compact = "".join(words)
    return {compact, _strip_noise_affixes(compact)} - {""}


def name_handle_forms(normalized_name):
    """How people derive a handle from their name, split by strength.

    Returns ``(full_forms, initial_forms)`` for ``john smith``:
    ``{"johnsmith", "smithjohn"}`` and ``{"jsmith", "johns", "smithj"}``.
    CJK names give no forms (their handles are romanized, which needs a reading).
    """
    tokens = normalized_name.split()
    if not normalized_name.isascii():
        tokens = [token for token in tokens if not is_cjk(token)]
    if len(tokens) < 2:
        return set(), set()
    first, last = tokens[0], tokens[-1]
    full_forms = {first + last, last + first, "".join(tokens)}
    initial_forms = {first[0] + last, first + last[0], last + first[0]}
    return full_forms, initial_forms - full_forms
