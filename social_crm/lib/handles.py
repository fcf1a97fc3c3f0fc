"""Per-platform validation and canonical form of account handles.

``normalize_handle`` returns the form stored in Odoo and compared with the
``author.handle`` of normalized posts (``posts.py``): no leading ``@``, no
surrounding whitespace, lowercase where the platform ignores case.

=========  ============================  ======================================
platform   accepted input                stored form
=========  ============================  ======================================
x          ``@JSmith``                   ``jsmith`` (1-15 of A-Z a-z 0-9 _)
mastodon   ``@user@instance.social``     ``user@instance.social``; a bare
                                         ``user`` needs ``default_instance``
bluesky    ``@name.bsky.social``, DID    ``name.bsky.social``, ``did:plc:…``
reddit     ``u/name``, ``/u/name``       ``name`` (3-20 of A-Z a-z 0-9 _ -)
youtube    ``@handle``, ``UC…`` id       ``handle``; channel ids keep case
facebook   ``page.name``                 ``page.name`` (5+ letters, digits, .)
instagram  ``@some_user``                ``some_user`` (1-30, no ``..``)
rss        anything, or empty            stripped text
=========  ============================  ======================================
"""

import re

from .posts import clean_text

__all__ = [
    "PLATFORMS",
    "InvalidHandleError",
    "is_valid_handle",
    "normalize_handle",
    "profile_url",
]

PLATFORMS = (
    "x",
    "mastodon",
    "bluesky",
    "reddit",
    "youtube",
    "facebook",
    "instagram",
    "rss",
)

MAX_DOMAIN_LENGTH = 253

_X_USERNAME = re.compile(r"[A-Za-z0-9_]{1,15}")
_MASTODON_USERNAME = re.compile(r"[A-Za-z0-9_]{1,30}")
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_DID_PLC = re.compile(r"did:plc:[a-z2-7]{24}")
_REDDIT_USERNAME = re.compile(r"[A-Za-z0-9_-]{3,20}")
_YOUTUBE_CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")
_YOUTUBE_HANDLE_LENGTH = (3, 30)
_FACEBOOK_USERNAME = re.compile(r"[A-Za-z0-9.]{5,50}")
_INSTAGRAM_USERNAME = re.compile(r"[A-Za-z0-9_.]{1,30}")
_REDDIT_PREFIX = re.compile(r"^/?u/", re.IGNORECASE)

_EXPECTED_FORMS = {
    "x": ("1 to 15 letters, digits or _", "@jsmith"),
    "mastodon": (
        "@user@instance, the user being 1 to 30 letters, digits or _",
        "@jsmith@mastodon.social",
    ),
    "bluesky": (
        "a domain name with at least one dot, or a did:plc:/did:web: DID",
        "@jsmith.bsky.social",
    ),
    "reddit": ("3 to 20 letters, digits, _ or -", "u/jsmith"),
    "youtube": (
        (
            "@handle of 3 to 30 letters, digits, _ - or ., or a channel id "
            "(UC followed by 22 characters)"
        ),
        "@jsmith",
    ),
    "facebook": ("a page username of at least 5 letters, digits or .", "acme.shop"),
    "instagram": (
        "1 to 30 letters, digits, _ or ., not starting or ending with . and without ..",
        "@jane.doe",
    ),
}

_LABELS = {
    "x": "X",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "reddit": "Reddit",
    "youtube": "YouTube",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "rss": "RSS",
}

_PROFILE_BASES = {
    "x": "https://x.com",
    "bluesky": "https://bsky.app",
    "reddit": "https://www.reddit.com",
    "youtube": "https://www.youtube.com",
    "facebook": "https://www.facebook.com",
    "instagram": "https://www.instagram.com",
}


class InvalidHandleError(ValueError):
    """A handle does not fit its platform; the message gives the expected form.

    ``platform``, ``handle`` (as typed), ``expected`` and ``example`` are kept
    so the Odoo layer can build a translated message of its own.
    """

    def __init__(self, platform, handle, reason=None):
        expected, example = _EXPECTED_FORMS.get(platform, ("", ""))
        label = _LABELS.get(platform, platform)
        message = f'Invalid {label} handle "{handle}"'
        if reason:
            message += f": {reason}"
        message += f". Expected {expected}, for example {example}."
        super().__init__(message)
        self.message = message
        self.platform = platform
        self.handle = handle
        self.expected = expected
        self.example = example


def normalize_handle(platform, handle, default_instance=None):
    """Validate ``handle`` for ``platform`` and return its canonical stored form.

    ``default_instance`` (Mastodon only) completes a bare ``user`` into
    ``user@instance``; it may be a host or a URL such as
    ``https://mastodon.social``. Raises ``InvalidHandleError`` (a ``ValueError``)
    when the handle does not fit, ``ValueError`` for an unknown platform.
    """
    if platform not in _NORMALIZERS:
        raise ValueError(f"Unknown platform {platform!r}")
    raw = clean_text(handle)
    if platform == "rss":
        return raw
    if not raw:
        raise InvalidHandleError(platform, raw, "the handle is empty")
    if platform == "mastodon":
        return _normalize_mastodon(raw, default_instance)
    return _NORMALIZERS[platform](raw)


def is_valid_handle(platform, handle, default_instance=None):
    """True when ``normalize_handle`` accepts the handle."""
    try:
        normalize_handle(platform, handle, default_instance=default_instance)
    except InvalidHandleError:
        return False
    return True


def _strip_at(raw):
    return raw.removeprefix("@")


def _normalize_x(raw):
    name = _strip_at(raw)
    if not _X_USERNAME.fullmatch(name):
        raise InvalidHandleError("x", raw)
    return name.lower()


def _normalize_mastodon(raw, default_instance):
    user, separator, instance = _strip_at(raw).partition("@")
    if not separator:
        if not default_instance:
            raise InvalidHandleError(
                "mastodon", raw, "the instance is missing (add @instance)"
            )
        instance = _host_of(default_instance)
    if not _MASTODON_USERNAME.fullmatch(user):
        raise InvalidHandleError("mastodon", raw, "the user name is not valid")
    host = _valid_domain(instance)
    if host is None:
        raise InvalidHandleError("mastodon", raw, "the instance is not a valid host")
    return f"{user.lower()}@{host}"


def _host_of(instance):
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", instance.strip(), flags=re.IGNORECASE)
    return host.split("/", 1)[0]


def _valid_domain(name):
    """Lowercase ASCII form of a domain with at least one dot, or ``None``.

    Labels of 1-63 letters, digits or inner hyphens, 253 characters at most, a
    top-level label not made of digits only; internationalized names are
    accepted and returned in their ``xn--`` form.
    """
    try:
        ascii_name = name.strip().rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = ascii_name.split(".")
    if len(ascii_name) > MAX_DOMAIN_LENGTH or len(labels) < 2:
        return None
    if not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        return None
    if labels[-1].isdigit():
        return None
    return ascii_name


def _normalize_bluesky(raw):
    name = _strip_at(raw)
    lowered = name.lower()
    if lowered.startswith("did:"):
        return _normalize_did(raw, lowered)
    domain = _valid_domain(name)
    if domain is None:
        raise InvalidHandleError("bluesky", raw)
    return domain


def _normalize_did(raw, lowered):
    if lowered.startswith("did:plc:"):
        if _DID_PLC.fullmatch(lowered):
            return lowered
        raise InvalidHandleError(
            "bluesky", raw, "a did:plc: identifier has 24 characters a-z and 2-7"
        )
    if lowered.startswith("did:web:"):
        host = _valid_domain(lowered.removeprefix("did:web:"))
        if host is not None:
            return f"did:web:{host}"
    raise InvalidHandleError("bluesky", raw)


def _normalize_reddit(raw):
    name = _REDDIT_PREFIX.sub("", _strip_at(raw))
    if not _REDDIT_USERNAME.fullmatch(name):
        raise InvalidHandleError("reddit", raw)
    return name.lower()


def _normalize_youtube(raw):
    if not raw.startswith("@") and _YOUTUBE_CHANNEL_ID.fullmatch(raw):
        return raw
    name = _strip_at(raw)
    shortest, longest = _YOUTUBE_HANDLE_LENGTH
    allowed = all(char.isalnum() or char in "_-." for char in name)
    if not allowed or not shortest <= len(name) <= longest:
        raise InvalidHandleError("youtube", raw)
    return name.lower()


def _normalize_facebook(raw):
    name = _strip_at(raw)
    if not _FACEBOOK_USERNAME.fullmatch(name):
        raise InvalidHandleError("facebook", raw)
    return name.lower()


def _normalize_instagram(raw):
    name = _strip_at(raw)
    if not _INSTAGRAM_USERNAME.fullmatch(name):
        raise InvalidHandleError("instagram", raw)
    if name.startswith(".") or name.endswith("."):
        raise InvalidHandleError("instagram", raw, "it starts or ends with a dot")
    if ".." in name:
        raise InvalidHandleError("instagram", raw, "it contains two dots in a row")
    return name.lower()


_NORMALIZERS = {
    "x": _normalize_x,
    "mastodon": _normalize_mastodon,
    "bluesky": _normalize_bluesky,
    "reddit": _normalize_reddit,
    "youtube": _normalize_youtube,
    "facebook": _normalize_facebook,
    "instagram": _normalize_instagram,
    "rss": clean_text,
}


def profile_url(platform, handle, base_url=None):
    """Public profile URL of a handle, or ``None`` (RSS, empty or invalid handle).

    ``base_url`` replaces the platform's web address (for Mastodon it is the
    instance that completes a bare ``user``). Best effort: this never raises
    for a bad handle because it is used while ingesting posts.
    """
    if platform == "rss" or not clean_text(handle):
        return None
    try:
        canonical = normalize_handle(platform, handle, default_instance=base_url)
    except InvalidHandleError:
        return None
    if platform == "mastodon":
        user, _, host = canonical.partition("@")
        return f"https://{host}/@{user}"
    base = (base_url or _PROFILE_BASES[platform]).rstrip("/")
    return base + _profile_path(platform, canonical)


def _profile_path(platform, canonical):
    if platform == "bluesky":
        return f"/profile/{canonical}"
    if platform == "reddit":
        return f"/user/{canonical}"
    if platform == "youtube":
        if _YOUTUBE_CHANNEL_ID.fullmatch(canonical):
            return f"/channel/{canonical}"
        return f"/@{canonical}"
    if platform == "instagram":
        return f"/{canonical}/"
    return f"/{canonical}"
