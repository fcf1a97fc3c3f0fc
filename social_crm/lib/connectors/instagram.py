"""Instagram professional account: tagged media, @mentions, comments, replies."""

from ..errors import ConfigurationError, NotFoundError
from ..posts import make_author, make_post, parse_datetime
from .base import unknown_author
from .graph import GraphConnector

MEDIA_FIELDS = (
    "id,caption,media_type,permalink,timestamp,username,like_count,comments_count"
)
COMMENT_FIELDS = (
    "id,text,timestamp,username,like_count,"
    "replies{id,text,timestamp,username,like_count}"
)


def _author(username):
    if not username:
        return unknown_author()
    return make_author(
        username,
        username,
        username,
        profile_url=f"https://www.instagram.com/{username}/",
    )


class InstagramConnector(GraphConnector):
    """Instagram Graph API for a professional account.

    ``account_ref`` is the Instagram user id; the credential is an
    ``access_token`` with ``instagram_basic`` and ``instagram_manage_comments``.
    Sources: ``mentions`` (``/{ig-user-id}/tags``, media the account is tagged
    in) and ``comments`` (value: a media id). Caption and comment @mentions
    arrive by webhook: read them with ``fetch_mentioned_media`` and
    ``fetch_mentioned_comment``.

    Cursor: as Facebook, ``{"since": iso, "seen_ids": [...]}`` plus ``page``
    while paging.
    """

    platform = "instagram"
    label = "Instagram"
    credential_fields = ("access_token",)
    source_kinds = ("mentions", "comments")
    auth_hint = "reconnect the Instagram account to get a new access token"
    not_found_hint = "check the Instagram user or media id"
    page_size = 50

    def test_connection(self):
        user_id = self._require_account_ref("Instagram user id")
        payload, _ = self._call("GET", f"/{user_id}", params={"fields": "id,username"})
        return f"Connected to Instagram as @{payload.get('username') or user_id}."

    def fetch_page(self, source, cursor):
        self._check_source(source)
        self.check_credentials()
        if source.kind == "comments":
            media_id = source.value.strip()
            if not media_id:
                raise ConfigurationError(
                    "Instagram: the comments source has no media id."
                )
            return self._fetch_edge(
                f"/{media_id}/comments",
                COMMENT_FIELDS,
                cursor,
                lambda item: self._parse_comment_tree(item, media_id),
            )
        user_id = self._require_account_ref("Instagram user id")
        return self._fetch_edge(
            f"/{user_id}/tags",
            MEDIA_FIELDS,
            cursor,
            lambda item: self._parse_media(item),
        )

    def fetch_mentioned_media(self, media_id):
        """The media whose caption @mentions the account (webhook ``mentions``)."""
        user_id = self._require_account_ref("Instagram user id")
        fields = f"mentioned_media.media_id({media_id}){{{MEDIA_FIELDS}}}"
        payload, _ = self._call("GET", f"/{user_id}", params={"fields": fields})
        media = payload.get("mentioned_media")
        found = self._parse_media(media) if isinstance(media, dict) else []
        if not found:
            raise NotFoundError(f"Instagram: no mentioned media {media_id}.")
        return found[0][1]

    def fetch_mentioned_comment(self, comment_id):
        """The comment that @mentions the account (webhook ``mentions``)."""
        user_id = self._require_account_ref("Instagram user id")
        fields = (
            f"mentioned_comment.comment_id({comment_id})"
            "{id,text,timestamp,like_count,username,media{id,permalink}}"
        )
        payload, _ = self._call("GET", f"/{user_id}", params={"fields": fields})
        comment = payload.get("mentioned_comment")
        if not isinstance(comment, dict) or not comment.get("id"):
            raise NotFoundError(f"Instagram: no mentioned comment {comment_id}.")
        media = comment.get("media") if isinstance(comment.get("media"), dict) else {}
        return self._parse_comment(comment, media.get("id"), media.get("permalink"))

    def _parse_media(self, item):
        if not item.get("id"):
            return []
        post = make_post(
            self.platform,
            item["id"],
            item.get("caption"),
            _author(item.get("username")),
            item.get("timestamp"),
            url=item.get("permalink"),
            likes=item.get("like_count"),
            replies=item.get("comments_count"),
        )
        return [(parse_datetime(item.get("timestamp")), post)]

    def _parse_comment_tree(self, item, media_id):
        if not item.get("id"):
            return []
        pairs = [
            (parse_datetime(item.get("timestamp")), self._parse_comment(item, media_id))
        ]
        for reply in (item.get("replies") or {}).get("data") or ():
            if isinstance(reply, dict) and reply.get("id"):
                post = self._parse_comment(reply, item["id"], kind="reply")
                pairs.append((parse_datetime(reply.get("timestamp")), post))
        return pairs

    def _parse_comment(self, item, parent_id, permalink=None, kind="comment"):
        return make_post(
            self.platform,
            item["id"],
            item.get("text"),
            _author(item.get("username")),
            item.get("timestamp"),
            url=permalink,
            kind=kind,
            parent_external_id=parent_id,
            likes=item.get("like_count"),
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
        """Reply under a comment (``POST /{ig-comment-id}/replies``) or privately."""
        self.check_credentials()
        if direct_message:
            user_id = self._require_account_ref("Instagram user id")
            return self._private_reply(user_id, parent_external_id, text)
        return self._post_id(f"/{parent_external_id}/replies", {"message": text})
