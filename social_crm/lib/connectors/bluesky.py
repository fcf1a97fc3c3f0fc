"""Bluesky (AT Protocol): post search and replies with an app password session."""

from datetime import UTC, datetime

from ..errors import (
    AuthenticationError,
    ClientRequestError,
    ConfigurationError,
    NotFoundError,
    PayloadError,
)
from ..posts import make_author, make_post, parse_datetime
from .base import Connector, short_language, unknown_author
from .cursors import Watermark
from .http import status_text

MAX_POST_LENGTH = 300
_EXPIRED = {"ExpiredToken"}
_BAD_TOKEN = {"InvalidToken", "AuthenticationRequired", "AuthMissing"}


class _ExpiredSession(AuthenticationError):
    """The access JWT expired: refresh the session and try again once."""


def split_at_uri(uri):
    """'at://did/app.bsky.feed.post/rkey' -> (did, collection, rkey)."""
    parts = str(uri or "").removeprefix("at://").split("/")
    return [*parts, "", "", ""][:3]


def _zulu(moment):
    return (
        moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


class BlueskyConnector(Connector):
    """Bluesky through the account's PDS (``https://bsky.social`` by default).

    Credentials: ``identifier`` (handle or DID) and an ``app_password``. The
    session JWTs are cached on the connector and refreshed on ``ExpiredToken``.
    Post ids are AT URIs, authors are DIDs.

    Cursor: ``{"since": iso, "seen_ids": [...]}`` (newest post time of the last
    complete pass); while paging also ``page`` (the search cursor) and
    ``pending_since``/``pending_ids``.
    """

    platform = "bluesky"
    label = "Bluesky"
    default_base_url = "https://bsky.social"
    credential_fields = ("identifier", "app_password")
    source_kinds = ("search", "hashtag")
    auth_hint = "check the handle and the app password on the account"
    not_found_hint = "the server address of the account"
    rate_limit_remaining_header = "RateLimit-Remaining"
    rate_limit_reset_header = "RateLimit-Reset"
    page_size = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.access_jwt = self.refresh_jwt = self.did = self.handle = None

    # -- session ----------------------------------------------------------------

    def _auth_headers(self):
        if not self.access_jwt:
            self._create_session()
        return {"Authorization": f"Bearer {self.access_jwt}"}

    def _create_session(self):
        self.check_credentials()
        body = {
            "identifier": self.credentials["identifier"],
            "password": self.credentials["app_password"],
        }
        payload, _ = self._call(
            "POST", "/xrpc/com.atproto.server.createSession", json_body=body, auth=False
        )
        self._store_session(payload)

    def _refresh_session(self):
        try:
            payload, _ = self._call(
                "POST",
                "/xrpc/com.atproto.server.refreshSession",
                headers={"Authorization": f"Bearer {self.refresh_jwt}"},
                auth=False,
            )
        except AuthenticationError:
            self._create_session()
            return
        self._store_session(payload)

    def _store_session(self, payload):
        if not payload.get("accessJwt"):
            raise PayloadError("Bluesky opened a session but sent no access token.")
        self.access_jwt = payload["accessJwt"]
        self.refresh_jwt = payload.get("refreshJwt")
        self.did = payload.get("did")
        self.handle = payload.get("handle")

    def _xrpc(self, method, nsid, **kwargs):
        try:
            return self._call(method, f"/xrpc/{nsid}", **kwargs)
        except _ExpiredSession:
            if self.refresh_jwt:
                self._refresh_session()
            else:
                self._create_session()
            return self._call(method, f"/xrpc/{nsid}", **kwargs)

    def _platform_error(self, response, payload):
        error = payload.get("error") if isinstance(payload, dict) else None
        message = payload.get("message") if isinstance(payload, dict) else None
        said = f"{status_text(response)}: {message or error}"
        if error in _EXPIRED:
            return _ExpiredSession(
                f"Bluesky session expired ({said}).", status=response.status_code
            )
        if error in _BAD_TOKEN or response.status_code == 401:
            return AuthenticationError(
                f"Bluesky refused the credentials ({said}): {self.auth_hint}.",
                status=response.status_code,
            )
        return None

    # -- reading -----------------------------------------------------------------

    def test_connection(self):
        self._create_session()
        return f"Signed in to Bluesky as @{self.handle or self.did}."

    def fetch_page(self, source, cursor):
        self._check_source(source)
        self.check_credentials()
        query = source.value.strip()
        if source.kind == "hashtag":
            query = f"#{query.lstrip('#')}" if query.lstrip("#") else ""
        if not query:
            raise ConfigurationError(f"Bluesky: the {source.kind} source is empty.")
        watermark = Watermark(cursor)
        params = {"q": query, "sort": "latest", "limit": self.page_size}
        if watermark.since:
            params["since"] = _zulu(watermark.since)
        if watermark.page:
            params["cursor"] = watermark.page
        if source.language:
            params["lang"] = source.language
        payload, response = self._xrpc(
            "GET", "app.bsky.feed.searchPosts", params=params
        )
        views = self._list(payload, "posts")
        posts = []
        for view in views:
            if not view.get("uri"):
                continue
            post = self._parse_post(view)
            if watermark.admit(self._sort_at(view), post["external_id"]):
                posts.append(post)
        next_page = payload.get("cursor") if views else None
        new_cursor, done = watermark.next_cursor(next_page)
        return self._page(posts, new_cursor, done, response)

    @staticmethod
    def _sort_at(view):
        # searchPosts filters on "sortAt", the earlier of createdAt and indexedAt
        record = view.get("record") if isinstance(view.get("record"), dict) else {}
        dates = [
            parse_datetime(record.get("createdAt")),
            parse_datetime(view.get("indexedAt")),
        ]
        return min((date for date in dates if date), default=None)

    def _parse_post(self, view):
        record = view.get("record") if isinstance(view.get("record"), dict) else {}
        author = view.get("author") if isinstance(view.get("author"), dict) else None
        did, _, rkey = split_at_uri(view["uri"])
        handle = (author or {}).get("handle") or did
        reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
        parent_uri = (reply.get("parent") or {}).get("uri")
        langs = record.get("langs") or [None]
        return make_post(
            self.platform,
            view["uri"],
            record.get("text"),
            self._parse_author(author) if author else unknown_author(),
            record.get("createdAt") or view.get("indexedAt"),
            url=f"https://bsky.app/profile/{handle}/post/{rkey}" if rkey else None,
            kind="reply" if parent_uri else "post",
            parent_external_id=parent_uri,
            language=short_language(langs[0]),
            likes=view.get("likeCount"),
            shares=(view.get("repostCount") or 0) + (view.get("quoteCount") or 0),
            replies=view.get("replyCount"),
        )

    def _parse_author(self, author):
        handle = author.get("handle") or ""
        return make_author(
            author.get("did") or "",
            handle,
            author.get("displayName") or handle,
            profile_url=f"https://bsky.app/profile/{handle}" if handle else None,
            avatar_url=author.get("avatar"),
            bio=author.get("description"),
            followers=author.get("followersCount"),
        )

    # -- writing -----------------------------------------------------------------

    def send_reply(
        self,
        parent_external_id,
        text,
        *,
        parent_author_handle=None,
        direct_message=False,
        idempotency_key=None,
    ):
        """Reply to the post whose AT URI is ``parent_external_id``."""
        if direct_message:
            raise ConfigurationError(
                "Bluesky direct messages go through the separate chat service, "
                "which Social CRM does not use: reply publicly instead."
            )
        if len(text) > MAX_POST_LENGTH:
            raise ClientRequestError(
                f"Bluesky posts are limited to {MAX_POST_LENGTH} characters; this "
                f"reply has {len(text)}: shorten it."
            )
        self.check_credentials()
        payload, _ = self._xrpc(
            "GET", "app.bsky.feed.getPosts", params={"uris": parent_external_id}
        )
        found = self._list(payload, "posts")
        if not found or not found[0].get("cid"):
            raise NotFoundError(
                f"Bluesky: the post {parent_external_id} no longer exists: "
                "it cannot be answered."
            )
        parent = {"uri": found[0]["uri"], "cid": found[0]["cid"]}
        parent_record = found[0].get("record") or {}
        root = (parent_record.get("reply") or {}).get("root") or parent
        record = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": _zulu(datetime.now(UTC)),
            "reply": {"root": root, "parent": parent},
        }
        body = {"repo": self.did, "collection": "app.bsky.feed.post", "record": record}
        created, _ = self._xrpc("POST", "com.atproto.repo.createRecord", json_body=body)
        if not created.get("uri"):
            raise PayloadError("Bluesky accepted the reply but returned no URI.")
        return created["uri"]
