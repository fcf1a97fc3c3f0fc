"""Reddit: search with application-only OAuth, comments with a user token."""

import base64
import time

from ..errors import (
    AuthenticationError,
    ClientRequestError,
    ConfigurationError,
    PayloadError,
    RateLimitError,
)
from ..posts import make_author, make_post, parse_datetime
from .base import Connector
from .cursors import Watermark
from .http import USER_AGENT
from .text import html_to_text

DEFAULT_AUTH_URL = "https://www.reddit.com/api/v1/access_token"
_TOKEN_MARGIN = 60  # renew a token this many seconds before it expires


class RedditConnector(Connector):
    """Reddit API on ``oauth.reddit.com``.

    Reading uses the application-only flow (``client_id``, ``client_secret``).
    Replying needs a user login: a ``refresh_token`` obtained with the
    authorization-code flow (scopes ``read submit``). ``auth_url`` points at
    the token endpoint (configurable for tests). Post ids are fullnames
    (``t3_...`` posts, ``t1_...`` comments), matching Reddit's ``parent_id``.

    Cursor: ``{"since": iso, "seen_ids": [...]}`` (creation time of the newest
    item of the last complete pass); while paging also ``page`` (``after``)
    and ``pending_since``/``pending_ids``.
    """

    platform = "reddit"
    label = "Reddit"
    default_base_url = "https://oauth.reddit.com"
    credential_fields = ("client_id", "client_secret")
    source_kinds = ("search",)
    auth_hint = "check the client id and secret of the Reddit app on the account"
    rate_limit_remaining_header = "X-Ratelimit-Remaining"
    rate_limit_reset_header = "X-Ratelimit-Reset"
    page_size = 100

    def __init__(self, *args, auth_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.auth_url = auth_url or DEFAULT_AUTH_URL
        self._tokens = {}  # grant -> (token, expires at)

    @property
    def user_agent(self):
        # Reddit throttles generic agents: it asks for platform:app-id:version.
        return (
            f"odoo:{self.credentials.get('client_id', 'social-crm')}:18.0 {USER_AGENT}"
        )

    def _token(self, grant):
        token, expires_at = self._tokens.get(grant, (None, 0))
        if token and time.monotonic() < expires_at:
            return token
        self.check_credentials()
        pair = f"{self.credentials['client_id']}:{self.credentials['client_secret']}"
        form = {"grant_type": grant}
        if grant == "refresh_token":
            form["refresh_token"] = self.credentials["refresh_token"]
        payload, _ = self._call(
            "POST",
            "",
            url=self.auth_url,
            form=form,
            auth=False,
            headers={
                "Authorization": f"Basic {base64.b64encode(pair.encode()).decode()}",
                "User-Agent": self.user_agent,
            },
        )
        if not payload.get("access_token"):
            raise AuthenticationError(
                f"Reddit refused the app credentials ({payload.get('error')}): "
                f"{self.auth_hint}."
            )
        lifetime = float(payload.get("expires_in") or 3600)
        expires_at = time.monotonic() + max(lifetime - _TOKEN_MARGIN, 0)
        self._tokens[grant] = (payload["access_token"], expires_at)
        return payload["access_token"]

    def _auth_headers(self):
        return {
            "Authorization": f"Bearer {self._token('client_credentials')}",
            "User-Agent": self.user_agent,
        }

    def test_connection(self):
        self._token("client_credentials")
        return "Connected to Reddit: the app credentials work."

    def fetch_page(self, source, cursor):
        self._check_source(source)
        self.check_credentials()
        query = source.value.strip()
        if not query:
            raise ConfigurationError("Reddit: the search source has no query.")
        watermark = Watermark(cursor)
        params = {
            "q": query,
            "sort": "new",
            "limit": self.page_size,
            "type": "link",
            "raw_json": 1,
        }
        if watermark.page:
            params["after"] = watermark.page
        payload, response = self._call("GET", "/search", params=params)
        listing = payload.get("data")
        if payload.get("kind") != "Listing" or not isinstance(listing, dict):
            raise PayloadError("Reddit answered with something else than a Listing.")
        posts = []
        for child in self._list(listing, "children"):
            post = self.parse_thing(child)
            when = parse_datetime((child.get("data") or {}).get("created_utc"))
            if post and watermark.admit(when, post["external_id"]):
                posts.append(post)
        next_page = listing.get("after") if listing.get("children") else None
        new_cursor, done = watermark.next_cursor(next_page)
        return self._page(posts, new_cursor, done, response)

    def parse_thing(self, child):
        """A Listing child (``t3`` link or ``t1`` comment) -> post, else None."""
        data = child.get("data") if isinstance(child.get("data"), dict) else {}
        name = data.get("name") or (
            f"{child.get('kind')}_{data['id']}" if data.get("id") else None
        )
        if child.get("kind") not in ("t1", "t3") or not name:
            return None
        if child["kind"] == "t3":
            body = data.get("selftext") or ""
            text = "\n\n".join(part for part in (data.get("title"), body) if part)
            extra = {"kind": "post", "replies": data.get("num_comments")}
        else:
            text = data.get("body") or html_to_text(data.get("body_html"))
            extra = {"kind": "comment", "parent_external_id": data.get("parent_id")}
        permalink = data.get("permalink")
        author = data.get("author") or ""
        return make_post(
            self.platform,
            name,
            text,
            make_author(
                data.get("author_fullname") or author,
                author,
                author,
                profile_url=f"https://www.reddit.com/user/{author}" if author else None,
            ),
            data.get("created_utc"),
            url=f"https://www.reddit.com{permalink}" if permalink else data.get("url"),
            likes=data.get("score"),
            **extra,
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
        """Comment under a post or comment fullname with ``POST /api/comment``."""
        if direct_message:
            raise ConfigurationError(
                "Reddit private messages are not supported: reply publicly instead."
            )
        if not self.credentials.get("refresh_token"):
            raise ConfigurationError(
                "Reddit replies need a user login: the app credentials can only "
                "read. Connect a Reddit user (refresh_token) on the account."
            )
        headers = {
            "Authorization": f"Bearer {self._token('refresh_token')}",
            "User-Agent": self.user_agent,
        }
        form = {"thing_id": parent_external_id, "text": text, "api_type": "json"}
        payload, _ = self._call(
            "POST", "/api/comment", form=form, headers=headers, auth=False
        )
        result = payload.get("json") if isinstance(payload.get("json"), dict) else {}
        errors = result.get("errors") or []
        if errors:
            code, message = [*errors[0], "", ""][:2]
            error_class = RateLimitError if code == "RATELIMIT" else ClientRequestError
            raise error_class(
                f"Reddit refused the reply ({code}: {message}).",
                retry_after=600 if code == "RATELIMIT" else None,
            )
        things = ((result.get("data") or {}).get("things")) or []
        name = things and (things[0].get("data") or {}).get("name")
        if not name:
            raise PayloadError("Reddit accepted the reply but returned no id.")
        return name
