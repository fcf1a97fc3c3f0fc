"""Listening queries: parse, validate, match locally and translate per platform.

Syntax
------
A query is a boolean expression over:

* words: ``acme`` (Latin-script words match whole words; a word made of CJK, kana,
  Hangul, Thai, Lao, Khmer or Myanmar characters matches as a substring because
  those scripts do not separate words with spaces),
* exact phrases: ``"new phone"`` (straight or curly double quotes),
* hashtags: ``#acme``, ``#café``, ``#東京`` (letters, marks, digits and ``_``),
* handles: ``@acme``, ``@acme@mastodon.social``, ``@acme.bsky.social``,
* the operators ``AND``, ``OR``, ``NOT`` (uppercase only: ``and``/``or`` are
  words), ``-word`` / ``-"phrase"`` / ``-(group)`` as a short ``NOT``, and
  parentheses.

Adjacent terms are joined by an implicit ``AND``; precedence is
``NOT`` > ``AND`` > ``OR``. A query must be able to match on its own: ``-spam``
or ``acme OR -spam`` are refused ("only negative terms").

Matching is case-, accent- and width-insensitive (NFKC, casefold, combining
diacritics removed) and ignores zero-width characters (``posts.clean_text``).
``@handle`` matches the post's author or a mention of the handle in the text; a
handle without an instance (``@acme``) also matches ``acme@any.instance``.
``#tag`` matches a hashtag of the text or of the ``hashtags`` given by the
platform; a plain word also matches inside a hashtag or a mention (``acme``
matches ``#acme``).

Platform builders
-----------------
``to_x``, ``to_bluesky``, ``to_mastodon``, ``to_reddit`` and ``to_plain_keywords``
translate a parsed query into each platform's search syntax. A builder may be
broader than the query (results are re-checked locally with ``CompiledQuery``)
but never narrower: what a platform cannot express exactly (a negated group on
X, a negated handle, a hashtag on Reddit, ``OR`` on Bluesky) is either expanded
into equivalent queries or dropped, which only widens the search.
"""

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from .posts import clean_text

__all__ = [
    "And",
    "CompiledQuery",
    "Handle",
    "Hashtag",
    "Matcher",
    "Not",
    "Or",
    "Phrase",
    "QuerySyntaxError",
    "QueryTooLongError",
    "Term",
    "build_sources",
    "fold_text",
    "format_error",
    "matches",
    "parse",
    "positive_terms",
    "to_bluesky",
    "to_mastodon",
    "to_plain_keywords",
    "to_reddit",
    "to_x",
]

MAX_NESTING_DEPTH = 64
X_MAX_QUERY_LENGTH = 512
X_QUERY_SUFFIX = " -is:retweet"
MAX_BLUESKY_QUERIES = 10
LIST_OWN_CONTENT_PLATFORMS = ("youtube", "facebook", "instagram", "rss")

OPERATORS = ("AND", "OR", "NOT")
QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d"}  # "..." and “...”
GROUP_DELIMITERS = "()"


# --------------------------------------------------------------------- errors


class QuerySyntaxError(ValueError):
    """The query text is not valid; ``position`` is the 0-based offset of the fault.

    The message is plain English (the Odoo layer translates it) and already says
    where the problem is; ``format_error`` adds a caret line under the query.
    """

    def __init__(self, message, position=None):
        super().__init__(message)
        self.message = message
        self.position = position


class QueryTooLongError(QuerySyntaxError):
    """A platform query would exceed the platform's length limit.

    Raised by ``to_x`` only after the broader fallback (negative terms dropped)
    is still too long; ``length`` and ``limit`` are in characters.
    """

    def __init__(self, message, length, limit):
        super().__init__(message, position=None)
        self.length = length
        self.limit = limit


def format_error(query, error):
    """Return the error message, the query and a ``^`` under the faulty position.

    Wide (CJK, fullwidth) characters count as two columns so the caret lines up
    in a monospace font; tabs and line breaks are shown as spaces.
    """
    message = str(error)
    position = getattr(error, "position", None)
    if position is None:
        return message
    shown_query = "".join(" " if ch.isspace() else ch for ch in query)
    caret_column = _display_width(shown_query[:position])
    return f"{message}\n{shown_query}\n{' ' * caret_column}^"


def _display_width(text):
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


# ------------------------------------------------------------------------ AST


@dataclass(frozen=True, slots=True)
class Term:
    """A single word; ``position`` is informational and ignored by ``==``."""

    text: str
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Phrase:
    """An exact sequence of words (whitespace-insensitive)."""

    text: str
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Hashtag:
    """A hashtag, stored without its ``#``."""

    tag: str
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Handle:
    """An account handle, stored without its leading ``@``."""

    handle: str
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Not:
    child: object
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class And:
    children: tuple
    position: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple
    position: int = field(default=0, compare=False, repr=False)


LEAF_TYPES = (Term, Phrase, Hashtag, Handle)


def _combine(node_type, children, position=0):
    """Build an ``And``/``Or``, flattening nested nodes of the same type."""
    flat = []
    for child in children:
        if isinstance(child, node_type):
            flat.extend(child.children)
        else:
            flat.append(child)
    if len(flat) == 1:
        return flat[0]
    return node_type(tuple(flat), position=position)


# ------------------------------------------------------------------ folding

_INVISIBLE_MARK_RANGES = (
    (0x0300, 0x036F),  # combining diacritical marks (Latin, Greek, Cyrillic)
    (0x0591, 0x05C7),  # Hebrew points
    (0x0610, 0x061A),  # Arabic signs
    (0x064B, 0x065F),  # Arabic harakat
    (0x0670, 0x0670),  # Arabic superscript alef
    (0x06D6, 0x06ED),  # Arabic Quranic marks
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)


def _build_ignored_characters():
    """Regex of the diacritics and emoji variation selectors that matching ignores."""
    codes = [
        code
        for start, end in _INVISIBLE_MARK_RANGES
        for code in range(start, end + 1)
        if unicodedata.category(chr(code)) == "Mn"
    ]
    codes += [0xFE0E, 0xFE0F]  # text / emoji presentation selectors
    return re.compile("[" + "".join(re.escape(chr(code)) for code in codes) + "]+")


_IGNORED_CHARACTERS = _build_ignored_characters()
_EQUIVALENT_QUOTES = (("\u2018", "'"), ("\u2019", "'"), ("\u02bc", "'"))
_EQUIVALENT_QUOTES += (("\u201c", '"'), ("\u201d", '"'))


def fold_text(text):
    """Return ``text`` in the form used for matching.

    ``clean_text`` (zero-width characters out), NFKC (fullwidth -> ASCII,
    halfwidth kana -> fullwidth), casefold, combining diacritics and emoji
    variation selectors removed (``Café`` -> ``cafe``), curly quotes made
    straight, runs of whitespace collapsed to one space. Japanese voiced marks
    and Hangul are preserved.
    """
    text = clean_text(text)
    if text.isascii():  # nothing to normalize, no diacritics, no curly quotes
        return " ".join(text.casefold().split())
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _IGNORED_CHARACTERS.sub("", unicodedata.normalize("NFKD", text))
    text = unicodedata.normalize("NFC", text)
    for curly, straight in _EQUIVALENT_QUOTES:
        if curly in text:
            text = text.replace(curly, straight)
    return " ".join(text.split())


_SCRIPTS_WITHOUT_SPACES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)


def _is_in_script_without_spaces(char):
    code = ord(char)
    return any(start <= code <= end for start, end in _SCRIPTS_WITHOUT_SPACES)


def _is_word_char(char):
    return char.isalnum() or char == "_"


def _needs_word_boundary(char):
    return _is_word_char(char) and not _is_in_script_without_spaces(char)


def _is_hashtag_char(char):
    return char in "_\u00b7" or unicodedata.category(char)[0] in "LMN"


# ---------------------------------------------------------------- tokenizer


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # WORD PHRASE HASHTAG HANDLE AND OR NOT MINUS LPAREN RPAREN END
    value: str
    position: int


OPERAND_START_KINDS = ("WORD", "PHRASE", "HASHTAG", "HANDLE", "LPAREN", "NOT", "MINUS")


def _tokenize(text):
    tokens = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            index += 1
        elif char in GROUP_DELIMITERS:
            kind = "LPAREN" if char == "(" else "RPAREN"
            tokens.append(_Token(kind, char, index))
            index += 1
        elif char in QUOTE_PAIRS:
            token, index = _read_phrase(text, index)
            tokens.append(token)
        elif char == "-":
            tokens.append(_read_minus(text, index))
            index += 1
        else:
            token, index = _read_word(text, index)
            tokens.append(token)
    tokens.append(_Token("END", "", len(text)))
    return tokens


def _read_phrase(text, start):
    closing = QUOTE_PAIRS[text[start]]
    end = text.find(closing, start + 1)
    if end == -1 and closing != '"':
        end = text.find('"', start + 1)
    if end == -1:
        raise QuerySyntaxError(
            f"Unclosed quote starting at position {start}", position=start
        )
    phrase = text[start + 1 : end]
    if not fold_text(phrase):
        raise QuerySyntaxError(f"Empty phrase at position {start}", position=start)
    return _Token("PHRASE", " ".join(clean_text(phrase).split()), start), end + 1


def _read_minus(text, start):
    following = text[start + 1 : start + 2]
    if not following or following.isspace() or following == ")":
        raise QuerySyntaxError(
            f'Missing term after "-" at position {start}', position=start
        )
    return _Token("MINUS", "-", start)


def _read_word(text, start):
    end = start
    while end < len(text):
        char = text[end]
        if char.isspace() or char in GROUP_DELIMITERS or char in QUOTE_PAIRS:
            break
        end += 1
    word = text[start:end]
    if word in OPERATORS:
        return _Token(word, word, start), end
    if word.startswith(("#", "\uff03")):
        return _Token("HASHTAG", _checked_hashtag(word, start), start), end
    if word.startswith(("@", "\uff20")):
        return _Token("HANDLE", _checked_handle(word, start), start), end
    if not fold_text(word):
        raise QuerySyntaxError(
            f"Term at position {start} has no searchable characters", position=start
        )
    return _Token("WORD", clean_text(word), start), end


def _checked_hashtag(word, start):
    tag = clean_text(word[1:])
    if not tag:
        raise QuerySyntaxError(
            f'Missing hashtag name after "#" at position {start}', position=start
        )
    for offset, char in enumerate(word[1:], start=1):
        if not _is_hashtag_char(char) and clean_text(char):
            raise QuerySyntaxError(
                f'Invalid character "{char}" in hashtag at position {start + offset}:'
                " use letters, digits and _",
                position=start + offset,
            )
    return tag


_HANDLE_CHARS = re.compile(r"[\w.\-@]")


def _checked_handle(word, start):
    handle = clean_text(word[1:])
    if not handle:
        raise QuerySyntaxError(
            f'Missing handle after "@" at position {start}', position=start
        )
    for offset, char in enumerate(word[1:], start=1):
        misplaced_at = char == "@" and offset == 1
        if misplaced_at or not _HANDLE_CHARS.fullmatch(char):
            raise QuerySyntaxError(
                f'Invalid character "{char}" in handle at position {start + offset}:'
                " use letters, digits, _ - . and @instance",
                position=start + offset,
            )
    return handle


# ------------------------------------------------------------------- parser


class _Parser:
    """Recursive descent over the grammar::

    query   := or_expr END
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary (["AND"] unary)*
    unary   := ("NOT" | "-") unary | primary
    primary := WORD | PHRASE | HASHTAG | HANDLE | "(" or_expr ")"
    """

    def __init__(self, text):
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0

    def peek(self):
        return self.tokens[self.index]

    def advance(self):
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self):
        if self.peek().kind == "END":
            raise QuerySyntaxError("Empty query", position=0)
        node = self.parse_or()
        token = self.peek()
        if token.kind != "END":
            raise _unexpected(token)
        return node

    def parse_or(self):
        first = self.parse_and()
        children = [first]
        while self.peek().kind == "OR":
            self._expect_operand_after(self.advance())
            children.append(self.parse_and())
        return _combine(Or, children, position=first.position)

    def parse_and(self):
        first = self.parse_unary()
        children = [first]
        while True:
            token = self.peek()
            if token.kind == "AND":
                self._expect_operand_after(self.advance())
            elif token.kind not in OPERAND_START_KINDS:
                break
            children.append(self.parse_unary())
        return _combine(And, children, position=first.position)

    def parse_unary(self):
        token = self.peek()
        if token.kind not in ("NOT", "MINUS"):
            return self.parse_primary()
        self.advance()
        self._expect_operand_after(token)
        with self._nested(token):
            return Not(self.parse_unary(), position=token.position)

    def parse_primary(self):
        token = self.advance()
        if token.kind == "WORD":
            return Term(token.value, position=token.position)
        if token.kind == "PHRASE":
            return Phrase(token.value, position=token.position)
        if token.kind == "HASHTAG":
            return Hashtag(token.value, position=token.position)
        if token.kind == "HANDLE":
            return Handle(token.value, position=token.position)
        if token.kind == "LPAREN":
            return self._parse_group(token)
        if token.kind in ("AND", "OR"):
            raise QuerySyntaxError(
                f'Missing term before "{token.value}" at position {token.position}',
                position=token.position,
            )
        raise _unexpected(token)

    def _parse_group(self, opening):
        if self.peek().kind == "RPAREN":
            raise QuerySyntaxError(
                f"Empty parentheses at position {opening.position}",
                position=opening.position,
            )
        with self._nested(opening):
            inner = self.parse_or()
        if self.peek().kind != "RPAREN":
            raise QuerySyntaxError(
                f"Unclosed parenthesis starting at position {opening.position}",
                position=opening.position,
            )
        self.advance()
        return inner

    def _expect_operand_after(self, operator):
        if self.peek().kind not in OPERAND_START_KINDS:
            raise QuerySyntaxError(
                f'Missing term after "{operator.value}" at position '
                f"{operator.position}",
                position=operator.position,
            )

    def _nested(self, token):
        return _NestingGuard(self, token)


class _NestingGuard:
    def __init__(self, parser, token):
        self.parser = parser
        self.token = token

    def __enter__(self):
        self.parser.depth += 1
        if self.parser.depth > MAX_NESTING_DEPTH:
            raise QuerySyntaxError(
                f"Query is nested too deeply at position {self.token.position}",
                position=self.token.position,
            )

    def __exit__(self, *exc_info):
        self.parser.depth -= 1
        return False


def _unexpected(token):
    shown = token.value or "end of query"
    return QuerySyntaxError(
        f'Unexpected "{shown}" at position {token.position}', position=token.position
    )


def _can_match_alone(node, negated=False):
    """True when every match needs at least one positive leaf (see module doc)."""
    if isinstance(node, LEAF_TYPES):
        return not negated
    if isinstance(node, Not):
        return _can_match_alone(node.child, not negated)
    needs_all = isinstance(node, Or) != negated
    results = (_can_match_alone(child, negated) for child in node.children)
    return all(results) if needs_all else any(results)


def _only_negative_culprit(node):
    """The sub-expression to point at when the query is only negative."""
    while isinstance(node, Or):
        node = next(child for child in node.children if not _can_match_alone(child))
    return node


def parse(text):
    """Parse a query into an immutable AST or raise ``QuerySyntaxError``."""
    node = _Parser(text or "").parse()
    if not _can_match_alone(node):
        culprit = _only_negative_culprit(node)
        raise QuerySyntaxError(
            "Query cannot be only negative terms (at position "
            f"{culprit.position}): add a word, phrase, hashtag or handle to find",
            position=culprit.position,
        )
    return node


def positive_terms(node):
    """Words, phrases, ``#hashtags`` and ``@handles`` that a match may contain.

    Leaves under an odd number of negations are left out; order of first
    appearance, no duplicates. Useful for highlighting and keyword conditions.
    """
    found = []

    def visit(current, negated):
        if isinstance(current, Not):
            visit(current.child, not negated)
        elif isinstance(current, And | Or):
            for child in current.children:
                visit(child, negated)
        elif not negated:
            text = _leaf_display(current)
            if text not in found:
                found.append(text)

    visit(node, False)
    return found


def _leaf_display(leaf):
    if isinstance(leaf, Hashtag):
        return f"#{leaf.tag}"
    if isinstance(leaf, Handle):
        return f"@{leaf.handle}"
    return leaf.text


# ------------------------------------------------------------------ matcher


def _literal_regex(text):
    """Regex for a word or phrase on folded text, word-bounded for spaced scripts."""
    words = fold_text(text).split(" ")
    body = r"\s+".join(re.escape(word) for word in words)
    before = r"(?<!\w)" if _needs_word_boundary(words[0][0]) else ""
    after = r"(?!\w)" if _needs_word_boundary(words[-1][-1]) else ""
    return re.compile(before + body + after)


def _mention_regex(folded_handle):
    # "@acme" must not match "@acme.bsky.social" or "@acme_fan"; it may match
    # "@acme@instance" when the query gives no instance.
    after = r"(?![\w\-]|\.\w)" if "@" not in folded_handle else r"(?![\w\-@]|\.\w)"
    return re.compile(r"(?<![\w@.])@" + re.escape(folded_handle) + after)


def _extract_hashtags(folded_text):
    tags = set()
    start = folded_text.find("#")
    while start != -1:
        end = start + 1
        while end < len(folded_text) and _is_hashtag_char(folded_text[end]):
            end += 1
        preceded_by_word = start > 0 and _is_word_char(folded_text[start - 1])
        if end > start + 1 and not preceded_by_word:
            tags.add(folded_text[start + 1 : end])
        start = folded_text.find("#", end)
    return tags


class _Document:
    """A post prepared once for every check of a query."""

    __slots__ = ("_hashtags", "author", "extra_hashtags", "text")

    def __init__(self, text, author_handle, hashtags):
        self.text = fold_text(text)
        self.author = fold_text(author_handle).lstrip("@") if author_handle else ""
        self.extra_hashtags = hashtags or ()
        self._hashtags = None

    @property
    def hashtags(self):
        if self._hashtags is None:
            tags = _extract_hashtags(self.text)
            tags.update(fold_text(tag).lstrip("#") for tag in self.extra_hashtags)
            self._hashtags = tags
        return self._hashtags


def _handle_check(handle):
    folded = fold_text(handle)
    mention = _mention_regex(folded)
    has_instance = "@" in folded

    def check(document):
        author = document.author
        if author and (
            author == folded or (not has_instance and author.split("@", 1)[0] == folded)
        ):
            return True
        return mention.search(document.text) is not None

    return check


def _compile_node(node):
    if isinstance(node, Term | Phrase):
        search = _literal_regex(node.text).search
        return lambda document: search(document.text) is not None
    if isinstance(node, Hashtag):
        tag = fold_text(node.tag)
        return lambda document: tag in document.hashtags
    if isinstance(node, Handle):
        return _handle_check(node.handle)
    if isinstance(node, Not):
        inner = _compile_node(node.child)
        return lambda document: not inner(document)
    checks = tuple(_compile_node(child) for child in node.children)
    if isinstance(node, And):
        return lambda document: all(check(document) for check in checks)
    return lambda document: any(check(document) for check in checks)


class CompiledQuery:
    """A query compiled once (precompiled regexes) to test many posts quickly.

    ``CompiledQuery(parse("acme -spam")).matches(text, author_handle="jdoe")``;
    a query string is accepted too and parsed first.
    """

    __slots__ = ("_check", "node")

    def __init__(self, node):
        self.node = parse(node) if isinstance(node, str) else node
        self._check = _compile_node(self.node)

    def matches(self, text, author_handle=None, hashtags=None):
        return self._check(_Document(text, author_handle, hashtags))

    def matches_post(self, post):
        """Match a normalized post (see ``posts.py``)."""
        author = post.get("author") or {}
        return self.matches(post.get("text") or "", author_handle=author.get("handle"))


Matcher = CompiledQuery


@functools.lru_cache(maxsize=256)
def _cached_compiled(node):
    return CompiledQuery(node)


def matches(node, text, *, author_handle=None, hashtags=None):
    """Does ``text`` (written by ``author_handle``) match the parsed query?"""
    compiled = _cached_compiled(node)
    return compiled.matches(text, author_handle=author_handle, hashtags=hashtags)


# ----------------------------------------------------------- platform builders


def _negation_normal_form(node, can_negate, negated=False):
    """Push negations down to leaves; return ``None`` for "no constraint".

    A negated leaf the platform cannot express exactly (``can_negate`` false) is
    dropped, an ``OR`` with a dropped or negative branch becomes "no
    constraint": both only broaden the query.
    """
    if isinstance(node, LEAF_TYPES):
        if not negated:
            return node
        return Not(node) if can_negate(node) else None
    if isinstance(node, Not):
        return _negation_normal_form(node.child, can_negate, not negated)
    children = [
        _negation_normal_form(child, can_negate, negated) for child in node.children
    ]
    conjunction = isinstance(node, And) != negated
    return _nnf_and(children) if conjunction else _nnf_or(children)


def _nnf_and(children):
    kept = [child for child in children if child is not None]
    if not kept:
        return None
    positives = [child for child in kept if not isinstance(child, Not)]
    negatives = [child for child in kept if isinstance(child, Not)]
    return _combine(And, positives + negatives)


def _nnf_or(children):
    if any(child is None or isinstance(child, Not) for child in children):
        return None
    return _combine(Or, children)


def _render_infix(node, render_leaf, and_separator, negation_prefix):
    if isinstance(node, LEAF_TYPES):
        return render_leaf(node, negated=False)
    if isinstance(node, Not):
        return render_leaf(node.child, negated=True, prefix=negation_prefix)
    parts = []
    for child in node.children:
        text = _render_infix(child, render_leaf, and_separator, negation_prefix)
        if isinstance(child, And | Or):
            text = f"({text})"
        parts.append(text)
    separator = and_separator if isinstance(node, And) else " OR "
    return separator.join(parts)


_PLATFORM_SPECIAL = re.compile(r"[:()\"\\*^~\[\]{}]")


def _quoted_if_needed(word):
    needs_quotes = (
        _PLATFORM_SPECIAL.search(word)
        or word[0] in "-+#@$!"
        or word.upper() in OPERATORS
    )
    return f'"{word}"' if needs_quotes else word


_X_USERNAME = re.compile(r"[A-Za-z0-9_]{1,15}")


def _is_x_username(handle):
    return _X_USERNAME.fullmatch(handle) is not None


def _render_x_leaf(leaf, negated, prefix=""):
    if isinstance(leaf, Handle) and _is_x_username(leaf.handle):
        if negated:
            return f"-from:{leaf.handle} -@{leaf.handle}"
        return f"(from:{leaf.handle} OR @{leaf.handle})"
    return prefix + _render_common_leaf(leaf)


def _render_common_leaf(leaf):
    if isinstance(leaf, Term):
        return _quoted_if_needed(leaf.text)
    if isinstance(leaf, Phrase):
        return f'"{leaf.text}"'
    if isinstance(leaf, Hashtag):
        return f"#{leaf.tag}"
    return f'"{leaf.handle}"'


def _x_can_negate(leaf):
    return not isinstance(leaf, Handle) or _is_x_username(leaf.handle)


def _never_negate(leaf):
    return False


def _render_x(node, can_negate):
    normal = _negation_normal_form(node, can_negate)
    text = _render_infix(normal, _render_x_leaf, " ", "-")
    if isinstance(normal, Or):
        text = f"({text})"
    return text + X_QUERY_SUFFIX


def to_x(node, max_length=X_MAX_QUERY_LENGTH):
    """X API v2 recent search query, retweets excluded.

    Space is AND, ``OR`` is uppercase, negation is ``-`` on single operators
    (X refuses negated groups, so ``-(a OR b)`` becomes ``-a -b`` and a negated
    ``AND`` group is dropped), ``@handle`` becomes ``(from:handle OR @handle)``.
    If the query is longer than ``max_length`` (512 on self-serve access) it is
    rebuilt without its negative terms (broader, re-checked locally); if that is
    still too long, ``QueryTooLongError`` is raised so the user shortens it.
    """
    exact = _render_x(node, _x_can_negate)
    if len(exact) <= max_length:
        return exact
    broader = _render_x(node, _never_negate)
    if len(broader) <= max_length:
        return broader
    raise QueryTooLongError(
        f"Query is too long for X search: {len(broader)} characters even without "
        f"its negative terms, the limit is {max_length}. Shorten it or split it "
        "into several listening queries.",
        length=len(broader),
        limit=max_length,
    )


def _render_reddit_leaf(leaf, negated, prefix=""):
    if isinstance(leaf, Hashtag):
        return _quoted_if_needed(leaf.tag)
    if isinstance(leaf, Handle):
        name = _quoted_if_needed(leaf.handle)
        return f"(author:{name} OR {name})"
    return prefix + _render_common_leaf(leaf)


def _reddit_can_negate(leaf):
    return isinstance(leaf, Term | Phrase)


def to_reddit(node):
    """Reddit search query: ``AND``/``OR``/``NOT`` uppercase, quotes, parentheses.

    Reddit has no hashtags (``#tag`` searches the word ``tag``) and ``@handle``
    becomes ``(author:handle OR handle)``; such broadened leaves are not negated.
    """
    normal = _negation_normal_form(node, _reddit_can_negate)
    return _render_infix(normal, _render_reddit_leaf, " AND ", "NOT ")


def _bluesky_can_negate(leaf):
    return not isinstance(leaf, Handle)


def _bluesky_leaf_alternatives(leaf, negated):
    if isinstance(leaf, Handle):
        if "." in leaf.handle and "@" not in leaf.handle:
            return [f"from:{leaf.handle}", f"mentions:{leaf.handle}"]
        return [_quoted_if_needed(leaf.handle)]
    text = _render_common_leaf(leaf)
    return [f"-{text}" if negated else text]


def _disjunctive_branches(node, limit):
    """``node`` (negation normal form) as a list of AND-ed clause lists.

    Returns ``None`` when more than ``limit`` branches would be needed.
    """
    if isinstance(node, LEAF_TYPES):
        return [[clause] for clause in _bluesky_leaf_alternatives(node, False)]
    if isinstance(node, Not):
        return [_bluesky_leaf_alternatives(node.child, True)]
    child_branches = [_disjunctive_branches(child, limit) for child in node.children]
    if any(branches is None for branches in child_branches):
        return None
    if isinstance(node, Or):
        combined = [branch for branches in child_branches for branch in branches]
    else:
        combined = []
        for parts in itertools.product(*child_branches):
            combined.append([clause for part in parts for clause in part])
            if len(combined) > limit:
                return None
    return combined if len(combined) <= limit else None


def to_bluesky(node, max_queries=MAX_BLUESKY_QUERIES):
    """Bluesky ``app.bsky.feed.searchPosts`` queries, one per ``OR`` branch.

    Bluesky search has no ``OR``: the query is expanded into its disjunctive
    normal form (``(a OR b) c`` -> ``["a c", "b c"]``). ``@name.bsky.social``
    becomes two queries (``from:`` and ``mentions:``). Above ``max_queries``
    branches, one broad query per positive term is returned instead.
    """
    normal = _negation_normal_form(node, _bluesky_can_negate)
    branches = _disjunctive_branches(normal, max_queries)
    if branches is None:
        broad = _negation_normal_form(node, _never_negate)
        leaves = _covering_leaves(broad, lambda leaf: 1)
        branches = [
            [alternative]
            for leaf in leaves
            for alternative in _bluesky_leaf_alternatives(leaf, False)
        ]
    return _unique(" ".join(_unique(branch)) for branch in branches)


def _unique(items):
    return list(dict.fromkeys(items))


def _covering_leaves(node, leaf_cost):
    """Smallest set of positive leaves such that every match contains one.

    ``node`` is in negation normal form without negations. For an ``AND`` the
    cheapest child suffices; for an ``OR`` every child is needed.
    """
    if isinstance(node, LEAF_TYPES):
        return [node]
    covers = [_covering_leaves(child, leaf_cost) for child in node.children]
    if isinstance(node, Or):
        return _unique(leaf for cover in covers for leaf in cover)
    return min(covers, key=lambda cover: sum(map(leaf_cost, cover)))


def _mastodon_source_cost(leaf):
    # Tag timelines are public and complete; full-text search is opt-in on
    # Mastodon and often limited, so prefer covering the query with hashtags.
    return 1 if isinstance(leaf, Hashtag) else 10


def _mastodon_source(leaf):
    if isinstance(leaf, Hashtag):
        return ("hashtag", leaf.tag)
    if isinstance(leaf, Handle):
        return ("search", f"@{leaf.handle}")
    if isinstance(leaf, Phrase):
        return ("search", f'"{leaf.text}"')
    return ("search", leaf.text)


def to_mastodon(node):
    """Mastodon sources as ``(kind, value)``: ``("hashtag", tag)`` or ``("search", q)``.

    Mastodon has no boolean search, so the sources are the fewest positive
    terms such that every matching post contains one of them, hashtags first
    (``#acme phone`` -> ``[("hashtag", "acme")]``).
    """
    broad = _negation_normal_form(node, _never_negate)
    leaves = _covering_leaves(broad, _mastodon_source_cost)
    return _unique(_mastodon_source(leaf) for leaf in leaves)


def to_plain_keywords(node):
    """Broad ``|``-separated OR of the positive terms (YouTube ``q``, RSS).

    Phrases keep their quotes: ``acme "new phone" -spam`` -> ``acme|"new phone"``.
    """
    keywords = []
    for term in positive_terms(node):
        has_space = " " in term
        keywords.append(f'"{term}"' if has_space else term)
    return "|".join(keywords)


def build_sources(platform, node):
    """``(kind, value)`` fetch sources for a platform; ``node`` may be query text.

    YouTube, Facebook, Instagram and RSS list their own content and return
    ``[]``: matching is local. Raises ``QueryTooLongError`` for an X query that
    cannot fit, ``ValueError`` for an unknown platform.
    """
    if isinstance(node, str):
        node = parse(node)
    if platform == "x":
        return [("search", to_x(node))]
    if platform == "bluesky":
        return [("search", query) for query in to_bluesky(node)]
    if platform == "mastodon":
        return to_mastodon(node)
    if platform == "reddit":
        return [("search", to_reddit(node))]
    if platform in LIST_OWN_CONTENT_PLATFORMS:
        return []
    raise ValueError(f"Unknown platform {platform!r}")
