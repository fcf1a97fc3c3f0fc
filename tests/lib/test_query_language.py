"""Listening query language: parser, errors, local matcher and platform builders."""

import pytest
from social_crm_lib.query_language import (
    And,
    CompiledQuery,
    Handle,
    Hashtag,
    Matcher,
    Not,
    Or,
    Phrase,
    QuerySyntaxError,
    QueryTooLongError,
    Term,
    build_sources,
    fold_text,
    format_error,
    matches,
    parse,
    positive_terms,
    to_bluesky,
    to_mastodon,
    to_plain_keywords,
    to_reddit,
    to_x,
)

# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acme", Term("acme")),
        ("acme phone", And((Term("acme"), Term("phone")))),
        ("acme AND phone", And((Term("acme"), Term("phone")))),
        ("acme OR phone", Or((Term("acme"), Term("phone")))),
        ("acme and phone", And((Term("acme"), Term("and"), Term("phone")))),
        ("acme or phone", And((Term("acme"), Term("or"), Term("phone")))),
        ('"new phone"', Phrase("new phone")),
        ('"new   phone"', Phrase("new phone")),
        ("\u201cnew phone\u201d", Phrase("new phone")),
        ("#launch", Hashtag("launch")),
        ("#café", Hashtag("café")),
        ("#東京", Hashtag("東京")),
        ("@acme", Handle("acme")),
        ("@user@mastodon.social", Handle("user@mastodon.social")),
        ("@acme.bsky.social", Handle("acme.bsky.social")),
        ("acme -spam", And((Term("acme"), Not(Term("spam"))))),
        ("acme NOT spam", And((Term("acme"), Not(Term("spam"))))),
        ('acme -"free money"', And((Term("acme"), Not(Phrase("free money"))))),
        ("acme -#ad", And((Term("acme"), Not(Hashtag("ad"))))),
        ("acme -@bot", And((Term("acme"), Not(Handle("bot"))))),
        ("e-mail", Term("e-mail")),
        ("東京タワー", Term("東京タワー")),
        ("مرحبا بكم", And((Term("مرحبا"), Term("بكم")))),
        ("🚀", Term("🚀")),
        ("ac\u200bme", Term("acme")),
    ],
)
def test_parse_valid(query, expected):
    assert parse(query) == expected


def test_precedence_not_over_and_over_or():
    assert parse("a b OR c -d") == Or(
        (And((Term("a"), Term("b"))), And((Term("c"), Not(Term("d")))))
    )
    assert parse("NOT a b") == And((Not(Term("a")), Term("b")))


def test_nesting_and_flattening():
    assert parse("a (b (c d))") == And((Term("a"), Term("b"), Term("c"), Term("d")))
    assert parse("(a OR b) (c OR (d OR e))") == And(
        (Or((Term("a"), Term("b"))), Or((Term("c"), Term("d"), Term("e"))))
    )
    assert parse("a -(b OR c)") == And((Term("a"), Not(Or((Term("b"), Term("c"))))))
    assert parse("((((acme))))") == Term("acme")


def test_double_negation_is_positive():
    assert parse("NOT NOT acme") == Not(Not(Term("acme")))


def test_ast_is_immutable_and_hashable():
    node = parse("acme phone")
    with pytest.raises(AttributeError):
        node.children = ()
    assert hash(node) == hash(parse("acme   AND phone"))


def test_positions_are_kept_but_ignored_by_equality():
    node = parse("acme  -spam")
    assert node.children[1].position == 6
    assert node.children[1].child.position == 7
    assert node == And((Term("acme"), Not(Term("spam"))))


# ----------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ("", "Empty query", 0),
        ("   ", "Empty query", 0),
        ("acme (phone))", 'Unexpected ")" at position 12', 12),
        (") acme", 'Unexpected ")" at position 0', 0),
        ('acme "phone', "Unclosed quote starting at position 5", 5),
        ("acme \u201cphone", "Unclosed quote starting at position 5", 5),
        ('acme ""', "Empty phrase at position 5", 5),
        ("acme phone AND", 'Missing term after "AND" at position 11', 11),
        ("acme OR", 'Missing term after "OR" at position 5', 5),
        ("acme OR OR phone", 'Missing term after "OR" at position 5', 5),
        ("acme AND ) x", 'Missing term after "AND" at position 5', 5),
        ("acme NOT", 'Missing term after "NOT" at position 5', 5),
        ("acme - phone", 'Missing term after "-" at position 5', 5),
        ("acme -", 'Missing term after "-" at position 5', 5),
        ("(acme -)", 'Missing term after "-" at position 6', 6),
        ("AND acme", 'Missing term before "AND" at position 0', 0),
        ("(OR acme)", 'Missing term before "OR" at position 1', 1),
        ("(acme", "Unclosed parenthesis starting at position 0", 0),
        ("((acme) phone", "Unclosed parenthesis starting at position 0", 0),
        ("acme ()", "Empty parentheses at position 5", 5),
        ("acme #", 'Missing hashtag name after "#" at position 5', 5),
        ("acme @", 'Missing handle after "@" at position 5', 5),
        ("#ac!me", 'Invalid character "!" in hashtag at position 3', 3),
        ("#🚀", 'Invalid character "🚀" in hashtag at position 1', 1),
        ("@ac/me", 'Invalid character "/" in handle at position 3', 3),
        ("@@acme", 'Invalid character "@" in handle at position 1', 1),
        ("東京 )", 'Unexpected ")" at position 3', 3),
        ("-spam", "Query cannot be only negative terms", 0),
        ("NOT spam NOT scam", "Query cannot be only negative terms", 0),
        ("acme OR -spam", "Query cannot be only negative terms", 8),
        ("acme OR (x -y) OR NOT z", "Query cannot be only negative terms", 18),
        ("NOT (acme phone)", "Query cannot be only negative terms", 0),
    ],
)
def test_invalid_queries_report_message_and_position(query, message, position):
    with pytest.raises(QuerySyntaxError) as caught:
        parse(query)
    assert str(caught.value).startswith(message)
    assert caught.value.position == position
    assert isinstance(caught.value, ValueError)


def test_only_negative_message_gives_the_position():
    with pytest.raises(QuerySyntaxError, match=r"\(at position 8\)"):
        parse("acme OR -spam")


def test_negative_terms_with_a_positive_anchor_are_valid():
    assert parse("acme -spam -scam")
    assert parse("-spam acme")
    assert parse("(acme OR phone) -(spam OR scam)")
    assert parse("NOT (NOT acme)")


def test_nesting_limit():
    with pytest.raises(QuerySyntaxError, match="nested too deeply"):
        parse("(" * 100 + "acme" + ")" * 100)


def test_format_error_draws_a_caret_under_the_position():
    query = "acme (phone))"
    with pytest.raises(QuerySyntaxError) as caught:
        parse(query)
    assert format_error(query, caught.value) == (
        'Unexpected ")" at position 12\nacme (phone))\n            ^'
    )


def test_format_error_counts_wide_characters_twice():
    query = "東京 )"
    with pytest.raises(QuerySyntaxError) as caught:
        parse(query)
    assert format_error(query, caught.value).splitlines()[-1] == "     ^"


def test_format_error_without_position():
    error = QueryTooLongError("too long", length=600, limit=512)
    assert format_error("x", error) == "too long"


# ----------------------------------------------------------------- matcher


def check(query, text, **kwargs):
    return matches(parse(query), text, **kwargs)


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("acme", "I love Acme!", True),
        ("acme", "acmeville is a town", False),
        ("acme", "the acme_fan club", False),
        ("acme", "#acme rocks", True),
        ("acme", "ACME.", True),
        ("cafe", "Best Café in town", True),
        ("café", "CAFE", True),
        ("CAFÉ", "cafe\u0301 au lait", True),
        ("straße", "STRASSE", True),
        ("İstanbul", "istanbul", True),
        ("ｱｸﾒ", "アクメ", True),
        ("don't", "Don\u2019t do it", True),
        ("東京", "私は東京タワーに行った", True),
        ("タワー", "東京タワー", True),
        ("が", "か", False),
        ("서울", "서울에서", True),
        ("مرحبا", "قال مرحبا للجميع", True),
        ("مرحبا", "قال مَرْحَبًا للجميع", True),
        ("مرحبا", "مرحباتي", False),
        ("שלום", "אמר שלום לכולם", True),
        ("acme", "ac\u200bme phone", True),
        ("acme", "a\u200dcme\ufeff", True),
        ("🚀", "launch 🚀🚀", True),
        ("\u2764\ufe0f", "I \u2764 it", True),
        ("c++", "I love C++.", True),
        ("c++", "abc++", False),
        ("c++", "c++11 rocks", True),
        ("acme and", "acme", False),
        ("acme and", "Acme and friends", True),
        ('"new phone"', "my NEW   phone\nrocks", True),
        ('"new phone"', "newphone", False),
        ('"new phone"', "renew phones", False),
        ('"東京 タワー"', "東京 タワー", True),
        ("acme -spam", "acme spam", False),
        ("acme -spam", "acme spammer", True),
        ("acme -spam", "acme ham", True),
        ("acme OR phone", "new phone", True),
        ("acme OR phone", "nothing", False),
        ("(acme OR phone) -(spam OR scam)", "acme scam", False),
        ("(acme OR phone) -(spam OR scam)", "phone deal", True),
        ("acme -(spam scam)", "acme spam", True),
        ("acme -(spam scam)", "acme spam scam", False),
        ("NOT NOT acme", "acme", True),
    ],
)
def test_text_matching(query, text, expected):
    assert check(query, text) is expected


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("#acme", "#acme rocks", True),
        ("#acme", "#ACME!", True),
        ("#acme", "acme", False),
        ("#acme", "#acmeville", False),
        ("#acme", "C#acme", False),
        ("#café", "visit #Cafe now", True),
        ("#東京", "楽しい #東京 旅行", True),
        ("#東京", "楽しい #東京タワー", False),
        ("#acme", "\uff03acme", True),
        ("#acme -#ad", "#acme #ad", False),
    ],
)
def test_hashtag_matching(query, text, expected):
    assert check(query, text) is expected


def test_hashtags_given_by_the_platform():
    assert check("#launch", "no tags here", hashtags=["#Launch"])
    assert check("#launch", "no tags here", hashtags=["launch"])
    assert not check("#launch", "no tags here", hashtags=["other"])


@pytest.mark.parametrize(
    ("query", "text", "author", "expected"),
    [
        ("@acme", "hello", "acme", True),
        ("@acme", "hello", "@ACME", True),
        ("@acme", "hello", "acme@mastodon.social", True),
        ("@acme", "hello", "acmefan", False),
        ("@acme", "thanks @ACME.", None, True),
        ("@acme", "thanks @acme_fan", None, False),
        ("@acme", "hi @acme.bsky.social", None, False),
        ("@acme", "hi @acme@mastodon.social", None, True),
        ("@acme", "mail me at x@acme", None, False),
        ("@acme", "just acme", None, False),
        ("@acme@mastodon.social", "hi", "acme@mastodon.social", True),
        ("@acme@mastodon.social", "hi", "acme@other.social", False),
        ("@acme@mastodon.social", "cc @acme@mastodon.social!", None, True),
        ("@acme.bsky.social", "hi", "acme.bsky.social", True),
        ("@acme.bsky.social", "ping @acme.bsky.social.", None, True),
        ("phone -@acme", "new phone", "acme", False),
        ("phone -@acme", "new phone", "someone", True),
    ],
)
def test_handle_matching(query, text, author, expected):
    assert check(query, text, author_handle=author) is expected


def test_long_texts():
    filler = "lorem ipsum dolor sit amet " * 400
    assert len(filler) >= 10_000
    assert check("acme -spam", filler + " Acme")
    assert not check("acme -spam", filler + " acme spam")
    assert not check("acme", filler)
    assert check('"dolor sit"', filler)
    assert check("東京", "あ" * 10_000 + "東京")


def test_compiled_query_is_reusable_and_accepts_text():
    compiled = CompiledQuery("acme -spam")
    assert compiled.node == parse("acme -spam")
    assert compiled.matches("Acme rocks")
    assert not compiled.matches("acme spam")
    assert compiled.matches("hi", author_handle=None) is False
    assert Matcher is CompiledQuery


def test_compiled_query_matches_a_normalized_post():
    compiled = CompiledQuery(parse("@acme OR phone"))
    post = {"text": "hello", "author": {"handle": "acme"}}
    assert compiled.matches_post(post)
    assert not compiled.matches_post({"text": "hello", "author": {"handle": "x"}})


def test_positive_terms():
    node = parse(
        'acme "new phone" #launch @acme -spam -(scam OR fraud) NOT NOT ok acme'
    )
    assert positive_terms(node) == ["acme", "new phone", "#launch", "@acme", "ok"]


# ---------------------------------------------------------------- builders


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acme", "acme -is:retweet"),
        ("acme phone", "acme phone -is:retweet"),
        ("acme OR phone", "(acme OR phone) -is:retweet"),
        ("acme (phone OR tablet)", "acme (phone OR tablet) -is:retweet"),
        ("a b OR c", "((a b) OR c) -is:retweet"),
        ('"new phone" -spam', '"new phone" -spam -is:retweet'),
        ('acme -"free money"', 'acme -"free money" -is:retweet'),
        ("#launch @acme", "#launch (from:acme OR @acme) -is:retweet"),
        ("acme -@bot", "acme -from:bot -@bot -is:retweet"),
        ("acme -(spam OR scam)", "acme -spam -scam -is:retweet"),
        ("acme -(spam scam)", "acme -is:retweet"),
        ("acme (phone OR -spam)", "acme -is:retweet"),
        ("-spam acme", "acme -spam -is:retweet"),
        ("from:acme", '"from:acme" -is:retweet'),
        ("acme or", 'acme "or" -is:retweet'),
        ("#東京 タワー", "#東京 タワー -is:retweet"),
        ("@user@mastodon.social", '"user@mastodon.social" -is:retweet'),
    ],
)
def test_to_x(query, expected):
    assert to_x(parse(query)) == expected


def test_to_x_drops_negations_when_too_long():
    positives = " OR ".join(f"word{index}" for index in range(40))
    negatives = " ".join(f"-exclude{index}" for index in range(40))
    node = parse(f"({positives}) {negatives}")
    query = to_x(node)
    assert len(query) <= 512
    assert "exclude" not in query
    assert query.startswith("(word0 OR word1")


def test_to_x_raises_when_even_the_broad_query_is_too_long():
    node = parse(" OR ".join(f"keyword{index}" for index in range(80)))
    with pytest.raises(QueryTooLongError) as caught:
        to_x(node)
    assert caught.value.limit == 512
    assert caught.value.length > 512
    assert isinstance(caught.value, QuerySyntaxError)
    assert "too long for X" in str(caught.value)
    assert to_x(node, max_length=4096).endswith("-is:retweet")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acme", ["acme"]),
        ("acme phone -spam", ["acme phone -spam"]),
        ("acme OR phone", ["acme", "phone"]),
        ("(acme OR phone) launch", ["acme launch", "phone launch"]),
        ('(acme OR "new phone") -spam', ["acme -spam", '"new phone" -spam']),
        ("#launch -#ad", ["#launch -#ad"]),
        ("acme -(spam OR scam)", ["acme -spam -scam"]),
        ("acme -(spam scam)", ["acme"]),
        (
            "@acme.bsky.social launch",
            ["from:acme.bsky.social launch", "mentions:acme.bsky.social launch"],
        ),
        ("acme -@acme.bsky.social", ["acme"]),
        ("@acme", ["acme"]),
    ],
)
def test_to_bluesky(query, expected):
    assert to_bluesky(parse(query)) == expected


def test_to_bluesky_falls_back_to_broad_queries_when_too_many_branches():
    node = parse("(a OR b OR c) (d OR e OR f) (g OR h) -spam")
    assert to_bluesky(node) == ["g", "h"]
    assert len(to_bluesky(node, max_queries=20)) == 18


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("#launch", [("hashtag", "launch")]),
        ("#launch acme", [("hashtag", "launch")]),
        ("acme #launch", [("hashtag", "launch")]),
        ("#launch OR #release", [("hashtag", "launch"), ("hashtag", "release")]),
        ("#launch OR acme", [("hashtag", "launch"), ("search", "acme")]),
        ('"new phone" -spam', [("search", '"new phone"')]),
        ("acme -#ad", [("search", "acme")]),
        ("@acme@mastodon.social", [("search", "@acme@mastodon.social")]),
        ("(#a OR #b) (#c OR x)", [("hashtag", "a"), ("hashtag", "b")]),
        ("#東京", [("hashtag", "東京")]),
    ],
)
def test_to_mastodon(query, expected):
    assert to_mastodon(parse(query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acme phone", "acme AND phone"),
        ("acme OR phone", "acme OR phone"),
        ("a b OR c", "(a AND b) OR c"),
        ("acme (phone OR tablet) -spam", "acme AND (phone OR tablet) AND NOT spam"),
        ('"new phone" -"free money"', '"new phone" AND NOT "free money"'),
        ("acme -(spam OR scam)", "acme AND NOT spam AND NOT scam"),
        ("#launch", "launch"),
        ("acme -#ad", "acme"),
        ("@acme", "(author:acme OR acme)"),
        ("acme -@bot", "acme"),
        ("acme and", 'acme AND "and"'),
    ],
)
def test_to_reddit(query, expected):
    assert to_reddit(parse(query)) == expected


def test_to_plain_keywords():
    node = parse('acme "new phone" #launch @acme -spam')
    assert to_plain_keywords(node) == 'acme|"new phone"|#launch|@acme'
    assert to_plain_keywords(parse("(acme OR phone) -spam")) == "acme|phone"


def test_build_sources():
    node = parse("(acme OR #launch) -spam")
    assert build_sources("x", node) == [
        ("search", "(acme OR #launch) -spam -is:retweet")
    ]
    assert build_sources("bluesky", node) == [
        ("search", "acme -spam"),
        ("search", "#launch -spam"),
    ]
    assert build_sources("mastodon", node) == [
        ("search", "acme"),
        ("hashtag", "launch"),
    ]
    assert build_sources("reddit", node) == [
        ("search", "(acme OR launch) AND NOT spam")
    ]
    for platform in ("youtube", "facebook", "instagram", "rss"):
        assert build_sources(platform, node) == []
    assert build_sources("x", "acme") == [("search", "acme -is:retweet")]
    with pytest.raises(ValueError, match="Unknown platform"):
        build_sources("myspace", node)


VOCABULARY = ("acme", "phone", "spam", "scam", "#launch", "new phone", "東京")


def _sample_texts():
    """Every combination of up to three vocabulary items, as post texts."""
    texts = [""]
    for first in VOCABULARY:
        texts.append(first)
        for second in VOCABULARY:
            texts.append(f"{first} {second}")
            texts.extend(f"{first} {second} {third}" for third in VOCABULARY)
    return texts


SAMPLE_TEXTS = _sample_texts()


@pytest.mark.parametrize(
    "query",
    [
        "acme phone -spam",
        "(acme OR #launch) -(spam OR scam)",
        '"new phone" OR (acme -"new phone")',
        "acme -(spam scam)",
        "acme (phone OR -spam)",
        "#launch OR 東京 -acme",
        "(acme OR phone) (spam OR #launch) -scam",
    ],
)
def test_builders_are_never_narrower_than_the_matcher(query):
    """Read back with our own parser, each platform query matches every post the
    original query matches (X, Reddit and Bluesky syntax is a subset of ours)."""
    original = CompiledQuery(query)
    x_query = CompiledQuery(to_x(original.node).removesuffix(" -is:retweet"))
    reddit_query = CompiledQuery(to_reddit(original.node))
    bluesky_queries = [CompiledQuery(q) for q in to_bluesky(original.node)]
    keyword_query = CompiledQuery(to_plain_keywords(original.node).replace("|", " OR "))
    matched = [text for text in SAMPLE_TEXTS if original.matches(text)]
    assert matched
    for text in matched:
        assert x_query.matches(text), text
        assert reddit_query.matches(text), text
        assert any(bluesky.matches(text) for bluesky in bluesky_queries), text
        assert keyword_query.matches(text), text


def test_mastodon_sources_cover_every_match():
    node = parse("(acme OR #launch) phone -spam")
    sources = to_mastodon(node)
    for text in SAMPLE_TEXTS:
        if matches(node, text):
            assert any(
                matches(parse(f"#{value}" if kind == "hashtag" else value), text)
                for kind, value in sources
            ), text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("  Battery DIED\tafter\n\ntwo days  ", "battery died after two days"),
        ("Caf\u00e9 \uff21\uff22\uff23 \u2018quoted\u2019", "cafe abc 'quoted'"),
        ("zero\u200bwidth STRASSE Stra\u00dfe", "zerowidth strasse strasse"),
    ],
)
def test_fold_text_ascii_and_unicode_paths_agree(text, folded):
    assert fold_text(text) == folded
