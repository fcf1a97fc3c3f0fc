"""YouTube connector against a local fake Data API."""

from datetime import UTC, datetime

import pytest
from platform_doubles import FakePlatform, Reply, json_reply, load_json
from social_crm_lib.connectors import Source
from social_crm_lib.connectors.youtube import YouTubeConnector, next_pacific_midnight
from social_crm_lib.errors import (
    AuthenticationError,
    ClientRequestError,
    ConfigurationError,
    NotFoundError,
    PayloadError,
    RateLimitError,
    ServerError,
)

THREADS = "/commentThreads"


@pytest.fixture
def server():
    with FakePlatform() as fake:
        yield fake


def connector(server, **kwargs):
    kwargs.setdefault("credentials", {"api_key": "key-1"})
    return YouTubeConnector(base_url=server.url, **kwargs)


def google_error(reason, code=403, message="error"):
    return {
        "error": {
            "errors": [{"domain": "youtube", "reason": reason, "message": message}],
            "code": code,
            "message": message,
        }
    }


def thread(comment_id, published, text="hello"):
    snippet = {
        "videoId": "vid",
        "textDisplay": text,
        "authorDisplayName": "@viewer",
        "authorChannelId": {"value": "UCviewer"},
        "publishedAt": published,
    }
    return {
        "id": comment_id,
        "snippet": {"topLevelComment": {"id": comment_id, "snippet": snippet}},
    }


def test_documented_comment_threads(server):
    server.route(
        "GET", THREADS, json_reply(load_json("youtube/comment_threads_list.json"))
    )
    result = connector(server).fetch_page(Source("comments", "Ks-_Mh1QhMc"), None)
    top, reply, other = result.posts
    assert top["external_id"] == "UgzDE2tasfmrYLyNkGt4AaABAg"
    assert top["kind"] == "comment" and top["parent_external_id"] == "Ks-_Mh1QhMc"
    assert top["text"] == (
        "Great talk! The part at 12:34 about quotas was really useful & clear.\n"
        "Thanks for sharing 👍"
    )
    assert (
        top["url"]
        == "https://www.youtube.com/watch?v=Ks-_Mh1QhMc&lc=UgzDE2tasfmrYLyNkGt4AaABAg"
    )
    assert (top["likes"], top["replies"]) == (12, 1)
    assert top["author"]["external_id"] == "UCa1b2c3d4e5f6g7h8i9j0kL"
    assert top["author"]["handle"] == "example-viewer"
    assert (
        reply["kind"] == "reply" and reply["parent_external_id"] == top["external_id"]
    )
    assert other["posted_at"] == datetime(2024, 5, 13, 22, 10, 15, tzinfo=UTC)
    assert not result.done and result.cursor["page"].startswith("Z2V0X25ld2VzdF9")
    request = server.last(THREADS)
    assert request.param("videoId") == "Ks-_Mh1QhMc"
    assert (request.param("part"), request.param("order"), request.param("key")) == (
        "snippet,replies",
        "time",
        "key-1",
    )


def test_channel_search_and_paging(server):
    server.route(
        "GET",
        THREADS,
        json_reply(
            {"items": [thread("b", "2024-05-02T00:00:00Z")], "nextPageToken": "p2"}
        ),
        json_reply({"items": [thread("a", "2024-05-01T00:00:00Z")]}),
        json_reply(
            {
                "items": [
                    thread("c", "2024-05-03T00:00:00Z"),
                    thread("b", "2024-05-02T00:00:00Z"),
                ],
                "nextPageToken": "p9",
            }
        ),
    )
    youtube = connector(server, account_ref="UC_channel")
    source = Source("search", "refund")
    first = youtube.fetch_page(source, None)
    request = server.last(THREADS)
    assert request.param("allThreadsRelatedToChannelId") == "UC_channel"
    assert request.param("searchTerms") == "refund"
    second = youtube.fetch_page(source, first.cursor)
    assert server.last(THREADS).param("pageToken") == "p2"
    assert second.done and second.cursor == {
        "since": "2024-05-02T00:00:00+00:00",
        "seen_ids": ["b"],
    }
    third = youtube.fetch_page(source, second.cursor)
    assert [p["external_id"] for p in third.posts] == ["c"] and third.done


def test_documented_quota_exceeded(server):
    server.route(
        "GET", THREADS, json_reply(load_json("youtube/error_quota_exceeded.json"), 403)
    )
    with pytest.raises(RateLimitError, match="quota") as caught:
        connector(server).fetch_page(Source("comments", "vid"), None)
    expected = (next_pacific_midnight() - datetime.now(UTC)).total_seconds()
    assert abs(caught.value.retry_after - expected) < 5
    assert 0 < caught.value.retry_after <= 25 * 3600


def test_pacific_midnight():
    summer = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)  # 05:00 PDT
    assert next_pacific_midnight(summer) == datetime(2024, 7, 2, 7, 0, tzinfo=UTC)
    winter = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)  # 04:00 PST
    assert next_pacific_midnight(winter) == datetime(2024, 1, 2, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "status", "error", "message"),
    [
        (
            google_error("keyInvalid", 400, "Bad Request"),
            400,
            AuthenticationError,
            "API key",
        ),
        (google_error("commentsDisabled"), 403, ClientRequestError, "disabled"),
        (google_error("videoNotFound", 404), 404, NotFoundError, "video"),
        (google_error("rateLimitExceeded"), 403, RateLimitError, "throttling"),
        (google_error("forbidden"), 403, AuthenticationError, "API key"),
        (google_error("backendError", 503), 503, ServerError, "503"),
    ],
)
def test_error_reasons(server, body, status, error, message):
    server.route("GET", THREADS, json_reply(body, status))
    with pytest.raises(error, match=message):
        connector(server).fetch_page(Source("comments", "vid"), None)


def test_failure_keeps_cursor_and_bad_bodies(server):
    cursor = {"page": "p2", "pending_since": "2024-05-02T00:00:00+00:00"}
    snapshot = dict(cursor)
    server.route(
        "GET", THREADS, json_reply({}, delay=0.5), Reply(200, b'{"items": [{"id"')
    )
    with pytest.raises(ServerError):
        connector(server, timeout=0.2).fetch_page(Source("comments", "vid"), cursor)
    with pytest.raises(PayloadError):
        connector(server).fetch_page(Source("comments", "vid"), cursor)
    assert cursor == snapshot


def test_odd_texts(server):
    texts = ["👍🏾 رائع", "מעולה", "a\u200db", "w" * 10_000]
    items = [thread(str(i), "2024-05-02T00:00:00Z", t) for i, t in enumerate(texts)]
    server.route("GET", THREADS, json_reply({"items": [*items, {"snippet": {}}]}))
    posts = connector(server).fetch_page(Source("comments", "vid"), None).posts
    assert [p["text"] for p in posts] == ["👍🏾 رائع", "מעולה", "ab", "w" * 10_000]


def test_configuration_errors(server):
    with pytest.raises(ConfigurationError, match="api_key"):
        connector(server, credentials={}).fetch_page(Source("comments", "vid"), None)
    with pytest.raises(ConfigurationError, match="channel id"):
        connector(server).fetch_page(Source("comments", ""), None)


def test_send_reply(server):
    server.route("POST", "/comments", json_reply({"id": "Ugz.new"}))
    youtube = connector(server, credentials={"api_key": "k", "access_token": "oauth"})
    assert youtube.send_reply("Ugz.Ab", "Thanks!") == "Ugz.new"
    request = server.last("/comments")
    assert request.param("part") == "snippet"
    assert request.param("key") is None
    assert request.header("Authorization") == "Bearer oauth"
    assert request.json == {"snippet": {"parentId": "Ugz", "textOriginal": "Thanks!"}}


def test_send_reply_needs_oauth(server):
    with pytest.raises(ConfigurationError, match="API key can only read"):
        connector(server).send_reply("Ugz", "hi")
    server.route(
        "POST",
        "/comments",
        json_reply(google_error("forbidden", 403, "Insufficient Permission"), 403),
    )
    youtube = connector(server, credentials={"access_token": "oauth"})
    with pytest.raises(AuthenticationError, match="Insufficient Permission"):
        youtube.send_reply("Ugz", "hi")


def test_test_connection(server):
    server.route(
        "GET", "/channels", json_reply({"items": [{"snippet": {"title": "Acme TV"}}]})
    )
    assert (
        connector(server, account_ref="UCacme").test_connection()
        == "Connected to YouTube: channel Acme TV."
    )
