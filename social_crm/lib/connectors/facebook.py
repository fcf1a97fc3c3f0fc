"""Facebook Page: posts on the page, posts it is tagged in, comments, replies."""

from ..errors import ConfigurationError
from ..posts import make_author, make_post, parse_datetime
from .base import unknown_author
from .graph import GraphConnector

FEED_FIELDS = (
    "id,message,story,from,created_time,permalink_url,"
    "comments.summary(true).limit(0),reactions.summary(true).limit(0),shares"
)
COMMENT_FIELDS = (
    "id,message,from,created_time,permalink_url,parent{id},like_count,comment_count"
)


def _summary_count(item, edge):
    return ((item.get(edge) or {}).get("summary") or {}).get("total_count")


class FacebookConnector(GraphConnector):
    """A Facebook Page through the Graph API with a ``page_access_token``.

    ``account_ref`` is the page id. Sources: ``feed`` (the page feed, value:
    page id or empty for the account's page), ``mentions`` (posts the page is
    tagged in) and ``comments`` (value: a post id).

    Cursor: ``{"since": iso, "seen_ids": [...]}``; while paging also ``page``
    (``paging.cursors.after``) and ``pending_since``/``pending_ids``.
    """

    platform = "facebook"
    label = "Facebook"
    credential_fields = ("page_access_token",)
    token_field = "page_access_token"
    source_kinds = ("feed", "mentions", "comments")
    auth_hint = "reconnect the page to get a new page access token"
    not_found_hint = "check the page or post id"

    def test_connection(self):
        payload, _ = self._call("GET", "/me", params={"fields": "id,name"})
        name = payload.get("name") or payload.get("id")
        return f"Connected to Facebook as the page {name}."

    def fetch_page(self, source, cursor):
        self._check_source(source)
        self.check_credentials()
        target = source.value.strip()
        if source.kind == "comments":
            if not target:
                raise ConfigurationError(
                    "Facebook: the comments source has no post id."
                )
            return self._fetch_edge(
                f"/{target}/comments",
                COMMENT_FIELDS,
                cursor,
                lambda item: self._parse_comment(item, target),
                {"order": "reverse_chronological", "filter": "stream"},
            )
        page_id = target or self._require_account_ref("Facebook page id")
        edge = "feed" if source.kind == "feed" else "tagged"
        return self._fetch_edge(
            f"/{page_id}/{edge}",
            FEED_FIELDS,
            cursor,
            lambda item: self._parse_post(item, page_id),
            since=True,
        )

    def _author(self, sender):
        if not isinstance(sender, dict) or not sender.get("id"):
            return None
        return make_author(
            sender["id"],
            sender.get("name") or sender["id"],
            sender.get("name"),
            profile_url=f"https://www.facebook.com/{sender['id']}",
        )

    def _parse_post(self, item, page_id):
        if not item.get("id"):
            return []
        author = self._author(item.get("from")) or make_author(page_id, page_id, None)
        post = make_post(
            self.platform,
            item["id"],
            item.get("message") or item.get("story"),
            author,
            item.get("created_time"),
            url=item.get("permalink_url") or f"https://www.facebook.com/{item['id']}",
            likes=_summary_count(item, "reactions"),
            replies=_summary_count(item, "comments"),
            shares=(item.get("shares") or {}).get("count"),
        )
        return [(parse_datetime(item.get("created_time")), post)]

    def _parse_comment(self, item, post_id):
        if not item.get("id"):
            return []
        parent_id = (item.get("parent") or {}).get("id")
        post = make_post(
            self.platform,
            item["id"],
            item.get("message"),
            self._author(item.get("from")) or unknown_author(),
            item.get("created_time"),
            url=item.get("permalink_url") or f"https://www.facebook.com/{item['id']}",
            kind="reply" if parent_id else "comment",
            parent_external_id=parent_id or post_id,
            likes=item.get("like_count"),
            replies=item.get("comment_count"),
        )
        return [(parse_datetime(item.get("created_time")), post)]

    def send_reply(
        self,
        parent_external_id,
        text,
        *,
        parent_author_handle=None,
        direct_message=False,
        idempotency_key=None,
    ):
        """Comment on a post or comment; a private reply goes through Messenger."""
        self.check_credentials()
        if direct_message:
            page_id = self._require_account_ref("Facebook page id")
            return self._private_reply(page_id, parent_external_id, text)
        return self._post_id(f"/{parent_external_id}/comments", {"message": text})
