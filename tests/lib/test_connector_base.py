"""Shared HTTP behaviour of the connectors: headers, timeouts, error mapping."""

import socket
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from platform_doubles import FakePlatform, Reply, json_reply
from social_crm_lib.connectors import CONNECTORS, Source, get_connector_class
from social_crm_lib.connectors.base import Connector, newest_id, short_language
from social_crm_lib.connectors.cursors import Watermark
from social_crm_lib.connectors.http import USER_AGENT, parse_reset
from social_crm_lib.connectors.text import html_to_text
from social_crm_lib.errors import (
    AuthenticationError,
    ClientRequestError,
    ConfigurationError,
    NotFoundError,
    PayloadError,
    RateLimitError,
    ServerError,
)


class ProbeConnector(Connector):
    platform = "probe"
    label = "Probe"
    credential_fields = ("token",)
    auth_hint = "check the probe token"
    rate_limit_reset_header = "x-probe-reset"

    def get(self, expect=dict):
        return self._call("GET", "/thing", expect=expect)


@pytest.fixture
def server():
    with FakePlatform() as fake:
        yield fake


def probe(server, **kwargs):
    return ProbeConnector(base_url=server.url, credentials={"token": "t"}, **kwargs)


def test_every_platform_is_registered():
    expected = {"x", "mastodon", "bluesky", "reddit", "youtube", "facebook"}
    assert expected | {"instagram", "rss"} == set(CONNECTORS)
    for key, connector in CONNECTORS.items():
        assert connector.platform == key
        assert connector.label and connector.source_kinds
        assert get_connector_class(key) is connector


def test_unknown_platform_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="tiktok"):
        get_connector_class("tiktok")


def test_source_key_is_stable_and_distinct():
    assert Source("search", "cats").key == Source("search", " cats ").key
    assert Source("search", "cats").key != Source("hashtag", "cats").key
    assert Source("search", "cats", "fr").key != Source("search", "cats").key


def test_missing_credentials_are_named():
    connector = ProbeConnector(credentials={"token": "  "})
    with pytest.raises(ConfigurationError, match="token"):
        connector.check_credentials()


def test_user_agent_and_json(server):
    server.route("GET", "/thing", json_reply({"ok": True}))
    payload, _ = probe(server).get()
    assert payload == {"ok": True}
    assert server.last("/thing").header("User-Agent") == USER_AGENT


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, AuthenticationError),
        (403, AuthenticationError),
        (404, NotFoundError),
        (400, ClientRequestError),
        (422, ClientRequestError),
        (500, ServerError),
        (503, ServerError),
    ],
)
def test_status_mapping(server, status, error):
    server.route("GET", "/thing", json_reply({"message": "nope"}, status))
    with pytest.raises(error) as caught:
        probe(server).get()
    assert caught.value.status == status
    assert "Probe" in str(caught.value) and "nope" in str(caught.value)


def test_auth_message_tells_what_to_check(server):
    server.route("GET", "/thing", json_reply({"detail": "Unauthorized"}, 401))
    with pytest.raises(AuthenticationError, match="check the probe token"):
        probe(server).get()


def test_retry_after_seconds(server):
    server.route("GET", "/thing", json_reply({}, 429, {"Retry-After": "30"}))
    with pytest.raises(RateLimitError) as caught:
        probe(server).get()
    assert caught.value.retry_after == 30
    assert caught.value.retryable


def test_retry_after_http_date(server):
    later = datetime.now(UTC) + timedelta(seconds=120)
    headers = {"Retry-After": format_datetime(later, usegmt=True)}
    server.route("GET", "/thing", json_reply({}, 429, headers))
    with pytest.raises(RateLimitError) as caught:
        probe(server).get()
    assert 110 <= caught.value.retry_after <= 121


def test_retry_after_from_platform_reset_epoch(server):
    reset = int(datetime.now(UTC).timestamp()) + 300
    server.route("GET", "/thing", json_reply({}, 429, {"x-probe-reset": str(reset)}))
    with pytest.raises(RateLimitError) as caught:
        probe(server).get()
    assert 295 <= caught.value.retry_after <= 301


def test_retry_after_default_when_platform_says_nothing(server):
    server.route("GET", "/thing", json_reply({}, 429))
    with pytest.raises(RateLimitError) as caught:
        probe(server).get()
    assert caught.value.retry_after == 60


def test_timeout_is_a_server_error(server):
    server.route("GET", "/thing", json_reply({}, delay=0.5))
    with pytest.raises(ServerError, match=r"did not answer within 0\.2"):
        probe(server, timeout=0.2).get()


def test_connection_refused_is_a_server_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    connector = ProbeConnector(base_url=f"http://127.0.0.1:{port}", timeout=0.5)
    with pytest.raises(ServerError, match="Could not reach Probe"):
        connector.get()


def test_truncated_json_is_a_payload_error(server):
    server.route("GET", "/thing", Reply(200, b'{"data": [{"id": "1"', {}))
    with pytest.raises(PayloadError, match="not valid JSON"):
        probe(server).get()


def test_wrong_shape_is_a_payload_error(server):
    server.route("GET", "/thing", json_reply([1, 2]))
    with pytest.raises(PayloadError, match="unexpected JSON shape"):
        probe(server).get()


def test_html_error_page_keeps_status_mapping(server):
    server.route("GET", "/thing", Reply(502, "<html>Bad gateway</html>"))
    with pytest.raises(ServerError, match="502"):
        probe(server).get()


def test_parse_reset_variants():
    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert parse_reset("1705420800", now) == datetime(2024, 1, 16, 16, tzinfo=UTC)
    assert parse_reset("554", now) == now + timedelta(seconds=554)
    assert parse_reset("2024-01-01T00:05:00.000Z", now) == now + timedelta(minutes=5)
    assert parse_reset("Mon, 01 Jan 2024 00:01:00 GMT", now) == now + timedelta(
        minutes=1
    )
    assert parse_reset("", now) is None


def test_newest_id_compares_as_numbers():
    assert newest_id("999", "1000", None) == "1000"
    assert newest_id(None, "") is None


def test_short_language():
    assert short_language("en-US") == "en"
    assert short_language("und") is None
    assert short_language(None) is None


def test_html_to_text_keeps_breaks_and_links():
    html = '<p>Hello &amp; <a href="https://e.x">welcome</a></p><p>line<br>two</p>'
    assert html_to_text(html) == "Hello & welcome\n\nline\ntwo"
    assert html_to_text("<script>alert(1)</script>ok") == "ok"


def _at(minute):
    return datetime(2024, 1, 1, 0, minute, tzinfo=UTC)


def test_watermark_full_pass_then_incremental():
    first = Watermark(None)
    assert first.admit(_at(5), "a") and first.admit(_at(4), "b")
    cursor, done = first.next_cursor("token-2")
    assert not done and cursor["page"] == "token-2"
    second = Watermark(cursor)
    assert second.admit(_at(3), "c")
    cursor, done = second.next_cursor(None)
    assert done
    assert cursor == {"since": _at(5).isoformat(), "seen_ids": ["a"]}
    third = Watermark(cursor)
    assert third.admit(_at(6), "d")
    assert third.admit(_at(5), "e")  # same instant, not seen yet
    assert not third.admit(_at(5), "a")
    cursor, done = third.next_cursor("more")
    assert done, "reaching already-seen posts ends the pass"
    assert cursor == {"since": _at(6).isoformat(), "seen_ids": ["d"]}


def test_watermark_does_not_touch_the_input_cursor():
    cursor = {"since": _at(1).isoformat(), "seen_ids": ["x"], "etag": "W/1"}
    snapshot = dict(cursor)
    mark = Watermark(cursor)
    mark.admit(_at(9), "y")
    new_cursor, _ = mark.next_cursor(None)
    assert cursor == snapshot
    assert new_cursor["etag"] == "W/1" and new_cursor["seen_ids"] == ["y"]
