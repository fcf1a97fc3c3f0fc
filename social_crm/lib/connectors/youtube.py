"""YouTube Data API v3: comment threads of a video or channel, replies."""

from datetime import UTC, datetime, timedelta, timezone

from ..errors import (
    AuthenticationError,
    ClientRequestError,
    ConfigurationError,
    NotFoundError,
    PayloadError,
    RateLimitError,
)
from ..posts import make_author, make_post, parse_datetime
from .base import Connector
from .cursors import Watermark
from .http import seconds_until, status_text
from .text import html_to_text

_QUOTA = {"quotaExceeded", "dailyLimitExceeded"}
_THROTTLED = {"rateLimitExceeded", "userRateLimitExceeded"}
_BAD_KEY = {"keyInvalid", "keyExpired", "API_KEY_INVALID", "ipRefererBlocked"}
_NOT_FOUND = {"videoNotFound", "channelNotFound", "commentNotFound"}


def next_pacific_midnight(now=None):
    """YouTube quotas reset at midnight Pacific time."""
    now = now or datetime.now(UTC)
    try:
        from zoneinfo import ZoneInfo

        pacific = ZoneInfo("America/Los_Angeles")
    except (ImportError, KeyError, ValueError):  # no tz database: assume PST
        pacific = timezone(timedelta(hours=-8))
    local = now.astimezone(pacific)
    midnight = (local + timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return midnight.astimezone(UTC)


def _reasons(payload):
    error = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(error, dict):
        return set(), ""
    reasons = {
        item.get("reason")
        for key in ("errors", "details")
        for item in error.get(key) or ()
        if isinstance(item, dict)
    }
    return reasons, html_to_text(error.get("message") or "")


class YouTubeConnector(Connector):
    """YouTube comments, read with an ``api_key``.

    Sources: ``comments`` (value: a video id, or a channel id ``UC...``; empty
    means the account's channel ``account_ref``) and ``search`` (value: words
    searched in the comments of the account's channel). Replying needs an
    OAuth ``access_token`` with the ``youtube.force-ssl`` scope: an API key
    cannot write.

    Cursor: ``{"since": iso, "seen_ids": [...]}``; while paging also ``page``
    (``pageToken``) and ``pending_since``/``pending_ids``.
    """

    platform = "youtube"
    label = "YouTube"
    default_base_url = "https://www.googleapis.com/youtube/v3"
    credential_fields = ("api_key",)
    source_kinds = ("comments", "search")
    auth_hint = "check the API key on the account and that the YouTube Data API is on"
    not_found_hint = "the video or channel id"
    page_size = 100

    def _platform_error(self, response, payload):
        reasons, message = _reasons(payload)
        said = f"{status_text(response)}: {message}"
        status = response.status_code
        if reasons & _QUOTA:
            wait = seconds_until(next_pacific_midnight())
            return RateLimitError(
                f"YouTube daily quota exhausted ({said}): it resets at midnight "
                f"Pacific time, in {wait} seconds.",
                status=status,
                retry_after=wait,
            )
        if reasons & _THROTTLED:
            return RateLimitError(
                f"YouTube is throttling requests ({said}).",
                status=status,
                retry_after=60,
            )
        if reasons & _BAD_KEY:
            return AuthenticationError(
                f"YouTube refused the API key ({said}): {self.auth_hint}.",
                status=status,
            )
        if "commentsDisabled" in reasons:
            return ClientRequestError(
                f"YouTube: comments are disabled on this video ({said}): remove "
                "the source or choose another video.",
                status=status,
            )
        if reasons & _NOT_FOUND:
            return NotFoundError(
                f"YouTube found no such video, channel or comment ({said}): "
                f"check {self.not_found_hint}.",
                status=status,
            )
        return None

    def test_connection(self):
        self.check_credentials()
        params = {"key": self.credentials["api_key"], "part": "snippet"}
        if self.account_ref:
            payload, _ = self._call(
                "GET", "/channels", params={**params, "id": self.account_ref}
            )
            items = self._list(payload, "items")
            if not items:
                raise NotFoundError(f"YouTube has no channel {self.account_ref}.")
            title = (items[0].get("snippet") or {}).get("title")
            return f"Connected to YouTube: channel {title}."
        self._call("GET", "/i18nLanguages", params=params)
        return "Connected to YouTube: the API key works."

    def fetch_page(self, source, cursor):
        self._check_source(source)
        self.check_credentials()
        watermark = Watermark(cursor)
        params = {
            "part": "snippet,replies",
            "maxResults": self.page_size,
            "order": "time",
            "textFormat": "html",
            "key": self.credentials["api_key"],
        }
        target = source.value.strip() if source.kind == "comments" else ""
        if target and not target.startswith("UC"):
            params["videoId"] = target
        else:
            params["allThreadsRelatedToChannelId"] = (
                target or self._require_account_ref("YouTube channel id")
            )
        if source.kind == "search":
            if not source.value.strip():
                raise ConfigurationError("YouTube: the search source has no words.")
            params["searchTerms"] = source.value.strip()
        if watermark.page:
            params["pageToken"] = watermark.page
        payload, response = self._call("GET", "/commentThreads", params=params)
        threads = self._list(payload, "items")
        posts = []
        for thread in threads:
            for when, post in self._parse_thread(thread):
                if watermark.admit(when, post["external_id"]):
                    posts.append(post)
        next_page = payload.get("nextPageToken") if threads else None
        new_cursor, done = watermark.next_cursor(next_page)
        return self._page(posts, new_cursor, done, response)

    def _parse_thread(self, thread):
        snippet = (
            thread.get("snippet") if isinstance(thread.get("snippet"), dict) else {}
        )
        top = snippet.get("topLevelComment")
        comments = []
        if isinstance(top, dict) and top.get("id"):
            comments.append((top, snippet.get("totalReplyCount")))
        for reply in (thread.get("replies") or {}).get("comments") or ():
            if isinstance(reply, dict) and reply.get("id"):
                comments.append((reply, 0))
        return [
            (
                parse_datetime((comment.get("snippet") or {}).get("publishedAt")),
                self._parse_comment(comment, replies),
            )
            for comment, replies in comments
        ]

    def _parse_comment(self, comment, replies=0):
        snippet = comment.get("snippet") or {}
        parent_id = snippet.get("parentId")
        text = snippet.get("textOriginal") or html_to_text(snippet.get("textDisplay"))
        video_id = snippet.get("videoId")
        channel_id = (snippet.get("authorChannelId") or {}).get("value") or ""
        name = snippet.get("authorDisplayName") or ""
        return make_post(
            self.platform,
            comment["id"],
            text,
            make_author(
                channel_id,
                name,
                name.lstrip("@"),
                profile_url=snippet.get("authorChannelUrl"),
                avatar_url=snippet.get("authorProfileImageUrl"),
            ),
            snippet.get("publishedAt"),
            url=(
                f"https://www.youtube.com/watch?v={video_id}&lc={comment['id']}"
                if video_id
                else None
            ),
            kind="reply" if parent_id else "comment",
            parent_external_id=parent_id or video_id,
            likes=snippet.get("likeCount"),
            replies=replies,
        )

    def send_reply(
        self,
        parent_external_id,
        text,
        *,
        parent_author_handle=None,
        direct_message=False,
        idempotency_key=None,
    ):
        """Answer a comment thread with ``POST /comments?part=snippet``."""
        if direct_message:
            raise ConfigurationError("YouTube has no direct messages: reply publicly.")
        if not self.credentials.get("access_token"):
            raise ConfigurationError(
                "YouTube replies need an OAuth access token (access_token) of the "
                "channel: an API key can only read."
            )
        # replies hang under the thread's top-level comment, never under a reply
        thread_id = str(parent_external_id).split(".")[0]
        body = {"snippet": {"parentId": thread_id, "textOriginal": text}}
        payload, _ = self._call(
            "POST",
            "/comments",
            params={"part": "snippet"},
            json_body=body,
            headers={"Authorization": f"Bearer {self.credentials['access_token']}"},
            auth=False,
        )
        if not payload.get("id"):
            raise PayloadError("YouTube accepted the reply but returned no id.")
        return payload["id"]
