"""The one place where connectors talk HTTP and turn failures into library errors."""

import email.utils
from datetime import UTC, datetime
from http import HTTPStatus
from urllib.parse import urlsplit

import requests

from ..errors import (
    AuthenticationError,
    ClientRequestError,
    ConfigurationError,
    NotFoundError,
    PayloadError,
    RateLimitError,
    ServerError,
)
from ..posts import parse_datetime

USER_AGENT = "OdooSocialCRM/18.0 (+https://github.com/social-crm)"
DEFAULT_RETRY_AFTER = 60
# A reset value below this is a delay in seconds, above it a Unix timestamp.
_EPOCH_THRESHOLD = 1_000_000_000


def new_session():
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def host_of(url):
    return urlsplit(url).netloc.lower()


def send(session, method, url, *, label, timeout, **kwargs):
    """Perform one request; network failures become ``ServerError``."""
    headers = {"User-Agent": USER_AGENT, **(kwargs.pop("headers", None) or {})}
    try:
        return session.request(method, url, headers=headers, timeout=timeout, **kwargs)
    except requests.Timeout as exc:
        raise ServerError(
            f"{label} did not answer within {timeout:g} seconds: "
            "the platform is slow or down, the next run will retry."
        ) from exc
    except requests.ConnectionError as exc:
        raise ServerError(
            f"Could not reach {label} at {host_of(url) or url}: check the server "
            "address and the network; the next run will retry."
        ) from exc
    except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema) as exc:
        raise ConfigurationError(
            f"{label}: {url!r} is not a valid address: fix it on the account."
        ) from exc
    except requests.RequestException as exc:
        raise ServerError(
            f"The connection to {label} broke ({exc.__class__.__name__}): "
            "the next run will retry."
        ) from exc


def status_text(response):
    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = response.reason or ""
    return f"{response.status_code} {phrase}".strip()


def decode_json(response, label, expect=dict):
    """Parse a 2xx body; an unreadable or wrongly typed body is a PayloadError."""
    try:
        payload = response.json()
    except ValueError as exc:
        raise PayloadError(
            f"{label} answered {status_text(response)} with a body that is not "
            f"valid JSON ({exc}): probably a truncated answer, the next run will retry."
        ) from exc
    if expect is not None and not isinstance(payload, expect):
        wanted = "a list" if expect is list else "an object"
        raise PayloadError(
            f"{label} answered with an unexpected JSON shape ({wanted} was "
            f"expected, got {type(payload).__name__}): the API may have changed."
        )
    return payload


def json_or_none(response):
    """The body as JSON when it is JSON, else None (used to read error bodies)."""
    try:
        return response.json()
    except ValueError:
        return None


def parse_reset(value, now=None):
    """A rate-limit reset header value -> aware UTC datetime.

    Platforms disagree: X and Bluesky send a Unix timestamp, Reddit a delay in
    seconds, Mastodon an ISO date, ``Retry-After`` seconds or an HTTP date.
    """
    if value is None or str(value).strip() == "":
        return None
    now = now or datetime.now(UTC)
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is not None:
        if number >= _EPOCH_THRESHOLD:
            return datetime.fromtimestamp(number, UTC)
        return datetime.fromtimestamp(now.timestamp() + max(number, 0), UTC)
    try:
        return email.utils.parsedate_to_datetime(text).astimezone(UTC)
    except (TypeError, ValueError, IndexError):
        return parse_datetime(text)


def seconds_until(moment, now=None):
    if moment is None:
        return None
    now = now or datetime.now(UTC)
    return max(int((moment - now).total_seconds() + 0.999), 0)


def retry_after_seconds(headers, reset_header=None, now=None):
    """Seconds to wait from ``Retry-After`` or the platform's reset header."""
    for name in ("Retry-After", reset_header):
        if name and headers.get(name):
            seconds = seconds_until(parse_reset(headers[name], now), now)
            if seconds is not None:
                return seconds
    return None


def parse_count(value):
    """A remaining-calls header ('599.0' on Reddit) -> int, or None."""
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def error_for_status(
    response, *, label, detail="", auth_hint="", what="", retry_after=None
):
    """Map a non-2xx response to the library error with a message a user can act on."""
    status = response.status_code
    said = f"{status_text(response)}{': ' + detail if detail else ''}"
    if status in (401, 403):
        return AuthenticationError(
            f"{label} refused the credentials ({said}): "
            f"{auth_hint or 'check the credentials on the account'}.",
            status=status,
        )
    if status == 404:
        return NotFoundError(
            f"{label} found nothing there ({said}): "
            f"check {what or 'the source value and the account settings'}.",
            status=status,
        )
    if status == 429:
        wait = retry_after if retry_after is not None else DEFAULT_RETRY_AFTER
        return RateLimitError(
            f"{label} rate limit reached ({said}): waiting {wait} seconds before "
            "the next attempt.",
            status=status,
            retry_after=wait,
        )
    if 400 <= status < 500:
        return ClientRequestError(
            f"{label} refused the request ({said}): check the source settings "
            "(search syntax, ids) on the account.",
            status=status,
        )
    return ServerError(
        f"{label} had a server error ({said}): the next run will retry.",
        status=status,
    )


def truncate(text, limit=300):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
