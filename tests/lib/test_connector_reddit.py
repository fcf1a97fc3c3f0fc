"""Reddit connector against a local fake Reddit (API host and token host)."""

from datetime import UTC, datetime

import pytest
from platform_doubles import FakePlatform, Reply, json_reply, load_json
from social_crm_lib.connectors import Source
from social_crm_lib.connectors.reddit import RedditConnector
from social_crm_lib.errors import (
    AuthenticationError,
    ClientRequestError,
    ConfigurationError,
    PayloadError,
    RateLimitError,
    ServerError,
)

TOKEN = "/api/v1/access_token"
TOKEN_BODY = {"access_token": "app-token", "token_type": "bearer", "expires_in": 86400}


@pytest.fixture
def server():
    with FakePlatform() as fake:
        fake.route("POST", TOKEN, json_reply(TOKEN_BODY))
        yield fake


def connector(server, **credentials):
    credentials = {"client_id": "cid", "client_secret": "csecret", **credentials}
    return RedditConnector(
        base_url=server.url, auth_url=server.url + TOKEN, credentials=credentials
    )


def listing(children, after=None):
    return {"kind": "Listing", "data": {"children": children, "after": after}}


def link(post_id, created, title="Title", selftext=""):
    return {
        "kind": "t3",
        "data": {
            "id": post_id,
            "name": f"t3_{post_id}",
            "title": title,
            "selftext": selftext,
            "author": "someone",
            "created_utc": created,
            "permalink": f"/r/test/comments/{post_id}/x/",
        },
    }


def test_documented_search_listing(server):
    server.route(
        "GET", "/search", json_reply(load_json("reddit/search_listing_r_all.json"))
    )
    result = connector(server).fetch_page(Source("search", "praw oauth"), None)
    assert len(result.posts) == 6
    first = result.posts[0]
    assert first["external_id"] == "t3_3gpbiu"
    assert first["text"].startswith("[PRAW][OAuth2Util] Problem using get_banned()")
    assert first["url"].startswith(
        "https://www.reddit.com/r/redditdev/comments/3gpbiu/"
    )
    assert first["author"]["handle"] == "dClauzel"
    assert first["replies"] == 21
    assert first["posted_at"] == datetime.fromtimestamp(1439370514, UTC)
    assert result.done  # "after" is null

    token_request = server.last(TOKEN)
    assert token_request.form == {"grant_type": "client_credentials"}
    assert token_request.header("Authorization") == "Basic Y2lkOmNzZWNyZXQ="
    request = server.last("/search")
    assert request.header("Authorization") == "Bearer app-token"
    assert request.header("User-Agent").startswith("odoo:cid:18.0 OdooSocialCRM/18.0")
    assert (request.param("sort"), request.param("type"), request.param("q")) == (
        "new",
        "link",
        "praw oauth",
    )


def test_documented_comment_and_empty_listing(server):
    server.route(
        "GET",
        "/search",
        json_reply(load_json("reddit/comment_t1_api_info.json")),
        json_reply(
            load_json("reddit/search_listing_empty.json"),
            headers={"x-ratelimit-remaining": "599.0", "x-ratelimit-reset": "554"},
        ),
    )
    reddit = connector(server)
    [comment] = reddit.fetch_page(Source("search", "bot"), None).posts
    assert comment["external_id"] == "t1_e4j4830"
    assert comment["kind"] == "comment" and comment["parent_external_id"] == "t3_98vj9e"
    assert comment["text"].startswith("Please don't make me send your bot")
    assert comment["likes"] == 62
    empty = reddit.fetch_page(Source("search", "bot"), None)
    assert empty.posts == [] and empty.done and empty.cursor == {}
    assert empty.rate_limit_remaining == 599
    assert len(server.requests_to(TOKEN)) == 1, "the token is cached"


def test_pass_then_incremental(server):
    server.route(
        "GET",
        "/search",
        json_reply(listing([link("c", 300), link("b", 200)], after="t3_b")),
        json_reply(listing([link("a", 100)])),
        json_reply(
            listing([link("d", 400), link("c", 300), link("b", 200)], after="t3_b")
        ),
    )
    reddit = connector(server)
    first = reddit.fetch_page(Source("search", "acme"), None)
    assert not first.done and first.cursor["page"] == "t3_b"
    second = reddit.fetch_page(Source("search", "acme"), first.cursor)
    assert server.last("/search").param("after") == "t3_b"
    assert second.done
    assert second.cursor == {"since": "1970-01-01T00:05:00+00:00", "seen_ids": ["t3_c"]}
    third = reddit.fetch_page(Source("search", "acme"), second.cursor)
    assert [p["external_id"] for p in third.posts] == ["t3_d"]
    assert third.done, "reaching known posts ends the pass"


def test_odd_texts(server):
    texts = ["😀 عربي", "עברית", "z\u200bw", "y" * 10_000]
    children = [link(str(i), 100 + i, title=t) for i, t in enumerate(texts)]
    server.route(
        "GET", "/search", json_reply(listing([*children, {"kind": "t5", "data": {}}]))
    )
    posts = connector(server).fetch_page(Source("search", "x"), None).posts
    assert [p["text"] for p in posts] == ["😀 عربي", "עברית", "zw", "y" * 10_000]


def test_bad_app_credentials(server):
    server.route(
        "POST", TOKEN, json_reply({"message": "Unauthorized", "error": 401}, 401)
    )
    with pytest.raises(AuthenticationError, match="client id and secret"):
        connector(server).test_connection()


def test_rate_limit_and_failures_keep_cursor(server):
    cursor = {"page": "t3_b", "pending_since": "2024-01-01T00:00:00+00:00"}
    snapshot = dict(cursor)
    server.route(
        "GET",
        "/search",
        json_reply({"message": "Too Many Requests"}, 429, {"x-ratelimit-reset": "42"}),
        json_reply({"message": "boom"}, 500),
        Reply(200, b'{"kind": "Listing", "data": {"chil'),
        json_reply({"kind": "t3"}),
    )
    reddit = connector(server)
    with pytest.raises(RateLimitError) as caught:
        reddit.fetch_page(Source("search", "x"), cursor)
    assert 40 <= caught.value.retry_after <= 42
    with pytest.raises(ServerError):
        reddit.fetch_page(Source("search", "x"), cursor)
    with pytest.raises(PayloadError):
        reddit.fetch_page(Source("search", "x"), cursor)
    with pytest.raises(PayloadError, match="Listing"):
        reddit.fetch_page(Source("search", "x"), cursor)
    assert cursor == snapshot


def test_send_reply_needs_a_user_login(server):
    with pytest.raises(ConfigurationError, match="user login"):
        connector(server).send_reply("t3_abc", "hi")


def test_send_reply(server):
    result = {
        "json": {
            "errors": [],
            "data": {"things": [{"kind": "t1", "data": {"name": "t1_new"}}]},
        }
    }
    server.route("POST", "/api/comment", json_reply(result))
    reddit = connector(server, refresh_token="user-refresh")
    assert reddit.send_reply("t3_abc", "Thanks!") == "t1_new"
    assert server.last(TOKEN).form == {
        "grant_type": "refresh_token",
        "refresh_token": "user-refresh",
    }
    assert server.last("/api/comment").form == {
        "thing_id": "t3_abc",
        "text": "Thanks!",
        "api_type": "json",
    }


def test_send_reply_errors(server):
    server.route(
        "POST",
        "/api/comment",
        json_reply(
            {
                "json": {
                    "errors": [
                        ["RATELIMIT", "you are doing that too much", "ratelimit"]
                    ]
                }
            }
        ),
        json_reply(
            {"json": {"errors": [["THREAD_LOCKED", "that thread is locked", None]]}}
        ),
    )
    reddit = connector(server, refresh_token="r")
    with pytest.raises(RateLimitError, match="too much"):
        reddit.send_reply("t3_abc", "hi")
    with pytest.raises(ClientRequestError, match="locked"):
        reddit.send_reply("t3_abc", "hi")
