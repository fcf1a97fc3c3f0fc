"""X API v2 connector against a local fake X server."""

from datetime import UTC, datetime

import pytest
from platform_doubles import FakePlatform, Reply, json_reply, load_json
from social_crm_lib.connectors import Source
from social_crm_lib.connectors.x import XConnector
from social_crm_lib.errors import (
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    PayloadError,
    RateLimitError,
    ServerError,
)

SEARCH = "/2/tweets/search/recent"


@pytest.fixture
def server():
    with FakePlatform() as fake:
        yield fake


def connector(server, **kwargs):
    kwargs.setdefault("credentials", {"bearer_token": "app-token"})
    return XConnector(base_url=server.url, **kwargs)


def tweet(tweet_id, text="hello", **extra):
    return {
        "id": tweet_id,
        "text": text,
        "author_id": "42",
        "created_at": "2024-01-15T10:30:00.000Z",
        **extra,
    }


def page(tweets, next_token=None, users=None):
    meta = {"result_count": len(tweets)}
    if tweets:
        ids = [t["id"] for t in tweets if "id" in t]
        meta["newest_id"] = max(ids, key=lambda i: (len(i), i))
    if next_token:
        meta["next_token"] = next_token
    users = users if users is not None else [{"id": "42", "username": "jdoe"}]
    return {"data": tweets, "includes": {"users": users}, "meta": meta}


def test_documented_search_response(server):
    server.route("GET", SEARCH, json_reply(load_json("x/search_recent.json")))
    result = connector(server).fetch_page(Source("search", "python"), None)
    [post] = result.posts
    assert post["external_id"] == "1234567890123456789"
    assert post["url"] == "https://x.com/pythondev/status/1234567890123456789"
    assert post["text"] == "Just started learning Python and loving it!"
    assert post["posted_at"] == datetime(2024, 1, 15, 10, 30, tzinfo=UTC)
    assert (post["likes"], post["shares"], post["replies"]) == (42, 6, 2)
    assert post["kind"] == "post" and post["parent_external_id"] is None
    assert post["author"]["external_id"] == "9876543210"
    assert post["author"]["handle"] == "pythondev"
    assert result.done and result.cursor == {"since_id": "1234567890123456789"}

    request = server.last(SEARCH)
    assert request.header("Authorization") == "Bearer app-token"
    assert request.param("query") == "python"
    assert request.param("max_results") == "100"
    assert request.param("expansions") == "author_id"
    assert "referenced_tweets" in request.param("tweet.fields")
    assert "profile_image_url" in request.param("user.fields")
    assert request.param("since_id") is None


def test_documented_xdevelopers_search_keeps_emoji_and_lines(server):
    payload = load_json("x/search_recent_xdevelopers.json")
    server.route("GET", SEARCH, json_reply(payload))
    posts = (
        connector(server).fetch_page(Source("search", "from:XDevelopers"), None).posts
    )
    assert [p["external_id"] for p in posts] == [t["id"] for t in payload["data"]]
    assert "🍿\n\nLearn how" in posts[0]["text"]
    assert posts[0]["author"]["display_name"] == "X Developers"
    assert posts[0]["author"]["bio"].startswith("The voice of Twitter's #DevRel")
    assert posts[0]["url"] == "https://x.com/XDevelopers/status/1271111223220809728"


def test_documented_mentions_response_pages_with_pagination_token(server):
    path = "/2/users/2244994945/mentions"
    server.route("GET", path, json_reply(load_json("x/users_mentions.json")))
    x = connector(server, account_ref="2244994945")
    result = x.fetch_page(Source("mentions"), {"since_id": "100"})
    assert [p["author"]["handle"] for p in result.posts] == ["developer"]
    assert not result.done
    assert result.cursor == {
        "since_id": "100",
        "next_token": "t3buvdr5pujq9g7bggsnf3ep2ha28",
        "pending_since_id": "1301573587187331074",
    }
    result = x.fetch_page(Source("mentions"), result.cursor)
    request = server.last(path)
    assert request.param("pagination_token") == "t3buvdr5pujq9g7bggsnf3ep2ha28"
    assert request.param("since_id") == "100"


def test_meta_fragment_next_token_is_followed(server):
    meta = load_json("x/search_recent_meta_fragment.json")["meta"]
    server.route(
        "GET",
        SEARCH,
        json_reply({"data": [tweet(meta["newest_id"])], "meta": meta}),
        json_reply(page([tweet(meta["oldest_id"])])),
    )
    x = connector(server)
    first = x.fetch_page(Source("search", "cats"), None)
    assert first.cursor["next_token"] == meta["next_token"]
    second = x.fetch_page(Source("search", "cats"), first.cursor)
    assert server.last(SEARCH).param("next_token") == meta["next_token"]
    assert second.done and second.cursor == {"since_id": meta["newest_id"]}


def test_full_pass_then_incremental_pass(server):
    server.route(
        "GET",
        SEARCH,
        json_reply(page([tweet("300"), tweet("299")], next_token="p2")),
        json_reply(page([tweet("298"), tweet("297")], next_token="p3")),
        json_reply(page([], next_token=None)),
        json_reply(page([tweet("301")])),
    )
    x = connector(server)
    source = Source("search", "cats")
    cursor, seen = None, []
    for _ in range(5):
        result = x.fetch_page(source, cursor)
        seen += [p["external_id"] for p in result.posts]
        cursor = result.cursor
        if result.done:
            break
    assert seen == ["300", "299", "298", "297"]
    assert cursor == {"since_id": "300"}
    tokens = [r.param("next_token") for r in server.requests_to(SEARCH)]
    assert tokens == [None, "p2", "p3"]

    result = x.fetch_page(source, cursor)
    assert server.last(SEARCH).param("since_id") == "300"
    assert [p["external_id"] for p in result.posts] == ["301"]
    assert result.cursor == {"since_id": "301"}


def test_empty_incremental_pass_keeps_high_water_mark(server):
    server.route("GET", SEARCH, json_reply({"meta": {"result_count": 0}}))
    result = connector(server).fetch_page(Source("search", "x"), {"since_id": "77"})
    assert result.posts == [] and result.done
    assert result.cursor == {"since_id": "77"}


def test_failure_mid_pass_leaves_cursor_untouched_and_retry_repeats(server):
    cursor = {"since_id": "10", "next_token": "p2", "pending_since_id": "20"}
    snapshot = dict(cursor)
    server.route(
        "GET",
        SEARCH,
        json_reply({"title": "Service Unavailable"}, 503),
        json_reply(page([tweet("15")])),
    )
    x = connector(server)
    with pytest.raises(ServerError, match="503"):
        x.fetch_page(Source("search", "cats"), cursor)
    assert cursor == snapshot
    result = x.fetch_page(Source("search", "cats"), cursor)
    first, retry = server.requests_to(SEARCH)
    assert first.query == retry.query
    assert result.cursor == {"since_id": "20"}


def test_documented_401(server):
    server.route(
        "GET", SEARCH, json_reply(load_json("x/error_401_unauthorized.json"), 401)
    )
    with pytest.raises(AuthenticationError) as caught:
        connector(server).fetch_page(Source("search", "cats"), None)
    message = str(caught.value)
    assert "X (Twitter)" in message and "401 Unauthorized" in message
    assert "bearer token" in message


def test_documented_429_uses_reset_header(server):
    reset = int(datetime.now(UTC).timestamp()) + 600
    server.route(
        "GET",
        SEARCH,
        json_reply(
            load_json("x/error_429_rate_limit.json"),
            429,
            {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)},
        ),
    )
    with pytest.raises(RateLimitError, match="Rate limit exceeded") as caught:
        connector(server).fetch_page(Source("search", "cats"), None)
    assert 595 <= caught.value.retry_after <= 601


def test_rate_limit_headers_reported_on_success(server):
    headers = {
        "x-rate-limit-limit": "900",
        "x-rate-limit-remaining": "847",
        "x-rate-limit-reset": "1705420800",
    }
    server.route("GET", SEARCH, json_reply(page([tweet("1")]), headers=headers))
    result = connector(server).fetch_page(Source("search", "cats"), None)
    assert result.rate_limit_remaining == 847
    assert result.rate_limit_reset == datetime(2024, 1, 16, 16, 0, tzinfo=UTC)


def test_partial_errors_keep_data_and_report_deleted(server):
    body = page([tweet("5")])
    body["errors"] = [
        {
            "resource_id": "4",
            "resource_type": "tweet",
            "title": "Not Found Error",
            "detail": "Could not find tweet with ids: [4].",
            "type": "https://api.twitter.com/2/problems/resource-not-found",
        },
        {
            "title": "Authorization Error",
            "resource_id": "3",
            "type": "https://api.twitter.com/2/problems/not-authorized-for-resource",
        },
    ]
    server.route("GET", SEARCH, json_reply(body))
    result = connector(server).fetch_page(Source("search", "cats"), None)
    assert [p["external_id"] for p in result.posts] == ["5"]
    assert result.deleted_ids == ["4"]


def test_errors_without_data_for_unknown_user(server):
    body = {
        "errors": [
            {
                "detail": "Could not find user with id: [1].",
                "type": "https://api.twitter.com/2/problems/resource-not-found",
            }
        ]
    }
    server.route("GET", "/2/users/1/mentions", json_reply(body))
    with pytest.raises(NotFoundError, match="Could not find user"):
        connector(server, account_ref="1").fetch_page(Source("mentions"), None)


def test_reply_kind_language_and_missing_author(server):
    reply = tweet(
        "9",
        lang="fr",
        author_id="404",
        referenced_tweets=[
            {"type": "quoted", "id": "1"},
            {"type": "replied_to", "id": "8"},
        ],
    )
    server.route("GET", SEARCH, json_reply(page([reply, {"text": "no id"}])))
    [post] = connector(server).fetch_page(Source("search", "cats"), None).posts
    assert post["kind"] == "reply" and post["parent_external_id"] == "8"
    assert post["language"] == "fr"
    assert post["author"]["external_id"] == "404" and post["author"]["handle"] == ""
    assert post["url"] == "https://x.com/i/web/status/9"


def test_odd_texts_survive(server):
    long_text = "ب" * 10_000
    texts = [
        "Great 🎉👍🏽 service",
        "خدمة ممتازة، شكراً",
        "שירות מצוין",
        "zero\u200bwidth\u200dchars\ufeff",
        long_text,
    ]
    tweets = [tweet(str(100 + i), text) for i, text in enumerate(texts)]
    server.route("GET", SEARCH, json_reply(page(tweets)))
    posts = connector(server).fetch_page(Source("search", "x"), None).posts
    assert [p["text"] for p in posts] == [*texts[:3], "zerowidthchars", long_text]


def test_language_is_added_to_the_query(server):
    server.route("GET", SEARCH, json_reply(page([])))
    connector(server).fetch_page(Source("search", "chat", language="fr"), None)
    assert server.last(SEARCH).param("query") == "chat lang:fr"


@pytest.mark.parametrize(
    "reply",
    [Reply(200, b'{"data": [{"id": "1", "te'), json_reply({"data": {"id": "1"}})],
)
def test_unreadable_bodies(server, reply):
    server.route("GET", SEARCH, reply)
    with pytest.raises(PayloadError):
        connector(server).fetch_page(Source("search", "x"), None)


def test_configuration_errors_before_any_request(server):
    with pytest.raises(ConfigurationError, match="bearer_token"):
        connector(server, credentials={}).fetch_page(Source("search", "x"), None)
    with pytest.raises(ConfigurationError, match="user id"):
        connector(server).fetch_page(Source("mentions"), None)
    with pytest.raises(ConfigurationError, match="hashtag"):
        connector(server).fetch_page(Source("hashtag", "x"), None)
    assert server.requests == []


def test_test_connection(server):
    server.route(
        "GET",
        "/2/users/by/username/XDevelopers",
        json_reply({"data": {"id": "2244994945", "username": "XDevelopers"}}),
    )
    server.route(
        "GET", "/2/users/42", json_reply({"data": {"id": "42", "username": "acme"}})
    )
    assert "works" in connector(server).test_connection()
    assert "@acme" in connector(server, account_ref="42").test_connection()


def test_send_reply_posts_with_user_token(server):
    server.route(
        "POST", "/2/tweets", json_reply({"data": {"id": "555", "text": "hi"}}, 201)
    )
    x = connector(server, credentials={"user_access_token": "user-token"})
    assert x.send_reply("123", "Thanks! 🙏") == "555"
    request = server.last("/2/tweets")
    assert request.header("Authorization") == "Bearer user-token"
    assert request.json == {
        "text": "Thanks! 🙏",
        "reply": {"in_reply_to_tweet_id": "123"},
    }


def test_send_direct_message_to_the_author(server):
    server.route(
        "GET", "/2/tweets/123", json_reply({"data": {"id": "123", "author_id": "42"}})
    )
    path = "/2/dm_conversations/with/42/messages"
    server.route(
        "POST",
        path,
        json_reply({"data": {"dm_conversation_id": "c", "dm_event_id": "e1"}}, 201),
    )
    x = connector(server, credentials={"user_access_token": "user-token"})
    assert x.send_reply("123", "Let's talk", direct_message=True) == "e1"
    assert server.last(path).json == {"text": "Let's talk"}


def test_send_reply_failures(server):
    with pytest.raises(ConfigurationError, match="user_access_token"):
        connector(server).send_reply("1", "hi")
    server.route(
        "POST",
        "/2/tweets",
        json_reply({"title": "Forbidden", "detail": "You are not allowed"}, 403),
    )
    x = connector(server, credentials={"user_access_token": "t"})
    with pytest.raises(AuthenticationError, match="not allowed"):
        x.send_reply("1", "hi")
