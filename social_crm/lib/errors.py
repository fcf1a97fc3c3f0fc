"""Exceptions raised by the platform clients and parsers.

The Odoo layer only needs to know whether a failure is worth retrying and when.
"""


class SocialCrmError(Exception):
    """Base class of every error raised by ``social_crm.lib``."""

    retryable = False

    def __init__(self, message, status=None, retry_after=None):
        super().__init__(message)
        self.message = message
        self.status = status
        # seconds to wait before the next attempt, when the platform said so
        self.retry_after = retry_after


class ConfigurationError(SocialCrmError):
    """Missing credentials or settings: nothing is sent until a human fixes it."""


class AuthenticationError(SocialCrmError):
    """401/403: the token is wrong, expired or lacks a permission."""


class NotFoundError(SocialCrmError):
    """404: the resource (user, page, video, feed) does not exist."""


class ClientRequestError(SocialCrmError):
    """Any other 4xx: the request itself is wrong and retrying will not help."""


class RateLimitError(SocialCrmError):
    """429 or a platform quota: wait ``retry_after`` seconds."""

    retryable = True


class ServerError(SocialCrmError):
    """5xx, timeouts and connection errors: retry later with backoff."""

    retryable = True


class PayloadError(SocialCrmError):
    """The platform answered 2xx with a body we cannot read (truncated, malformed)."""

    retryable = True
