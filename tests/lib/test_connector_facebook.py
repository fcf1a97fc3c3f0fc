"""Facebook Page connector against a local fake Graph API."""

import json
from datetime import UTC, datetime

import pytest
from platform_doubles import FakePlatform, Reply, json_reply, load_json
from social_crm_lib.connectors import Source
from social_crm_lib.connectors.facebook import FacebookConnector
from social_crm_lib.errors import (
    AuthenticationError,
    ClientRequestError,
    ConfigurationError,
    NotFoundError,
    PayloadError,
    RateLimitError,
    ServerError,
)

FEED = "/v21.0/1234/feed"


@pytest.fixture
def server():
    with FakePlatform() as fake:
        yield fake


def connector(server, **kwargs):
    kwargs.setdefault("credentials", {"page_access_token": "page-token"})
    kwargs.setdefault("account_ref", "1234")
    return FacebookConnector(base_url=server.url + "/v21.0", **kwargs)


def graph_error(code, message="boom", subcode=None, status=400):
    error = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "x",
    }
    if subcode:
        error["error_subcode"] = subcode
    return json_reply({"error": error}, status)


def fb_post(post_id, created, message="hi", **extra):
    return {"id": post_id, "created_time": created, "message": message, **extra}


def test_documented_page_feed(server):
    server.route("GET", FEED, json_reply(load_json("facebook/page_feed.json")))
    result = connector(server).fetch_page(Source("feed"), None)
    assert [p["text"] for p in result.posts] == [
        "Become a Facebook developer!",
        "Hello world!",
        "Friday Funday!",
    ]
    first = result.posts[0]
    assert first["external_id"] == "{page-id}_2191966997525824"
    assert first["posted_at"] == datetime(2019, 5, 17, 16, 24, 4, tzinfo=UTC)
    assert first["author"]["external_id"] == "1234"
    assert not result.done and result.cursor["page"] == "Q2c4U1pXNT..."
    request = server.last(FEED)
    assert request.header("Authorization") == "Bearer page-token"
    assert "comments.summary(true)" in request.param("fields")
    assert "reactions.summary(true)" in request.param("fields")
    assert request.param("access_token") is None, "the token stays out of URLs"


def test_documented_post_comments(server):
    path = "/v21.0/2191966997525824/comments"
    server.route("GET", path, json_reply(load_json("facebook/post_comments.json")))
    result = connector(server).fetch_page(Source("comments", "2191966997525824"), None)
    first, second = result.posts
    assert first["kind"] == "comment"
    assert first["parent_external_id"] == "2191966997525824"
    assert first["author"]["display_name"] == "Example Person"
    assert first["author"]["external_id"] == "10158023456789012"
    assert second["text"] == "Does this work for Instagram too?"
    assert result.done, "no paging.next: last page"
    assert server.last(path).param("order") == "reverse_chronological"


def test_counts_replies_and_odd_texts(server):
    items = [
        fb_post(
            "1_1",
            "2024-05-01T10:00:00+0000",
            "🎉 عربي",
            reactions={"summary": {"total_count": 7}},
            comments={"summary": {"total_count": 3}},
            shares={"count": 2},
            **{"from": {"id": "99", "name": "Visitor"}},
        ),
        fb_post("1_2", "2024-05-01T09:00:00+0000", "עברית\u200b"),
        fb_post("1_3", "2024-05-01T08:00:00+0000", "m" * 10_000),
        {"message": "no id"},
    ]
    server.route("GET", FEED, json_reply({"data": items}))
    posts = connector(server).fetch_page(Source("feed"), None).posts
    assert [p["text"] for p in posts] == ["🎉 عربي", "עברית", "m" * 10_000]
    assert (posts[0]["likes"], posts[0]["replies"], posts[0]["shares"]) == (7, 3, 2)
    assert posts[0]["author"]["display_name"] == "Visitor"


def test_pass_then_incremental_with_since(server):
    next_page = {"cursors": {"after": "AFTER1"}, "next": "https://graph.facebook.com/x"}
    server.route(
        "GET",
        FEED,
        json_reply(
            {"data": [fb_post("1_b", "2024-05-02T00:00:00+0000")], "paging": next_page}
        ),
        json_reply(
            {"data": [fb_post("1_a", "2024-05-01T00:00:00+0000")], "paging": {}}
        ),
        json_reply(
            {
                "data": [
                    fb_post("1_c", "2024-05-03T00:00:00+0000"),
                    fb_post("1_b", "2024-05-02T00:00:00+0000"),
                ]
            }
        ),
    )
    facebook = connector(server)
    first = facebook.fetch_page(Source("feed"), None)
    second = facebook.fetch_page(Source("feed"), first.cursor)
    assert server.last(FEED).param("after") == "AFTER1"
    assert second.done and second.cursor == {
        "since": "2024-05-02T00:00:00+00:00",
        "seen_ids": ["1_b"],
    }
    third = facebook.fetch_page(Source("feed"), second.cursor)
    assert server.last(FEED).param("since") == str(
        int(datetime(2024, 5, 2, tzinfo=UTC).timestamp())
    )
    assert [p["external_id"] for p in third.posts] == ["1_c"]


def test_documented_oauth_error(server):
    server.route(
        "GET", FEED, json_reply(load_json("facebook/error_oauth_190.json"), 400)
    )
    with pytest.raises(AuthenticationError, match="code 190") as caught:
        connector(server).fetch_page(Source("feed"), None)
    assert "reconnect the page" in str(caught.value)


def test_documented_rate_limit_with_usage_header(server):
    usage = {
        "1234": [
            {"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 15}
        ]
    }
    headers = {
        "X-Business-Use-Case-Usage": json.dumps(usage),
        "X-App-Usage": json.dumps({"call_count": 28}),
    }
    body = load_json("facebook/error_rate_limit_32.json")
    server.route("GET", FEED, json_reply(body, 400, headers), json_reply(body, 400))
    with pytest.raises(RateLimitError, match="Page request limit reached") as caught:
        connector(server).fetch_page(Source("feed"), None)
    assert caught.value.retry_after == 900
    with pytest.raises(RateLimitError) as caught:
        connector(server).fetch_page(Source("feed"), None)
    assert caught.value.retry_after == 600


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (
            graph_error(4, "Application request limit reached", status=403),
            RateLimitError,
        ),
        (graph_error(17, "User request limit reached"), RateLimitError),
        (
            graph_error(613, "Calls to this api have exceeded the rate limit."),
            RateLimitError,
        ),
        (graph_error(100, "Invalid parameter"), ClientRequestError),
        (graph_error(100, "Object does not exist", subcode=33), NotFoundError),
        (
            graph_error(10, "Requires pages_read_engagement", status=403),
            AuthenticationError,
        ),
        (json_reply({"error": {"message": "unknown", "code": 2}}, 500), ServerError),
        (Reply(200, b'{"data": [{"id": "1_1", "mess'), PayloadError),
        (json_reply({"data": {"id": "1"}}), PayloadError),
    ],
)
def test_errors_map_and_keep_cursor(server, reply, error):
    cursor = {"page": "AFTER1", "pending_since": "2024-05-02T00:00:00+00:00"}
    snapshot = dict(cursor)
    server.route("GET", FEED, reply)
    with pytest.raises(error):
        connector(server).fetch_page(Source("feed"), cursor)
    assert cursor == snapshot


def test_configuration_errors(server):
    with pytest.raises(ConfigurationError, match="page_access_token"):
        connector(server, credentials={}).fetch_page(Source("feed"), None)
    with pytest.raises(ConfigurationError, match="page id"):
        connector(server, account_ref=None).fetch_page(Source("feed"), None)
    with pytest.raises(ConfigurationError, match="post id"):
        connector(server).fetch_page(Source("comments"), None)


def test_tagged_mentions(server):
    server.route(
        "GET",
        "/v21.0/1234/tagged",
        json_reply({"data": [fb_post("9_1", "2024-05-01T00:00:00+0000")]}),
    )
    [post] = connector(server).fetch_page(Source("mentions"), None).posts
    assert post["external_id"] == "9_1"


def test_send_reply_and_private_reply(server):
    server.route("POST", "/v21.0/1_2_3/comments", json_reply({"id": "1_2_4"}))
    server.route(
        "POST",
        "/v21.0/1234/messages",
        json_reply({"recipient_id": "5", "message_id": "m_1"}),
    )
    facebook = connector(server)
    assert facebook.send_reply("1_2_3", "Thanks!") == "1_2_4"
    assert server.last("/v21.0/1_2_3/comments").form == {"message": "Thanks!"}
    assert facebook.send_reply("1_2_3", "Psst", direct_message=True) == "m_1"
    assert server.last("/v21.0/1234/messages").json == {
        "recipient": {"comment_id": "1_2_3"},
        "message": {"text": "Psst"},
    }


def test_send_reply_failure(server):
    server.route(
        "POST",
        "/v21.0/1_2_3/comments",
        graph_error(190, "Session has expired", 463, 401),
    )
    with pytest.raises(AuthenticationError, match="Session has expired"):
        connector(server).send_reply("1_2_3", "hi")


def test_test_connection(server):
    server.route("GET", "/v21.0/me", json_reply({"id": "1234", "name": "Acme"}))
    assert (
        connector(server).test_connection() == "Connected to Facebook as the page Acme."
    )
