"""Platform keys shared by accounts, identities and mentions.

Other addons extend the selection fields with ``selection_add``; keep the keys
in sync with ``social_crm.lib.connectors``.
"""

PLATFORM_SELECTION = [
    ("x", "X (Twitter)"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("reddit", "Reddit"),
    ("youtube", "YouTube"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("rss", "RSS / Atom feed"),
]
