"""Mastodon connector against a local fake instance."""

from datetime import UTC, datetime, timedelta

import pytest
from platform_doubles import FakePlatform, json_reply, load_json, payload_path
from social_crm_lib.connectors import Source
from social_crm_lib.connectors.mastodon import MastodonConnector, parse_link_header
from social_crm_lib.errors import (
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    RateLimitError,
    ServerError,
)

TAG = "/api/v1/timelines/tag/cats"


@pytest.fixture
def server():
    with FakePlatform() as fake:
        yield fake


def connector(server, token="secret", **kwargs):
    credentials = {"access_token": token} if token else {}
    return MastodonConnector(base_url=server.url, credentials=credentials, **kwargs)


def status(status_id, content="<p>hi</p>", acct="alice", **extra):
    return {
        "id": status_id,
        "created_at": "2024-03-01T12:00:00.000Z",
        "content": content,
        "account": {"id": "7", "username": acct.split("@")[0], "acct": acct},
        **extra,
    }


def documented_links():
    lines = payload_path("mastodon/link_header_pagination.txt").read_text().splitlines()
    return [line.split(": ", 1)[1] for line in lines if line.startswith("Link:")]


def link(server, path, max_id):
    return {"Link": f'<{server.url}{path}?max_id={max_id}>; rel="next"'}


def test_documented_hashtag_timeline_without_token(server):
    server.route("GET", TAG, json_reply(load_json("mastodon/timelines_tag_cats.json")))
    result = connector(server, token=None).fetch_page(Source("hashtag", "#cats"), None)
    first, second = result.posts
    assert first["external_id"] == "103206185588894565"
    assert first["text"] == "#cats"
    assert second["text"].startswith("Caught on the hop. 😺\n\n#Qualitätskatzen #cats")
    assert "(photo: @kernpanik | license: CC BY-NC-SA 4.0)" in second["text"]
    assert first["author"]["external_id"] == ""  # the docs example has no account
    assert result.done and result.cursor == {"since_id": "103206185588894565"}
    request = server.last(TAG)
    assert request.header("Authorization") is None
    assert request.param("limit") == "40"


def test_documented_status_entity(server):
    server.route("GET", TAG, json_reply([load_json("mastodon/status_entity.json")]))
    [post] = connector(server).fetch_page(Source("hashtag", "cats"), None).posts
    assert post["text"].startswith('"I lost my inheritance with one wrong digit')
    assert post["text"].endswith("one-wrong-digit-on-my-sort-code")
    assert post["url"] == "https://mastodon.social/@Gargron/103270115826048975"
    assert (post["likes"], post["shares"], post["replies"]) == (11, 6, 5)
    assert post["language"] == "en"
    author = post["author"]
    assert author["handle"] == f"Gargron@127.0.0.1:{server.url.rsplit(':', 1)[1]}"
    assert author["display_name"] == "Eugen"
    assert author["followers"] == 322930
    assert author["bio"].startswith("Developer of Mastodon")
    assert server.last(TAG).header("Authorization") == "Bearer secret"


def test_documented_search(server):
    server.route(
        "GET", "/api/v2/search", json_reply(load_json("mastodon/search_v2_cats.json"))
    )
    result = connector(server).fetch_page(Source("search", "cats"), None)
    assert [p["text"] for p in result.posts] == [
        "cats\ncats never change",
        "CW: Cats\n\nCats are inherently good at self-care.\n\n#cats",
    ]
    request = server.last("/api/v2/search")
    assert request.param("type") == "statuses"
    assert request.param("resolve") == "false"
    assert request.param("q") == "cats"
    assert result.done


def test_search_needs_a_token(server):
    with pytest.raises(ConfigurationError, match="access_token"):
        connector(server, token=None).fetch_page(Source("search", "cats"), None)
    assert server.requests == []


def test_search_stops_at_the_high_water_mark(server):
    statuses = [status(str(i)) for i in (30, 20, 10)]
    server.route("GET", "/api/v2/search", json_reply({"statuses": statuses}))
    result = connector(server).fetch_page(Source("search", "x"), {"since_id": "20"})
    assert [p["external_id"] for p in result.posts] == ["30"]
    assert result.done and result.cursor == {"since_id": "30"}
    assert server.last("/api/v2/search").param("since_id") is None


def test_documented_mentions(server):
    path = "/api/v1/notifications"
    headers = {"Link": documented_links()[1]}
    server.route(
        "GET",
        path,
        json_reply(load_json("mastodon/notifications.json"), headers=headers),
    )
    result = connector(server).fetch_page(Source("mentions"), None)
    [post] = result.posts
    assert post["external_id"] == "103186126728896492"
    assert post["text"] == "@trwnh sup!"
    assert (
        post["kind"] == "reply" and post["parent_external_id"] == "103186038209478945"
    )
    assert post["author"]["handle"].startswith("zsc@127.0.0.1")
    assert server.last(path).param("types[]") == "mention"
    assert not result.done
    assert result.cursor == {"max_id": "34975535", "pending_since_id": "34975861"}


def test_documented_link_headers_parse():
    regular, malformed = documented_links()
    assert parse_link_header(regular) == {
        "next": "https://mastodon.example/api/v1/endpoint?max_id=7163058",
        "prev": "https://mastodon.example/api/v1/endpoint?min_id=7275607",
    }
    assert parse_link_header(malformed) == {
        "next": "https://mastodon.example/api/v1/notifications?max_id=34975535"
    }
    assert parse_link_header("") == {}
    assert parse_link_header("garbage; rel=") == {}


def test_full_pass_then_incremental(server):
    server.route(
        "GET",
        TAG,
        json_reply([status("50"), status("49")], headers=link(server, TAG, "49")),
        json_reply([status("48")]),
        json_reply([status("51")]),
    )
    mastodon = connector(server)
    source = Source("hashtag", "cats")
    first = mastodon.fetch_page(source, None)
    assert first.cursor == {"max_id": "49", "pending_since_id": "50"}
    second = mastodon.fetch_page(source, first.cursor)
    assert server.last(TAG).param("max_id") == "49"
    assert second.done and second.cursor == {"since_id": "50"}
    third = mastodon.fetch_page(source, second.cursor)
    assert server.last(TAG).param("since_id") == "50"
    assert third.cursor == {"since_id": "51"}


def test_empty_page_keeps_the_mark(server):
    server.route("GET", TAG, json_reply([]))
    result = connector(server).fetch_page(Source("hashtag", "cats"), {"since_id": "9"})
    assert result.posts == [] and result.done and result.cursor == {"since_id": "9"}


def test_reblogs_use_the_original_once(server):
    original = status("100", "<p>original</p>", acct="bob@remote.example")
    boosts = [
        status("201", "", reblog=original),
        status("200", "", reblog=original),
        {"content": "<p>no id</p>"},
    ]
    server.route("GET", TAG, json_reply(boosts))
    result = connector(server).fetch_page(Source("hashtag", "cats"), None)
    [post] = result.posts
    assert post["external_id"] == "100"
    assert post["author"]["handle"] == "bob@remote.example"
    assert result.cursor == {"since_id": "201"}


def test_odd_texts(server):
    texts = [
        "<p>مرحبا بالعالم 🌍</p>",
        "<p>שלום&nbsp;עולם</p>",
        "<p>in\u200bvisible\u200d</p>",
        "<p>" + "é" * 10_000 + "</p>",
    ]
    server.route(
        "GET", TAG, json_reply([status(str(i), t) for i, t in enumerate(texts, 1)])
    )
    posts = connector(server).fetch_page(Source("hashtag", "cats"), None).posts
    assert [p["text"] for p in posts] == [
        "مرحبا بالعالم 🌍",
        "שלום\xa0עולם",
        "invisible",
        "é" * 10_000,
    ]


def test_documented_401(server):
    server.route(
        "GET", TAG, json_reply(load_json("mastodon/error_401_invalid_token.json"), 401)
    )
    with pytest.raises(AuthenticationError, match="The access token is invalid"):
        connector(server).fetch_page(Source("hashtag", "cats"), None)


def test_404_record_not_found(server):
    server.route("GET", TAG, json_reply({"error": "Record not found"}, 404))
    with pytest.raises(NotFoundError, match="Record not found"):
        connector(server).fetch_page(Source("hashtag", "cats"), None)


def test_429_uses_rate_limit_reset(server):
    reset = (datetime.now(UTC) + timedelta(seconds=90)).isoformat()
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    server.route("GET", TAG, json_reply({"error": "Too many requests"}, 429, headers))
    with pytest.raises(RateLimitError) as caught:
        connector(server).fetch_page(Source("hashtag", "cats"), None)
    assert 85 <= caught.value.retry_after <= 91


def test_failure_mid_pass_keeps_cursor(server):
    cursor = {"since_id": "5", "max_id": "40", "pending_since_id": "60"}
    snapshot = dict(cursor)
    server.route("GET", TAG, json_reply({"error": "oops"}, 500))
    with pytest.raises(ServerError):
        connector(server).fetch_page(Source("hashtag", "cats"), cursor)
    assert cursor == snapshot
    request = server.last(TAG)
    assert (request.param("since_id"), request.param("max_id")) == ("5", "40")


def test_timeout(server):
    server.route("GET", TAG, json_reply([], delay=0.5))
    with pytest.raises(ServerError, match="did not answer"):
        connector(server, timeout=0.2).fetch_page(Source("hashtag", "cats"), None)


def test_test_connection(server):
    server.route("GET", "/api/v2/instance", json_reply({"title": "Fake Social"}))
    server.route(
        "GET",
        "/api/v1/accounts/verify_credentials",
        json_reply({"id": "1", "username": "acme", "acct": "acme"}),
    )
    assert "Fake Social" in connector(server, token=None).test_connection()
    assert (
        connector(server)
        .test_connection()
        .startswith("Connected to Mastodon as @acme@")
    )


def test_send_reply(server):
    server.route("POST", "/api/v1/statuses", json_reply({"id": "999"}))
    mastodon = connector(server)
    reply_id = mastodon.send_reply(
        "103186126728896492",
        "Thanks!",
        parent_author_handle="@zsc",
        idempotency_key="k-1",
    )
    assert reply_id == "999"
    request = server.last("/api/v1/statuses")
    assert request.header("Idempotency-Key") == "k-1"
    assert request.json == {
        "status": "@zsc Thanks!",
        "in_reply_to_id": "103186126728896492",
    }

    mastodon.send_reply(
        "1", "@zsc psst", parent_author_handle="zsc", direct_message=True
    )
    assert server.last("/api/v1/statuses").json == {
        "status": "@zsc psst",
        "in_reply_to_id": "1",
        "visibility": "direct",
    }


def test_send_reply_failures(server):
    with pytest.raises(ConfigurationError, match="access_token"):
        connector(server, token=None).send_reply("1", "hi")
    server.route(
        "POST",
        "/api/v1/statuses",
        json_reply({"error": "Validation failed: Text can't be blank"}, 422),
    )
    with pytest.raises(Exception, match="Validation failed") as caught:
        connector(server).send_reply("1", "")
    assert caught.value.status == 422
