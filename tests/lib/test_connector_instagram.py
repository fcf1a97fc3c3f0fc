"""Instagram connector against a local fake Graph API."""

import pytest
from platform_doubles import FakePlatform, json_reply, load_json
from social_crm_lib.connectors import Source
from social_crm_lib.connectors.instagram import InstagramConnector
from social_crm_lib.errors import (
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    RateLimitError,
)

USER = "17841405822304914"
TAGS = f"/v21.0/{USER}/tags"


@pytest.fixture
def server():
    with FakePlatform() as fake:
        yield fake


def connector(server, **kwargs):
    kwargs.setdefault("credentials", {"access_token": "ig-token"})
    kwargs.setdefault("account_ref", USER)
    return InstagramConnector(base_url=server.url + "/v21.0", **kwargs)


def test_documented_tags(server):
    server.route("GET", TAGS, json_reply(load_json("instagram/ig_user_tags.json")))
    instagram = connector(server)
    result = instagram.fetch_page(Source("mentions"), None)
    assert [p["external_id"] for p in result.posts] == [
        "18038...",
        "17930...",
        "17931...",
    ]
    assert result.posts[0]["author"]["handle"] == "keldo..."
    assert result.done
    assert result.cursor == {"undated_ids": ["17931...", "17930...", "18038..."]}
    request = server.last(TAGS)
    assert "timestamp" in request.param("fields")
    assert request.header("Authorization") == "Bearer ig-token"
    assert instagram.fetch_page(Source("mentions"), result.cursor).posts == []


def test_tags_paging_and_odd_texts(server):
    media = [
        {
            "id": "1",
            "caption": "📸 صورة",
            "timestamp": "2024-05-02T10:00:00+0000",
            "username": "ana",
            "like_count": 4,
        },
        {
            "id": "2",
            "caption": "תמונה\u200b",
            "timestamp": "2024-05-02T09:00:00+0000",
            "username": "ben",
        },
        {
            "id": "3",
            "caption": "c" * 10_000,
            "timestamp": "2024-05-02T08:00:00+0000",
            "username": "cy",
        },
    ]
    paging = {
        "cursors": {"before": "B", "after": "A2"},
        "next": "https://graph.facebook.com/next",
    }
    server.route("GET", TAGS, json_reply({"data": media, "paging": paging}))
    result = connector(server).fetch_page(Source("mentions"), None)
    assert [p["text"] for p in result.posts] == ["📸 صورة", "תמונה", "c" * 10_000]
    assert result.posts[0]["likes"] == 4
    assert result.posts[0]["author"]["profile_url"] == "https://www.instagram.com/ana/"
    assert not result.done and result.cursor["page"] == "A2"


def test_documented_mentioned_media(server):
    server.route(
        "GET",
        f"/v21.0/{USER}",
        json_reply(load_json("instagram/ig_user_mentioned_media.json")),
    )
    post = connector(server).fetch_mentioned_media("17873440459141021")
    assert post["external_id"] == "17873440459141021"
    assert post["text"] == "metricsaurus headquarters!"
    fields = server.last(f"/v21.0/{USER}").param("fields")
    assert fields.startswith("mentioned_media.media_id(17873440459141021){")


def test_mentioned_comment(server):
    body = {
        "mentioned_comment": {
            "id": "c1",
            "text": "@acme help!",
            "timestamp": "2024-05-01T00:00:00+0000",
            "username": "dan",
            "media": {"id": "m1", "permalink": "https://www.instagram.com/p/x/"},
        },
        "id": USER,
    }
    server.route("GET", f"/v21.0/{USER}", json_reply(body), json_reply({"id": USER}))
    instagram = connector(server)
    post = instagram.fetch_mentioned_comment("c1")
    assert (post["kind"], post["parent_external_id"], post["text"]) == (
        "comment",
        "m1",
        "@acme help!",
    )
    with pytest.raises(NotFoundError):
        instagram.fetch_mentioned_comment("c2")


def test_comments_with_replies(server):
    comment = {
        "id": "c1",
        "text": "Love it",
        "timestamp": "2024-05-01T00:00:00+0000",
        "username": "eve",
        "replies": {
            "data": [
                {
                    "id": "r1",
                    "text": "Thanks",
                    "timestamp": "2024-05-01T01:00:00+0000",
                    "username": "acme",
                }
            ]
        },
    }
    server.route("GET", "/v21.0/m1/comments", json_reply({"data": [comment]}))
    top, reply = connector(server).fetch_page(Source("comments", "m1"), None).posts
    assert (top["kind"], top["parent_external_id"]) == ("comment", "m1")
    assert (reply["kind"], reply["parent_external_id"]) == ("reply", "c1")


def test_shared_graph_errors(server):
    server.route(
        "GET",
        TAGS,
        json_reply(load_json("facebook/error_oauth_190.json"), 400),
        json_reply(
            {"error": {"message": "Application request limit reached", "code": 4}}, 403
        ),
    )
    with pytest.raises(AuthenticationError, match="Instagram"):
        connector(server).fetch_page(Source("mentions"), None)
    with pytest.raises(RateLimitError):
        connector(server).fetch_page(Source("mentions"), None)


def test_configuration_errors(server):
    with pytest.raises(ConfigurationError, match="Instagram user id"):
        connector(server, account_ref=None).fetch_page(Source("mentions"), None)
    with pytest.raises(ConfigurationError, match="media id"):
        connector(server).fetch_page(Source("comments"), None)
    with pytest.raises(ConfigurationError, match="access_token"):
        connector(server, credentials={}).send_reply("c1", "hi")


def test_send_reply_and_private_reply(server):
    server.route("POST", "/v21.0/c1/replies", json_reply({"id": "r9"}))
    server.route(
        "POST",
        f"/v21.0/{USER}/messages",
        json_reply({"recipient_id": "1", "message_id": "m9"}),
    )
    instagram = connector(server)
    assert instagram.send_reply("c1", "Thanks!") == "r9"
    assert server.last("/v21.0/c1/replies").form == {"message": "Thanks!"}
    assert instagram.send_reply("c1", "DM", direct_message=True) == "m9"


def test_test_connection(server):
    server.route("GET", f"/v21.0/{USER}", json_reply({"id": USER, "username": "acme"}))
    assert connector(server).test_connection() == "Connected to Instagram as @acme."
