"""Bluesky connector against a local fake PDS."""

from datetime import UTC, datetime

import pytest
from platform_doubles import FakePlatform, Reply, json_reply, load_json
from social_crm_lib.connectors import Source
from social_crm_lib.connectors.bluesky import BlueskyConnector
from social_crm_lib.errors import (
    AuthenticationError,
    ClientRequestError,
    ConfigurationError,
    NotFoundError,
    PayloadError,
    RateLimitError,
    ServerError,
)

SESSION = "/xrpc/com.atproto.server.createSession"
REFRESH = "/xrpc/com.atproto.server.refreshSession"
SEARCH = "/xrpc/app.bsky.feed.searchPosts"
GET_POSTS = "/xrpc/app.bsky.feed.getPosts"
CREATE = "/xrpc/com.atproto.repo.createRecord"
DID = "did:plc:u5cwb2mwiv2bfq53cjufe6yn"


@pytest.fixture
def server():
    with FakePlatform() as fake:
        fake.route(
            "POST", SESSION, json_reply(load_json("bluesky/create_session.json"))
        )
        yield fake


def connector(server, **kwargs):
    credentials = {"identifier": "example.bsky.social", "app_password": "abcd-efgh"}
    return BlueskyConnector(base_url=server.url, credentials=credentials, **kwargs)


def view(rkey, text="hi", created="2024-05-01T10:00:00.000Z", **extra):
    return {
        "uri": f"at://{DID}/app.bsky.feed.post/{rkey}",
        "cid": f"cid-{rkey}",
        "author": {"did": DID, "handle": "example.bsky.social"},
        "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": created},
        "indexedAt": created,
        **extra,
    }


def test_documented_session_and_search(server):
    server.route("GET", SEARCH, json_reply(load_json("bluesky/search_posts.json")))
    result = connector(server).fetch_page(Source("search", "hello"), None)
    reply, thai = result.posts
    assert reply["external_id"] == f"at://{DID}/app.bsky.feed.post/3k4dvbzw5iq2b"
    assert (
        reply["url"]
        == "https://bsky.app/profile/example.bsky.social/post/3k4dvbzw5iq2b"
    )
    assert reply["kind"] == "reply"
    assert reply["parent_external_id"] == f"at://{DID}/app.bsky.feed.post/3k43tv4rft22g"
    assert reply["likes"] == 1
    assert reply["author"]["external_id"] == DID
    assert reply["author"]["display_name"] == "Example Account"
    assert reply["author"]["avatar_url"].startswith("https://cdn.bsky.app/img/avatar/")
    assert thai["text"] == "สวัสดีชาวโลก!\nHello World!"
    assert thai["language"] == "th"
    assert (thai["likes"], thai["shares"], thai["replies"]) == (5, 2, 1)
    assert thai["posted_at"] == datetime(2023, 8, 7, 5, 44, 4, 395087, tzinfo=UTC)

    assert server.last(SESSION).json == {
        "identifier": "example.bsky.social",
        "password": "abcd-efgh",
    }
    request = server.last(SEARCH)
    assert request.header("Authorization").startswith("Bearer eyJ0eXAiOiJhdCtqd3Qi")
    assert (request.param("q"), request.param("sort"), request.param("limit")) == (
        "hello",
        "latest",
        "100",
    )
    assert not result.done
    assert result.cursor == {
        "page": "2",
        "pending_since": "2023-08-07T05:49:40.501974+00:00",
        "pending_ids": [reply["external_id"]],
    }


def test_full_pass_then_incremental(server):
    server.route(
        "GET",
        SEARCH,
        json_reply(
            {"posts": [view("b", created="2024-05-01T10:00:00Z")], "cursor": "c2"}
        ),
        json_reply({"posts": [view("a", created="2024-05-01T09:00:00Z")]}),
        json_reply({"posts": [view("c", created="2024-05-01T11:00:00Z"), view("b")]}),
    )
    bluesky = connector(server)
    source = Source("search", "acme", language="fr")
    first = bluesky.fetch_page(source, None)
    second = bluesky.fetch_page(source, first.cursor)
    assert server.last(SEARCH).param("cursor") == "c2"
    assert second.done
    assert second.cursor == {
        "since": "2024-05-01T10:00:00+00:00",
        "seen_ids": [f"at://{DID}/app.bsky.feed.post/b"],
    }
    third = bluesky.fetch_page(source, second.cursor)
    request = server.last(SEARCH)
    assert request.param("since") == "2024-05-01T10:00:00.000Z"
    assert request.param("lang") == "fr"
    assert [p["url"].rsplit("/", 1)[1] for p in third.posts] == ["c"]
    assert third.done
    assert len(server.requests_to(SESSION)) == 1, "the session is reused"


def test_expired_token_is_refreshed_once(server):
    server.route(
        "GET",
        SEARCH,
        json_reply({"error": "ExpiredToken", "message": "Token has expired"}, 400),
        json_reply({"posts": []}),
    )
    server.route(
        "POST",
        REFRESH,
        json_reply(
            {"accessJwt": "fresh", "refreshJwt": "r2", "did": DID, "handle": "h"}
        ),
    )
    result = connector(server).fetch_page(Source("search", "x"), None)
    assert result.posts == [] and result.done
    session = load_json("bluesky/create_session.json")
    assert (
        server.last(REFRESH).header("Authorization")
        == f"Bearer {session['refreshJwt']}"
    )
    assert server.last(SEARCH).header("Authorization") == "Bearer fresh"


def test_expired_refresh_token_opens_a_new_session(server):
    server.route(
        "GET",
        SEARCH,
        json_reply({"error": "ExpiredToken"}, 400),
        json_reply({"posts": []}),
    )
    server.route(
        "POST",
        REFRESH,
        json_reply({"error": "ExpiredToken", "message": "Refresh expired"}, 400),
    )
    connector(server).fetch_page(Source("search", "x"), None)
    assert len(server.requests_to(SESSION)) == 2


def test_wrong_app_password(server):
    server.route(
        "POST",
        SESSION,
        json_reply(
            {
                "error": "AuthenticationRequired",
                "message": "Invalid identifier or password",
            },
            401,
        ),
    )
    with pytest.raises(AuthenticationError, match="app password") as caught:
        connector(server).test_connection()
    assert "Invalid identifier or password" in str(caught.value)


def test_test_connection(server):
    assert (
        connector(server).test_connection()
        == "Signed in to Bluesky as @example.bsky.social."
    )


def test_missing_credentials(server):
    bluesky = BlueskyConnector(base_url=server.url, credentials={"identifier": "me"})
    with pytest.raises(ConfigurationError, match="app_password"):
        bluesky.fetch_page(Source("search", "x"), None)


def test_rate_limited(server):
    reset = int(datetime.now(UTC).timestamp()) + 120
    headers = {"RateLimit-Remaining": "0", "RateLimit-Reset": str(reset)}
    server.route(
        "GET", SEARCH, json_reply({"error": "RateLimitExceeded"}, 429, headers)
    )
    with pytest.raises(RateLimitError) as caught:
        connector(server).fetch_page(Source("search", "x"), None)
    assert 115 <= caught.value.retry_after <= 121


def test_failure_mid_pass_keeps_cursor(server):
    cursor = {
        "page": "c2",
        "pending_since": "2024-05-01T10:00:00+00:00",
        "pending_ids": ["u"],
    }
    snapshot = dict(cursor)
    server.route("GET", SEARCH, json_reply({"error": "InternalServerError"}, 502))
    with pytest.raises(ServerError):
        connector(server).fetch_page(Source("search", "x"), cursor)
    assert cursor == snapshot


@pytest.mark.parametrize(
    "reply",
    [Reply(200, b'{"posts": [{"uri": "at://'), json_reply({"posts": {"uri": "x"}})],
)
def test_unreadable_bodies(server, reply):
    server.route("GET", SEARCH, reply)
    with pytest.raises(PayloadError):
        connector(server).fetch_page(Source("search", "x"), None)


def test_hashtag_and_odd_texts(server):
    texts = ["🦋 مرحبا", "עברית", "a\u200bb", "x" * 10_000]
    posts = [view(str(i), t) for i, t in enumerate(texts)] + [{"cid": "no-uri"}]
    server.route("GET", SEARCH, json_reply({"posts": posts}))
    result = connector(server).fetch_page(Source("hashtag", "#acme"), None)
    assert [p["text"] for p in result.posts] == [
        "🦋 مرحبا",
        "עברית",
        "ab",
        "x" * 10_000,
    ]
    assert server.last(SEARCH).param("q") == "#acme"


def test_send_reply_to_a_reply_keeps_the_root(server):
    parent = view("p")
    root = {"uri": f"at://{DID}/app.bsky.feed.post/root", "cid": "cid-root"}
    parent["record"]["reply"] = {"root": root, "parent": root}
    server.route("GET", GET_POSTS, json_reply({"posts": [parent]}))
    created = {"uri": f"at://{DID}/app.bsky.feed.post/new", "cid": "cid-new"}
    server.route("POST", CREATE, json_reply(created))
    uri = connector(server).send_reply(parent["uri"], "Thanks 🙏")
    assert uri == created["uri"]
    assert server.last(GET_POSTS).param("uris") == parent["uri"]
    body = server.last(CREATE).json
    assert body["repo"] == DID and body["collection"] == "app.bsky.feed.post"
    record = body["record"]
    assert record["text"] == "Thanks 🙏" and record["$type"] == "app.bsky.feed.post"
    assert record["reply"] == {
        "root": root,
        "parent": {"uri": parent["uri"], "cid": "cid-p"},
    }
    assert record["createdAt"].endswith("Z")


def test_send_reply_failures(server):
    bluesky = connector(server)
    with pytest.raises(ConfigurationError, match="chat"):
        bluesky.send_reply("at://x", "hi", direct_message=True)
    with pytest.raises(ClientRequestError, match="300 characters"):
        bluesky.send_reply("at://x", "y" * 301)
    server.route("GET", GET_POSTS, json_reply({"posts": []}))
    with pytest.raises(NotFoundError, match="no longer exists"):
        bluesky.send_reply("at://gone", "hi")
