"""The normalized post: the one shape every connector produces and ingestion consumes.

A post is a plain ``dict``::

    {
        "platform": "x",                  # key of social.crm.account.platform
        "external_id": "1234",            # unique per platform account
        "url": "https://x.com/u/status/1234" or None,
        "text": "plain text, no HTML",
        "posted_at": datetime (timezone-aware, UTC),
        "kind": "post" | "reply" | "comment" | "dm" | "review",
        "parent_external_id": "1200" or None,
        "language": "en" or None,         # only when the platform says so
        "likes": 0, "shares": 0, "replies": 0,
        "deleted": False,
        "author": {
            "external_id": "42",          # platform user id
            "handle": "jdoe",             # no leading @ (Mastodon: user@instance)
            "display_name": "Jane Doe",
            "profile_url": None, "avatar_url": None, "bio": None,
            "followers": 0, "verified": False,
            "location": None, "website": None,
        },
    }

``make_post`` fills defaults and cleans the text, so that connectors only state
what they know.
"""

import unicodedata
from datetime import UTC, datetime

KINDS = ("post", "reply", "comment", "dm", "review")
MAX_TEXT_LENGTH = 100_000

# Zero-width and BOM characters carry no meaning for the team and break matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def clean_text(text):
    """NFC, without zero-width characters and NULs; emoji and RTL text stay."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE)
    text = text.replace("\x00", "")
    return text[:MAX_TEXT_LENGTH].strip()


def to_int(value):
    try:
        return max(int(value or 0), 0)
    except (TypeError, ValueError):
        return 0


def parse_datetime(value):
    """ISO 8601 string, epoch seconds or datetime -> aware UTC datetime.

    None when the value cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    text = str(value).strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def make_author(external_id, handle, display_name=None, **extra):
    author = {
        "external_id": str(external_id),
        "handle": (handle or "").lstrip("@"),
        "display_name": clean_text(display_name) or (handle or "").lstrip("@"),
        "profile_url": None,
        "avatar_url": None,
        "bio": None,
        "followers": 0,
        "verified": False,
        "location": None,
        "website": None,
    }
    for key, value in extra.items():
        if key not in author:
            raise KeyError(f"unknown author field {key!r}")
        author[key] = value
    author["followers"] = to_int(author["followers"])
    author["verified"] = bool(author["verified"])
    if author["bio"]:
        author["bio"] = clean_text(author["bio"])
    return author


def make_post(platform, external_id, text, author, posted_at, **extra):
    """Build a normalized post; unknown keys are refused so typos surface in tests."""
    post = {
        "platform": platform,
        "external_id": str(external_id),
        "url": None,
        "text": clean_text(text),
        "posted_at": parse_datetime(posted_at) or datetime.now(UTC),
        "kind": "post",
        "parent_external_id": None,
        "language": None,
        "likes": 0,
        "shares": 0,
        "replies": 0,
        "deleted": False,
        "author": author,
    }
    for key, value in extra.items():
        if key not in post:
            raise KeyError(f"unknown post field {key!r}")
        post[key] = value
    if post["kind"] not in KINDS:
        raise ValueError(f"unknown post kind {post['kind']!r}")
    for key in ("likes", "shares", "replies"):
        post[key] = to_int(post[key])
    if post["parent_external_id"] is not None:
        post["parent_external_id"] = str(post["parent_external_id"])
    return post
