"""What every connector shares: sources, pages, the HTTP call and error mapping."""

from dataclasses import dataclass, field
from datetime import datetime

from ..errors import ConfigurationError, PayloadError
from ..posts import make_author
from .http import (
    decode_json,
    error_for_status,
    json_or_none,
    new_session,
    parse_count,
    parse_reset,
    retry_after_seconds,
    send,
    truncate,
)

SOURCE_KINDS = ("search", "mentions", "hashtag", "feed", "comments")


@dataclass
class Source:
    """What to listen to on one account (a search, a hashtag, a feed, ...)."""

    kind: str
    value: str = ""
    language: str | None = None

    @property
    def key(self) -> str:
        key = f"{self.kind}:{(self.value or '').strip()}"
        return f"{key}|{self.language}" if self.language else key


@dataclass
class FetchPage:
    """One page of normalized posts and the cursor to store once they are saved."""

    posts: list[dict]
    cursor: dict
    done: bool
    rate_limit_remaining: int | None = None
    rate_limit_reset: datetime | None = None
    deleted_ids: list[str] = field(default_factory=list)


class Connector:
    """Base class of the platform connectors.

    Subclasses set the class attributes and implement ``test_connection`` and
    ``fetch_page``; HTTP, credentials and error mapping live here.
    """

    platform = ""
    label = ""
    default_base_url = ""
    credential_fields = ()
    source_kinds = ()
    # what a 401/403 tells the user to check, and what a 404 points at
    auth_hint = "check the credentials on the account"
    not_found_hint = "the source value and the account settings"
    rate_limit_remaining_header = None
    rate_limit_reset_header = None

    def __init__(
        self,
        base_url=None,
        credentials=None,
        account_ref=None,
        timeout=10.0,
        session=None,
    ):
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.credentials = {
            key: str(value).strip()
            for key, value in (credentials or {}).items()
            if value is not None
        }
        self.account_ref = str(account_ref).strip() if account_ref else None
        self.timeout = timeout
        self.session = session or new_session()

    # -- public interface ---------------------------------------------------

    def check_credentials(self):
        self._require_credentials(self.credential_fields)

    def test_connection(self) -> str:
        raise NotImplementedError

    def fetch_page(self, source: Source, cursor: dict | None) -> FetchPage:
        raise NotImplementedError

    def send_reply(
        self,
        parent_external_id,
        text,
        *,
        parent_author_handle=None,
        direct_message=False,
        idempotency_key=None,
    ) -> str:
        raise ConfigurationError(f"{self.label} cannot send replies from Odoo.")

    def build_search(self, terms, hashtags=(), handles=(), excluded=()) -> str:
        """A plain keyword query; platforms with their own syntax override this."""
        parts = [f'"{term}"' if " " in term else term for term in terms or ()]
        parts += [f"#{tag.lstrip('#')}" for tag in hashtags or ()]
        parts += [f"@{handle.lstrip('@')}" for handle in handles or ()]
        parts += [f"-{word}" for word in excluded or ()]
        return " ".join(parts)

    # -- helpers for subclasses ---------------------------------------------

    def _require_credentials(self, fields, purpose=""):
        missing = [name for name in fields if not self.credentials.get(name)]
        if missing:
            raise ConfigurationError(
                f"{self.label}: missing credential(s) {', '.join(missing)}"
                f"{' ' + purpose if purpose else ''}: fill them in on the account."
            )

    def _require_account_ref(self, what):
        if not self.account_ref:
            raise ConfigurationError(
                f"{self.label}: the account has no {what} set: fill it in on the "
                "account."
            )
        return self.account_ref

    def _check_source(self, source):
        if source.kind not in self.source_kinds:
            raise ConfigurationError(
                f"{self.label} cannot listen to sources of kind {source.kind!r}; "
                f"supported: {', '.join(self.source_kinds)}."
            )

    def _auth_headers(self):
        return {}

    def _url(self, path):
        return f"{self.base_url}/{path.lstrip('/')}"

    def _call(
        self,
        method,
        path,
        *,
        params=None,
        json_body=None,
        form=None,
        headers=None,
        expect=dict,
        auth=True,
        url=None,
    ):
        """Send a request and return ``(payload, response)``; raise on failure."""
        all_headers = {**(self._auth_headers() if auth else {}), **(headers or {})}
        response = send(
            self.session,
            method,
            url or self._url(path),
            label=self.label,
            timeout=self.timeout,
            params=params,
            json=json_body,
            data=form,
            headers=all_headers,
        )
        if not 200 <= response.status_code < 300:
            raise self._error(response)
        if expect is None or response.status_code == 204:
            return None, response
        return decode_json(response, self.label, expect), response

    def _error(self, response):
        payload = json_or_none(response)
        if (specific := self._platform_error(response, payload)) is not None:
            return specific
        return error_for_status(
            response,
            label=self.label,
            detail=self._error_detail(payload),
            auth_hint=self.auth_hint,
            what=self.not_found_hint,
            retry_after=retry_after_seconds(
                response.headers, self.rate_limit_reset_header
            ),
        )

    def _platform_error(self, response, payload):
        """Return an error for platform-specific cases (quota codes...) or None."""
        return None

    def _error_detail(self, payload):
        if isinstance(payload, str):
            return truncate(payload)
        if not isinstance(payload, dict):
            return ""
        error = payload.get("error")
        if isinstance(error, dict):
            error = error.get("message")
        errors = payload.get("errors")
        first_error = errors[0] if isinstance(errors, list) and errors else None
        if isinstance(first_error, dict):
            first_error = first_error.get("message")
        for candidate in (
            payload.get("detail"),
            payload.get("message"),
            error,
            first_error,
        ):
            if isinstance(candidate, str) and candidate.strip():
                return truncate(candidate)
        return ""

    def _rate_limit(self, response):
        headers = response.headers
        remaining = reset = None
        if self.rate_limit_remaining_header:
            remaining = parse_count(headers.get(self.rate_limit_remaining_header))
        if self.rate_limit_reset_header:
            reset = parse_reset(headers.get(self.rate_limit_reset_header))
        return remaining, reset

    def _page(self, posts, cursor, done, response=None, deleted_ids=None):
        remaining = reset = None
        if response is not None:
            remaining, reset = self._rate_limit(response)
        return FetchPage(
            posts=posts,
            cursor=cursor,
            done=done,
            rate_limit_remaining=remaining,
            rate_limit_reset=reset,
            deleted_ids=list(deleted_ids or []),
        )

    def _list(self, payload, key):
        """``payload[key]`` as a list of dicts; a non-list is a PayloadError."""
        value = payload.get(key) if isinstance(payload, dict) else None
        if value is None:
            return []
        if not isinstance(value, list):
            raise PayloadError(
                f"{self.label} answered with {key!r} of type "
                f"{type(value).__name__} instead of a list: the API may have changed."
            )
        return [item for item in value if isinstance(item, dict)]


def unknown_author():
    return make_author("", "", None)


def id_sort_key(external_id):
    """Order snowflake-like ids (digits or fixed-width strings) without int()."""
    text = str(external_id or "")
    return (len(text), text)


def newest_id(*ids):
    present = [str(value) for value in ids if value]
    return max(present, key=id_sort_key) if present else None


def short_language(tag):
    """'en-US' -> 'en'; 'und' and empty -> None."""
    if not tag or not isinstance(tag, str):
        return None
    primary = tag.replace("_", "-").split("-")[0].strip().lower()
    return primary if primary and primary != "und" else None
