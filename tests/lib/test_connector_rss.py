"""RSS/Atom connector against a local fake web server."""

from datetime import UTC, datetime

import pytest
from platform_doubles import FakePlatform, Reply, load_bytes
from social_crm_lib.connectors import Source
from social_crm_lib.connectors.rss import RssConnector
from social_crm_lib.errors import (
    ConfigurationError,
    NotFoundError,
    PayloadError,
    ServerError,
)

XML = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def server():
    with FakePlatform() as fake:
        yield fake


def fetch(server, cursor=None, path="/feed.xml", **kwargs):
    return RssConnector(**kwargs).fetch_page(Source("feed", server.url + path), cursor)


def feed_reply(name, headers=None):
    return Reply(200, load_bytes(name), {**XML, **(headers or {})})


def rss(items, extra_ns=""):
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {extra_ns}>'
        f"<channel><title>Shop news</title>{''.join(items)}</channel></rss>"
    ).encode()


def item(guid, date, title="T", description="D", extra=""):
    return (
        f"<item><guid>{guid}</guid><title>{title}</title><pubDate>{date}</pubDate>"
        f"<description>{description}</description>{extra}</item>"
    )


def test_documented_rss2_sample(server):
    headers = {"ETag": '"v1"', "Last-Modified": "Tue, 10 Jun 2003 09:41:01 GMT"}
    server.route("GET", "/feed.xml", feed_reply("rss/rss2_sample.xml", headers))
    result = fetch(server)
    assert len(result.posts) == 4
    star_city, eclipse = result.posts[:2]
    assert (
        star_city["external_id"]
        == "http://liftoff.msfc.nasa.gov/2003/06/03.html#item573"
    )
    assert (
        star_city["url"] == "http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp"
    )
    assert star_city["text"] == (
        "Star City\n\nHow do Americans get ready to work with Russians aboard the "
        "International Space Station? They take a crash course in culture, language "
        "and protocol at Russia's Star City."
    )
    assert star_city["posted_at"] == datetime(2003, 6, 3, 9, 39, 21, tzinfo=UTC)
    assert star_city["language"] == "en"
    assert star_city["author"]["handle"] == server.url.split("//")[1]
    assert star_city["author"]["display_name"] == "Liftoff News"
    assert eclipse["url"] is None
    assert eclipse["text"].startswith("Sky watchers in Europe")
    assert result.done
    assert result.cursor == {
        "since": "2003-06-03T09:39:21+00:00",
        "seen_ids": ["http://liftoff.msfc.nasa.gov/2003/06/03.html#item573"],
        "etag": '"v1"',
        "last_modified": "Tue, 10 Jun 2003 09:41:01 GMT",
    }
    assert "application/rss+xml" in server.last("/feed.xml").header("Accept")


def test_documented_atom_brief(server):
    server.route("GET", "/feed.xml", feed_reply("rss/atom_rfc4287_brief.xml"))
    [post] = fetch(server).posts
    assert post["external_id"] == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert post["text"] == "Atom-Powered Robots Run Amok\n\nSome text."
    assert post["url"] == "http://example.org/2003/12/13/atom03"
    assert post["author"]["display_name"] == "John Doe"
    assert post["posted_at"] == datetime(2003, 12, 13, 18, 30, 2, tzinfo=UTC)


def test_documented_atom_extensive(server):
    server.route("GET", "/feed.xml", feed_reply("rss/atom_rfc4287_extensive.xml"))
    [post] = fetch(server).posts
    assert post["external_id"] == "tag:example.org,2003:3.2397"
    assert (
        post["text"]
        == "Atom draft-07 snapshot\n\n[Update: The Atom draft is finished.]"
    )
    assert post["url"] == "http://example.org/2005/04/02/atom"
    assert post["posted_at"] == datetime(2003, 12, 13, 12, 29, 29, tzinfo=UTC)
    assert post["language"] == "en"
    assert post["author"]["handle"] == "Mark Pilgrim"
    assert post["author"]["external_id"] == "http://example.org/"


def test_conditional_get_and_304(server):
    server.route("GET", "/feed.xml", Reply(304))
    cursor = {
        "since": "2003-06-03T09:39:21+00:00",
        "seen_ids": ["a"],
        "etag": '"v1"',
        "last_modified": "Tue, 10 Jun 2003 09:41:01 GMT",
    }
    snapshot = dict(cursor)
    result = fetch(server, cursor)
    assert result.posts == [] and result.done and result.cursor == snapshot
    request = server.last("/feed.xml")
    assert request.header("If-None-Match") == '"v1"'
    assert request.header("If-Modified-Since") == "Tue, 10 Jun 2003 09:41:01 GMT"


def test_second_pass_returns_only_new_items(server):
    old = item("a", "Mon, 01 Jan 2024 10:00:00 GMT")
    same_instant = item("b", "Mon, 01 Jan 2024 10:00:00 GMT")
    newer = item("c", "Tue, 02 Jan 2024 10:00:00 +0100")
    server.route(
        "GET",
        "/feed.xml",
        Reply(200, rss([old]), XML),
        Reply(200, rss([newer, same_instant, old]), XML),
    )
    first = fetch(server)
    assert [p["external_id"] for p in first.posts] == ["a"]
    second = fetch(server, first.cursor)
    assert [p["external_id"] for p in second.posts] == ["c", "b"]
    assert second.cursor == {"since": "2024-01-02T09:00:00+00:00", "seen_ids": ["c"]}


def test_fallback_ids_creator_and_odd_texts(server):
    dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    long_text = "ש" * 10_000
    items = [
        "<item><title>no guid</title><link>https://shop.example/1</link>"
        "<dc:creator>Ana Lopez</dc:creator><description>😀 مرحبا</description></item>",
        f"<item><title>only title</title><description>{long_text}</description></item>",
        "<item><description>zero\u200bwidth &lt;b&gt;bold&lt;/b&gt;"
        "</description></item>",
    ]
    server.route("GET", "/feed.xml", Reply(200, rss(items, dc), XML))
    first, second, third = fetch(server).posts
    assert first["external_id"] == "https://shop.example/1"
    assert first["author"]["handle"] == "Ana Lopez"
    assert first["text"] == "no guid\n\n😀 مرحبا"
    assert second["external_id"].startswith("sha256:")
    assert second["text"] == "only title\n\n" + long_text
    assert third["text"] == "zerowidth bold"


def test_undated_items_are_not_repeated(server):
    server.route(
        "GET",
        "/feed.xml",
        Reply(200, rss(["<item><guid>u1</guid><title>x</title></item>"]), XML),
    )
    first = fetch(server)
    assert len(first.posts) == 1 and first.cursor == {"undated_ids": ["u1"]}
    assert fetch(server, first.cursor).posts == []


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><item><title>&lol2;</title></item></channel></rss>"""


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (BILLION_LAUGHS, "DTD"),
        (b'<?xml version="1.0"?><!ENTITY x "y"><rss/>', "DTD"),
        (b"<rss version='2.0'><channel><item><title>cut", "not well-formed"),
        (b"<html><body>Not a feed</body></html>", "neither RSS nor Atom"),
        (b"<rss version='2.0'></rss>", "no <channel>"),
    ],
)
def test_unsafe_or_unreadable_documents(server, body, message):
    server.route("GET", "/feed.xml", Reply(200, body, XML))
    with pytest.raises(PayloadError, match=message):
        fetch(server)


def test_http_failures(server):
    server.route("GET", "/gone.xml", Reply(404, "Not Found"))
    server.route("GET", "/broken.xml", Reply(503, "Unavailable"))
    server.route("GET", "/slow.xml", Reply(200, rss([]), XML, delay=0.5))
    with pytest.raises(NotFoundError, match="feed address"):
        fetch(server, path="/gone.xml")
    with pytest.raises(ServerError, match="503"):
        fetch(server, path="/broken.xml")
    with pytest.raises(ServerError, match="did not answer"):
        fetch(server, path="/slow.xml", timeout=0.2)


def test_only_http_addresses(server):
    with pytest.raises(ConfigurationError, match="not an http"):
        RssConnector().fetch_page(Source("feed", "file:///etc/passwd"), None)


def test_read_only_and_no_credentials(server):
    connector = RssConnector()
    connector.check_credentials()
    with pytest.raises(ConfigurationError, match="read-only"):
        connector.send_reply("x", "hello")
    assert "no credentials" in connector.test_connection()
    server.route("GET", "/feed.xml", feed_reply("rss/rss2_sample.xml"))
    checked = RssConnector(account_ref=server.url + "/feed.xml").test_connection()
    assert checked == "Read the feed Liftoff News: 4 entries."
