"""Platform connectors: plain Python clients that return normalized posts.

``CONNECTORS`` maps the platform key stored on the Odoo account to its class.
"""

from ..errors import ConfigurationError
from .base import Connector, FetchPage, Source
from .bluesky import BlueskyConnector
from .facebook import FacebookConnector
from .instagram import InstagramConnector
from .mastodon import MastodonConnector
from .reddit import RedditConnector
from .rss import RssConnector
from .x import XConnector
from .youtube import YouTubeConnector

CONNECTORS = {
    connector.platform: connector
    for connector in (
        XConnector,
        MastodonConnector,
        BlueskyConnector,
        RedditConnector,
        YouTubeConnector,
        FacebookConnector,
        InstagramConnector,
        RssConnector,
    )
}


def get_connector_class(platform: str) -> type[Connector]:
    """The connector class of a platform key; ConfigurationError if unknown."""
    try:
        return CONNECTORS[platform]
    except KeyError:
        raise ConfigurationError(
            f"No connector for the platform {platform!r}: "
            f"known platforms are {', '.join(sorted(CONNECTORS))}."
        ) from None


__all__ = ["CONNECTORS", "Connector", "FetchPage", "Source", "get_connector_class"]
