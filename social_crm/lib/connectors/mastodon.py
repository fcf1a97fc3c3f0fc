"""Mastodon (any instance): hashtag timelines, status search, mentions, replies."""

import re
from urllib.parse import parse_qs, quote, urlsplit

from ..errors import ConfigurationError, PayloadError
from ..posts import make_author, make_post
from .base import Connector, id_sort_key, newest_id, short_language, unknown_author
from .http import host_of
from .text import html_to_text

_LINK_PART = re.compile(r"<([^>]*)>([^<]*)")
_REL = re.compile(r'rel\s*=\s*"?([^";,]+)"?', re.IGNORECASE)


def parse_link_header(value):
    """``{rel: url}`` from a Link header; tolerant of a missing or empty ``rel``."""
    links = {}
    for url, params in _LINK_PART.findall(value or ""):
        match = _REL.search(params)
        if match:
            for rel in match.group(1).split():
                links.setdefault(rel.lower(), url.strip())
    return links


def query_value(url, name):
    values = parse_qs(urlsplit(url).query).get(name)
    return values[0] if values else None


class MastodonConnector(Connector):
    """Mastodon REST API on the account's own instance (``base_url``).

    Public hashtag timelines work without a token; search and mentions need an
    ``access_token`` (scope ``read``; ``write:statuses`` to reply).

    Cursor: ``{"since_id": "<newest id of the last complete pass>"}``; while
    paging down a pass also ``max_id`` (from the Link header) and
    ``pending_since_id``. Mentions use notification ids.
    """

    platform = "mastodon"
    label = "Mastodon"
    default_base_url = "https://mastodon.social"
    credential_fields = ("access_token",)
    source_kinds = ("hashtag", "search", "mentions")
    auth_hint = "check the access token on the account (it may have been revoked)"
    not_found_hint = "the hashtag and the instance address"
    rate_limit_remaining_header = "X-RateLimit-Remaining"
    rate_limit_reset_header = "X-RateLimit-Reset"
    page_size = 40

    def check_credentials(self):
        """The token is optional: public hashtag timelines are readable without."""

    def _auth_headers(self):
        token = self.credentials.get("access_token")
        return {"Authorization": f"Bearer {token}"} if token else {}

    @property
    def instance_host(self):
        return host_of(self.base_url)

    def test_connection(self):
        if self.credentials.get("access_token"):
            account, _ = self._call("GET", "/api/v1/accounts/verify_credentials")
            handle = self._full_acct(account.get("acct") or account.get("username"))
            return f"Connected to Mastodon as @{handle}."
        instance, _ = self._call("GET", "/api/v2/instance")
        title = instance.get("title") or self.instance_host
        return (
            f"Reached the Mastodon instance {title}: public hashtags can be read; "
            "add an access token to search and read mentions."
        )

    def fetch_page(self, source, cursor):
        self._check_source(source)
        cursor = cursor or {}
        since_id = cursor.get("since_id")
        max_id = cursor.get("max_id")
        params = {"limit": self.page_size}
        if since_id and source.kind != "search":
            params["since_id"] = since_id
        if max_id:
            params["max_id"] = max_id
        expect = list
        if source.kind == "hashtag":
            tag = source.value.strip().lstrip("#")
            if not tag:
                raise ConfigurationError("Mastodon: the hashtag source has no hashtag.")
            path = f"/api/v1/timelines/tag/{quote(tag, safe='')}"
        elif source.kind == "search":
            self._require_credentials(
                ("access_token",), "(instances require it to search)"
            )
            if not source.value.strip():
                raise ConfigurationError("Mastodon: the search source has no query.")
            path = "/api/v2/search"
            params.update(q=source.value.strip(), type="statuses", resolve="false")
            expect = dict
        else:
            self._require_credentials(("access_token",), "(needed to read mentions)")
            path = "/api/v1/notifications"
            params["types[]"] = "mention"

        payload, response = self._call("GET", path, params=params, expect=expect)
        if expect is list:
            items = self._list({"items": payload}, "items")
        else:
            items = self._list(payload, "statuses")
        # v2 search has no since_id: drop what the last pass already saw
        reached_old = any(
            since_id
            and item.get("id")
            and id_sort_key(item["id"]) <= id_sort_key(since_id)
            for item in items
        )
        if reached_old:
            items = [
                item
                for item in items
                if id_sort_key(item.get("id")) > id_sort_key(since_id)
            ]
        posts, seen = [], set()
        for item in items:
            status = item
            if source.kind == "mentions":
                # some servers ignore types[]: keep mentions only
                status = item.get("status") if item.get("type") == "mention" else None
            post = self._parse_status(status) if isinstance(status, dict) else None
            if post and post["external_id"] not in seen:
                seen.add(post["external_id"])
                posts.append(post)

        item_ids = [str(item["id"]) for item in items if item.get("id")]
        pending = newest_id(
            cursor.get("pending_since_id") if max_id else None, *item_ids
        )
        next_max_id = None if reached_old else self._next_max_id(response, item_ids)
        if next_max_id:
            new_cursor = {"max_id": next_max_id, "pending_since_id": pending}
            if since_id:
                new_cursor["since_id"] = since_id
            return self._page(posts, new_cursor, False, response)
        high_water = newest_id(since_id, pending)
        return self._page(
            posts, {"since_id": high_water} if high_water else {}, True, response
        )

    def _next_max_id(self, response, item_ids):
        if not item_ids:
            return None
        next_url = parse_link_header(response.headers.get("Link")).get("next")
        if next_url:
            return query_value(next_url, "max_id")
        # v2 search sends no Link header: a full page means there may be more
        if "Link" not in response.headers and len(item_ids) >= self.page_size:
            return min(item_ids, key=id_sort_key)
        return None

    def _full_acct(self, acct):
        acct = (acct or "").lstrip("@")
        if acct and "@" not in acct:
            return f"{acct}@{self.instance_host}"
        return acct

    def _parse_status(self, status):
        original = status.get("reblog")
        if isinstance(original, dict):
            status = original
        if not status.get("id"):
            return None
        text = html_to_text(status.get("content"))
        spoiler = (status.get("spoiler_text") or "").strip()
        if spoiler:
            text = f"CW: {spoiler}\n\n{text}"
        parent_id = status.get("in_reply_to_id")
        account = status.get("account")
        return make_post(
            self.platform,
            status["id"],
            text,
            self._parse_account(account)
            if isinstance(account, dict)
            else unknown_author(),
            status.get("created_at"),
            url=status.get("url") or status.get("uri"),
            kind="reply" if parent_id else "post",
            parent_external_id=parent_id,
            language=short_language(status.get("language")),
            likes=status.get("favourites_count"),
            shares=status.get("reblogs_count"),
            replies=status.get("replies_count"),
        )

    def _parse_account(self, account):
        handle = self._full_acct(account.get("acct") or account.get("username"))
        return make_author(
            account.get("id") or "",
            handle,
            account.get("display_name") or account.get("username"),
            profile_url=account.get("url"),
            avatar_url=account.get("avatar"),
            bio=html_to_text(account.get("note")) or None,
            followers=account.get("followers_count"),
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
        """Reply with ``POST /api/v1/statuses``; ``direct`` visibility for a DM.

        The author's handle is prepended when missing, as Mastodon only
        notifies (and, for a DM, only delivers to) mentioned accounts.
        """
        self._require_credentials(("access_token",), "(needed to post replies)")
        handle = (parent_author_handle or "").lstrip("@")
        if handle and f"@{handle}".lower() not in text.lower():
            text = f"@{handle} {text}"
        body = {"status": text, "in_reply_to_id": str(parent_external_id)}
        if direct_message:
            body["visibility"] = "direct"
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        payload, _ = self._call(
            "POST", "/api/v1/statuses", json_body=body, headers=headers
        )
        if not payload.get("id"):
            raise PayloadError("Mastodon accepted the reply but returned no id.")
        return str(payload["id"])
