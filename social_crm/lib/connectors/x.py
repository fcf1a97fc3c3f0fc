"""X (Twitter) API v2: recent search and mentions, replies and direct messages."""

from ..errors import ClientRequestError, ConfigurationError, NotFoundError, PayloadError
from ..posts import make_author, make_post
from .base import Connector, newest_id, short_language

TWEET_FIELDS = (
    "created_at,public_metrics,lang,conversation_id,in_reply_to_user_id,"
    "referenced_tweets,author_id"
)
USER_FIELDS = (
    "username,name,verified,public_metrics,profile_image_url,description,location,url"
)
_NOT_FOUND_TYPE = "resource-not-found"


class XConnector(Connector):
    """X API v2 with an app-only bearer token (reading).

    Reading uses the ``bearer_token`` credential. Writing (replies, direct
    messages) needs a user-context OAuth 2.0 token in ``user_access_token``
    (scopes ``tweet.write``, ``dm.write``, ``users.read``): an app-only bearer
    token cannot post. ``account_ref`` is the X user id of the account, needed
    for ``mentions`` sources.

    Cursor: ``{"since_id": "<newest id of the last complete pass>"}``; while
    paging also ``next_token`` and ``pending_since_id``.
    """

    platform = "x"
    label = "X (Twitter)"
    default_base_url = "https://api.x.com"
    credential_fields = ("bearer_token",)
    source_kinds = ("search", "mentions")
    auth_hint = "check the bearer token on the account"
    not_found_hint = "the X user id of the account"
    rate_limit_remaining_header = "x-rate-limit-remaining"
    rate_limit_reset_header = "x-rate-limit-reset"
    page_size = 100

    def _auth_headers(self):
        self.check_credentials()
        return {"Authorization": f"Bearer {self.credentials['bearer_token']}"}

    def test_connection(self):
        self.check_credentials()
        if self.account_ref:
            payload, _ = self._call("GET", f"/2/users/{self.account_ref}")
        else:
            payload, _ = self._call("GET", "/2/users/by/username/XDevelopers")
        user = payload.get("data")
        if not isinstance(user, dict):
            raise self._errors_only(payload)
        if self.account_ref:
            return (
                f"Connected to X: the token reads the account @{user.get('username')}."
            )
        return "Connected to X: the bearer token works."

    def build_search(self, terms, hashtags=(), handles=(), excluded=()):
        query = super().build_search(terms, hashtags, handles, excluded)
        return f"{query} -is:retweet".strip()

    def fetch_page(self, source, cursor):
        self._check_source(source)
        self.check_credentials()
        cursor = cursor or {}
        since_id = cursor.get("since_id")
        next_token = cursor.get("next_token")
        params = {
            "max_results": self.page_size,
            "tweet.fields": TWEET_FIELDS,
            "expansions": "author_id",
            "user.fields": USER_FIELDS,
        }
        if since_id:
            params["since_id"] = since_id
        if source.kind == "search":
            if not source.value.strip():
                raise ConfigurationError("X (Twitter): the search source has no query.")
            query = source.value.strip()
            if source.language and "lang:" not in query:
                query = f"{query} lang:{source.language}"
            params["query"] = query
            path = "/2/tweets/search/recent"
            token_param = "next_token"
        else:
            user_id = self._require_account_ref("X user id")
            path = f"/2/users/{user_id}/mentions"
            token_param = "pagination_token"
        if next_token:
            params[token_param] = next_token

        payload, response = self._call("GET", path, params=params)
        tweets = self._list(payload, "data")
        meta = payload.get("meta") if isinstance(payload.get("meta"), dict) else {}
        if not tweets and not meta and payload.get("errors"):
            raise self._errors_only(payload)
        includes = payload.get("includes")
        users = {
            str(user.get("id")): user
            for user in self._list(
                includes if isinstance(includes, dict) else {}, "users"
            )
        }
        posts = [self._parse_tweet(tweet, users) for tweet in tweets if tweet.get("id")]
        deleted = [
            str(error["resource_id"])
            for error in self._list(payload, "errors")
            if _NOT_FOUND_TYPE in str(error.get("type", ""))
            and error.get("resource_id")
        ]

        pending = newest_id(
            cursor.get("pending_since_id") if next_token else None,
            meta.get("newest_id"),
            *(post["external_id"] for post in posts),
        )
        following = meta.get("next_token")
        if following:
            new_cursor = {"next_token": following, "pending_since_id": pending}
            if since_id:
                new_cursor["since_id"] = since_id
            return self._page(posts, new_cursor, False, response, deleted)
        high_water = newest_id(since_id, pending)
        new_cursor = {"since_id": high_water} if high_water else {}
        return self._page(posts, new_cursor, True, response, deleted)

    def _errors_only(self, payload):
        errors = self._list(payload, "errors")
        if not errors:
            return PayloadError("X (Twitter) answered without data nor errors.")
        first = errors[0]
        detail = first.get("detail") or first.get("message") or first.get("title")
        if _NOT_FOUND_TYPE in str(first.get("type", "")):
            return NotFoundError(
                f"X (Twitter) found nothing: {detail}: check the user id or handle."
            )
        return ClientRequestError(f"X (Twitter) refused the request: {detail}.")

    def _parse_tweet(self, tweet, users):
        author_id = str(tweet.get("author_id") or "")
        user = users.get(author_id) or {}
        username = user.get("username") or ""
        metrics = tweet.get("public_metrics") or {}
        parent_id = None
        for reference in tweet.get("referenced_tweets") or ():
            if isinstance(reference, dict) and reference.get("type") == "replied_to":
                parent_id = reference.get("id")
        url = (
            f"https://x.com/{username}/status/{tweet['id']}"
            if username
            else f"https://x.com/i/web/status/{tweet['id']}"
        )
        return make_post(
            self.platform,
            tweet["id"],
            tweet.get("text"),
            self._parse_user(author_id, user),
            tweet.get("created_at"),
            url=url,
            kind="reply" if parent_id else "post",
            parent_external_id=parent_id,
            language=short_language(tweet.get("lang")),
            likes=metrics.get("like_count"),
            shares=(metrics.get("retweet_count") or 0)
            + (metrics.get("quote_count") or 0),
            replies=metrics.get("reply_count"),
        )

    def _parse_user(self, author_id, user):
        username = user.get("username") or ""
        metrics = user.get("public_metrics") or {}
        return make_author(
            author_id,
            username,
            user.get("name"),
            profile_url=f"https://x.com/{username}" if username else None,
            avatar_url=user.get("profile_image_url"),
            bio=user.get("description"),
            followers=metrics.get("followers_count"),
            verified=user.get("verified"),
            location=user.get("location"),
            website=user.get("url") or None,
        )

    # -- writing --------------------------------------------------------------

    def send_reply(
        self,
        parent_external_id,
        text,
        *,
        parent_author_handle=None,
        direct_message=False,
        idempotency_key=None,
    ):
        """Reply publicly (``POST /2/tweets``) or by direct message to the author.

        X has no idempotency key: the caller must not retry a reply that may
        have been created.
        """
        self._require_credentials(
            ("user_access_token",), "(a user-context OAuth 2.0 token is needed to post)"
        )
        headers = {"Authorization": f"Bearer {self.credentials['user_access_token']}"}
        if direct_message:
            payload, _ = self._call(
                "GET",
                f"/2/tweets/{parent_external_id}",
                params={"tweet.fields": "author_id"},
                headers=headers,
                auth=False,
            )
            author_id = (payload.get("data") or {}).get("author_id")
            if not author_id:
                raise self._errors_only(payload)
            payload, _ = self._call(
                "POST",
                f"/2/dm_conversations/with/{author_id}/messages",
                json_body={"text": text},
                headers=headers,
                auth=False,
            )
            created = payload.get("data") or {}
            reply_id = created.get("dm_event_id")
        else:
            body = {"text": text, "reply": {"in_reply_to_tweet_id": parent_external_id}}
            payload, _ = self._call(
                "POST", "/2/tweets", json_body=body, headers=headers, auth=False
            )
            reply_id = (payload.get("data") or {}).get("id")
        if not reply_id:
            raise PayloadError("X (Twitter) accepted the reply but returned no id.")
        return str(reply_id)
