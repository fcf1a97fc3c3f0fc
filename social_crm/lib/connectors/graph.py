"""What the Facebook and Instagram connectors share: the Meta Graph API."""

import json

from ..errors import (
    AuthenticationError,
    ClientRequestError,
    NotFoundError,
    PayloadError,
    RateLimitError,
)
from .base import Connector
from .cursors import Watermark
from .http import status_text, truncate

THROTTLE_CODES = {4, 17, 32, 613}
# Business Use Case rate limits (Pages, Instagram...) use codes 80001-80014.
BUC_THROTTLE_CODES = set(range(80001, 80015))
PERMISSION_CODES = {10} | set(range(200, 300))
DEFAULT_THROTTLE_WAIT = 600
_NONEXISTENT_SUBCODE = 33


def regain_access_seconds(headers):
    """Longest ``estimated_time_to_regain_access`` (minutes) of the usage header."""
    raw = headers.get("X-Business-Use-Case-Usage")
    try:
        usage = json.loads(raw) if raw else {}
    except ValueError:
        return None
    minutes = [
        entry.get("estimated_time_to_regain_access") or 0
        for entries in (usage.values() if isinstance(usage, dict) else ())
        for entry in (entries if isinstance(entries, list) else ())
        if isinstance(entry, dict)
    ]
    return max(minutes) * 60 if minutes and max(minutes) else None


class GraphConnector(Connector):
    """Base of the Graph API connectors: token, error codes, cursor paging."""

    default_base_url = "https://graph.facebook.com/v21.0"
    token_field = "access_token"
    page_size = 100

    def _auth_headers(self):
        self.check_credentials()
        return {"Authorization": f"Bearer {self.credentials[self.token_field]}"}

    def _platform_error(self, response, payload):
        error = payload.get("error") if isinstance(payload, dict) else None
        if not isinstance(error, dict):
            return None
        code, subcode = error.get("code"), error.get("error_subcode")
        message = error.get("error_user_msg") or error.get("message") or ""
        said = f"{status_text(response)}, code {code}: {truncate(message)}"
        status = response.status_code
        if code == 190:
            return AuthenticationError(
                f"{self.label} refused the access token ({said}): it expired or was "
                f"revoked; {self.auth_hint}.",
                status=status,
            )
        if code in THROTTLE_CODES or code in BUC_THROTTLE_CODES:
            wait = regain_access_seconds(response.headers) or DEFAULT_THROTTLE_WAIT
            return RateLimitError(
                f"{self.label} rate limit reached ({said}): waiting {wait} seconds.",
                status=status,
                retry_after=wait,
            )
        if code in PERMISSION_CODES:
            return AuthenticationError(
                f"{self.label} denied a permission ({said}): grant the missing "
                "permission to the app and reconnect the account.",
                status=status,
            )
        if code == 100 and subcode == _NONEXISTENT_SUBCODE:
            return NotFoundError(
                f"{self.label} found no such object ({said}): {self.not_found_hint}.",
                status=status,
            )
        if code == 100:
            return ClientRequestError(
                f"{self.label} refused a parameter ({said}): check the source.",
                status=status,
            )
        return None

    def _fetch_edge(self, path, fields, cursor, parse, extra_params=None, since=False):
        """Page through a Graph edge newest first.

        ``parse`` turns an item into ``(date or None, post)`` pairs: the date as
        the platform gave it, since ``make_post`` fills a missing one with now.

        ``since``: the edge accepts Graph's time filter, so the stored mark is
        sent to the server too (the watermark still drops the boundary post).
        """
        watermark = Watermark(cursor)
        params = {"fields": fields, "limit": self.page_size, **(extra_params or {})}
        if since and watermark.since:
            params["since"] = int(watermark.since.timestamp())
        if watermark.page:
            params["after"] = watermark.page
        payload, response = self._call("GET", path, params=params)
        items = self._list(payload, "data")
        posts = []
        for item in items:
            for when, post in parse(item):
                if watermark.admit(when, post["external_id"]):
                    posts.append(post)
        new_cursor, done = watermark.next_cursor(self._next_page(payload, items))
        return self._page(posts, new_cursor, done, response)

    def _next_page(self, payload, items):
        paging = payload.get("paging")
        if not items or not isinstance(paging, dict) or not paging.get("next"):
            return None
        after = (paging.get("cursors") or {}).get("after")
        if not after:
            raise PayloadError(
                f"{self.label} announced a next page without an 'after' cursor."
            )
        return after

    def _post_id(self, path, form):
        payload, _ = self._call("POST", path, form=form)
        if not payload.get("id") and not payload.get("message_id"):
            raise PayloadError(f"{self.label} accepted the reply but returned no id.")
        return str(payload.get("id") or payload["message_id"])

    def _private_reply(self, sender_id, comment_id, text):
        """Private reply to a comment through the Messenger/Instagram send API."""
        body = {"recipient": {"comment_id": comment_id}, "message": {"text": text}}
        payload, _ = self._call("POST", f"/{sender_id}/messages", json_body=body)
        if not payload.get("message_id"):
            raise PayloadError(f"{self.label} accepted the message but returned no id.")
        return str(payload["message_id"])
